// Warm-up draws (MapRenderer::setWarmDraws, warmPendingDraw): the GUI draws each layer group of a scenario
// being uploaded once before swapping it in, so that its first frames do not pay the driver's first-use
// costs, and captures its static layers ahead for its first frame. What a user could see of that: the old
// map must stay exactly as it was during the warm-up, the new map's first frame must be exactly what a
// synchronous setScenario draws, and an upload must never hang waiting for warm-ups nobody draws.
#include "core/scenario_loader.h"
#include "render/prepared_scenario.h"
#include "render_test_support.h"

#include <catch2/catch.hpp>

using namespace buildout;
using namespace buildout::rtest;

namespace {

const std::string kDefault = std::string(BUILDOUT_SCENARIOS_DIR) + "/us-announced";
// Two scenarios whose basemaps differ (another projection), so that the first frame of B can copy its
// static layers only from a picture captured ahead.
const std::string kA = std::string(BUILDOUT_COMPARE_DATA_DIR) + "/a";
const std::string kB = std::string(BUILDOUT_COMPARE_DATA_DIR) + "/b-mercator";

int fullDifference(const SceneRenderer& scene, const Image& a, const Image& b) {
    return maxDifference(a, b, 0, 0, scene.width() - 1, scene.height() - 1);
}

} // namespace

TEST_CASE("warm-up: the old map is unchanged meanwhile, the new one's first frame is exact and copies its "
          "static layers",
          "[gl][prepared][warm]") {
    SceneRenderer scene(320, 180, 4, kA); // 4x MSAA like the GUI's map; the static cache on
    MapRenderer& renderer = scene.renderer();
    // Pixel-identical comparisons: labels drawn directly every time (no sprites, no cached pictures).
    renderer.painter().setTextSpritesEnabled(false);
    renderer.painter().setPictureCacheEnabled(false);
    const std::shared_ptr<const Scenario> oldS = loadOrThrow(kA), newS = loadOrThrow(kB);
    MapSettings all = allLayers();
    all.labels = true;
    const FrameSpec spec = scene.spec(day(2032), all, 0.5f, "national");

    renderer.setScenario(newS);
    const Image newSync = scene.render(spec);
    renderer.setScenario(oldS);
    scene.render(spec);
    const Image oldSync = scene.render(spec); // (the static layers now come from the cache)
    REQUIRE(fullDifference(scene, oldSync, newSync) > 20);

    const bool warm = GENERATE(true, false);
    INFO((warm ? "with warm-up draws" : "without (the control)"));
    renderer.setWarmDraws(warm);
    renderer.beginPreparedScenario(MapRenderer::prepareScenario(newS, nullptr, renderer.clusterThreshold()),
                                   nullptr);
    int frames = 0;
    while (!renderer.uploadPending(0.0)) { // one step a frame
        REQUIRE(++frames < 500);
        INFO("frame " << frames);
        CHECK(renderer.scenario() == oldS.get());
        CHECK(fullDifference(scene, scene.renderWarming(spec, spec), oldSync) == 0);
    }
    const Image first = scene.render(spec);
    CHECK(renderer.scenario() == newS.get());
    CHECK(fullDifference(scene, first, newSync) == 0);
    // Their basemaps differ, so only a picture captured ahead lets the first frame copy them.
    CHECK(renderer.lastStaticLayersFromCache() == warm);
    CHECK(fullDifference(scene, scene.render(spec), newSync) == 0);
}

TEST_CASE("warm-up: an upload whose warm-up draws are never made still swaps in", "[gl][prepared][warm]") {
    // A frame loop that stops drawing the map (a presentation's blackout) must not hold a load back.
    SceneRenderer scene(320, 180, 0, kDefault);
    MapRenderer& renderer = scene.renderer();
    const std::shared_ptr<const Scenario> newS = loadOrThrow(BUILDOUT_RENDER_SCENE_DIR);
    renderer.setWarmDraws(true);
    renderer.beginPreparedScenario(MapRenderer::prepareScenario(newS, nullptr, renderer.clusterThreshold()),
                                   nullptr);
    int calls = 0;
    while (!renderer.uploadPending(0.0))
        REQUIRE(++calls < 500);
    CHECK(renderer.scenario() == newS.get());
}
