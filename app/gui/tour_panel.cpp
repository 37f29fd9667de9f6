// The Tour window: load, save, add beats from the current view, reorder, edit, play.
#include "app/gui/export_dialog.h"

#include "core/view/named_views.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace buildout {

namespace {

std::string cameraSummary(const TourBeat& b) {
    if (!b.camera) return "(same view)";
    const TourCamera& c = *b.camera;
    char buf[96];
    if (c.explicitTarget)
        std::snprintf(buf, sizeof buf, "%.2f, %.2f  %.0f km", c.lat, c.lon, c.distanceKm.value_or(0.0));
    else if (c.zoom != 1.0)
        std::snprintf(buf, sizeof buf, "%s x%.2g", c.view.c_str(), c.zoom);
    else
        std::snprintf(buf, sizeof buf, "%s", c.view.c_str());
    return buf;
}

std::string dateSummary(const TourBeat& b) {
    const Day from = static_cast<Day>(std::floor(b.from)), to = static_cast<Day>(std::floor(b.to));
    return from == to ? formatDate(from) : formatDate(from) + " to " + formatDate(to);
}

/// A beat recording the current camera, time and layers.
TourBeat beatFromView(const UiState& ui, const MapView& map) {
    TourBeat b;
    b.from = b.to = std::floor(ui.playback.time);
    b.camera = tourCameraFromState(ui.camera, *ui.scenario, *map.frame);
    recordBeatLayers(ui.map, b);
    return b;
}

} // namespace

void addBeatFromView(TourEditor& e, const UiState& ui, const MapView& map) {
    if (!ui.scenario || !map.loaded()) return;
    const int at = e.selected >= 0 ? e.selected + 1 : static_cast<int>(e.tour.beats.size());
    e.tour.beats.insert(e.tour.beats.begin() + at, beatFromView(ui, map));
    if (e.tour.beats.size() == 1) e.tour.beats[0].transitionSeconds = 0;
    e.selected = at;
}

namespace {

/// Shows a beat in the window (not playing): its date, camera and layers.
void goToBeat(TourEditor& e, UiState& ui, const MapView& map, int index, double aspect) {
    if (!ui.scenario || !map.loaded()) return;
    Diagnostics diag;
    const TourRig rig(e.tour, *ui.scenario, *map.frame, aspect, ui.camera, ui.map, diag);
    const TourBeat& b = e.tour.beats[static_cast<std::size_t>(index)];
    ui.playback.time = b.from;
    ui.playback.playing = false;
    ui.map = rig.beatMap(index);
    flyTo(ui, rig.beatCamera(index), 1.2);
    e.problems.clear();
    for (const Diagnostic& d : diag.items())
        e.problems.push_back(formatDiagnostic(d));
}

/// A date field editing a day; keeps the text while it is being typed.
bool dateField(const char* id, TimeDays& value, float width) {
    ImGui::SetNextItemWidth(width);
    std::string text = formatDate(static_cast<Day>(std::floor(value)));
    if (!ImGui::InputText(id, &text,
                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll))
        return false;
    if (auto d = parseDate(text)) {
        value = d->day;
        return true;
    }
    return false;
}

} // namespace

namespace {

/// The tour file: path, Load, Save, New, and the tour's title.
void drawTourFileRow(TourEditor& e, const UiState& ui, float s) {
    ImGui::SetNextItemWidth(-200.0f * s);
    ImGui::InputText("##tourpath", &e.path);
    ImGui::SameLine();
    if (ImGui::Button("Load")) {
        Diagnostics diag;
        Tour t;
        const bool ok = loadTour(e.path, t, diag);
        e.problems.clear();
        for (const Diagnostic& d : diag.items())
            e.problems.push_back(formatDiagnostic(d));
        if (ok) {
            e.tour = std::move(t);
            e.selected = e.tour.beats.empty() ? -1 : 0;
            e.status = "Loaded " + e.path + " (" + std::to_string(e.tour.beats.size()) + " beats)";
        } else {
            e.status = "Not loaded: " + std::to_string(diag.errorCount()) + " errors";
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Save")) {
        std::string why;
        if (ui.scenario && e.tour.scenarioId.empty()) e.tour.scenarioId = ui.scenario->manifest.id;
        e.status = saveTour(e.tour, e.path, &why) ? "Saved " + e.path : why;
    }
    ImGui::SameLine();
    if (ImGui::Button("New")) {
        e.tour = Tour{};
        e.selected = -1;
        e.problems.clear();
        e.status.clear();
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##tourtitle", "title", &e.tour.title);
}

/// Add beat (from the current view), Play, Play from selected, and the tour's length.
void drawTourActions(TourEditor& e, UiState& ui, const MapView& map) {
    ImGui::BeginDisabled(!ui.scenario);
    if (ImGui::Button("Add beat")) addBeatFromView(e, ui, map);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Records the current camera, date and layers as a new beat after the selected one");
    ImGui::SameLine();
    ImGui::BeginDisabled(e.tour.beats.empty() || !ui.scenario);
    if (ImGui::Button("Play")) startTourPlayback(e, ui, 0);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Presentation mode driven by the tour: Right/Left next/previous beat, Esc stops");
    ImGui::SameLine();
    if (ImGui::Button("Play from selected") && e.selected >= 0) startTourPlayback(e, ui, e.selected);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled("%.1f s", e.tour.durationSeconds());
}

/// The beats as a table; a double click shows a beat in the window.
void drawBeatList(TourEditor& e, UiState& ui, const MapView& map, double aspect, float s) {
    ImGui::Separator();
    const float listH = std::max(120.0f * s, ImGui::GetContentRegionAvail().y - 250.0f * s);
    if (ImGui::BeginTable("##beats", 4,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV,
                          ImVec2(0, listH))) {
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 24.0f * s);
        ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, 170.0f * s);
        ImGui::TableSetupColumn("Camera", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Caption", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (int i = 0; i < static_cast<int>(e.tour.beats.size()); ++i) {
            const TourBeat& b = e.tour.beats[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            char label[32];
            std::snprintf(label, sizeof label, "%d##beat%d", i + 1, i);
            if (ImGui::Selectable(label, e.selected == i,
                                  ImGuiSelectableFlags_SpanAllColumns |
                                      ImGuiSelectableFlags_AllowDoubleClick)) {
                e.selected = i;
                if (ImGui::IsMouseDoubleClicked(0)) goToBeat(e, ui, map, i, aspect);
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(dateSummary(b).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(cameraSummary(b).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(b.captionTitle.empty() ? b.captionText.c_str() : b.captionTitle.c_str());
        }
        ImGui::EndTable();
    }
}

/// The selected beat's controls: reorder, go to, re-record, delete, and its dates, timing and caption.
void drawSelectedBeat(TourEditor& e, UiState& ui, const MapView& map, double aspect, float s) {
    if (e.selected >= static_cast<int>(e.tour.beats.size()))
        e.selected = static_cast<int>(e.tour.beats.size()) - 1;
    if (e.selected >= 0) {
        const int i = e.selected;
        if (ImGui::Button("Up") && i > 0) {
            std::swap(e.tour.beats[static_cast<std::size_t>(i)],
                      e.tour.beats[static_cast<std::size_t>(i - 1)]);
            e.selected = i - 1;
        }
        ImGui::SameLine();
        if (ImGui::Button("Down") && i + 1 < static_cast<int>(e.tour.beats.size())) {
            std::swap(e.tour.beats[static_cast<std::size_t>(i)],
                      e.tour.beats[static_cast<std::size_t>(i + 1)]);
            e.selected = i + 1;
        }
        ImGui::SameLine();
        if (ImGui::Button("Go to")) goToBeat(e, ui, map, e.selected, aspect);
        ImGui::SameLine();
        ImGui::BeginDisabled(!ui.scenario);
        if (ImGui::Button("Use current view")) {
            const TourBeat now = beatFromView(ui, map);
            TourBeat& sel = e.tour.beats[static_cast<std::size_t>(e.selected)];
            sel.camera = now.camera;
            sel.layers = now.layers;
            sel.labels = now.labels;
            sel.colorBy = now.colorBy;
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Delete")) {
            e.tour.beats.erase(e.tour.beats.begin() + e.selected);
            e.selected = std::min(e.selected, static_cast<int>(e.tour.beats.size()) - 1);
        }
        if (e.selected >= 0 && e.selected < static_cast<int>(e.tour.beats.size())) {
            TourBeat& sel = e.tour.beats[static_cast<std::size_t>(e.selected)];
            ImGui::TextUnformatted("From");
            ImGui::SameLine(90.0f * s);
            if (dateField("##bfrom", sel.from, 120.0f * s)) sel.to = std::max(sel.to, sel.from);
            ImGui::SameLine();
            ImGui::TextUnformatted("to");
            ImGui::SameLine();
            if (dateField("##bto", sel.to, 120.0f * s)) sel.from = std::min(sel.from, sel.to);
            ImGui::SameLine();
            if (ImGui::SmallButton("Now")) sel.from = sel.to = std::floor(ui.playback.time);
            float tr = static_cast<float>(sel.transitionSeconds), hold = static_cast<float>(sel.holdSeconds);
            ImGui::TextUnformatted("Transition");
            ImGui::SameLine(90.0f * s);
            ImGui::SetNextItemWidth(150.0f * s);
            if (ImGui::SliderFloat("##btr", &tr, 0.0f, 10.0f, "%.1f s"))
                sel.transitionSeconds = std::max(0.0f, tr);
            ImGui::SameLine();
            ImGui::TextUnformatted("Hold");
            ImGui::SameLine();
            ImGui::SetNextItemWidth(150.0f * s);
            if (ImGui::SliderFloat("##bhold", &hold, 0.0f, 20.0f, "%.1f s"))
                sel.holdSeconds = std::max(0.0f, hold);
            ImGui::SetNextItemWidth(-1);
            ImGui::InputTextWithHint("##ctitle", "caption title", &sel.captionTitle);
            ImGui::InputTextMultiline("##ctext", &sel.captionText, ImVec2(-1, 60.0f * s));
        }
    }
}

/// The last action's status and the FILE:LINE problems of the last load or play.
void drawTourProblems(const TourEditor& e) {
    if (!e.status.empty()) ImGui::TextDisabled("%s", e.status.c_str());
    for (const std::string& p : e.problems) {
        const bool isError = p.find(": error: ") != std::string::npos;
        ImGui::TextColored(isError ? ImVec4(1.0f, 0.55f, 0.5f, 1) : ImVec4(1.0f, 0.85f, 0.45f, 1), "%s",
                           p.c_str());
    }
}

} // namespace

void drawTourPanel(TourEditor& e, UiState& ui, const MapView& map, double aspect) {
    if (!e.open || ui.presenting) return;
    const float s = ImGui::GetFontSize() / 15.0f;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(std::min(360.0f * s, display.x * 0.2f), 60.0f * s), ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(ImVec2(520.0f * s, 560.0f * s), ImGuiCond_Appearing);
    if (!ImGui::Begin("Tour", &e.open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    drawTourFileRow(e, ui, s);
    drawTourActions(e, ui, map);
    drawBeatList(e, ui, map, aspect, s);
    drawSelectedBeat(e, ui, map, aspect, s);
    drawTourProblems(e);
    ImGui::End();
}

} // namespace buildout
