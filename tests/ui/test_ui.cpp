// UI logic without a display: an ImGui context with no platform window (the null-backend pattern),
// simulated keys and clicks, asserting how time, layers, selection and beats change. No GL: the map is a
// ScenarioMapView (what the renderer knows of a scenario, computed on the CPU). Tests that need a drawn
// frame are in test_ui_gl.cpp.
#include "app/gui/input.h"
#include "app/gui/key_queue.h"
#include "core/view/map_view.h"
#include "app/gui/panels.h"
#include "app/gui/theme.h"
#include "app/gui/ui_state.h"
#include "core/scenario_loader.h"
#include "core/view/dense_layers.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include "tests/support/headless_imgui.h"
#include "tests/ui/ui_harness.h"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <cmath>
#include <optional>
#include <memory>

using namespace buildout;
using buildout::test::UiHarness;


TEST_CASE("UI: Space toggles playback and time advances at the chosen speed", "[ui]") {
    UiHarness h;
    REQUIRE_FALSE(h.ui.playback.playing);
    h.frameWithKey(GLFW_KEY_SPACE);
    REQUIRE(h.ui.playback.playing);
    const double t0 = h.ui.playback.time;
    h.ui.playback.daysPerSecond = 365.25;
    advancePlayback(h.ui, 0.5); // half a second at a year per second
    CHECK(h.ui.playback.time == Approx(t0 + 182.625));
    h.frameWithKey(GLFW_KEY_SPACE);
    CHECK_FALSE(h.ui.playback.playing);
}

TEST_CASE("UI: arrows step by month, Shift by quarter, Ctrl by year; Home and End jump", "[ui]") {
    UiHarness h;
    h.ui.playback.time = daysFromCivil(2027, 5, 1);
    h.frameWithKey(GLFW_KEY_RIGHT);
    CHECK(formatDate(static_cast<Day>(h.ui.playback.time)) == "2027-06-01");
    h.frameWithKey(GLFW_KEY_RIGHT, true);
    CHECK(formatDate(static_cast<Day>(h.ui.playback.time)) == "2027-09-01");
    h.frameWithKey(GLFW_KEY_RIGHT, false, true);
    CHECK(formatDate(static_cast<Day>(h.ui.playback.time)) == "2028-09-01");
    h.frameWithKey(GLFW_KEY_LEFT);
    CHECK(formatDate(static_cast<Day>(h.ui.playback.time)) == "2028-08-01");
    h.frameWithKey(GLFW_KEY_HOME);
    CHECK(h.ui.playback.time == Approx(h.ui.start()));
    h.frameWithKey(GLFW_KEY_END);
    CHECK(h.ui.playback.time == Approx(h.ui.end()).margin(1e-3));
}

TEST_CASE("UI: playback loops or clamps at the end, and pauses on events when asked", "[ui]") {
    UiHarness h;
    h.ui.playback.playing = true;
    h.ui.playback.time = h.ui.end() - 10;
    h.ui.playback.loop = false;
    advancePlayback(h.ui, 1.0);
    CHECK_FALSE(h.ui.playback.playing);
    CHECK(h.ui.playback.time < h.ui.end());
    h.ui.playback.playing = true;
    h.ui.playback.loop = true;
    h.ui.playback.time = h.ui.end() - 10;
    advancePlayback(h.ui, 1.0);
    CHECK(h.ui.playback.time == Approx(h.ui.start()));
    REQUIRE_FALSE(h.ui.scenario->manifest.events.empty());
    const Day event = h.ui.scenario->manifest.events.front().date;
    h.ui.playback.time = event - 20;
    h.ui.playback.pauseOnEvents = true;
    h.ui.playback.playing = true;
    advancePlayback(h.ui, 1.0);
    CHECK_FALSE(h.ui.playback.playing);
    CHECK(h.ui.playback.time == Approx(event));
}

TEST_CASE("UI: number keys toggle layers and L toggles labels", "[ui]") {
    UiHarness h;
    REQUIRE(h.ui.map.datacenters.visible);
    h.frameWithKey(GLFW_KEY_1);
    CHECK_FALSE(h.ui.map.datacenters.visible);
    h.frameWithKey(GLFW_KEY_3);
    CHECK_FALSE(h.ui.map.transmission.visible);
    h.frameWithKey(GLFW_KEY_1);
    CHECK(h.ui.map.datacenters.visible);
    const bool labels = h.ui.map.labels;
    h.frameWithKey(GLFW_KEY_L);
    CHECK(h.ui.map.labels != labels);
}

TEST_CASE("UI: presentation mode walks the scenario's events as beats", "[ui]") {
    UiHarness h;
    const auto& events = h.ui.scenario->manifest.events;
    REQUIRE(events.size() >= 2);
    h.frameWithKey(GLFW_KEY_F5);
    REQUIRE(h.ui.presenting);
    h.frameWithKey(GLFW_KEY_RIGHT);
    CHECK(h.ui.beat == 0);
    CHECK(h.ui.playback.time == Approx(events[0].date));
    REQUIRE(h.ui.flight.has_value()); // the camera flies to the beat's focus
    h.frameWithKey(GLFW_KEY_PAGE_DOWN);
    CHECK(h.ui.beat == 1);
    CHECK(h.ui.playback.time == Approx(events[1].date));
    h.frameWithKey(GLFW_KEY_PAGE_UP);
    CHECK(h.ui.beat == 0);
    // The flight ends exactly on its target.
    const CameraState target = h.ui.flight->to;
    while (updateFlight(h.ui, 0.1)) {
    }
    CHECK(h.ui.camera.distanceKm == Approx(target.distanceKm));
    h.frameWithKey(GLFW_KEY_ESCAPE);
    CHECK_FALSE(h.ui.presenting);
}

TEST_CASE("UI: clicking a campus on the map selects it; clicking empty ground clears", "[ui]") {
    UiHarness h;
    h.ui.playback.time = daysFromCivil(2030, 1, 1);
    const glm::vec2 size(1280, 720);
    const double aspect = size.x / size.y;
    findNamedView(*h.ui.scenario, h.map->frame(), aspect, "national", h.ui.camera);
    h.ui.map.labels = false; // pick by geometry, not by label boxes
    const Datacenter& d = h.ui.scenario->datacenters[0];
    const glm::vec4 c = h.ui.camera.viewProjection(aspect) *
                        glm::vec4(glm::vec2(h.map->frame().toWorld(d.xy)), 0.0f, 1.0f);
    const glm::vec2 px((c.x / c.w * 0.5f + 0.5f) * size.x, (0.5f - c.y / c.w * 0.5f) * size.y);
    ImGuiIO& io = ImGui::GetIO();
    auto click = [&](glm::vec2 at) {
        io.MousePos = ImVec2(at.x, at.y);
        io.MouseDown[0] = true;
        ImGui::NewFrame();
        handleMapMouse(h.ui, h.view(), at, size, 1.0f);
        ImGui::Render();
        io.MouseDown[0] = false;
        ImGui::NewFrame();
        handleMapMouse(h.ui, h.view(), at, size, 1.0f);
        ImGui::Render();
    };
    click(px);
    REQUIRE(h.ui.selected.has_value());
    CHECK(h.ui.selected->kind == EntityKind::Datacenter);
    CHECK(h.ui.selected->index == 0);
    click(glm::vec2(5, 5)); // a corner of the frame, far from anything
    CHECK_FALSE(h.ui.selected.has_value());
}

TEST_CASE("UI: dragging on the timeline scrubs time to the pointer", "[ui]") {
    UiHarness h;
    TimelineChart chart = makeTimelineChart(h.ui);
    ImGuiIO& io = ImGui::GetIO();
    // First frame: lay out the panel to learn where the track is.
    ImGui::NewFrame();
    const TimelineLayout layout = drawTimelinePanel(h.ui, h.fonts, chart, 0, 700, 1600, 200);
    ImGui::Render();
    const float x = layout.trackX0 + (layout.trackX1 - layout.trackX0) * 0.25f;
    const float y = (layout.trackY0 + layout.trackY1) * 0.5f;
    io.MousePos = ImVec2(x, y);
    for (int frame = 0; frame < 3; ++frame) {
        io.MouseDown[0] = frame >= 1; // hover, then press and hold
        ImGui::NewFrame();
        drawTimelinePanel(h.ui, h.fonts, chart, 0, 700, 1600, 200);
        ImGui::Render();
    }
    const double expected = h.ui.start() + 0.25 * (h.ui.end() - h.ui.start());
    CHECK(h.ui.playback.time == Approx(expected).margin(3.0)); // within a few days (one pixel)
    io.MouseDown[0] = false;
}

TEST_CASE("UI: every panel draws for a few frames without ImGui errors", "[ui]") {
    UiHarness h;
    TimelineChart chart = makeTimelineChart(h.ui);
    h.ui.selected = EntityRef{EntityKind::Datacenter, 0};
    h.ui.showHelp = true;
    h.ui.loadErrors = {"x/scenario.json:3: error: example"};
    for (int frame = 0; frame < 3; ++frame) {
        ImGui::NewFrame();
        drawLayersPanel(h.ui, h.view(), h.fonts, 0, 0, 330, 690, h.aspect);
        drawInspectorPanel(h.ui, h.view(), h.fonts, 1270, 0, 330, 690, h.aspect);
        drawTimelinePanel(h.ui, h.fonts, chart, 0, 700, 1600, 200);
        drawHelpOverlay(h.ui, h.fonts);
        drawErrorPanel(h.ui, h.fonts);
        ImGui::Render();
        REQUIRE(ImGui::GetDrawData()->TotalVtxCount > 0);
    }
}

TEST_CASE("UI: comparing moves the time cursor into the range both scenarios cover", "[ui][compare]") {
    UiHarness h;
    // A is demo-tiny (2024..2035); B is the comparison test pair's B (2025..2031).
    LoadResult b = loadScenario(std::string(BUILDOUT_TEST_DATA_DIR) + "/compare/b");
    REQUIRE(b.scenario);
    CHECK(formatDate(static_cast<Day>(h.ui.start())) == "2024-01-01");
    h.ui.compare.scenario = b.scenario;
    h.ui.compare.totals = std::make_unique<TotalsTimeline>(*b.scenario);
    REQUIRE(h.ui.comparing());
    CHECK(formatDate(static_cast<Day>(h.ui.start())) == "2025-01-01");
    CHECK(formatDate(static_cast<Day>(h.ui.end())) == "2032-01-01"); // exclusive: the day after 2031-12-31
    h.ui.playback.time = daysFromCivil(2031, 6, 1);
    h.frameWithKey(GLFW_KEY_RIGHT, false, true); // a year on: clamped to the common end
    CHECK(h.ui.playback.time < h.ui.end());
    CHECK(h.ui.playback.time > daysFromCivil(2031, 12, 30));
    h.frameWithKey(GLFW_KEY_HOME);
    CHECK(formatDate(static_cast<Day>(h.ui.playback.time)) == "2025-01-01");
    // Without B the range is A's again.
    h.ui.compare.scenario.reset();
    CHECK(formatDate(static_cast<Day>(h.ui.start())) == "2024-01-01");
}

TEST_CASE("UI: the panels draw A/B figures, the selection in both and the tooltip while comparing", "[ui][compare]") {
    UiHarness h;
    LoadResult b = loadScenario(std::string(BUILDOUT_TEST_DATA_DIR) + "/compare/b");
    REQUIRE(b.scenario);
    h.ui.compare.scenario = b.scenario;
    h.ui.compare.totals = std::make_unique<TotalsTimeline>(*b.scenario);
    TimelineChart chart = makeTimelineChart(h.ui);
    h.ui.selected = EntityRef{EntityKind::Datacenter, 0};
    h.ui.hovered = EntityRef{EntityKind::Datacenter, 0};
    // One frame of every panel and the tooltip; the number of vertices drawn.
    auto frame = [&] {
        ImGui::NewFrame();
        drawLayersPanel(h.ui, h.view(), h.fonts, 0, 0, 330, 690, h.aspect);
        drawInspectorPanel(h.ui, h.view(), h.fonts, 1270, 0, 330, 690, h.aspect);
        drawTimelinePanel(h.ui, h.fonts, chart, 0, 700, 1600, 200);
        drawHoverTooltip(h.ui);
        ImGui::Render();
        return static_cast<std::size_t>(ImGui::GetDrawData()->TotalVtxCount);
    };
    std::size_t verticesWith = 0;
    for (CompareMode mode : {CompareMode::SideBySide, CompareMode::Swipe, CompareMode::Diff}) {
        h.ui.compare.view.mode = mode;
        verticesWith = frame();
    }
    // The comparison adds its rows, chart and tooltip lines: more to draw than A alone.
    h.ui.compare.scenario.reset();
    const std::size_t verticesWithout = frame();
    CHECK(verticesWith > verticesWithout + 200);
}

TEST_CASE("UI: right of the swipe divider the pointer picks B's assets, including one only B has", "[ui][compare]") {
    UiHarness h;
    LoadResult a = loadScenario(std::string(BUILDOUT_TEST_DATA_DIR) + "/compare/a");
    LoadResult b = loadScenario(std::string(BUILDOUT_TEST_DATA_DIR) + "/compare/b");
    REQUIRE(a.scenario);
    REQUIRE(b.scenario);
    h.ui.scenario = a.scenario;
    h.map.emplace(a.scenario);
    const ScenarioMapView mapB(b.scenario);
    h.ui.compare.scenario = b.scenario;
    h.ui.compare.view = {CompareMode::Swipe, 0.3f};
    h.ui.playback.time = daysFromCivil(2027, 7, 1);
    const glm::vec2 size(1600, 900);
    REQUIRE(findNamedView(*a.scenario, h.map->frame(), size.x / size.y, "national", h.ui.camera));
    auto pixelOf = [&](const Scenario& s, const char* id) {
        const Datacenter& d = s.datacenters[static_cast<std::size_t>(s.find(EntityKind::Datacenter, id))];
        const glm::vec4 c = h.ui.camera.viewProjection(size.x / size.y) *
                            glm::vec4(glm::vec2(h.map->frame().toWorld(d.xy)), 20.0f, 1.0f);
        return glm::vec2((c.x / c.w * 0.5f + 0.5f) * size.x, (0.5f - c.y / c.w * 0.5f) * size.y);
    };
    auto hoverAt = [&](glm::vec2 mouse) {
        ImGui::NewFrame();
        handleMapMouse(h.ui, h.view(), mouse, size, 1.0f);
        pickInComparison(h.ui, mapB.view(), mouse, size, 1.0f);
        ImGui::Render();
    };
    // Illinois Campus exists only in B, right of the divider: hovered as B's own asset.
    const glm::vec2 il = pixelOf(*b.scenario, "il");
    REQUIRE(il.x > 0.3f * size.x);
    hoverAt(il);
    CHECK_FALSE(h.ui.hovered);
    REQUIRE(h.ui.compare.hoveredB);
    CHECK(b.scenario->entity(*h.ui.compare.hoveredB).id == "il");
    // Georgia Campus is in both: picked from B's map, it becomes A's Georgia Campus (matched by id).
    const glm::vec2 ga = pixelOf(*b.scenario, "ga");
    REQUIRE(ga.x > 0.3f * size.x);
    hoverAt(ga);
    REQUIRE(h.ui.hovered);
    CHECK(a.scenario->entity(*h.ui.hovered).id == "ga");
    CHECK_FALSE(h.ui.compare.hoveredB);
    // Left of the divider B is not consulted: Arizona Campus (only in A) is A's.
    const glm::vec2 az = pixelOf(*a.scenario, "az");
    REQUIRE(az.x < 0.3f * size.x);
    hoverAt(az);
    REQUIRE(h.ui.hovered);
    CHECK(a.scenario->entity(*h.ui.hovered).id == "az");
}

namespace {

/// Presentation mode on the default scenario with no GL at all (a ScenarioMapView stands in for the
/// renderer): `taps` presses and releases of `key` arrive between two frames, then frames of `dt`
/// seconds run until every queued event has been applied. Returns the beat reached, from -1.
int beatAfterFastTaps(int key, int taps, float dt, bool throughQueue) {
    test::HeadlessImGui imgui;
    LoadResult r = loadScenario(std::string(BUILDOUT_DATA_DIR) + "/scenarios/us-announced");
    REQUIRE(r.scenario);
    REQUIRE(r.scenario->manifest.events.size() > static_cast<std::size_t>(taps));
    ScenarioMapView map(r.scenario);
    UiState ui;
    ui.scenario = r.scenario;
    ui.presenting = true;
    ui.playback.time = ui.start();
    const double aspect = 16.0 / 9.0;
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = dt;
    KeyQueue keys;
    for (int i = 0; i < taps; ++i) {
        if (throughQueue) {
            keys.push(key, KeyQueue::Action::Press);
            keys.push(key, KeyQueue::Action::Release);
        } else { // what ImGui's own GLFW callback does: the state flips twice before the frame reads it
            io.KeysDown[key] = true;
            io.KeysDown[key] = false;
        }
    }
    for (int frame = 0; frame < 4 * taps + 2; ++frame) {
        keys.apply(io);
        ImGui::NewFrame();
        handleShortcuts(ui, map.view(), aspect);
        ImGui::Render();
    }
    CHECK(keys.pending() == 0);
    return ui.beat;
}

} // namespace

TEST_CASE("UI: three Page Down taps between two frames move exactly three beats, at 60 and 5 frames/s", "[ui][keys]") {
    CHECK(beatAfterFastTaps(GLFW_KEY_PAGE_DOWN, 3, 1.0f / 60.0f, true) == 2);
    CHECK(beatAfterFastTaps(GLFW_KEY_PAGE_DOWN, 3, 0.2f, true) == 2);
    CHECK(beatAfterFastTaps(GLFW_KEY_RIGHT, 5, 0.2f, true) == 4);
    // Without the queue the taps are lost: this is what the queue exists for.
    CHECK(beatAfterFastTaps(GLFW_KEY_PAGE_DOWN, 3, 0.2f, false) == -1);
}

TEST_CASE("UI: the key queue holds a release for the next frame, and keeps modifiers with their keys", "[ui][keys]") {
    test::HeadlessImGui imgui;
    ImGuiIO& io = ImGui::GetIO();
    KeyQueue keys;
    keys.push(GLFW_KEY_LEFT_CONTROL, KeyQueue::Action::Press);
    keys.push(GLFW_KEY_E, KeyQueue::Action::Press);
    keys.push(GLFW_KEY_E, KeyQueue::Action::Release);
    keys.push(GLFW_KEY_LEFT_CONTROL, KeyQueue::Action::Release);
    keys.apply(io); // Ctrl and E go down together
    CHECK(io.KeysDown[GLFW_KEY_E]);
    CHECK(io.KeyCtrl);
    keys.apply(io); // E comes up; Ctrl's release follows it, in order
    CHECK_FALSE(io.KeysDown[GLFW_KEY_E]);
    CHECK_FALSE(io.KeyCtrl);
    CHECK(keys.pending() == 0);
}
