// Transmission lines: each path as line segments with their running distance (dashed while under
// construction), coloured and sized by voltage class, with a copy simplified within kCoarseToleranceKm
// for wide zooms; and which line each segment belongs to, for per-line comparison colours.
#pragma once

#include "render/layers/layer_common.h"

namespace buildout {

class TransmissionLayer {
public:
    /// The CPU part of an upload (no GL: safe on a worker): full and simplified segments in cell order.
    struct Prepared {
        std::vector<LineInstance> lines, linesCoarse; ///< in cells / coarseCells order
        SpatialCells cells, coarseCells;
        std::vector<int> lineOfSegment, lineOfCoarseSegment;
    };
    static Prepared prepare(const Scenario& s, const MapFrame& frame);
    /// Copies `p` into GL buffers (UI thread): both halves in a row.
    void upload(const Prepared& p, const UnitMeshes& meshes);
    /// One half of upload (the full segments, or the simplified ones): a big scenario's halves are tens of
    /// MB each, copied in different frames.
    void uploadHalf(const Prepared& p, const UnitMeshes& meshes, bool coarse);
    /// The start of one half, in a frame of its own: its buffer, allocated empty (on llvmpipe about 30 ms
    /// for a 100k scenario's 55 MB), and its cells.
    void beginHalf(const Prepared& p, const UnitMeshes& meshes, bool coarse);
    /// Then its next `maxItems` instances from `done` (advanced). True once the half is complete.
    bool uploadHalfPart(const Prepared& p, bool coarse, std::size_t& done, std::size_t maxItems);
    void clear();
    /// The full or simplified segments, with the diff colours that go with them.
    void draw(const LayerFrame& f, float opacity) const;
    /// A dense level's merged lines (no diff colours: the diff map never merges).
    static void drawMerged(const LayerFrame& f, const DrawBatch& merged, const SpatialCells& cells,
                           float opacity);
    /// The transmission line (index into Scenario::lines) of each full / simplified segment instance.
    const std::vector<int>& lineOfSegment() const { return lineOfSegment_; }
    const std::vector<int>& lineOfCoarseSegment() const { return lineOfCoarseSegment_; }

private:
    DrawBatch lines_, linesCoarse_; // in cells_ / coarseCells_ order
    SpatialCells cells_, coarseCells_;
    std::vector<int> lineOfSegment_, lineOfCoarseSegment_;
};

} // namespace buildout
