// The tour's clock and its frames.
#include "core/view/tour_player.h"

#include <algorithm>
#include <cmath>

namespace buildout {

void TourPlayer::start(const Tour& tour, int fromBeat, const CameraState& baseCamera,
                       const MapSettings& baseMap) {
    tour_ = tour;
    baseCamera_ = baseCamera;
    baseMap_ = baseMap;
    rig_.reset();
    seconds_ = 0;
    playing_ = !tour_.beats.empty();
    // A beat's transition starts after every earlier beat's transition and hold.
    for (int i = 0; i < fromBeat && i < static_cast<int>(tour_.beats.size()); ++i)
        seconds_ += tour_.beats[static_cast<std::size_t>(i)].transitionSeconds +
                    tour_.beats[static_cast<std::size_t>(i)].holdSeconds;
}

bool TourPlayer::prepare(const Scenario& scenario, const MapFrame& frame, double aspect,
                         std::vector<std::string>& problems) {
    if (tour_.beats.empty()) return false;
    // Aspects that differ by less than this frame a named view identically to within a pixel.
    constexpr double kSameAspect = 1e-6;
    if (rig_ && std::abs(rigAspect_ - aspect) < kSameAspect) return rig_->ok();
    Diagnostics diag;
    rig_.emplace(tour_, scenario, frame, aspect, baseCamera_, baseMap_, diag);
    rigAspect_ = aspect;
    problems.clear();
    for (const Diagnostic& d : diag.items())
        problems.push_back(formatDiagnostic(d));
    return rig_->ok();
}

void TourPlayer::advance(double wallSeconds) {
    seconds_ = std::min(seconds_ + wallSeconds, tour_.durationSeconds());
}

void TourPlayer::nextBeat() {
    if (!rig_) return;
    const int next = evaluateTour(tour_, seconds_).beat + 1;
    if (next >= static_cast<int>(tour_.beats.size())) {
        seconds_ = tour_.durationSeconds();
        return;
    }
    seconds_ = rig_->holdStart(next) - tour_.beats[static_cast<std::size_t>(next)].transitionSeconds;
}

void TourPlayer::previousBeat() {
    if (!rig_) return;
    seconds_ = rig_->holdStart(std::max(evaluateTour(tour_, seconds_).beat - 1, 0));
}

ExportFrame TourPlayer::frame() const {
    return rig_ ? rig_->at(seconds_) : ExportFrame{};
}

ExportFrame TourPlayer::holdFrame(int beat) const {
    if (!rig_ || beat < 0 || beat >= static_cast<int>(tour_.beats.size())) return {};
    return rig_->at(rig_->holdStart(beat));
}

} // namespace buildout
