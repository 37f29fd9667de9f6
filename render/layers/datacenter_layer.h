// Datacenter campuses: one instance per campus in one buffer, drawn as lit hexagonal prisms with edges,
// or at wide zooms of dense scenarios as one shaded sprite per campus (expanded by column_sprites.geom);
// a warm glow under operating campuses and a disc around approximate locations. The merged columns of
// dense layers (render/layers/dense_batches.h) draw through the same sprite program.
#pragma once

#include "render/layers/layer_common.h"

namespace buildout {

struct OperatorPalette;

class DatacenterLayer {
public:
    /// The CPU part of an upload (no GL: safe on a worker): instances in cell order, their glows and
    /// uncertainty discs; appends the campuses' capacity samples to `steps`.
    struct Prepared {
        std::vector<PointInstance> columns; ///< in cells' order
        std::vector<DiscInstance> glows;    ///< in cells' order
        std::vector<DiscInstance> uncertain;
        SpatialCells cells;
        std::vector<int> entityOfInstance;
        double maxColumnMw = 0;
    };
    static Prepared prepare(const Scenario& s, const MapFrame& frame, const OperatorPalette& palette,
                            CapacitySteps& steps);
    /// Copies `p` into GL buffers (UI thread).
    void upload(const Prepared& p, const UnitMeshes& meshes);
    void clear();
    GLsizei count() const { return count_; }
    /// The glows and uncertainty discs (skipped at dense wide zooms, with filters and in diff maps).
    void drawGroundDiscs(const LayerFrame& f, float opacity) const;
    /// How the columns are drawn this frame.
    struct ColumnPass {
        bool sprites = false;              ///< one sprite per campus instead of a prism
        double radiusKm = 7;               ///< column radius
        const DrawBatch* merged = nullptr; ///< a dense level's merged columns instead of single campuses
        const SpatialCells* mergedCells = nullptr; ///< their cell order (culling)
        float heightScale = 1;                     ///< merged heights' scale
        float weight = 1;                          ///< cross-fade weight; < 1 writes no depth
    };
    /// Draws the columns (depth test on; the caller enables it).
    void drawColumns(const LayerFrame& f, const ColumnPass& pass) const;
    /// The campus (index into Scenario::datacenters) of each instance: instances are in cell order.
    const std::vector<int>& entityOfInstance() const { return entityOfInstance_; }
    /// The largest capacity any campus reaches (facility MW): the tallest column, for culling's slab.
    double maxColumnMw() const { return maxColumnMw_; }

private:
    gl::Buffer instances_;
    GLsizei count_ = 0;
    DrawBatch columns_, columnEdges_, sprites_; // three VAOs over instances_
    DrawBatch glows_, uncertainty_;             // DiscInstance
    SpatialCells cells_;                        // the instances' (and glows') cell order
    std::vector<int> entityOfInstance_;
    double maxColumnMw_ = 0;

    void setColumnUniforms(const LayerFrame& f, const gl::Program& prog, double radiusKm) const;
};

} // namespace buildout
