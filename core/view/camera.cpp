// Camera matrices, fly-to interpolation and framing.
#include "core/view/camera.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace buildout {

namespace {
constexpr double kPi = 3.14159265358979323846;
double rad(double deg) { return deg * kPi / 180.0; }
} // namespace

glm::dvec3 CameraState::eye() const {
    const double tilt = rad(std::clamp(tiltDeg, 0.0, 85.0));
    const double heading = rad(headingDeg);
    // The eye sits behind the target (south for heading 0), raised by the tilt.
    const glm::dvec3 back(std::sin(heading) * -std::sin(tilt), -std::cos(heading) * std::sin(tilt), std::cos(tilt));
    return glm::dvec3(target, 0.0) + back * distanceKm;
}

glm::mat4 CameraState::view() const {
    const double heading = rad(headingDeg);
    const glm::dvec3 up(std::sin(heading), std::cos(heading), 0.0); // screen-up points "north" of the heading
    const glm::dvec3 e = eye();
    const glm::dvec3 upVec = tiltDeg < 0.01 ? up : glm::dvec3(0, 0, 1);
    return glm::mat4(glm::lookAt(e, glm::dvec3(target, 0.0), tiltDeg < 0.01 ? up : upVec));
}

glm::mat4 CameraState::projection(double aspect) const {
    // Near/far follow the distance so depth precision stays good from street to nation.
    const double nearKm = std::max(distanceKm * 0.02, 0.05);
    const double farKm = distanceKm * 6.0 + 2000.0;
    return glm::mat4(glm::perspective(rad(fovYDeg), aspect, nearKm, farKm));
}

CameraState interpolateCamera(const CameraState& a, const CameraState& b, double u) {
    u = std::clamp(u, 0.0, 1.0);
    const double e = u * u * (3.0 - 2.0 * u); // smoothstep ease in/out
    CameraState c = b;
    c.target = a.target + (b.target - a.target) * e;
    const double travel = glm::length(b.target - a.target);
    // Lift the camera mid-flight in proportion to the distance travelled (a gentle "hop").
    const double lift = std::max(0.0, travel * 0.6 - std::max(a.distanceKm, b.distanceKm) * 0.3);
    c.distanceKm = std::exp(std::log(a.distanceKm) + (std::log(b.distanceKm) - std::log(a.distanceKm)) * e) +
                   lift * 4.0 * e * (1.0 - e);
    double dh = std::fmod(b.headingDeg - a.headingDeg + 540.0, 360.0) - 180.0; // shortest way round
    c.headingDeg = a.headingDeg + dh * e;
    c.tiltDeg = a.tiltDeg + (b.tiltDeg - a.tiltDeg) * e;
    c.fovYDeg = a.fovYDeg + (b.fovYDeg - a.fovYDeg) * e;
    return c;
}

CameraState frameBox(glm::dvec2 minKm, glm::dvec2 maxKm, double aspect, double tiltDeg, double headingDeg,
                     double margin) {
    CameraState c;
    c.tiltDeg = tiltDeg;
    c.headingDeg = headingDeg;
    c.target = (minKm + maxKm) * 0.5;
    const glm::dvec2 size = glm::max(maxKm - minKm, glm::dvec2(20.0, 20.0));
    const double halfFov = rad(c.fovYDeg) * 0.5;
    c.distanceKm = std::max(size.y * std::cos(rad(tiltDeg)), size.x / aspect) * 0.5 / std::tan(halfFov);
    // Perspective makes the near (south) edge larger than the far one, so refine: project the box's
    // corners, re-centre the target on their screen extent and scale the distance until the box fills
    // 1/margin of the frame in its tighter direction.
    const glm::dvec2 corners[4] = {minKm, {maxKm.x, minKm.y}, maxKm, {minKm.x, maxKm.y}};
    for (int iter = 0; iter < 12; ++iter) {
        const glm::dmat4 vp(c.viewProjection(aspect));
        glm::dvec2 lo(1e9), hi(-1e9);
        for (const auto& k : corners) {
            const glm::dvec4 p = vp * glm::dvec4(k, 0.0, 1.0);
            if (p.w <= 0) continue;
            const glm::dvec2 ndc(p.x / p.w, p.y / p.w);
            lo = glm::min(lo, ndc);
            hi = glm::max(hi, ndc);
        }
        const double extent = std::max(hi.x - lo.x, hi.y - lo.y) * 0.5; // half-size in NDC
        const double want = 1.0 / margin;
        // Move the target towards the ground point at the screen centre of the corners' extent.
        const glm::dvec2 mid = (lo + hi) * 0.5;
        const glm::dvec2 viewport(aspect * 1000.0, 1000.0);
        glm::dvec2 centre;
        if (groundPointAt(c, aspect, glm::dvec2((mid.x + 1.0) * 0.5 * viewport.x, (1.0 - mid.y) * 0.5 * viewport.y),
                          viewport, centre))
            c.target = c.target + (centre - c.target) * 0.8;
        c.distanceKm *= std::clamp(extent / want, 0.5, 2.0);
    }
    return c;
}

CameraState withHorizontalInsets(const CameraState& cam, double aspect, double left, double right) {
    CameraState c = cam;
    const double visible = std::clamp(1.0 - left - right, 0.3, 1.0);
    c.distanceKm = cam.distanceKm / visible;
    // Width of the view on the ground at the target, after zooming out.
    const double groundWidth = 2.0 * c.distanceKm * std::tan(rad(c.fovYDeg) * 0.5) * aspect;
    const double shift = (left - right) * 0.5 * groundWidth; // move the content right by half the difference
    const double heading = rad(c.headingDeg);
    const glm::dvec2 screenRight(std::cos(heading), -std::sin(heading));
    c.target -= screenRight * shift;
    return c;
}

bool groundPointAt(const CameraState& cam, double aspect, glm::dvec2 pixel, glm::dvec2 viewport, glm::dvec2& out) {
    const glm::dmat4 inv = glm::inverse(glm::dmat4(cam.viewProjection(aspect)));
    const double x = pixel.x / viewport.x * 2.0 - 1.0;
    const double y = 1.0 - pixel.y / viewport.y * 2.0;
    glm::dvec4 n = inv * glm::dvec4(x, y, -1.0, 1.0);
    glm::dvec4 f = inv * glm::dvec4(x, y, 1.0, 1.0);
    n /= n.w;
    f /= f.w;
    const glm::dvec3 dir = glm::dvec3(f - n);
    if (std::abs(dir.z) < 1e-12) return false;
    const double s = -n.z / dir.z;
    if (s < 0) return false;
    out = glm::dvec2(n.x + dir.x * s, n.y + dir.y * s);
    return true;
}

} // namespace buildout
