// Playback, stepping, flights and beats: the UI's state changes, independent of ImGui.
#include "app/gui/ui_state.h"

#include <algorithm>
#include <cmath>

namespace buildout {

TimeDays UiState::start() const {
    if (!scenario) return 0;
    if (comparing()) {
        const auto [lo, hi] = commonRange(*scenario, *compare.scenario);
        if (lo <= hi) return lo;
    }
    return scenario->manifest.start;
}

TimeDays UiState::end() const {
    if (!scenario) return 1;
    if (comparing()) {
        const auto [lo, hi] = commonRange(*scenario, *compare.scenario);
        if (lo <= hi) return hi + 1.0;
    }
    return scenario->manifest.end + 1.0;
}

TimeDays UiState::clampTime(TimeDays t) const { return std::clamp(t, static_cast<double>(start()), lastInstant()); }

void advancePlayback(UiState& ui, double wallSeconds) {
    Playback& p = ui.playback;
    if (!p.playing || !ui.scenario) return;
    const TimeDays before = p.time;
    const double dir = p.reverse ? -1.0 : 1.0;
    p.time += dir * p.daysPerSecond * wallSeconds;
    if (p.pauseOnEvents) {
        for (const ScenarioEvent& e : ui.scenario->manifest.events) {
            const TimeDays et = e.date;
            if ((dir > 0 && before < et && p.time >= et) || (dir < 0 && before > et && p.time <= et)) {
                p.time = et;
                p.playing = false;
                return;
            }
        }
    }
    if (p.time >= ui.end() || p.time < ui.start()) {
        if (p.loop) p.time = dir > 0 ? ui.start() : ui.lastInstant();
        else {
            p.time = ui.clampTime(p.time);
            p.playing = false;
        }
    }
}

void stepMonths(UiState& ui, int months) {
    const CivilDate c = civilFromDays(static_cast<Day>(std::floor(ui.playback.time)));
    int total = c.year * 12 + (c.month - 1) + months;
    // Stepping back from mid-month lands on the first of this month first.
    if (months < 0 && c.day > 1) total += 1;
    const Day d = daysFromCivil(total / 12, total % 12 + 1, 1);
    ui.playback.time = ui.clampTime(static_cast<double>(d));
}

void flyTo(UiState& ui, const CameraState& target, double seconds) {
    ui.flight = CameraFlight{ui.camera, target, 0.0, seconds};
}

bool updateFlight(UiState& ui, double wallSeconds) {
    if (!ui.flight) return false;
    CameraFlight& f = *ui.flight;
    f.elapsed += wallSeconds;
    const double u = f.durationSeconds > 0 ? f.elapsed / f.durationSeconds : 1.0;
    ui.camera = interpolateCamera(f.from, f.to, u);
    if (u >= 1.0) ui.flight.reset();
    return true;
}

void goToBeat(UiState& ui, int index, double aspect, const MapFrame& frame) {
    if (!ui.scenario || ui.scenario->manifest.events.empty()) return;
    const auto& events = ui.scenario->manifest.events;
    ui.beat = std::clamp(index, 0, static_cast<int>(events.size()) - 1);
    const ScenarioEvent& e = events[static_cast<std::size_t>(ui.beat)];
    ui.playback.time = e.date;
    ui.playback.playing = false;
    flyTo(ui, beatCamera(*ui.scenario, e, aspect, frame), 2.0);
}

CameraState beatCamera(const Scenario& s, const ScenarioEvent& e, double aspect, const MapFrame& frame) {
    // Frame the focus entities (points), keeping context of at least 600 km.
    BoxXY box;
    for (const std::string& id : e.focus) {
        if (int i = s.find(EntityKind::Datacenter, id); i >= 0) box.extend(s.datacenters[static_cast<std::size_t>(i)].xy);
        else if (int p = s.find(EntityKind::PowerPlant, id); p >= 0) box.extend(s.powerPlants[static_cast<std::size_t>(p)].xy);
        else if (int c = s.find(EntityKind::Supercluster, id); c >= 0)
            for (int m : s.superclusters[static_cast<std::size_t>(c)].members)
                box.extend(s.datacenters[static_cast<std::size_t>(m)].xy);
        else if (int l = s.find(EntityKind::Transmission, id); l >= 0)
            for (const auto& path : s.lines[static_cast<std::size_t>(l)].pathsXY)
                for (const auto& pt : path) box.extend(pt);
        else if (int z = s.find(EntityKind::Zone, id); z >= 0)
            for (const auto& poly : s.zones[static_cast<std::size_t>(z)].polygonsXY)
                for (const auto& pt : poly.rings[0]) box.extend(pt);
        else if (int r = s.find(EntityKind::Region, id); r >= 0) box.extend(s.basemap->regions[static_cast<std::size_t>(r)].bounds);
    }
    CameraState target;
    if (box.valid()) {
        const glm::dvec2 pad = glm::max(glm::dvec2(300000.0) - box.size() * 0.5, glm::dvec2(0.0));
        target = frameBox(frame.toWorld(box.min - pad), frame.toWorld(box.max + pad), aspect, 40.0, 0.0, 1.3);
    } else {
        findNamedView(s, frame, aspect, "national", target);
    }
    return target;
}

} // namespace buildout
