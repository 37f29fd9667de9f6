// The interactive application: window, input, panels, presentation mode and the frame loop.
#include "app/app_settings.h"
#include "app/cli_args.h"
#include "app/command_line.h"
#include "app/commands.h"
#include "app/panels.h"
#include "app/scenario_watcher.h"
#include "app/theme.h"
#include "app/ui_state.h"
#include "core/asset_paths.h"
#include "core/image.h"
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

/// The entity nearest to the mouse within `radius` pixels (campuses first, then plants).
std::optional<EntityRef> pick(const UiState& ui, const MapRenderer& r, const glm::mat4& vp, glm::vec2 mouse,
                              glm::vec2 size, float radius) {
    if (!ui.scenario) return std::nullopt;
    const Scenario& s = *ui.scenario;
    const TimeDays t = ui.playback.time;
    std::optional<EntityRef> best;
    float bestD = radius;
    auto consider = [&](glm::dvec2 xy, double heightKm, EntityRef ref) {
        for (double z : {0.0, heightKm * 0.5, heightKm}) {
            const glm::vec4 c = vp * glm::vec4(glm::vec2(r.mapFrame().toWorld(xy)), static_cast<float>(z), 1.0f);
            if (c.w <= 0) continue;
            const glm::vec2 p((c.x / c.w * 0.5f + 0.5f) * size.x, (0.5f - c.y / c.w * 0.5f) * size.y);
            const float d = glm::length(p - mouse);
            if (d < bestD) bestD = d, best = ref;
        }
    };
    if (ui.map.datacenters.visible)
        for (std::size_t i = 0; i < s.datacenters.size(); ++i) {
            const Datacenter& d = s.datacenters[i];
            const Status st = d.life.statusAt(t);
            if (st == Status::Absent || st == Status::Cancelled) continue;
            const double mw = s.capacityAt(d, t);
            consider(d.xy, (isKnown(mw) ? mw : 120.0) * kKmPerMw * ui.map.columnScale,
                     {EntityKind::Datacenter, static_cast<int>(i)});
        }
    if (ui.map.powerPlants.visible)
        for (std::size_t i = 0; i < s.powerPlants.size(); ++i) {
            const Status st = s.powerPlants[i].life.statusAt(t);
            if (st == Status::Absent || st == Status::Cancelled) continue;
            consider(s.powerPlants[i].xy, 0.0, {EntityKind::PowerPlant, static_cast<int>(i)});
        }
    for (const PlacedLabel& l : r.placedLabels())
        if (mouse.x >= l.minPx.x && mouse.x <= l.maxPx.x && mouse.y >= l.minPx.y && mouse.y <= l.maxPx.y) return l.entity;
    return best;
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
    CliArgs args(argv, {"monitor", "screenshot", "frames", "at"}, {"present", "demo"});
    if (args.positional().size() > 1) throw UsageError("the app opens one scenario folder");
    const std::string scenarioPath = args.positional().empty()
                                         ? (std::filesystem::path(dataDirectory()) / "scenarios" / "us-announced").string()
                                         : args.positional()[0];
    const int quitAfterFrames = args.value("frames") ? std::atoi(args.value("frames")->c_str()) : -1;

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
    AsyncScenarioLoader loader;
    FileWatcher watcher;
    std::vector<std::string> dropped;
    glfwSetWindowUserPointer(window, &dropped);
    glfwSetDropCallback(window, [](GLFWwindow* w, int count, const char** paths) {
        auto* list = static_cast<std::vector<std::string>*>(glfwGetWindowUserPointer(w));
        for (int i = 0; i < count; ++i) list->emplace_back(paths[i]);
    });

    {
        ImGuiSession imgui(window);
        float sx = 1, sy = 1;
        glfwGetWindowContentScale(window, &sx, &sy);
        const Fonts fonts = setupTheme(std::max(sx, 1.0f));
        MapRenderer renderer;
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
                    renderer.setScenario(ui.scenario);
                    chart = makeTimelineChart(ui);
                    ui.loadErrors.clear();
                    if (!reload) {
                        ui.selected.reset();
                        const Manifest& m = ui.scenario->manifest;
                        ui.playback.time = m.start;
                        if (auto at = args.value("at"); at && firstScenario)
                            if (auto d = parseDate(*at)) ui.playback.time = d->day;
                        pendingFit = true; // framed once the map area's size is known
                    }
                    ui.playback.time = std::clamp(ui.playback.time, static_cast<double>(ui.start()), ui.end() - 1e-6);
                    watcher.watch(ui.scenario->files);
                    addRecent(settings, ui.scenarioPath);
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
            if (!dropped.empty()) {
                std::string p = dropped.back();
                dropped.clear();
                if (std::filesystem::path(p).filename() == "scenario.json") p = std::filesystem::path(p).parent_path().string();
                loader.start(p);
                ui.status = "Loading " + p + "...";
            }

            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
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
            const double aspect = static_cast<double>(mapW) / mapH;
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
            if (!io.WantCaptureKeyboard) {
                const bool shift = io.KeyShift, ctrl = io.KeyCtrl;
                if (ImGui::IsKeyPressed(GLFW_KEY_SPACE)) ui.playback.playing = !ui.playback.playing;
                if (ImGui::IsKeyPressed(GLFW_KEY_F1)) ui.showHelp = !ui.showHelp;
                if (ImGui::IsKeyPressed(GLFW_KEY_F5)) ui.presenting = !ui.presenting;
                if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) {
                    if (ui.presenting) ui.presenting = false;
                    else ui.showHelp = false;
                }
                if (ImGui::IsKeyPressed(GLFW_KEY_HOME)) ui.playback.time = ui.start();
                if (ImGui::IsKeyPressed(GLFW_KEY_END)) ui.playback.time = ui.end() - 1e-6;
                if (ImGui::IsKeyPressed(GLFW_KEY_R)) ui.playback.reverse = !ui.playback.reverse;
                if (ImGui::IsKeyPressed(GLFW_KEY_L)) ui.map.labels = !ui.map.labels;
                LayerSettings* layers[] = {&ui.map.datacenters, &ui.map.powerPlants, &ui.map.transmission,
                                           &ui.map.superclusters, &ui.map.zones, &ui.map.basemap};
                for (int k = 0; k < 6; ++k)
                    if (ImGui::IsKeyPressed(GLFW_KEY_1 + k)) layers[k]->visible = !layers[k]->visible;
                if (ImGui::IsKeyPressed(GLFW_KEY_N) && ui.scenario) {
                    CameraState cam;
                    if (findNamedView(*ui.scenario, renderer.mapFrame(), aspect, "national", cam)) flyTo(ui, cam);
                }
                const bool next = ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN) || (ui.presenting && ImGui::IsKeyPressed(GLFW_KEY_RIGHT));
                const bool prev = ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP) || (ui.presenting && ImGui::IsKeyPressed(GLFW_KEY_LEFT));
                if (next) goToBeat(ui, ui.beat + 1, aspect, renderer.mapFrame());
                if (prev) goToBeat(ui, ui.beat - 1, aspect, renderer.mapFrame());
                if (!ui.presenting) {
                    const int step = ctrl ? 12 : shift ? 3 : 1;
                    if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT)) stepMonths(ui, step);
                    if (ImGui::IsKeyPressed(GLFW_KEY_LEFT)) stepMonths(ui, -step);
                }
            }
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
            const glm::vec2 fbSize(static_cast<float>(mapW), static_cast<float>(mapH));
            const glm::vec2 mouseFb = (glm::vec2(io.MousePos.x, io.MousePos.y) - mapMin) * fbScale;
            const bool overMap = mouseFb.x >= 0 && mouseFb.y >= 0 && mouseFb.x < fbSize.x && mouseFb.y < fbSize.y;
            ui.hovered.reset();
            if (!io.WantCaptureMouse && overMap && ui.scenario) {
                glm::dvec2 before, after;
                if (ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
                    const glm::vec2 prevFb = mouseFb - glm::vec2(io.MouseDelta.x, io.MouseDelta.y) * fbScale;
                    if (groundPointAt(ui.camera, aspect, prevFb, fbSize, before) &&
                        groundPointAt(ui.camera, aspect, mouseFb, fbSize, after))
                        ui.camera.target += before - after;
                    ui.flight.reset();
                }
                if (ImGui::IsMouseDragging(ImGuiMouseButton_Right)) {
                    ui.camera.headingDeg += io.MouseDelta.x * 0.25;
                    ui.camera.tiltDeg = std::clamp(ui.camera.tiltDeg + io.MouseDelta.y * 0.2, 0.0, 75.0);
                    ui.flight.reset();
                }
                if (io.MouseWheel != 0.0f) {
                    const bool hit = groundPointAt(ui.camera, aspect, mouseFb, fbSize, before);
                    ui.camera.distanceKm = std::clamp(ui.camera.distanceKm * std::pow(0.88, io.MouseWheel), 30.0, 30000.0);
                    if (hit && groundPointAt(ui.camera, aspect, mouseFb, fbSize, after)) ui.camera.target += before - after;
                    ui.flight.reset();
                }
                const glm::mat4 vp = ui.camera.viewProjection(aspect);
                ui.hovered = pick(ui, renderer, vp, mouseFb, fbSize, 12.0f * fbScale);
                if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).x == 0 &&
                    ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).y == 0)
                    ui.selected = ui.hovered;
            }

            advancePlayback(ui, dt);
            updateFlight(ui, dt);

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

            FrameSpec spec;
            spec.time = ui.playback.time;
            spec.camera = ui.camera;
            spec.settings = ui.map;
            spec.pixelScale = ui.presenting ? static_cast<float>(mapH) / 1080.0f : std::max(fbScale, 1.0f);
            mapTarget->bindForDrawing();
            renderer.draw(spec, mapW, mapH);
            if (ui.presenting && ui.scenario && ui.totals) {
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
                const std::string name = timestampName("buildout-");
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
            glfwSwapBuffers(window);
            if (quitAfterFrames >= 0 && frame >= quitAfterFrames && !loader.busy()) glfwSetWindowShouldClose(window, GLFW_TRUE);
        }
        if (!ui.presenting) glfwGetWindowSize(window, &settings.windowWidth, &settings.windowHeight);
        settings.map = ui.map;
        saveAppSettings(settings, settingsPath());
    }
    glfwDestroyWindow(window);
    return kExitOk;
}

} // namespace buildout
