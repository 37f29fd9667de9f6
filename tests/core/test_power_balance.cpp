// Region groups and the power balance at hand-computed dates (core/region_groups.*, core/power_balance.*).
//
// The scenario written below (groups SOUTH = TX+OK, EAST = OH+PA):
//   datacenters tx1 TX 1000 MW construction 2025-01, online 2027-01
//               ok1 OK  300 MW online 2026-01
//               oh1 OH  500 MW construction 2026-01, online 2028-01
//               unk TX  unknown MW, online 2025 (counted as unknown, not summed)
//   plants      gasT gas TX 600 MW construction 2025-06, online 2027-06, serves tx1
//               nukP nuclear PA 800 MW online 2024, serves oh1 (in EAST both ways: counted once)
//               solX solar NM 200 MW online 2026, serves tx1 (NM is in no group: counts for SOUTH)
//               gasO gas OK 100 MW announced 2026 (planned)
//   series      SOUTH headroom_mw 2026: 5000, 2028: 3000 (step)
#include "core/power_balance.h"
#include "core/tour.h"
#include "core/view/tour_rig.h"
#include "test_support.h"

#include <string>

using namespace buildout;
using namespace buildout::test;

namespace {

const char* kManifest = R"({
  "format": "buildout-scenario", "version": 1, "id": "bal", "title": "Balance test",
  "time": { "start": "2024", "end": "2030-12-31" },
  "metrics": { "headroom_mw": { "unit": "MW", "interpolation": "step" } },
  "layers": [
    { "kind": "datacenters", "file": "dc.csv" },
    { "kind": "power_plants", "file": "pp.csv" },
    { "kind": "series", "file": "series.csv" }
  ],
  "region_groups": { "source": "hand", "groups": [
    { "id": "SOUTH", "name": "South", "regions": ["TX", "OK"] },
    { "id": "EAST", "name": "East", "regions": ["OH", "PA"] }
  ] }
})";

const char* kDatacenters = "id,lat,lon,capacity_mw,construction,online\n"
                           "tx1,32.45,-99.75,1000,2025-01,2027-01\n"
                           "ok1,35.5,-97.5,300,,2026-01\n"
                           "oh1,40.0,-82.9,500,2026-01,2028-01\n"
                           "unk,31.0,-97.0,,,2025\n";
const char* kPlants = "id,fuel,lat,lon,capacity_mw,announced,construction,online,serves\n"
                      "gasT,gas,32.5,-99.7,600,,2025-06,2027-06,tx1\n"
                      "nukP,nuclear,40.2,-76.7,800,,,2024,oh1\n"
                      "solX,solar,34.5,-106.0,200,,,2026,tx1\n"
                      "gasO,gas,35.6,-97.4,100,2026,,,\n";
const char* kSeries = "id,date,metric,value\nSOUTH,2026,headroom_mw,5000\nSOUTH,2028,headroom_mw,3000\n";

Loaded writeAndLoad(const TempDir& dir, const std::string& manifest) {
    dir.write("scenario.json", manifest);
    dir.write("dc.csv", kDatacenters);
    dir.write("pp.csv", kPlants);
    dir.write("series.csv", kSeries);
    return loadDir(dir.str());
}

const GroupBalance& group(const std::vector<GroupBalance>& b, const std::string& id) {
    for (const GroupBalance& g : b)
        if (g.id == id) return g;
    FAIL("no group " << id);
    return b.front();
}

TimeDays at(int y, int m = 1, int d = 1) {
    return static_cast<TimeDays>(daysFromCivil(y, m, d));
}

} // namespace

TEST_CASE("power balance: groups at 2026-06-01", "[balance]") {
    TempDir dir;
    const Loaded l = writeAndLoad(dir, kManifest);
    INFO(l.report());
    REQUIRE(l.ok());
    const Scenario& s = l.scenario();
    REQUIRE(s.regionGroups.groups.size() == 2);
    const auto b = balanceAt(s, at(2026, 6, 1));
    REQUIRE(b.size() == 2);
    const GroupBalance& south = group(b, "SOUTH");
    CHECK(south.demandOperatingMw == 300);     // ok1; unk unknown
    CHECK(south.unknownDemandCampuses == 1);   // unk
    CHECK(south.demandConstructionMw == 1000); // tx1
    CHECK(south.supplyOperatingMw == 200);     // solX serves tx1 from NM
    CHECK(south.supplyOperatingByFuelMw[static_cast<std::size_t>(Fuel::Solar)] == 200);
    CHECK(south.supplyConstructionMw == 600); // gasT
    CHECK(south.supplyPlannedMw == 100);      // gasO
    CHECK(south.marginMw() == -100);
    CHECK(south.marginWithConstructionMw() == -500);
    REQUIRE(south.series.size() == 1);
    CHECK(south.series[0].first == "headroom_mw");
    CHECK(south.series[0].second == 5000);
    const GroupBalance& east = group(b, "EAST");
    CHECK(east.demandOperatingMw == 0);
    CHECK(east.demandConstructionMw == 500);
    CHECK(east.supplyOperatingMw == 800); // nukP counted once though it is in EAST and serves EAST
    CHECK(east.plantsCounted == 1);
    CHECK(east.marginMw() == 800);
    CHECK(largestGaps(b, 5) == std::vector<int>{0});
}

TEST_CASE("power balance: groups at 2028-01-01", "[balance]") {
    TempDir dir;
    const Loaded l = writeAndLoad(dir, kManifest);
    REQUIRE(l.ok());
    const auto b = balanceAt(l.scenario(), at(2028));
    const GroupBalance& south = group(b, "SOUTH");
    CHECK(south.demandOperatingMw == 1300); // tx1 + ok1
    CHECK(south.demandConstructionMw == 0);
    CHECK(south.supplyOperatingMw == 800); // gasT + solX
    CHECK(south.supplyOperatingByFuelMw[static_cast<std::size_t>(Fuel::Gas)] == 600);
    CHECK(south.marginMw() == -500);
    CHECK(south.series.at(0).second == 3000);
    const GroupBalance& east = group(b, "EAST");
    CHECK(east.demandOperatingMw == 500);
    CHECK(east.marginMw() == 300);
    // Before anything: 2024-01-01 only nukP operates; EAST +800, SOUTH 0.
    const auto early = balanceAt(l.scenario(), at(2024));
    CHECK(group(early, "EAST").marginMw() == 800);
    CHECK(group(early, "SOUTH").marginMw() == 0);
    CHECK(largestGaps(early, 5).empty());
}

TEST_CASE("power balance: without groups every region is its own", "[balance]") {
    TempDir dir;
    std::string m = kManifest;
    const auto from = m.find(",\n  \"region_groups\"");
    m.erase(from, m.rfind("\n}") - from);
    dir.write("scenario.json", m);
    dir.write("dc.csv", kDatacenters);
    dir.write("pp.csv", kPlants);
    dir.write("series.csv", "id,date,metric,value\nTX,2026,headroom_mw,5000\n");
    const Loaded l = loadDir(dir.str());
    INFO(l.report());
    REQUIRE(l.ok());
    const auto b = balanceAt(l.scenario(), at(2028));
    const GroupBalance& tx = group(b, "TX");
    CHECK(tx.demandOperatingMw == 1000);
    CHECK(tx.supplyOperatingMw == 800); // gasT in TX, solX serves tx1
    CHECK(group(b, "NM").supplyOperatingMw == 200);
    CHECK(group(b, "PA").supplyOperatingMw == 800);
    CHECK(group(b, "OH").supplyOperatingMw == 800); // nukP serves oh1
}

TEST_CASE("region groups: bad groups are FILE:LINE errors", "[balance][groups]") {
    TempDir dir;
    std::string m = kManifest;
    const auto pos = m.find(R"("regions": ["OH", "PA"])");
    m.replace(pos, std::string(R"("regions": ["OH", "PA"])").size(),
              R"("regions": ["OH", "ZZ", "TX", "US"])");
    const Loaded l = writeAndLoad(dir, m);
    CHECK_FALSE(l.ok());
    INFO(l.report());
    CHECK(l.has(Severity::Error, "scenario.json", 12, 0, {"'ZZ'", "not a region"}));
    CHECK(l.has(Severity::Error, "scenario.json", 12, 0, {"'TX'", "two region groups", "SOUTH", "EAST"}));
    CHECK(l.has(Severity::Error, "scenario.json", 12, 0, {"'US'", "nation"}));
}

TEST_CASE("region groups: duplicate ids, region ids as group ids, unknown built-in", "[balance][groups]") {
    TempDir dir;
    std::string m = kManifest;
    m.replace(m.find("\"id\": \"EAST\""), 12, "\"id\": \"SOUTH\"");
    const Loaded dup = writeAndLoad(dir, m);
    INFO(dup.report());
    CHECK(dup.has(Severity::Error, "scenario.json", 12, 0, {"'SOUTH'", "used twice"}));
    std::string m2 = kManifest;
    m2.replace(m2.find("\"id\": \"EAST\""), 12, "\"id\": \"OH\"");
    CHECK(writeAndLoad(dir, m2).has(Severity::Error, "scenario.json", 12, 0, {"'OH'", "basemap region id"}));
    std::string m3 = kManifest;
    const auto a = m3.find("{ \"source\"");
    m3.replace(a, m3.find("] }\n}") + 3 - a, "\"no-such-groups\"");
    CHECK(writeAndLoad(dir, m3).has(Severity::Error, "scenario.json", 10, 0,
                                    {"unknown region groups", "no-such-groups"}));
}

TEST_CASE("region groups: the shipped US grid operators", "[balance][groups]") {
    TempDir dir;
    std::string m = kManifest;
    const auto a = m.find("{ \"source\"");
    m.replace(a, m.find("] }\n}") + 3 - a, "\"grid-operators\"");
    dir.write("scenario.json", m);
    dir.write("dc.csv", kDatacenters);
    dir.write("pp.csv", kPlants);
    dir.write("series.csv", "id,date,metric,value\nERCOT,2026,headroom_mw,5000\n");
    const Loaded l = loadDir(dir.str());
    INFO(l.report());
    REQUIRE(l.ok());
    CHECK(l.warnings() == 0);
    const RegionGroupSet& g = l.scenario().regionGroups;
    CHECK(g.groups.size() == 10);
    CHECK(g.note == "approximate: each state in the operator that serves most of its load");
    CHECK_FALSE(g.source.empty());
    const auto b = balanceAt(l.scenario(), at(2028));
    const GroupBalance& ercot = group(b, "ERCOT");
    CHECK(ercot.demandOperatingMw == 1000); // tx1 (ok1 is in SPP)
    CHECK(group(b, "SPP").demandOperatingMw == 300);
    CHECK(ercot.supplyOperatingMw == 800); // gasT, and solX (NM, West) serves tx1
    CHECK(group(b, "WEST").supplyOperatingMw == 200);
    CHECK(group(b, "PJM").marginMw() == 300); // nukP 800 - oh1 500
}

TEST_CASE("tour: a beat's \"choropleth\" switches the map to the power margin", "[balance][tour]") {
    const std::string text = R"({ "format": "buildout-tour", "version": 1, "beats": [
      { "date": "2029", "choropleth": "power_margin" },
      { "date": "2030", "choropleth": "none" },
      { "date": "2031" } ] })";
    Tour t;
    Diagnostics d;
    REQUIRE(parseTour(text, "t.json", t, d));
    REQUIRE(t.beats.size() == 3);
    CHECK(t.beats[0].choropleth == std::optional<std::string>("power_margin"));
    CHECK(t.beats[1].choropleth == std::optional<std::string>(""));
    CHECK_FALSE(t.beats[2].choropleth);
    MapSettings m;
    applyBeatLayers(t.beats[0], m);
    CHECK(m.choroplethMetric == kPowerMarginChoropleth);
    applyBeatLayers(t.beats[2], m); // unset: kept
    CHECK(m.choroplethMetric == kPowerMarginChoropleth);
    applyBeatLayers(t.beats[1], m);
    CHECK(m.choroplethMetric.empty());
    // Saved and read back the same.
    Tour back;
    REQUIRE(parseTour(tourToJson(t), "t.json", back, d));
    CHECK(back.beats[0].choropleth == t.beats[0].choropleth);
    CHECK(back.beats[1].choropleth == t.beats[1].choropleth);
}
