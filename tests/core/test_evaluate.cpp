// evaluate(scenario, t): per-entity status and capacity at a time, on the hand scenario (see the table at
// the top of test_summary.cpp), and agreement with summarize().
#include "core/evaluate.h"
#include "core/summary.h"
#include "test_support.h"

#include <cmath>

using namespace buildout;
using namespace buildout::test;

namespace {

Day day(int y, int m = 1, int d = 1) { return daysFromCivil(y, m, d); }

const Scenario& hand() {
    static const Loaded l = loadData("valid/hand");
    REQUIRE_LOADED(l);
    return l.scenario();
}

/// The state of entity `id` of a kind in a frame.
const EntityState& state(const FrameState& f, EntityKind kind, const std::string& id) {
    const int i = hand().find(kind, id);
    INFO(kindName(kind) << " " << id);
    REQUIRE(i >= 0);
    const std::vector<EntityState>* v = nullptr;
    switch (kind) {
    case EntityKind::Datacenter: v = &f.datacenters; break;
    case EntityKind::PowerPlant: v = &f.powerPlants; break;
    case EntityKind::Transmission: v = &f.lines; break;
    case EntityKind::Supercluster: v = &f.superclusters; break;
    case EntityKind::Zone: v = &f.zones; break;
    case EntityKind::Region: break;
    }
    REQUIRE(v);
    REQUIRE(static_cast<std::size_t>(i) < v->size());
    return (*v)[static_cast<std::size_t>(i)];
}

double seriesValue(const FrameState& f, const std::string& id, const std::string& metric) {
    const Scenario& s = hand();
    REQUIRE(f.seriesValues.size() == s.series.size());
    for (std::size_t i = 0; i < s.series.size(); ++i)
        if (s.series[i].targetId == id && s.series[i].metric == metric) return f.seriesValues[i];
    FAIL("no series " << id << " " << metric);
    return 0;
}

} // namespace

TEST_CASE("evaluate: hand scenario on 2024-06-01", "[evaluate]") {
    const FrameState f = evaluate(hand(), day(2024, 6, 1));
    CHECK(f.time == day(2024, 6, 1));
    REQUIRE(f.datacenters.size() == 4);
    REQUIRE(f.powerPlants.size() == 3);
    REQUIRE(f.lines.size() == 2);
    REQUIRE(f.superclusters.size() == 1);
    REQUIRE(f.zones.size() == 1);
    using K = EntityKind;
    // alpha announced 2024; its capacity_mw series holds its first value (400) before the first sample.
    CHECK(state(f, K::Datacenter, "alpha").status == Status::Announced);
    CHECK(state(f, K::Datacenter, "alpha").mw == 400);
    CHECK(state(f, K::Datacenter, "beta").status == Status::Absent); // announced 2025-06
    CHECK(state(f, K::Datacenter, "gamma").status == Status::Operating); // undated, status operating
    CHECK(std::isnan(state(f, K::Datacenter, "gamma").mw));              // unknown capacity
    CHECK(state(f, K::Datacenter, "delta").status == Status::Announced);
    CHECK(state(f, K::Datacenter, "delta").mw == 200);
    CHECK(state(f, K::PowerPlant, "gasA").status == Status::Absent);
    CHECK(state(f, K::PowerPlant, "coalC").status == Status::Operating);
    CHECK(state(f, K::PowerPlant, "coalC").mw == 600);
    CHECK(state(f, K::Transmission, "hv1").status == Status::Absent);
    CHECK(state(f, K::Supercluster, "c1").status == Status::Announced);
    CHECK(state(f, K::Zone, "z1").status == Status::Absent);
    CHECK(seriesValue(f, "alpha", "capacity_mw") == 400);
    CHECK(seriesValue(f, "c1", "compute") == 100000);
    CHECK(seriesValue(f, "US", "load_gw") == Approx(20 + 60 * 152 / 2192.0)); // 152 days into 2024
}

TEST_CASE("evaluate: hand scenario on 2026-07-01", "[evaluate]") {
    const FrameState f = evaluate(hand(), day(2026, 7, 1));
    using K = EntityKind;
    CHECK(state(f, K::Datacenter, "alpha").status == Status::Operating);
    CHECK(state(f, K::Datacenter, "alpha").mw == 1000); // series: 1000 from 2026-06
    CHECK(state(f, K::Datacenter, "beta").status == Status::Announced);
    CHECK(state(f, K::Datacenter, "beta").mw == 500);
    CHECK(state(f, K::PowerPlant, "gasA").status == Status::Operating);
    CHECK(state(f, K::PowerPlant, "nukeB").status == Status::Absent);
    CHECK(state(f, K::Transmission, "hv1").status == Status::Construction);
    CHECK(std::isnan(state(f, K::Transmission, "hv1").mw));
    CHECK(state(f, K::Transmission, "dc1").status == Status::Absent);
    CHECK(state(f, K::Transmission, "dc1").mw == 3000);
    CHECK(state(f, K::Zone, "z1").status == Status::Operating); // designated 2026-03
    CHECK(seriesValue(f, "c1", "compute") == Approx(100000 + 200000 * 181 / 730.0));
    CHECK(seriesValue(f, "US", "load_gw") == Approx(20 + 60 * 912 / 2192.0));
}

TEST_CASE("evaluate: hand scenario on 2029-06-01", "[evaluate]") {
    const FrameState f = evaluate(hand(), day(2029, 6, 1));
    using K = EntityKind;
    CHECK(state(f, K::Datacenter, "beta").status == Status::Operating);
    CHECK(state(f, K::PowerPlant, "nukeB").status == Status::Operating);
    CHECK(state(f, K::PowerPlant, "coalC").status == Status::Retired); // retired 2028
    CHECK(state(f, K::Transmission, "hv1").status == Status::Operating);
    CHECK(state(f, K::Transmission, "dc1").status == Status::Operating); // online 2029
    CHECK(seriesValue(f, "c1", "compute") == 300000);                    // after the last sample
}

TEST_CASE("evaluate and summarize agree on every kind, status and total", "[evaluate][summary]") {
    const Scenario& s = hand();
    for (Day d = day(2023, 6, 1); d <= day(2031, 1, 1); d += 29) {
        INFO("at " << formatDate(d));
        const FrameState f = evaluate(s, d);
        const Summary sum = summarize(s, d);
        const std::vector<EntityState>* perKind[] = {&f.datacenters, &f.powerPlants, &f.lines, &f.superclusters,
                                                     &f.zones};
        for (int k = 0; k < kMapKindCount; ++k) {
            int count[kStatusCount] = {};
            double mw[kStatusCount] = {};
            int unknown[kStatusCount] = {};
            for (const EntityState& e : *perKind[k]) {
                if (e.status == Status::Absent) continue;
                const int i = statusIndex(e.status);
                ++count[i];
                if (std::isnan(e.mw)) ++unknown[i];
                else mw[i] += e.mw;
            }
            for (int i = 0; i < kStatusCount; ++i) {
                INFO(kindName(static_cast<EntityKind>(k)) << " " << statusName(statusFromIndex(i)));
                const StatusTotals& t = sum.kinds[static_cast<std::size_t>(k)][static_cast<std::size_t>(i)];
                CHECK(t.count == count[i]);
                // Cluster MW in the summary is that of operating members, not the cluster's own.
                if (k == static_cast<int>(EntityKind::Supercluster)) continue;
                CHECK(t.mw == Approx(mw[i]));
                CHECK(t.unknownMwCount == unknown[i]);
            }
        }
    }
}
