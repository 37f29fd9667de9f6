// Series values over time (spec "series"): step and linear, ends held, capacity_mw overriding nameplate.
#include "core/scenario.h"
#include "test_support.h"

#include <cmath>

using namespace buildout;
using namespace buildout::test;

namespace {
Day day(int y, int m = 1, int d = 1) { return daysFromCivil(y, m, d); }

Series makeSeries(Interpolation interp) {
    Series s;
    s.interpolation = interp;
    s.samples = {{100.0, 10.0}, {200.0, 30.0}, {300.0, 0.0}};
    return s;
}
} // namespace

TEST_CASE("Series::valueAt: step holds the latest sample at or before t", "[series]") {
    const Series s = makeSeries(Interpolation::Step);
    CHECK(s.valueAt(100) == 10);
    CHECK(s.valueAt(150) == 10);
    CHECK(s.valueAt(199.999) == 10);
    CHECK(s.valueAt(200) == 30);
    CHECK(s.valueAt(299) == 30);
    CHECK(s.valueAt(300) == 0);
}

TEST_CASE("Series::valueAt: linear interpolates between neighbours", "[series]") {
    const Series s = makeSeries(Interpolation::Linear);
    CHECK(s.valueAt(100) == 10);
    CHECK(s.valueAt(150) == Approx(20));   // 10 + (30 - 10) * 50/100
    CHECK(s.valueAt(175) == Approx(25));   // 10 + 20 * 75/100
    CHECK(s.valueAt(200) == 30);
    CHECK(s.valueAt(225) == Approx(22.5)); // 30 + (0 - 30) * 25/100
    CHECK(s.valueAt(300) == 0);
}

TEST_CASE("Series::valueAt: before the first sample the first value, after the last the last", "[series]") {
    for (Interpolation interp : {Interpolation::Step, Interpolation::Linear}) {
        const Series s = makeSeries(interp);
        CHECK(s.valueAt(-1e6) == 10);
        CHECK(s.valueAt(99.5) == 10);
        CHECK(s.valueAt(300.5) == 0);
        CHECK(s.valueAt(1e6) == 0);
    }
    Series one;
    one.interpolation = Interpolation::Linear;
    one.samples = {{50.0, 7.0}};
    CHECK(one.valueAt(0) == 7);
    CHECK(one.valueAt(50) == 7);
    CHECK(one.valueAt(100) == 7);
    Series none;
    CHECK(std::isnan(none.valueAt(0)));
}

TEST_CASE("series: capacity_mw overrides the nameplate over time (hand scenario)", "[series]") {
    const Loaded l = loadData("valid/hand");
    REQUIRE_LOADED(l);
    const Scenario& s = l.scenario();
    const Datacenter& alpha = s.datacenters[static_cast<std::size_t>(s.find(EntityKind::Datacenter, "alpha"))];
    CHECK(alpha.capacityMw == 1000); // nameplate column, kept
    REQUIRE(alpha.capacitySeries >= 0);
    const Series& cap = s.series[static_cast<std::size_t>(alpha.capacitySeries)];
    CHECK(cap.metric == "capacity_mw");
    CHECK(cap.interpolation == Interpolation::Step);
    REQUIRE(cap.samples.size() == 2);
    // Samples: 2026-01 -> 400, 2026-06 -> 1000 (step).
    CHECK(s.capacityAt(alpha, day(2024, 6)) == 400);      // before the first sample: the first value
    CHECK(s.capacityAt(alpha, day(2026, 1)) == 400);
    CHECK(s.capacityAt(alpha, day(2026, 5, 31)) == 400);  // step: no interpolation
    CHECK(s.capacityAt(alpha, day(2026, 6)) == 1000);
    CHECK(s.capacityAt(alpha, day(2030, 12, 31)) == 1000); // after the last: the last value
    // Without a series the nameplate is the capacity at any time.
    const Datacenter& beta = s.datacenters[static_cast<std::size_t>(s.find(EntityKind::Datacenter, "beta"))];
    CHECK(beta.capacitySeries == -1);
    CHECK(s.capacityAt(beta, day(2024)) == 500);
    CHECK(s.capacityAt(beta, day(2030)) == 500);
}

TEST_CASE("series: linear metrics of the hand scenario", "[series]") {
    const Loaded l = loadData("valid/hand");
    REQUIRE_LOADED(l);
    const Scenario& s = l.scenario();
    REQUIRE(s.superclusters.size() == 1);
    const Supercluster& c1 = s.superclusters[0];
    REQUIRE(c1.computeSeries >= 0);
    const Series& compute = s.series[static_cast<std::size_t>(c1.computeSeries)];
    CHECK(compute.interpolation == Interpolation::Linear);
    // c1 compute: 2026-01-01 -> 100000, 2028-01-01 -> 300000; 730 days apart.
    CHECK(compute.valueAt(day(2025)) == 100000);
    CHECK(compute.valueAt(day(2027)) == Approx(100000 + 200000 * 365.0 / 730.0)); // 200000
    CHECK(compute.valueAt(day(2029)) == 300000);

    const Series* load = nullptr;
    for (const Series& ser : s.series)
        if (ser.targetId == "US" && ser.metric == "load_gw") load = &ser;
    REQUIRE(load);
    CHECK(load->target.kind == EntityKind::Region);
    CHECK(s.basemap->regions[static_cast<std::size_t>(load->target.index)].id == "US");
    // US load_gw: 2024-01-01 -> 20, 2030-01-01 -> 80; 2192 days apart (2024 and 2028 are leap years).
    CHECK(load->valueAt(day(2027)) == Approx(20 + 60 * (366 + 365 + 365) / 2192.0));
    CHECK(load->valueAt(day(2023)) == 20);
    CHECK(load->valueAt(day(2031)) == 80);
}

TEST_CASE("series: samples are sorted and a second value for the same date is an error", "[series]") {
    TempDir dir;
    dir.write("scenario.json",
              manifestText({{"datacenters", "dc.csv"}, {"series", "series.csv"}},
                           "  \"metrics\": { \"capacity_mw\": { \"unit\": \"MW\", \"interpolation\": \"linear\" } },\n"));
    dir.write("dc.csv", "id,lat,lon,capacity_mw\na,32,-99,50\n");
    dir.write("series.csv", "id,date,metric,value\na,2028,capacity_mw,300\na,2026,capacity_mw,100\n");
    {
        const Loaded l = loadDir(dir.str());
        REQUIRE_LOADED(l);
        const Series& ser = l.scenario().series.at(0);
        REQUIRE(ser.samples.size() == 2);
        CHECK(ser.samples[0].t == day(2026));
        CHECK(ser.samples[1].value == 300);
        // Linear between 2026-01-01 (100) and 2028-01-01 (300): 2027-01-01 is 365 of 730 days.
        CHECK(l.scenario().capacityAt(l.scenario().datacenters[0], day(2027)) == Approx(200));
    }
    dir.write("series.csv", "id,date,metric,value\na,2026,capacity_mw,100\na,2026-01-01,capacity_mw,120\n"
                            "a,2027,capacity_mw,-5\na,,capacity_mw,1\na,2027-06,capacity_mw,\n");
    const Loaded bad = loadDir(dir.str());
    REQUIRE_REFUSED(bad, 4);
    CHECK_ERROR(bad, "series.csv", 3, 0, "second value for 'a' capacity_mw on 2026-01-01");
    CHECK_ERROR(bad, "series.csv", 4, 0, "capacity_mw must not be negative");
    CHECK_ERROR(bad, "series.csv", 5, 2, "missing date");
    CHECK_ERROR(bad, "series.csv", 6, 4, "missing value");

    // Out of date order, between rows of another series: a repeat of any earlier date is still found.
    dir.write("dc.csv", "id,lat,lon,capacity_mw\na,32,-99,50\nb,33,-98,50\n");
    dir.write("series.csv", "id,date,metric,value\na,2027,capacity_mw,1\na,2026,capacity_mw,2\n"
                            "a,2028,capacity_mw,3\nb,2026,capacity_mw,4\na,2026,capacity_mw,5\n"
                            "a,2029,capacity_mw,6\na,2027,capacity_mw,7\n");
    const Loaded unordered = loadDir(dir.str());
    REQUIRE_REFUSED(unordered, 2);
    CHECK_ERROR(unordered, "series.csv", 6, 0, "second value for 'a' capacity_mw on 2026-01-01");
    CHECK_ERROR(unordered, "series.csv", 8, 0, "second value for 'a' capacity_mw on 2027-01-01");
}
