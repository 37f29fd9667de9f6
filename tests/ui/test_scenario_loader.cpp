// The GUI's scenario loader with the map's preparation hook (app/gui/scenario_watcher.h): the worker
// prepares the map with no GL context at all (MapRenderer::prepareScenario is GL-free), and a load that a
// newer one supersedes is dropped, so only the newer is ever handed to the frame loop.
#include "app/gui/scenario_watcher.h"
#include "render/map_renderer.h"
#include "render/prepared_scenario.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace buildout;

namespace {

const std::string kScenarios = std::string(BUILDOUT_DATA_DIR) + "/scenarios/";

PrepareHook hook() {
    return [](std::shared_ptr<const Scenario> s) {
        return MapRenderer::prepareScenario(std::move(s), nullptr, 0);
    };
}

std::optional<LoadedScenario> waitFor(AsyncScenarioLoader& loader) {
    for (int i = 0; i < 6000 && loader.busy(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return loader.take();
}

} // namespace

TEST_CASE("Loader: the worker prepares the map (no GL context) along with the scenario", "[ui][loader]") {
    AsyncScenarioLoader loader;
    loader.start(kScenarios + "us-announced", hook());
    std::optional<LoadedScenario> r = waitFor(loader);
    REQUIRE(r);
    REQUIRE(r->load.scenario);
    REQUIRE(r->prepared);
    CHECK(r->prepared->scenario == r->load.scenario);
    CHECK(r->prepared->datacenters.columns.size() == r->load.scenario->datacenters.size());
    CHECK(r->prepared->dense.has_value()); // threshold 0: every kind merged, built on the worker too
    CHECK_FALSE(loader.take());            // handed over once
}

TEST_CASE("Loader: a load superseded by a newer one is dropped, prepared map and all", "[ui][loader]") {
    AsyncScenarioLoader loader;
    loader.start(kScenarios + "us-announced", hook());
    loader.start(kScenarios + "us-grid-constrained", hook());
    std::optional<LoadedScenario> r = waitFor(loader);
    REQUIRE(r);
    REQUIRE(r->load.scenario);
    REQUIRE(r->prepared);
    CHECK(r->load.scenario->manifest.id == "us-grid-constrained");
    CHECK(r->prepared->scenario == r->load.scenario);
    CHECK(loader.pendingPath() == kScenarios + "us-grid-constrained");
    CHECK_FALSE(loader.take()); // the older result never comes
}

TEST_CASE("Loader: without a hook nothing is prepared", "[ui][loader]") {
    AsyncScenarioLoader loader;
    loader.start(kScenarios + "demo-tiny");
    std::optional<LoadedScenario> r = waitFor(loader);
    REQUIRE(r);
    REQUIRE(r->load.scenario);
    CHECK_FALSE(r->prepared);
}
