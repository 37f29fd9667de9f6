// Polygon triangulation (with holes, any winding) through the GLU tessellator; CPU only.
#pragma once

#include <glm/vec2.hpp>
#include <vector>

namespace buildout {

/// Triangulates one polygon given as rings (exterior + holes, odd winding rule). Appends triangle
/// vertices (three per triangle) to `out`.
void tessellatePolygon(const std::vector<std::vector<glm::dvec2>>& rings, std::vector<glm::dvec2>& out);

} // namespace buildout
