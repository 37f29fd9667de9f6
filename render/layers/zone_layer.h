// AI Economic Zones: translucent fills from designation on, dotted outlines while planned, and a ring
// marker at each zone's centre so small zones stay visible at national scale.
#pragma once

#include "render/layers/layer_common.h"

namespace buildout {

class ZoneLayer {
public:
    /// The CPU part of an upload (no GL: safe on a worker): fill triangles, outlines and markers.
    struct Prepared {
        std::vector<FillVertex> fill;
        std::vector<LineInstance> lines;
        std::vector<DiscInstance> markers;
    };
    static Prepared prepare(const Scenario& s, const MapFrame& frame);
    /// Copies `p` into GL buffers (UI thread).
    void upload(const Prepared& p, const UnitMeshes& meshes);
    void clear() { fill_ = {}, outline_ = {}, markers_ = {}; }
    /// Fills over the land and borders (translucent, so borders show through), then outlines and markers.
    void draw(const LayerFrame& f, float opacity) const;

private:
    DrawBatch fill_;    // triangles, FillVertex
    DrawBatch outline_; // LineInstance
    DrawBatch markers_; // DiscInstance
};

} // namespace buildout
