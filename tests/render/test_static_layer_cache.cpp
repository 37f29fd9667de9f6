// The static-layer cache (background, land, borders kept as a picture while the camera is still) must
// give exactly the pixels of drawing everything directly, and must notice every change that alters
// those layers: camera, size, basemap opacity, choropleth colours at a new time.
#include "render_test_support.h"

#include "core/scenario_loader.h"
#include "render/overlay_painter.h"

#include <catch2/catch.hpp>

using namespace buildout;
using namespace buildout::rtest;

namespace {

/// Renders `spec` three times with the cache on (the second fills it, the third copies it) and returns
/// the last frame.
Image renderCached(SceneRenderer& scene, const FrameSpec& spec) {
    scene.renderer().setStaticLayerCacheEnabled(true);
    scene.render(spec);
    scene.render(spec);
    return scene.render(spec);
}

Image renderDirect(SceneRenderer& scene, const FrameSpec& spec) {
    scene.renderer().setStaticLayerCacheEnabled(false);
    Image img = scene.render(spec);
    scene.renderer().setStaticLayerCacheEnabled(true);
    return img;
}

void requireIdentical(const Image& a, const Image& b, const char* what) {
    const int worst = maxDifference(a, b, 0, 0, a.width - 1, a.height - 1);
    INFO(what << ": largest channel difference " << worst);
    if (worst != 0) {
        saveOutput(a, "static_cache_cached.png");
        saveOutput(b, "static_cache_direct.png");
    }
    REQUIRE(worst == 0);
    REQUIRE(a.rgba == b.rgba); // alpha too, for transparent exports
}

} // namespace

TEST_CASE("static-layer cache: copied frames equal drawn frames, with and without MSAA", "[gl][cache]") {
    for (int samples : {0, 4}) {
        INFO("samples " << samples);
        SceneRenderer scene(320, 180, samples);
        const FrameSpec spec = scene.spec(day(2031), allLayers(), 0.5f);
        requireIdentical(renderCached(scene, spec), renderDirect(scene, spec), "same frame");
        // Time advancing under a still camera: the cached land and borders, the live layers on top.
        scene.render(spec); // the cache holds this camera
        const FrameSpec later = scene.spec(day(2034), allLayers(), 0.5f);
        const Image afterAdvance = scene.render(later);
        requireIdentical(afterAdvance, renderDirect(scene, later), "time advanced under the cached picture");
    }
}

TEST_CASE("static-layer cache: a new camera, opacity or choropleth value is never served stale",
          "[gl][cache]") {
    SceneRenderer scene(320, 180, 4);
    MapSettings m = only(Layer::Basemap);
    m.choroplethMetric = "dc_twh";
    const FrameSpec early = scene.spec(day(2024), m, 0.5f, "TX");
    const FrameSpec late = scene.spec(day(2030), m, 0.5f, "TX");

    // Fills the cache with `early`, then draws `changed` once: it must equal drawing `changed` directly,
    // and (so that the check means something) differ visibly from `early`.
    auto requireFresh = [&](const FrameSpec& changed, const char* what) {
        const Image direct = renderDirect(scene, changed);
        REQUIRE(maxDifference(renderDirect(scene, early), direct, 0, 0, 319, 179) > 20);
        renderCached(scene, early);
        requireIdentical(scene.render(changed), direct, what);
    };
    SECTION("choropleth colours change with time under a still camera") {
        requireFresh(late, "choropleth at a later date");
    }
    SECTION("a moved camera") {
        FrameSpec moved = early;
        moved.camera.headingDeg += 20;
        requireFresh(moved, "camera turned");
    }
    SECTION("basemap opacity") {
        FrameSpec faded = early;
        faded.settings.basemap.opacity = 0.3f;
        requireFresh(faded, "basemap faded");
    }
    SECTION("transparent background") {
        FrameSpec clear = early;
        clear.transparentBackground = true;
        const Image directClear = renderDirect(scene, clear);
        renderCached(scene, early);
        const Image cachedThenClear = scene.render(clear);
        requireIdentical(cachedThenClear, directClear, "transparent background");
    }
}

TEST_CASE("static-layer cache: a scenario on the same basemap keeps the picture, another projection does not",
          "[gl][cache]") {
    // A switch between two scenarios on one basemap (or a reload) copies the cached land and borders in
    // the frame that swaps the new scenario in; a basemap projected differently is drawn afresh. Either
    // way the frame equals drawing everything directly. One camera throughout, so only the scenario changes.
    SceneRenderer scene(320, 180, 4, std::string(BUILDOUT_COMPARE_DATA_DIR) + "/a");
    const FrameSpec spec = scene.spec(day(2027), allLayers(), 0.5f, "national");
    MapRenderer& r = scene.renderer();
    renderCached(scene, spec);
    REQUIRE(r.lastStaticLayersFromCache());

    const LoadResult b = loadScenario(std::string(BUILDOUT_COMPARE_DATA_DIR) + "/b");
    REQUIRE(b.scenario);
    r.setScenario(b.scenario);
    const Image switched = scene.render(spec);
    CHECK(r.lastStaticLayersFromCache());
    requireIdentical(switched, renderDirect(scene, spec), "switched to B, same basemap");

    renderCached(scene, spec);
    const LoadResult mercator = loadScenario(std::string(BUILDOUT_COMPARE_DATA_DIR) + "/b-mercator");
    REQUIRE(mercator.scenario);
    r.setScenario(mercator.scenario);
    const Image reprojected = scene.render(spec);
    CHECK_FALSE(r.lastStaticLayersFromCache());
    REQUIRE(maxDifference(switched, reprojected, 0, 0, 319, 179) > 20); // the check below means something
    requireIdentical(reprojected, renderDirect(scene, spec), "switched to B in another projection");
}

namespace {

// These tests are about the pictures alone: text sprites (a cache of single texts inside the queue, tested
// in test_text_sprites.cpp) stay off, so that differences come from the pictures only.
Image renderOverlaysCached(SceneRenderer& scene, const FrameSpec& spec, const OverlayOptions& o) {
    scene.renderer().painter().setTextSpritesEnabled(false);
    scene.renderer().painter().setPictureCacheEnabled(true);
    scene.render(spec, &o);
    scene.render(spec, &o);
    return scene.render(spec, &o);
}

Image renderOverlaysDirect(SceneRenderer& scene, const FrameSpec& spec, const OverlayOptions& o) {
    scene.renderer().painter().setTextSpritesEnabled(false);
    scene.renderer().painter().setPictureCacheEnabled(false);
    Image img = scene.render(spec, &o);
    scene.renderer().painter().setPictureCacheEnabled(true);
    return img;
}

} // namespace

TEST_CASE("overlay picture cache: labels and overlays from the picture match direct drawing", "[gl][cache]") {
    SceneRenderer scene(640, 360, 4);
    MapSettings m = allLayers();
    m.labels = true;
    const OverlayOptions o; // title, date, figures, legend, sources
    const FrameSpec spec = scene.spec(day(2032), m, 0.5f);
    const Image cached = renderOverlaysCached(scene, spec, o);
    const Image direct = renderOverlaysDirect(scene, spec, o);
    // Premultiplied 8-bit picture, composited: at most a unit of rounding per channel.
    const int worst = maxDifference(cached, direct, 0, 0, 639, 359);
    INFO("largest channel difference " << worst);
    if (worst > 2)
        saveOutput(cached, "overlay_cache_cached.png"), saveOutput(direct, "overlay_cache_direct.png");
    REQUIRE(worst <= 2);
}

TEST_CASE("overlay picture cache: changed labels or figures are drawn fresh", "[gl][cache]") {
    SceneRenderer scene(640, 360, 4);
    MapSettings m = allLayers();
    m.labels = true;
    const OverlayOptions o;
    // Between these dates campuses come online and the figures and label texts change.
    const FrameSpec before = scene.spec(day(2028), m, 0.5f);
    const FrameSpec after = scene.spec(day(2032), m, 0.5f);
    const Image directAfter = renderOverlaysDirect(scene, after, o);
    scene.renderer().setStaticLayerCacheEnabled(false);
    REQUIRE(maxDifference(renderOverlaysDirect(scene, before, o), directAfter, 0, 0, 639, 359) > 40);
    renderOverlaysCached(scene, before, o); // both pictures now hold 2028
    const Image next = scene.render(after, &o);
    scene.renderer().setStaticLayerCacheEnabled(true);
    const int worst = maxDifference(next, directAfter, 0, 0, 639, 359);
    INFO("largest channel difference " << worst);
    REQUIRE(worst <= 2);
    // And the map labels' picture is replaced, not composited under the new labels: a stale picture left
    // in place would differ by far more than rounding.
    const Image settled = renderOverlaysCached(scene, after, o);
    REQUIRE(maxDifference(settled, directAfter, 0, 0, 639, 359) <= 2);
}
