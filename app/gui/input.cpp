// Shortcuts and map mouse handling.
#include "app/gui/input.h"

#include "core/power_balance.h"
#include "core/view/dense_layers.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace buildout {

namespace {

/// What is under the pointer: an entity, or a merged column of campuses (index into the merged level).
struct Picked {
    std::optional<EntityRef> entity;
    int group = -1;
};

/// The entity of `s` (drawn as `map` says) nearest to the mouse within `radius` pixels (labels first, then
/// campuses, or the merged columns when the frame merged them, then plants).
Picked pick(const UiState& ui, const Scenario& s, const MapView& map, const glm::mat4& vp, glm::vec2 mouse,
            glm::vec2 size, float radius) {
    if (!map.loaded()) return {};
    if (map.labels)
        for (const PlacedLabel& l : *map.labels)
            if (mouse.x >= l.minPx.x && mouse.x <= l.maxPx.x && mouse.y >= l.minPx.y && mouse.y <= l.maxPx.y)
                return {l.entity, -1};
    const TimeDays t = ui.playback.time;
    Picked best;
    float bestD = radius;
    auto considerKm = [&](glm::vec2 km, double heightKm, EntityRef ref, int group) {
        for (double z : {0.0, heightKm * 0.5, heightKm}) {
            const glm::vec4 c = vp * glm::vec4(km, static_cast<float>(z), 1.0f);
            if (c.w <= 0) continue;
            const glm::vec2 p((c.x / c.w * 0.5f + 0.5f) * size.x, (0.5f - c.y / c.w * 0.5f) * size.y);
            const float d = glm::length(p - mouse);
            if (d < bestD) bestD = d, best = group >= 0 ? Picked{std::nullopt, group} : Picked{ref, -1};
        }
    };
    auto consider = [&](glm::dvec2 xy, double heightKm, EntityRef ref) {
        considerKm(glm::vec2(map.frame->toWorld(xy)), heightKm, ref, -1);
    };
    if (const DenseLevel* merged = map.mergedCampuses; merged && map.denseLayers && ui.map.datacenters.visible) {
        // Merged columns: a few hundred groups instead of every campus.
        for (std::size_t g = 0; g < merged->campusCenters.size(); ++g) {
            const double mw = mergedCampusBuiltMw(*map.denseLayers, *merged, g, t);
            considerKm(merged->campusCenters[g], mw * map.dense.campusHeightScale * kKmPerMw * ui.map.columnScale, {},
                       static_cast<int>(g));
        }
    } else if (ui.map.datacenters.visible)
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
    return best;
}

/// On the power-margin map, a click on a region (not on an asset) picks its group for the balance chart.
void pickBalanceRegion(UiState& ui, const MapView& map, double aspect, glm::vec2 mouse, glm::vec2 size) {
    glm::dvec2 km;
    if (!map.loaded() || !groundPointAt(ui.camera, aspect, mouse, size, km)) return;
    const Scenario& s = *ui.scenario;
    const int r = s.basemap->regionAt(map.frame->toMeters(km));
    if (r < 0) return;
    const std::vector<int> groupOf = regionGroupIndex(s);
    const int g = groupOf[static_cast<std::size_t>(r)];
    if (g < 0) return;
    ui.balanceGroup = s.regionGroups.empty() ? s.basemap->regions[static_cast<std::size_t>(r)].id
                                             : s.regionGroups.groups[static_cast<std::size_t>(g)].id;
    ui.showInspector = true;
}

/// A click on the map: the left button released without dragging.
bool clicked() {
    const ImVec2 drag = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left);
    return ImGui::IsMouseReleased(ImGuiMouseButton_Left) && drag.x == 0 && drag.y == 0;
}

} // namespace

namespace {

/// The digit 0-9 pressed this frame (top row or keypad), or -1.
int digitPressed() {
    for (int d = 0; d <= 9; ++d)
        if (ImGui::IsKeyPressed(GLFW_KEY_0 + d) || ImGui::IsKeyPressed(GLFW_KEY_KP_0 + d)) return d;
    return -1;
}

/// Presentation mode's keys, as PowerPoint has them: next/previous beat (Page Down/Up, arrows, Space is
/// left to playback), Home/End the first/last beat, digits + Enter beat N, B or . black screen.
void handlePresentationKeys(UiState& ui, const MapView& map, double aspect) {
    if (ImGui::IsKeyPressed(GLFW_KEY_B) || ImGui::IsKeyPressed(GLFW_KEY_PERIOD)) ui.blackout = !ui.blackout;
    if (const int d = digitPressed(); d >= 0 && ui.beatEntry.size() < 4)
        ui.beatEntry += static_cast<char>('0' + d);
    if (ImGui::IsKeyPressed(GLFW_KEY_BACKSPACE) && !ui.beatEntry.empty()) ui.beatEntry.pop_back();
    if (!map.loaded()) return;
    const int last = ui.scenario ? static_cast<int>(ui.scenario->manifest.events.size()) - 1 : -1;
    int target = ui.beat;
    if (ImGui::IsKeyPressed(GLFW_KEY_ENTER) || ImGui::IsKeyPressed(GLFW_KEY_KP_ENTER)) {
        if (!ui.beatEntry.empty()) target = std::stoi(ui.beatEntry) - 1;
        ui.beatEntry.clear();
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN) || ImGui::IsKeyPressed(GLFW_KEY_RIGHT) ||
        ImGui::IsKeyPressed(GLFW_KEY_DOWN))
        target = ui.beat + 1;
    if (ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP) || ImGui::IsKeyPressed(GLFW_KEY_LEFT) ||
        ImGui::IsKeyPressed(GLFW_KEY_UP))
        target = ui.beat - 1;
    if (ImGui::IsKeyPressed(GLFW_KEY_HOME)) target = 0;
    if (ImGui::IsKeyPressed(GLFW_KEY_END)) target = last;
    if (target != ui.beat && last >= 0) goToBeat(ui, target, aspect, *map.frame);
}

} // namespace

void handleShortcuts(UiState& ui, const MapView& map, double aspect) {
    const ImGuiIO& io = ImGui::GetIO();
    const bool shift = io.KeyShift, ctrl = io.KeyCtrl;
    if (ImGui::IsKeyPressed(GLFW_KEY_SPACE)) ui.playback.playing = !ui.playback.playing;
    if (ImGui::IsKeyPressed(GLFW_KEY_F1)) ui.showHelp = !ui.showHelp;
    if (ImGui::IsKeyPressed(GLFW_KEY_F6)) ui.presenterView = !ui.presenterView;
    if (ImGui::IsKeyPressed(GLFW_KEY_F5)) {
        ui.presenting = !ui.presenting;
        if (ui.presenting && ui.beat < 0) ui.beat = -1; // the first → goes to the first event
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) {
        if (!ui.beatEntry.empty()) ui.beatEntry.clear();
        else if (ui.presenting) ui.presenting = false;
        else ui.showHelp = false;
    }
    if (!ui.presenting) ui.blackout = false, ui.beatEntry.clear();
    if (ImGui::IsKeyPressed(GLFW_KEY_R)) ui.playback.reverse = !ui.playback.reverse;
    if (ImGui::IsKeyPressed(GLFW_KEY_L)) ui.map.labels = !ui.map.labels;
    if (ImGui::IsKeyPressed(GLFW_KEY_N) && ui.scenario && map.loaded()) {
        CameraState cam;
        if (findNamedView(*ui.scenario, *map.frame, aspect, "national", cam)) flyTo(ui, cam);
    }
    if (ui.presenting) {
        handlePresentationKeys(ui, map, aspect);
        return;
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_HOME)) ui.playback.time = ui.start();
    if (ImGui::IsKeyPressed(GLFW_KEY_END)) ui.playback.time = ui.lastInstant();
    LayerSettings* layers[] = {&ui.map.datacenters, &ui.map.powerPlants, &ui.map.transmission,
                               &ui.map.superclusters, &ui.map.zones, &ui.map.basemap};
    for (int k = 0; k < 6; ++k)
        if (ImGui::IsKeyPressed(GLFW_KEY_1 + k)) layers[k]->visible = !layers[k]->visible;
    if (map.loaded() && ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN))
        goToBeat(ui, ui.beat + 1, aspect, *map.frame);
    if (map.loaded() && ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP))
        goToBeat(ui, ui.beat - 1, aspect, *map.frame);
    const int step = ctrl ? 12 : shift ? 3 : 1;
    if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT)) stepMonths(ui, step);
    if (ImGui::IsKeyPressed(GLFW_KEY_LEFT)) stepMonths(ui, -step);
}

void handleMapMouse(UiState& ui, const MapView& map, glm::vec2 mouse, glm::vec2 size, float pixelScale) {
    const ImGuiIO& io = ImGui::GetIO();
    ui.hovered.reset();
    ui.hoveredGroup.reset();
    if (!ui.scenario || size.x <= 0 || size.y <= 0) return;
    const double aspect = static_cast<double>(size.x) / size.y;
    glm::dvec2 before, after;
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        const glm::vec2 prev = mouse - glm::vec2(io.MouseDelta.x, io.MouseDelta.y) * pixelScale;
        if (groundPointAt(ui.camera, aspect, prev, size, before) && groundPointAt(ui.camera, aspect, mouse, size, after))
            ui.camera.target += before - after;
        ui.flight.reset();
    }
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Right)) {
        ui.camera.headingDeg += io.MouseDelta.x * 0.25;
        ui.camera.tiltDeg = std::clamp(ui.camera.tiltDeg + io.MouseDelta.y * 0.2, 0.0, 75.0);
        ui.flight.reset();
    }
    if (io.MouseWheel != 0.0f) {
        const bool hit = groundPointAt(ui.camera, aspect, mouse, size, before);
        ui.camera.distanceKm = std::clamp(ui.camera.distanceKm * std::pow(0.88, io.MouseWheel), 30.0, 30000.0);
        if (hit && groundPointAt(ui.camera, aspect, mouse, size, after)) ui.camera.target += before - after;
        ui.flight.reset();
    }
    const Picked picked = pick(ui, *ui.scenario, map, ui.camera.viewProjection(aspect), mouse, size, 12.0f * pixelScale);
    ui.hovered = picked.entity;
    ui.hoveredGroup.reset();
    if (const DenseLevel* merged = map.mergedCampuses; merged && picked.group >= 0) {
        const auto g = static_cast<std::size_t>(picked.group);
        UiState::HoveredGroup hg;
        hg.cellKm = merged->cellKm;
        for (std::uint32_t m = merged->campusMemberStart[g]; m < merged->campusMemberStart[g + 1]; ++m)
            hg.campuses.push_back(static_cast<int>(merged->campusMembers[m]));
        ui.hoveredGroup = std::move(hg);
        // A click on a merged column flies in until its campuses stand apart.
        if (clicked()) {
            CameraState target = ui.camera;
            target.target = glm::dvec2(merged->campusCenters[g]);
            target.distanceKm = std::max(30.0, ui.camera.distanceKm * 0.3);
            flyTo(ui, target);
        }
    }
    ui.compare.hoveredB.reset();
    if (clicked() && picked.group < 0) ui.selected = ui.hovered, ui.compare.selectedB.reset();
    if (clicked() && picked.group < 0 && !picked.entity && ui.map.choroplethMetric == kPowerMarginChoropleth)
        pickBalanceRegion(ui, map, aspect, mouse, size);
}

void pickInComparison(UiState& ui, const MapView& mapB, glm::vec2 mouse, glm::vec2 size, float pixelScale) {
    if (!ui.comparing() || size.x <= 0 || size.y <= 0) return;
    const CompareMode mode = ui.compare.view.mode;
    // Side by side, `mouse` is already relative to the half it is over; B's half starts at the split.
    const bool overB = mode == CompareMode::Swipe ? mouse.x >= ui.compare.view.swipe * size.x
                     : mode == CompareMode::Diff ? !ui.hovered
                                                 : ui.compare.pointerInRightHalf;
    if (!overB) return;
    const Scenario& b = *ui.compare.scenario;
    const double aspect = static_cast<double>(size.x) / size.y;
    // Over B's map, a merged column of B has no tooltip (its members are B's campuses, the tooltip reads A).
    const std::optional<EntityRef> hit =
        pick(ui, b, mapB, ui.camera.viewProjection(aspect), mouse, size, 12.0f * pixelScale).entity;
    ui.hovered.reset();
    ui.hoveredGroup.reset();
    ui.compare.hoveredB.reset();
    if (hit) {
        const int inA = ui.scenario->find(hit->kind, b.entity(*hit).id);
        if (inA >= 0) ui.hovered = EntityRef{hit->kind, inA};
        else ui.compare.hoveredB = hit;
    }
    if (clicked()) ui.selected = ui.hovered, ui.compare.selectedB = ui.compare.hoveredB;
}

} // namespace buildout
