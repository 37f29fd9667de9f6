// Dedicated power plants: one glyph per plant (shape and colour by fuel, area by MW at t), or at wide
// zooms of dense scenarios one glyph per grid cell and fuel (a dense level's merged plants).
#pragma once

#include "render/layers/layer_common.h"

namespace buildout {

class PowerPlantLayer {
public:
    void upload(const Scenario& s, const MapFrame& frame, CapacitySteps& steps, const UnitMeshes& meshes);
    void clear() { glyphs_ = {}; }
    GLsizei count() const { return glyphs_.count; }
    /// Sets the uniforms every pass shares; then drawPass once per level drawn (two while cross-fading).
    void beginDraw(const LayerFrame& f) const;
    /// `merged`: a dense level's merged plants (null: every plant), `mwScale` their size scale.
    void drawPass(const LayerFrame& f, const DrawBatch* merged, float mwScale, float weight) const;

private:
    DrawBatch glyphs_; // PointInstance over the unit quad
};

} // namespace buildout
