// The GUI's video export and tours.
//
// ExportDialog: presets, output, time range or tour, overlays, quality; a preview of the first frame;
// Export runs runExport() on a worker thread with its own headless EGL context and renderer, so the UI
// stays responsive; a progress bar with ETA and Cancel.
//
// TourEditor: the beats of a tour. "Add beat" records the current camera, time and layers; beats can be
// reordered, edited, loaded and saved (TOUR.json, docs/tours.md). "Play" runs the tour in presentation
// mode through the same TourRig that drives export, so the room sees what the video shows.
//
// Kept out of UiState (plain data shared with other panels): gui_app.cpp owns one of each and calls the
// functions below in its frame loop.
#pragma once

#include "app/export/export_job.h"
#include "core/view/tour_player.h"
#include "app/gui/ui_state.h"
#include "core/tour.h"
#include "core/view/map_view.h"
#include "render/comparison_compositor.h"
#include "render/frame_overlay.h"
#include "render/offscreen_target.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace buildout {

class MapRenderer;
struct Fonts;

struct TourEditor {
    bool open = false;
    Tour tour;
    std::string path = "tour.json";
    std::string status;
    std::vector<std::string> problems; ///< FILE:LINE lines of the last load
    int selected = -1;
    // Playback (presentation mode).
    TourPlayer player;
    bool savedPresenting = false; ///< presentation mode before playing, restored when playback stops
};

struct ExportDialog {
    bool open = false;
    // Settings as edited.
    std::string output = "buildout-export.mp4";
    std::string audio; ///< narration file muxed from frame 0 (MP4/MOV); "" = none
    int format = 0;   ///< 0 MP4, 1 ProRes .mov, 2 PNG folder
    int preset = 1;   ///< 0 720p, 1 1080p, 2 4K
    int fpsIndex = 2; ///< 24, 25, 30, 60
    float duration = 30.0f;
    bool fitTour = false; ///< with a tour: stretch it to `duration`
    std::string from, to;
    bool draft = true;
    bool useTour = false;
    bool manifest = false;
    bool transparent = false;
    OverlaySet overlay;
    // Preview of the first frame (rendered with the GUI's renderer).
    std::unique_ptr<OffscreenTarget> preview;
    /// Comparison previews: B's renderer (its own upload, made when first needed) and the compositor.
    std::unique_ptr<MapRenderer> previewB;
    std::unique_ptr<ComparisonCompositor> previewCompositor;
    std::string previewKey;
    std::string previewError;
    // The running job.
    std::thread worker;
    ExportProgress progress;
    std::atomic<bool> running{false};
    std::mutex resultMutex;
    std::optional<ExportResult> result;
    double startedAt = 0; ///< wall time, for the ETA display only
    std::string scenarioId;

    ExportDialog() = default;
    ExportDialog(const ExportDialog&) = delete;
    ExportDialog& operator=(const ExportDialog&) = delete;
    ~ExportDialog(); ///< cancels a running export and waits for it
};

/// The export the dialog describes, with the UI's current camera and layers (or the tour). `error`
/// says why it cannot run ("" when it can).
ExportSettings exportSettingsFromDialog(const ExportDialog& dialog, const UiState& ui, const TourEditor& tour,
                                        std::string& error);
/// Starts runExport() on the dialog's worker thread (its own EGL context); returns at once.
void startExport(ExportDialog& dialog, const ExportSettings& settings,
                 std::shared_ptr<const Scenario> scenario);
/// Inserts a beat recording the current camera, date and layers after the selected beat (selects it).
void addBeatFromView(TourEditor& editor, const UiState& ui, const MapView& map);

/// Buttons "Export video..." and "Tour..." whose top-right corner is at (right, top) (the map area's
/// corner), with the export's progress while one runs; Ctrl+E and Ctrl+T too.
void drawExportToolbar(ExportDialog& dialog, TourEditor& tour, const UiState& ui, float right, float top);
/// The Export window (when open) and a small progress line while a job runs with the window closed.
void drawExportDialog(ExportDialog& dialog, const UiState& ui, MapRenderer& renderer, const TourEditor& tour);
/// The Tour window (when open).
void drawTourPanel(TourEditor& editor, UiState& ui, const MapView& map, double aspect);
/// Starts playing the tour in presentation mode, from beat `fromBeat` (0 = the start).
void startTourPlayback(TourEditor& editor, UiState& ui, int fromBeat);
/// While a tour plays: advances it by `wallSeconds` and sets the time, camera and layers. Right/Left
/// jump to the next/previous beat, Esc stops. Call after the UI's own updates, once per frame.
/// The camera and time stay where the tour was when it stops (Esc or F5), the user's layers come back.
void updateTourPlayback(TourEditor& editor, UiState& ui, const MapView& map, double wallSeconds, double aspect);
/// The playing tour's frame (time, camera, layers, caption), or nothing when no tour plays: the frame
/// loop draws this instead of the UI's own view.
std::optional<ExportFrame> tourFrame(const TourEditor& editor);
/// The frame's overlay in presentation mode: the playing tour's caption, drawn wrapped like in export.
/// False when no tour plays (then the caller draws its own overlay).
bool drawTourOverlay(const TourEditor& editor, MapRenderer& renderer, const TotalsTimeline& totals,
                     const FrameSpec& spec, int width, int height);

} // namespace buildout
