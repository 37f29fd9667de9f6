// Left panel: layers, styling, filters, labels, choropleth, named views and the legend.
#include "app/gui/panels.h"

#include "core/view/legend.h"
#include "core/power_balance.h"
#include "core/view/named_views.h"

#include <imgui.h>

#include "core/asset_paths.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

namespace buildout {

namespace {

void layerRow(const char* name, LayerSettings& l, const char* id) {
    ImGui::PushID(id);
    ImGui::Checkbox(name, &l.visible);
    ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.55f);
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderFloat("##opacity", &l.opacity, 0.0f, 1.0f, "%.2f");
    ImGui::PopID();
}

ImU32 u32(glm::vec4 c) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a));
}

/// The legend swatch drawn with ImGui primitives (same colours and shape family as the map).
void legendSymbolImGui(const LegendEntry& e, ImVec2 c) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = ImGui::GetFontSize() * 0.33f;
    const ImU32 col = u32(e.swatch);
    switch (e.shape) {
    case 'c':
        dl->AddCircleFilled(c, r * 1.2f, u32(glm::vec4(glm::vec3(e.swatch), 0.3f)));
        dl->AddCircle(c, r * 1.2f, col);
        break;
    case 'o':
        dl->AddRect(ImVec2(c.x - r * 0.6f, c.y - r * 1.2f), ImVec2(c.x + r * 0.6f, c.y + r * 1.2f), col);
        break;
    case 'r':
        dl->AddCircle(c, r * 1.1f, col, 0, 2.0f);
        break;
    case 'l':
        dl->AddLine(ImVec2(c.x - r * 1.4f, c.y), ImVec2(c.x + r * 1.4f, c.y), col, 2.5f);
        break;
    case 'd':
        dl->AddLine(ImVec2(c.x - r * 1.4f, c.y), ImVec2(c.x - r * 0.3f, c.y), col, 2.0f);
        dl->AddLine(ImVec2(c.x + r * 0.3f, c.y), ImVec2(c.x + r * 1.4f, c.y), col, 2.0f);
        break;
    case 'h':
        for (int k = -1; k <= 1; ++k)
            dl->AddLine(ImVec2(c.x - r * 0.7f, c.y + static_cast<float>(k) * r * 0.8f + r * 0.4f),
                        ImVec2(c.x + r * 0.7f, c.y + static_cast<float>(k) * r * 0.8f - r * 0.4f), col, 1.5f);
        break;
    case 'g':
        switch (e.fuel) {
        case Fuel::Nuclear:
            dl->AddCircle(c, r * 0.8f, col, 0, r * 0.55f);
            break;
        case Fuel::Gas:
            dl->AddTriangleFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y + r * 0.7f),
                                  ImVec2(c.x - r, c.y + r * 0.7f), col);
            break;
        case Fuel::Oil:
            dl->AddTriangleFilled(ImVec2(c.x - r, c.y - r * 0.7f), ImVec2(c.x + r, c.y - r * 0.7f),
                                  ImVec2(c.x, c.y + r), col);
            break;
        case Fuel::Coal:
            dl->AddRectFilled(ImVec2(c.x - r * 0.75f, c.y - r * 0.75f),
                              ImVec2(c.x + r * 0.75f, c.y + r * 0.75f), col);
            break;
        case Fuel::Hydro:
            dl->AddQuadFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r),
                              ImVec2(c.x - r, c.y), col);
            break;
        case Fuel::Geothermal:
            dl->AddNgonFilled(c, r, col, 6);
            break;
        default:
            dl->AddCircleFilled(c, r * 0.85f, col);
            break;
        }
        break;
    default:
        dl->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), col, 2.0f);
        break;
    }
}

/// The scenario chooser: the bundled scenarios and the recently opened ones.
void drawScenarioChooser(UiState& ui) {
    ImGui::SetNextItemWidth(-1);
    const std::string current = ui.scenario ? ui.scenario->manifest.title : std::string("Open a scenario...");
    if (ImGui::BeginCombo("##scenario", current.c_str())) {
        ImGui::TextDisabled("Bundled");
        for (const auto& b : bundledScenarios())
            if (ImGui::Selectable(b.filename().c_str(), b.string() == ui.scenarioPath))
                ui.requestedScenario = b.string();
        if (!ui.recent.empty()) {
            ImGui::Separator();
            ImGui::TextDisabled("Recent");
            for (const auto& r : ui.recent)
                if (ImGui::Selectable((r + "##recent").c_str(), r == ui.scenarioPath))
                    ui.requestedScenario = r;
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Or drop a scenario folder on the window");
}

/// Colouring, minimum size, column and glyph scales, and size-by.
void drawStyleControls(MapSettings& m) {
    const char* colorBy[] = {"Operator", "Status", "Location precision"};
    int cb = static_cast<int>(m.datacenterColor);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::Combo("##colorby", &cb, colorBy, 3)) m.datacenterColor = static_cast<ColorBy>(cb);
    ImGui::SetNextItemWidth(-110);
    float minMw = static_cast<float>(m.minMw);
    if (ImGui::SliderFloat("min campus MW", &minMw, 0.0f, 2000.0f, "%.0f MW")) m.minMw = minMw;
    ImGui::SetNextItemWidth(-110);
    ImGui::SliderFloat("column height", &m.columnScale, 0.25f, 3.0f, "x%.2f");
    ImGui::SetNextItemWidth(-110);
    ImGui::SliderFloat("glyph size", &m.glyphScale, 0.5f, 2.5f, "x%.2f");
    // Size-by: capacity at t, or uniform (to compare places without size dominating).
    ImGui::Checkbox("Height = MW", &m.columnHeightByCapacity);
    ImGui::SameLine();
    ImGui::Checkbox("Glyph area = MW", &m.glyphSizeByCapacity);
}

/// Campus filters: statuses and operators (the map, labels and legend follow them).
void drawCampusFilters(MapSettings& m, const OperatorPalette& ops) {
    if (ImGui::TreeNode("Filter campuses")) {
        for (Status st : {Status::Announced, Status::Permitted, Status::Construction, Status::Operating,
                          Status::Retired}) {
            bool on = (m.statusMask >> static_cast<int>(st)) & 1u;
            if (ImGui::Checkbox(statusName(st), &on)) m.statusMask ^= 1u << static_cast<int>(st);
            ImGui::SameLine();
        }
        ImGui::NewLine();
        for (int g = 0; g <= static_cast<int>(ops.groups.size()); ++g) {
            const bool other = g == static_cast<int>(ops.groups.size());
            const int bit = other ? MapSettings::kOtherOperatorsBit : g;
            bool on = (m.operatorMask >> bit) & 1u;
            const glm::vec4 c = ops.color(other ? -1 : g);
            ImGui::ColorButton(("##op" + std::to_string(g)).c_str(), ImVec4(c.r, c.g, c.b, 1.0f),
                               ImGuiColorEditFlags_NoTooltip, ImVec2(12, 12));
            ImGui::SameLine();
            if (ImGui::Checkbox(other ? "Other operators" : ops.groups[static_cast<std::size_t>(g)].c_str(),
                                &on))
                m.operatorMask ^= 1u << bit;
        }
        if (ImGui::SmallButton("Show all")) m.statusMask = 0x7Fu, m.operatorMask = 0xFFFFFFFFu;
        ImGui::TreePop();
    }
}

/// Choropleth: any metric with series on basemap regions (not the nation).
void drawChoroplethChooser(const UiState& ui, MapSettings& m) {
    std::set<std::string> metrics;
    if (ui.scenario)
        for (const Series& s : ui.scenario->series)
            if (s.target.kind == EntityKind::Region &&
                !ui.scenario->basemap->regions[static_cast<std::size_t>(s.target.index)].isNation())
                metrics.insert(s.metric);
    ImGui::SetNextItemWidth(-1);
    const char* preview = m.choroplethMetric.empty()                        ? "Regions: no choropleth"
                          : m.choroplethMetric == kPowerMarginChoropleth ? "Regions: power margin"
                                                                         : m.choroplethMetric.c_str();
    if (ImGui::BeginCombo("##choropleth", preview)) {
        if (ImGui::Selectable("No choropleth", m.choroplethMetric.empty())) m.choroplethMetric.clear();
        if (ImGui::Selectable("Power margin (supply - demand)", m.choroplethMetric == kPowerMarginChoropleth))
            m.choroplethMetric = kPowerMarginChoropleth;
        for (const auto& metric : metrics)
            if (ImGui::Selectable(metric.c_str(), metric == m.choroplethMetric)) m.choroplethMetric = metric;
        if (metrics.empty()) ImGui::TextDisabled("(this scenario has no region series)");
        ImGui::EndCombo();
    }
}

/// The national view and a menu of the named views (regions, clusters) to fly to.
void drawViewButtons(UiState& ui, const MapView& map, double aspect) {
    if (ui.scenario && map.loaded()) {
        const auto views = namedViews(*ui.scenario, *map.frame, aspect);
        if (ImGui::Button("National", ImVec2(-1, 0))) flyTo(ui, views[0].camera);
        ImGui::SetNextItemWidth(-1);
        if (ImGui::BeginCombo("##views", "Fly to a state or cluster...")) {
            for (std::size_t i = 1; i < views.size(); ++i)
                if (ImGui::Selectable((views[i].label + "##" + views[i].id).c_str()))
                    flyTo(ui, views[i].camera);
            ImGui::EndCombo();
        }
    }
}

/// The same entries as the on-map legend, drawn with ImGui primitives.
void drawLegendList(const MapView& map, const MapSettings& m, const Fonts& fonts) {
    LegendInputs inputs;
    inputs.scenario = map.scenario;
    inputs.operators = map.operators;
    inputs.facts = map.legendFacts;
    inputs.dense = map.dense;
    inputs.choroplethRange = map.choroplethRange;
    for (const LegendEntry& e : legendEntries(inputs, m)) {
        if (e.heading) {
            ImGui::PushFont(fonts.small);
            ImGui::TextDisabled("%s", e.text.c_str());
            ImGui::PopFont();
            continue;
        }
        const ImVec2 c = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(18, ImGui::GetTextLineHeight()));
        legendSymbolImGui(e, ImVec2(c.x + 8, c.y + ImGui::GetTextLineHeight() * 0.5f));
        ImGui::SameLine();
        ImGui::TextUnformatted(e.text.c_str());
    }
}

} // namespace

void drawLayersPanel(UiState& ui, const MapView& map, const Fonts& fonts, float x, float y, float w, float h,
                     double aspect) {
    ImGui::SetNextWindowPos(ImVec2(x, y));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::Begin("Layers", nullptr,
                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
    drawScenarioChooser(ui);
    drawComparisonControls(ui);
    ImGui::Separator();
    MapSettings& m = ui.map;
    ImGui::PushFont(fonts.small);
    ImGui::TextDisabled("LAYER                                 OPACITY");
    ImGui::PopFont();
    layerRow("Datacenters", m.datacenters, "dc");
    layerRow("Power plants", m.powerPlants, "pp");
    layerRow("Transmission", m.transmission, "tx");
    layerRow("Superclusters", m.superclusters, "sc");
    layerRow("AI Economic Zones", m.zones, "zn");
    layerRow("Basemap", m.basemap, "bm");
    ImGui::Separator();
    drawStyleControls(m);
    // Campus filters: statuses and operators (the map, labels and legend follow them).
    if (map.operators) drawCampusFilters(m, *map.operators);
    ImGui::Checkbox("Labels", &m.labels);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderInt("##density", &m.maxLabels, 0, 40, "%d site labels");

    // Choropleth: any metric with series on basemap regions (not the nation).
    drawChoroplethChooser(ui, m);
    ImGui::Separator();
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted("Views");
    ImGui::PopFont();
    drawViewButtons(ui, map, aspect);
    ImGui::SetNextItemWidth(-110);
    char folder[512];
    std::snprintf(folder, sizeof folder, "%s", ui.screenshotFolder.c_str());
    if (ImGui::InputText("F12 folder", folder, sizeof folder)) ui.screenshotFolder = folder;

    ImGui::Separator();
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted("Legend");
    ImGui::PopFont();
    drawLegendList(map, m, fonts);
    ImGui::End();
}

} // namespace buildout
