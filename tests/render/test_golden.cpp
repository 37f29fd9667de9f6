// Golden images: scenes of the render test scene (tests/data/render/scene) drawn headlessly and compared
// with the references in tests/golden/. The tolerance, the same for every scene (kTolerance): a pixel
// "differs" when one of its channels differs by more than 24/255; a scene passes when at most 0.5 % of
// its pixels differ AND no 8x8 block holds more than 20 differing pixels. llvmpipe is deterministic on
// one machine; the tolerance absorbs the thin seams of edge pixels that another Mesa/LLVM or CPU vector
// width rasterises a little differently, while the block limit still fails a scene that lost, moved or
// recoloured a single small symbol (a test at the end checks that it does).
//
// New or changed reference: BUILDOUT_UPDATE_GOLDEN=1 ctest --test-dir BUILD -R render.golden, then look
// at every rewritten tests/golden/*.png (each must show what its name says).
#include "render_test_support.h"

#include "render/overlay_painter.h"

#include <catch2/catch.hpp>

using namespace buildout;
using namespace buildout::rtest;

namespace {

// 24/255 per channel; at most 0.5 % of pixels; at most 20 differing pixels in any 8x8 block.
const GoldenTolerance kTolerance{24, 0.005, 8, 20};

// Layer scenes: 480x270, drawn at twice the 1080p-relative scale (0.5 instead of 0.25) so that lines,
// glyphs and columns are a few pixels wide.
constexpr int kW = 480, kH = 270;
constexpr float kScale = 0.5f;
// Scenes with text: 640x360 at 2/3 of 1080p sizes, so labels and overlay text stay legible.
constexpr int kTextW = 640, kTextH = 360;
constexpr float kTextScale = 2.0f / 3.0f;

void checkGolden(const std::string& name, SceneRenderer& scene, const FrameSpec& spec,
                 const OverlayOptions* overlay = nullptr) {
    if (spec.settings.labels || overlay) {
        // The references were drawn with Inter (Debian fonts-inter); another font is another picture.
        const std::string font = scene.renderer().painter().fontDescription();
        INFO("overlay font: " << font << " (text references need Inter: install fonts-inter, unset BUILDOUT_FONT_DIR)");
        REQUIRE(font.find("Inter") != std::string::npos);
    }
    const Image actual = scene.render(spec, overlay);
    REQUIRE(actual.width == scene.width());
    REQUIRE(actual.height == scene.height());
    const GoldenResult r = compareWithGolden(actual, name, kTolerance);
    INFO(r.message);
    CHECK(r.passed);
    if (r.passed) SUCCEED(r.message);
}

/// Mid-2030: the grow campus at 1.2 GW, the late campus just online, the building campus announced, the
/// west tie in service, the Gulf link not yet built, the zone designated.
const TimeDays kMid2030 = day(2030, 7, 1);

} // namespace

TEST_CASE("golden: basemap alone", "[gl][golden]") {
    SceneRenderer scene(kW, kH);
    checkGolden("basemap", scene, scene.spec(kMid2030, only(Layer::Basemap), kScale));
}

TEST_CASE("golden: datacenters alone", "[gl][golden]") {
    SceneRenderer scene(kW, kH);
    checkGolden("datacenters", scene, scene.spec(kMid2030, only(Layer::Datacenters), kScale));
}

TEST_CASE("golden: power plants alone", "[gl][golden]") {
    SceneRenderer scene(kW, kH);
    checkGolden("power_plants", scene, scene.spec(kMid2030, only(Layer::PowerPlants), kScale));
}

TEST_CASE("golden: transmission alone", "[gl][golden]") {
    SceneRenderer scene(kW, kH);
    checkGolden("transmission", scene, scene.spec(kMid2030, only(Layer::Transmission), kScale));
}

TEST_CASE("golden: superclusters alone", "[gl][golden]") {
    SceneRenderer scene(kW, kH);
    checkGolden("superclusters", scene, scene.spec(kMid2030, only(Layer::Superclusters), kScale));
}

TEST_CASE("golden: zones alone", "[gl][golden]") {
    SceneRenderer scene(kW, kH);
    checkGolden("zones", scene, scene.spec(kMid2030, only(Layer::Zones), kScale));
}

TEST_CASE("golden: column lifecycle states on 2032-01-01", "[gl][golden]") {
    // Coloured by status: Planned Campus announced (ghost outline), Building Campus under construction
    // (translucent, part height), Grow and Late campuses operating, Old Campus retired (faded), Quiet
    // Campus operating with unknown capacity (hatched).
    SceneRenderer scene(kW, kH);
    MapSettings m = only(Layer::Datacenters);
    m.basemap.visible = true;
    m.datacenterColor = ColorBy::Status;
    checkGolden("lifecycle_2032", scene, scene.spec(day(2032), m, kScale));
}

TEST_CASE("golden: a transmission line under construction (2028)", "[gl][golden]") {
    // West Tie under construction since 2027: dashed; the Hill Country 500 kV line always in service.
    SceneRenderer scene(kW, kH);
    MapSettings m = only(Layer::Transmission);
    m.basemap.visible = true;
    checkGolden("line_construction_2028", scene, scene.spec(day(2028, 6, 1), m, kScale));
}

TEST_CASE("golden: the same line in service (2030)", "[gl][golden]") {
    // West Tie online since 2029-01-01 (past the energising pulse): solid.
    SceneRenderer scene(kW, kH);
    MapSettings m = only(Layer::Transmission);
    m.basemap.visible = true;
    checkGolden("line_in_service_2030", scene, scene.spec(day(2030, 1, 1), m, kScale));
}

TEST_CASE("golden: choropleth of a regional series", "[gl][golden]") {
    // dc_twh at 2030: TX 120 (top of the ramp, yellow), LA 60, OK 30, AR 10, NM 8 (bottom, deep blue);
    // other states plain land. Through the named view "TX", which shows the neighbours.
    SceneRenderer scene(kW, kH);
    MapSettings m = only(Layer::Basemap);
    m.choroplethMetric = "dc_twh";
    checkGolden("choropleth_2030", scene, scene.spec(day(2030), m, kScale, "TX"));
}

TEST_CASE("golden: every layer with labels", "[gl][golden]") {
    SceneRenderer scene(kTextW, kTextH);
    MapSettings m = allLayers();
    m.labels = true;
    checkGolden("labels_2030", scene, scene.spec(kMid2030, m, kTextScale));
}

TEST_CASE("golden: frame overlay (title, date, figures, legend, sources)", "[gl][golden]") {
    // Half the 1080p sizes on a 360-line frame (text 1.5 times its share of a 1080p frame): large enough
    // to read, small enough that the legend of every layer fits (the overlay drops a legend that does not).
    // On 2032-01-01: 2.0 GW operating, 0.7 GW under construction, 0.6 GW planned.
    SceneRenderer scene(kTextW, kTextH);
    OverlayOptions o; // all on
    checkGolden("overlay_2032", scene, scene.spec(day(2032), allLayers(), 0.5f), &o);
}

TEST_CASE("golden: national view of every layer", "[gl][golden]") {
    SceneRenderer scene(kW, kH);
    checkGolden("national_2032", scene, scene.spec(day(2032), allLayers(), kScale, "national"));
}

TEST_CASE("golden: dense layers, every kind merged, with the legend that says so", "[gl][golden]") {
    // The test scene made "dense" (threshold 0): stacked merged columns, per-fuel plant groups and merged
    // corridors at a wide zoom, and the legend's merged rows. Mid-2032: the building campus under
    // construction, the planned campus announced (ghost on top).
    SceneRenderer scene(kTextW, kTextH);
    scene.renderer().setClusterThreshold(0);
    OverlayOptions o;
    checkGolden("dense_2032", scene, scene.spec(day(2032, 7, 1), allLayers(), 0.5f, "national"), &o);
}

TEST_CASE("golden comparison: identical passes, one missing glyph fails", "[gl][golden]") {
    // The tolerance must not hide a small symbol: erase the smallest glyph of the power plant scene (the
    // wind plant) by painting the background over it, and the comparison must fail; the untouched render
    // must pass.
    SceneRenderer scene(kW, kH);
    const FrameSpec spec = scene.spec(kMid2030, only(Layer::PowerPlants), kScale);
    const Image plants = scene.render(spec);
    const Image background = scene.render(scene.spec(kMid2030, nothingVisible(), kScale));
    const GoldenVerdict same = judge(plants, plants, kTolerance);
    CHECK(same.passed);
    CHECK(same.differingFraction == 0.0);

    const int i = scene.scenario().find(EntityKind::PowerPlant, "wind");
    REQUIRE(i >= 0);
    const glm::dvec2 c = scene.project(spec.camera,
                                       glm::dvec3(scene.world(scene.scenario().powerPlants[static_cast<std::size_t>(i)].xy), 0.0));
    Image erased = plants;
    int glyphPixels = 0;
    for (int y = static_cast<int>(c.y) - 12; y <= static_cast<int>(c.y) + 12; ++y)
        for (int x = static_cast<int>(c.x) - 12; x <= static_cast<int>(c.x) + 12; ++x) {
            if (x < 0 || y < 0 || x >= erased.width || y >= erased.height) continue;
            if (pixelDifference(plants, background, x, y) > kTolerance.pixelThreshold) ++glyphPixels;
            for (std::size_t k = 0; k < 4; ++k)
                erased.rgba[(static_cast<std::size_t>(y) * erased.width + x) * 4 + k] = background.pixel(x, y)[k];
        }
    const GoldenVerdict missing = judge(erased, plants, kTolerance);
    INFO("the wind glyph covers " << glyphPixels << " pixels that differ from the background; " << missing.summary);
    CHECK(glyphPixels > 0);
    CHECK(missing.differingFraction <= kTolerance.maxDifferingFraction); // the fraction alone would not notice
    CHECK_FALSE(missing.passed);                                         // the block limit does
}
