// Figures at a date (summarize / summaryToJson) on tests/data/valid/hand, worked out by hand.
//
// The hand scenario (dates are the first day of the period given):
//   datacenters  alpha  TX  OpCo       1000 MW nameplate, capacity_mw series 2026-01: 400, 2026-06: 1000 (step)
//                                      announced 2024, construction 2025-01, online 2026-01
//                beta   OH  OpCo       500 MW, announced 2025-06, online 2027
//                gamma  TN  Other Inc  capacity unknown, no dates, status operating (operating throughout)
//                delta  NE  Other Inc  200 MW, announced 2024 (announced throughout)
//   power_plants gasA   gas 300 MW online 2025; nukeB nuclear 800 MW online 2027;
//                coalC  coal 600 MW online 2000, retired 2028
//   transmission hv1    capacity unknown, construction 2025, online 2027
//                dc1    3000 MW, online 2029
//   superclusters c1    members alpha;beta, compute 100000, announced 2024;
//                       compute series 2026: 100000, 2028: 300000 (linear, 730 days apart)
//   zones        z1     designated 2026-03 (stands in for online)
//   series       US load_gw 2024: 20, 2030: 80 (linear, 2192 days apart)
#include "core/summary.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

using namespace buildout;
using namespace buildout::test;

namespace {

Day day(int y, int m = 1, int d = 1) { return daysFromCivil(y, m, d); }

const StatusTotals& totals(const Summary& s, EntityKind kind, Status status) {
    return s.kinds[static_cast<std::size_t>(kind)][static_cast<std::size_t>(statusIndex(status))];
}

/// Expected totals of one status: {count, mw, unknown_mw_count}.
struct Row {
    int count = 0;
    double mw = 0;
    int unknown = 0;
};
constexpr Row kNone{};

/// Checks one kind's row of the table, the six statuses in order announced, permitted, construction,
/// operating, retired, cancelled.
void checkKind(const Summary& s, EntityKind kind, std::initializer_list<Row> want) {
    REQUIRE(want.size() == kStatusCount);
    int i = 0;
    for (const Row& w : want) {
        const Status st = statusFromIndex(i++);
        INFO(kindName(kind) << " " << statusName(st));
        const StatusTotals& t = totals(s, kind, st);
        CHECK(t.count == w.count);
        CHECK(t.mw == Approx(w.mw));
        CHECK(t.unknownMwCount == w.unknown);
    }
}

const Scenario& hand() {
    static const Loaded l = loadData("valid/hand");
    REQUIRE_LOADED(l);
    return l.scenario();
}

} // namespace

TEST_CASE("summary: hand scenario before it starts (2023-06-01)", "[summary]") {
    const Summary s = summarize(hand(), day(2023, 6, 1));
    CHECK(s.scenarioId == "hand");
    CHECK(s.at == day(2023, 6, 1));
    // Only the undated gamma (operating, unknown MW) and coalC (online 2000) exist yet.
    checkKind(s, EntityKind::Datacenter, {kNone, kNone, kNone, {1, 0, 1}, kNone, kNone});
    checkKind(s, EntityKind::PowerPlant, {kNone, kNone, kNone, {1, 600, 0}, kNone, kNone});
    checkKind(s, EntityKind::Transmission, {kNone, kNone, kNone, kNone, kNone, kNone});
    checkKind(s, EntityKind::Supercluster, {kNone, kNone, kNone, kNone, kNone, kNone});
    checkKind(s, EntityKind::Zone, {kNone, kNone, kNone, kNone, kNone, kNone});
    CHECK(s.generationByFuelMw == std::map<std::string, double>{{"coal", 600}});
    CHECK(s.regionDatacenterMw == std::map<std::string, double>{{"TN", 0}}); // gamma, unknown MW adds 0
    CHECK(s.operatorDatacenterMw == std::map<std::string, double>{{"Other Inc", 0}});
    CHECK(s.superclusters.empty());
    // Every series has a value, whatever its entity's status (spec "series": before the first sample, the
    // first sample's): alpha and c1 are not announced yet, and their series still show.
    REQUIRE(s.series.size() == 3);
    CHECK(s.series.at("US").at("load_gw") == 20);
    CHECK(s.series.at("alpha").at("capacity_mw") == 400);
    CHECK(s.series.at("c1").at("compute") == 100000);
}

TEST_CASE("summary: hand scenario on 2024-06-01", "[summary]") {
    const Summary s = summarize(hand(), day(2024, 6, 1));
    // datacenters announced: alpha 400 (its capacity_mw series before the first sample: the first value,
    // overriding the 1000 nameplate) + delta 200 = 600, 2 entities. Operating: gamma, unknown MW.
    checkKind(s, EntityKind::Datacenter, {{2, 600, 0}, kNone, kNone, {1, 0, 1}, kNone, kNone});
    // Plants: gasA (online 2025) and nukeB (2027) are absent; coalC operating 600.
    checkKind(s, EntityKind::PowerPlant, {kNone, kNone, kNone, {1, 600, 0}, kNone, kNone});
    checkKind(s, EntityKind::Transmission, {kNone, kNone, kNone, kNone, kNone, kNone}); // hv1 from 2025
    // c1 announced; its MW is that of operating members: none yet.
    checkKind(s, EntityKind::Supercluster, {{1, 0, 0}, kNone, kNone, kNone, kNone, kNone});
    checkKind(s, EntityKind::Zone, {kNone, kNone, kNone, kNone, kNone, kNone});
    REQUIRE(s.superclusters.count("c1"));
    CHECK(s.superclusters.at("c1").compute == 100000); // before the first compute sample
    CHECK(s.superclusters.at("c1").mw == 0);
    CHECK(s.superclusters.at("c1").operatingMembers == 0);
    // US load_gw: 2024-01-01 + 152 days (31+29+31+30+31, 2024 is a leap year): 20 + 60 * 152/2192.
    CHECK(s.series.at("US").at("load_gw") == Approx(20 + 60 * 152 / 2192.0));
    CHECK(s.series.at("alpha").at("capacity_mw") == 400); // present (announced), so its series shows
    CHECK(s.series.at("c1").at("compute") == 100000);
}

TEST_CASE("summary: hand scenario on 2026-07-01", "[summary]") {
    const Summary s = summarize(hand(), day(2026, 7, 1));
    // datacenters announced: beta 500 + delta 200 = 700 (2). Operating: alpha 1000 (series: 1000 since
    // 2026-06) + gamma unknown = 1000 MW, 2 entities, 1 unknown.
    checkKind(s, EntityKind::Datacenter, {{2, 700, 0}, kNone, kNone, {2, 1000, 1}, kNone, kNone});
    // Plants operating: gasA 300 + coalC 600 = 900 (2); nukeB not before 2027.
    checkKind(s, EntityKind::PowerPlant, {kNone, kNone, kNone, {2, 900, 0}, kNone, kNone});
    // hv1 under construction (2025..2027) with unknown capacity; dc1 not before 2029.
    checkKind(s, EntityKind::Transmission, {kNone, kNone, {1, 0, 1}, kNone, kNone, kNone});
    // c1 announced; operating members: alpha 1000 (beta is only announced).
    checkKind(s, EntityKind::Supercluster, {{1, 1000, 0}, kNone, kNone, kNone, kNone, kNone});
    // z1 designated 2026-03: operating.
    checkKind(s, EntityKind::Zone, {kNone, kNone, kNone, {1, 0, 0}, kNone, kNone});

    CHECK(s.generationByFuelMw == std::map<std::string, double>{{"coal", 600}, {"gas", 300}});
    CHECK(s.regionDatacenterMw == std::map<std::string, double>{{"TN", 0}, {"TX", 1000}});
    CHECK(s.operatorDatacenterMw == std::map<std::string, double>{{"OpCo", 1000}, {"Other Inc", 0}});
    REQUIRE(s.superclusters.size() == 1);
    // c1 compute: 2026-01-01 + 181 days (31+28+31+30+31+30) of 730: 100000 + 200000 * 181/730 = 149589.04.
    CHECK(s.superclusters.at("c1").compute == Approx(100000 + 200000 * 181 / 730.0));
    CHECK(s.superclusters.at("c1").compute == Approx(149589.041).epsilon(1e-6));
    CHECK(s.superclusters.at("c1").mw == 1000);
    CHECK(s.superclusters.at("c1").operatingMembers == 1);
    // US load_gw: 366 (2024) + 365 (2025) + 181 = 912 days: 20 + 60 * 912/2192 = 44.9635.
    CHECK(s.series.at("US").at("load_gw") == Approx(20 + 60 * 912 / 2192.0));
    CHECK(s.series.at("US").at("load_gw") == Approx(44.9635).epsilon(1e-5));
    CHECK(s.series.at("alpha").at("capacity_mw") == 1000);
    CHECK(s.series.at("c1").at("compute") == Approx(149589.041).epsilon(1e-6));
}

TEST_CASE("summary: hand scenario on 2026-03-15 (capacity series mid-step)", "[summary]") {
    const Summary s = summarize(hand(), day(2026, 3, 15));
    // alpha operating at 400 MW (step: 2026-01 sample until 2026-06) + gamma unknown.
    checkKind(s, EntityKind::Datacenter, {{2, 700, 0}, kNone, kNone, {2, 400, 1}, kNone, kNone});
    CHECK(s.regionDatacenterMw.at("TX") == 400);
    CHECK(s.superclusters.at("c1").mw == 400);
}

TEST_CASE("summary: hand scenario on 2027-06-01", "[summary]") {
    const Summary s = summarize(hand(), day(2027, 6, 1));
    // datacenters: delta announced 200. Operating: alpha 1000 + beta 500 (online 2027) + gamma unknown.
    checkKind(s, EntityKind::Datacenter, {{1, 200, 0}, kNone, kNone, {3, 1500, 1}, kNone, kNone});
    // Plants operating: gasA 300 + nukeB 800 + coalC 600 (retires 2028) = 1700.
    checkKind(s, EntityKind::PowerPlant, {kNone, kNone, kNone, {3, 1700, 0}, kNone, kNone});
    // hv1 online 2027, unknown capacity.
    checkKind(s, EntityKind::Transmission, {kNone, kNone, kNone, {1, 0, 1}, kNone, kNone});
    // c1: alpha 1000 + beta 500 operating.
    checkKind(s, EntityKind::Supercluster, {{1, 1500, 0}, kNone, kNone, kNone, kNone, kNone});
    checkKind(s, EntityKind::Zone, {kNone, kNone, kNone, {1, 0, 0}, kNone, kNone});
    CHECK(s.generationByFuelMw == std::map<std::string, double>{{"coal", 600}, {"gas", 300}, {"nuclear", 800}});
    CHECK(s.regionDatacenterMw == std::map<std::string, double>{{"OH", 500}, {"TN", 0}, {"TX", 1000}});
    CHECK(s.operatorDatacenterMw == std::map<std::string, double>{{"OpCo", 1500}, {"Other Inc", 0}});
    // c1 compute: 365 + 151 = 516 days after 2026-01-01: 100000 + 200000 * 516/730.
    CHECK(s.superclusters.at("c1").compute == Approx(100000 + 200000 * 516 / 730.0));
    CHECK(s.superclusters.at("c1").operatingMembers == 2);
    // US load_gw: 366 + 365 + 365 + 151 = 1247 days: 20 + 60 * 1247/2192.
    CHECK(s.series.at("US").at("load_gw") == Approx(20 + 60 * 1247 / 2192.0));
}

TEST_CASE("summary: hand scenario on 2029-06-01", "[summary]") {
    const Summary s = summarize(hand(), day(2029, 6, 1));
    checkKind(s, EntityKind::Datacenter, {{1, 200, 0}, kNone, kNone, {3, 1500, 1}, kNone, kNone});
    // Plants: gasA 300 + nukeB 800 operating; coalC retired 2028 (600 MW, counted under retired).
    checkKind(s, EntityKind::PowerPlant, {kNone, kNone, kNone, {2, 1100, 0}, {1, 600, 0}, kNone});
    // Transmission operating: hv1 (unknown) + dc1 3000 (online 2029).
    checkKind(s, EntityKind::Transmission, {kNone, kNone, kNone, {2, 3000, 1}, kNone, kNone});
    checkKind(s, EntityKind::Supercluster, {{1, 1500, 0}, kNone, kNone, kNone, kNone, kNone});
    // Retired coal generates nothing: no coal entry at all.
    CHECK(s.generationByFuelMw == std::map<std::string, double>{{"gas", 300}, {"nuclear", 800}});
    CHECK(s.superclusters.at("c1").compute == 300000); // after the last sample: the last value
    // US load_gw: 366 + 365 + 365 + 366 + 365 + 151 = 1978 days: 20 + 60 * 1978/2192.
    CHECK(s.series.at("US").at("load_gw") == Approx(20 + 60 * 1978 / 2192.0));
    CHECK(summarize(hand(), day(2035)).series.at("US").at("load_gw") == 80); // after the last sample
}

TEST_CASE("summary: unknown member capacity marks a cluster's MW as partly unknown", "[summary]") {
    TempDir dir;
    dir.write("scenario.json", manifestText({{"datacenters", "dc.csv"}, {"superclusters", "sc.csv"}}));
    dir.write("dc.csv", "id,lat,lon,capacity_mw,operator\nk,32,-99,250,\nu,33,-98,,\n");
    dir.write("sc.csv", "id,members,compute,construction\nc,k;u,,2025\n");
    const Loaded l = loadDir(dir.str());
    REQUIRE_LOADED(l);
    const Summary s = summarize(l.scenario(), day(2026));
    // Both datacenters undated: operating; 250 known + 1 unknown.
    checkKind(s, EntityKind::Datacenter, {kNone, kNone, kNone, {2, 250, 1}, kNone, kNone});
    // The cluster is under construction; its operating members give 250 MW and one unknown.
    checkKind(s, EntityKind::Supercluster, {kNone, kNone, {1, 250, 1}, kNone, kNone, kNone});
    CHECK(std::isnan(s.superclusters.at("c").compute));
    CHECK(s.operatorDatacenterMw == std::map<std::string, double>{{"(unknown)", 250}});
    const nlohmann::json j = summaryToJson(s);
    CHECK(j["superclusters"]["c"]["compute"].is_null());
    CHECK(j["superclusters"]["c"]["mw"] == 250.0);
}

TEST_CASE("summaryToJson: keys and structure", "[summary][json]") {
    const nlohmann::json j = summaryToJson(summarize(hand(), day(2026, 7, 1)));
    REQUIRE(j.is_object());
    std::set<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
    CHECK(keys == std::set<std::string>{"scenario", "at", "kinds", "assumptions", "generation_by_fuel_mw", "regions",
                                        "operators", "superclusters", "series"});
    CHECK(j["assumptions"]["pue"].is_null()); // the hand scenario states no PUE
    CHECK(j["scenario"] == "hand");
    CHECK(j["at"] == "2026-07-01");

    // All six statuses for each of the five kinds, each {count, mw, unknown_mw_count}; datacenters also
    // {apart_count, by_basis} (test_capacity_basis.cpp checks their figures).
    const std::set<std::string> kinds{"datacenters", "power_plants", "transmission", "superclusters", "zones"};
    const std::set<std::string> statuses{"announced", "permitted", "construction", "operating", "retired", "cancelled"};
    REQUIRE(j["kinds"].is_object());
    std::set<std::string> gotKinds;
    for (auto k = j["kinds"].begin(); k != j["kinds"].end(); ++k) {
        gotKinds.insert(k.key());
        std::set<std::string> gotStatuses;
        for (auto st = k->begin(); st != k->end(); ++st) {
            INFO(k.key() << "." << st.key());
            gotStatuses.insert(st.key());
            REQUIRE(st->is_object());
            CHECK(st->size() == (k.key() == "datacenters" ? 5u : 3u));
            CHECK((*st)["count"].is_number_integer());
            CHECK((*st)["mw"].is_number());
            CHECK((*st)["unknown_mw_count"].is_number_integer());
        }
        CHECK(gotStatuses == statuses);
    }
    CHECK(gotKinds == kinds);

    // The numbers worked out for 2026-07-01 (see above).
    CHECK(j["kinds"]["datacenters"]["operating"]["count"] == 2);
    CHECK(j["kinds"]["datacenters"]["operating"]["mw"] == 1000.0);
    CHECK(j["kinds"]["datacenters"]["operating"]["unknown_mw_count"] == 1);
    CHECK(j["kinds"]["datacenters"]["announced"]["mw"] == 700.0);
    CHECK(j["kinds"]["power_plants"]["operating"]["mw"] == 900.0);
    CHECK(j["kinds"]["transmission"]["construction"]["unknown_mw_count"] == 1);
    CHECK(j["kinds"]["zones"]["operating"]["count"] == 1);
    CHECK(j["kinds"]["superclusters"]["announced"]["mw"] == 1000.0);
    CHECK(j["kinds"]["power_plants"]["cancelled"]["count"] == 0);

    CHECK(j["generation_by_fuel_mw"] == nlohmann::json({{"coal", 600.0}, {"gas", 300.0}}));
    CHECK(j["regions"] == nlohmann::json({{"TN", {{"datacenter_mw", 0.0}}}, {"TX", {{"datacenter_mw", 1000.0}}}}));
    CHECK(j["operators"] ==
          nlohmann::json({{"OpCo", {{"datacenter_mw", 1000.0}}}, {"Other Inc", {{"datacenter_mw", 0.0}}}}));
    REQUIRE(j["superclusters"].size() == 1);
    CHECK(j["superclusters"]["c1"].size() == 2);
    CHECK(j["superclusters"]["c1"]["compute"].get<double>() == Approx(149589.041).epsilon(1e-6));
    CHECK(j["superclusters"]["c1"]["mw"] == 1000.0);
    CHECK(j["series"].size() == 3);
    CHECK(j["series"]["US"]["load_gw"].get<double>() == Approx(44.9635).epsilon(1e-5));
    CHECK(j["series"]["alpha"]["capacity_mw"] == 1000.0);
    CHECK(j["series"]["c1"]["compute"].get<double>() == Approx(149589.041).epsilon(1e-6));
}

TEST_CASE("summaryToText: readable figures", "[summary]") {
    const Summary s = summarize(hand(), day(2026, 7, 1));
    const std::string text = summaryToText(s, hand());
    INFO(text);
    CHECK(text.rfind("Hand-made test scenario (hand) at 2026-07-01\n", 0) == 0);
    CHECK(text.find("datacenters (facility demand; other bases apart):\n") != std::string::npos);
    CHECK(text.find("1.00 GW  (+1 of unknown capacity)") != std::string::npos); // operating datacenters
    CHECK(text.find("700 MW") != std::string::npos);                          // announced datacenters
    CHECK(text.find("  coal: 600 MW\n") != std::string::npos);
    CHECK(text.find("  TX: 1.00 GW\n") != std::string::npos);
    CHECK(text.find("  c1: 1.00 GW operating") != std::string::npos);
    CHECK(text.find("  US load_gw: ") != std::string::npos);
}

// Per-entity state at a date: the rules summarize() adds up (Lifecycle::statusAt and Scenario::capacityAt,
// which the inspector shows for one entity) and the series values at that date, on the hand scenario.

namespace {

/// One entity's status and capacity at t, as summarize() counts it: capacity is that of datacenters,
/// plants and lines only (NaN = unknown); clusters and zones have none (0).
struct EntityAt {
    Status status = Status::Absent;
    double mw = 0;
};

bool hasCapacity(EntityKind kind) {
    return kind != EntityKind::Supercluster && kind != EntityKind::Zone;
}

EntityAt entityAt(const Scenario& s, EntityRef ref, TimeDays t) {
    const EntityBase& e = s.entity(ref);
    return {e.life.statusAt(t), hasCapacity(ref.kind) ? s.capacityAt(e, t) : 0.0};
}

EntityAt entityAt(EntityKind kind, const std::string& id, TimeDays t) {
    const int i = hand().find(kind, id);
    INFO(kindName(kind) << " " << id);
    REQUIRE(i >= 0);
    return entityAt(hand(), {kind, i}, t);
}

/// A series' value at t whether or not its target is present (summarize() leaves absent targets out).
double seriesAt(const std::string& id, const std::string& metric, TimeDays t) {
    for (const Series& ser : hand().series)
        if (ser.targetId == id && ser.metric == metric) return ser.valueAt(t);
    FAIL("no series " << id << " " << metric);
    return 0;
}

int countOf(const Scenario& s, EntityKind kind) {
    switch (kind) {
    case EntityKind::Datacenter:
        return static_cast<int>(s.datacenters.size());
    case EntityKind::PowerPlant:
        return static_cast<int>(s.powerPlants.size());
    case EntityKind::Transmission:
        return static_cast<int>(s.lines.size());
    case EntityKind::Supercluster:
        return static_cast<int>(s.superclusters.size());
    case EntityKind::Zone:
        return static_cast<int>(s.zones.size());
    case EntityKind::Region:
        break;
    }
    return 0;
}

} // namespace

TEST_CASE("entity state: hand scenario on 2024-06-01", "[summary]") {
    const Scenario& s = hand();
    REQUIRE(s.datacenters.size() == 4);
    REQUIRE(s.powerPlants.size() == 3);
    REQUIRE(s.lines.size() == 2);
    REQUIRE(s.superclusters.size() == 1);
    REQUIRE(s.zones.size() == 1);
    const TimeDays t = day(2024, 6, 1);
    using K = EntityKind;
    // alpha announced 2024; its capacity_mw series holds its first value (400) before the first sample.
    CHECK(entityAt(K::Datacenter, "alpha", t).status == Status::Announced);
    CHECK(entityAt(K::Datacenter, "alpha", t).mw == 400);
    CHECK(entityAt(K::Datacenter, "beta", t).status == Status::Absent);     // announced 2025-06
    CHECK(entityAt(K::Datacenter, "gamma", t).status == Status::Operating); // undated, status operating
    CHECK(std::isnan(entityAt(K::Datacenter, "gamma", t).mw));              // unknown capacity
    CHECK(entityAt(K::Datacenter, "delta", t).status == Status::Announced);
    CHECK(entityAt(K::Datacenter, "delta", t).mw == 200);
    CHECK(entityAt(K::PowerPlant, "gasA", t).status == Status::Absent);
    CHECK(entityAt(K::PowerPlant, "coalC", t).status == Status::Operating);
    CHECK(entityAt(K::PowerPlant, "coalC", t).mw == 600);
    CHECK(entityAt(K::Transmission, "hv1", t).status == Status::Absent);
    CHECK(entityAt(K::Supercluster, "c1", t).status == Status::Announced);
    CHECK(entityAt(K::Zone, "z1", t).status == Status::Absent);
    CHECK(seriesAt("alpha", "capacity_mw", t) == 400);
    CHECK(seriesAt("c1", "compute", t) == 100000);
    CHECK(seriesAt("US", "load_gw", t) == Approx(20 + 60 * 152 / 2192.0)); // 152 days into 2024
}

TEST_CASE("entity state: hand scenario on 2026-07-01", "[summary]") {
    const TimeDays t = day(2026, 7, 1);
    using K = EntityKind;
    CHECK(entityAt(K::Datacenter, "alpha", t).status == Status::Operating);
    CHECK(entityAt(K::Datacenter, "alpha", t).mw == 1000); // series: 1000 from 2026-06
    CHECK(entityAt(K::Datacenter, "beta", t).status == Status::Announced);
    CHECK(entityAt(K::Datacenter, "beta", t).mw == 500);
    CHECK(entityAt(K::PowerPlant, "gasA", t).status == Status::Operating);
    CHECK(entityAt(K::PowerPlant, "nukeB", t).status == Status::Absent);
    CHECK(entityAt(K::Transmission, "hv1", t).status == Status::Construction);
    CHECK(std::isnan(entityAt(K::Transmission, "hv1", t).mw));
    CHECK(entityAt(K::Transmission, "dc1", t).status == Status::Absent);
    CHECK(entityAt(K::Transmission, "dc1", t).mw == 3000);         // nameplate, even while absent
    CHECK(entityAt(K::Zone, "z1", t).status == Status::Operating); // designated 2026-03
    CHECK(seriesAt("c1", "compute", t) == Approx(100000 + 200000 * 181 / 730.0));
    CHECK(seriesAt("US", "load_gw", t) == Approx(20 + 60 * 912 / 2192.0));
}

TEST_CASE("entity state: hand scenario on 2029-06-01", "[summary]") {
    const TimeDays t = day(2029, 6, 1);
    using K = EntityKind;
    CHECK(entityAt(K::Datacenter, "beta", t).status == Status::Operating);
    CHECK(entityAt(K::PowerPlant, "nukeB", t).status == Status::Operating);
    CHECK(entityAt(K::PowerPlant, "coalC", t).status == Status::Retired); // retired 2028
    CHECK(entityAt(K::Transmission, "hv1", t).status == Status::Operating);
    CHECK(entityAt(K::Transmission, "dc1", t).status == Status::Operating); // online 2029
    CHECK(seriesAt("c1", "compute", t) == 300000);                          // after the last sample
}

TEST_CASE("summarize adds up the per-entity state of every kind and status", "[summary]") {
    const Scenario& s = hand();
    for (Day d = day(2023, 6, 1); d <= day(2031, 1, 1); d += 29) {
        INFO("at " << formatDate(d));
        const Summary sum = summarize(s, d);
        for (int k = 0; k < kMapKindCount; ++k) {
            const auto kind = static_cast<EntityKind>(k);
            int count[kStatusCount] = {};
            double mw[kStatusCount] = {};
            int unknown[kStatusCount] = {};
            for (int i = 0; i < countOf(s, kind); ++i) {
                const EntityAt e = entityAt(s, {kind, i}, d);
                if (e.status == Status::Absent) continue;
                const int st = statusIndex(e.status);
                ++count[st];
                if (std::isnan(e.mw))
                    ++unknown[st];
                else
                    mw[st] += e.mw;
            }
            for (int i = 0; i < kStatusCount; ++i) {
                INFO(kindName(kind) << " " << statusName(statusFromIndex(i)));
                const StatusTotals& t = sum.kinds[static_cast<std::size_t>(k)][static_cast<std::size_t>(i)];
                CHECK(t.count == count[i]);
                // Cluster MW in the summary is that of operating members, not the cluster's own.
                if (kind == EntityKind::Supercluster) continue;
                CHECK(t.mw == Approx(mw[i]));
                CHECK(t.unknownMwCount == unknown[i]);
            }
        }
    }
}

// Issue 13: in us-announced, 14 series whose entities are not announced by 2025-01-01 (e.g. dc01's
// capacity_mw, sc-meta-prometheus's h100e) had no value there. The contract gives them their first
// sample's. Expected values come from the samples themselves, so the test survives data updates.
TEST_CASE("summary: series before their first sample have the first sample's value (us-announced)",
          "[summary]") {
    const Loaded l = loadData("../../data/scenarios/us-announced");
    REQUIRE_LOADED(l);
    const Scenario& sc = l.scenario();
    const TimeDays t = day(2025, 1, 1);
    const Summary s = summarize(sc, t);
    std::size_t beforeFirst = 0;
    for (const Series& ser : sc.series) {
        REQUIRE_FALSE(ser.samples.empty());
        INFO(ser.targetId << " " << ser.metric);
        REQUIRE(s.series.count(ser.targetId));
        REQUIRE(s.series.at(ser.targetId).count(ser.metric));
        const double got = s.series.at(ser.targetId).at(ser.metric);
        CHECK(got == Approx(ser.valueAt(t)));
        if (t < ser.samples.front().t) {
            ++beforeFirst;
            CHECK(got == ser.samples.front().value);
        }
    }
    CHECK(beforeFirst >= 14);
    for (const auto& [id, metric] : {std::pair<std::string, std::string>{"dc01", "capacity_mw"},
                                     {"sc-meta-prometheus", "h100e"}}) {
        INFO(id << " " << metric);
        REQUIRE(s.series.count(id));
        CHECK(s.series.at(id).count(metric) == 1);
    }
}
