// Playing a tour in the app (presentation mode): the tour's clock, beat jumps, and the picture at the
// current second as a FrameSpec with its caption, produced by the same TourRig that drives export — so
// the room sees what the video shows. No ImGui or GL: the frame loop feeds it wall time and key
// presses and draws the frame it returns.
#pragma once

#include "core/view/tour_rig.h"
#include "core/tour.h"

#include <optional>
#include <string>
#include <vector>

namespace buildout {

class TourPlayer {
public:
    /// Starts `tour` at the start of beat `fromBeat`'s transition (0 or out of range: the tour's start).
    /// `baseCamera` and `baseMap` fill what the beats leave unset (the user's view when playing began).
    void start(const Tour& tour, int fromBeat, const CameraState& baseCamera, const MapSettings& baseMap);
    void stop() { playing_ = false; }
    bool playing() const { return playing_; }

    /// Resolves the tour against the scenario for a map of `aspect` (width / height) once, and again only
    /// when the aspect changes (the tour cannot be edited while it plays: the Tour window is hidden in
    /// presentation mode). False when it cannot be played; `problems` then has its FILE:LINE lines.
    bool prepare(const Scenario& scenario, const MapFrame& frame, double aspect,
                 std::vector<std::string>& problems);

    /// Moves the clock on by `wallSeconds` (clamped at the tour's end, where the last beat holds).
    void advance(double wallSeconds);
    /// Jumps to the start of the next beat's transition (at the last beat: the tour's end).
    void nextBeat();
    /// Jumps back to the previous beat's hold.
    void previousBeat();

    /// The picture at the current second: time, camera, map settings and caption. Needs prepare().
    ExportFrame frame() const;
    /// The picture on beat `beat`'s hold (its first second), e.g. the presenter view's next-beat preview.
    /// Needs prepare(); an empty frame for a beat out of range.
    ExportFrame holdFrame(int beat) const;
    double seconds() const { return seconds_; }
    const Tour& tour() const { return tour_; }

private:
    Tour tour_;
    CameraState baseCamera_;
    MapSettings baseMap_;
    std::optional<TourRig> rig_;
    double rigAspect_ = 0;
    double seconds_ = 0;
    bool playing_ = false;
};

} // namespace buildout
