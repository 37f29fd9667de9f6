// Basemap regions and point-in-polygon lookup: Basemap::regionAt and Datacenter::region.
#include "core/basemap.h"
#include "core/projection.h"
#include "test_support.h"

#include <cmath>

using namespace buildout;
using namespace buildout::test;

namespace {

struct UsStates {
    Projection projection{"EPSG:5070"};
    Diagnostics diag;
    std::shared_ptr<Basemap> map;
    UsStates() {
        const std::string path = builtinBasemapPath("us-states");
        REQUIRE_FALSE(path.empty());
        map = loadBasemap(path, "us-states", projection, diag);
        REQUIRE(map);
        REQUIRE(diag.errorCount() == 0);
    }
    /// Region id at a lon/lat, or "" when outside every region.
    std::string at(double lat, double lon) const {
        const int r = map->regionAt(projection.forward({lon, lat}));
        return r < 0 ? std::string() : map->regions[static_cast<std::size_t>(r)].id;
    }
};

} // namespace

TEST_CASE("basemap: us-states has the states and the nation", "[basemap]") {
    const UsStates us;
    CHECK(us.map->regions.size() >= 51);
    for (const char* id : {"TX", "CA", "NY", "AK", "HI", "DC", "US"}) {
        INFO(id);
        CHECK(us.map->find(id) >= 0);
    }
    CHECK(us.map->find("XX") == -1);
    const Region& tx = us.map->regions[static_cast<std::size_t>(us.map->find("TX"))];
    CHECK(tx.name == "Texas");
    CHECK_FALSE(tx.isNation());
    CHECK(us.map->regions[static_cast<std::size_t>(us.map->find("US"))].isNation());
    CHECK(us.map->bounds.valid());
    CHECK(us.map->bounds.contains(us.projection.forward({-97.7, 30.3})));
    CHECK(builtinBasemapPath("no-such-map").empty());
    CHECK(builtinBasemapPath("../us-states").empty());
}

TEST_CASE("basemap: regionAt finds the state under a point", "[basemap]") {
    const UsStates us;
    CHECK(us.at(30.27, -97.74) == "TX");  // Austin
    CHECK(us.at(32.45, -99.75) == "TX");  // Abilene
    CHECK(us.at(31.76, -106.44) == "TX"); // El Paso, far west
    CHECK(us.at(39.74, -104.99) == "CO"); // Denver
    CHECK(us.at(36.16, -86.78) == "TN");  // Nashville
    CHECK(us.at(38.58, -121.49) == "CA"); // Sacramento
    CHECK(us.at(40.71, -74.0) == "NY");   // New York
    CHECK(us.at(44.0, -72.7) == "VT");
    CHECK(us.at(61.22, -149.9) == "AK");  // Anchorage
    CHECK(us.at(21.3, -157.85) == "HI");  // Honolulu
    CHECK(us.at(38.9, -77.03) == "DC");   // Washington
    CHECK(us.at(41.0, -100.0) == "NE");
    // Never the nation; nothing in the sea or abroad.
    CHECK(us.at(30.0, -60.0).empty());    // Atlantic
    CHECK(us.at(25.0, -90.0).empty());    // Gulf of Mexico
    CHECK(us.at(48.85, 2.35).empty());    // Paris
}

TEST_CASE("basemap: every datacenter gets the region under it (Datacenter::region)", "[basemap]") {
    const Loaded l = loadData("valid/hand");
    REQUIRE_LOADED(l);
    const Scenario& s = l.scenario();
    auto regionOf = [&](const std::string& id) {
        const Datacenter& d = s.datacenters[static_cast<std::size_t>(s.find(EntityKind::Datacenter, id))];
        return d.region < 0 ? std::string() : s.basemap->regions[static_cast<std::size_t>(d.region)].id;
    };
    CHECK(regionOf("alpha") == "TX"); // 32.45, -99.75 (Abilene)
    CHECK(regionOf("beta") == "OH");  // 40.0, -82.9 (Columbus)
    CHECK(regionOf("gamma") == "TN"); // 35.1, -89.9 (Memphis)
    CHECK(regionOf("delta") == "NE"); // 41.0, -100.0
    const PowerPlant& nuke = s.powerPlants[static_cast<std::size_t>(s.find(EntityKind::PowerPlant, "nukeB"))];
    REQUIRE(nuke.region >= 0);
    CHECK(s.basemap->regions[static_cast<std::size_t>(nuke.region)].id == "PA"); // 40.2, -76.7
    // Projected onto the EPSG:5070 plane: metres, Texas south-west of Ohio.
    const Datacenter& alpha = s.datacenters[static_cast<std::size_t>(s.find(EntityKind::Datacenter, "alpha"))];
    const Datacenter& beta = s.datacenters[static_cast<std::size_t>(s.find(EntityKind::Datacenter, "beta"))];
    CHECK(alpha.xy.x < beta.xy.x);
    CHECK(alpha.xy.y < beta.xy.y);
    CHECK(s.contentBounds.contains(alpha.xy));
}

TEST_CASE("basemap: a scenario's own GeoJSON basemap, with holes", "[basemap]") {
    TempDir dir;
    // Two squares in lon/lat near the equator; region A has a hole in its middle. Web Mercator keeps
    // metres, so the loader's 25 km snap to a nearby region does not reach the hole's centre.
    dir.write("regions.geojson",
              "{\"type\":\"FeatureCollection\",\"features\":[\n"
              "{\"type\":\"Feature\",\"properties\":{\"id\":\"A\",\"name\":\"Square A\"},\"geometry\":{\"type\":\"Polygon\","
              "\"coordinates\":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}},\n"
              "{\"type\":\"Feature\",\"properties\":{\"id\":\"B\"},\"geometry\":{\"type\":\"MultiPolygon\","
              "\"coordinates\":[[[[20,0],[30,0],[30,10],[20,10],[20,0]]],[[[40,0],[41,0],[41,1],[40,1],[40,0]]]]}}\n"
              "]}\n");
    dir.write("scenario.json",
              manifestText({{"datacenters", "dc.csv"}, {"series", "series.csv"}},
                           "  \"map\": { \"basemap\": \"regions.geojson\", \"crs\": \"EPSG:3857\" },\n"
                           "  \"metrics\": { \"m\": { \"unit\": \"x\" } },\n"));
    dir.write("dc.csv", "id,lat,lon\nin_a,2,2\nin_hole,5,5\nin_b,5,25\nin_b2,0.5,40.5\nbetween,5,15\n");
    dir.write("series.csv", "id,date,metric,value\nB,2026,m,1\n");
    const Loaded l = loadDir(dir.str());
    REQUIRE_LOADED(l);
    const Scenario& s = l.scenario();
    REQUIRE(s.basemap->regions.size() == 2);
    auto regionOf = [&](const std::string& id) {
        const Datacenter& d = s.datacenters[static_cast<std::size_t>(s.find(EntityKind::Datacenter, id))];
        return d.region < 0 ? std::string() : s.basemap->regions[static_cast<std::size_t>(d.region)].id;
    };
    CHECK(regionOf("in_a") == "A");
    CHECK(regionOf("in_hole").empty());
    CHECK(regionOf("in_b") == "B");
    CHECK(regionOf("in_b2") == "B");
    CHECK(regionOf("between").empty());
    // Inside the map's bounds, so no warning even where no region is under the point.
    CHECK(l.warnings() == 0);
    // Series may target a region of the scenario's basemap.
    REQUIRE(s.series.size() == 1);
    CHECK(s.series[0].target.kind == EntityKind::Region);
}

TEST_CASE("pointInPolygon: even-odd with holes", "[basemap]") {
    PolygonXY p;
    p.rings = {{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}, {{4, 4}, {6, 4}, {6, 6}, {4, 6}, {4, 4}}};
    CHECK(pointInPolygon(p, {1, 1}));
    CHECK(pointInPolygon(p, {9, 5}));
    CHECK_FALSE(pointInPolygon(p, {5, 5}));  // in the hole
    CHECK_FALSE(pointInPolygon(p, {11, 5})); // outside
    CHECK_FALSE(pointInPolygon(p, {-1, -1}));
    PolygonXY empty;
    CHECK_FALSE(pointInPolygon(empty, {0, 0}));
}

TEST_CASE("basemap: bad basemap files are reported", "[basemap]") {
    TempDir dir;
    dir.write("scenario.json", manifestText({}, "  \"map\": { \"basemap\": \"regions.geojson\" },\n"));
    dir.write("regions.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n"
                                 "{\"type\":\"Feature\",\"properties\":{\"id\":\"A\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[0,0]}}\n"
                                 "]}\n");
    const Loaded l = loadDir(dir.str());
    REQUIRE_REFUSED(l, 1);
    CHECK_ERROR(l, "regions.geojson", 2, 0, "basemap region 'A' is not a Polygon or MultiPolygon");

    dir.write("scenario.json", manifestText({}, "  \"map\": { \"basemap\": \"atlantis\" },\n"));
    const Loaded unknown = loadDir(dir.str());
    REQUIRE_REFUSED(unknown, 1);
    CHECK_ERROR(unknown, "scenario.json", 7, 0, "unknown basemap 'atlantis'");

    dir.write("scenario.json", manifestText({}, "  \"map\": { \"crs\": \"EPSG:999999\" },\n"));
    const Loaded crs = loadDir(dir.str());
    REQUIRE_REFUSED(crs, 1);
    CHECK_ERROR(crs, "scenario.json", 1, 0, "map.crs");
}

TEST_CASE("basemap: loads in one process share an unchanged basemap", "[basemap]") {
    // Built-in: the second load reuses the first one's regions (same object).
    const Loaded a = loadData("valid/minimal");
    const Loaded b = loadData("valid/minimal");
    REQUIRE_LOADED(a);
    REQUIRE_LOADED(b);
    CHECK(a.scenario().basemap.get() == b.scenario().basemap.get());
    CHECK(b.scenario().basemap->id == "us-states");

    // A scenario's own basemap file is read again once it changed (here: another size).
    TempDir dir;
    const std::string square =
        "{\"type\":\"Feature\",\"properties\":{\"id\":\"A\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}}";
    const std::string other =
        "{\"type\":\"Feature\",\"properties\":{\"id\":\"B\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[20,0],[30,0],[30,10],[20,10],[20,0]]]}}";
    dir.write("regions.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n" + square + "]}\n");
    dir.write("scenario.json",
              manifestText({{"datacenters", "dc.csv"}},
                           "  \"map\": { \"basemap\": \"regions.geojson\", \"crs\": \"EPSG:3857\" },\n"));
    dir.write("dc.csv", "id,lat,lon\na,2,2\n");
    const Loaded first = loadDir(dir.str());
    const Loaded again = loadDir(dir.str());
    REQUIRE_LOADED(first);
    REQUIRE_LOADED(again);
    CHECK(first.scenario().basemap.get() == again.scenario().basemap.get());
    dir.write("regions.geojson",
              "{\"type\":\"FeatureCollection\",\"features\":[\n" + square + ",\n" + other + "]}\n");
    const Loaded changed = loadDir(dir.str());
    REQUIRE_LOADED(changed);
    CHECK(changed.scenario().basemap.get() != first.scenario().basemap.get());
    CHECK(changed.scenario().basemap->regions.size() == 2);

    // A broken basemap is reported on every load, not remembered.
    dir.write("regions.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}\n");
    for (int i = 0; i < 2; ++i) {
        const Loaded broken = loadDir(dir.str());
        REQUIRE_FALSE(broken.ok());
        CHECK(broken.errors() >= 1);
    }
}
