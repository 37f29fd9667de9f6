// Plain geometry types for geographic (lon/lat degrees) and map-plane (projected metres) coordinates.
#pragma once

#include <vector>

#include <glm/common.hpp>
#include <glm/geometric.hpp>
#include <glm/vec2.hpp>

namespace buildout {

/// WGS84 longitude and latitude in degrees.
struct LonLat {
    double lon = 0;
    double lat = 0;
};

/// A polygon: rings[0] is the exterior, the rest are holes. Closed rings (first == last point).
struct Polygon {
    std::vector<std::vector<LonLat>> rings;
};

/// The same polygon on the map plane (metres in the scenario's CRS).
struct PolygonXY {
    std::vector<std::vector<glm::dvec2>> rings;
};

/// Axis-aligned box on the map plane (metres).
struct BoxXY {
    glm::dvec2 min{1e300, 1e300};
    glm::dvec2 max{-1e300, -1e300};
    void extend(glm::dvec2 p) {
        min = glm::min(min, p);
        max = glm::max(max, p);
    }
    void extend(const BoxXY& b) {
        if (b.valid()) {
            extend(b.min);
            extend(b.max);
        }
    }
    bool valid() const { return min.x <= max.x && min.y <= max.y; }
    glm::dvec2 center() const { return (min + max) * 0.5; }
    glm::dvec2 size() const { return max - min; }
    bool contains(glm::dvec2 p) const { return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y; }
};

/// Even-odd point-in-polygon test on the map plane (holes excluded).
bool pointInPolygon(const PolygonXY& polygon, glm::dvec2 p);

} // namespace buildout
