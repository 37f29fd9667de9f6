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

TEST_CASE("diff: the text says totals are facility power and names what is left apart", "[diff]") {
    // tests/data/valid/basis (PUE 1.25) against basis-nopue, the same rows without a PUE, at 2027-07-01.
    // Operating: fac 1000 facility, itc 200 IT, gen 4500 generation, uns 100 unstated.
    //   A: 1000 + 200 × 1.25 + 100 = 1350 MW facility; gen apart.
    //   B: 1000 + 100 = 1100 MW facility; gen and itc (no PUE) apart.
    auto loadValid = [](const char* name) {
        LoadResult r = loadScenario(std::string(BUILDOUT_TEST_DATA_DIR) + "/valid/" + name);
        REQUIRE(r.scenario);
        return r.scenario;
    };
    const auto a = loadValid("basis"), b = loadValid("basis-nopue");
    const ScenarioDiff d = diffScenarios(*a, *b, daysFromCivil(2027, 7, 1));
    const std::string text = diffToText(d);
    INFO(text);
    CHECK(text.find("datacenter totals are facility power (A: IT \xC3\x97 PUE 1.25; B: no PUE stated)") !=
          std::string::npos);
    CHECK(text.find("operating datacenters, facility power: 1350 MW -> 1100 MW (-250 MW)") !=
          std::string::npos);
    CHECK(text.find("operating, not added: A 1 campus: 4500 MW generation; B 2 campuses: 4500 MW generation, "
                    "200 MW IT") != std::string::npos);
    // The JSON keeps its keys: the totals are the same facility figures.
    const nlohmann::json j = diffToJson(d);
    CHECK(j["totals"]["datacenters"]["operating"]["mw_a"] == 1350.0);
    CHECK(j["totals"]["datacenters"]["operating"]["mw_b"] == 1100.0);
    CHECK(j["totals"]["datacenters"]["operating"]["delta_mw"] == -250.0);
}

TEST_CASE("diff: asset lines give a datacenter's figure with its basis when not facility power", "[diff]") {
    Scenario a, b;
    a.manifest.id = "a", b.manifest.id = "b";
    a.manifest.start = b.manifest.start = daysFromCivil(2024, 1, 1);
    a.manifest.end = b.manifest.end = daysFromCivil(2030, 1, 1);
    Datacenter gen;
    gen.id = "gen";
    gen.name = "Gen";
    gen.capacityMw = 4500;
    gen.basis = CapacityBasis::Generation;
    gen.life.dates[Lifecycle::Announced] = daysFromCivil(2024, 1, 1);
    b.datacenters.push_back(gen);
    b.idIndex[static_cast<int>(EntityKind::Datacenter)]["gen"] = 0;
    const std::string text = diffToText(diffScenarios(a, b, daysFromCivil(2027, 1, 1)));
    INFO(text);
    CHECK(text.find("+ datacenters gen Gen +4500 MW generation (announced)") != std::string::npos);
}
