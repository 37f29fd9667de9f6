// Dedicated power plants: one glyph per plant (shape and colour by fuel, area by MW at t), or at wide
// zooms of dense scenarios one glyph per grid cell and fuel (a dense level's merged plants).
#pragma once

#include "render/layers/layer_common.h"

namespace buildout {

class PowerPlantLayer {
public:
    /// The CPU part of an upload (no GL: safe on a worker): glyph instances in cell order; appends the
    /// plants' capacity samples to `steps`.
    struct Prepared {
        std::vector<PointInstance> glyphs; ///< in cells' order
        SpatialCells cells;
        std::vector<int> entityOfInstance;
        double maxMw = 0;
    };
    static Prepared prepare(const Scenario& s, const MapFrame& frame, CapacitySteps& steps);
    /// Copies `p` into GL buffers (UI thread).
    void upload(const Prepared& p, const UnitMeshes& meshes);
    void clear() {
        glyphs_ = {}, cells_ = {};
        entityOfInstance_.clear();
        maxMw_ = 0;
    }
    GLsizei count() const { return glyphs_.count; }
    /// Sets the uniforms every pass shares; then drawPass once per level drawn (two while cross-fading).
    void beginDraw(const LayerFrame& f) const;
    /// `merged`: a dense level's merged plants (null: every plant), `mwScale` their size scale.
    void drawPass(const LayerFrame& f, const DrawBatch* merged, const SpatialCells* mergedCells,
                  float mwScale, float weight) const;
    /// The plant (index into Scenario::powerPlants) of each instance: instances are in cell order.
    const std::vector<int>& entityOfInstance() const { return entityOfInstance_; }

private:
    DrawBatch glyphs_; // PointInstance over the unit quad, in cells_'s order (culling)
    SpatialCells cells_;
    std::vector<int> entityOfInstance_;
    double maxMw_ = 0; ///< the largest capacity any plant reaches: the largest glyph
};

} // namespace buildout
