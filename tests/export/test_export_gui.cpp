// The GUI's export and tours without a display: an ImGui context with no window, the map renderer on a
// headless EGL context, and the export running on the dialog's worker thread (its own EGL context)
// while this thread keeps drawing UI frames.
#include "app/gui/export_dialog.h"
#include "app/gui/theme.h"
#include "core/scenario_loader.h"
#include "render/headless_context.h"
#include "render/map_renderer.h"
#include "render/map_view.h"
#include "core/view/named_views.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include "tests/support/headless_imgui.h"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace buildout;
namespace fs = std::filesystem;

namespace {

struct GuiHarness {
    test::HeadlessImGui imgui; // first: the context outlives everything the tests draw
    HeadlessContext context;
    MapRenderer renderer;
    UiState ui;
    double aspect = 16.0 / 9.0;

    GuiHarness() {
        LoadResult r = loadScenario(BUILDOUT_SOURCE_DIR "/data/scenarios/demo-tiny");
        REQUIRE(r.scenario);
        ui.scenario = r.scenario;
        ui.totals = std::make_unique<TotalsTimeline>(*ui.scenario);
        renderer.setScenario(ui.scenario);
        ui.playback.time = ui.start();
        findNamedView(*ui.scenario, renderer.mapFrame(), aspect, "national", ui.camera);
    }
    GuiHarness(const GuiHarness&) = delete;
    GuiHarness& operator=(const GuiHarness&) = delete;

    /// One UI frame with the export toolbar, dialog and tour window; returns its wall time in seconds.
    double frame(ExportDialog& d, TourEditor& t, int key = -1, bool ctrl = false) {
        const auto start = std::chrono::steady_clock::now();
        ImGuiIO& io = ImGui::GetIO();
        if (key >= 0) io.KeysDown[key] = true;
        io.KeyCtrl = ctrl;
        ImGui::NewFrame();
        drawExportToolbar(d, t, ui, 1200, 10);
        drawExportDialog(d, ui, renderer, t);
        drawTourPanel(t, ui, mapView(renderer), aspect);
        ImGui::Render();
        if (key >= 0) io.KeysDown[key] = false;
        io.KeyCtrl = false;
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
};

std::string scratch(const char* name) {
    const fs::path dir = fs::path(BUILDOUT_TEST_OUT_DIR) / "gui";
    fs::create_directories(dir);
    const fs::path p = dir / name;
    fs::remove_all(p);
    return p.string();
}

} // namespace

TEST_CASE("GUI export: Ctrl+E opens the dialog, which previews the first frame", "[export][gui]") {
    GuiHarness h;
    ExportDialog d;
    TourEditor t;
    h.frame(d, t);
    REQUIRE_FALSE(d.open);
    h.frame(d, t, GLFW_KEY_E, true);
    REQUIRE(d.open);
    h.frame(d, t);
    REQUIRE(d.preview);
    CHECK(d.preview->height() == 216);
    CHECK(d.preview->width() == 384);
    CHECK(d.previewError.empty());
    CHECK(d.from == "2024-01-01");
    CHECK(d.to == "2035-12-31");
    h.frame(d, t, GLFW_KEY_T, true);
    CHECK(t.open);
}

TEST_CASE("GUI export: the Narration field becomes the export's audio, never for a PNG folder", "[export][gui][audio]") {
    GuiHarness h;
    ExportDialog d;
    TourEditor t;
    d.output = scratch("narrated.mp4");
    d.audio = "talk.wav";
    std::string error;
    CHECK(exportSettingsFromDialog(d, h.ui, t, error).audio == "talk.wav");
    d.format = 1; // ProRes .mov
    CHECK(exportSettingsFromDialog(d, h.ui, t, error).audio == "talk.wav");
    d.format = 2; // PNG folder: no sound track, and no error about one
    d.output = scratch("narrated-frames");
    const ExportSettings png = exportSettingsFromDialog(d, h.ui, t, error);
    CHECK(png.audio.empty());
    CHECK(error.empty());
}

TEST_CASE("GUI export runs on a worker thread while the UI keeps drawing", "[export][gui]") {
    GuiHarness h;
    ExportDialog d;
    TourEditor t;
    d.open = true;
    d.output = scratch("gui.mp4");
    d.duration = 2.0f;
    d.preset = 0;   // 720p
    d.fpsIndex = 0; // 24 fps
    std::string error;
    ExportSettings s = exportSettingsFromDialog(d, h.ui, t, error);
    REQUIRE(error.empty());
    s.width = 320; // keep the test small
    s.height = 180;
    CHECK(s.camera.has_value());
    CHECK(s.frameCount() == 48);
    startExport(d, s, h.ui.scenario);
    int framesWhileRunning = 0;
    double slowest = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (d.running && std::chrono::steady_clock::now() < deadline) {
        slowest = std::max(slowest, h.frame(d, t));
        ++framesWhileRunning;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE_FALSE(d.running);
    d.worker.join();
    REQUIRE(d.result);
    INFO(d.result->message);
    CHECK(d.result->status == ExportResult::Status::Ok);
    CHECK(fs::is_regular_file(d.output));
    CHECK(fs::is_regular_file(fs::path(d.output).replace_extension(".vtt")));
    CHECK(framesWhileRunning > 5); // the UI thread was never blocked by the export
    WARN("UI frames while exporting: " << framesWhileRunning << ", slowest " << slowest * 1000 << " ms");
}

TEST_CASE("GUI export: Cancel stops it and leaves no file", "[export][gui]") {
    GuiHarness h;
    ExportDialog d;
    TourEditor t;
    d.output = scratch("cancelled.mp4");
    d.duration = 600.0f;
    std::string error;
    ExportSettings s = exportSettingsFromDialog(d, h.ui, t, error);
    REQUIRE(error.empty());
    s.width = 320;
    s.height = 180;
    startExport(d, s, h.ui.scenario);
    while (d.progress.written < 3 && d.running)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    d.progress.cancel = true;
    d.worker.join();
    REQUIRE(d.result);
    CHECK(d.result->status == ExportResult::Status::Cancelled);
    CHECK_FALSE(fs::exists(d.output));
    CHECK_FALSE(fs::exists(partialPath(d.output, ExportFormat::Mp4)));
}

TEST_CASE("GUI tours: Add beat records camera, time and layers; save and load", "[export][gui]") {
    GuiHarness h;
    TourEditor t;
    // Beat 1: national, 2025, zones hidden.
    h.ui.playback.time = parseDate("2025-03-15")->day + 0.4;
    h.ui.map.zones.visible = false;
    addBeatFromView(t, h.ui, mapView(h.renderer));
    // Beat 2: Texas, closer and tilted, 2030, power plants half transparent, colour by status.
    CameraState tx;
    REQUIRE(findNamedView(*h.ui.scenario, h.renderer.mapFrame(), h.aspect, "TX", tx));
    tx.distanceKm *= 0.7;
    tx.headingDeg = 20;
    tx.tiltDeg = 50;
    h.ui.camera = tx;
    h.ui.playback.time = parseDate("2030")->day;
    h.ui.map.powerPlants.opacity = 0.5f;
    h.ui.map.datacenterColor = ColorBy::Status;
    addBeatFromView(t, h.ui, mapView(h.renderer));
    REQUIRE(t.tour.beats.size() == 2);
    CHECK(t.selected == 1);
    CHECK(t.tour.beats[0].from == parseDate("2025-03-15")->day);
    CHECK(t.tour.beats[0].transitionSeconds == 0);
    CHECK_FALSE(*t.tour.beats[0].layers[static_cast<int>(TourLayer::Zones)].visible);
    CHECK(*t.tour.beats[1].colorBy == "status");
    CHECK(*t.tour.beats[1].layers[static_cast<int>(TourLayer::PowerPlants)].opacity == Approx(0.5f));

    // Saved and loaded, the beats show the same cameras (lon/lat round trip within 10 m).
    const std::string path = scratch("recorded_tour.json");
    std::string why;
    REQUIRE(saveTour(t.tour, path, &why));
    Tour back;
    Diagnostics diag;
    REQUIRE(loadTour(path, back, diag));
    const TourRig rig(back, *h.ui.scenario, h.renderer.mapFrame(), h.aspect, CameraState{}, MapSettings{},
                      diag);
    REQUIRE(rig.ok());
    CHECK(rig.beatCamera(1).target.x == Approx(tx.target.x).margin(0.01));
    CHECK(rig.beatCamera(1).target.y == Approx(tx.target.y).margin(0.01));
    CHECK(rig.beatCamera(1).distanceKm == Approx(tx.distanceKm).margin(0.1));
    CHECK(rig.beatCamera(1).headingDeg == Approx(20));
    CHECK(rig.beatCamera(1).tiltDeg == Approx(50));
    CHECK_FALSE(rig.beatMap(0).zones.visible);
    CHECK(rig.beatMap(1).powerPlants.opacity == Approx(0.5f));
    CHECK(rig.beatMap(1).datacenterColor == ColorBy::Status);

    // Playing it drives presentation mode: the player's frame carries the tour's time and layers (the
    // frame loop draws it), the user's own layers stay as they were, and leaving (Esc or F5) stops it with
    // the time where the tour was.
    h.ui.map = MapSettings{};
    t.tour = back;
    startTourPlayback(t, h.ui, 0);
    CHECK(h.ui.presenting);
    ImGui::NewFrame();
    updateTourPlayback(t, h.ui, mapView(h.renderer), 0.5, h.aspect);
    ImGui::Render();
    const std::optional<ExportFrame> playing = tourFrame(t);
    REQUIRE(playing);
    CHECK(playing->spec.time == back.beats[0].from);
    CHECK_FALSE(playing->spec.settings.zones.visible);
    CHECK(h.ui.map.zones.visible);
    h.ui.presenting = false;
    ImGui::NewFrame();
    updateTourPlayback(t, h.ui, mapView(h.renderer), 0.1, h.aspect);
    ImGui::Render();
    CHECK_FALSE(t.player.playing());
    CHECK_FALSE(tourFrame(t));
    CHECK(h.ui.map.zones.visible);
    CHECK(h.ui.playback.time == back.beats[0].from);
}

TEST_CASE("GUI export: while comparing, the dialog exports and previews the comparison", "[export][gui][compare]") {
    GuiHarness h;
    LoadResult b = loadScenario(BUILDOUT_SOURCE_DIR "/tests/data/compare/b");
    REQUIRE(b.scenario);
    h.ui.compare.scenario = b.scenario;
    h.ui.compare.totals = std::make_unique<TotalsTimeline>(*b.scenario);
    h.ui.compare.view = {CompareMode::Diff, 0.5f};
    ExportDialog d;
    TourEditor t;
    h.frame(d, t, GLFW_KEY_E, true);
    REQUIRE(d.open);
    h.frame(d, t);
    // The preview went through the compositor with B's own renderer.
    REQUIRE(d.preview);
    CHECK(d.previewError.empty());
    REQUIRE(d.previewB);
    CHECK(d.previewB->scenario() == b.scenario.get());
    REQUIRE(d.previewCompositor);
    CHECK(d.previewCompositor->diffView() != nullptr);
    // The settings carry B and the mode, and the range is the one both cover (B: 2025..2031).
    std::string error;
    const ExportSettings s = exportSettingsFromDialog(d, h.ui, t, error);
    CHECK(s.compare == b.scenario);
    CHECK(s.compareView.mode == CompareMode::Diff);
    CHECK(formatDate(static_cast<Day>(s.from)) == "2025-01-01");
    CHECK(formatDate(static_cast<Day>(s.to)) == "2031-12-31");
}
