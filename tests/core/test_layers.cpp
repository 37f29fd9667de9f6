// Layer rows (spec "Lifecycle" and "Layer kinds"): every rule with a passing and a failing example.
#include "core/scenario.h"
#include "test_support.h"

#include <cmath>

using namespace buildout;
using namespace buildout::test;

namespace {

Day day(int y, int m = 1, int d = 1) { return daysFromCivil(y, m, d); }

template <typename T> const T& byId(const std::vector<T>& items, const Scenario& s, EntityKind kind, const std::string& id) {
    const int i = s.find(kind, id);
    INFO("id " << id);
    REQUIRE(i >= 0);
    return items[static_cast<std::size_t>(i)];
}
const Datacenter& dc(const Scenario& s, const std::string& id) { return byId(s.datacenters, s, EntityKind::Datacenter, id); }
const PowerPlant& plant(const Scenario& s, const std::string& id) { return byId(s.powerPlants, s, EntityKind::PowerPlant, id); }
const TransmissionLine& line(const Scenario& s, const std::string& id) { return byId(s.lines, s, EntityKind::Transmission, id); }
const Zone& zone(const Scenario& s, const std::string& id) { return byId(s.zones, s, EntityKind::Zone, id); }

std::string attribute(const EntityBase& e, const std::string& key) {
    for (const Attribute& a : e.attributes)
        if (a.key == key) return a.value;
    return "(absent)";
}

/// Diagnostics that mention a given line of a file.
bool anyOnLine(const Loaded& l, const std::string& file, int line) {
    for (const Diagnostic& d : l.result.diagnostics.items())
        if (d.line == line && d.file.size() >= file.size() && d.file.compare(d.file.size() - file.size(), file.size(), file) == 0)
            return true;
    return false;
}

} // namespace

TEST_CASE("layers: dates in cells are strict", "[layers][dates]") {
    const Loaded l = loadData("invalid/dates");
    REQUIRE_REFUSED(l, 8);
    const char* f = "datacenters.csv";
    // Rows 2-4 hold good dates (YYYY, YYYY-MM, a leap day).
    for (int row : {2, 3, 4}) CHECK_FALSE(anyOnLine(l, f, row));
    CHECK_ERROR(l, f, 5, 4, "bad date '2027-13'", "online", "month out of range");
    CHECK_ERROR(l, f, 6, 4, "bad date '2027-02-30'", "online", "day out of range");
    CHECK_ERROR(l, f, 7, 4, "bad date '27'", "online", "YYYY");
    CHECK_ERROR(l, f, 8, 4, "bad date ' 2027'", "online");
    CHECK_ERROR(l, f, 9, 4, "bad date '2027/01/01'", "online");
    CHECK_ERROR(l, f, 10, 4, "bad date '2027-1-1'", "online");
    CHECK_ERROR(l, f, 11, 4, "bad date '2027-02-29'", "online", "day out of range");
    CHECK_ERROR(l, f, 12, 4, "bad date '2027 '", "online");
}

TEST_CASE("layers: lifecycle dates of the hand scenario", "[layers][dates]") {
    const Loaded l = loadData("valid/hand");
    REQUIRE_LOADED(l);
    const Scenario& s = l.scenario();
    const Lifecycle& alpha = dc(s, "alpha").life;
    CHECK(alpha.dates[Lifecycle::Announced] == day(2024));
    CHECK(alpha.dates[Lifecycle::Permitted] == kNoDay);
    CHECK(alpha.dates[Lifecycle::Construction] == day(2025, 1));
    CHECK(alpha.dates[Lifecycle::Online] == day(2026, 1));
    CHECK(alpha.dates[Lifecycle::Retired] == kNoDay);
    CHECK(alpha.dates[Lifecycle::Cancelled] == kNoDay);
    const Lifecycle& coal = plant(s, "coalC").life;
    CHECK(coal.dates[Lifecycle::Online] == day(2000));
    CHECK(coal.dates[Lifecycle::Retired] == day(2028));
    CHECK(coal.statusAt(day(2027, 12, 31)) == Status::Operating);
    CHECK(coal.statusAt(day(2028)) == Status::Retired);
}

TEST_CASE("layers: lifecycle dates must not go backwards and cancelled has no online", "[layers][lifecycle]") {
    const Loaded l = loadData("invalid/lifecycle_order");
    REQUIRE_REFUSED(l, 3);
    const char* f = "datacenters.csv";
    // Rows 2, 3 and 7 are in order (equal dates are fine; cancelled after construction is fine).
    for (int row : {2, 3, 7}) CHECK_FALSE(anyOnLine(l, f, row));
    CHECK_ERROR(l, f, 4, 6, "construction date 2025-01-01 is before announced date 2026-01-01");
    CHECK_ERROR(l, f, 5, 9, "cancelled project cannot have an online date");
    CHECK_ERROR(l, f, 6, 8, "retired date 2025-01-01 is before online date 2026-01-01");
}

TEST_CASE("layers: status column words and synonyms give the status for the whole scenario", "[layers][status]") {
    const Loaded l = loadData("valid/status_words");
    REQUIRE_LOADED(l);
    const Scenario& s = l.scenario();
    const std::pair<const char*, Status> expected[] = {
        {"w_announced", Status::Announced},       {"w_proposed", Status::Announced},
        {"w_permitted", Status::Permitted},       {"w_construction", Status::Construction},
        {"w_under_construction", Status::Construction}, {"w_under_dash", Status::Construction},
        {"w_operating", Status::Operating},       {"w_operational", Status::Operating},
        {"w_in_service", Status::Operating},      {"w_online", Status::Operating},
        {"w_retired", Status::Retired},           {"w_cancelled", Status::Cancelled},
        {"neither", Status::Operating}, // no dates and no status: operating for the whole scenario
    };
    for (const auto& [id, status] : expected) {
        INFO("row " << id);
        const Datacenter& d = dc(s, id);
        CHECK_FALSE(d.life.hasDates());
        CHECK(d.life.statusAt(s.manifest.start) == status);
        CHECK(d.life.statusAt(s.manifest.end) == status);
        CHECK(d.life.statusAt(day(1990)) == status);
    }
}

TEST_CASE("layers: a status that contradicts the dates at as_of is a warning", "[layers][status]") {
    const Loaded l = loadData("valid/status_words");
    REQUIRE_LOADED(l);
    REQUIRE(l.warnings() == 1);
    // Row 16: announced 2024, construction 2025, online 2027, status operating; at as_of 2026-01-01 the
    // dates say construction.
    CHECK_WARNING(l, "datacenters.csv", 16, 7, "status 'operating' contradicts the dates", "'construction'",
                  "2026-01-01");
    // Row 15 says construction, which agrees: no warning. The dates decide in both rows.
    CHECK_FALSE(anyOnLine(l, "datacenters.csv", 15));
    const Scenario& s = l.scenario();
    CHECK(dc(s, "dated_contradicts").life.statusAt(day(2026)) == Status::Construction);
    CHECK(dc(s, "dated_contradicts").life.statusAt(day(2027)) == Status::Operating);
    CHECK(dc(s, "dated_agrees").life.statusAt(day(2023)) == Status::Absent);
}

TEST_CASE("layers: an unknown status word is an error", "[layers][status]") {
    const Loaded l = loadData("invalid/status_unknown");
    REQUIRE_REFUSED(l, 1);
    CHECK_ERROR(l, "datacenters.csv", 3, 4, "unknown status 'planned'");
}

TEST_CASE("layers: capacity_mw empty is unknown, negative or text is an error", "[layers][capacity]") {
    const Loaded l = loadData("invalid/capacity");
    REQUIRE_REFUSED(l, 2);
    CHECK_FALSE(anyOnLine(l, "datacenters.csv", 2)); // 0 is a known capacity
    CHECK_FALSE(anyOnLine(l, "datacenters.csv", 3)); // empty is unknown, not an error
    CHECK_ERROR(l, "datacenters.csv", 4, 4, "capacity_mw must not be negative", "-5");
    CHECK_ERROR(l, "datacenters.csv", 5, 4, "bad capacity_mw 'lots'", "not a number");

    const Loaded hand = loadData("valid/hand");
    REQUIRE_LOADED(hand);
    const Scenario& s = hand.scenario();
    CHECK_FALSE(isKnown(dc(s, "gamma").capacityMw)); // empty cell
    CHECK(std::isnan(s.capacityAt(dc(s, "gamma"), day(2026))));
    CHECK(dc(s, "beta").capacityMw == 500);
    CHECK(dc(s, "delta").capacityMw == 200);
    CHECK_FALSE(isKnown(line(s, "hv1").capacityMw)); // no capacity_mw property
    CHECK(line(s, "dc1").capacityMw == 3000);
}

TEST_CASE("layers: lat and lon must be in range", "[layers][coordinates]") {
    const Loaded l = loadData("invalid/coordinates");
    REQUIRE_REFUSED(l, 4);
    CHECK_FALSE(anyOnLine(l, "datacenters.csv", 2)); // lat 90, lon -180: on the edge is in range
    CHECK_ERROR(l, "datacenters.csv", 3, 2, "latitude 91", "out of range");
    CHECK_ERROR(l, "datacenters.csv", 4, 3, "longitude -181", "out of range");
    CHECK_ERROR(l, "datacenters.csv", 5, 2, "latitude -90.5", "out of range");
    CHECK_ERROR(l, "datacenters.csv", 6, 2, "missing coordinates");

    const Loaded hand = loadData("valid/hand");
    REQUIRE_LOADED(hand);
    const Datacenter& alpha = dc(hand.scenario(), "alpha");
    CHECK(alpha.position.lat == 32.45);
    CHECK(alpha.position.lon == -99.75);
}

TEST_CASE("layers: GeoJSON points are checked like lat/lon columns", "[layers][coordinates]") {
    TempDir dir;
    dir.write("scenario.json", manifestText({{"datacenters", "dc.geojson"}}));
    dir.write("dc.geojson",
              "{\"type\":\"FeatureCollection\",\"features\":[\n"
              "{\"type\":\"Feature\",\"properties\":{\"id\":\"ok\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-99,32]}},\n"
              "{\"type\":\"Feature\",\"properties\":{\"id\":\"far\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[200,32]}},\n"
              "{\"type\":\"Feature\",\"properties\":{\"id\":\"line\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[-99,32],[-98,33]]}},\n"
              "{\"type\":\"Feature\",\"properties\":{\"id\":\"none\"},\"geometry\":null}\n"
              "]}\n");
    const Loaded l = loadDir(dir.str());
    REQUIRE_REFUSED(l, 3);
    CHECK_ERROR(l, "dc.geojson", 3, 0, "longitude 200", "out of range");
    CHECK_ERROR(l, "dc.geojson", 4, 0, "expected a Point geometry", "Line String");
    CHECK_ERROR(l, "dc.geojson", 5, 0, "missing location");
}

TEST_CASE("layers: a point outside the basemap's bounds is a warning", "[layers][coordinates]") {
    const Loaded l = loadData("valid/outside_basemap");
    REQUIRE_LOADED(l);
    CHECK(l.warnings() == 2);
    CHECK_FALSE(anyOnLine(l, "datacenters.csv", 2)); // in Texas
    CHECK_WARNING(l, "datacenters.csv", 3, 0, "'paris'", "outside the basemap");
    CHECK_WARNING(l, "datacenters.csv", 4, 0, "'pacific'", "outside the basemap");
    const Scenario& s = l.scenario();
    CHECK(dc(s, "paris").region == -1);
    REQUIRE(dc(s, "texas").region >= 0);
    CHECK(s.basemap->regions[static_cast<std::size_t>(dc(s, "texas").region)].id == "TX");
}

TEST_CASE("layers: ids are unique within a kind", "[layers][ids]") {
    const Loaded l = loadData("invalid/duplicate_id");
    REQUIRE_REFUSED(l, 2);
    CHECK_ERROR(l, "datacenters.csv", 4, 1, "duplicate datacenters id 'a'");
    CHECK_ERROR(l, "power_plants.csv", 4, 1, "duplicate power_plants id 'p'");
    // Datacenter 'a' and power plant 'a' (power_plants.csv line 2) do not clash.
    CHECK_FALSE(anyOnLine(l, "power_plants.csv", 2));
}

TEST_CASE("layers: the same id in different kinds is fine", "[layers][ids]") {
    const Loaded l = loadData("valid/shared_ids");
    REQUIRE_LOADED(l);
    const Scenario& s = l.scenario();
    for (EntityKind k : {EntityKind::Datacenter, EntityKind::PowerPlant, EntityKind::Transmission,
                         EntityKind::Supercluster, EntityKind::Zone})
        CHECK(s.find(k, "x") == 0);
    CHECK(s.find(EntityKind::Datacenter, "y") == -1);
    // `serves` and `members` name datacenters, so they resolve to datacenter 'x'.
    CHECK(s.powerPlants[0].serves == std::vector<int>{0});
    CHECK(s.superclusters[0].members == std::vector<int>{0});
}

TEST_CASE("layers: every id a row names must exist", "[layers][ids]") {
    const Loaded l = loadData("invalid/unknown_refs");
    REQUIRE_REFUSED(l, 5);
    CHECK_ERROR(l, "power_plants.csv", 3, 0, "serves 'ghost'", "not a datacenter id");
    CHECK_ERROR(l, "power_plants.csv", 4, 0, "serves 'p'", "not a datacenter id"); // a plant, not a datacenter
    CHECK_ERROR(l, "superclusters.csv", 3, 0, "member 'nobody'", "not a datacenter id");
    CHECK_ERROR(l, "series.csv", 5, 0, "series id 'ghost'", "not the id of any entity or region");
    CHECK_ERROR(l, "scenario.json", 17, 0, "event focus 'phantom'", "not the id of any entity or region");
    // Good references: serves a;b (line 2), members a;b (line 2), series a / TX / c1 (lines 2-4), and
    // focus a, TX (a region) and p (a plant) on line 15.
    CHECK_FALSE(anyOnLine(l, "power_plants.csv", 2));
    CHECK_FALSE(anyOnLine(l, "superclusters.csv", 2));
    for (int row : {2, 3, 4}) CHECK_FALSE(anyOnLine(l, "series.csv", row));
    CHECK_FALSE(anyOnLine(l, "scenario.json", 15));
}

TEST_CASE("layers: references of the hand scenario resolve", "[layers][ids]") {
    const Loaded l = loadData("valid/hand");
    REQUIRE_LOADED(l);
    const Scenario& s = l.scenario();
    const int alpha = s.find(EntityKind::Datacenter, "alpha");
    const int beta = s.find(EntityKind::Datacenter, "beta");
    const int gamma = s.find(EntityKind::Datacenter, "gamma");
    CHECK(plant(s, "gasA").serves == std::vector<int>{alpha});
    CHECK(plant(s, "nukeB").serves == std::vector<int>{beta, gamma});
    CHECK(plant(s, "coalC").serves.empty());
    REQUIRE(s.superclusters.size() == 1);
    CHECK(s.superclusters[0].members == std::vector<int>{alpha, beta});
    // Series targets: an entity, a cluster and a basemap region.
    REQUIRE(s.series.size() == 3);
    for (const Series& ser : s.series) {
        INFO(ser.targetId << " " << ser.metric);
        if (ser.targetId == "US") CHECK(ser.target.kind == EntityKind::Region);
        else if (ser.targetId == "c1") CHECK(ser.target.kind == EntityKind::Supercluster);
        else CHECK(ser.target.kind == EntityKind::Datacenter);
    }
}

TEST_CASE("layers: a series metric must be declared in the manifest", "[layers][series]") {
    const Loaded l = loadData("invalid/undeclared_metric");
    REQUIRE_REFUSED(l, 1);
    CHECK_ERROR(l, "series.csv", 3, 0, "metric 'power_gw' is not declared");
    CHECK_FALSE(anyOnLine(l, "series.csv", 2)); // capacity_mw is declared
}

TEST_CASE("layers: fuel must be one of the spec's fuels, any case", "[layers][fuel]") {
    const Loaded l = loadData("invalid/unknown_fuel");
    REQUIRE_REFUSED(l, 2);
    CHECK_FALSE(anyOnLine(l, "power_plants.csv", 2)); // "Nuclear"
    CHECK_ERROR(l, "power_plants.csv", 3, 2, "unknown fuel 'plasma'");
    CHECK_ERROR(l, "power_plants.csv", 4, 2, "missing fuel");

    // Every fuel of the spec, written in upper case, loads as that fuel.
    const char* fuels[] = {"nuclear", "gas",     "coal",       "oil",    "solar", "wind",
                           "hydro",   "storage", "geothermal", "fusion", "other"};
    std::string csv = "id,fuel,lat,lon\n";
    for (const char* f : fuels) {
        std::string upper = f;
        for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
        csv += std::string("p_") + f + "," + upper + ",32,-99\n";
    }
    TempDir dir;
    dir.write("scenario.json", manifestText({{"power_plants", "pp.csv"}}));
    dir.write("pp.csv", csv);
    const Loaded all = loadDir(dir.str());
    REQUIRE_LOADED(all);
    REQUIRE(all.scenario().powerPlants.size() == 11);
    for (int i = 0; i < kFuelCount; ++i) {
        const PowerPlant& p = all.scenario().powerPlants[static_cast<std::size_t>(i)];
        CHECK(std::string(fuelName(p.fuel)) == fuels[i]);
        CHECK(p.id == std::string("p_") + fuels[i]);
    }
}

TEST_CASE("layers: column names and enumeration values are case-insensitive", "[layers][case]") {
    const Loaded l = loadData("valid/casing");
    REQUIRE_LOADED(l);
    CHECK(l.warnings() == 0);
    const Scenario& s = l.scenario();
    const Datacenter& d1 = dc(s, "dc1");
    CHECK(d1.name == "First");
    CHECK(d1.position.lat == 32.5);
    CHECK(d1.position.lon == -99.7);
    CHECK(d1.capacityMw == 100);
    CHECK(d1.life.dates[Lifecycle::Online] == day(2026));
    CHECK(d1.precision == LocationPrecision::Approximate); // "APPROXIMATE"
    CHECK(d1.operatorName == "OpCo");
    const Datacenter& d2 = dc(s, "dc2");
    CHECK(d2.precision == LocationPrecision::Exact);         // "Exact"
    CHECK(d2.life.undatedStatus == Status::Construction);    // "UNDER CONSTRUCTION"
    CHECK(plant(s, "pp1").fuel == Fuel::Nuclear);            // "NUCLEAR"
    CHECK(plant(s, "pp2").fuel == Fuel::Solar);              // "Solar"
    CHECK(plant(s, "pp1").serves.size() == 2);               // "Serves" column
    CHECK(plant(s, "pp1").owner == "Util");
    CHECK(line(s, "l1").current == Current::HVDC);           // "hvdc"
    CHECK(line(s, "l1").kv == 765);
    CHECK(line(s, "l1").life.undatedStatus == Status::Operating); // "In Service"
    CHECK(line(s, "l2").current == Current::AC);             // "Ac"
    const Zone& z = zone(s, "z1");                           // GeoJSON properties "ID", "Designated", "KIND"
    CHECK(z.designated == day(2026, 3));
    CHECK(z.zoneKind == "DOE site");
    REQUIRE(s.manifest.metric("Load"));
    CHECK(s.manifest.metric("Load")->interpolation == Interpolation::Linear); // "LINEAR"
    REQUIRE(s.series.size() == 1);
    CHECK(s.series[0].interpolation == Interpolation::Linear);
}

TEST_CASE("layers: columns the kind does not define are kept as attributes", "[layers][attributes]") {
    const Loaded l = loadData("valid/casing");
    REQUIRE_LOADED(l);
    const Scenario& s = l.scenario();
    const Datacenter& d1 = dc(s, "dc1");
    REQUIRE(d1.attributes.size() == 2);
    CHECK(d1.attributes[0].key == "Tier"); // as written, in file order
    CHECK(d1.attributes[0].value == "3");
    CHECK(d1.attributes[1].key == "Cooling");
    CHECK(d1.attributes[1].value == "liquid");
    CHECK(dc(s, "dc2").attributes.empty()); // empty cells are not attributes
    CHECK(attribute(line(s, "l1"), "Owner") == "GridCo");
    CHECK(attribute(zone(s, "z1"), "Acres") == "1200"); // a GeoJSON property
    // Defined columns are not attributes.
    CHECK(attribute(d1, "Location_Precision") == "(absent)");
    CHECK(attribute(d1, "STATUS") == "(absent)");

    const Loaded hand = loadData("valid/hand");
    REQUIRE_LOADED(hand);
    const Datacenter& alpha = dc(hand.scenario(), "alpha");
    REQUIRE(alpha.attributes.size() == 1);
    CHECK(alpha.attributes[0].key == "city");
    CHECK(alpha.attributes[0].value == "Abilene");
    CHECK(alpha.source == "https://example.org/a");
    CHECK(dc(hand.scenario(), "delta").attributes.empty());
}

TEST_CASE("layers: transmission lines from CSV endpoints and GeoJSON lines", "[layers][transmission]") {
    const Loaded l = loadData("valid/transmission");
    REQUIRE_LOADED(l);
    const Scenario& s = l.scenario();
    REQUIRE(s.lines.size() == 3); // two layers of the same kind
    const TransmissionLine& c = line(s, "csv1");
    REQUIRE(c.paths.size() == 1);
    REQUIRE(c.paths[0].size() == 2);
    CHECK(c.paths[0][0].lat == 32.0);
    CHECK(c.paths[0][0].lon == -99.0);
    CHECK(c.paths[0][1].lat == 33.5);
    CHECK(c.paths[0][1].lon == -97.25);
    CHECK(c.kv == 345);
    CHECK(c.capacityMw == 1500);
    CHECK(c.current == Current::AC);
    CHECK(c.name == "Straight");
    CHECK(c.life.dates[Lifecycle::Online] == day(2027));
    CHECK(c.origin.line == 2);

    const TransmissionLine& ls = line(s, "ls1");
    REQUIRE(ls.paths.size() == 1);
    REQUIRE(ls.paths[0].size() == 3);
    CHECK(ls.paths[0][2].lon == -95.3);
    CHECK(ls.paths[0][2].lat == 29.8);
    CHECK(ls.kv == 765);
    CHECK(ls.origin.line == 2);

    const TransmissionLine& mls = line(s, "mls1");
    REQUIRE(mls.paths.size() == 2);
    CHECK(mls.paths[0].size() == 2);
    CHECK(mls.paths[1].size() == 3);
    CHECK(mls.current == Current::HVDC);
    CHECK(mls.origin.line == 3);
    // Projected once at load, part by part (the loader may add points along long segments).
    REQUIRE(mls.pathsXY.size() == 2);
    CHECK(mls.pathsXY[1].size() >= 3);
    CHECK(std::isfinite(mls.pathsXY[1].front().x));
    CHECK(std::isfinite(mls.pathsXY[1].back().y));
}

TEST_CASE("layers: transmission rows without a usable line are errors", "[layers][transmission]") {
    const Loaded l = loadData("invalid/transmission");
    REQUIRE_REFUSED(l, 7);
    CHECK_FALSE(anyOnLine(l, "lines.csv", 2));
    CHECK_ERROR(l, "lines.csv", 3, 6, "missing to_lon");
    CHECK_ERROR(l, "lines.csv", 4, 2, "missing kv");
    CHECK_ERROR(l, "lines.csv", 5, 3, "latitude 95", "out of range");
    CHECK_FALSE(anyOnLine(l, "lines.geojson", 2));
    CHECK_ERROR(l, "lines.geojson", 3, 0, "expected a LineString or MultiLineString", "Point");
    CHECK_ERROR(l, "lines.geojson", 4, 0, "missing line geometry");
    CHECK_ERROR(l, "lines.geojson", 5, 0, "at least two points");
    CHECK_ERROR(l, "lines.geojson", 6, 0, "current must be 'AC' or 'HVDC'", "three-phase");
}

TEST_CASE("layers: zones need polygons", "[layers][zones]") {
    const Loaded l = loadData("invalid/zones");
    REQUIRE_REFUSED(l, 3);
    CHECK_FALSE(anyOnLine(l, "zones.geojson", 2));
    CHECK_ERROR(l, "zones.geojson", 3, 0, "expected a Polygon or MultiPolygon", "Point");
    CHECK_ERROR(l, "zones.geojson", 4, 0, "expected a Polygon or MultiPolygon");
    CHECK_ERROR(l, "zones.csv", 2, 0, "missing zone geometry");

    const Loaded hand = loadData("valid/hand");
    REQUIRE_LOADED(hand);
    const Zone& z = zone(hand.scenario(), "z1");
    REQUIRE(z.polygons.size() == 1);
    REQUIRE(z.polygons[0].rings.size() == 1);
    CHECK(z.polygons[0].rings[0].size() == 5);
    REQUIRE(z.polygonsXY.size() == 1);
    CHECK(z.polygonsXY[0].rings[0].size() == 5);
    CHECK(z.designated == day(2026, 3));
    CHECK(z.zoneKind == "DOE site");
    // The designation date stands in for `online`.
    CHECK(z.life.statusAt(day(2026, 2, 28)) == Status::Absent);
    CHECK(z.life.statusAt(day(2026, 3)) == Status::Operating);
}

TEST_CASE("layers: a duplicated column is an error at its header cell", "[layers][bytes]") {
    const Loaded l = loadData("invalid/duplicate_header");
    REQUIRE_REFUSED(l, 1);
    CHECK_ERROR(l, "datacenters.csv", 1, 5, "duplicated column 'Name'", "columns 4 and 5");
}

TEST_CASE("layers: a missing required column is an error on the header line", "[layers]") {
    TempDir dir;
    dir.write("scenario.json", manifestText({{"power_plants", "pp.csv"}, {"series", "series.csv"}}));
    dir.write("pp.csv", "id,lat,lon\np,32,-99\n");
    dir.write("series.csv", "id,date,value\nx,2026,1\n");
    const Loaded l = loadDir(dir.str());
    REQUIRE_REFUSED(l, 2);
    CHECK_ERROR(l, "pp.csv", 1, 0, "missing required column 'fuel'", "power_plants");
    CHECK_ERROR(l, "series.csv", 1, 0, "missing required column 'metric'", "series");
}

TEST_CASE("layers: quoted commas and newlines and later rows keep their physical line", "[layers][bytes]") {
    const Loaded l = loadData("valid/quoted_fields");
    REQUIRE_LOADED(l);
    const Scenario& s = l.scenario();
    REQUIRE(s.datacenters.size() == 4);
    CHECK(dc(s, "first").name == "Comma, Inc.");
    CHECK(dc(s, "first").origin.line == 2);
    CHECK(dc(s, "second").name == "Line one\nline two\nline three");
    CHECK(dc(s, "second").origin.line == 3);
    CHECK(attribute(dc(s, "second"), "notes") == "say \"hi\"");
    CHECK(dc(s, "third").origin.line == 7); // after a three-line record and a blank line
    CHECK(attribute(dc(s, "third"), "notes") == "a,b\nc");
    CHECK(dc(s, "fourth").origin.line == 9);
    CHECK(dc(s, "fourth").position.lat == 35);

    const Loaded bad = loadData("invalid/quoted_fields");
    REQUIRE_REFUSED(bad, 2);
    CHECK_ERROR(bad, "datacenters.csv", 4, 3, "latitude 95", "out of range");
    CHECK_ERROR(bad, "datacenters.csv", 7, 4, "longitude -200", "out of range");
}

TEST_CASE("layers: location_precision is exact or approximate and a supercluster needs members", "[layers][case]") {
    TempDir dir;
    dir.write("scenario.json", manifestText({{"datacenters", "dc.csv"}, {"superclusters", "sc.csv"}}));
    dir.write("dc.csv", "id,lat,lon,location_precision\na,32,-99,Approximate\nb,32,-99,roughly\nc,32,-99,\n");
    dir.write("sc.csv", "id,members\nfull,a;c\nempty, ; \n");
    const Loaded l = loadDir(dir.str());
    REQUIRE_REFUSED(l, 2);
    CHECK_FALSE(anyOnLine(l, "dc.csv", 2));
    CHECK_ERROR(l, "dc.csv", 3, 4, "location_precision must be 'exact' or 'approximate'", "'roughly'");
    CHECK_FALSE(anyOnLine(l, "dc.csv", 4)); // empty: exact
    CHECK_FALSE(anyOnLine(l, "sc.csv", 2));
    CHECK_ERROR(l, "sc.csv", 3, 2, "a supercluster needs members");
}
