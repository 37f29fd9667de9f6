// Camera matrices, fly-to interpolation and framing.
#include "render/camera.h"

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
    const glm::dvec2 size = glm::max(maxKm - minKm, glm::dvec2(20.0, 20.0)) * margin;
    const double halfFov = rad(c.fovYDeg) * 0.5;
    // A tilted view foreshortens the north-south extent by about cos(tilt).
    const double needH = std::max(size.y * std::cos(rad(tiltDeg)), size.x / aspect);
    c.distanceKm = needH * 0.5 / std::tan(halfFov);
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
