// Point-in-polygon on the map plane.
#include "geometry.h"

namespace buildout {

bool pointInPolygon(const PolygonXY& polygon, glm::dvec2 p) {
    bool inside = false;
    for (const auto& ring : polygon.rings) {
        const size_t n = ring.size();
        for (size_t i = 0, j = n - 1; i < n; j = i++) {
            const glm::dvec2 a = ring[i], b = ring[j];
            if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
        }
    }
    return inside;
}

} // namespace buildout
