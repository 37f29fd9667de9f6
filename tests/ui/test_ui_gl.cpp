// UI logic that depends on a drawn frame (the labels placed, the merged level drawn): an ImGui context
// with no window plus the map renderer on an EGL headless context (Mesa llvmpipe in CI).
#include "app/gui/input.h"
#include "app/gui/panels.h"
#include "app/gui/ui_state.h"
#include "core/scenario_loader.h"
#include "core/view/dense_layers.h"
#include "render/headless_context.h"
#include "render/map_renderer.h"
#include "render/map_view.h"
#include "render/offscreen_target.h"
#include "tests/support/headless_imgui.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <catch2/catch.hpp>
#include <imgui.h>

#include <cmath>
#include <memory>

using namespace buildout;

namespace {

/// One headless UI session on the demo-tiny scenario, with a renderer.
struct GlUiHarness {
    test::HeadlessImGui imgui; // first: the context outlives everything the tests draw
    HeadlessContext context;
    MapRenderer renderer;
    UiState ui;
    const Fonts& fonts = imgui.fonts();
    double aspect = 16.0 / 9.0;

    GlUiHarness() {
        LoadResult r = loadScenario(std::string(BUILDOUT_DATA_DIR) + "/scenarios/demo-tiny");
        REQUIRE(r.scenario);
        ui.scenario = r.scenario;
        ui.totals = std::make_unique<TotalsTimeline>(*ui.scenario);
        renderer.setScenario(ui.scenario);
        ui.playback.time = ui.start();
        findNamedView(*ui.scenario, renderer.mapFrame(), aspect, "national", ui.camera);
    }
    GlUiHarness(const GlUiHarness&) = delete;
    GlUiHarness& operator=(const GlUiHarness&) = delete;
};

} // namespace

TEST_CASE("UI: campus filters remove filtered campuses from the map's labels", "[ui]") {
    GlUiHarness h;
    OffscreenTarget target(640, 360, 0);
    FrameSpec spec;
    spec.time = daysFromCivil(2030, 1, 1);
    spec.camera = h.ui.camera;
    spec.settings = h.ui.map;
    spec.settings.superclusters.visible = false;
    auto campusLabels = [&] {
        target.bindForDrawing();
        h.renderer.draw(spec, 640, 360);
        int n = 0;
        for (const PlacedLabel& l : h.renderer.placedLabels()) n += l.entity.kind == EntityKind::Datacenter ? 1 : 0;
        return n;
    };
    const int all = campusLabels();
    REQUIRE(all > 0);
    spec.settings.operatorMask = 0; // no operator shown
    CHECK(campusLabels() == 0);
    spec.settings.operatorMask = 0xFFFFFFFFu;
    spec.settings.statusMask &= ~(1u << static_cast<int>(Status::Operating));
    CHECK(campusLabels() < all);
}

TEST_CASE("UI: a merged column (dense layers) shows its campuses on hover and flies in on click", "[ui][dense]") {
    GlUiHarness h;
    h.renderer.setClusterThreshold(0); // demo-tiny counts as dense: campuses merged at national zoom
    h.ui.map.labels = false;           // pick by geometry, not by label boxes
    h.ui.playback.time = h.ui.end();
    const glm::vec2 size(1600, 900);
    const double aspect = size.x / size.y;
    findNamedView(*h.ui.scenario, h.renderer.mapFrame(), aspect, "national", h.ui.camera);
    OffscreenTarget target(1600, 900, 0);
    FrameSpec spec;
    spec.time = h.ui.playback.time;
    spec.camera = h.ui.camera;
    spec.settings = h.ui.map;
    target.bindForDrawing();
    h.renderer.draw(spec, 1600, 900);
    const DenseLevel* merged = h.renderer.mergedCampuses();
    REQUIRE(merged != nullptr);
    REQUIRE_FALSE(merged->campusCenters.empty());
    // The group with the most members, at its foot.
    std::size_t g = 0;
    for (std::size_t i = 0; i < merged->campusCenters.size(); ++i)
        if (merged->campusMemberStart[i + 1] - merged->campusMemberStart[i] >
            merged->campusMemberStart[g + 1] - merged->campusMemberStart[g])
            g = i;
    const std::size_t members = merged->campusMemberStart[g + 1] - merged->campusMemberStart[g];
    const glm::vec2 center = merged->campusCenters[g];
    const glm::vec4 c = h.ui.camera.viewProjection(aspect) * glm::vec4(center, 0.0f, 1.0f);
    const glm::vec2 px((c.x / c.w * 0.5f + 0.5f) * size.x, (0.5f - c.y / c.w * 0.5f) * size.y);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(px.x, px.y);
    ImGui::NewFrame();
    handleMapMouse(h.ui, mapView(h.renderer), px, size, 1.0f);
    drawHoverTooltip(h.ui); // the group's tooltip must draw without a selected entity
    ImGui::Render();
    CHECK_FALSE(h.ui.hovered);
    REQUIRE(h.ui.hoveredGroup);
    CHECK(h.ui.hoveredGroup->campuses.size() == members);
    CHECK(h.ui.hoveredGroup->cellKm == merged->cellKm);
    // A click flies to the group, closer in; nothing is selected.
    const double before = h.ui.camera.distanceKm;
    io.MouseDown[0] = true;
    ImGui::NewFrame();
    handleMapMouse(h.ui, mapView(h.renderer), px, size, 1.0f);
    ImGui::Render();
    io.MouseDown[0] = false;
    ImGui::NewFrame();
    handleMapMouse(h.ui, mapView(h.renderer), px, size, 1.0f);
    ImGui::Render();
    REQUIRE(h.ui.flight.has_value());
    CHECK_FALSE(h.ui.selected);
    for (int i = 0; i < 600 && h.ui.flight; ++i) updateFlight(h.ui, 1.0 / 60.0);
    CHECK(h.ui.camera.distanceKm < before * 0.5);
    CHECK(glm::length(h.ui.camera.target - glm::dvec2(center)) < 1.0);
}

