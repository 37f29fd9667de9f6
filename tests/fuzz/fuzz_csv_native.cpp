// libFuzzer target: the native CSV reader on raw bytes (what readTable hands it after its checks).
#include "core/csv_fast_reader.h"
#include "core/diagnostics.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0; // the caller refuses empty files first
    buildout::Diagnostics diag;
    std::size_t cells = 0;
    int columns = 0;
    (void)buildout::readCsvFast(
        buildout::fuzz::asText(data, size), "f.csv", diag,
        [&](const buildout::TableHeader& h) {
            columns = static_cast<int>(h.columns.size());
            return true;
        },
        [&](const buildout::TableRow& row) {
            for (int c = 0; c < columns; ++c) cells += row.field(c).size();
        });
    return 0;
}
