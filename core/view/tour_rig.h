// The tour player: a core Tour resolved against a scenario and an aspect ratio into the camera and map
// settings of each beat, and the picture at any second of the tour (time, camera, layer fades, caption).
// GL-free, so the export plan (app/export) and the GUI's presentation mode play tours through the same
// rig and show the same pictures.
#pragma once

#include "core/diagnostics.h"
#include "core/scenario.h"
#include "core/tour.h"
#include "core/view/camera.h"
#include "core/view/frame_spec.h"
#include "core/view/named_views.h"

#include <string>
#include <vector>

namespace buildout {

/// One frame of an export or of a played tour: the map to draw and the caption over it. Declared here
/// (not in app/export) because the tour player produces it; ExportPlan::frame returns the same type.
struct ExportFrame {
    FrameSpec spec;
    std::string captionTitle, captionText; ///< empty: no caption in this frame
};

/// A tour resolved against a scenario and an aspect ratio: each beat's camera and map settings.
class TourRig {
public:
    /// Problems (unknown named views, dates outside the scenario) are reported with the tour file's
    /// lines. Returns via ok() whether the rig is usable (no errors).
    TourRig(const Tour& tour, const Scenario& scenario, const MapFrame& frame, double aspect,
            const CameraState& baseCamera, const MapSettings& baseMap, Diagnostics& diag);
    bool ok() const { return ok_; }
    /// The picture at `seconds` from the tour's start (time, camera, settings, caption).
    ExportFrame at(double seconds) const;
    const Tour& tour() const { return tour_; }
    const CameraState& beatCamera(int beat) const { return cameras_[static_cast<std::size_t>(beat)]; }
    const MapSettings& beatMap(int beat) const { return maps_[static_cast<std::size_t>(beat)]; }
    /// Second at which beat `i`'s hold starts.
    double holdStart(int beat) const;

private:
    Tour tour_;
    std::vector<CameraState> cameras_;
    std::vector<MapSettings> maps_;
    bool ok_ = true;
};

/// The camera a tour beat describes (named view with adjustments, or explicit lon/lat). False and
/// `why` when the view is unknown or the position cannot be projected.
bool resolveTourCamera(const TourCamera& c, const Scenario& scenario, const MapFrame& frame, double aspect,
                       CameraState& out, std::string& why);
/// The reverse, for "Add beat": an explicit camera at the state's ground target.
TourCamera tourCameraFromState(const CameraState& cam, const Scenario& scenario, const MapFrame& frame);
/// Applies a beat's layer settings on top of `map`.
void applyBeatLayers(const TourBeat& beat, MapSettings& map);
/// Records `map` as a beat's layer settings (every layer explicit).
void recordBeatLayers(const MapSettings& map, TourBeat& beat);

} // namespace buildout
