// Right panel: the selected entity in full, and the dashboard of national figures at t.
#include "app/gui/panels.h"

#include "core/dense_aggregation.h"
#include "core/summary.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace buildout {

namespace {

/// TextDisabled that wraps at the panel's edge: the dashboard's notes are sentences, which the inspector's
/// width would otherwise clip.
void textDisabledWrapped(const char* fmt, ...) IM_FMTARGS(1);
void textDisabledWrapped(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrappedV(fmt, args);
    ImGui::PopStyleColor();
    va_end(args);
}

ImU32 col(float r, float g, float b, float a = 1.0f) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(r, g, b, a));
}

/// Capacity of an entity over the scenario, with the cursor at t.
void sparkline(const UiState& ui, const EntityBase& e, float width, float height) {
    const Scenario& s = *ui.scenario;
    std::vector<float> values;
    double hi = 1;
    for (double t = ui.start(); t <= ui.end(); t += 30.44) {
        const Status st = e.life.statusAt(t);
        const double mw = st == Status::Operating ? s.capacityAt(e, t) : 0.0;
        values.push_back(static_cast<float>(isKnown(mw) ? mw : 0.0));
        hi = std::max(hi, static_cast<double>(values.back()));
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    dl->AddRectFilled(o, ImVec2(o.x + width, o.y + height), col(0.08f, 0.1f, 0.15f), 4.0f);
    for (std::size_t i = 1; i < values.size(); ++i) {
        const float x0 = o.x + width * static_cast<float>(i - 1) / static_cast<float>(values.size() - 1);
        const float x1 = o.x + width * static_cast<float>(i) / static_cast<float>(values.size() - 1);
        const float y0 = o.y + height - 4 - (height - 8) * values[i - 1] / static_cast<float>(hi);
        const float y1 = o.y + height - 4 - (height - 8) * values[i] / static_cast<float>(hi);
        dl->AddLine(ImVec2(x0, y0), ImVec2(x1, y1), col(0.21f, 0.82f, 0.73f), 2.0f);
    }
    const float cx =
        o.x + width * static_cast<float>((ui.playback.time - ui.start()) / (ui.end() - ui.start()));
    dl->AddLine(ImVec2(cx, o.y), ImVec2(cx, o.y + height), col(1, 1, 1, 0.8f), 1.5f);
    char axis[32];
    std::snprintf(axis, sizeof axis, "%s peak operating", formatPower(hi).c_str());
    dl->AddText(ImVec2(o.x + 4, o.y + 2), col(0.6f, 0.66f, 0.75f), axis);
}

bool link(const std::string& label) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.45f, 0.75f, 1.0f, 1.0f));
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return ImGui::IsItemClicked();
}

void flyToPoint(UiState& ui, const MapFrame& frame, glm::dvec2 xy, double aspect) {
    const glm::dvec2 km = frame.toWorld(xy);
    flyTo(ui, frameBox(km - glm::dvec2(220.0), km + glm::dvec2(220.0), aspect, 45.0));
}

void drawSelection(UiState& ui, const MapView& map, const Fonts& fonts, double aspect) {
    const Scenario& s = *ui.scenario;
    const EntityRef ref = *ui.selected;
    const EntityBase& e = s.entity(ref);
    const TimeDays t = ui.playback.time;
    ImGui::PushFont(fonts.strong);
    ImGui::TextWrapped("%s", e.label().c_str());
    ImGui::PopFont();
    ImGui::TextDisabled("%s  \xC2\xB7  id %s", kindName(ref.kind), e.id.c_str());
    const Status st = e.life.statusAt(t);
    const double mw = s.capacityAt(e, t);
    if (ImGui::BeginTable("##facts", 2, ImGuiTableFlags_SizingStretchProp)) {
        auto row = [](const char* k, const std::string& v) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", k);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", v.c_str());
        };
        row("Status", statusName(st));
        if (ref.kind != EntityKind::Supercluster && ref.kind != EntityKind::Zone)
            row("Capacity", formatPower(mw));
        for (int k = 0; k < Lifecycle::kStageCount; ++k)
            if (e.life.dates[static_cast<std::size_t>(k)] != kNoDay)
                row(Lifecycle::stageColumn(k), formatDate(e.life.dates[static_cast<std::size_t>(k)]));
        if (ref.kind == EntityKind::Datacenter) {
            const Datacenter& d = s.datacenters[static_cast<std::size_t>(ref.index)];
            row("Basis", campusFigureText(d.basis, mw, s.manifest.assumptions));
            row("Operator", d.operatorName.empty() ? "unknown" : d.operatorName);
            row("Location", d.precision == LocationPrecision::Approximate ? "approximate" : "exact");
            if (d.region >= 0) row("Region", s.basemap->regions[static_cast<std::size_t>(d.region)].name);
        } else if (ref.kind == EntityKind::PowerPlant) {
            const PowerPlant& p = s.powerPlants[static_cast<std::size_t>(ref.index)];
            row("Fuel", fuelName(p.fuel));
            if (!p.owner.empty()) row("Owner", p.owner);
        } else if (ref.kind == EntityKind::Transmission) {
            const TransmissionLine& l = s.lines[static_cast<std::size_t>(ref.index)];
            char kv[32];
            std::snprintf(kv, sizeof kv, "%.0f kV %s", l.kv, l.current == Current::HVDC ? "HVDC" : "AC");
            row("Voltage", kv);
        }
        for (const Attribute& a : e.attributes)
            row(a.key.c_str(), a.value);
        ImGui::EndTable();
    }
    if (!e.source.empty()) {
        ImGui::TextDisabled("Source");
        ImGui::TextWrapped("%s", e.source.c_str());
        if (ImGui::SmallButton("Copy link")) ImGui::SetClipboardText(e.source.c_str());
    }
    if (ref.kind == EntityKind::Datacenter || ref.kind == EntityKind::PowerPlant) {
        ImGui::Spacing();
        sparkline(ui, e, ImGui::GetContentRegionAvail().x, 70.0f * ImGui::GetFontSize() / 15.0f);
    }
    // Linked entities, clickable.
    if (ref.kind == EntityKind::Datacenter) {
        for (std::size_t i = 0; i < s.powerPlants.size(); ++i) {
            const auto& serves = s.powerPlants[i].serves;
            if (std::find(serves.begin(), serves.end(), ref.index) != serves.end() &&
                link("Powered by " + s.powerPlants[i].label()))
                ui.selected = EntityRef{EntityKind::PowerPlant, static_cast<int>(i)};
        }
        const glm::dvec2 xy = s.datacenters[static_cast<std::size_t>(ref.index)].xy;
        for (std::size_t i = 0; i < s.zones.size(); ++i)
            for (const PolygonXY& poly : s.zones[i].polygonsXY)
                if (pointInPolygon(poly, xy) && link("In zone " + s.zones[i].label())) {
                    ui.selected = EntityRef{EntityKind::Zone, static_cast<int>(i)};
                    break;
                }
        for (std::size_t i = 0; i < s.superclusters.size(); ++i) {
            const auto& m = s.superclusters[i].members;
            if (std::find(m.begin(), m.end(), ref.index) != m.end() &&
                link("Part of " + s.superclusters[i].label()))
                ui.selected = EntityRef{EntityKind::Supercluster, static_cast<int>(i)};
        }
    } else if (ref.kind == EntityKind::PowerPlant) {
        for (int d : s.powerPlants[static_cast<std::size_t>(ref.index)].serves)
            if (link("Serves " + s.datacenters[static_cast<std::size_t>(d)].label()))
                ui.selected = EntityRef{EntityKind::Datacenter, d};
    } else if (ref.kind == EntityKind::Supercluster) {
        for (int d : s.superclusters[static_cast<std::size_t>(ref.index)].members)
            if (link("Member: " + s.datacenters[static_cast<std::size_t>(d)].label()))
                ui.selected = EntityRef{EntityKind::Datacenter, d};
    }
    ImGui::Spacing();
    if (ImGui::Button("Fly to") && map.loaded()) {
        if (ref.kind == EntityKind::Datacenter)
            flyToPoint(ui, *map.frame, s.datacenters[static_cast<std::size_t>(ref.index)].xy, aspect);
        else if (ref.kind == EntityKind::PowerPlant)
            flyToPoint(ui, *map.frame, s.powerPlants[static_cast<std::size_t>(ref.index)].xy, aspect);
        else {
            CameraState cam;
            if (findNamedView(s, *map.frame, aspect, e.id, cam)) flyTo(ui, cam);
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Clear selection")) ui.selected.reset();
}

void drawDashboard(UiState& ui, const Fonts& fonts) {
    const Scenario& s = *ui.scenario;
    const TimeDays t = ui.playback.time;
    // The per-entity summary is recomputed only when the date changes by a day (not every frame while the
    // camera moves), and on a worker for big scenarios (app/gui/dashboard_summary.h).
    const Day day = static_cast<Day>(std::floor(t));
    const Summary* summary = ui.dashboardSummary->at(ui.scenario, day);
    if (!summary) {
        textDisabledWrapped("Summing up %zu campuses\xE2\x80\xA6", s.datacenters.size());
        return;
    }
    const Summary& sum = *summary;
    const auto& dc = sum.kinds[static_cast<std::size_t>(EntityKind::Datacenter)];
    auto figure = [&](const char* label, double mw, ImVec4 color) {
        ImGui::PushFont(fonts.large);
        ImGui::TextColored(color, "%s", formatPower(mw).c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", label);
    };
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted("National AI datacenter capacity");
    ImGui::PopFont();
    figure("operating", dc[static_cast<std::size_t>(statusIndex(Status::Operating))].mw,
           ImVec4(0.21f, 0.82f, 0.73f, 1));
    figure("under construction", dc[static_cast<std::size_t>(statusIndex(Status::Construction))].mw,
           ImVec4(0.96f, 0.65f, 0.14f, 1));
    figure("announced",
           dc[static_cast<std::size_t>(statusIndex(Status::Announced))].mw +
               dc[static_cast<std::size_t>(statusIndex(Status::Permitted))].mw,
           ImVec4(0.7f, 0.76f, 0.84f, 1));
    int unknown = 0, apart = 0;
    for (const auto& st : dc) {
        unknown += st.unknownMwCount;
        apart += st.apartCount;
    }
    // The figures above are facility demand (core/capacity_basis.h): say how IT load was converted, and
    // that grid-request and generation figures are not in them.
    if (sum.assumptions.hasPue())
        textDisabledWrapped("facility power; IT load \xC3\x97 PUE %g", sum.assumptions.pue);
    else
        ImGui::TextDisabled("facility power");
    if (unknown > 0) textDisabledWrapped("+ %d campuses of undisclosed capacity", unknown);
    if (apart > 0)
        textDisabledWrapped("+ %d campuses given as grid request or generation (not added)", apart);
    const StatusTotals& cancelled = dc[static_cast<std::size_t>(statusIndex(Status::Cancelled))];
    if (cancelled.count > 0)
        textDisabledWrapped("%d cancelled (%s), counted apart", cancelled.count,
                            formatPower(cancelled.mw).c_str());
    drawPowerBalance(ui, fonts); // the room's first question: can the power keep up, region by region?

    auto topList = [&](const char* title, const std::map<std::string, double>& m, int n) {
        ImGui::Spacing();
        ImGui::PushFont(fonts.strong);
        ImGui::TextUnformatted(title);
        ImGui::PopFont();
        std::vector<std::pair<std::string, double>> v(m.begin(), m.end());
        std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        double hi = v.empty() ? 1.0 : std::max(v.front().second, 1.0);
        if (!v.empty() && ImGui::BeginTable(title, 2, ImGuiTableFlags_SizingStretchProp)) {
            // An explicit weight: left to fit its first frame's contents, the name column of a 100k
            // scenario's lists came out two letters wide ("ga", "Te") for the whole session.
            ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed,
                                    72.0f * ImGui::GetFontSize() / 15.0f);
            for (int i = 0; i < n && i < static_cast<int>(v.size()); ++i) {
                const auto& [name, value] = v[static_cast<std::size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                // A bar behind the name shows the share of the largest.
                const ImVec2 o = ImGui::GetCursorScreenPos();
                const float w = ImGui::GetContentRegionAvail().x;
                ImGui::GetWindowDrawList()->AddRectFilled(
                    o, ImVec2(o.x + w * static_cast<float>(value / hi), o.y + ImGui::GetTextLineHeight()),
                    col(0.21f, 0.82f, 0.73f, 0.22f), 3.0f);
                ImGui::TextUnformatted(name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(formatPower(value).c_str());
            }
            ImGui::EndTable();
        }
        if (v.empty()) ImGui::TextDisabled("none operating yet");
    };
    topList("Generation by fuel (dedicated, operating)", sum.generationByFuelMw, 8);
    std::map<std::string, double> states;
    for (const auto& [id, mw] : sum.regionDatacenterMw) {
        const int r = s.find(EntityKind::Region, id);
        states[r >= 0 ? s.basemap->regions[static_cast<std::size_t>(r)].name : id] += mw;
    }
    topList("Top states (operating datacenters)", states, 6);
    // Operators are grouped by their leading name, as the map colours them.
    std::map<std::string, double> operators;
    for (const auto& [name, mw] : sum.operatorDatacenterMw)
        operators[OperatorPalette::groupName(name)] += mw;
    topList("Top operators (operating datacenters)", operators, 6);
    if (!sum.superclusters.empty()) {
        ImGui::Spacing();
        ImGui::PushFont(fonts.strong);
        ImGui::TextUnformatted("Superclusters");
        ImGui::PopFont();
        for (const auto& [id, c] : sum.superclusters) {
            const int idx = s.find(EntityKind::Supercluster, id);
            const std::string label = idx >= 0 ? s.superclusters[static_cast<std::size_t>(idx)].label() : id;
            std::string text = label + ": " + formatPower(c.mw);
            if (isKnown(c.compute)) {
                char buf[48];
                std::snprintf(buf, sizeof buf, ", compute %.3g", c.compute);
                text += buf;
            }
            if (link(text)) ui.selected = EntityRef{EntityKind::Supercluster, idx};
        }
    }
    drawNationalSeries(ui, fonts);
}

} // namespace

void drawInspectorPanel(UiState& ui, const MapView& map, const Fonts& fonts, float x, float y, float w,
                        float h, double aspect) {
    ImGui::SetNextWindowPos(ImVec2(x, y));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::Begin("Inspector", nullptr,
                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
    if (!ui.scenario) {
        ImGui::TextDisabled("No scenario loaded");
    } else {
        if (ui.selected) {
            drawSelection(ui, map, fonts, aspect);
            drawComparisonSelection(ui, fonts);
            ImGui::Separator();
        } else if (ui.comparing() && ui.compare.selectedB) {
            drawComparisonSelection(ui, fonts); // an asset only B has
            ImGui::Separator();
        } else {
            ImGui::TextDisabled("Click a campus, plant or cluster to inspect it.");
        }
        drawComparisonDashboard(ui, fonts);
        drawDashboard(ui, fonts);
    }
    ImGui::End();
}

namespace {

/// A merged column (dense layers): how many campuses, their facility power by status at t (the rule the
/// column's height uses, core's sumMergedCampuses), figures shown apart, the largest.
void drawGroupTooltip(const UiState& ui, const UiState::HoveredGroup& group) {
    const Scenario& s = *ui.scenario;
    const MergedCampusSum sum = sumMergedCampuses(s, group.campuses, ui.playback.time);
    ImGui::BeginTooltip();
    ImGui::Text("%d campuses here", sum.present);
    ImGui::TextDisabled("merged in a %.0f km cell at this zoom (%zu in all)", group.cellKm,
                        group.campuses.size());
    ImGui::Text("%s operating (facility power)", formatPower(sum.operatingMw).c_str());
    if (sum.constructionMw > 0) ImGui::Text("%s under construction", formatPower(sum.constructionMw).c_str());
    if (sum.plannedMw > 0) ImGui::Text("%s announced or permitted", formatPower(sum.plannedMw).c_str());
    if (sum.undisclosed > 0) ImGui::TextDisabled("+ %d of undisclosed capacity", sum.undisclosed);
    // Grid requests and on-site generation are not campus load: named apart, not in the column.
    if (sum.gridMw > 0) ImGui::TextDisabled("apart: %s grid requests", formatPower(sum.gridMw).c_str());
    if (sum.generationMw > 0)
        ImGui::TextDisabled("apart: %s on-site generation", formatPower(sum.generationMw).c_str());
    if (sum.itApartMw > 0)
        ImGui::TextDisabled("apart: %s IT load (no PUE stated)", formatPower(sum.itApartMw).c_str());
    if (sum.largest >= 0)
        ImGui::TextDisabled("largest: %s (%s)",
                            s.datacenters[static_cast<std::size_t>(sum.largest)].label().c_str(),
                            formatPower(sum.largestMw).c_str());
    ImGui::TextDisabled("click to zoom in");
    ImGui::EndTooltip();
}

} // namespace

void drawHoverTooltip(const UiState& ui) {
    if (!ui.hovered && ui.hoveredGroup && ui.scenario) {
        drawGroupTooltip(ui, *ui.hoveredGroup);
        return;
    }
    if (!ui.hovered) drawOnlyInBTooltip(ui);
    if (!ui.hovered || !ui.scenario) return;
    const Scenario& s = *ui.scenario;
    const EntityBase& e = s.entity(*ui.hovered);
    const TimeDays t = ui.playback.time;
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(e.label().c_str());
    if (ui.hovered->kind == EntityKind::Datacenter) {
        const Datacenter& d = s.datacenters[static_cast<std::size_t>(ui.hovered->index)];
        if (!d.operatorName.empty()) ImGui::TextDisabled("%s", d.operatorName.c_str());
        const double mw = s.capacityAt(e, t);
        ImGui::Text("%s  \xC2\xB7  %s %s", statusName(e.life.statusAt(t)), formatPower(mw).c_str(),
                    isKnown(mw) ? capacityBasisSuffix(d.basis) : "");
        if (d.basis != CapacityBasis::Unstated && d.basis != CapacityBasis::Facility)
            ImGui::TextDisabled("%s", campusFigureText(d.basis, mw, s.manifest.assumptions).c_str());
        ImGui::TextDisabled("location %s",
                            d.precision == LocationPrecision::Approximate ? "approximate" : "exact");
    } else if (ui.hovered->kind == EntityKind::PowerPlant) {
        const PowerPlant& p = s.powerPlants[static_cast<std::size_t>(ui.hovered->index)];
        ImGui::TextDisabled("%s plant", fuelName(p.fuel));
        ImGui::Text("%s  \xC2\xB7  %s", statusName(e.life.statusAt(t)),
                    formatPower(s.capacityAt(e, t)).c_str());
    }
    drawComparisonTooltip(ui, *ui.hovered);
    ImGui::EndTooltip();
}

} // namespace buildout
