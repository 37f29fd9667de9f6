// The dashboard's summary (app/gui/dashboard_summary.h): exact at once for small scenarios; for big ones
// computed on a worker, the last finished shown meanwhile, and never one of a scenario no longer open.
#include "app/gui/dashboard_summary.h"
#include "core/scenario_loader.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace buildout;

namespace {

std::shared_ptr<const Scenario> bundled() {
    LoadResult r = loadScenario(std::string(BUILDOUT_DATA_DIR) + "/scenarios/us-announced");
    REQUIRE(r.scenario);
    return r.scenario;
}

/// The bundled scenario with its campuses repeated past the synchronous limit.
std::shared_ptr<const Scenario> enlarged(const Scenario& small) {
    auto big = std::make_shared<Scenario>(small);
    while (big->datacenters.size() + big->powerPlants.size() + big->lines.size() <=
           DashboardSummary::kSynchronousEntities)
        big->datacenters.insert(big->datacenters.end(), small.datacenters.begin(), small.datacenters.end());
    return big;
}

const Summary* waitFor(DashboardSummary& d, const std::shared_ptr<const Scenario>& s, Day day) {
    const Summary* got = d.at(s, day);
    for (int i = 0; i < 3000 && (!got || d.trailing()); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        got = d.at(s, day);
    }
    return got;
}

double operatingMw(const Summary& s) {
    return s
        .kinds[static_cast<std::size_t>(EntityKind::Datacenter)]
              [static_cast<std::size_t>(statusIndex(Status::Operating))]
        .mw;
}

} // namespace

TEST_CASE("Dashboard summary: small scenarios are summarised at once", "[ui][summary]") {
    const auto s = bundled();
    DashboardSummary d;
    const Day day = parseDate("2030-01-01")->day;
    const Summary* got = d.at(s, day);
    REQUIRE(got);
    CHECK_FALSE(d.trailing());
    CHECK(operatingMw(*got) == Approx(operatingMw(summarize(*s, day))));
}

TEST_CASE("Dashboard summary: big scenarios on a worker, trailing until done", "[ui][summary]") {
    const auto small = bundled();
    const auto big = enlarged(*small);
    const Day early = parseDate("2026-01-01")->day, late = parseDate("2033-01-01")->day;
    DashboardSummary d;
    const Summary* first = waitFor(d, big, early);
    REQUIRE(first);
    const double firstMw = operatingMw(*first); // the object is reused for the next day
    CHECK(firstMw == Approx(operatingMw(summarize(*big, early))));
    // A new day: the old figures are shown (trailing) until the worker has the new ones.
    const Summary* next = waitFor(d, big, late);
    REQUIRE(next);
    CHECK_FALSE(d.trailing());
    CHECK(operatingMw(*next) == Approx(operatingMw(summarize(*big, late))));
    CHECK(operatingMw(*next) > firstMw);
    // Another scenario: nothing of the big one is shown for it.
    const Summary* other = d.at(small, late);
    REQUIRE(other);
    CHECK(operatingMw(*other) == Approx(operatingMw(summarize(*small, late))));
}
