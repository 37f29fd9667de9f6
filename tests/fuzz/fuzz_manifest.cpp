// libFuzzer target: the manifest reader (scenario.json), as the loader calls it.
#include "core/diagnostics.h"
#include "core/manifest_reader.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    buildout::Diagnostics diag;
    const std::string text(buildout::fuzz::asText(data, size));
    (void)buildout::readManifest(text, "scenario.json", buildout::fuzz::scratch().string(), diag);
    return 0;
}
