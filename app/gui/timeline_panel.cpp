// Timeline: play/pause, speed, stepping, scrubbing, year ticks, event markers, totals chart.
#include "app/gui/panels.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace buildout {

namespace {

const char* kMonthNames[12] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

struct SpeedPreset {
    const char* label;
    double daysPerSecond;
};
const SpeedPreset kSpeeds[] = {{"1 month/s", 30.44},
                               {"3 months/s", 91.3},
                               {"6 months/s", 182.6},
                               {"1 year/s", 365.25},
                               {"2 years/s", 730.5}};

ImU32 col(float r, float g, float b, float a = 1.0f) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(r, g, b, a));
}

} // namespace

TimelineChart makeTimelineChart(const UiState& ui) {
    TimelineChart c;
    if (!ui.scenario || !ui.totals) return c;
    for (double t = ui.start(); t <= ui.end(); t += 30.44) {
        const DatacenterTotals tot = ui.totals->at(t);
        c.t.push_back(t);
        c.operatingGw.push_back(tot.mw[static_cast<std::size_t>(statusIndex(Status::Operating))] / 1000.0);
        c.constructionGw.push_back(tot.mw[static_cast<std::size_t>(statusIndex(Status::Construction))] /
                                   1000.0);
        c.plannedGw.push_back((tot.mw[static_cast<std::size_t>(statusIndex(Status::Announced))] +
                               tot.mw[static_cast<std::size_t>(statusIndex(Status::Permitted))]) /
                              1000.0);
        c.maxGw = std::max(c.maxGw, c.operatingGw.back() + c.constructionGw.back() + c.plannedGw.back());
    }
    return c;
}

namespace {

/// The scrubbable track's geometry (screen coordinates) and its time range [t0, t1).
struct Track {
    ImVec2 origin;
    float width = 0, height = 0, chartHeight = 0, s = 1; ///< s: UI scale (font size / 15 px)
    double t0 = 0, t1 = 1;
    float x(double t) const { return origin.x + static_cast<float>((t - t0) / (t1 - t0)) * width; }
};

/// Row 1: the date, large, then transport controls and speed.
void drawTransportRow(UiState& ui, const Fonts& fonts, float s) {
    Playback& p = ui.playback;
    const CivilDate cd = civilFromDays(static_cast<Day>(std::floor(p.time)));
    char date[64];
    std::snprintf(date, sizeof date, "%s %d", kMonthNames[cd.month - 1], cd.year);
    ImGui::PushFont(fonts.large);
    ImGui::TextUnformatted(date);
    ImGui::PopFont();
    ImGui::SameLine(260.0f * s);
    if (ImGui::Button("|<")) p.time = ui.start();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Jump to start (Home)");
    ImGui::SameLine();
    if (ImGui::Button("<")) stepMonths(ui, -1);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back one month (Left; Shift: quarter; Ctrl: year)");
    ImGui::SameLine();
    if (ImGui::Button(p.playing ? "Pause" : (p.reverse ? "Play <" : "Play >"), ImVec2(80.0f * s, 0)))
        p.playing = !p.playing;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play / pause (Space)");
    ImGui::SameLine();
    if (ImGui::Button(">")) stepMonths(ui, 1);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Forward one month (Right; Shift: quarter; Ctrl: year)");
    ImGui::SameLine();
    if (ImGui::Button(">|")) p.time = ui.lastInstant();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Jump to end (End)");
    ImGui::SameLine();
    ImGui::Checkbox("Reverse", &p.reverse);
    ImGui::SameLine();
    ImGui::Checkbox("Loop", &p.loop);
    ImGui::SameLine();
    ImGui::Checkbox("Pause at events", &p.pauseOnEvents);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120.0f * s);
    const char* current = "custom";
    for (const auto& sp : kSpeeds)
        if (std::abs(sp.daysPerSecond - p.daysPerSecond) < 0.01) current = sp.label;
    if (ImGui::BeginCombo("##speed", current)) {
        for (const auto& sp : kSpeeds)
            if (ImGui::Selectable(sp.label, sp.daysPerSecond == p.daysPerSecond))
                p.daysPerSecond = sp.daysPerSecond;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90.0f * s);
    double months = p.daysPerSecond / 30.44;
    if (ImGui::InputDouble("months/s", &months, 0, 0, "%.2f"))
        p.daysPerSecond = std::clamp(months, 0.05, 120.0) * 30.44;
}

/// A tick and a label at each 1 January in the track's range.
void drawYearTicks(ImDrawList* dl, const Track& tr, const Fonts& fonts) {
    const ImVec2 origin = tr.origin;
    const float s = tr.s;
    const double t0 = tr.t0, t1 = tr.t1;
    auto toX = [&](double t) { return tr.x(t); };
    const int y0 = civilFromDays(static_cast<Day>(t0)).year, y1 = civilFromDays(static_cast<Day>(t1)).year;
    for (int yr = y0; yr <= y1; ++yr) {
        const double tt = daysFromCivil(yr, 1, 1);
        if (tt < t0 || tt > t1) continue;
        const float xx = toX(tt);
        dl->AddLine(ImVec2(xx, origin.y + 18.0f * s), ImVec2(xx, origin.y + 24.0f * s),
                    col(0.5f, 0.57f, 0.67f));
        char buf[8];
        std::snprintf(buf, sizeof buf, "%d", yr);
        ImGui::PushFont(fonts.small);
        // A label that would run past the track's end (the last 1 January of a range ending on 31
        // December) is left off rather than clipped: its tick still marks the year.
        if (xx + 3.0f * s + ImGui::CalcTextSize(buf).x <= origin.x + tr.width)
            dl->AddText(ImVec2(xx + 3.0f * s, origin.y + 20.0f * s), col(0.62f, 0.68f, 0.76f), buf);
        ImGui::PopFont();
    }
}

/// Event markers: hover for the title, click to jump there.
void drawEventMarkers(UiState& ui, ImDrawList* dl, const Track& tr, bool hovered) {
    Playback& p = ui.playback;
    const ImVec2 origin = tr.origin;
    const float s = tr.s;
    auto toX = [&](double t) { return tr.x(t); };
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (ui.scenario) {
        const auto& events = ui.scenario->manifest.events;
        for (std::size_t i = 0; i < events.size(); ++i) {
            const float ex = toX(events[i].date);
            const ImVec2 c(ex, origin.y + 6.0f * s);
            const bool near = hovered && std::abs(mouse.x - ex) < 6.0f * s && mouse.y < origin.y + 12.0f * s;
            dl->AddTriangleFilled(ImVec2(c.x - 5 * s, c.y - 5 * s), ImVec2(c.x + 5 * s, c.y - 5 * s),
                                  ImVec2(c.x, c.y + 4 * s), near ? col(1, 1, 1) : col(1.0f, 0.82f, 0.4f));
            if (near) {
                ImGui::SetTooltip("%s  %s\n%s", formatDate(events[i].date).c_str(), events[i].title.c_str(),
                                  events[i].text.c_str());
                if (ImGui::IsMouseClicked(0)) {
                    p.time = events[i].date;
                    ui.beat = static_cast<int>(i);
                }
            }
        }
    }
}

/// The chart under the track: stacked operating / construction / planned GW.
void drawTotalsChart(ImDrawList* dl, const Track& tr, const TimelineChart& chart, const Fonts& fonts) {
    const ImVec2 origin = tr.origin;
    const float s = tr.s, trackH = tr.height, chartH = tr.chartHeight;
    auto toX = [&](double t) { return tr.x(t); };
    const float cy0 = origin.y + trackH, cy1 = cy0 + chartH;
    if (!chart.t.empty()) {
        auto yOf = [&](double gw) {
            return cy1 - static_cast<float>(gw / chart.maxGw) * (chartH - 14.0f * s);
        };
        for (std::size_t i = 1; i < chart.t.size(); ++i) {
            const float xa = toX(chart.t[i - 1]), xb = toX(chart.t[i]);
            double base = 0;
            const double layers[3][2] = {{chart.operatingGw[i - 1], chart.operatingGw[i]},
                                         {chart.constructionGw[i - 1], chart.constructionGw[i]},
                                         {chart.plannedGw[i - 1], chart.plannedGw[i]}};
            const ImU32 colors[3] = {col(0.21f, 0.82f, 0.73f, 0.85f), col(0.96f, 0.65f, 0.14f, 0.75f),
                                     col(0.62f, 0.69f, 0.78f, 0.45f)};
            double baseB = 0;
            for (int k = 0; k < 3; ++k) {
                const ImVec2 q[4] = {ImVec2(xa, yOf(base)), ImVec2(xa, yOf(base + layers[k][0])),
                                     ImVec2(xb, yOf(baseB + layers[k][1])), ImVec2(xb, yOf(baseB))};
                dl->AddQuadFilled(q[0], q[1], q[2], q[3], colors[k]);
                base += layers[k][0];
                baseB += layers[k][1];
            }
        }
        char axis[64];
        std::snprintf(axis, sizeof axis, "%.0f GW", chart.maxGw);
        ImGui::PushFont(fonts.small);
        dl->AddText(ImVec2(origin.x + 4 * s, cy0), col(0.62f, 0.68f, 0.76f), axis);
        dl->AddText(ImVec2(origin.x + 60 * s, cy0), col(0.21f, 0.82f, 0.73f), "operating");
        dl->AddText(ImVec2(origin.x + 130 * s, cy0), col(0.96f, 0.65f, 0.14f), "under construction");
        dl->AddText(ImVec2(origin.x + 250 * s, cy0), col(0.7f, 0.76f, 0.84f),
                    "planned  (national datacenter capacity)");
        ImGui::PopFont();
    }
}

} // namespace

TimelineLayout drawTimelinePanel(UiState& ui, const Fonts& fonts, const TimelineChart& chart, float x,
                                 float y, float w, float h) {
    ImGui::SetNextWindowPos(ImVec2(x, y));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::Begin("Timeline", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoCollapse);
    Playback& p = ui.playback;
    const float s = ImGui::GetFontSize() / 15.0f;
    if (!ui.scenario) { // nothing to play yet (first load in progress): no dates of 1970, no empty track
        ImGui::PushFont(fonts.large);
        ImGui::TextDisabled("No scenario open");
        ImGui::PopFont();
        ImGui::TextDisabled("Its timeline, events and national totals appear here once it has loaded.");
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::End();
        return TimelineLayout{at.x, at.x, at.y, at.y};
    }

    drawTransportRow(ui, fonts, s);

    // Row 2: the track with year ticks, events and the cursor; drag anywhere to scrub.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float trackW = ImGui::GetContentRegionAvail().x;
    const float trackH = 34.0f * s;
    const float chartH = std::max(20.0f, ImGui::GetContentRegionAvail().y - trackH - 6.0f * s);
    const double t0 = ui.start(), t1 = ui.end();
    const Track track{origin, trackW, trackH, chartH, s, t0, t1};
    auto toX = [&](double t) { return track.x(t); };
    ImGui::InvisibleButton("##track", ImVec2(trackW, trackH + chartH));
    const TimelineLayout layout{origin.x, origin.x + trackW, origin.y, origin.y + trackH + chartH};
    const bool hovered = ImGui::IsItemHovered();
    if (ImGui::IsItemActive()) {
        const float mx = std::clamp(ImGui::GetIO().MousePos.x, origin.x, origin.x + trackW);
        p.time = ui.clampTime(t0 + (mx - origin.x) / trackW * (t1 - t0));
    }
    dl->AddRectFilled(ImVec2(origin.x, origin.y + 12.0f * s), ImVec2(origin.x + trackW, origin.y + 16.0f * s),
                      col(0.2f, 0.25f, 0.33f), 2.0f);
    dl->AddRectFilled(ImVec2(origin.x, origin.y + 12.0f * s), ImVec2(toX(p.time), origin.y + 16.0f * s),
                      col(0.21f, 0.82f, 0.73f), 2.0f);
    drawYearTicks(dl, track, fonts);
    drawEventMarkers(ui, dl, track, hovered);
    drawTotalsChart(dl, track, chart, fonts);
    const float cy1 = origin.y + trackH + chartH;
    const float cx = toX(p.time);
    dl->AddLine(ImVec2(cx, origin.y), ImVec2(cx, cy1), col(1, 1, 1, 0.9f), 2.0f * s);
    dl->AddCircleFilled(ImVec2(cx, origin.y + 14.0f * s), 6.0f * s, col(1, 1, 1));
    ImGui::End();
    return layout;
}

} // namespace buildout
