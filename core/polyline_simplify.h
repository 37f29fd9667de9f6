// Polyline simplification (Douglas–Peucker) on a plane, for level of detail: a path drawn at a zoom where
// `toleranceUnits` is under half a pixel looks the same with far fewer segments.
#pragma once

#include <glm/vec2.hpp>

#include <vector>

namespace buildout {

/// The points of `points` to keep so that every dropped point lies within `tolerance` (same units as
/// the points) of the simplified path. The first and last points are always kept; so is every point of a
/// path with fewer than three points. Closed rings (first == last) keep their closure. Recursion-free:
/// a path of any length uses O(n) memory and no call-stack depth.
std::vector<glm::dvec2> simplifyPolyline(const std::vector<glm::dvec2>& points, double tolerance);

} // namespace buildout
