// Prepared scenarios (render/prepared_scenario.h): the CPU part of setScenario made on another thread and
// then only copied into GL buffers draws exactly what the synchronous setScenario draws; the map keeps
// showing the previous scenario until the prepared one is swapped in; a prepare made for another
// comparison palette is redone rather than drawn with the wrong colours.
#include "core/scenario_loader.h"
#include "render/prepared_scenario.h"
#include "render_test_support.h"

#include <catch2/catch.hpp>

#include <future>

using namespace buildout;
using namespace buildout::rtest;

namespace {

/// prepareScenario on a worker thread, as the GUI's loader runs it (no GL context there).
std::shared_ptr<PreparedScenario> prepareOnWorker(std::shared_ptr<const Scenario> s, int threshold) {
    return std::async(std::launch::async,
                      [s, threshold] { return MapRenderer::prepareScenario(s, nullptr, threshold); })
        .get();
}

const std::string kDefault = std::string(BUILDOUT_SCENARIOS_DIR) + "/us-announced";

/// Frames that exercise every layer: national and zoomed, labels on, two dates.
std::vector<FrameSpec> frames(const SceneRenderer& scene) {
    std::vector<FrameSpec> out;
    MapSettings all = allLayers();
    all.labels = true;
    for (TimeDays t : {day(2027, 6), day(2032)}) {
        out.push_back(scene.spec(t, all, 0.5f, "national"));
        out.push_back(scene.spec(t, all, 0.5f, "scene"));
    }
    return out;
}

void checkSameAsSynchronous(SceneRenderer& scene, const std::shared_ptr<const Scenario>& s) {
    MapRenderer& renderer = scene.renderer();
    // Pixel-identical means the same text path both times: a label drawn again would otherwise be copied
    // from its sprite (equal up to rounding, test_text_sprites.cpp), which is not what this test is about.
    renderer.painter().setTextSpritesEnabled(false);
    const std::vector<FrameSpec> specs = frames(scene);
    renderer.setScenario(s);
    std::vector<Image> sync;
    for (const FrameSpec& spec : specs)
        sync.push_back(scene.render(spec));
    renderer.setPreparedScenario(prepareOnWorker(s, renderer.clusterThreshold()), nullptr);
    REQUIRE(renderer.scenario() == s.get());
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const Image prepared = scene.render(specs[i]);
        INFO("frame " << i);
        CHECK(maxDifference(prepared, sync[i], 0, 0, scene.width() - 1, scene.height() - 1) == 0);
    }
}

} // namespace

TEST_CASE("prepared scenario: draws pixel-identical to setScenario (default scenario)", "[gl][prepared]") {
    SceneRenderer scene(320, 180, 0, kDefault);
    checkSameAsSynchronous(scene, loadOrThrow(kDefault));
}

TEST_CASE("prepared scenario: draws pixel-identical to setScenario (every kind merged)", "[gl][prepared]") {
    SceneRenderer scene(320, 180, 0);
    scene.renderer().setClusterThreshold(0); // merges every kind with an entity: the dense path
    const std::shared_ptr<const Scenario> s = loadOrThrow(BUILDOUT_RENDER_SCENE_DIR);
    checkSameAsSynchronous(scene, s);
    REQUIRE(scene.renderer().denseLayers().any());
    // The merged levels came with the prepared scenario (built on the worker), none left to build.
    CHECK_FALSE(scene.renderer().denseBuildPending());
}

TEST_CASE("prepared scenario: the old map is drawn until the new one is swapped in, then only the new",
          "[gl][prepared]") {
    SceneRenderer scene(320, 180, 0, kDefault);
    MapRenderer& renderer = scene.renderer();
    const std::shared_ptr<const Scenario> oldS = loadOrThrow(kDefault), newS = loadOrThrow(BUILDOUT_RENDER_SCENE_DIR);
    const FrameSpec spec = scene.spec(day(2032), allLayers(), 0.5f, "national");
    renderer.setScenario(newS);
    const Image newSync = scene.render(spec);
    renderer.setScenario(oldS);
    const Image oldSync = scene.render(spec);
    REQUIRE(maxDifference(oldSync, newSync, 0, 0, scene.width() - 1, scene.height() - 1) > 0);

    // A newer prepare supersedes an older one still in flight: the caller drops the older (the GUI's
    // loader keeps only its last load's result), so only the newer is ever swapped in.
    auto older =
        std::async(std::launch::async, [oldS] { return MapRenderer::prepareScenario(oldS, nullptr, {}); });
    const std::shared_ptr<PreparedScenario> newer = prepareOnWorker(newS, renderer.clusterThreshold());
    // Prepared but not swapped in: the map is still the old scenario, whole.
    CHECK(renderer.scenario() == oldS.get());
    CHECK(maxDifference(scene.render(spec), oldSync, 0, 0, scene.width() - 1, scene.height() - 1) == 0);
    older.get(); // finished and dropped
    renderer.setPreparedScenario(newer, nullptr);
    CHECK(renderer.scenario() == newS.get());
    CHECK(maxDifference(scene.render(spec), newSync, 0, 0, scene.width() - 1, scene.height() - 1) == 0);
}

TEST_CASE("prepared scenario: one prepared for another comparison palette is prepared again",
          "[gl][prepared]") {
    SceneRenderer scene(320, 180, 0, kDefault);
    MapRenderer& renderer = scene.renderer();
    const std::shared_ptr<const Scenario> s = loadOrThrow(kDefault);
    const std::shared_ptr<const Scenario> other =
        loadOrThrow(std::string(BUILDOUT_SCENARIOS_DIR) + "/us-grid-constrained");
    const FrameSpec spec = scene.spec(day(2032), allLayers(), 0.5f, "national");
    renderer.setScenario(s);
    const Image alone = scene.render(spec);
    const std::shared_ptr<PreparedScenario> withOther =
        MapRenderer::prepareScenario(s, other.get(), renderer.clusterThreshold());
    REQUIRE(withOther->paletteWith == other.get());
    renderer.setPreparedScenario(withOther, nullptr); // the comparison closed meanwhile
    CHECK(renderer.scenario() == s.get());
    CHECK(maxDifference(scene.render(spec), alone, 0, 0, scene.width() - 1, scene.height() - 1) == 0);
}

TEST_CASE("prepared scenario: copied a step per frame, the old map is drawn whole until the last step",
          "[gl][prepared]") {
    SceneRenderer scene(320, 180, 0, kDefault);
    MapRenderer& renderer = scene.renderer();
    renderer.setClusterThreshold(0); // the merged levels are steps too
    const std::shared_ptr<const Scenario> oldS = loadOrThrow(kDefault), newS = loadOrThrow(BUILDOUT_RENDER_SCENE_DIR);
    const FrameSpec spec = scene.spec(day(2032), allLayers(), 0.5f, "national");
    renderer.setScenario(newS);
    const Image newSync = scene.render(spec);
    renderer.setScenario(oldS);
    const Image oldSync = scene.render(spec);
    REQUIRE(maxDifference(oldSync, newSync, 0, 0, scene.width() - 1, scene.height() - 1) > 0);

    renderer.beginPreparedScenario(prepareOnWorker(newS, renderer.clusterThreshold()), nullptr);
    int steps = 0;
    while (!renderer.uploadPending(0.0)) { // a budget of 0: one step per call
        ++steps;
        INFO("after step " << steps);
        REQUIRE(renderer.scenarioPending());
        CHECK(renderer.scenario() == oldS.get());
        CHECK(maxDifference(scene.render(spec), oldSync, 0, 0, scene.width() - 1, scene.height() - 1) == 0);
    }
    CHECK(steps >= 6); // basemap, campuses, plants, two halves of lines, the rest; then merged levels
    CHECK_FALSE(renderer.scenarioPending());
    CHECK(renderer.scenario() == newS.get());
    CHECK(maxDifference(scene.render(spec), newSync, 0, 0, scene.width() - 1, scene.height() - 1) == 0);

    // A newer begin drops an upload in progress: only the newer is swapped in.
    renderer.beginPreparedScenario(prepareOnWorker(oldS, renderer.clusterThreshold()), nullptr);
    renderer.uploadPending(0.0);
    renderer.beginPreparedScenario(prepareOnWorker(newS, renderer.clusterThreshold()), nullptr);
    while (!renderer.uploadPending(0.0))
        CHECK(renderer.scenario() == newS.get());
    CHECK(renderer.scenario() == newS.get());
    CHECK(maxDifference(scene.render(spec), newSync, 0, 0, scene.width() - 1, scene.height() - 1) == 0);
}

TEST_CASE("prepared scenario: lines merged at every zoom are prepared without their segments, drawn the same",
          "[gl][prepared][dense]") {
    SceneRenderer scene(320, 180, 0);
    MapRenderer& renderer = scene.renderer();
    renderer.painter().setTextSpritesEnabled(false);
    // The render scene with its lines repeated past the count that is merged at every zoom (20 000).
    auto many = std::make_shared<Scenario>(*loadOrThrow(BUILDOUT_RENDER_SCENE_DIR));
    REQUIRE_FALSE(many->lines.empty());
    const std::size_t original = many->lines.size();
    while (many->lines.size() <= 20000)
        many->lines.push_back(many->lines[many->lines.size() % original]);
    const std::shared_ptr<const Scenario> s = many;
    const std::vector<FrameSpec> specs = frames(scene);

    // Merged levels built later by the renderer (no threshold known when prepared): segments kept.
    const std::shared_ptr<PreparedScenario> kept = MapRenderer::prepareScenario(s, nullptr, {});
    CHECK_FALSE(kept->segmentsOmitted);
    CHECK_FALSE(kept->transmission.lines.empty());
    renderer.setPreparedScenario(kept, nullptr);
    std::vector<Image> withSegments;
    for (const FrameSpec& spec : specs)
        withSegments.push_back(scene.render(spec));

    const std::shared_ptr<PreparedScenario> omitted = prepareOnWorker(s, renderer.clusterThreshold());
    CHECK(omitted->segmentsOmitted);
    CHECK(omitted->transmission.lines.empty());
    CHECK(omitted->transmission.linesCoarse.empty());
    renderer.setPreparedScenario(omitted, nullptr);
    for (std::size_t i = 0; i < specs.size(); ++i) {
        INFO("frame " << i);
        CHECK(maxDifference(scene.render(specs[i]), withSegments[i], 0, 0, scene.width() - 1,
                            scene.height() - 1) == 0);
    }

    // Prepared for a threshold the renderer no longer has (nothing merged now): prepared again, segments too.
    const Image merged = scene.render(specs[1]);
    renderer.setClusterThreshold(1000000);
    renderer.setPreparedScenario(prepareOnWorker(s, 0), nullptr);
    const Image unmergedPrepared = scene.render(specs[1]);
    renderer.setScenario(s);
    const Image unmergedSync = scene.render(specs[1]);
    CHECK(maxDifference(unmergedPrepared, unmergedSync, 0, 0, scene.width() - 1, scene.height() - 1) == 0);
    CHECK(maxDifference(unmergedSync, merged, 0, 0, scene.width() - 1, scene.height() - 1) > 0);
}
