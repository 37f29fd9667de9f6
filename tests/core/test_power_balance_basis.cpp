// The power balance counts facility demand only (core/capacity_basis.h via campusDemandMw): an IT-basis
// campus is converted with the manifest's PUE, a grid-request or on-site-generation figure is counted as a
// campus but never summed as demand. Figures worked out by hand at 2026-06-01.
//
// The scenario written below (one group SOUTH = TX+OK, assumptions.pue = 1.25):
//   datacenters fac TX  400 MW facility    online 2025           operating:    400 MW demand
//               itc OK  800 MW IT          online 2026-01        operating:    800 x 1.25 = 1000 MW
//               gen TX 2000 MW generation  online 2025           operating:    apart (not demand)
//               itb OK  200 MW IT          construction 2026-03  building:     200 x 1.25 = 250 MW
//               grd TX  300 MW grid        construction 2026-01  building:     apart (not demand)
//   plants      gasT gas TX 1500 MW online 2024                  supply:      1500 MW
// At 2026-06-01: operating demand 400 + 1000 = 1400 MW, building demand 250 MW;
//   margin = 1500 - 1400 = +100 MW; with construction = 1500 - 1400 - 250 = -150 MW.
// Without the PUE the IT rows are apart too: operating demand 400 MW (margin +1100), building 0.
#include "core/balance_report.h"
#include "core/power_balance.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

using namespace buildout;
using namespace buildout::test;

namespace {

std::string manifest(bool withPue) {
    return std::string(R"({
  "format": "buildout-scenario", "version": 1, "id": "balbasis", "title": "Balance on bases",
  "time": { "start": "2024", "end": "2030-12-31" },)") +
           (withPue ? R"(
  "assumptions": { "pue": 1.25, "note": "test PUE" },)"
                    : "") +
           R"(
  "layers": [
    { "kind": "datacenters", "file": "dc.csv" },
    { "kind": "power_plants", "file": "pp.csv" }
  ],
  "region_groups": { "source": "hand", "groups": [
    { "id": "SOUTH", "name": "South", "regions": ["TX", "OK"] }
  ] }
})";
}

const char* kDatacenters = "id,lat,lon,capacity_mw,capacity_basis,construction,online\n"
                           "fac,32.45,-99.75,400,facility,,2025\n"
                           "itc,35.5,-97.5,800,it,,2026-01\n"
                           "gen,31.0,-97.0,2000,generation,,2025\n"
                           "itb,35.6,-97.4,200,IT,2026-03,2029\n"
                           "grd,32.0,-96.5,300,grid,2026-01,2028-01\n";
const char* kPlants = "id,fuel,lat,lon,capacity_mw,online\n"
                      "gasT,gas,32.5,-99.7,1500,2024\n";

Loaded writeAndLoad(const TempDir& dir, bool withPue) {
    dir.write("scenario.json", manifest(withPue));
    dir.write("dc.csv", kDatacenters);
    dir.write("pp.csv", kPlants);
    return loadDir(dir.str());
}

const Datacenter& campus(const Scenario& s, const std::string& id) {
    for (const Datacenter& d : s.datacenters)
        if (d.id == id) return d;
    FAIL("no campus " << id);
    return s.datacenters.front();
}

const TimeDays kJune2026 = static_cast<TimeDays>(daysFromCivil(2026, 6, 1));

} // namespace

TEST_CASE("power balance: IT load x PUE is demand, generation and grid figures are not", "[balance][basis]") {
    TempDir dir;
    const Loaded l = writeAndLoad(dir, true);
    INFO(l.report());
    REQUIRE(l.ok());
    const Scenario& s = l.scenario();
    REQUIRE(s.manifest.assumptions.pue == 1.25);

    // campusDemandMw is the one rule per campus.
    CHECK(campusDemandMw(s, campus(s, "fac"), kJune2026) == 400);
    CHECK(campusDemandMw(s, campus(s, "itc"), kJune2026) == 1000); // 800 x 1.25
    CHECK(std::isnan(campusDemandMw(s, campus(s, "gen"), kJune2026)));
    CHECK(std::isnan(campusDemandMw(s, campus(s, "grd"), kJune2026)));

    const auto b = balanceAt(s, kJune2026);
    REQUIRE(b.size() == 1);
    const GroupBalance& g = b[0];
    CHECK(g.demandOperatingMw == 1400);   // 400 + 800 x 1.25; gen's 2000 MW not added
    CHECK(g.demandConstructionMw == 250); // 200 x 1.25; grd's 300 MW not added
    CHECK(g.campusesOperating == 3);      // fac, itc, gen: counted ...
    CHECK(g.campusesConstruction == 2);   // itb, grd
    CHECK(g.apartDemandCampuses == 2);    // ... but gen and grd not summed
    CHECK(g.unknownDemandCampuses == 0);
    CHECK(g.supplyOperatingMw == 1500);
    CHECK(g.marginMw() == 100);                  // 1500 - 1400
    CHECK(g.marginWithConstructionMw() == -150); // 1500 - 1400 - 250

    const nlohmann::json j = balanceToJson(b);
    REQUIRE(j.size() == 1);
    CHECK(j[0]["demand_mw"] == 1400);
    CHECK(j[0]["apart_campuses"] == 2);
}

TEST_CASE("power balance: without a PUE, IT-basis campuses are apart too", "[balance][basis]") {
    TempDir dir;
    const Loaded l = writeAndLoad(dir, false);
    INFO(l.report());
    REQUIRE(l.ok());
    const auto b = balanceAt(l.scenario(), kJune2026);
    REQUIRE(b.size() == 1);
    CHECK(b[0].demandOperatingMw == 400); // fac only
    CHECK(b[0].demandConstructionMw == 0);
    CHECK(b[0].apartDemandCampuses == 4); // itc, gen, itb, grd
    CHECK(b[0].marginMw() == 1100);       // 1500 - 400
}
