// libFuzzer target: the strict date parser, and formatting what it accepts (which must parse back).
#include "core/date.h"
#include "fuzz_support.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string why;
    const auto parsed = buildout::parseDate(buildout::fuzz::asText(data, size), &why);
    if (parsed) {
        const std::string text = buildout::formatDate(parsed->day);
        const auto again = buildout::parseDate(text);
        if (!again || again->day != parsed->day) std::abort(); // formatDate must give a parseable date
    }
    return 0;
}
