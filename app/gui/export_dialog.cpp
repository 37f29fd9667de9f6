// The Export dialog: settings, first-frame preview, a worker thread running runExport() with its own
// EGL context, progress with ETA and Cancel. Also the toolbar that opens it and the Tour window.
#include "app/gui/export_dialog.h"

#include "app/export/export_overlay.h"
#include "app/export/output_files.h"
#include "app/gui/theme.h"
#include "core/view/named_views.h"
#include "render/comparison_overlay.h"
#include "render/map_renderer.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace buildout {

namespace fs = std::filesystem;

namespace {

constexpr int kFps[] = {24, 25, 30, 60};
constexpr const char* kFpsNames[] = {"24", "25", "30", "60"};
constexpr const char* kPresetNames[] = {"720p (1280 x 720)", "1080p (1920 x 1080)", "4K (3840 x 2160)"};
constexpr int kPresetSize[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}};
constexpr const char* kFormatNames[] = {
    "MP4 (H.264) - browsers, PowerPoint, QuickTime", "ProRes 4444 .mov - transparent, for editors",
    "PNG sequence (a folder)", "Animated GIF - README, social posts, chat"};

double wallNow() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string clockText(double seconds) {
    const long s = std::lround(std::max(seconds, 0.0));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

ExportFormat formatOf(int i) {
    return i == 1   ? ExportFormat::ProRes
           : i == 2 ? ExportFormat::PngSequence
           : i == 3 ? ExportFormat::Gif
                    : ExportFormat::Mp4;
}

/// Replaces the output's extension to match the format (a folder has none).
std::string withExtension(const std::string& out, int format) {
    fs::path p(out);
    p.replace_extension(format == 0 ? ".mp4" : format == 1 ? ".mov" : format == 3 ? ".gif" : "");
    return p.string();
}

} // namespace

ExportSettings exportSettingsFromDialog(const ExportDialog& d, const UiState& ui, const TourEditor& tour,
                                        std::string& error) {
    ExportSettings s;
    s.output = d.output;
    while (s.output.size() > 1 && s.output.back() == '/')
        s.output.pop_back();
    s.format = formatOf(d.format);
    s.width = kPresetSize[d.preset][0];
    s.height = kPresetSize[d.preset][1];
    s.fps = kFps[d.fpsIndex];
    s.durationSeconds = d.duration;
    s.quality = d.draft ? ExportQuality::Draft : ExportQuality::High;
    s.overlay = d.overlay;
    s.transparent = s.format != ExportFormat::Mp4 && d.transparent;
    s.camera = ui.camera;
    s.map = ui.map;
    if (const char* ff = std::getenv("BUILDOUT_FFMPEG"); ff && *ff) s.ffmpeg = ff;
    if (d.manifest) s.manifestPath = s.output + ".manifest.json";
    std::string why;
    // Empty dates: the scenario's whole range.
    const std::string fromText =
        d.from.empty() && ui.scenario ? formatDate(ui.scenario->manifest.start) : d.from;
    const std::string toText = d.to.empty() && ui.scenario ? formatDate(ui.scenario->manifest.end) : d.to;
    const auto from = parseDate(fromText, &why);
    if (!from && !(d.useTour && !tour.tour.beats.empty())) {
        error = "bad start date '" + d.from + "': " + why;
        return s;
    }
    const auto to = parseDate(toText, &why);
    if (!to && !(d.useTour && !tour.tour.beats.empty())) {
        error = "bad end date '" + d.to + "': " + why;
        return s;
    }
    if (from) s.from = from->day;
    if (to) s.to = to->day;
    if (ui.comparing()) {
        // The comparison as the window shows it, over the range both scenarios cover.
        s.compare = ui.compare.scenario;
        s.compareView = ui.compare.view;
        s.from = std::clamp(s.from, static_cast<TimeDays>(ui.start()), ui.end() - 1.0);
        s.to = std::clamp(s.to, static_cast<TimeDays>(ui.start()), ui.end() - 1.0);
    }
    if (d.useTour) {
        if (tour.tour.beats.empty()) {
            error = "the tour has no beats (open Tour... and add some)";
            return s;
        }
        s.tour = tour.tour;
        s.durationSeconds = d.fitTour ? d.duration : 0.0;
    }
    error = validateExportSettings(s);
    if (!error.empty()) return s;
    try {
        if (s.format == ExportFormat::PngSequence) {
            const fs::path p(s.output);
            const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
            std::error_code ec;
            if (!fs::is_directory(dir, ec)) error = "output folder '" + dir.string() + "' does not exist";
        } else {
            checkOutputPath(s.output);
        }
    } catch (const std::exception& e) {
        error = e.what();
    }
    return s;
}

namespace {

/// A short text of everything the preview depends on.
std::string previewKey(const ExportSettings& s, const UiState& ui) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%dx%d|%d|%.3f|%.3f|%.3f|%.3f|%.2f|%.2f|%.1f|%.1f|%d|%s|%d", s.width,
                  s.height, static_cast<int>(s.format), s.from, s.to, s.durationSeconds,
                  s.camera ? s.camera->target.x : 0.0, s.camera ? s.camera->target.y : 0.0,
                  s.camera ? s.camera->distanceKm : 0.0, s.camera ? s.camera->headingDeg : 0.0,
                  s.camera ? s.camera->tiltDeg : 0.0, s.transparent ? 1 : 0,
                  overlayListString(s.overlay).c_str(), ui.map.labels ? 1 : 0);
    std::string key = buf;
    const MapSettings& m = s.map;
    for (const LayerSettings* l :
         {&m.basemap, &m.datacenters, &m.powerPlants, &m.transmission, &m.superclusters, &m.zones})
        key += l->visible ? "1" : "0", key += std::to_string(static_cast<int>(l->opacity * 100));
    key += std::to_string(static_cast<int>(m.datacenterColor)) + m.choroplethMetric;
    if (s.tour) key += tourToJson(*s.tour);
    if (s.compare)
        key += std::string("|compare ") + s.compare->manifest.id + " " + compareModeName(s.compareView.mode) +
               " " + std::to_string(static_cast<int>(s.compareView.swipe * 1000));
    return key;
}

void renderPreview(ExportDialog& d, const ExportSettings& full, const UiState& ui, MapRenderer& renderer) {
    // The first frame at a small size with the same aspect: overlay sizes are relative to the height,
    // so the layout is the export's, scaled down.
    ExportSettings s = full;
    s.height = 216;
    s.width = std::max(16, static_cast<int>(std::lround(216.0 * full.width / full.height)) / 2 * 2);
    d.previewError.clear();
    try {
        const ExportPlan plan(s, ui.scenario);
        const ExportFrame f = plan.frame(0);
        if (!d.preview || d.preview->width() != s.width || d.preview->height() != s.height)
            d.preview = std::make_unique<OffscreenTarget>(s.width, s.height, 4);
        d.preview->bindForDrawing();
        if (s.compare && ui.totals && ui.compare.totals) {
            // The comparison as it will be exported, through the same compositor and overlay.
            if (!d.previewB) d.previewB = std::make_unique<MapRenderer>();
            if (d.previewB->scenario() != s.compare.get())
                d.previewB->setScenario(s.compare, ui.scenario.get());
            if (!d.previewCompositor) d.previewCompositor = std::make_unique<ComparisonCompositor>();
            d.previewCompositor->draw(renderer, *d.previewB, s.compareView, f.spec, s.width, s.height);
            ComparisonOverlayOptions co;
            co.date = s.overlay.date;
            co.figures = s.overlay.figures;
            co.legend = s.overlay.legend;
            co.labelDiff = d.previewCompositor->diff();
            co.labelFrame = &renderer.mapFrame();
            drawComparisonOverlay(renderer.painter(), *ui.scenario, *s.compare, *ui.totals,
                                  *ui.compare.totals, s.compareView, d.previewCompositor->diffView(), f.spec,
                                  co, s.width, s.height);
        } else {
            reserveExportOverlay(renderer, f, s.overlay, s.width, s.height);
            renderer.draw(f.spec, s.width, s.height);
            if (ui.totals) drawExportOverlay(renderer, *ui.totals, f, s.overlay, s.width, s.height);
        }
        d.preview->resolve();
    } catch (const std::exception& e) {
        d.previewError = e.what();
    }
}

} // namespace

void startExport(ExportDialog& d, const ExportSettings& s, std::shared_ptr<const Scenario> scenario) {
    if (d.worker.joinable()) d.worker.join();
    {
        std::lock_guard lock(d.resultMutex);
        d.result.reset();
    }
    d.progress.cancel = false;
    d.progress.rendered = 0;
    d.progress.written = 0;
    d.progress.total = s.frameCount();
    d.running = true;
    d.startedAt = wallNow();
    d.worker = std::thread([&d, s, scenario = std::move(scenario)] {
        // Its own EGL context and renderer: the GUI's context stays with the UI thread.
        ExportResult r = runExport(s, scenario, d.progress);
        {
            std::lock_guard lock(d.resultMutex);
            d.result = std::move(r);
        }
        d.running = false;
    });
}

namespace {

void progressLine(ExportDialog& d, float width) {
    const int total = std::max(1, d.progress.total.load());
    const int done = d.progress.written;
    const double elapsed = wallNow() - d.startedAt;
    const double fps = elapsed > 0.2 ? d.progress.rendered / elapsed : 0.0;
    const double eta = fps > 0 ? (total - d.progress.rendered) / fps : 0.0;
    char overlay[128];
    if (d.progress.finishing)
        std::snprintf(overlay, sizeof overlay, "finishing the file...");
    else
        std::snprintf(overlay, sizeof overlay, "%d / %d frames  |  %.1f frames/s  |  ETA %s", done, total,
                      fps, clockText(eta).c_str());
    ImGui::ProgressBar(static_cast<float>(done) / static_cast<float>(total), ImVec2(width, 0), overlay);
}

} // namespace

ExportDialog::~ExportDialog() {
    progress.cancel = true;
    if (worker.joinable()) worker.join();
}

void drawExportToolbar(ExportDialog& d, TourEditor& tour, const UiState& ui, float right, float top) {
    ImGuiIO& io = ImGui::GetIO();
    if (!io.WantCaptureKeyboard && io.KeyCtrl) {
        if (ImGui::IsKeyPressed(GLFW_KEY_E, false)) d.open = !d.open;
        if (ImGui::IsKeyPressed(GLFW_KEY_T, false)) tour.open = !tour.open;
    }
    if (ui.presenting) return;
    ImGui::SetNextWindowPos(ImVec2(right, top), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.75f);
    ImGui::Begin("##exporttoolbar", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav);
    if (ImGui::Button("Export video...")) d.open = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Ctrl+E: MP4, ProRes 4444 or PNG frames of the map, its time range or a tour");
    ImGui::SameLine();
    if (ImGui::Button("Tour...")) tour.open = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Ctrl+T: record beats (camera, time, layers, caption), play and save them");
    if (d.running) {
        ImGui::SameLine();
        progressLine(d, 260.0f * ImGui::GetFontSize() / 15.0f);
    }
    ImGui::End();
}

namespace {

/// Format, output path, size, frame rate and quality.
void drawOutputFields(ExportDialog& d, float s) {
    ImGui::SetNextItemWidth(-1);
    if (ImGui::Combo("##format", &d.format, kFormatNames, 4)) {
        d.output = withExtension(d.output, d.format);
        d.transparent = d.format == 1;
    }
    ImGui::TextUnformatted("Output");
    ImGui::SameLine(110.0f * s);
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##output", &d.output);
    ImGui::TextUnformatted("Size");
    ImGui::SameLine(110.0f * s);
    ImGui::SetNextItemWidth(200.0f * s);
    ImGui::Combo("##preset", &d.preset, kPresetNames, 3);
    ImGui::SameLine();
    ImGui::TextUnformatted("fps");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(70.0f * s);
    ImGui::Combo("##fps", &d.fpsIndex, kFpsNames, 4);
    ImGui::SameLine();
    ImGui::Checkbox("Draft", &d.draft);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Draft: no anti-aliasing, x264 veryfast CRF 23. Off = high: 4x MSAA, slow CRF 18.");
}

/// What to export: the time range with the current view and layers, or the tour; and how long.
void drawSourceFields(ExportDialog& d, const TourEditor& tour, float s) {
    const bool haveTour = !tour.tour.beats.empty();
    if (!haveTour) d.useTour = false;
    int source = d.useTour ? 1 : 0;
    ImGui::RadioButton("Time range, current view and layers", &source, 0);
    ImGui::SameLine();
    ImGui::BeginDisabled(!haveTour);
    char tourLabel[64];
    std::snprintf(tourLabel, sizeof tourLabel, "Tour (%zu beats)", tour.tour.beats.size());
    ImGui::RadioButton(tourLabel, &source, 1);
    ImGui::EndDisabled();
    d.useTour = source == 1;
    if (!d.useTour) {
        ImGui::TextUnformatted("From");
        ImGui::SameLine(110.0f * s);
        ImGui::SetNextItemWidth(120.0f * s);
        ImGui::InputText("##from", &d.from);
        ImGui::SameLine();
        ImGui::TextUnformatted("to");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(120.0f * s);
        ImGui::InputText("##to", &d.to);
        ImGui::TextUnformatted("Duration");
        ImGui::SameLine(110.0f * s);
        ImGui::SetNextItemWidth(120.0f * s);
        ImGui::InputFloat("seconds##dur", &d.duration, 1.0f, 10.0f, "%.1f");
        ImGui::TextDisabled("Pauses briefly on each scenario event (with its caption) when captions are on.");
    } else {
        ImGui::Checkbox("Fit the tour to", &d.fitTour);
        ImGui::SameLine();
        ImGui::BeginDisabled(!d.fitTour);
        ImGui::SetNextItemWidth(120.0f * s);
        ImGui::InputFloat("seconds##fit", &d.duration, 1.0f, 10.0f, "%.1f");
        ImGui::EndDisabled();
        if (!d.fitTour) ImGui::TextDisabled("The tour lasts %.1f s.", tour.tour.durationSeconds());
    }
    d.duration = std::clamp(d.duration, 0.1f, 24.0f * 3600.0f);
}

/// Which overlays the frames carry, transparency and the manifest.
void drawOverlayFields(ExportDialog& d, float s) {
    ImGui::TextUnformatted("Overlays");
    ImGui::SameLine(110.0f * s);
    ImGui::Checkbox("Title", &d.overlay.title);
    ImGui::SameLine();
    ImGui::Checkbox("Date", &d.overlay.date);
    ImGui::SameLine();
    ImGui::Checkbox("Figures", &d.overlay.figures);
    ImGui::SameLine();
    ImGui::Checkbox("Legend", &d.overlay.legend);
    ImGui::SetCursorPosX(110.0f * s);
    ImGui::Checkbox("Captions (+ .vtt)", &d.overlay.captions);
    ImGui::SameLine();
    ImGui::Checkbox("Sources", &d.overlay.sources);
    ImGui::BeginDisabled(d.format == 0);
    ImGui::SetCursorPosX(110.0f * s);
    ImGui::Checkbox("Transparent background", &d.transparent);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::Checkbox("Manifest (frame hashes)", &d.manifest);
}

/// The first frame as it will be exported, and what the settings make (or why they cannot run).
void drawPreviewAndSummary(const ExportDialog& d, const ExportSettings& settings, const std::string& error) {
    if (d.preview) {
        const float w = ImGui::GetContentRegionAvail().x;
        const float h = w * static_cast<float>(d.preview->height()) / static_cast<float>(d.preview->width());
        ImGui::TextDisabled("First frame");
        ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(d.preview->texture())),
                     ImVec2(w, h), ImVec2(0, 1), ImVec2(1, 0));
    }
    if (!d.previewError.empty())
        ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.5f, 1), "%s", d.previewError.c_str());
    if (!error.empty())
        ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.5f, 1), "%s", error.c_str());
    else
        ImGui::TextDisabled("%d frames, %dx%d at %d fps, %s", settings.frameCount(), settings.width,
                            settings.height, settings.fps, exportFormatName(settings.format));
}

/// The last export's outcome: what it wrote, or why it stopped, and its warnings.
void drawExportResult(ExportDialog& d, bool running) {
    std::lock_guard lock(d.resultMutex);
    if (d.result && !running) {
        const ExportResult& r = *d.result;
        if (r.status == ExportResult::Status::Ok) {
            ImGui::TextColored(ImVec4(0.55f, 0.9f, 0.6f, 1), "Wrote %s: %s",
                               d.result->written.empty() ? "" : r.written[0].c_str(), r.message.c_str());
            for (std::size_t i = 1; i < r.written.size(); ++i)
                ImGui::TextDisabled("and %s", r.written[i].c_str());
        } else if (r.status == ExportResult::Status::Cancelled) {
            ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.45f, 1), "%s", r.message.c_str());
        } else {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.5f, 1), "Export failed: %s", r.message.c_str());
            ImGui::PopTextWrapPos();
        }
        for (const std::string& w : r.warnings)
            ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.45f, 1), "%s", w.c_str());
    }
}

} // namespace

void drawExportDialog(ExportDialog& d, const UiState& ui, MapRenderer& renderer, const TourEditor& tour) {
    if (!d.open || !ui.scenario || ui.presenting) return;
    const float s = ImGui::GetFontSize() / 15.0f;
    if (d.scenarioId != ui.scenario->manifest.id) {
        // A new scenario: its time range by default.
        d.scenarioId = ui.scenario->manifest.id;
        d.from = formatDate(ui.scenario->manifest.start);
        d.to = formatDate(ui.scenario->manifest.end);
        d.previewKey.clear();
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(560.0f * s, 0.0f), ImGuiCond_Appearing);
    if (!ImGui::Begin("Export video", &d.open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    const bool running = d.running;
    ImGui::BeginDisabled(running);
    drawOutputFields(d, s);
    ImGui::Separator();
    drawSourceFields(d, tour, s);
    ImGui::Separator();
    drawOverlayFields(d, s);
    ImGui::EndDisabled();

    // Validation, preview.
    std::string error;
    const ExportSettings settings = exportSettingsFromDialog(d, ui, tour, error);
    if (error.empty()) {
        const std::string key = previewKey(settings, ui);
        if (key != d.previewKey && !running) {
            d.previewKey = key;
            renderPreview(d, settings, ui, renderer);
        }
    }
    ImGui::Separator();
    drawPreviewAndSummary(d, settings, error);
    if (running) {
        progressLine(d, ImGui::GetContentRegionAvail().x - 90.0f * s);
        ImGui::SameLine();
        if (ImGui::Button("Cancel", ImVec2(-1, 0))) d.progress.cancel = true;
    } else {
        ImGui::BeginDisabled(!error.empty());
        if (ImGui::Button("Export", ImVec2(140.0f * s, 0))) startExport(d, settings, ui.scenario);
        ImGui::EndDisabled();
    }
    drawExportResult(d, running);
    ImGui::End();
}

} // namespace buildout
