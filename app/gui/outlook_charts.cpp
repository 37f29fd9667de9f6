// The dashboard's charts: the national outlook (published ranges as labelled bands, the scenario's own
// lines) and the power balance (largest gaps; the chosen group's balance over time). One chart helper.
#include "app/gui/panels.h"
#include "app/gui/time_chart.h"

#include "core/power_balance.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

namespace buildout {

namespace {

bool endsWith(const std::string& s, const char* tail) {
    const std::size_t n = std::char_traits<char>::length(tail);
    return s.size() > n && s.compare(s.size() - n, n, tail) == 0;
}

/// "dc_share_pct_lbnl" -> "LBNL", "dc_share_pct_epri2024" -> "EPRI 2024": the publisher of a range
/// named as the spec's `X_low`/`X_high` pair (the last word of X).
std::string bandLabel(const std::string& base) {
    const std::size_t u = base.rfind('_');
    std::string w = u == std::string::npos ? base : base.substr(u + 1);
    std::string out;
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (i > 0 && std::isdigit(static_cast<unsigned char>(w[i])) &&
            !std::isdigit(static_cast<unsigned char>(w[i - 1])))
            out += ' ';
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(w[i])));
    }
    return out;
}

ImU32 hue(int i) {
    static const ImU32 kColors[] = {IM_COL32(78, 155, 245, 255),  IM_COL32(242, 142, 43, 255),
                                    IM_COL32(176, 122, 161, 255), IM_COL32(237, 201, 72, 255),
                                    IM_COL32(118, 183, 178, 255), IM_COL32(255, 157, 167, 255)};
    return kColors[static_cast<std::size_t>(i) % 6];
}

std::function<double(double)> seriesFn(const Series* s) {
    return [s](double t) { return s->valueAt(t); };
}

/// Tick and hover text: "5 GW", "-2.5 GW", "360 MW" (under 1 GW in MW).
std::string powerText(double mw) {
    char b[32];
    if (std::abs(mw) >= 1000)
        std::snprintf(b, sizeof b, "%.3g GW", mw / 1000.0);
    else
        std::snprintf(b, sizeof b, "%.0f MW", mw);
    return b;
}

ChartLine makeLine(std::string label, ImU32 color, std::function<double(double)> fn, double from = -1e300,
                   double to = 1e300, float width = 2.0f) {
    ChartLine l;
    l.label = std::move(label);
    l.color = color;
    l.valueAt = std::move(fn);
    l.from = from, l.to = to, l.width = width;
    return l;
}

} // namespace

void drawNationalSeries(const UiState& ui, const Fonts& fonts) {
    const Scenario& s = *ui.scenario;
    std::map<std::string, std::vector<const Series*>> byUnit;
    for (const Series& ser : s.series)
        if (ser.target.kind == EntityKind::Region &&
            s.basemap->regions[static_cast<std::size_t>(ser.target.index)].isNation() &&
            !ser.samples.empty()) {
            const MetricDef* def = s.manifest.metric(ser.metric);
            byUnit[def ? def->unit : std::string()].push_back(&ser);
        }
    if (byUnit.empty()) return;
    ImGui::Spacing();
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted("National outlook");
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Shaded: published ranges; lines: the scenario's series; white: now.");
    ImGui::PopStyleColor();
    for (const auto& [unit, list] : byUnit) {
        TimeChart c;
        c.unit = unit.empty() ? std::string("(no unit)") : unit;
        c.t0 = ui.start(), c.t1 = ui.end(), c.cursor = ui.playback.time;
        c.height = 130.0f;
        int band = 0, line = 0;
        for (const Series* ser : list) {
            const std::string& m = ser->metric;
            if (endsWith(m, "_high")) continue;
            if (endsWith(m, "_low")) {
                const std::string base = m.substr(0, m.size() - 4);
                auto high = std::find_if(list.begin(), list.end(),
                                         [&](const Series* o) { return o->metric == base + "_high"; });
                if (high == list.end()) continue;
                ChartBand b;
                b.label = bandLabel(base);
                b.color = hue(2 + band++);
                b.low = seriesFn(ser);
                b.high = seriesFn(*high);
                b.from = std::max(ser->samples.front().t, (*high)->samples.front().t);
                b.to = std::min(ser->samples.back().t, (*high)->samples.back().t);
                c.bands.push_back(std::move(b));
                continue;
            }
            ChartLine l;
            l.label = m;
            l.color = line == 0 ? IM_COL32(54, 209, 186, 255) : hue(line);
            ++line;
            l.valueAt = seriesFn(ser);
            l.from = ser->samples.front().t, l.to = ser->samples.back().t;
            for (const auto& smp : ser->samples)
                l.markers.push_back(smp.t);
            if (ser->samples.size() == 1) l.to = l.from; // one figure: a dot
            c.lines.push_back(std::move(l));
        }
        const std::string u = unit;
        c.format = [u](double v) {
            char b[40];
            std::snprintf(b, sizeof b, "%.3g", v);
            return std::string(b);
        };
        drawTimeChart(unit.c_str(), c);
    }
}

void drawBalanceChart(UiState& ui, const std::string& groupId) {
    const Scenario& s = *ui.scenario;
    // Monthly balance over the scenario, computed once per scenario and group.
    BalanceSeries& cache = ui.balanceSeries;
    if (!cache.isFor(ui.scenario, groupId)) {
        cache = BalanceSeries{ui.scenario, groupId, ui.start(), 30.44, {}};
        for (double t = ui.start(); t <= ui.end() + 31; t += cache.stepDays)
            for (GroupBalance& g : balanceAt(s, t))
                if (g.id == groupId) cache.at.push_back(std::move(g));
    }
    if (cache.at.empty()) return;
    // (the chart's callbacks run within drawTimeChart below, while `cache` is unchanged)
    auto sample = [&cache](double t) -> const GroupBalance& {
        const auto i = static_cast<std::size_t>(
            std::clamp((t - cache.t0) / cache.stepDays, 0.0, static_cast<double>(cache.at.size() - 1)));
        return cache.at[i];
    };
    TimeChart c;
    c.unit = "Power (MW, GW)";
    c.t0 = ui.start(), c.t1 = ui.end(), c.cursor = ui.playback.time;
    c.height = 160.0f;
    c.zeroLine = true;
    c.format = powerText;
    ChartBand building;
    building.label = "building";
    building.color = IM_COL32(245, 166, 36, 255);
    building.low = [sample](double t) { return sample(t).demandOperatingMw; };
    building.high = [sample](double t) {
        const GroupBalance& g = sample(t);
        return g.demandOperatingMw + g.demandConstructionMw;
    };
    c.bands.push_back(building);
    c.lines.push_back(makeLine("Demand, operating", IM_COL32(239, 138, 98, 255),
                               [sample](double t) { return sample(t).demandOperatingMw; }));
    c.lines.push_back(makeLine("Dedicated supply, operating", IM_COL32(103, 169, 207, 255),
                               [sample](double t) { return sample(t).supplyOperatingMw; }));
    c.lines.push_back(makeLine(
        "Margin", IM_COL32(240, 240, 240, 255), [sample](double t) { return sample(t).marginMw(); }, -1e300,
        1e300, 1.5f));
    for (const Series& ser : s.groupSeries)
        if (ser.targetId == groupId) {
            const MetricDef* def = s.manifest.metric(ser.metric);
            if (def && def->unit == "MW")
                c.lines.push_back(makeLine(
                    ser.metric, IM_COL32(176, 122, 161, 255), [p = &ser](double t) { return p->valueAt(t); },
                    ser.samples.front().t, ser.samples.back().t));
        }
    drawTimeChart(groupId.c_str(), c);
}

void drawPowerBalance(UiState& ui, const Fonts& fonts) {
    const Scenario& s = *ui.scenario;
    const std::vector<GroupBalance> b = balanceAt(s, ui.playback.time);
    if (b.empty()) return;
    ImGui::Spacing();
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted("Power balance: largest gaps");
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Margin = operating dedicated supply - operating campus demand.");
    if (!s.regionGroups.note.empty()) ImGui::TextWrapped("Groups: %s.", s.regionGroups.note.c_str());
    ImGui::PopStyleColor();
    const std::vector<int> gaps = largestGaps(b, 5);
    if (gaps.empty()) ImGui::TextDisabled("no group short of dedicated supply now");
    for (int i : gaps) {
        const GroupBalance& g = b[static_cast<std::size_t>(i)];
        ImGui::PushID(i);
        if (ImGui::Selectable(
                g.name.c_str(), ui.balanceGroup == g.id, 0,
                ImVec2(ImGui::GetContentRegionAvail().x - 90.0f * ImGui::GetFontSize() / 15.0f, 0)))
            ui.balanceGroup = g.id;
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.94f, 0.54f, 0.38f, 1), "%s", formatPower(g.marginMw()).c_str());
        ImGui::PopID();
    }
    bool show = ImGui::Button(ui.map.choroplethMetric == kPowerMarginChoropleth ? "Hide margin map"
                                                                                : "Show margin map");
    if (show)
        ui.map.choroplethMetric =
            ui.map.choroplethMetric == kPowerMarginChoropleth ? std::string() : kPowerMarginChoropleth;
    auto sel =
        std::find_if(b.begin(), b.end(), [&](const GroupBalance& g) { return g.id == ui.balanceGroup; });
    if (sel == b.end()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("Click a region on the margin map, or a gap above, for its balance over time.");
        ImGui::PopStyleColor();
        return;
    }
    ImGui::Spacing();
    ImGui::PushFont(fonts.strong);
    ImGui::Text("%s: balance over time", sel->name.c_str());
    ImGui::PopFont();
    // Two short lines rather than one wrapped sentence: ImGui breaks lines at a '.', which split
    // "1.20 GW" across lines.
    ImGui::Text("Demand %s (+%s building)", formatPower(sel->demandOperatingMw).c_str(),
                formatPower(sel->demandConstructionMw).c_str());
    ImGui::Text("Supply %s, margin %s", formatPower(sel->supplyOperatingMw).c_str(),
                formatPower(sel->marginMw()).c_str());
    drawBalanceChart(ui, sel->id);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Orange band: campuses under construction. Hover for values.");
    ImGui::PopStyleColor();
}

} // namespace buildout
