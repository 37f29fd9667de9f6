// Per-instance culling, GL-free: instances ordered by the grid cell of their anchor (row-major), so the
// instances whose cells meet a rectangle are a few contiguous runs of the ordered buffer, one per row of
// cells. A layer orders its instance array once at upload and, each frame, draws only the runs that meet
// the part of the map the camera sees (visibleGroundRect); the rest are never sent to the vertex stage.
#pragma once

#include <cstdint>
#include <vector>

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>

namespace buildout {

/// An axis-aligned rectangle of the map plane (world km). Empty when min > max on either axis.
struct GroundRect {
    glm::dvec2 min{0.0}, max{-1.0};
    bool empty() const { return min.x > max.x || min.y > max.y; }
};

/// A run of consecutive instances in the ordered buffer: [first, first + count).
struct InstanceRun {
    std::uint32_t first = 0, count = 0;
    bool operator==(const InstanceRun&) const = default;
};

class SpatialCells {
public:
    /// Orders `anchors` (world km) by cell. `reachKm`: how far any instance may extend from its anchor
    /// (a segment's half-length, a glyph's largest radius); queries grow by it. About `targetPerCell`
    /// instances per cell, at most `maxCellsPerSide` cells per side.
    /// `always` (optional, one flag per anchor): instances drawn whatever the view (a segment longer than
    /// the reach, which may cross the view from far away); they go after the others, in one run.
    static SpatialCells build(const std::vector<glm::dvec2>& anchors, double reachKm,
                              const std::vector<bool>* always = nullptr, int targetPerCell = 32,
                              int maxCellsPerSide = 128);

    /// order()[k]: the original index of the k-th instance of the ordered buffer.
    const std::vector<std::uint32_t>& order() const { return order_; }
    std::size_t size() const { return order_.size(); }
    /// Reorders `items` (one per anchor, in the original order) into the buffer order.
    template <typename T> std::vector<T> reordered(const std::vector<T>& items) const {
        std::vector<T> out;
        out.reserve(order_.size());
        for (std::uint32_t i : order_)
            out.push_back(items[i]);
        return out;
    }
    /// The runs of instances whose cells meet `rect` grown by the reach, merged where adjacent. Every
    /// instance whose anchor lies within the grown rectangle is in a run (more may be: whole cells).
    std::vector<InstanceRun> runsWithin(const GroundRect& rect) const;
    /// One run over everything (no culling).
    std::vector<InstanceRun> all() const;

private:
    std::vector<InstanceRun> cellRunsWithin(const GroundRect& rect) const;

    std::vector<std::uint32_t> order_;
    std::vector<std::uint32_t> cellStart_; ///< cols * rows + 1 offsets into order_
    std::uint32_t alwaysFirst_ = 0;        ///< order_[alwaysFirst_..] are drawn whatever the view
    glm::dvec2 origin_{0.0};
    double cellKm_ = 1, reachKm_ = 0;
    int cols_ = 0, rows_ = 0;
};

/// The part of the map plane a camera can see between heights 0 and `topKm` (world km, z up): the
/// bounding rectangle of the view frustum's intersection with that slab. `viewProj` maps world km to
/// clip space. Conservative: everything drawn within the slab and the frustum lies inside it.
GroundRect visibleGroundRect(const glm::mat4& viewProj, double topKm);

} // namespace buildout
