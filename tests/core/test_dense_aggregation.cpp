// Grouping of dense layers for wide zooms: point groups per cell with capacity bands over time, vertex
// clustering of paths, and merged lifecycles.
#include "core/dense_aggregation.h"

#include <catch2/catch.hpp>

#include <random>

using namespace buildout;

namespace {

Day day(int y, int m = 1, int d = 1) {
    return daysFromCivil(y, m, d);
}

Datacenter campus(double mw, Day announced, Day construction, Day online, Day retired = kNoDay) {
    Datacenter dc;
    dc.capacityMw = mw;
    dc.life.dates[Lifecycle::Announced] = announced;
    dc.life.dates[Lifecycle::Construction] = construction;
    dc.life.dates[Lifecycle::Online] = online;
    dc.life.dates[Lifecycle::Retired] = retired;
    return dc;
}

std::vector<const EntityBase*> pointers(const std::vector<Datacenter>& v) {
    std::vector<const EntityBase*> out;
    for (const auto& e : v)
        out.push_back(&e);
    return out;
}

} // namespace

TEST_CASE("bandsAt splits an entity's capacity by what it is at t", "[aggregation]") {
    Scenario s;
    const Datacenter dc = campus(400, day(2025), day(2026), day(2028), day(2034));
    CHECK(bandsAt(s, dc, day(2024), 100).total() == 0);              // absent
    CHECK(bandsAt(s, dc, day(2025, 6), 100).planned == Approx(400)); // announced
    const CapacityBands mid = bandsAt(s, dc, day(2027), 100);        // half built
    CHECK(mid.planned == 0);
    CHECK(mid.operating == 0);
    CHECK(mid.construction ==
          Approx(400 * (0.15 + 0.85 * (day(2027) - day(2026)) / double(day(2028) - day(2026)))));
    CHECK(bandsAt(s, dc, day(2030), 100).operating == Approx(400)); // in service
    CHECK(bandsAt(s, dc, day(2035), 100).total() == 0);             // retired
    Datacenter unknown = campus(kUnknown, day(2025), kNoDay, day(2026));
    // No construction date: the column rises over the ramp after going online.
    CHECK(bandsAt(s, unknown, day(2026) + kCapacityRampDays / 2, 120).operating == Approx(60));
    CHECK(bandsAt(s, unknown, day(2027), 120).operating == Approx(120));
}

TEST_CASE("displayedCapacity ramps a step series the way the columns grow", "[aggregation]") {
    Scenario s;
    Series ser;
    ser.interpolation = Interpolation::Step;
    ser.samples = {{static_cast<TimeDays>(day(2026)), 100.0}, {static_cast<TimeDays>(day(2028)), 500.0}};
    s.series.push_back(ser);
    Datacenter dc = campus(kUnknown, day(2025), kNoDay, day(2025));
    dc.capacitySeries = 0;
    CHECK(displayedCapacity(s, dc, day(2027), 1) == Approx(100));
    CHECK(displayedCapacity(s, dc, day(2028) + kCapacityRampDays / 2, 1) == Approx(300));
    CHECK(displayedCapacity(s, dc, day(2029), 1) == Approx(500));
    s.series[0].interpolation = Interpolation::Linear;
    CHECK(displayedCapacity(s, dc, day(2027), 1) ==
          Approx(100 + 400 * (day(2027) - day(2026)) / double(day(2028) - day(2026))));
}

TEST_CASE("groupPoints merges points per cell and key, and nests levels", "[aggregation]") {
    Scenario s;
    const std::vector<Datacenter> dcs = {
        campus(100, day(2025), kNoDay, day(2026)), campus(200, day(2025), kNoDay, day(2027)),
        campus(300, day(2025), kNoDay, day(2026)), campus(50, day(2030), kNoDay, kNoDay)};
    // Cells of 10 km: 0 and 1 share cell (0,0); 2 is in (1,0); 3 is in (0,0) but has another key.
    const std::vector<glm::dvec2> pos = {{1, 1}, {5, 3}, {15, 1}, {2, 2}};
    const std::vector<int> key = {0, 0, 0, 7};
    const KnotTimeline tl = KnotTimeline::over(day(2024), day(2032), 9);
    const auto levels = groupPoints(s, pointers(dcs), pos, key, {10.0, 20.0}, tl, 120);
    REQUIRE(levels.size() == 2);
    const PointGroups& fine = levels[0];
    REQUIRE(fine.size() == 3);
    CHECK(fine.center[0] == glm::dvec2(3, 2));
    CHECK(fine.memberStart == std::vector<std::uint32_t>{0, 2, 3, 4});
    CHECK(fine.members == std::vector<std::uint32_t>{0, 1, 2, 3});
    CHECK(fine.key == std::vector<int>{0, 0, 7});
    // The 20 km level merges cells (0,0) and (1,0) of key 0.
    const PointGroups& coarse = levels[1];
    REQUIRE(coarse.size() == 2);
    CHECK(coarse.center[0] == glm::dvec2(7, 5.0 / 3.0));
    // Bands are the members' sums at every knot, and the peak is the largest total.
    float peak = 0;
    for (int k = 0; k < tl.count; ++k) {
        const TimeDays t = tl.at(k);
        const float group0 = bandsAt(s, dcs[0], t, 120).total() + bandsAt(s, dcs[1], t, 120).total();
        CHECK(fine.bands[static_cast<std::size_t>(k)].total() == Approx(group0));
        CHECK(coarse.bands[static_cast<std::size_t>(k)].total() ==
              Approx(group0 + bandsAt(s, dcs[2], t, 120).total()));
        peak = std::max(peak, group0 + bandsAt(s, dcs[2], t, 120).total());
    }
    CHECK(coarse.peakTotalMw == Approx(peak));
    CHECK(fine.bands[8].operating == Approx(300));      // 2032: both of group 0 in service
    CHECK(fine.bands[2 * 9 + 7].planned == Approx(50)); // key 7 in 2031: announced only
    CHECK(fine.bands[2 * 9 + 5].planned == 0);          // and absent in 2029
}

TEST_CASE("groupPoints keeps the total capacity at every level", "[aggregation]") {
    Scenario s;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> xy(-500, 500), mw(10, 900);
    std::uniform_int_distribution<int> year(2023, 2033);
    std::vector<Datacenter> dcs;
    std::vector<glm::dvec2> pos;
    for (int i = 0; i < 2000; ++i) {
        const int y = year(rng);
        dcs.push_back(campus(mw(rng), day(y), day(y + 1), day(y + 2)));
        pos.push_back({xy(rng), xy(rng)});
    }
    const KnotTimeline tl = KnotTimeline::over(day(2023), day(2036), 14);
    const auto levels = groupPoints(s, pointers(dcs), pos, {}, {12.5, 25, 50, 100, 200}, tl, 120);
    for (int k = 0; k < tl.count; ++k) {
        double expected = 0;
        for (const auto& dc : dcs)
            expected += bandsAt(s, dc, tl.at(k), 120).total();
        for (const PointGroups& level : levels) {
            double sum = 0;
            for (std::size_t g = 0; g < level.size(); ++g)
                sum +=
                    level.bands[g * static_cast<std::size_t>(tl.count) + static_cast<std::size_t>(k)].total();
            CHECK(sum == Approx(expected).epsilon(1e-4));
        }
    }
    for (std::size_t l = 1; l < levels.size(); ++l)
        CHECK(levels[l].size() < levels[l - 1].size());
    CHECK(levels.back().members.size() == dcs.size());
}

TEST_CASE("groupPaths merges hops between the same cells and drops hops inside one", "[aggregation]") {
    // Cells of 10 km. Lines 0 and 1 both run from cell (0,0) to cell (3,0); line 2 too but of another
    // key; line 3 stays inside cell (5,5); line 4 runs (0,0) -> (1,0) -> (1,1).
    std::vector<PathPiece> pieces = {
        {0, {{1, 1}, {31, 1}}},    {1, {{3, 3}, {35, 5}}},           {2, {{2, 2}, {33, 3}}},
        {3, {{51, 51}, {58, 57}}}, {4, {{4, 4}, {14, 4}, {14, 14}}},
    };
    const std::vector<int> key = {1, 1, 2, 1, 1};
    const PathGroups g = groupPaths(pieces, key, 10.0);
    REQUIRE(g.size() == 4);
    // Edge 0: (0,0)-(3,0) of key 1, lines 0 and 1; its ends are the means of the vertices in those cells.
    CHECK(g.key[0] == 1);
    CHECK(std::vector<std::uint32_t>(g.members.begin() + g.memberStart[0],
                                     g.members.begin() + g.memberStart[1]) ==
          std::vector<std::uint32_t>{0, 1});
    CHECK(g.a[0] == glm::dvec2((1 + 3 + 2 + 4) / 4.0, (1 + 3 + 2 + 4) / 4.0));
    CHECK(g.b[0] == glm::dvec2((31 + 35 + 33) / 3.0, (1 + 5 + 3) / 3.0));
    // Edge 1: the same cells, key 2, line 2 alone.
    CHECK(g.key[1] == 2);
    CHECK(g.memberStart[2] - g.memberStart[1] == 1);
    // Line 3 vanished; line 4 made two edges.
    for (std::uint32_t m : g.members)
        CHECK(m != 3);
    CHECK(g.memberStart[4] - g.memberStart[2] == 2);
}

TEST_CASE("mergedLifecycle is the most advanced of its members", "[aggregation]") {
    Lifecycle a, b, undated, cancelled;
    a.dates[Lifecycle::Announced] = day(2025);
    a.dates[Lifecycle::Online] = day(2030);
    a.dates[Lifecycle::Retired] = day(2034);
    b.dates[Lifecycle::Announced] = day(2026);
    b.dates[Lifecycle::Construction] = day(2027);
    b.dates[Lifecycle::Online] = day(2029);
    const Lifecycle m = mergedLifecycle({&a, &b});
    CHECK(m.statusAt(day(2024)) == Status::Absent);
    CHECK(m.statusAt(day(2025, 6)) == Status::Announced);
    CHECK(m.statusAt(day(2028)) == Status::Construction);
    CHECK(m.statusAt(day(2029, 6)) == Status::Operating);
    CHECK(m.statusAt(day(2035)) == Status::Operating); // b never retires
    b.dates[Lifecycle::Retired] = day(2033);
    CHECK(mergedLifecycle({&a, &b}).statusAt(day(2033, 6)) == Status::Operating);
    CHECK(mergedLifecycle({&a, &b}).statusAt(day(2034, 6)) == Status::Retired);
    cancelled.undatedStatus = Status::Cancelled;
    CHECK(mergedLifecycle({&a, &cancelled}).statusAt(day(2031)) == Status::Operating);
    undated.undatedStatus = Status::Construction;
    const Lifecycle u = mergedLifecycle({&a, &undated});
    CHECK_FALSE(u.hasDates());
    CHECK(u.undatedStatus == Status::Construction);
}

TEST_CASE("Merged columns and their hover sums count campuses on facility power", "[aggregation]") {
    // One 10 km cell, with PUE 1.25 stated in the manifest, at 2027-01-01:
    //   facility    500 MW  online 2025                         -> 500 MW operating
    //   it          200 MW  construction 2026, online 2028      -> 250 MW facility, half built
    //   generation 4500 MW  online 2026                         -> apart (not campus load)
    //   grid        300 MW  announced 2025                      -> apart
    // Column: operating 500, construction 250 × (0.15 + 0.85 × 0.5) = 143.75, planned 0 (the grid row
    // would have added 300, the generation row 4500). Hover: 500 operating, 250 under construction,
    // apart 4500 generation and 300 grid; largest: the facility row.
    Scenario s;
    s.manifest.assumptions.pue = 1.25;
    const Day mid = day(2026) + (day(2028) - day(2026)) / 2;
    s.datacenters = {campus(500, day(2024), day(2024, 6), day(2025)),
                     campus(200, day(2025), day(2026), day(2028)),
                     campus(4500, day(2024), day(2025), day(2026)), campus(300, day(2025), kNoDay, kNoDay)};
    s.datacenters[0].basis = CapacityBasis::Facility;
    s.datacenters[1].basis = CapacityBasis::It;
    s.datacenters[2].basis = CapacityBasis::Generation;
    s.datacenters[3].basis = CapacityBasis::Grid;

    const KnotTimeline tl = KnotTimeline::over(mid, mid + 10, 2);
    const auto levels = groupCampuses(s, {{1, 1}, {2, 2}, {3, 3}, {4, 4}}, {10.0}, tl, 120);
    REQUIRE(levels.size() == 1);
    REQUIRE(levels[0].size() == 1);
    const CapacityBands& b = levels[0].bands[0];
    CHECK(b.operating == Approx(500));
    CHECK(b.construction == Approx(143.75));
    CHECK(b.planned == 0);
    // The peak is at the second knot, 10 days later: 250 × 0.85 × 10 / 730 MW more built.
    CHECK(levels[0].peakTotalMw == Approx(500 + 143.75 + 250 * 0.85 * 10 / double(day(2028) - day(2026))));

    const MergedCampusSum sum = sumMergedCampuses(s, {0, 1, 2, 3}, mid);
    CHECK(sum.present == 4);
    CHECK(sum.operatingMw == Approx(500));
    CHECK(sum.constructionMw == Approx(250));
    CHECK(sum.plannedMw == 0);
    CHECK(sum.facilityMw() == Approx(750));
    CHECK(sum.generationMw == Approx(4500));
    CHECK(sum.gridMw == Approx(300));
    CHECK(sum.apart == 2);
    CHECK(sum.undisclosed == 0);
    CHECK(sum.largest == 0);
    CHECK(sum.largestMw == Approx(500));

    // Without a PUE the IT row is shown apart too: out of the column and the facility sum.
    s.manifest.assumptions.pue = kUnknown;
    CHECK(campusBandsAt(s, s.datacenters[1], mid, 120).total() == 0);
    const MergedCampusSum noPue = sumMergedCampuses(s, {0, 1, 2, 3}, mid);
    CHECK(noPue.facilityMw() == Approx(500));
    CHECK(noPue.itApartMw == Approx(200));
    CHECK(noPue.apart == 3);
}
