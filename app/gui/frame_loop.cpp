// The frame loop's steps, in the order run() calls them.
#include "app/gui/frame_loop.h"

#include "app/cli/app_options.h"

#include "app/cli/cli_args.h"
#include "app/cli/command_line.h"
#include "app/gui/input.h"
#include "core/asset_paths.h"
#include "core/background_thread.h"
#include "core/image.h"
#include "render/comparison_overlay.h"
#include "render/frame_overlay.h"
#include "render/map_view.h"
#include "render/prepared_scenario.h"
#include "render/screen_capture.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace buildout {

namespace {

/// Returns the heap's free pages to the system after a scenario was replaced or dropped. The loaders'
/// worker threads allocate in their own malloc arenas, and what a replaced scenario frees there stays
/// mapped: in the soak test (bench/soak.sh, docs/benchmarks.md) resident memory crept up by ~100 MB over
/// 10 minutes of reloads and comparisons, and stayed flat with one arena. Once per load, a few ms.
void releaseFreedMemory() {
#ifdef __GLIBC__
    ::malloc_trim(0);
#endif
}

/// A dropped `scenario.json` stands for its folder.
std::string scenarioFolder(const std::string& p) {
    return std::filesystem::path(p).filename() == "scenario.json"
               ? std::filesystem::path(p).parent_path().string()
               : p;
}

std::string timestampName(const char* prefix) {
    const std::time_t now = std::time(nullptr);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", std::localtime(&now));
    return std::string(prefix) + buf + ".png";
}

} // namespace

std::vector<std::string> formatProblems(const Diagnostics& diagnostics) {
    std::vector<std::string> lines;
    for (const Diagnostic& d : diagnostics.items())
        lines.push_back(formatDiagnostic(d));
    for (const auto& e : lines)
        std::cerr << e << "\n";
    return lines;
}

GuiOptions parseGuiOptions(const std::vector<std::string>& argv) {
    const std::unique_ptr<CliArgs> parsed = makeAppArgs();
    CliArgs& args = *parsed;
    args.parse(argv);
    if (args.positional().size() > 1) throw UsageError("the app opens one scenario folder");
    // A mistyped command ("buildout valdiate x") would otherwise open a window on a folder that is not
    // there: say so before any window or display is needed.
    if (!args.positional().empty() && !std::filesystem::exists(args.positional()[0]))
        throw UsageError("'" + args.positional()[0] +
                         "' is neither a command nor a scenario folder (commands: validate, info, diff, "
                         "snapshot, render, import)");
    GuiOptions o;
    o.scenarioPath = args.positional().empty()
                         ? (std::filesystem::path(dataDirectory()) / "scenarios" / "us-announced").string()
                         : args.positional()[0];
    if (auto f = args.value("frames")) o.quitAfterFrames = std::atoi(f->c_str());
    if (auto m = args.value("monitor")) o.monitor = std::atoi(m->c_str());
    if (auto m = args.value("compare-mode")) {
        if (!(o.compareMode = parseCompareMode(*m)))
            throw UsageError("unknown --compare-mode '" + *m + "' (side, swipe, diff)");
        if (!args.value("compare")) throw UsageError("--compare-mode needs --compare DIR");
    }
    o.comparePath = args.value("compare");
    o.at = args.value("at");
    o.screenshot = args.value("screenshot");
    o.smokeTest = args.value("smoke-test");
    o.soakDrive = args.value("soak-drive");
    o.present = args.flag("present");
    o.presenterView = args.flag("presenter-view");
    o.demo = args.flag("demo");
    return o;
}

FrameLoop::FrameLoop(GLFWwindow* window, const GuiOptions& options, AppSettings& settings, const Fonts& fonts)
    : window_(window), options_(options), settings_(settings), fonts_(fonts) {
    ui_.map = settings.map;
    ui_.recent = settings.recent;
    ui_.screenshotFolder = settings.screenshotFolder;
    if (options.comparePath) ui_.compare.requested = *options.comparePath;
    if (options.compareMode) ui_.compare.view.mode = *options.compareMode;
    lastMode_ = ui_.compare.view.mode;
    if (options.smokeTest) smoke_.emplace(*options.smokeTest);
    if (options.soakDrive) soak_.emplace(*options.soakDrive);
    ui_.presenting = options.present;
    ui_.presenterView = options.presenterView;
    windowedW_ = settings.windowWidth, windowedH_ = settings.windowHeight;
    int monitorCount = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&monitorCount);
    if (monitorCount > 0) presentMonitor_ = monitors[std::clamp(options.monitor, 0, monitorCount - 1)];

    glfwSetWindowUserPointer(window_, &inbox_);
    glfwSetDropCallback(window_, [](GLFWwindow* w, int count, const char** paths) {
        auto* d = static_cast<WindowInbox*>(glfwGetWindowUserPointer(w));
        const bool shift = glfwGetKey(w, GLFW_KEY_LEFT_SHIFT) == GLFW_PRESS ||
                           glfwGetKey(w, GLFW_KEY_RIGHT_SHIFT) == GLFW_PRESS;
        for (int i = 0; i < count; ++i)
            (shift ? d->compare : d->open).emplace_back(paths[i]);
    });
    // Keys go through the queue rather than straight into ImGui's key state (see key_queue.h), so that a
    // press and release between two frames still counts. This replaces the ImGui backend's callback.
    glfwSetKeyCallback(window_, [](GLFWwindow* w, int key, int /*scancode*/, int action, int /*mods*/) {
        auto* inbox = static_cast<WindowInbox*>(glfwGetWindowUserPointer(w));
        if (action == GLFW_PRESS)
            inbox->keys.push(key, KeyQueue::Action::Press);
        else if (action == GLFW_RELEASE)
            inbox->keys.push(key, KeyQueue::Action::Release);
    });
    loader_.start(options.scenarioPath, prepareHook());
    ui_.status = "Loading " + options.scenarioPath + "...";
    lastTime_ = lastWatch_ = glfwGetTime();
    hookWindowEvents<WindowInbox>(window_); // after the callbacks above: they are chained
    // Merged layers of a new scenario are built on a worker, so a switch never stalls a frame; a
    // --screenshot at frame N keeps them synchronous so that its picture does not depend on timing.
    renderer_.setAsyncDenseBuild(!options_.screenshot);
    renderer_.setWarmDraws(true);
    renderer_.painter().warmUp(kMapSamples);
    rendererB_.setAsyncDenseBuild(!options_.screenshot);
    rendererB_.setWarmDraws(true);
    syncComparison_ = options_.screenshot.has_value();
    frameLog_ = std::getenv("BUILDOUT_FRAME_LOG") != nullptr;
    phases_.setEnabled(frameLog_);
}

bool FrameLoop::moving() const {
    // What changes the picture without an input event: then the loop polls and draws every frame.
    return ui_.playback.playing || ui_.flight || tourEditor_.player.playing() || loader_.busy() ||
           compareLoader_.busy() || uploading_ || arrivingB_ || rerankA_.active() || rerankB_.active() ||
           exportDialog_.running.load() || smoke_ || soak_ || options_.quitAfterFrames >= 0 ||
           renderer_.denseBuildPending() || rendererB_.denseBuildPending() ||
           // The presenter view's timers and clock tick, and its window's input is not in inbox_.events.
           presenter_ != nullptr || ui_.presenterView;
}

int FrameLoop::run() {
    while (!glfwWindowShouldClose(window_)) {
        if (!idle_.next(inbox_.events, moving())) {
            // Nothing happened: no frame, but the file watcher still polls (a reload wakes the loop).
            startRequestedLoads(glfwGetTime());
            lastTime_ = glfwGetTime();
            continue;
        }
        const double now = glfwGetTime();
        phases_.start(now);
        drawFrame(now);
        if (frameLog_) logFrame((glfwGetTime() - now) * 1000.0);
    }
    presenter_.reset();
    if (frameLog_)
        std::cerr << "buildout: frames " << frame_ << ", longest frame " << longestFrameMs_ << " ms\n";
    if (!ui_.presenting) glfwGetWindowSize(window_, &settings_.windowWidth, &settings_.windowHeight);
    settings_.map = ui_.map;
    settings_.screenshotFolder = ui_.screenshotFolder;
    // A settings file that cannot be saved loses only preferences: said on stderr, the exit status is kept.
    if (std::string why; !saveAppSettings(settings_, settingsPath(), why))
        std::cerr << "buildout: warning: settings not saved: " << why << "\n";
    if (smoke_) return smoke_->passed() ? kExitOk : kExitFailure;
    return screenshotFailed_ ? kExitFailure : kExitOk;
}

void FrameLoop::logFrame(double ms) {
    // The first frames (GL and font set-up) are not a switch's stall: not counted.
    if (frame_ <= 2) return;
    if (ms > 50.0)
        std::cerr << "buildout: frame " << frame_ << " took " << ms << " ms (" << phases_.describe() << ")\n";
    longestFrameMs_ = std::max(longestFrameMs_, ms);
    // The steady frame beside a load's longest (bench/load_frames.sh): the median of each 100 frames.
    recentFramesMs_.push_back(ms);
    if (recentFramesMs_.size() == 100) {
        std::nth_element(recentFramesMs_.begin(), recentFramesMs_.begin() + 50, recentFramesMs_.end());
        std::cerr << "buildout: frame " << frame_ << ": median of the last 100 frames " << recentFramesMs_[50]
                  << " ms\n";
        recentFramesMs_.clear();
    }
}

void FrameLoop::drawFrame(double now) {
    const double dt = std::min(now - lastTime_, 0.1);
    lastTime_ = now;

    takeLoadedScenario();
    startRequestedLoads(now);
    takeComparisonScenario();
    if (ui_.compare.closeRequested) closeComparison();
    phases_.mark(FramePhases::Load);

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    inbox_.keys.apply(ImGui::GetIO());
    // The scripted session acts on the finished map (merged layers built), whatever the worker's pace.
    if (smoke_ && ui_.scenario && !renderer_.denseBuildPending() && !rendererB_.denseBuildPending())
        smoke_->inject(ImGui::GetIO(), ui_);
    if (soak_ && ui_.scenario) soak_->inject(ImGui::GetIO(), ui_, now);
    ImGui::NewFrame();
    const MapLayout m = layoutMap();
    fitPendingView(m);

    if (!ImGui::GetIO().WantCaptureKeyboard) handleShortcuts(ui_, mapView(renderer_), m.aspect);
    if (presenterJump_ >= 0 && ui_.scenario) {
        if (tourEditor_.player.playing()) // a playing tour's beats are the list's
            startTourPlayback(tourEditor_, ui_, presenterJump_);
        else
            goToBeat(ui_, presenterJump_, m.aspect, renderer_.mapFrame());
    }
    presenterJump_ = -1;
    switchPresentationWindow();
    syncPresenterWindow();
    handleMouse(m);
    advancePlayback(ui_, dt);
    updateFlight(ui_, dt);
    updateTourPlayback(tourEditor_, ui_, mapView(renderer_), dt, m.aspect);

    drawPanels(m, now);
    phases_.mark(FramePhases::Panels);
    // Before the map: the audience's frame is the renderer's last, so hover picks its labels.
    if (presenter_) renderNextBeatThumbnail();
    renderMap(m);
    phases_.mark(FramePhases::Map);
    finishFrame(m);
    drawPresenterWindow(now);
    phases_.mark(FramePhases::Present);
}

// --- Scenario loading (worker threads) and reloading when files change.

void FrameLoop::takeLoadedScenario() {
    if (auto loaded = loader_.take()) {
        if (!loaded->load.scenario) {
            ui_.loadErrors = formatProblems(loaded->load.diagnostics);
            ui_.status = loader_.pendingPath();
            return;
        }
        // Prepared on the loader's worker: the frames from here only copy its arrays to the GPU, a few
        // buffers a frame, while the previous map (and the UI's state for it) stays. A newer load
        // supersedes one still being copied.
        uploading_ = std::move(loaded);
        uploadingPath_ = loader_.pendingPath();
        arrivingCamera_.reset();
        if (uploading_->prepared)
            renderer_.beginPreparedScenario(uploading_->prepared, ui_.compare.scenario.get());
        else
            renderer_.setScenario(uploading_->load.scenario, ui_.compare.scenario.get());
    }
    if (!uploading_ || !renderer_.uploadPending(kUploadBudgetMs)) return;
    LoadedScenario loaded = std::move(*uploading_);
    uploading_.reset();
    // The comparison opened or closed meanwhile (its setScenario replaced the upload): done here, whole.
    if (renderer_.scenario() != loaded.load.scenario.get())
        renderer_.setScenario(loaded.load.scenario, ui_.compare.scenario.get());
    swapInLoadedScenario(std::move(loaded));
}

void FrameLoop::swapInLoadedScenario(LoadedScenario loaded) {
    const bool reload = uploadIsReload();
    // Its colours were ranked with the comparison shown when its load started (prepareHook): again on a
    // worker if a comparison has opened, changed or closed since.
    const Scenario* rankedWith = loaded.prepared ? loaded.prepared->paletteWith : ui_.compare.scenario.get();
    // The prepared arrays (now in GL buffers, 100-200 MB at 100k) go with the replaced scenario.
    retireScenario(std::move(ui_.scenario), std::move(ui_.totals), std::move(loaded.prepared));
    ui_.scenario = loaded.load.scenario;
    ui_.scenarioPath = uploadingPath_;
    ui_.totals = std::move(loaded.totals); // built by the loader's worker
    if (ui_.compare.scenario) {            // B's colours ranked with the new A
        if (syncComparison_)
            rendererB_.setScenario(ui_.compare.scenario, ui_.scenario.get());
        else
            startRerank(rerankB_, ui_.compare.scenario, ui_.scenario, rendererB_);
    }
    if (!syncComparison_ && rankedWith != ui_.compare.scenario.get())
        startRerank(rerankA_, ui_.scenario, ui_.compare.scenario, renderer_);
    chart_ = makeTimelineChart(ui_);
    ui_.loadErrors.clear();
    if (!reload) {
        ui_.selected.reset();
        ui_.compare.selectedB.reset();
        ui_.playback.time = arrivingTime(*ui_.scenario);
        pendingFit_ = true;
    }
    ui_.playback.time = ui_.clampTime(ui_.playback.time);
    watcher_.watch(ui_.scenario->files);
    addRecent(settings_, ui_.scenarioPath);
    ui_.recent = settings_.recent;
    ui_.status = (reload ? "Reloaded " : "Loaded ") + ui_.scenario->manifest.title;
    if (soak_) std::cerr << "soak: " << ui_.status << "\n"; // bench/soak.sh counts the reloads
    if (frameLog_) std::cerr << "buildout: frame " << frame_ + 1 << " swaps in " << ui_.scenarioPath << "\n";
    firstScenario_ = false;
    if (options_.demo) ui_.playback.playing = true;
}

void FrameLoop::retireScenario(std::shared_ptr<const Scenario> scenario,
                               std::unique_ptr<TotalsTimeline> totals,
                               std::shared_ptr<PreparedScenario> prepared) {
    // Freeing a 100k scenario (and trimming the heap after it) takes over 100 ms: done on a worker, not in
    // the frame that swaps the new one in. The previous retirement finished long ago (it is waited for).
    if (retired_.valid()) retired_.wait();
    retired_ = std::async(std::launch::async, [s = std::move(scenario), t = std::move(totals),
                                               p = std::move(prepared)]() mutable {
        lowerThisThreadPriority();
        p.reset();
        t.reset();
        s.reset();            // the last reference, unless a comparison or the export still holds it
        releaseFreedMemory(); // the replaced scenario's memory
    });
}

PrepareHook FrameLoop::prepareHook() const {
    // What the worker needs, captured now: the compared scenario (kept alive by the copy) and the
    // threshold, so the merged levels come with the rest and the map swaps complete.
    return [compare = ui_.compare.scenario,
            threshold = renderer_.clusterThreshold()](std::shared_ptr<const Scenario> s) {
        return MapRenderer::prepareScenario(std::move(s), compare.get(), threshold);
    };
}

void FrameLoop::startRequestedLoads(double now) {
    if (now - lastWatch_ > 1.0) { // files are polled once a second
        lastWatch_ = now;
        if (ui_.scenario && !loader_.busy() && watcher_.changed())
            loader_.start(ui_.scenarioPath, prepareHook());
    }
    if (!ui_.requestedScenario.empty()) { // the scenario menu: same path as a drop
        inbox_.open.push_back(ui_.requestedScenario);
        ui_.requestedScenario.clear();
    }
    if (!inbox_.open.empty()) {
        const std::string p = scenarioFolder(inbox_.open.back());
        inbox_.open.clear();
        loader_.start(p, prepareHook());
        ui_.status = "Loading " + p + "...";
    }
    // The comparison scenario: requested by the menu, a Shift+drop or --compare; loaded on its own
    // worker, so A stays interactive.
    if (!inbox_.compare.empty()) {
        ui_.compare.requested = inbox_.compare.back();
        inbox_.compare.clear();
    }
    if (!ui_.compare.requested.empty()) {
        const std::string p = scenarioFolder(ui_.compare.requested);
        ui_.compare.requested.clear();
        compareStartedWith_ = ui_.scenario; // what B's colours are ranked with (compareHook)
        compareLoader_.start(p, compareHook());
        ui_.status = "Loading " + p + " to compare...";
    }
}

// --- Layout and input.

FrameLoop::MapLayout FrameLoop::layoutMap() {
    MapLayout m;
    const ImGuiIO& io = ImGui::GetIO();
    glfwGetFramebufferSize(window_, &m.fbW, &m.fbH);
    m.winW = io.DisplaySize.x, m.winH = io.DisplaySize.y;
    m.fbScale = m.winW > 0 ? static_cast<float>(m.fbW) / m.winW : 1.0f;
    // The map occupies the space between the panels (all of the window when presenting); it is rendered
    // into an offscreen target, like snapshots and video frames, and shown as an image.
    m.uiScale = ImGui::GetFontSize() / 15.0f;
    m.timelineH = 190.0f * m.uiScale, m.sideW = 330.0f * m.uiScale, m.gap = 8.0f * m.uiScale;
    m.max = glm::vec2(m.winW, m.winH);
    if (!ui_.presenting) {
        m.min = glm::vec2(m.sideW + 2 * m.gap, 0.0f);
        m.max = glm::vec2(m.winW - m.sideW - 2 * m.gap, m.winH - m.timelineH - 2 * m.gap);
    }
    m.width = std::max(16, static_cast<int>((m.max.x - m.min.x) * m.fbScale));
    m.height = std::max(16, static_cast<int>((m.max.y - m.min.y) * m.fbScale));
    // While comparing side by side each map is half as wide: framing and mouse use one map's aspect.
    const CompareMode mode = ui_.compare.view.mode;
    const bool sideBySide = ui_.comparing() && mode == CompareMode::SideBySide;
    m.aspect = static_cast<double>(sideBySide ? sideBySideSplit(m.width) : m.width) / m.height;
    if (ui_.comparing() && mode != lastMode_)
        pendingFit_ = pendingFit_ || mode == CompareMode::SideBySide || lastMode_ == CompareMode::SideBySide;
    lastMode_ = mode;
    if (!mapTarget_ || mapTarget_->width() != m.width || mapTarget_->height() != m.height) {
        const bool refit = mapTarget_ && ui_.scenario && !ui_.flight;
        const double oldAspect =
            mapTarget_ ? static_cast<double>(mapTarget_->width()) / mapTarget_->height() : m.aspect;
        mapTarget_ = std::make_unique<OffscreenTarget>(m.width, m.height, kMapSamples);
        // Keep the same ground width in view when the map area changes shape.
        if (refit) ui_.camera.distanceKm *= std::max(oldAspect / m.aspect, 0.25);
    }
    return m;
}

void FrameLoop::fitPendingView(const MapLayout& m) {
    if (!pendingFit_ || !ui_.scenario) return;
    findNamedView(*ui_.scenario, renderer_.mapFrame(), m.aspect, "national", ui_.camera);
    pendingFit_ = false;
}

void FrameLoop::switchPresentationWindow() {
    // Presentation mode: fullscreen on the chosen monitor, back to the window on leaving. With the
    // presenter view on a single 32:9 screen (two 16:9 screens joined), a borderless left half instead.
    const WindowPlacement place = placeWindows(monitorRects(), options_.monitor);
    const bool split = ui_.presenting && ui_.presenterView && !place.audienceFullscreen;
    if (ui_.presenting == wasPresenting_ && split == wasSplit_) return;
    if (ui_.presenting && !wasPresenting_) {
        glfwGetWindowPos(window_, &windowedX_, &windowedY_);
        glfwGetWindowSize(window_, &windowedW_, &windowedH_);
    }
    if (split) {
        if (glfwGetWindowMonitor(window_)) glfwSetWindowMonitor(window_, nullptr, 0, 0, 640, 480, 0);
        glfwSetWindowAttrib(window_, GLFW_DECORATED, GLFW_FALSE);
        glfwSetWindowMonitor(window_, nullptr, place.audience.x, place.audience.y, place.audience.w,
                             place.audience.h, 0);
    } else if (ui_.presenting && presentMonitor_) {
        glfwSetWindowAttrib(window_, GLFW_DECORATED, GLFW_TRUE);
        const GLFWvidmode* mode = glfwGetVideoMode(presentMonitor_);
        glfwSetWindowMonitor(window_, presentMonitor_, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else if (!ui_.presenting) {
        glfwSetWindowAttrib(window_, GLFW_DECORATED, GLFW_TRUE);
        glfwSetWindowMonitor(window_, nullptr, windowedX_, windowedY_, windowedW_, windowedH_, 0);
    }
    wasPresenting_ = ui_.presenting;
    wasSplit_ = split;
}

void FrameLoop::handleMouse(const MapLayout& m) {
    // Mouse on the map: pan, orbit, zoom, hover, select.
    const ImGuiIO& io = ImGui::GetIO();
    const bool comparing = ui_.comparing();
    const CompareMode mode = ui_.compare.view.mode;
    const glm::vec2 fullSize(static_cast<float>(m.width), static_cast<float>(m.height));
    glm::vec2 mouseFb = (glm::vec2(io.MousePos.x, io.MousePos.y) - m.min) * m.fbScale;
    const bool overMap = mouseFb.x >= 0 && mouseFb.y >= 0 && mouseFb.x < fullSize.x && mouseFb.y < fullSize.y;
    // Side by side: both halves share the camera, so the mouse acts in whichever half it is over.
    glm::vec2 fbSize = fullSize;
    if (comparing && mode == CompareMode::SideBySide) {
        const float split = static_cast<float>(sideBySideSplit(m.width));
        ui_.compare.pointerInRightHalf = mouseFb.x >= split;
        if (mouseFb.x >= split)
            mouseFb.x -= split, fbSize.x = fullSize.x - split;
        else
            fbSize.x = split;
    }
    // Swipe: dragging near the divider moves it instead of the map.
    const float dividerX = ui_.compare.view.swipe * fullSize.x;
    if (comparing && mode == CompareMode::Swipe && overMap && !io.WantCaptureMouse &&
        ImGui::IsMouseClicked(ImGuiMouseButton_Left) && std::abs(mouseFb.x - dividerX) < 14.0f * m.fbScale)
        ui_.compare.draggingDivider = true;
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) ui_.compare.draggingDivider = false;
    if (ui_.compare.draggingDivider) {
        ui_.compare.view.swipe = std::clamp(mouseFb.x / fullSize.x, 0.0f, 1.0f);
        ui_.hovered.reset();
        ui_.hoveredGroup.reset();
    } else if (!io.WantCaptureMouse && overMap) {
        handleMapMouse(ui_, mapView(renderer_), mouseFb, fbSize, m.fbScale);
        pickInComparison(ui_, mapView(rendererB_), mouseFb, fbSize, m.fbScale);
    } else {
        ui_.hovered.reset();
        ui_.hoveredGroup.reset();
        ui_.compare.hoveredB.reset();
    }
}

// --- Drawing.

void FrameLoop::drawPanels(const MapLayout& m, double now) {
    const float panelH = m.winH - m.timelineH - 3 * m.gap;
    if (!ui_.presenting) {
        drawLayersPanel(ui_, mapView(renderer_), fonts_, m.gap, m.gap, m.sideW, panelH, m.aspect);
        drawInspectorPanel(ui_, mapView(renderer_), fonts_, m.winW - m.sideW - m.gap, m.gap, m.sideW, panelH,
                           m.aspect);
        drawTimelinePanel(ui_, fonts_, chart_, m.gap, m.winH - m.timelineH - m.gap, m.winW - 2 * m.gap,
                          m.timelineH);
        drawHoverTooltip(ui_);
        if (loader_.busy()) {
            ImGui::SetNextWindowPos(ImVec2(m.winW * 0.5f, m.gap), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
            ImGui::Begin("##loading", nullptr,
                         ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize);
            const char spin[] = "|/-\\";
            ImGui::Text("%c  %s", spin[static_cast<int>(now * 8) % 4], ui_.status.c_str());
            ImGui::End();
        }
    }
    drawErrorPanel(ui_, fonts_);
    drawHelpOverlay(ui_, fonts_);
    drawExportToolbar(exportDialog_, tourEditor_, ui_, m.max.x - m.gap, m.min.y + m.gap);
    drawExportDialog(exportDialog_, ui_, renderer_, tourEditor_);
    drawTourPanel(tourEditor_, ui_, mapView(renderer_), m.aspect);
}

namespace {

/// Presentation mode's frame overlay: every panel, and the current event as the caption.
OverlayOptions presentationOverlay(const UiState& ui) {
    OverlayOptions o;
    if (ui.presenting && ui.scenario && ui.beat >= 0 &&
        ui.beat < static_cast<int>(ui.scenario->manifest.events.size())) {
        const ScenarioEvent& beat = ui.scenario->manifest.events[static_cast<std::size_t>(ui.beat)];
        o.captionTitle = beat.title, o.caption = beat.text;
    }
    return o;
}

} // namespace

void FrameLoop::renderMap(const MapLayout& m) {
    // B (or .) while presenting: the audience sees black, over everything (the presenter view stays).
    if (ui_.presenting && ui_.blackout) {
        ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(m.winW, m.winH),
                                                      IM_COL32(0, 0, 0, 255));
        return;
    }
    const FrameSpec spec = frameSpec(m);
    mapTarget_->bindForDrawing();
    // A scenario about to be swapped in: one group of its layers drawn once into this target first (which
    // the draw below clears), as its first frame will show them, so that its first frames do not stall on
    // the driver's shader compiles or draw the land twice.
    if (uploading_ && renderer_.scenarioPending())
        renderer_.warmPendingDraw(arrivingFrameSpec(m), m.width, m.height);
    // The same for a comparison scenario on its way (its renderer compiles its own programs' variants).
    if ((arrivingB_ || rerankB_.begun) && rendererB_.scenarioPending())
        rendererB_.warmPendingDraw(spec, m.width, m.height);
    if (ui_.comparing()) {
        compositor_.draw(renderer_, rendererB_, ui_.compare.view, spec, m.width, m.height, 4);
    } else {
        renderer_.clearDiffColors();
        // Presenting, the frame overlay's panels are drawn over the map: labels keep clear of them (set every
        // frame, so the window's own frames, without those panels, have none).
        renderer_.setLabelKeepOut({});
        if (ui_.presenting && ui_.scenario && ui_.totals)
            reserveFrameOverlay(renderer_, spec, presentationOverlay(ui_), m.width, m.height);
        renderer_.draw(spec, m.width, m.height);
    }
    drawMapOverlays(m, spec);
    mapTarget_->resolve();
    // GL stores rows bottom-up, so the image's v runs from 1 to 0.
    ImGui::GetBackgroundDrawList()->AddImage(
        reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(mapTarget_->texture())),
        ImVec2(m.min.x, m.min.y), ImVec2(m.max.x, m.max.y), ImVec2(0, 1), ImVec2(1, 0));
}

void FrameLoop::drawMapOverlays(const MapLayout& m, const FrameSpec& spec) {
    const ScenarioEvent* beat = nullptr;
    if (ui_.presenting && ui_.scenario && ui_.beat >= 0 &&
        ui_.beat < static_cast<int>(ui_.scenario->manifest.events.size()))
        beat = &ui_.scenario->manifest.events[static_cast<std::size_t>(ui_.beat)];
    if (ui_.comparing()) {
        ComparisonOverlayOptions co;
        // In the window the panels carry the figures and the legend; presenting, the frame does.
        co.date = co.figures = ui_.presenting;
        co.legend = ui_.presenting;
        co.labelDiff = compositor_.diff();
        co.labelFrame = &renderer_.mapFrame();
        // Window mode: the Export/Tour toolbar sits at the map's top right.
        if (!ui_.presenting) co.topRightReservePx = 190.0f * m.uiScale * m.fbScale;
        if (beat) co.caption = beat->title;
        // In the window the titles sit between panels: three quarters of their broadcast size.
        FrameSpec overlaySpec = spec;
        if (!ui_.presenting) overlaySpec.pixelScale *= 0.75f;
        if (ui_.totals && ui_.compare.totals)
            drawComparisonOverlay(renderer_.painter(), *ui_.scenario, *ui_.compare.scenario, *ui_.totals,
                                  *ui_.compare.totals, ui_.compare.view, compositor_.diffView(), overlaySpec,
                                  co, m.width, m.height);
        return;
    }
    if (!ui_.presenting || !ui_.scenario || !ui_.totals) return;
    if (drawTourOverlay(tourEditor_, renderer_, *ui_.totals, spec, m.width, m.height)) return;
    drawFrameOverlay(renderer_, *ui_.totals, spec, presentationOverlay(ui_), m.width, m.height);
}

void FrameLoop::saveMapScreenshot() {
    // F12: the map alone (no panels) as a PNG in the screenshot folder.
    const std::string name =
        (std::filesystem::path(ui_.screenshotFolder.empty() ? "." : ui_.screenshotFolder) /
         timestampName("buildout-"))
            .string();
    std::string why;
    ui_.status = writePng(mapTarget_->readback(), name, &why) ? "Saved " + name : why;
    std::cerr << "buildout: " << ui_.status << "\n";
}

void FrameLoop::finishFrame(const MapLayout& m) {
    if (!ImGui::GetIO().WantCaptureKeyboard && ImGui::IsKeyPressed(GLFW_KEY_F12) && ui_.scenario)
        saveMapScreenshot();
    clearWindow(m.fbW, m.fbH);
    ImGui::Render();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++frame_;
    if (options_.screenshot && options_.quitAfterFrames >= 0 && frame_ == options_.quitAfterFrames) {
        std::string why;
        if (!writePng(captureWindowFramebuffer(m.fbW, m.fbH), *options_.screenshot, &why)) {
            std::cerr << "buildout: error: " << why << "\n";
            screenshotFailed_ = true; // --screenshot was asked for: the run fails
        }
    }
    if (smoke_ && smoke_->wantsScreenshot()) smoke_->finish(captureWindowFramebuffer(m.fbW, m.fbH), ui_);
    if (smoke_ && smoke_->done()) glfwSetWindowShouldClose(window_, GLFW_TRUE);
    glfwSwapBuffers(window_);
    if (options_.quitAfterFrames >= 0 && frame_ >= options_.quitAfterFrames && !loader_.busy())
        glfwSetWindowShouldClose(window_, GLFW_TRUE);
}

} // namespace buildout
