// AI Economic Zones: translucent fills from designation on, dotted outlines while planned, and a ring
// marker at each zone's centre so small zones stay visible at national scale.
#pragma once

#include "render/layers/layer_common.h"

namespace buildout {

class ZoneLayer {
public:
    void upload(const Scenario& s, const MapFrame& frame, const UnitMeshes& meshes);
    void clear() { fill_ = {}, outline_ = {}, markers_ = {}; }
    /// Fills over the land and borders (translucent, so borders show through), then outlines and markers.
    void draw(const LayerFrame& f, float opacity) const;

private:
    DrawBatch fill_;    // triangles, FillVertex
    DrawBatch outline_; // LineInstance
    DrawBatch markers_; // DiscInstance
};

} // namespace buildout
