// Per-asset classes of the comparison's diff map (core/diff_view.h) on tests/data/compare/{a,b}, whose
// scenario.json describes the expected class of every asset at 2027-07-01.
#include "core/diff_view.h"
#include "core/scenario_loader.h"

#include <catch2/catch.hpp>

using namespace buildout;

namespace {
std::shared_ptr<const Scenario> loadPair(const char* name) {
    LoadResult r = loadScenario(std::string(BUILDOUT_TEST_DATA_DIR) + "/compare/" + name);
    REQUIRE(r.scenario);
    return r.scenario;
}
DiffClass classOf(const DiffKindClasses& c, const Scenario& s, EntityKind kind, const std::string& id) {
    const int i = s.find(kind, id);
    REQUIRE(i >= 0);
    const auto& list = kind == EntityKind::Datacenter ? c.datacenters : kind == EntityKind::PowerPlant ? c.powerPlants : c.lines;
    return list.at(static_cast<std::size_t>(i));
}
} // namespace

TEST_CASE("diff view: every asset of the pair gets its class at a date", "[diff]") {
    const auto a = loadPair("a"), b = loadPair("b");
    const ScenarioDiff d = diffScenarios(*a, *b, daysFromCivil(2027, 7, 1));
    const DiffView v = makeDiffView(d, *a, *b);
    using K = EntityKind;
    CHECK(classOf(v.a, *a, K::Datacenter, "tx") == DiffClass::LargerInB);   // 1000 -> 1600 MW
    CHECK(classOf(v.a, *a, K::Datacenter, "ga") == DiffClass::SmallerInB);  // 800 -> 400 MW
    CHECK(classOf(v.a, *a, K::Datacenter, "oh") == DiffClass::OtherTiming); // 500 MW, online 2026 vs 2029
    CHECK(classOf(v.a, *a, K::Datacenter, "wa") == DiffClass::Unchanged);
    CHECK(classOf(v.a, *a, K::Datacenter, "az") == DiffClass::OnlyA);
    CHECK(classOf(v.a, *a, K::PowerPlant, "gas") == DiffClass::OnlyA);
    // B's entities are drawn only when they are in B alone; the shared ones come from A.
    CHECK(classOf(v.b, *b, K::Datacenter, "il") == DiffClass::OnlyB);
    CHECK(classOf(v.b, *b, K::PowerPlant, "nuke") == DiffClass::OnlyB);
    CHECK(classOf(v.b, *b, K::Transmission, "plains") == DiffClass::OnlyB);
    CHECK(classOf(v.b, *b, K::Datacenter, "tx") == DiffClass::Hidden);
    CHECK(v.counts[static_cast<std::size_t>(DiffClass::OnlyB)] == 3);
    CHECK(v.counts[static_cast<std::size_t>(DiffClass::OnlyA)] == 2);
    CHECK(v.counts[static_cast<std::size_t>(DiffClass::Unchanged)] == 1);
    CHECK(v.counts[static_cast<std::size_t>(DiffClass::Hidden)] == 0);
}

TEST_CASE("diff view: before B's line is in service it is not drawn", "[diff]") {
    const auto a = loadPair("a"), b = loadPair("b");
    const DiffView v = makeDiffView(diffScenarios(*a, *b, daysFromCivil(2025, 6, 1)), *a, *b);
    // The Plains line comes online 2026-01-01 and has no earlier date: absent in mid-2025.
    CHECK(classOf(v.b, *b, EntityKind::Transmission, "plains") == DiffClass::Hidden);
}

TEST_CASE("diff view: the common range and the basemap check", "[diff]") {
    const auto a = loadPair("a"), b = loadPair("b");
    const auto [lo, hi] = commonRange(*a, *b);
    CHECK(formatDate(lo) == "2025-01-01");
    CHECK(formatDate(hi) == "2031-12-31");
    CHECK_FALSE(basemapsDiffer(*a, *b));
}
