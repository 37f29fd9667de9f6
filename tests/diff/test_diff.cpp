// Scenario comparison on a hand-made pair (tests/data/diff/a and b), checked value by value.
#include "core/diff.h"
#include "core/scenario_loader.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace buildout;

namespace {
std::shared_ptr<const Scenario> load(const char* name) {
    LoadResult r = loadScenario(std::string(BUILDOUT_TEST_DATA_DIR) + "/diff/" + name);
    REQUIRE(r.scenario);
    return r.scenario;
}
const AssetChange* findChange(const std::vector<AssetChange>& v, const std::string& id) {
    auto it = std::find_if(v.begin(), v.end(), [&](const AssetChange& c) { return c.id == id; });
    return it == v.end() ? nullptr : &*it;
}
} // namespace

TEST_CASE("diff: added, removed, changed and renamed assets at a date", "[diff]") {
    const auto a = load("a"), b = load("b");
    const ScenarioDiff d = diffScenarios(*a, *b, daysFromCivil(2027, 1, 1));
    // dc1: 1000 -> 1500 MW, both operating since 2025.
    const AssetChange* dc1 = findChange(d.changed, "dc1");
    REQUIRE(dc1);
    CHECK(dc1->mwA == 1000.0);
    CHECK(dc1->mwB == 1500.0);
    CHECK(dc1->deltaOperatingMw() == 500.0);
    // dc2: online 2026 in A, 2028 in B; in 2027 operating in A, still announced in B.
    const AssetChange* dc2 = findChange(d.changed, "dc2");
    REQUIRE(dc2);
    CHECK(dc2->statusA == Status::Operating);
    CHECK(dc2->statusB == Status::Announced);
    CHECK(dc2->deltaOperatingMw() == -500.0);
    CHECK(formatDate(dc2->onlineB) == "2028-01-01");
    // dc4 only in B; the plant only in A.
    REQUIRE(findChange(d.added, "dc4"));
    CHECK(findChange(d.added, "dc4")->deltaMw() == 300.0);
    REQUIRE(findChange(d.removed, "p1"));
    CHECK(findChange(d.removed, "p1")->kind == EntityKind::PowerPlant);
    // Same name, ~1.4 km apart, different ids: a likely rename, reported but not matched.
    REQUIRE(d.renames.size() == 1);
    CHECK(d.renames[0].idA == "old-id");
    CHECK(d.renames[0].idB == "new-id");
    CHECK(d.renames[0].distanceKm < 5.0);
    CHECK(findChange(d.removed, "old-id"));
    CHECK(findChange(d.added, "new-id"));
    // Totals: A operating 1000 + 500 + 200 = 1700 MW; B 1500 + 300 + 200 = 2000 MW.
    const auto op = static_cast<std::size_t>(statusIndex(Status::Operating));
    CHECK(d.summaryA.kinds[0][op].mw == 1700.0);
    CHECK(d.summaryB.kinds[0][op].mw == 2000.0);
    CHECK(d.notes.empty());
}

TEST_CASE("diff: a date outside the common range is clamped with a note", "[diff]") {
    const auto a = load("a"), b = load("b");
    const ScenarioDiff d = diffScenarios(*a, *b, daysFromCivil(2040, 1, 1));
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0].find("outside the common range") != std::string::npos);
    CHECK(formatDate(static_cast<Day>(d.at)) == "2030-12-31");
}

TEST_CASE("diff: JSON lists every section with stable keys", "[diff]") {
    const auto a = load("a"), b = load("b");
    const nlohmann::json j = diffToJson(diffScenarios(*a, *b, daysFromCivil(2027, 1, 1)));
    CHECK(j["a"] == "diff-a");
    CHECK(j["b"] == "diff-b");
    CHECK(j["at"] == "2027-01-01");
    CHECK(j["added"].size() == 2);
    CHECK(j["removed"].size() == 2);
    CHECK(j["changed"].size() == 2);
    CHECK(j["likely_renames"].size() == 1);
    CHECK(j["totals"]["datacenters"]["operating"]["delta_mw"] == 300.0);
}
