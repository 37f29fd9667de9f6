// libFuzzer target: one layer file read by the loader, as a whole scenario with a fixed manifest. The
// first input byte picks the format and reader: native CSV, GDAL's CSV driver, or GeoJSON (byte scan,
// then GDAL), and the layer kind; the rest is the file. Everything the loader does with the rows
// (lifecycle, coordinates, references, series) runs on them.
#include "core/scenario_loader.h"
#include "core/table_reader.h"
#include "fuzz_support.h"

namespace {

const char* const kKinds[] = {"datacenters", "power_plants", "transmission", "superclusters", "zones", "series"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace buildout::fuzz;
    if (size == 0) return 0;
    const int format = data[0] % 3; // 0 native CSV, 1 GDAL CSV, 2 GeoJSON
    const char* kind = kKinds[(data[0] / 3) % 6];
    const std::string file = format == 2 ? "layer.geojson" : "layer.csv";
    buildout::setCsvReader(format == 1 ? buildout::CsvReader::Gdal : buildout::CsvReader::Native);
    writeScratch(file, asText(data + 1, size - 1));
    writeScratch("scenario.json",
                 std::string("{\"format\":\"buildout-scenario\",\"version\":1,\"id\":\"f\",\"title\":\"f\",") +
                     "\"time\":{\"start\":\"2024\",\"end\":\"2030\"},"
                     "\"metrics\":{\"capacity_mw\":{\"unit\":\"MW\",\"interpolation\":\"step\"},"
                     "\"m\":{\"unit\":\"x\",\"interpolation\":\"linear\"}},"
                     "\"layers\":[{\"kind\":\"" + kind + "\",\"file\":\"" + file + "\"}]}");
    (void)buildout::loadScenario(scratch().string());
    return 0;
}
