// The map camera: a perspective camera orbiting a target point on the map plane, and its animation.
//
// World units are kilometres on the map plane (the scenario CRS, e.g. EPSG:5070, divided by 1000 and
// shifted so the national view's centre is the origin); z is up.
#pragma once

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace buildout {

struct CameraState {
    glm::dvec2 target{0, 0};  ///< km, the point on the ground the camera looks at
    double distanceKm = 4000; ///< from the eye to the target
    double headingDeg = 0;    ///< rotation about the vertical axis; 0 = north up
    double tiltDeg = 35;      ///< 0 = straight down, 80 = near the horizon
    double fovYDeg = 22; ///< narrow, so columns near the frame edges barely lean

    glm::dvec3 eye() const;
    glm::mat4 view() const;
    glm::mat4 projection(double aspect) const;
    glm::mat4 viewProjection(double aspect) const { return projection(aspect) * view(); }
};

/// Interpolates between two cameras for a fly-to: `u` in 0..1 is eased in and out; the distance is
/// interpolated in log space and lifted mid-flight when the target moves far, so the ground keeps
/// its context.
CameraState interpolateCamera(const CameraState& from, const CameraState& to, double u);

/// A camera that shows the box [minKm, maxKm] (on the ground) in a viewport of `aspect`, keeping the
/// given heading and tilt, with `margin` (e.g. 1.1 = 10 %) around it.
CameraState frameBox(glm::dvec2 minKm, glm::dvec2 maxKm, double aspect, double tiltDeg, double headingDeg = 0,
                     double margin = 1.1);

/// Reframes `cam` so that what it showed fills only the part of the viewport between a left and a right
/// inset (fractions of the width covered by overlays such as the legend), instead of the whole width.
CameraState withHorizontalInsets(const CameraState& cam, double aspect, double leftFraction, double rightFraction);

/// The ground point under a pixel (x right, y down, in a viewport of size w x h); false if the ray misses.
bool groundPointAt(const CameraState& cam, double aspect, glm::dvec2 pixel, glm::dvec2 viewport, glm::dvec2& out);

} // namespace buildout
