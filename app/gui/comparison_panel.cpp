// The comparison in the panels: choosing B and the mode, A/B/Δ totals with a chart of both over time,
// a selected asset's values in both scenarios, and ΔMW in the hover tooltip.
#include "app/gui/panels.h"

#include "core/asset_paths.h"
#include "core/diff_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace buildout {

namespace {

ImU32 col(float r, float g, float b, float a = 1.0f) { return ImGui::ColorConvertFloat4ToU32(ImVec4(r, g, b, a)); }
ImVec4 vec(glm::vec4 c) { return ImVec4(c.r, c.g, c.b, c.a); }

// The chart's two lines: A in the map's warm white, B in the diff palette's "only in B" blue's lighter
// sibling, so "B" reads as the same colour everywhere.
const ImVec4 kColorA(0.93f, 0.94f, 0.96f, 1.0f);
const ImVec4 kColorB(0.45f, 0.70f, 0.95f, 1.0f);

std::string signedPower(double mw) {
    const std::string s = formatPower(std::abs(mw));
    return (mw > 0.5 ? "+" : mw < -0.5 ? "\xE2\x88\x92" : "\xC2\xB1") + s;
}

double statusMw(const TotalsTimeline& t, TimeDays at, std::initializer_list<Status> statuses) {
    const DatacenterTotals tot = t.at(at);
    double mw = 0;
    for (Status s : statuses) mw += tot.mw[static_cast<std::size_t>(statusIndex(s))];
    return mw;
}

} // namespace

std::vector<std::filesystem::path> bundledScenarios() {
    std::error_code ec;
    std::vector<std::filesystem::path> out;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(dataDirectory()) / "scenarios", ec))
        if (entry.is_directory(ec)) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

void drawComparisonControls(UiState& ui) {
    Comparison& c = ui.compare;
    ImGui::SetNextItemWidth(-1);
    const std::string current = c.scenario ? "B: " + c.scenario->manifest.title : std::string("Compare with\xE2\x80\xA6");
    if (ImGui::BeginCombo("##compare", current.c_str())) {
        if (c.scenario && ImGui::Selectable("Stop comparing")) c.closeRequested = true;
        ImGui::TextDisabled("Bundled");
        for (const auto& b : bundledScenarios())
            if (ImGui::Selectable((b.filename().string() + "##cmp").c_str(), b.string() == c.path)) c.requested = b.string();
        if (!ui.recent.empty()) {
            ImGui::Separator();
            ImGui::TextDisabled("Recent");
            for (const auto& r : ui.recent)
                if (ImGui::Selectable((r + "##cmprecent").c_str(), r == c.path)) c.requested = r;
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A second scenario to compare with (or Shift+drop a folder on the window)");
    if (!ui.comparing()) return;
    int mode = static_cast<int>(c.view.mode);
    ImGui::RadioButton("Side by side", &mode, static_cast<int>(CompareMode::SideBySide));
    ImGui::SameLine();
    ImGui::RadioButton("Swipe", &mode, static_cast<int>(CompareMode::Swipe));
    ImGui::SameLine();
    ImGui::RadioButton("Diff", &mode, static_cast<int>(CompareMode::Diff));
    c.view.mode = static_cast<CompareMode>(mode);
    if (c.view.mode == CompareMode::Swipe) {
        ImGui::SetNextItemWidth(-1);
        ImGui::SliderFloat("##swipe", &c.view.swipe, 0.0f, 1.0f, "divider %.2f (or drag it on the map)");
    }
    if (c.view.mode == CompareMode::Diff) {
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6.0f, 2.0f));
        for (DiffClass k : {DiffClass::OnlyB, DiffClass::LargerInB, DiffClass::OtherTiming, DiffClass::Unchanged,
                            DiffClass::SmallerInB, DiffClass::OnlyA}) {
            ImGui::TextColored(vec(diffClassColor(k)), "\xE2\x97\x8F");
            ImGui::SameLine();
            ImGui::TextUnformatted(diffClassName(k));
        }
        ImGui::PopStyleVar();
    }
    if (basemapsDiffer(*ui.scenario, *c.scenario))
        ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.4f, 1.0f), "The scenarios use different basemaps");
    const auto [lo, hi] = commonRange(*ui.scenario, *c.scenario);
    if (lo <= hi) ImGui::TextDisabled("Compared over %s to %s", formatDate(lo).c_str(), formatDate(hi).c_str());
    else ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.4f, 1.0f), "The time ranges do not overlap");
}

void drawComparisonDashboard(UiState& ui, const Fonts& fonts) {
    if (!ui.comparing() || !ui.totals || !ui.compare.totals) return;
    const TotalsTimeline& ta = *ui.totals;
    const TotalsTimeline& tb = *ui.compare.totals;
    const TimeDays t = ui.playback.time;
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted("A and B at this date");
    ImGui::PopFont();
    ImGui::TextColored(kColorA, "A  %s", ui.scenario->manifest.title.c_str());
    ImGui::TextColored(kColorB, "B  %s", ui.compare.scenario->manifest.title.c_str());
    if (ImGui::BeginTable("##ab", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("");
        ImGui::TableSetupColumn("A");
        ImGui::TableSetupColumn("B");
        ImGui::TableSetupColumn("B \xE2\x88\x92 A");
        ImGui::TableHeadersRow();
        auto row = [&](const char* label, std::initializer_list<Status> st) {
            const double a = statusMw(ta, t, st), b = statusMw(tb, t, st);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", label);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(formatPower(a).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(formatPower(b).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(signedPower(b - a).c_str());
        };
        row("operating", {Status::Operating});
        row("building", {Status::Construction});
        row("planned", {Status::Announced, Status::Permitted});
        ImGui::EndTable();
    }
    // Operating capacity of A and B over the common range, with the time cursor.
    const double t0 = ui.start(), t1 = ui.end();
    std::vector<double> ts, a, b;
    double hi = 1;
    for (double u = t0; u <= t1; u += 30.44) {
        ts.push_back(u);
        a.push_back(statusMw(ta, u, {Status::Operating}) / 1000.0);
        b.push_back(statusMw(tb, u, {Status::Operating}) / 1000.0);
        hi = std::max({hi, a.back(), b.back()});
    }
    const float w = ImGui::GetContentRegionAvail().x, h = 90.0f * ImGui::GetFontSize() / 15.0f;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(o, ImVec2(o.x + w, o.y + h), col(0.08f, 0.1f, 0.15f), 4.0f);
    auto X = [&](double u) { return o.x + static_cast<float>((u - t0) / std::max(t1 - t0, 1.0)) * w; };
    auto Y = [&](double gw) { return o.y + h - 3.0f - static_cast<float>(gw / (hi * 1.1)) * (h - 16.0f); };
    // The difference over time: the band between the lines, blue where B is ahead, orange where behind
    // (the diff map's palette).
    for (std::size_t i = 1; i < ts.size(); ++i) {
        const double d = (b[i - 1] + b[i]) - (a[i - 1] + a[i]);
        if (std::abs(d) < 1e-6) continue;
        const glm::vec4 c = diffClassColor(d > 0 ? DiffClass::OnlyB : DiffClass::OnlyA);
        dl->AddQuadFilled(ImVec2(X(ts[i - 1]), Y(a[i - 1])), ImVec2(X(ts[i - 1]), Y(b[i - 1])), ImVec2(X(ts[i]), Y(b[i])),
                          ImVec2(X(ts[i]), Y(a[i])), ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 0.35f)));
    }
    for (std::size_t i = 1; i < ts.size(); ++i) {
        dl->AddLine(ImVec2(X(ts[i - 1]), Y(a[i - 1])), ImVec2(X(ts[i]), Y(a[i])), ImGui::ColorConvertFloat4ToU32(kColorA), 2.0f);
        dl->AddLine(ImVec2(X(ts[i - 1]), Y(b[i - 1])), ImVec2(X(ts[i]), Y(b[i])), ImGui::ColorConvertFloat4ToU32(kColorB), 2.0f);
    }
    const float cx = X(t);
    dl->AddLine(ImVec2(cx, o.y), ImVec2(cx, o.y + h), col(1, 1, 1, 0.8f), 1.5f);
    char axis[64];
    std::snprintf(axis, sizeof axis, "operating GW: A white, B blue, gap shaded  (max %.1f)", hi);
    dl->AddText(ImVec2(o.x + 4, o.y + 2), col(0.6f, 0.66f, 0.75f), axis);
    if (ImGui::IsItemHovered()) {
        const double u = t0 + (ImGui::GetIO().MousePos.x - o.x) / w * (t1 - t0);
        const double va = statusMw(ta, u, {Status::Operating}), vb = statusMw(tb, u, {Status::Operating});
        ImGui::SetTooltip("%s\nA %s, B %s (%s)", formatDate(static_cast<Day>(std::floor(u))).c_str(), formatPower(va).c_str(),
                          formatPower(vb).c_str(), signedPower(vb - va).c_str());
    }
    ImGui::Separator();
}

namespace {

/// Name, kind, status and MW at t of an asset only B has, with ΔMW (all of it is B's).
void onlyInB(const UiState& ui, EntityRef ref, bool large, const Fonts* fonts) {
    const Scenario& b = *ui.compare.scenario;
    const EntityBase& e = b.entity(ref);
    const TimeDays t = ui.playback.time;
    const double mw = b.capacityAt(e, t);
    if (large && fonts) ImGui::PushFont(fonts->strong);
    ImGui::TextUnformatted(e.label().c_str());
    if (large && fonts) ImGui::PopFont();
    ImGui::TextColored(vec(diffClassColor(DiffClass::OnlyB)), "Only in B  \xC2\xB7  %s %s", kindName(ref.kind), e.id.c_str());
    ImGui::Text("B: %s  \xC2\xB7  %s  (\xCE\x94 %s)", statusName(e.life.statusAt(t)), formatPower(mw).c_str(),
                signedPower(isKnown(mw) ? mw : 0.0).c_str());
    if (large)
        for (int k = 0; k < Lifecycle::kStageCount; ++k)
            if (e.life.dates[static_cast<std::size_t>(k)] != kNoDay)
                ImGui::TextDisabled("%s %s", Lifecycle::stageColumn(k), formatDate(e.life.dates[static_cast<std::size_t>(k)]).c_str());
}

} // namespace

void drawComparisonSelection(const UiState& ui, const Fonts& fonts) {
    if (!ui.comparing()) return;
    if (!ui.selected) {
        if (ui.compare.selectedB) onlyInB(ui, *ui.compare.selectedB, true, &fonts);
        return;
    }
    const Scenario& a = *ui.scenario;
    const Scenario& b = *ui.compare.scenario;
    const EntityBase& ea = a.entity(*ui.selected);
    const int ib = b.find(ui.selected->kind, ea.id);
    const TimeDays t = ui.playback.time;
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted("In A and B (matched by kind and id)");
    ImGui::PopFont();
    if (ib < 0) {
        ImGui::TextColored(vec(diffClassColor(DiffClass::OnlyA)), "Not in B (no %s with id %s)", kindName(ui.selected->kind),
                           ea.id.c_str());
        return;
    }
    const EntityBase& eb = b.entity({ui.selected->kind, ib});
    const double mwA = a.capacityAt(ea, t), mwB = b.capacityAt(eb, t);
    if (ImGui::BeginTable("##selab", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("");
        ImGui::TableSetupColumn("A");
        ImGui::TableSetupColumn("B");
        ImGui::TableHeadersRow();
        auto row = [](const char* k, const std::string& va, const std::string& vb) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", k);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(va.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(vb.c_str());
        };
        row("Status", statusName(ea.life.statusAt(t)), statusName(eb.life.statusAt(t)));
        row("Capacity", formatPower(mwA), formatPower(mwB));
        row("Nameplate", formatPower(ea.capacityMw), formatPower(eb.capacityMw));
        for (int k = 0; k < Lifecycle::kStageCount; ++k) {
            const Day da = ea.life.dates[static_cast<std::size_t>(k)], db = eb.life.dates[static_cast<std::size_t>(k)];
            if (da != kNoDay || db != kNoDay)
                row(Lifecycle::stageColumn(k), da == kNoDay ? "-" : formatDate(da), db == kNoDay ? "-" : formatDate(db));
        }
        ImGui::EndTable();
    }
    const double d = (isKnown(mwB) ? mwB : 0.0) - (isKnown(mwA) ? mwA : 0.0);
    ImGui::Text("\xCE\x94MW at this date (B \xE2\x88\x92 A): %s", signedPower(d).c_str());
}

void drawOnlyInBTooltip(const UiState& ui) {
    if (!ui.comparing() || !ui.compare.hoveredB) return;
    ImGui::BeginTooltip();
    onlyInB(ui, *ui.compare.hoveredB, false, nullptr);
    ImGui::EndTooltip();
}

void drawComparisonTooltip(const UiState& ui, EntityRef ref) {
    if (!ui.comparing()) return;
    const Scenario& a = *ui.scenario;
    const Scenario& b = *ui.compare.scenario;
    const EntityBase& ea = a.entity(ref);
    const int ib = b.find(ref.kind, ea.id);
    const TimeDays t = ui.playback.time;
    if (ib < 0) {
        ImGui::TextColored(vec(diffClassColor(DiffClass::OnlyA)), "not in B");
        return;
    }
    const EntityBase& eb = b.entity({ref.kind, ib});
    const double mwA = a.capacityAt(ea, t), mwB = b.capacityAt(eb, t);
    const double d = (isKnown(mwB) ? mwB : 0.0) - (isKnown(mwA) ? mwA : 0.0);
    ImGui::Text("B: %s  \xC2\xB7  %s  (\xCE\x94 %s)", statusName(eb.life.statusAt(t)), formatPower(mwB).c_str(), signedPower(d).c_str());
}

} // namespace buildout
