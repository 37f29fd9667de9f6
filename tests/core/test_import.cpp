// core/import: header normalisation, column detection, status and fuel words, row conversion and the
// scenario folder it writes (a second import adds a layer).
#include "core/import/column_detect.h"
#include "core/import/import_table.h"
#include "core/import/scenario_writer.h"
#include "core/scenario_loader.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace buildout;
namespace fs = std::filesystem;

namespace {

SourceTable tableOf(std::vector<std::string> headers, std::vector<std::vector<std::string>> rows) {
    SourceTable t;
    t.driver = "CSV";
    t.headers = std::move(headers);
    int line = 1;
    for (auto& r : rows) {
        SourceRow s;
        s.cells = std::move(r);
        s.line = ++line;
        t.rows.push_back(std::move(s));
    }
    return t;
}

/// A scratch folder removed at the end of the test.
struct ScratchDir {
    fs::path path = fs::temp_directory_path() / ("buildout-import-test-" + std::to_string(::getpid()));
    ScratchDir() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

} // namespace

TEST_CASE("import: headers are matched in any case, with spaces and units", "[import]") {
    CHECK(normalizeHeader("Capacity (MW)").key == "capacity");
    CHECK(normalizeHeader("Capacity (MW)").unit == "mw");
    CHECK(normalizeHeader("  Online Year ").key == "online_year");
    CHECK(normalizeHeader("Voltage [kV]").unit == "kv");
    CHECK(normalizeHeader("capacity_gw").key == "capacity");
    CHECK(normalizeHeader("capacity_gw").unit == "gw");
    CHECK(normalizeHeader("capacity_mw").key == "capacity_mw");
}

TEST_CASE("import: common column names are detected, the rest are attributes", "[import]") {
    const std::vector<std::string> h = {"LATITUDE", "Lng",    "MW",     "COD", "Project Name",
                                        "Owner",    "Status", "County", "Y"};
    const ColumnMapping m = detectColumns(ImportKind::Datacenters, h, {});
    CHECK(m.fieldToColumn.at("lat") == 0);
    CHECK(m.fieldToColumn.at("lon") == 1);
    CHECK(m.fieldToColumn.at("capacity_mw") == 2);
    CHECK(m.fieldToColumn.at("online") == 3);
    CHECK(m.fieldToColumn.at("name") == 4);
    CHECK(m.fieldToColumn.at("operator") == 5);
    CHECK(m.fieldToColumn.at("status") == 6);
    CHECK(m.extras == std::vector<int>{7});
    CHECK(m.unused == std::vector<int>{8}); // a second latitude candidate is reported, not kept silently
}

TEST_CASE("import: --map overrides detection, a bad --map is refused", "[import]") {
    const std::vector<std::string> h = {"lat", "lon", "Net MW", "MW"};
    const ColumnMapping m = detectColumns(ImportKind::PowerPlants, h, {{"capacity_mw", "Net MW"}});
    CHECK(m.fieldToColumn.at("capacity_mw") == 2);
    CHECK_THROWS_AS(detectColumns(ImportKind::PowerPlants, h, {{"capacity_mw", "Gross MW"}}),
                    std::invalid_argument);
    CHECK_THROWS_AS(detectColumns(ImportKind::Datacenters, h, {{"fuel", "MW"}}), std::invalid_argument);
}

TEST_CASE("import: status and fuel words", "[import]") {
    CHECK(mapStatusWord("Operational", {}) == std::optional<std::string>("operating"));
    CHECK(mapStatusWord("under-construction", {}) == std::optional<std::string>("construction"));
    CHECK(mapStatusWord("Under Construction", {}) == std::optional<std::string>("construction"));
    CHECK(mapStatusWord("proposed", {}) == std::optional<std::string>("announced"));
    CHECK(mapStatusWord("Planned", {}) == std::optional<std::string>("announced"));
    CHECK(mapStatusWord("Canceled", {}) == std::optional<std::string>("cancelled"));
    CHECK_FALSE(mapStatusWord("in queue", {}));
    CHECK(mapStatusWord("In Queue", {{"in_queue", "announced"}}) == std::optional<std::string>("announced"));
    CHECK(mapFuelWord("Natural Gas") == std::optional<std::string>("gas"));
    CHECK(mapFuelWord("PV") == std::optional<std::string>("solar"));
    CHECK(mapFuelWord("Battery") == std::optional<std::string>("storage"));
    CHECK_FALSE(mapFuelWord("unobtainium"));
}

TEST_CASE("import: bad rows are reported with their row and skipped", "[import]") {
    ScratchDir dir;
    ImportOptions o;
    o.table = "t.csv";
    o.outDir = (dir.path / "out").string();
    ImportReport r;
    const SourceTable t = tableOf({"Name", "Latitude", "Longitude", "Capacity (GW)", "Online", "Status"},
                                  {{"A", "32.5", "-99.7", "1.5", "2027", "Operational"},
                                   {"B", "95", "-99.7", "1", "2027", ""},
                                   {"C", "32.5", "-99.7", "lots", "2027", ""},
                                   {"D", "32.5", "-99.7", "1", "2027-13", ""},
                                   {"E", "32.5", "-99.7", "1", "2027", "rumoured soon"},
                                   {"F", "", "", "1", "", ""}});
    const ImportedLayer l = convertTable(t, o, r);
    REQUIRE(l.rows.size() == 1);
    CHECK(r.skipped == 5);
    REQUIRE(r.problems.size() == 5);
    CHECK(r.problems[0].rfind("t.csv:3: warning: row 3 skipped: bad lat '95'", 0) == 0);
    CHECK(r.problems[1].rfind("t.csv:4: warning: row 4 skipped: bad capacity_mw 'lots'", 0) == 0);
    CHECK(r.problems[2].rfind("t.csv:5: warning: row 5 skipped: bad date '2027-13'", 0) == 0);
    CHECK(r.problems[3].rfind("t.csv:6: warning: row 6 skipped: unknown status 'rumoured soon'", 0) == 0);
    CHECK(r.problems[4].rfind("t.csv:7: warning: row 7 skipped: no coordinates", 0) == 0);
    // GW converted to MW; the id made from the name.
    const auto& h = l.header;
    const auto col = [&](const char* name) { return std::find(h.begin(), h.end(), name) - h.begin(); };
    CHECK(l.rows[0][static_cast<std::size_t>(col("capacity_mw"))] == "1500");
    CHECK(l.rows[0][static_cast<std::size_t>(col("id"))] == "a");
    CHECK(l.rows[0][static_cast<std::size_t>(col("status"))] == "operating");
}

TEST_CASE("import: the folder written loads, and a second import adds a layer", "[import]") {
    ScratchDir dir;
    const fs::path table = dir.path / "My Sites.csv";
    std::ofstream(table) << "Site,LAT,LONG,MW,Year,Stage,Tenant Count\n"
                            "Alpha,32.5,-99.7,100,2026,Proposed,3\n"
                            "Beta,40.0,-82.9,,2028,operational,1\n";
    ImportOptions o;
    o.table = table.string();
    o.outDir = (dir.path / "scenario").string();
    o.attribution = "Example data, CC0";
    const ImportReport first = importTable(o);
    CHECK(first.createdFolder);
    CHECK(first.layerFile == "my_sites_datacenters.csv");
    LoadResult a = loadScenario(o.outDir);
    REQUIRE(a.scenario);
    CHECK(a.scenario->datacenters.size() == 2);
    const ImportReport second = importTable(o);
    CHECK_FALSE(second.createdFolder);
    CHECK(second.layerFile == "my_sites_datacenters_2.csv");
    LoadResult b = loadScenario(o.outDir);
    REQUIRE(b.scenario);
    CHECK(b.scenario->datacenters.size() == 4); // ids made unique: alpha-2, beta-2
    std::ifstream in(fs::path(o.outDir) / "scenario.json");
    const std::string manifest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(manifest.find("Example data, CC0") != std::string::npos);
    CHECK(manifest.find("My Sites.csv") != std::string::npos);
    // No temporary files are left behind.
    for (const auto& e : fs::directory_iterator(dir.path))
        CHECK(e.path().filename().string().find("tmp") == std::string::npos);
}

TEST_CASE("import: transmission from end columns or a line geometry, kv required", "[import]") {
    ScratchDir dir;
    ImportOptions o;
    o.table = "lines.geojson";
    o.kind = ImportKind::Transmission;
    o.outDir = (dir.path / "out").string();
    SourceTable t = tableOf({"Line Name", "Voltage (kV)", "Start Lat", "Start Lon", "End Lat", "End Lon"},
                            {{"A-B", "500", "30", "-100", "31", "-99"},
                             {"C-D", "345", "", "", "", ""},
                             {"E-F", "", "30", "-100", "31", "-99"}});
    t.rows[1].lineFrom = std::make_pair(35.0, -97.0);
    t.rows[1].lineTo = std::make_pair(36.0, -96.0);
    ImportReport r;
    const ImportedLayer l = convertTable(t, o, r);
    REQUIRE(l.rows.size() == 2);
    CHECK(l.header ==
          std::vector<std::string>{"id", "name", "kv", "from_lat", "from_lon", "to_lat", "to_lon"});
    CHECK(l.rows[0] == std::vector<std::string>{"a-b", "A-B", "500", "30", "-100", "31", "-99"});
    CHECK(l.rows[1] == std::vector<std::string>{"c-d", "C-D", "345", "35", "-97", "36", "-96"});
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0] == "lines.geojson:4: warning: row 4 skipped: no voltage (a kv column)");
}
