// A headless UI session on demo-tiny (ImGui without a window, the map as a ScenarioMapView), shared by
// the GL-free UI test files.
#pragma once

#include "app/gui/input.h"
#include "app/gui/theme.h"
#include "app/gui/ui_state.h"
#include "core/scenario_loader.h"
#include "core/view/map_view.h"
#include "tests/support/headless_imgui.h"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <memory>
#include <optional>
#include <string>

namespace buildout::test {

/// One headless UI session on the demo-tiny scenario.
struct UiHarness {
    HeadlessImGui imgui;                // first: the context outlives everything the tests draw
    std::optional<ScenarioMapView> map; ///< what MapRenderer would know of the scenario, without GL
    UiState ui;
    const Fonts& fonts = imgui.fonts();
    double aspect = 16.0 / 9.0;

    UiHarness() {
        LoadResult r = loadScenario(std::string(BUILDOUT_DATA_DIR) + "/scenarios/demo-tiny");
        REQUIRE(r.scenario);
        ui.scenario = r.scenario;
        ui.totals = std::make_unique<TotalsTimeline>(*ui.scenario);
        map.emplace(ui.scenario);
        ui.playback.time = ui.start();
        findNamedView(*ui.scenario, map->frame(), aspect, "national", ui.camera);
    }
    MapView view() const { return map->view(); }
    UiHarness(const UiHarness&) = delete;
    UiHarness& operator=(const UiHarness&) = delete;

    /// One frame: `key` held down this frame only (GLFW code, -1 none); shortcuts handled.
    void frameWithKey(int key, bool shift = false, bool ctrl = false) {
        ImGuiIO& io = ImGui::GetIO();
        if (key >= 0) io.KeysDown[key] = true;
        io.KeyShift = shift;
        io.KeyCtrl = ctrl;
        ImGui::NewFrame();
        handleShortcuts(ui, view(), aspect);
        ImGui::Render();
        if (key >= 0) io.KeysDown[key] = false;
        io.KeyShift = io.KeyCtrl = false;
        ImGui::NewFrame(); // a frame with the key released, so the next press counts again
        ImGui::Render();
    }
};

} // namespace buildout::test
