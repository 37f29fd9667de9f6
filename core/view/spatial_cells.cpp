// Grid-cell ordering of instances and the visible part of the map plane.
#include "core/view/spatial_cells.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include <glm/mat4x4.hpp>
#include <glm/matrix.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

namespace buildout {

SpatialCells SpatialCells::build(const std::vector<glm::dvec2>& anchors, double reachKm,
                                 const std::vector<bool>* always, int targetPerCell, int maxCellsPerSide) {
    SpatialCells c;
    c.reachKm_ = std::max(reachKm, 0.0);
    const std::size_t all = anchors.size();
    auto isAlways = [&](std::size_t i) { return always && i < always->size() && (*always)[i]; };
    std::vector<std::uint32_t> tail; // drawn whatever the view, after the culled ones
    for (std::size_t i = 0; i < all; ++i)
        (isAlways(i) ? tail : c.order_).push_back(static_cast<std::uint32_t>(i));
    const std::size_t n = c.order_.size();
    c.alwaysFirst_ = static_cast<std::uint32_t>(n);
    c.cellStart_.assign(2, static_cast<std::uint32_t>(n));
    c.cellStart_[0] = 0;
    c.cols_ = c.rows_ = 1;
    if (n == 0) {
        c.order_ = std::move(tail);
        return c;
    }
    glm::dvec2 lo(anchors[c.order_[0]]), hi(lo);
    for (std::uint32_t i : c.order_)
        lo = glm::min(lo, anchors[i]), hi = glm::max(hi, anchors[i]);
    const double w = std::max(hi.x - lo.x, 1e-6), h = std::max(hi.y - lo.y, 1e-6);
    // Square cells sized for about targetPerCell instances each if they were spread evenly.
    const double cells = std::max(1.0, static_cast<double>(n) / std::max(targetPerCell, 1));
    const double side = std::sqrt(w * h / cells);
    c.cellKm_ = std::max({side, w / maxCellsPerSide, h / maxCellsPerSide, 1e-6});
    c.cols_ = std::clamp(static_cast<int>(std::ceil(w / c.cellKm_)), 1, maxCellsPerSide);
    c.rows_ = std::clamp(static_cast<int>(std::ceil(h / c.cellKm_)), 1, maxCellsPerSide);
    c.origin_ = lo;
    std::vector<std::uint32_t> cellOf(all, 0);
    for (std::uint32_t i : c.order_) {
        const int cx = static_cast<int>(std::clamp((anchors[i].x - lo.x) / c.cellKm_, 0.0, c.cols_ - 1.0));
        const int cy = static_cast<int>(std::clamp((anchors[i].y - lo.y) / c.cellKm_, 0.0, c.rows_ - 1.0));
        cellOf[i] = static_cast<std::uint32_t>(cy * c.cols_ + cx);
    }
    // Stable: instances of one cell keep their original order (draw order within a cell unchanged).
    std::stable_sort(c.order_.begin(), c.order_.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return cellOf[a] < cellOf[b]; });
    c.cellStart_.assign(static_cast<std::size_t>(c.cols_) * static_cast<std::size_t>(c.rows_) + 1, 0);
    for (std::uint32_t i : c.order_)
        ++c.cellStart_[cellOf[i] + 1];
    std::partial_sum(c.cellStart_.begin(), c.cellStart_.end(), c.cellStart_.begin());
    c.order_.insert(c.order_.end(), tail.begin(), tail.end());
    return c;
}

std::vector<InstanceRun> SpatialCells::all() const {
    if (order_.empty()) return {};
    return {{0, static_cast<std::uint32_t>(order_.size())}};
}

std::vector<InstanceRun> SpatialCells::runsWithin(const GroundRect& rect) const {
    std::vector<InstanceRun> runs = cellRunsWithin(rect);
    const auto total = static_cast<std::uint32_t>(order_.size());
    if (alwaysFirst_ < total) {
        if (!runs.empty() && runs.back().first + runs.back().count == alwaysFirst_)
            runs.back().count += total - alwaysFirst_;
        else
            runs.push_back({alwaysFirst_, total - alwaysFirst_});
    }
    return runs;
}

std::vector<InstanceRun> SpatialCells::cellRunsWithin(const GroundRect& rect) const {
    std::vector<InstanceRun> runs;
    if (alwaysFirst_ == 0 || rect.empty()) return runs;
    const glm::dvec2 lo = rect.min - reachKm_ - origin_, hi = rect.max + reachKm_ - origin_;
    const double maxX = cols_ * cellKm_, maxY = rows_ * cellKm_;
    // Instances on the grid's far edge sit in its last cell, so a rectangle touching that edge meets it.
    if (hi.x < 0 || hi.y < 0 || lo.x > maxX || lo.y > maxY) return runs;
    // Clamped as doubles before the cast: an unbounded rectangle (±1e300) must not overflow an int.
    auto cell = [&](double km, int count) {
        return static_cast<int>(std::clamp(std::floor(km / cellKm_), 0.0, static_cast<double>(count - 1)));
    };
    const int c0 = cell(lo.x, cols_), c1 = cell(hi.x, cols_), r0 = cell(lo.y, rows_), r1 = cell(hi.y, rows_);
    for (int r = r0; r <= r1; ++r) {
        const std::uint32_t first = cellStart_[static_cast<std::size_t>(r * cols_ + c0)];
        const std::uint32_t end = cellStart_[static_cast<std::size_t>(r * cols_ + c1 + 1)];
        if (end == first) continue;
        if (!runs.empty() && runs.back().first + runs.back().count == first)
            runs.back().count += end - first; // rows spanning the whole width join up
        else
            runs.push_back({first, end - first});
    }
    return runs;
}

GroundRect visibleGroundRect(const glm::mat4& viewProj, double topKm) {
    const glm::dmat4 inv = glm::inverse(glm::dmat4(viewProj));
    // The frustum's corners in world space (clip cube corners unprojected).
    std::array<glm::dvec3, 8> v;
    for (int i = 0; i < 8; ++i) {
        const glm::dvec4 p =
            inv * glm::dvec4(i & 1 ? 1.0 : -1.0, i & 2 ? 1.0 : -1.0, i & 4 ? 1.0 : -1.0, 1.0);
        v[static_cast<std::size_t>(i)] = glm::dvec3(p) / p.w;
    }
    GroundRect r;
    r.min = glm::dvec2(1e300), r.max = glm::dvec2(-1e300);
    auto add = [&](const glm::dvec3& p) {
        r.min = glm::min(r.min, glm::dvec2(p)), r.max = glm::max(r.max, glm::dvec2(p));
    };
    const double z0 = 0.0, z1 = std::max(topKm, 0.0);
    // The intersection of a convex polytope and a slab has as vertices the polytope's vertices inside
    // the slab and the points where its edges cross the slab's two planes.
    for (const glm::dvec3& p : v)
        if (p.z >= z0 && p.z <= z1) add(p);
    static constexpr int kEdges[12][2] = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3},
                                          {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};
    for (const auto& e : kEdges) {
        const glm::dvec3 a = v[static_cast<std::size_t>(e[0])], b = v[static_cast<std::size_t>(e[1])];
        for (double z : {z0, z1}) {
            if ((a.z - z) * (b.z - z) > 0 || a.z == b.z) continue;
            const double t = (z - a.z) / (b.z - a.z);
            add(a + (b - a) * t);
        }
    }
    if (!std::isfinite(r.min.x) || !std::isfinite(r.max.x) || !std::isfinite(r.min.y) ||
        !std::isfinite(r.max.y))
        return {glm::dvec2(-1e300), glm::dvec2(1e300)}; // degenerate camera: see everything
    return r;
}

} // namespace buildout
