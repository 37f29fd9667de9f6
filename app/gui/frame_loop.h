// The app's frame loop as a class with one step per stage of a frame: take finished loads, lay out
// the map area, handle keys and the mouse, advance time and flights, draw the panels, render the map,
// present. Owns what lives as long as the window: the UI state, the loaders and watcher, both scenarios'
// renderers, the export dialog and tour editor, the map's offscreen target.
#pragma once

#include "app/gui/export_dialog.h"
#include "app/gui/frame_phases.h"
#include "app/gui/idle_wait.h"
#include "app/gui/key_queue.h"
#include "app/gui/panels.h"
#include "app/gui/presenter_view.h"
#include "app/gui/presenter_window.h"
#include "app/gui/scenario_watcher.h"
#include "app/gui/smoke_test.h"
#include "app/gui/soak_driver.h"
#include "app/gui/theme.h"
#include "app/gui/ui_state.h"
#include "core/view/app_settings.h"
#include "core/view/comparison_view.h"
#include "render/comparison_compositor.h"
#include "render/map_renderer.h"
#include "render/offscreen_target.h"

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

struct GLFWwindow;
struct GLFWmonitor;

namespace buildout {

/// A failed load's problems as lines (FILE:LINE: ...), printed on stderr too.
std::vector<std::string> formatProblems(const Diagnostics& diagnostics);

/// `buildout [SCENARIO_DIR] [options]`: what the app was asked to open and do.
struct GuiOptions {
    std::string scenarioPath;
    std::optional<std::string> comparePath;
    std::optional<CompareMode> compareMode;
    std::optional<std::string> at;         ///< start date of the first scenario
    std::optional<std::string> screenshot; ///< with `frames`: the window as a PNG at that frame
    std::optional<std::string> smokeTest;  ///< scripted session, screenshot to this path
    std::optional<std::string> soakDrive;  ///< soak run (bench/soak.sh), comparing with this folder
    int quitAfterFrames = -1;              ///< -1: run until the window closes
    int monitor = 0;                       ///< presentation mode's monitor (clamped to those present)
    bool present = false;                  ///< start in presentation mode
    bool presenterView = false;            ///< open the presenter view (second window) from the start
    bool demo = false;                     ///< start playing once loaded
};

/// Parses the app's arguments. Throws UsageError.
GuiOptions parseGuiOptions(const std::vector<std::string>& args);

/// What the window's callbacks hand the frame loop: files dropped on it (with Shift held they open as
/// the comparison scenario, B) and key events in order.
struct WindowInbox {
    std::vector<std::string> open, compare;
    KeyQueue keys;
    WindowEvents events; ///< every event counted, so an idle loop knows when to draw (idle_wait.h)
};

class FrameLoop {
public:
    /// Needs the window's GL context current and ImGui set up for it; `fonts` from setupTheme.
    FrameLoop(GLFWwindow* window, const GuiOptions& options, AppSettings& settings, const Fonts& fonts);
    FrameLoop(const FrameLoop&) = delete;
    FrameLoop& operator=(const FrameLoop&) = delete;

    /// Runs until the window closes (or --frames / the smoke test end it); stores the window size and
    /// layers into the settings. Returns the exit code.
    int run();

private:
    /// Where the map is drawn this frame, in window points and framebuffer pixels.
    struct MapLayout {
        float winW = 0, winH = 0, fbScale = 1, uiScale = 1, gap = 0, sideW = 0, timelineH = 0;
        int fbW = 0, fbH = 0;        ///< the window's framebuffer
        glm::vec2 min{0}, max{0};    ///< map area, window points
        int width = 16, height = 16; ///< map area, framebuffer pixels
        double aspect = 1;           ///< of one map (half the area side by side)
    };

    void takeLoadedScenario();
    void swapInLoadedScenario(LoadedScenario loaded);
    /// Lets the replaced scenario (and the prepared arrays of the new one, copied already) go on a worker
    /// (retired_).
    void retireScenario(std::shared_ptr<const Scenario> scenario, std::unique_ptr<TotalsTimeline> totals,
                        std::shared_ptr<PreparedScenario> prepared);
    /// The map's preparation for the loader's worker (MapRenderer::prepareScenario).
    PrepareHook prepareHook() const;
    // The comparison (frame_loop_comparison.cpp): B prepared on its loader's worker and copied to the GPU
    // over frames; colours re-ranked over both scenarios on a worker; nothing of it on the UI thread.
    void takeComparisonScenario();
    void finishComparisonArrival();
    void startRequestedLoads(double now);
    void closeComparison();
    /// B's preparation for the comparison loader's worker (ranked with the A shown when it starts).
    PrepareHook compareHook() const;
    /// A scenario's map re-prepared on a worker with `with`'s operators (the colours ranked over both, or
    /// over it alone when `with` is null), then copied like a load: a comparison opened, changed or
    /// closed. The map keeps its previous colours until then.
    struct PaletteRerank {
        std::shared_ptr<const Scenario> scenario, with;
        std::future<std::shared_ptr<PreparedScenario>> preparing;
        bool begun = false;
        bool active() const { return scenario != nullptr; }
    };
    void startRerank(PaletteRerank& r, std::shared_ptr<const Scenario> s,
                     std::shared_ptr<const Scenario> with, const MapRenderer& renderer);
    /// One frame's step of `r` on `renderer`; `shown` is the scenario that renderer should show (a rerank
    /// of another one is dropped), `busy` says another upload owns the renderer now.
    void advanceRerank(PaletteRerank& r, MapRenderer& renderer, const Scenario* shown, bool busy);
    MapLayout layoutMap();
    void fitPendingView(const MapLayout& m);
    void switchPresentationWindow();
    void handleMouse(const MapLayout& m);
    void drawPanels(const MapLayout& m, double now);
    FrameSpec frameSpec(const MapLayout& m) const;
    /// The frame's spec with the UI's camera and time replaced (a tour, when playing, still decides).
    FrameSpec frameSpec(const MapLayout& m, const CameraState& uiCamera, TimeDays uiTime) const;
    /// The upload being copied reloads the scenario shown (it keeps the time and camera).
    bool uploadIsReload() const;
    /// The time the first frame of the uploaded scenario `s` shows (before clamping to its range).
    TimeDays arrivingTime(const Scenario& s) const;
    /// The spec of the uploaded scenario's first frame (for MapRenderer::warmPendingDraw).
    FrameSpec arrivingFrameSpec(const MapLayout& m);
    void renderMap(const MapLayout& m);
    void drawMapOverlays(const MapLayout& m, const FrameSpec& spec);
    void saveMapScreenshot();
    void finishFrame(const MapLayout& m);
    // The presenter view (presenter_window.h): opened and closed with ui_.presenterView.
    void syncPresenterWindow();
    void renderNextBeatThumbnail();
    int currentTourBeat() const; ///< the playing tour's beat, -1 when no tour plays
    void drawPresenterWindow(double now);
    bool moving() const;
    void drawFrame(double now);
    void logFrame(double ms);

    GLFWwindow* window_;
    GuiOptions options_;
    AppSettings& settings_;
    const Fonts& fonts_;
    UiState ui_;
    AsyncScenarioLoader loader_, compareLoader_;
    /// A loaded scenario whose prepared map is being copied to the GPU over frames (swapped in whole
    /// when done), and the folder it came from.
    std::optional<LoadedScenario> uploading_;
    std::string uploadingPath_;
    std::optional<CameraState> arrivingCamera_; ///< its first frame's camera (arrivingFrameSpec), once found
    std::future<void> retired_; ///< frees a replaced scenario off the UI thread (waited for on exit)
    /// A comparison scenario whose prepared map is being copied to rendererB_, its folder, and the A its
    /// colours were ranked with.
    std::optional<LoadedScenario> arrivingB_;
    std::string arrivingBPath_;
    std::shared_ptr<const Scenario> arrivingBRankedWith_;
    PaletteRerank rerankA_, rerankB_;
    std::vector<std::future<std::shared_ptr<PreparedScenario>>> staleReranks_; ///< superseded, finishing
    std::shared_ptr<const Scenario> compareStartedWith_; ///< the A shown when the comparison load started
    /// --screenshot: the comparison is taken whole in one frame, so the picture does not depend on timing.
    bool syncComparison_ = false;
    /// GL copying per frame of a prepared scenario (ms): no new buffer is started after it; one buffer
    /// of a 100k scenario takes up to ~25 ms on llvmpipe.
    static constexpr double kUploadBudgetMs = 4.0;
    static constexpr int kMapSamples = 4; ///< the map target's multisampling
    FileWatcher watcher_;
    WindowInbox inbox_;
    std::optional<SmokeTest> smoke_;
    std::optional<SoakDriver> soak_;
    MapRenderer renderer_;
    MapRenderer rendererB_; ///< the comparison scenario's own static upload
    ComparisonCompositor compositor_;
    CompareMode lastMode_;
    ExportDialog exportDialog_; ///< video export (worker thread with its own EGL context)
    TourEditor tourEditor_;
    std::unique_ptr<OffscreenTarget> mapTarget_;
    TimelineChart chart_;
    bool pendingFit_ = false; ///< frame the national view once the map area's size is known
    bool firstScenario_ = true;
    double lastTime_ = 0, lastWatch_ = 0;
    int frame_ = 0;
    IdleWait idle_;
    /// BUILDOUT_FRAME_LOG set: the longest frame (ms, wall) and how many, printed at exit.
    bool frameLog_ = false;
    FramePhases phases_; ///< where a slow frame's time went (BUILDOUT_FRAME_LOG)
    double longestFrameMs_ = 0;
    std::vector<double> recentFramesMs_; ///< for the median printed every 100 frames
    bool screenshotFailed_ = false;      ///< --screenshot could not be written: the run exits 1
    // Presentation mode: the monitor it goes fullscreen on, and the window to come back to.
    GLFWmonitor* presentMonitor_ = nullptr;
    int windowedX_ = 100, windowedY_ = 100, windowedW_ = 0, windowedH_ = 0;
    bool wasPresenting_ = false, wasSplit_ = false;
    // The presenter view: its window, timers, the next beat's thumbnail (rendered here, in the main
    // context, and shown there as a shared texture), and a beat clicked in its list.
    std::unique_ptr<PresenterWindow> presenter_;
    PresenterClock presenterClock_;
    std::unique_ptr<OffscreenTarget> thumbnail_;
    int thumbnailBeat_ = -2, thumbnailAge_ = 0;
    int presenterJump_ = -1;
};

} // namespace buildout
