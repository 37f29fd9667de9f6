// Dedicated power plants: one glyph per plant (shape and colour by fuel, area by MW at t), or at wide
// zooms of dense scenarios one glyph per grid cell and fuel (a dense level's merged plants).
#pragma once

#include "render/layers/layer_common.h"

namespace buildout {

class PowerPlantLayer {
public:
    void upload(const Scenario& s, const MapFrame& frame, CapacitySteps& steps, const UnitMeshes& meshes);
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
