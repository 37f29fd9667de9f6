// Pixel probes: facts about single entities that a broken renderer cannot satisfy by accident. Each
// probe draws one layer without labels or overlays, projects the entity's world position to pixels with
// the camera's viewProjection, and compares regions between dates and against an empty frame (the
// background alone).
#include "render_test_support.h"

#include "core/view/dense_layers.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <cmath>
#include <cstdint>

using namespace buildout;
using namespace buildout::rtest;

TEST_CASE("probe: a campus is absent before its announced date and present after", "[gl][probe]") {
    SceneRenderer scene(480, 270);
    const FrameSpec empty = scene.spec(day(2030), nothingVisible(), 0.5f);
    const Image background = scene.render(empty);
    // Late Campus: announced 2028-01-01, construction 2029-01-01, online 2030-06-01, 800 MW, exact location.
    const Datacenter& dc = scene.datacenter("late");
    const glm::dvec2 base = scene.project(empty.camera, glm::dvec3(scene.world(dc.xy), 0.0));
    const glm::dvec2 top = scene.project(empty.camera, glm::dvec3(scene.world(dc.xy), 800.0 * kKmPerMw));
    INFO("Late Campus base at pixel (" << base.x << ", " << base.y << "), 800 MW top at (" << top.x << ", " << top.y << ")");
    REQUIRE(base.x > 20);
    REQUIRE(base.x < 460);
    REQUIRE(top.y > 10);
    REQUIRE(base.y < 260);
    REQUIRE(base.y - top.y > 20); // the column stands a clear number of pixels tall on screen
    // The neighbourhood: the column's footprint and its full height, a few pixels either side.
    const int x0 = static_cast<int>(base.x) - 6, x1 = static_cast<int>(base.x) + 6;
    const int y0 = static_cast<int>(top.y) - 4, y1 = static_cast<int>(base.y) + 6;
    const int area = (x1 - x0 + 1) * (y1 - y0 + 1);

    auto at = [&](TimeDays t) { return scene.render(scene.spec(t, only(Layer::Datacenters), 0.5f)); };
    const Image before = at(day(2027, 12, 1));
    const Image announced = at(day(2028, 6, 1));
    const Image operating = at(day(2031, 1, 1));

    // Before: nothing there but the background.
    CHECK(maxDifference(before, background, x0, y0, x1, y1) <= 2);
    // Announced: the ghost outline of the planned column.
    const int ghost = countDiffering(announced, background, x0, y0, x1, y1, 30);
    INFO("announced: " << ghost << " of " << area << " pixels differ from the background");
    CHECK(ghost >= 15);
    // Operating: a solid column (plus its glow): much of the neighbourhood changes.
    const int solid = countDiffering(operating, background, x0, y0, x1, y1, 30);
    INFO("operating: " << solid << " of " << area << " pixels differ from the background");
    CHECK(solid >= 60);
    CHECK(solid > ghost);
    // Far from every campus (the top-left corner), the frames are the background alone.
    CHECK(maxDifference(operating, background, 0, 0, 40, 30) <= 2);
}

TEST_CASE("probe: a column is taller after its capacity grew", "[gl][probe]") {
    SceneRenderer scene(480, 270);
    const FrameSpec empty = scene.spec(day(2030), nothingVisible(), 0.5f);
    const Image background = scene.render(empty);
    // Grow Campus: a capacity series of 200 MW from 2025-06-01 and 1200 MW from 2029-01-01 (step).
    const Datacenter& dc = scene.datacenter("grow");
    const glm::dvec2 w = scene.world(dc.xy);
    const glm::dvec2 base = scene.project(empty.camera, glm::dvec3(w, 0.0));
    const glm::dvec2 top200 = scene.project(empty.camera, glm::dvec3(w, 200.0 * kKmPerMw));
    const glm::dvec2 top1200 = scene.project(empty.camera, glm::dvec3(w, 1200.0 * kKmPerMw));
    INFO("base y " << base.y << ", 200 MW top y " << top200.y << ", 1200 MW top y " << top1200.y);
    REQUIRE(top1200.y > 5);
    REQUIRE(base.y - top1200.y > 40);

    // The topmost pixel of the column's screen column (a few pixels wide) that differs from the background.
    auto topmostChanged = [&](const Image& img) {
        const int cx = static_cast<int>(std::lround(base.x));
        for (int y = 0; y < static_cast<int>(base.y); ++y)
            if (countDiffering(img, background, cx - 2, y, cx + 2, y, 30) >= 2) return y;
        return static_cast<int>(base.y);
    };
    auto at = [&](TimeDays t) { return scene.render(scene.spec(t, only(Layer::Datacenters), 0.5f)); };
    const int small = topmostChanged(at(day(2027, 1, 1)));
    const int large = topmostChanged(at(day(2030, 1, 1)));
    INFO("topmost changed pixel: y " << small << " at 200 MW, y " << large << " at 1200 MW");
    // Later is higher on screen by a clear margin, and each top is where the projection puts it.
    CHECK(small - large >= 25);
    CHECK(std::abs(large - top1200.y) <= 4.0);
    CHECK(small >= top200.y - 8.0); // the glow may reach a little above a short column, never far
    CHECK(small <= base.y);
}

TEST_CASE("probe: a transmission line appears only from its online date", "[gl][probe]") {
    SceneRenderer scene(480, 270);
    const FrameSpec empty = scene.spec(day(2030), nothingVisible(), 0.5f);
    const Image background = scene.render(empty);
    // Gulf Link: HVDC, only an online date (2031-01-01): absent before it, in service after.
    const TransmissionLine& line = scene.line("gulf-link");
    REQUIRE(!line.pathsXY.empty());
    const std::vector<glm::dvec2>& path = line.pathsXY[0];
    REQUIRE(path.size() >= 2);
    const glm::dvec2 mid = scene.world((path.front() + path.back()) * 0.5);
    const glm::dvec2 a = scene.project(empty.camera, glm::dvec3(scene.world(path.front()), 0.05));
    const glm::dvec2 b = scene.project(empty.camera, glm::dvec3(scene.world(path.back()), 0.05));
    const glm::dvec2 m = scene.project(empty.camera, glm::dvec3(mid, 0.05));
    INFO("Gulf Link from (" << a.x << ", " << a.y << ") to (" << b.x << ", " << b.y << "), midpoint (" << m.x << ", " << m.y << ")");
    REQUIRE(glm::length(b - a) > 30);
    const int mx = static_cast<int>(m.x), my = static_cast<int>(m.y);

    auto at = [&](TimeDays t) { return scene.render(scene.spec(t, only(Layer::Transmission), 0.5f)); };
    const Image before = at(day(2030, 12, 1));
    const Image after = at(day(2031, 9, 1)); // past the energising pulse of the first 150 days

    CHECK(maxDifference(before, background, mx - 4, my - 4, mx + 4, my + 4) <= 2);
    const int lit = countDiffering(after, background, mx - 2, my - 2, mx + 2, my + 2, 40);
    INFO(lit << " of 25 pixels around the midpoint differ from the background after the online date");
    CHECK(lit >= 8);
    // Along the whole line (its middle 80 %), nearly every sample is lit after and none before.
    int onAfter = 0, onBefore = 0, samples = 0;
    for (int i = 10; i <= 90; i += 2) {
        const glm::dvec2 p = a + (b - a) * (i / 100.0);
        const int x = static_cast<int>(p.x), y = static_cast<int>(p.y);
        ++samples;
        onAfter += countDiffering(after, background, x - 1, y - 1, x + 1, y + 1, 40) > 0 ? 1 : 0;
        onBefore += countDiffering(before, background, x - 1, y - 1, x + 1, y + 1, 2) > 0 ? 1 : 0;
    }
    CHECK(onBefore == 0);
    CHECK(onAfter == samples);
}

TEST_CASE("probe: a line under construction is dashed, in service solid", "[gl][probe]") {
    SceneRenderer scene(480, 270);
    const FrameSpec empty = scene.spec(day(2030), nothingVisible(), 0.5f);
    const Image background = scene.render(empty);
    // West Tie: construction 2027-01-01, online 2029-01-01.
    const TransmissionLine& line = scene.line("west-tie");
    const std::vector<glm::dvec2>& path = line.pathsXY.at(0);
    const glm::dvec2 a = scene.project(empty.camera, glm::dvec3(scene.world(path.front()), 0.05));
    const glm::dvec2 b = scene.project(empty.camera, glm::dvec3(scene.world(path.back()), 0.05));
    REQUIRE(glm::length(b - a) > 60);

    auto coverage = [&](const Image& img) {
        int on = 0, n = 0;
        const int steps = static_cast<int>(glm::length(b - a));
        for (int i = steps / 10; i <= steps * 9 / 10; ++i) {
            const glm::dvec2 p = a + (b - a) * (static_cast<double>(i) / steps);
            ++n;
            on += pixelDifference(img, background, static_cast<int>(p.x), static_cast<int>(p.y)) > 30 ? 1 : 0;
        }
        return static_cast<double>(on) / n;
    };
    auto at = [&](TimeDays t) { return scene.render(scene.spec(t, only(Layer::Transmission), 0.5f)); };
    const double construction = coverage(at(day(2028, 6, 1)));
    const double service = coverage(at(day(2030, 1, 1)));
    INFO("lit fraction along the line: " << construction << " under construction, " << service << " in service");
    CHECK(construction > 0.25);
    CHECK(construction < 0.80);
    CHECK(service > 0.97);
}

namespace {
/// How many vertices of the region's largest polygon fall outside the frame when seen through the
/// named view `viewId` (the national view frames the nation's largest polygon, a region view the region's).
int verticesOutside(SceneRenderer& scene, const Region& region, const std::string& viewId, double& worstPx) {
    const CameraState cam = scene.view(viewId);
    const PolygonXY* largest = nullptr;
    std::size_t most = 0;
    for (const PolygonXY& poly : region.polygonsXY)
        if (!poly.rings.empty() && poly.rings[0].size() > most) most = poly.rings[0].size(), largest = &poly;
    int outside = 0;
    worstPx = 0;
    if (!largest) return -1;
    for (const glm::dvec2& p : largest->rings[0]) {
        const glm::dvec2 px = scene.project(cam, glm::dvec3(scene.world(p), 0.0));
        const double over = std::max({-px.x, px.x - scene.width(), -px.y, px.y - scene.height(), 0.0});
        if (over > 0) ++outside;
        worstPx = std::max(worstPx, over);
    }
    return outside;
}
} // namespace

TEST_CASE("probe: the national and region views show their whole land", "[gl][probe][views]") {
    SceneRenderer scene(480, 270, 1);
    for (const Region& r : scene.scenario().basemap->regions) {
        if (!(r.isNation() || r.id == "TX")) continue;
        double worst = 0;
        const int outside = verticesOutside(scene, r, r.isNation() ? "national" : r.id, worst);
        INFO(r.id << ": " << outside << " outline vertices outside the 480x270 frame, the farthest " << worst << " px out");
        // Known: frameBox centres the box on screen and ignores perspective, so at the default tilt the
        // lower 48's southern tips (Florida, south Texas) touch the bottom edge, up to ~1 px out here,
        // while the top keeps its margin. Allow 1 % of the frame height; anything more is cut-off land.
        CHECK(worst <= 0.01 * scene.height());
        if (outside > 0) WARN(r.id << " view: " << outside << " outline vertices up to " << worst << " px outside the frame");
    }
}

TEST_CASE("probe: the dense-scenario sprites show a campus by its lifecycle like the prisms do", "[gl][probe]") {
    SceneRenderer scene(960, 540);
    scene.renderer().setDenseThreshold(0); // every scene counts as dense: one sprite per campus at wide zoom
    const FrameSpec empty = scene.spec(day(2030), nothingVisible(), 0.5f, "national");
    const Image background = scene.render(empty);
    const Datacenter& dc = scene.datacenter("late"); // announced 2028-01-01, online 2030-06-01, 800 MW
    const glm::dvec2 base = scene.project(empty.camera, glm::dvec3(scene.world(dc.xy), 0.0));
    const glm::dvec2 top = scene.project(empty.camera, glm::dvec3(scene.world(dc.xy), 800.0 * kKmPerMw));
    INFO("base (" << base.x << ", " << base.y << "), top (" << top.x << ", " << top.y << ")");
    REQUIRE(base.y - top.y > 10);
    const int x0 = static_cast<int>(base.x) - 3, x1 = static_cast<int>(base.x) + 3;
    const int yTop = static_cast<int>(top.y), yBase = static_cast<int>(base.y);

    auto at = [&](TimeDays t) { return scene.render(scene.spec(t, only(Layer::Datacenters), 0.5f, "national")); };
    const Image before = at(day(2027, 12, 1));
    const Image announced = at(day(2028, 6, 1));
    const Image operating = at(day(2031, 1, 1));
    // Before: nothing.
    CHECK(maxDifference(before, background, x0, yTop - 2, x1, yBase + 2) <= 2);
    // Announced: the ghost's rim (pass 1) somewhere along the column.
    CHECK(countDiffering(announced, background, x0, yTop - 2, x1, yBase + 2, 20) >= 4);
    // Operating: solid from the foot to the top (pass 0), and nothing far above the top.
    const int mid = (yTop + yBase) / 2;
    CHECK(countDiffering(operating, background, x0, mid - 2, x1, mid + 2, 30) >= 8);
    CHECK(countDiffering(operating, background, x0, yTop + 1, x1, yTop + 3, 30) >= 2);
    CHECK(maxDifference(operating, background, x0, yTop - 40, x1, yTop - 16) <= 2);
    CHECK(countDiffering(operating, background, x0, yTop - 2, x1, yBase + 2, 30) >
          countDiffering(announced, background, x0, yTop - 2, x1, yBase + 2, 30));
}

TEST_CASE("probe: merged campuses (dense layers) show a cell's column by its members' lifecycle", "[gl][probe][dense]") {
    SceneRenderer scene(960, 540);
    scene.renderer().setClusterThreshold(0); // every kind counts as dense: merged per cell at wide zoom
    const FrameSpec empty = scene.spec(day(2030), nothingVisible(), 0.5f, "national");
    const Image background = scene.render(empty);
    // "late" (Austin) is alone in its cell at this zoom, so its merged column stands where it does, as tall.
    const Datacenter& dc = scene.datacenter("late"); // announced 2028-01-01, online 2030-06-01, 800 MW
    const glm::dvec2 base = scene.project(empty.camera, glm::dvec3(scene.world(dc.xy), 0.0));
    const glm::dvec2 top = scene.project(empty.camera, glm::dvec3(scene.world(dc.xy), 800.0 * kKmPerMw));
    REQUIRE(base.y - top.y > 10);
    const int x0 = static_cast<int>(base.x) - 3, x1 = static_cast<int>(base.x) + 3;
    const int yTop = static_cast<int>(top.y), yBase = static_cast<int>(base.y);

    auto at = [&](TimeDays t) { return scene.render(scene.spec(t, only(Layer::Datacenters), 0.5f, "national")); };
    const Image before = at(day(2027, 12, 1));
    CHECK(scene.renderer().denseView().campuses);
    CHECK(scene.renderer().denseView().cellKm > 0);
    // Plants and lines merge in coarser cells than campuses (the legend says which).
    scene.render(scene.spec(day(2030), MapSettings{}, 0.5f, "national"));
    const DenseView& dense = scene.renderer().denseView();
    REQUIRE(dense.plants);
    REQUIRE(dense.level + kDensePlantLevelStep < static_cast<int>(kDenseCellKm.size()));
    CHECK(dense.plantCellKm == Approx(dense.cellKm * (1 << kDensePlantLevelStep)));
    CHECK(dense.lineCellKm >= dense.cellKm * 2.0);
    const Image announced = at(day(2028, 6, 1));
    const Image operating = at(day(2031, 1, 1));
    CHECK(maxDifference(before, background, x0, yTop - 2, x1, yBase + 2) <= 2);
    CHECK(countDiffering(announced, background, x0, yTop - 2, x1, yBase + 2, 20) >= 4); // the ghost of the plan
    const int mid = (yTop + yBase) / 2;
    CHECK(countDiffering(operating, background, x0, mid - 2, x1, mid + 2, 30) >= 8);     // solid up to the top
    CHECK(countDiffering(operating, background, x0, yTop + 1, x1, yTop + 3, 30) >= 2);
    CHECK(maxDifference(operating, background, x0, yTop - 40, x1, yTop - 16) <= 2);
    // Halfway through construction (2029-09) the column is translucent and part-built: shorter than in service.
    const Image building = at(day(2029, 9, 15));
    CHECK(countDiffering(building, background, x0, yTop - 2, x1, mid - 4, 30) <
          countDiffering(operating, background, x0, yTop - 2, x1, mid - 4, 30));

    // Filters need single campuses: with one active nothing is merged.
    MapSettings filtered = only(Layer::Datacenters);
    filtered.statusMask &= ~(1u << static_cast<int>(Status::Retired));
    scene.render(scene.spec(day(2031), filtered, 0.5f, "national"));
    CHECK_FALSE(scene.renderer().denseView().campuses);
    // At the default threshold this small scene is never merged.
    scene.renderer().setClusterThreshold(5000);
    at(day(2031));
    CHECK_FALSE(scene.renderer().denseView().campuses);
}

TEST_CASE("probe: merged plants and lines (dense layers) appear only once their members do", "[gl][probe][dense]") {
    SceneRenderer scene(960, 540);
    scene.renderer().setClusterThreshold(0);
    const Scenario& s = scene.scenario();
    const Image background = scene.render(scene.spec(day(2030), nothingVisible(), 0.5f, "national"));
    auto earliest = [](const auto& list) {
        Day first = kNoDay;
        bool undatedShown = false;
        for (const auto& e : list) {
            if (!e.life.hasDates()) undatedShown = undatedShown || (e.life.undatedStatus != Status::Cancelled &&
                                                                    e.life.undatedStatus != Status::Retired);
            else if (first == kNoDay || e.life.firstDate() < first) first = e.life.firstDate();
        }
        return std::make_pair(first, undatedShown);
    };
    for (Layer layer : {Layer::PowerPlants, Layer::Transmission}) {
        const bool plants = layer == Layer::PowerPlants;
        INFO((plants ? "plants" : "lines"));
        const auto [first, undated] = plants ? earliest(s.powerPlants) : earliest(s.lines);
        REQUIRE(first != kNoDay);
        const Image late = scene.render(scene.spec(day(2035), only(layer), 0.5f, "national"));
        CHECK((plants ? scene.renderer().denseView().plants : scene.renderer().denseView().lines));
        CHECK(countDiffering(late, background, 0, 0, scene.width() - 1, scene.height() - 1, 30) >= 30);
        if (!undated) {
            const Image early = scene.render(scene.spec(first - 40, only(layer), 0.5f, "national"));
            CHECK(maxDifference(early, background, 0, 0, scene.width() - 1, scene.height() - 1) <= 2);
        }
    }
}

TEST_CASE("dense layers cross-fade between levels as the zoom changes, without jumps", "[dense]") {
    DenseLayers layers;
    layers.campuses = true;
    for (double km : kDenseCellKm) {
        DenseLevel level;
        level.cellKm = km;
        layers.levels.push_back(level);
    }
    // Sweep from every entity (cells far under a point) to the coarsest level, in small zoom steps.
    double previous = -2.0;
    int fades = 0;
    for (double kmPerPoint = 0.05; kmPerPoint < 200.0; kmPerPoint *= 1.002) {
        const DenseBlend b = denseBlendFor(layers, kmPerPoint);
        INFO("km per point " << kmPerPoint << ": from " << b.from << " to " << b.to << " t " << b.t);
        REQUIRE(b.t >= 0.0f);
        REQUIRE(b.t <= 1.0f);
        if (b.t > 0.0f) {
            CHECK(b.to == b.from + 1);
            ++fades;
        } else {
            CHECK(b.to == b.from);
            CHECK(b.from == denseLevelFor(layers, kmPerPoint));
        }
        // Where the picture is on the way from one level to the next: never backwards, never a jump.
        const double position = b.from + static_cast<double>(b.t) * (b.to - b.from);
        CHECK(position >= previous - 1e-9);
        if (previous > -2.0) CHECK(position - previous < 0.05);
        previous = position;
    }
    CHECK(previous == Approx(static_cast<double>(kDenseCellKm.size() - 1)));
    CHECK(fades > 100); // every change of level (individual -> 0 -> ... -> 5) had its fade band
}

TEST_CASE("dense layers: a zoom with too many campuses on screen draws the finest merged level", "[dense]") {
    DenseLayers layers;
    layers.campuses = true;
    for (double km : kDenseCellKm) {
        DenseLevel level;
        level.cellKm = km;
        layers.levels.push_back(level);
    }
    // The finest level: a group of kDenseOnScreenBudget + 1 campuses at the origin, one of 3 far away.
    DenseLevel& finest = layers.levels.front();
    finest.campusCenters = {glm::vec2(0.0f, 0.0f), glm::vec2(50.0f, 0.0f)};
    const auto big = static_cast<std::uint32_t>(kDenseOnScreenBudget + 1);
    finest.campusMemberStart = {0, big, big + 3};
    const glm::mat4 identity(1.0f); // clip = km: the origin is on screen, x = 50 km is not
    CHECK(campusesOnScreen(layers, identity) == kDenseOnScreenBudget + 1);
    const glm::mat4 shifted = glm::translate(glm::mat4(1.0f), glm::vec3(-50.0f, 0.0f, 0.0f));
    CHECK(campusesOnScreen(layers, shifted) == 3);

    const double zoomedIn = 0.05; // km per point: every entity by zoom alone
    REQUIRE(denseBlendFor(layers, zoomedIn).from == -1);
    const DenseBlend over = denseBlendWithin(layers, zoomedIn, campusesOnScreen(layers, identity));
    CHECK(over.from == 0);
    CHECK(over.to == 0);
    CHECK(denseBlendWithin(layers, zoomedIn, campusesOnScreen(layers, shifted)).from == -1);
    // A merged zoom keeps its own level whatever is on screen.
    const double wide = 20.0;
    CHECK(denseBlendWithin(layers, wide, kDenseOnScreenBudget * 10).from == denseBlendFor(layers, wide).from);
    // Nothing merged: nothing counted.
    layers.campuses = false;
    CHECK(campusesOnScreen(layers, identity) == 0);
}

TEST_CASE("probe: a cancelled campus turns from a planned outline into a low struck-out plate",
          "[gl][probe]") {
    // tests/data/valid/basis: `can`, 900 MW facility power, announced 2024, cancelled 2026-01-28.
    SceneRenderer scene(480, 270, 4, BUILDOUT_BASIS_SCENE_DIR);
    const FrameSpec empty = scene.spec(day(2026), nothingVisible(), 0.5f, "VA");
    const Image background = scene.render(empty);
    const Datacenter& dc = scene.datacenter("can");
    const glm::dvec2 w = scene.world(dc.xy);
    const glm::dvec2 base = scene.project(empty.camera, glm::dvec3(w, 0.0));
    const glm::dvec2 top = scene.project(empty.camera, glm::dvec3(w, 900.0 * kKmPerMw));
    INFO("base (" << base.x << ", " << base.y << "), 900 MW top y " << top.y);
    REQUIRE(base.y - top.y > 20);
    const int x0 = static_cast<int>(base.x) - 6, x1 = static_cast<int>(base.x) + 6;
    const int upperY0 = static_cast<int>(top.y) - 2, upperY1 = static_cast<int>((top.y + base.y) / 2);
    auto at = [&](TimeDays t) { return scene.render(scene.spec(t, only(Layer::Datacenters), 0.5f, "VA")); };
    const Image announced = at(day(2025, 6, 1));
    const Image cancelled = at(day(2026, 6, 1));

    // Announced: the ghost outline reaches the plan's full height.
    CHECK(countDiffering(announced, background, x0, upperY0, x1, upperY1, 30) >= 5);
    // Cancelled: no pending outline up there any more...
    CHECK(countDiffering(cancelled, background, x0, upperY0, x1, upperY1, 30) == 0);
    // ...but a plate at the foot, still drawn (not hidden) and reddish.
    const int footY0 = static_cast<int>(base.y) - 6, footY1 = static_cast<int>(base.y) + 4;
    const int plate = countDiffering(cancelled, background, x0, footY0, x1, footY1, 20);
    INFO("cancelled plate: " << plate << " pixels differ at the foot");
    CHECK(plate >= 6);
    long red = 0, blue = 0;
    for (int y = footY0; y <= footY1; ++y)
        for (int x = x0; x <= x1; ++x)
            if (x >= 0 && y >= 0 && x < cancelled.width && y < cancelled.height &&
                pixelDifference(cancelled, background, x, y) > 20) {
                red += cancelled.pixel(x, y)[0];
                blue += cancelled.pixel(x, y)[2];
            }
    CHECK(red > blue);
}
