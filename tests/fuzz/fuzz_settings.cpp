// libFuzzer target: the per-user settings file (settings.json), read as the GUI reads it at start-up, and
// the save/load round trip it relies on. The reader must never throw or crash: a bad file means defaults.
#include "core/view/app_settings.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = buildout::fuzz::writeScratch("settings.json", buildout::fuzz::asText(data, size));
    std::string warning;
    const buildout::AppSettings read = buildout::loadAppSettings(path, warning);
    // What was read must save and read back without a warning (the GUI saves it on exit).
    const std::string again = (buildout::fuzz::scratch() / "settings-again.json").string();
    std::string why;
    if (buildout::saveAppSettings(read, again, why)) {
        std::string warning2;
        (void)buildout::loadAppSettings(again, warning2);
        if (!warning2.empty()) __builtin_trap();
    }
    return 0;
}
