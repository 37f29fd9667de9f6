// Tour playback in presentation mode: starting, the beat keys, stopping, and the frame and overlay the
// frame loop draws while a tour plays (the clock and the rig are the TourPlayer's).
#include "app/gui/export_dialog.h"

#include "app/export/export_overlay.h"
#include "app/export/export_plan.h"
#include "render/map_renderer.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

namespace buildout {

namespace {

/// Ends playback: presentation mode as it was, the view (time and camera) where the tour left it.
void stopPlayback(TourEditor& e, UiState& ui) {
    const ExportFrame last = e.player.frame();
    if (e.player.playing() && ui.scenario) {
        ui.playback.time = ui.clampTime(last.spec.time);
        ui.camera = last.spec.camera;
    }
    e.player.stop();
    ui.presenting = e.savedPresenting;
}

} // namespace

void startTourPlayback(TourEditor& e, UiState& ui, int fromBeat) {
    if (e.tour.beats.empty() || !ui.scenario) return;
    e.savedPresenting = ui.presenting;
    e.player.start(e.tour, fromBeat, ui.camera, ui.map);
    ui.flight.reset();
    ui.playback.playing = false;
    ui.presenting = true;
}

void updateTourPlayback(TourEditor& e, UiState& ui, const MapView& map, double wallSeconds, double aspect) {
    if (!e.player.playing()) return;
    if (!ui.presenting || !ui.scenario || !map.loaded()) { // Esc or F5 left presentation mode
        stopPlayback(e, ui);
        return;
    }
    if (!e.player.prepare(*ui.scenario, *map.frame, aspect, e.problems)) {
        stopPlayback(e, ui);
        e.status = "The tour cannot be played (see the problems in the Tour window)";
        e.open = true;
        return;
    }
    if (!ImGui::GetIO().WantCaptureKeyboard) {
        // Next / previous beat: fly there (the start of its transition) / back to its hold.
        if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT) || ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN))
            e.player.nextBeat();
        if (ImGui::IsKeyPressed(GLFW_KEY_LEFT) || ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP))
            e.player.previousBeat();
    }
    e.player.advance(wallSeconds);
}

std::optional<ExportFrame> tourFrame(const TourEditor& e) {
    if (!e.player.playing()) return std::nullopt;
    return e.player.frame();
}

bool drawTourOverlay(const TourEditor& e, MapRenderer& renderer, const TotalsTimeline& totals,
                     const FrameSpec& spec, int width, int height) {
    if (!e.player.playing()) return false;
    ExportFrame f = e.player.frame();
    f.spec = spec;
    drawExportOverlay(renderer, totals, f, OverlaySet{}, width, height);
    return true;
}

} // namespace buildout
