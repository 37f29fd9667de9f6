// Douglas–Peucker simplification used for the renderer's level of detail.
#include "core/polyline_simplify.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace buildout;

namespace {

double distanceToPath(glm::dvec2 p, const std::vector<glm::dvec2>& path) {
    double best = 1e300;
    for (std::size_t i = 1; i < path.size(); ++i) {
        const glm::dvec2 a = path[i - 1], ab = path[i] - a;
        const double len2 = ab.x * ab.x + ab.y * ab.y;
        const double u = len2 > 0 ? std::clamp(((p - a).x * ab.x + (p - a).y * ab.y) / len2, 0.0, 1.0) : 0.0;
        const glm::dvec2 q = a + ab * u;
        best = std::min(best, std::hypot(p.x - q.x, p.y - q.y));
    }
    return best;
}

} // namespace

TEST_CASE("simplifyPolyline drops collinear points and keeps the ends", "[geometry]") {
    std::vector<glm::dvec2> line;
    for (int i = 0; i <= 100; ++i) line.push_back({i * 1.0, 0.0});
    const auto s = simplifyPolyline(line, 0.01);
    REQUIRE(s.size() == 2);
    CHECK(s.front() == line.front());
    CHECK(s.back() == line.back());
}

TEST_CASE("simplifyPolyline keeps a corner beyond the tolerance and drops one within it", "[geometry]") {
    const std::vector<glm::dvec2> bend{{0, 0}, {5, 0.4}, {10, 0}};
    CHECK(simplifyPolyline(bend, 0.5).size() == 2);
    CHECK(simplifyPolyline(bend, 0.3).size() == 3);
}

TEST_CASE("simplifyPolyline stays within the tolerance of a wiggly path", "[geometry]") {
    std::vector<glm::dvec2> wiggle;
    for (int i = 0; i <= 2000; ++i) {
        const double x = i * 0.1;
        wiggle.push_back({x, 3.0 * std::sin(x * 0.3) + 0.2 * std::sin(x * 7.0)});
    }
    const double tol = 0.25;
    const auto s = simplifyPolyline(wiggle, tol);
    CHECK(s.size() < wiggle.size() / 4);
    CHECK(s.size() > 10);
    for (const auto& p : wiggle) REQUIRE(distanceToPath(p, s) <= tol + 1e-9);
}

TEST_CASE("simplifyPolyline keeps a closed ring closed and not collapsed", "[geometry]") {
    std::vector<glm::dvec2> ring;
    for (int i = 0; i < 360; ++i)
        ring.push_back({std::cos(i * 3.14159265358979 / 180.0) * 10, std::sin(i * 3.14159265358979 / 180.0) * 10});
    ring.push_back(ring.front());
    const auto s = simplifyPolyline(ring, 0.5);
    REQUIRE(s.size() >= 5); // at least a quadrilateral plus the closing point
    CHECK(s.front() == s.back());
    for (const auto& p : ring) REQUIRE(distanceToPath(p, s) <= 0.5 + 1e-9);
}

TEST_CASE("simplifyPolyline leaves short paths and a zero tolerance alone", "[geometry]") {
    const std::vector<glm::dvec2> two{{0, 0}, {1, 1}};
    CHECK(simplifyPolyline(two, 10).size() == 2);
    const std::vector<glm::dvec2> three{{0, 0}, {1, 0}, {2, 0}};
    CHECK(simplifyPolyline(three, 0).size() == 3);
    CHECK(simplifyPolyline({}, 1).empty());
}
