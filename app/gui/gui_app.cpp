// The interactive application: window, input, panels, presentation mode and the frame loop.
#include "app/gui/gui_app.h"

#include "app/cli/cli_args.h"
#include "app/cli/command_line.h"
#include "app/gui/app_settings.h"
#include "app/gui/export_dialog.h"
#include "app/gui/input.h"
#include "app/gui/smoke_test.h"
#include "app/gui/panels.h"
#include "app/gui/scenario_watcher.h"
#include "app/gui/theme.h"
#include "app/gui/ui_state.h"
#include "core/asset_paths.h"
#include "core/image.h"
#include "render/comparison_compositor.h"
#include "render/comparison_overlay.h"
#include "render/frame_overlay.h"
#include "render/map_renderer.h"
#include "render/offscreen_target.h"
#include "render/screen_capture.h"

#include <cstdint>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

namespace buildout {

namespace {

struct GlfwSession {
    GlfwSession() {
        glfwSetErrorCallback([](int code, const char* msg) { std::fprintf(stderr, "buildout: GLFW error %d: %s\n", code, msg); });
        ok = glfwInit() == GLFW_TRUE;
    }
    ~GlfwSession() {
        if (ok) glfwTerminate();
    }
    GlfwSession(const GlfwSession&) = delete;
    GlfwSession& operator=(const GlfwSession&) = delete;
    bool ok = false;
};

struct ImGuiSession {
    explicit ImGuiSession(GLFWwindow* w) {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr; // layout is computed, not persisted by ImGui
        ImGui_ImplGlfw_InitForOpenGL(w, true);
        ImGui_ImplOpenGL3_Init("#version 330 core");
    }
    ~ImGuiSession() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    ImGuiSession(const ImGuiSession&) = delete;
    ImGuiSession& operator=(const ImGuiSession&) = delete;
};

/// Folders dropped on the window: with Shift held they open as the comparison scenario (B).
struct Drops {
    std::vector<std::string> open, compare;
};

/// A dropped `scenario.json` stands for its folder.
std::string scenarioFolder(const std::string& p) {
    return std::filesystem::path(p).filename() == "scenario.json" ? std::filesystem::path(p).parent_path().string() : p;
}

std::string timestampName(const char* prefix) {
    const std::time_t now = std::time(nullptr);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", std::localtime(&now));
    return std::string(prefix) + buf + ".png";
}

} // namespace

void drawHelpOverlay(UiState& ui, const Fonts& fonts) {
    if (!ui.showHelp) return;
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(size.x * 0.5f, size.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::Begin("Keyboard shortcuts", &ui.showHelp, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
    static const char* kRows[][2] = {
        {"Space", "play / pause"},
        {"Left / Right", "step a month (Shift: quarter, Ctrl: year)"},
        {"Home / End", "jump to start / end"},
        {"R", "reverse playback"},
        {"F5", "presentation mode (Esc leaves)"},
        {"Right / Left, Page Down / Up", "next / previous story beat (presentation)"},
        {"N", "fly to the national view"},
        {"L", "labels on / off"},
        {"1 ... 6", "datacenters, plants, lines, clusters, zones, basemap"},
        {"F12", "save a PNG of the map (no panels)"},
        {"Shift + drop a folder", "compare with that scenario (Layers panel: mode, Stop comparing)"},
        {"Ctrl+E / Ctrl+T", "export a video / tours (record, play, save)"},
        {"Mouse: left drag / right drag / wheel", "pan / orbit and tilt / zoom"},
        {"Click", "select an entity (inspector, right)"},
        {"F1", "this help"},
    };
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg)) {
        for (const auto& r : kRows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushFont(fonts.strong);
            ImGui::TextUnformatted(r[0]);
            ImGui::PopFont();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r[1]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

void drawErrorPanel(UiState& ui, const Fonts& fonts) {
    if (ui.loadErrors.empty()) return;
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(size.x * 0.5f, 80.0f), ImGuiCond_Appearing, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(std::min(size.x * 0.7f, 1100.0f), 0), ImGuiCond_Appearing);
    bool open = true;
    ImGui::Begin("Scenario not loaded", &open, ImGuiWindowFlags_NoCollapse);
    ImGui::PushFont(fonts.strong);
    ImGui::TextWrapped("%s has problems; %s", ui.status.c_str(),
                       ui.scenario ? "the previous scenario stays on screen." : "nothing is shown until they are fixed.");
    ImGui::PopFont();
    ImGui::BeginChild("##errors", ImVec2(0, std::min(400.0f, 22.0f * static_cast<float>(ui.loadErrors.size()) + 10.0f)));
    for (const std::string& e : ui.loadErrors) {
        const bool isError = e.find(": error: ") != std::string::npos;
        ImGui::TextColored(isError ? ImVec4(1.0f, 0.55f, 0.5f, 1) : ImVec4(1.0f, 0.85f, 0.45f, 1), "%s", e.c_str());
    }
    ImGui::EndChild();
    if (ImGui::Button("Copy all")) {
        std::string all;
        for (const auto& e : ui.loadErrors) all += e + "\n";
        ImGui::SetClipboardText(all.c_str());
    }
    ImGui::End();
    if (!open) ui.loadErrors.clear();
}

int runGui(const std::vector<std::string>& argv) {
    CliArgs args(argv, {"monitor", "screenshot", "frames", "at", "smoke-test", "compare", "compare-mode"},
                 {"present", "demo"});
    if (args.positional().size() > 1) throw UsageError("the app opens one scenario folder");
    const std::string scenarioPath = args.positional().empty()
                                         ? (std::filesystem::path(dataDirectory()) / "scenarios" / "us-announced").string()
                                         : args.positional()[0];
    const int quitAfterFrames = args.value("frames") ? std::atoi(args.value("frames")->c_str()) : -1;
    std::optional<CompareMode> cliCompareMode;
    if (auto m = args.value("compare-mode")) {
        if (!(cliCompareMode = parseCompareMode(*m))) throw UsageError("unknown --compare-mode '" + *m + "' (side, swipe, diff)");
        if (!args.value("compare")) throw UsageError("--compare-mode needs --compare DIR");
    }
    std::optional<SmokeTest> smoke;
    if (auto shot = args.value("smoke-test")) smoke.emplace(*shot);

    GlfwSession glfw;
    if (!glfw.ok)
        throw std::runtime_error("cannot open a window (no display?). For headless use: buildout snapshot / validate / info");
    std::string warning;
    AppSettings settings = loadAppSettings(settingsPath(), warning);
    if (!warning.empty()) std::cerr << "buildout: warning: " << warning << "\n";

    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SAMPLES, 4);
    int monitorCount = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&monitorCount);
    const int monitorIndex = std::clamp(args.value("monitor") ? std::atoi(args.value("monitor")->c_str()) : 0, 0,
                                        std::max(monitorCount - 1, 0));
    GLFWwindow* window = glfwCreateWindow(settings.windowWidth, settings.windowHeight, "Buildout", nullptr, nullptr);
    if (!window) throw std::runtime_error("cannot create an OpenGL 3.3 window");
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    UiState ui;
    ui.map = settings.map;
    ui.recent = settings.recent;
    ui.screenshotFolder = settings.screenshotFolder;
    AsyncScenarioLoader loader, compareLoader;
    FileWatcher watcher;
    Drops drops;
    std::vector<std::string>& dropped = drops.open;
    glfwSetWindowUserPointer(window, &drops);
    glfwSetDropCallback(window, [](GLFWwindow* w, int count, const char** paths) {
        auto* d = static_cast<Drops*>(glfwGetWindowUserPointer(w));
        const bool shift = glfwGetKey(w, GLFW_KEY_LEFT_SHIFT) == GLFW_PRESS || glfwGetKey(w, GLFW_KEY_RIGHT_SHIFT) == GLFW_PRESS;
        for (int i = 0; i < count; ++i) (shift ? d->compare : d->open).emplace_back(paths[i]);
    });
    if (auto b = args.value("compare")) ui.compare.requested = *b;
    if (cliCompareMode) ui.compare.view.mode = *cliCompareMode;

    {
        ImGuiSession imgui(window);
        float sx = 1, sy = 1;
        glfwGetWindowContentScale(window, &sx, &sy);
        const Fonts fonts = setupTheme(std::max(sx, 1.0f));
        MapRenderer renderer;
        MapRenderer rendererB; // the comparison scenario's own static upload
        ComparisonCompositor compositor;
        CompareMode lastMode = ui.compare.view.mode;
        ExportDialog exportDialog; // video export (worker thread with its own EGL context)
        TourEditor tourEditor;
        std::unique_ptr<OffscreenTarget> mapTarget;
        bool pendingFit = false;
        TimelineChart chart;
        loader.start(scenarioPath);
        ui.status = "Loading " + scenarioPath + "...";
        bool firstScenario = true;
        double lastTime = glfwGetTime(), lastWatch = lastTime;
        int frame = 0;
        int windowedX = 100, windowedY = 100, windowedW = settings.windowWidth, windowedH = settings.windowHeight;
        if (args.flag("present")) ui.presenting = true;
        bool wasPresenting = false;

        while (!glfwWindowShouldClose(window)) {
            glfwPollEvents();
            const double now = glfwGetTime();
            const double dt = std::min(now - lastTime, 0.1);
            lastTime = now;

            // Scenario loading (worker thread) and reloading when files change.
            if (auto result = loader.take()) {
                if (result->scenario) {
                    const bool reload = !firstScenario && loader.pendingPath() == ui.scenarioPath;
                    ui.scenario = result->scenario;
                    ui.scenarioPath = loader.pendingPath();
                    ui.totals = std::make_unique<TotalsTimeline>(*ui.scenario);
                    renderer.setScenario(ui.scenario, ui.compare.scenario.get());
                    if (ui.compare.scenario) rendererB.setScenario(ui.compare.scenario, ui.scenario.get());
                    chart = makeTimelineChart(ui);
                    ui.loadErrors.clear();
                    if (!reload) {
                        ui.selected.reset();
                        ui.compare.selectedB.reset();
                        const Manifest& m = ui.scenario->manifest;
                        ui.playback.time = m.start;
                        if (auto at = args.value("at"); at && firstScenario)
                            if (auto d = parseDate(*at)) ui.playback.time = d->day;
                        pendingFit = true; // framed once the map area's size is known
                    }
                    ui.playback.time = std::clamp(ui.playback.time, static_cast<double>(ui.start()), ui.end() - 1e-6);
                    watcher.watch(ui.scenario->files);
                    addRecent(settings, ui.scenarioPath);
                    ui.recent = settings.recent;
                    ui.status = (reload ? "Reloaded " : "Loaded ") + ui.scenario->manifest.title;
                    firstScenario = false;
                    if (args.flag("demo")) ui.playback.playing = true;
                } else {
                    ui.loadErrors.clear();
                    for (const Diagnostic& d : result->diagnostics.items()) ui.loadErrors.push_back(formatDiagnostic(d));
                    ui.status = loader.pendingPath();
                    for (const auto& e : ui.loadErrors) std::cerr << e << "\n";
                }
            }
            if (now - lastWatch > 1.0) {
                lastWatch = now;
                if (ui.scenario && !loader.busy() && watcher.changed()) loader.start(ui.scenarioPath);
            }
            if (!ui.requestedScenario.empty()) {
                dropped.push_back(ui.requestedScenario); // same path as a drop
                ui.requestedScenario.clear();
            }
            if (!dropped.empty()) {
                const std::string p = scenarioFolder(dropped.back());
                dropped.clear();
                loader.start(p);
                ui.status = "Loading " + p + "...";
            }
            // The comparison scenario: requested by the menu, a Shift+drop or --compare; loaded on its own
            // worker, so A stays interactive.
            if (!drops.compare.empty()) {
                ui.compare.requested = drops.compare.back();
                drops.compare.clear();
            }
            if (!ui.compare.requested.empty()) {
                const std::string p = scenarioFolder(ui.compare.requested);
                ui.compare.requested.clear();
                compareLoader.start(p);
                ui.status = "Loading " + p + " to compare...";
            }
            if (auto result = compareLoader.take()) {
                if (result->scenario) {
                    ui.compare.scenario = result->scenario;
                    ui.compare.hoveredB.reset();
                    ui.compare.selectedB.reset();
                    ui.compare.path = compareLoader.pendingPath();
                    ui.compare.totals = std::make_unique<TotalsTimeline>(*ui.compare.scenario);
                    rendererB.setScenario(ui.compare.scenario, ui.scenario.get());
                    // A's colours are re-ranked with B's operators (a one-off upload per comparison).
                    if (ui.scenario) renderer.setScenario(ui.scenario, ui.compare.scenario.get());
                    chart = makeTimelineChart(ui); // the cursor's range is now the common one
                    ui.playback.time = std::clamp(ui.playback.time, static_cast<double>(ui.start()), ui.end() - 1e-6);
                    ui.status = "Comparing with " + ui.compare.scenario->manifest.title;
                    pendingFit = true; // framed for one map's width (half of it side by side)
                } else {
                    ui.loadErrors.clear();
                    for (const Diagnostic& d : result->diagnostics.items()) ui.loadErrors.push_back(formatDiagnostic(d));
                    ui.status = compareLoader.pendingPath() + " (comparison)";
                    for (const auto& e : ui.loadErrors) std::cerr << e << "\n";
                }
            }
            if (ui.compare.closeRequested) {
                ui.compare.closeRequested = false;
                ui.compare.scenario.reset();
                ui.compare.totals.reset();
                ui.compare.hoveredB.reset();
                ui.compare.selectedB.reset();
                ui.compare.path.clear();
                rendererB.setScenario(nullptr);
                if (ui.scenario) renderer.setScenario(ui.scenario);
                renderer.clearDiffColors();
                chart = makeTimelineChart(ui);
                pendingFit = true;
            }

            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            if (smoke && ui.scenario) smoke->inject(ImGui::GetIO(), ui);
            ImGui::NewFrame();
            ImGuiIO& io = ImGui::GetIO();
            int fbw = 0, fbh = 0;
            glfwGetFramebufferSize(window, &fbw, &fbh);
            const float winW = io.DisplaySize.x, winH = io.DisplaySize.y;
            const float fbScale = winW > 0 ? static_cast<float>(fbw) / winW : 1.0f;

            // The map occupies the space between the panels (all of the window when presenting); it is
            // rendered into an offscreen target, like snapshots and video frames, and shown as an image.
            const float s = ImGui::GetFontSize() / 15.0f;
            const float timelineH = 190.0f * s, sideW = 330.0f * s, gap = 8.0f * s;
            glm::vec2 mapMin(0.0f), mapMax(winW, winH);
            if (!ui.presenting) {
                mapMin = glm::vec2(sideW + 2 * gap, 0.0f);
                mapMax = glm::vec2(winW - sideW - 2 * gap, winH - timelineH - 2 * gap);
            }
            const int mapW = std::max(16, static_cast<int>((mapMax.x - mapMin.x) * fbScale));
            const int mapH = std::max(16, static_cast<int>((mapMax.y - mapMin.y) * fbScale));
            // While comparing side by side each map is half as wide: framing and mouse use one map's aspect.
            const bool comparing = ui.comparing();
            const CompareMode cmpMode = ui.compare.view.mode;
            const int oneMapW = comparing && cmpMode == CompareMode::SideBySide ? sideBySideSplit(mapW) : mapW;
            const double aspect = static_cast<double>(oneMapW) / mapH;
            if (comparing && cmpMode != lastMode) pendingFit = pendingFit || cmpMode == CompareMode::SideBySide ||
                                                               lastMode == CompareMode::SideBySide;
            lastMode = cmpMode;
            if (!mapTarget || mapTarget->width() != mapW || mapTarget->height() != mapH) {
                const bool refit = mapTarget && ui.scenario && !ui.flight;
                const double oldAspect = mapTarget ? static_cast<double>(mapTarget->width()) / mapTarget->height() : aspect;
                mapTarget = std::make_unique<OffscreenTarget>(mapW, mapH, 4);
                // Keep the same ground width in view when the map area changes shape.
                if (refit) ui.camera.distanceKm *= std::max(oldAspect / aspect, 0.25);
            }
            if (pendingFit && ui.scenario) {
                findNamedView(*ui.scenario, renderer.mapFrame(), aspect, "national", ui.camera);
                pendingFit = false;
            }

            // Keyboard.
            if (!io.WantCaptureKeyboard) handleShortcuts(ui, renderer, aspect);
            // Presentation mode: fullscreen on the chosen monitor, back to the window on leaving.
            if (ui.presenting != wasPresenting) {
                if (ui.presenting && monitorCount > 0) {
                    glfwGetWindowPos(window, &windowedX, &windowedY);
                    glfwGetWindowSize(window, &windowedW, &windowedH);
                    const GLFWvidmode* mode = glfwGetVideoMode(monitors[monitorIndex]);
                    glfwSetWindowMonitor(window, monitors[monitorIndex], 0, 0, mode->width, mode->height, mode->refreshRate);
                } else if (!ui.presenting) {
                    glfwSetWindowMonitor(window, nullptr, windowedX, windowedY, windowedW, windowedH, 0);
                }
                wasPresenting = ui.presenting;
            }

            // Mouse on the map: pan, orbit, zoom, hover, select.
            const glm::vec2 fullSize(static_cast<float>(mapW), static_cast<float>(mapH));
            glm::vec2 mouseFb = (glm::vec2(io.MousePos.x, io.MousePos.y) - mapMin) * fbScale;
            const bool overMap = mouseFb.x >= 0 && mouseFb.y >= 0 && mouseFb.x < fullSize.x && mouseFb.y < fullSize.y;
            // Side by side: both halves share the camera, so the mouse acts in whichever half it is over.
            glm::vec2 fbSize = fullSize;
            if (comparing && cmpMode == CompareMode::SideBySide) {
                const float split = static_cast<float>(sideBySideSplit(mapW));
                ui.compare.pointerInRightHalf = mouseFb.x >= split;
                if (mouseFb.x >= split) mouseFb.x -= split, fbSize.x = fullSize.x - split;
                else fbSize.x = split;
            }
            // Swipe: dragging near the divider moves it instead of the map.
            const float dividerX = ui.compare.view.swipe * fullSize.x;
            if (comparing && cmpMode == CompareMode::Swipe && overMap && !io.WantCaptureMouse &&
                ImGui::IsMouseClicked(ImGuiMouseButton_Left) && std::abs(mouseFb.x - dividerX) < 14.0f * fbScale)
                ui.compare.draggingDivider = true;
            if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) ui.compare.draggingDivider = false;
            if (ui.compare.draggingDivider) {
                ui.compare.view.swipe = std::clamp(mouseFb.x / fullSize.x, 0.0f, 1.0f);
                ui.hovered.reset();
                ui.hoveredGroup.reset();
            } else if (!io.WantCaptureMouse && overMap) {
                handleMapMouse(ui, renderer, mouseFb, fbSize, fbScale);
                pickInComparison(ui, rendererB, mouseFb, fbSize, fbScale);
            } else {
                ui.hovered.reset();
                ui.hoveredGroup.reset();
                ui.compare.hoveredB.reset();
            }

            advancePlayback(ui, dt);
            updateFlight(ui, dt);
            updateTourPlayback(tourEditor, ui, renderer, dt, aspect);

            // Panels.
            if (!ui.presenting) {
                drawLayersPanel(ui, renderer, fonts, gap, gap, sideW, winH - timelineH - 3 * gap, aspect);
                drawInspectorPanel(ui, renderer, fonts, winW - sideW - gap, gap, sideW, winH - timelineH - 3 * gap, aspect);
                drawTimelinePanel(ui, fonts, chart, gap, winH - timelineH - gap, winW - 2 * gap, timelineH);
                drawHoverTooltip(ui);
                if (loader.busy()) {
                    ImGui::SetNextWindowPos(ImVec2(winW * 0.5f, gap), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
                    ImGui::Begin("##loading", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize);
                    const char spin[] = "|/-\\";
                    ImGui::Text("%c  %s", spin[static_cast<int>(now * 8) % 4], ui.status.c_str());
                    ImGui::End();
                }
            }
            drawErrorPanel(ui, fonts);
            drawHelpOverlay(ui, fonts);
            drawExportToolbar(exportDialog, tourEditor, ui, mapMax.x - gap, mapMin.y + gap);
            drawExportDialog(exportDialog, ui, renderer, tourEditor);
            drawTourPanel(tourEditor, ui, renderer, aspect);

            FrameSpec spec;
            spec.time = ui.playback.time;
            // In presentation the legend and figures cover the edges: frame the map between them.
            spec.camera = ui.camera;
            if (ui.presenting && !comparing) spec.camera = withHorizontalInsets(ui.camera, aspect, 0.08, 0.05);
            // The diff legend covers the bottom left of a presented comparison, as in snapshots.
            if (ui.presenting && comparing && cmpMode == CompareMode::Diff)
                spec.camera = withHorizontalInsets(ui.camera, aspect, 0.12, 0.0);
            spec.settings = ui.map;
            spec.pixelScale = ui.presenting ? static_cast<float>(mapH) / 1080.0f : std::max(fbScale, 1.0f);
            mapTarget->bindForDrawing();
            if (comparing) {
                compositor.draw(renderer, rendererB, ui.compare.view, spec, mapW, mapH, 4);
                ComparisonOverlayOptions co;
                // In the window the panels carry the figures and the legend; presenting, the frame does.
                co.date = co.figures = ui.presenting;
                co.legend = ui.presenting;
                co.labelDiff = compositor.diff();
                co.labelFrame = &renderer.mapFrame();
                // Window mode: the Export/Tour toolbar sits at the map's top right.
                if (!ui.presenting) co.topRightReservePx = 190.0f * s * fbScale;
                if (ui.presenting && ui.beat >= 0 && ui.beat < static_cast<int>(ui.scenario->manifest.events.size()))
                    co.caption = ui.scenario->manifest.events[static_cast<std::size_t>(ui.beat)].title;
                // In the window the titles sit between panels: three quarters of their broadcast size.
                FrameSpec overlaySpec = spec;
                if (!ui.presenting) overlaySpec.pixelScale *= 0.75f;
                if (ui.totals && ui.compare.totals)
                    drawComparisonOverlay(renderer.painter(), *ui.scenario, *ui.compare.scenario, *ui.totals,
                                          *ui.compare.totals, ui.compare.view, compositor.diffView(), overlaySpec, co,
                                          mapW, mapH);
            } else {
                renderer.clearDiffColors();
                renderer.draw(spec, mapW, mapH);
            }
            if (!comparing && ui.presenting && ui.scenario && ui.totals && !drawTourOverlay(tourEditor, renderer, *ui.totals, spec, mapW, mapH)) {
                OverlayOptions o;
                if (ui.beat >= 0 && ui.beat < static_cast<int>(ui.scenario->manifest.events.size())) {
                    const ScenarioEvent& e = ui.scenario->manifest.events[static_cast<std::size_t>(ui.beat)];
                    o.captionTitle = e.title;
                    o.caption = e.text;
                }
                drawFrameOverlay(renderer, *ui.totals, spec, o, mapW, mapH);
            }
            mapTarget->resolve();
            // GL stores rows bottom-up, so the image's v runs from 1 to 0.
            ImGui::GetBackgroundDrawList()->AddImage(
                reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(mapTarget->texture())), ImVec2(mapMin.x, mapMin.y),
                ImVec2(mapMax.x, mapMax.y), ImVec2(0, 1), ImVec2(1, 0));

            // F12: the map alone (no panels) as a PNG in the working folder.
            if (!io.WantCaptureKeyboard && ImGui::IsKeyPressed(GLFW_KEY_F12) && ui.scenario) {
                const std::string name =
                    (std::filesystem::path(ui.screenshotFolder.empty() ? "." : ui.screenshotFolder) / timestampName("buildout-"))
                        .string();
                std::string why;
                ui.status = writePng(mapTarget->readback(), name, &why) ? "Saved " + name : why;
                std::cerr << "buildout: " << ui.status << "\n";
            }
            clearWindow(fbw, fbh);
            ImGui::Render();
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            ++frame;
            if (auto shot = args.value("screenshot"); shot && quitAfterFrames >= 0 && frame == quitAfterFrames) {
                std::string why;
                if (!writePng(captureWindowFramebuffer(fbw, fbh), *shot, &why)) std::cerr << "buildout: " << why << "\n";
            }
            if (smoke && smoke->wantsScreenshot()) smoke->finish(captureWindowFramebuffer(fbw, fbh), ui);
            if (smoke && smoke->done()) glfwSetWindowShouldClose(window, GLFW_TRUE);
            glfwSwapBuffers(window);
            if (quitAfterFrames >= 0 && frame >= quitAfterFrames && !loader.busy()) glfwSetWindowShouldClose(window, GLFW_TRUE);
        }
        if (!ui.presenting) glfwGetWindowSize(window, &settings.windowWidth, &settings.windowHeight);
        settings.map = ui.map;
        settings.screenshotFolder = ui.screenshotFolder;
        saveAppSettings(settings, settingsPath());
    }
    glfwDestroyWindow(window);
    if (smoke) return smoke->passed() ? kExitOk : kExitFailure;
    return kExitOk;
}

} // namespace buildout
