// libFuzzer target: tour files (TOUR.json), and the round trip the GUI relies on when it saves one.
#include "core/diagnostics.h"
#include "core/tour.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    buildout::Tour tour;
    buildout::Diagnostics diag;
    if (buildout::parseTour(buildout::fuzz::asText(data, size), "TOUR.json", tour, diag)) {
        buildout::Tour again;
        buildout::Diagnostics diag2;
        (void)buildout::parseTour(buildout::tourToJson(tour), "TOUR.json", again, diag2);
    }
    return 0;
}
