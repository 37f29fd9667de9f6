// The frame loop's frame specs: what the map draws this frame (the UI's view, or a playing tour's), and
// what the first frame of a scenario being uploaded will draw (for its warm-up draws).
#include "app/gui/frame_loop.h"

#include "core/view/named_views.h"

#include <algorithm>

namespace buildout {

FrameSpec FrameLoop::frameSpec(const MapLayout& m) const {
    return frameSpec(m, ui_.camera, ui_.playback.time);
}

FrameSpec FrameLoop::frameSpec(const MapLayout& m, const CameraState& uiCamera, TimeDays uiTime) const {
    FrameSpec spec;
    // A playing tour gives the whole picture (time, camera, layers); otherwise the UI's view does.
    if (const std::optional<ExportFrame> tour = tourFrame(tourEditor_)) {
        spec = tour->spec;
    } else {
        spec.time = uiTime;
        spec.camera = uiCamera;
        spec.settings = ui_.map;
    }
    const CameraState camera = spec.camera;
    // In presentation the legend and figures cover the edges: frame the map between them.
    if (ui_.presenting && !ui_.comparing()) spec.camera = withHorizontalInsets(camera, m.aspect, 0.08, 0.05);
    // The diff legend covers the bottom left of a presented comparison, as in snapshots.
    if (ui_.presenting && ui_.comparing() && ui_.compare.view.mode == CompareMode::Diff)
        spec.camera = withHorizontalInsets(camera, m.aspect, 0.12, 0.0);
    spec.pixelScale = ui_.presenting ? static_cast<float>(m.height) / 1080.0f : std::max(m.fbScale, 1.0f);
    return spec;
}

bool FrameLoop::uploadIsReload() const {
    return !firstScenario_ && uploadingPath_ == ui_.scenarioPath;
}

TimeDays FrameLoop::arrivingTime(const Scenario& s) const {
    // A reload keeps the time; another scenario starts at its start (the first one at --at if given).
    TimeDays t = ui_.playback.time;
    if (!uploadIsReload()) {
        t = s.manifest.start;
        if (options_.at && firstScenario_)
            if (auto d = parseDate(*options_.at)) t = d->day;
    }
    return t;
}

FrameSpec FrameLoop::arrivingFrameSpec(const MapLayout& m) {
    // What swapInLoadedScenario and fitPendingView will make of the uploaded scenario's first frame: its
    // time, and its national view unless it is a reload. The view is found once per upload.
    const Scenario& s = *uploading_->load.scenario;
    if (!arrivingCamera_) {
        arrivingCamera_ = ui_.camera;
        if (!uploadIsReload()) {
            const MapFrame frame = makeMapFrame(s); // (once per upload: a pass over the sites)
            findNamedView(s, frame, m.aspect, "national", *arrivingCamera_);
        }
    }
    const TimeDays t = std::clamp(arrivingTime(s), static_cast<TimeDays>(s.manifest.start),
                                  static_cast<TimeDays>(s.manifest.end));
    return frameSpec(m, *arrivingCamera_, t);
}

} // namespace buildout
