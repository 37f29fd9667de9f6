// Douglas–Peucker with an explicit stack; see the header.
#include "core/polyline_simplify.h"

#include <glm/geometric.hpp>

#include <utility>

namespace buildout {

namespace {

/// Distance from p to the segment a-b.
double segmentDistance(glm::dvec2 p, glm::dvec2 a, glm::dvec2 b) {
    const glm::dvec2 ab = b - a;
    const double len2 = glm::dot(ab, ab);
    if (len2 <= 0) return glm::length(p - a);
    const double u = glm::clamp(glm::dot(p - a, ab) / len2, 0.0, 1.0);
    return glm::length(p - (a + ab * u));
}

} // namespace

std::vector<glm::dvec2> simplifyPolyline(const std::vector<glm::dvec2>& points, double tolerance) {
    const std::size_t n = points.size();
    if (n < 3 || !(tolerance > 0)) return points;
    std::vector<char> keep(n, 0);
    keep[0] = keep[n - 1] = 1;
    // A closed ring's end points coincide, so every point is "on the segment" from first to last; split
    // it at the point farthest from the start first.
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    if (points.front() == points.back()) {
        std::size_t far = 1;
        double best = -1;
        for (std::size_t i = 1; i + 1 < n; ++i) {
            const double d = glm::length(points[i] - points[0]);
            if (d > best) best = d, far = i;
        }
        keep[far] = 1;
        stack.push_back({0, far});
        stack.push_back({far, n - 1});
    } else {
        stack.push_back({0, n - 1});
    }
    while (!stack.empty()) {
        const auto [first, last] = stack.back();
        stack.pop_back();
        if (last <= first + 1) continue;
        double worst = -1;
        std::size_t at = first;
        for (std::size_t i = first + 1; i < last; ++i) {
            const double d = segmentDistance(points[i], points[first], points[last]);
            if (d > worst) worst = d, at = i;
        }
        if (worst > tolerance) {
            keep[at] = 1;
            stack.push_back({first, at});
            stack.push_back({at, last});
        }
    }
    std::vector<glm::dvec2> out;
    for (std::size_t i = 0; i < n; ++i)
        if (keep[i]) out.push_back(points[i]);
    return out;
}

} // namespace buildout
