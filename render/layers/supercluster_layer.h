// Compute superclusters: a halo around each member campus while both exist, and raised arcs chaining
// the members (nearest neighbour from the first) like flight paths; members of one metro share halos.
#pragma once

#include "render/layers/layer_common.h"

namespace buildout {

class SuperclusterLayer {
public:
    /// The CPU part of an upload (no GL: safe on a worker): member halos and chaining arcs.
    struct Prepared {
        std::vector<DiscInstance> halos;
        std::vector<LineInstance> arcs;
    };
    static Prepared prepare(const Scenario& s, const MapFrame& frame);
    /// Copies `p` into GL buffers (UI thread).
    void upload(const Prepared& p, const UnitMeshes& meshes);
    void clear() { halos_ = {}, arcs_ = {}; }
    /// Halos go under the plants and columns, arcs over the plants (the map's draw order).
    void drawHalos(const LayerFrame& f, float opacity) const { drawDiscBatch(f, halos_, opacity); }
    void drawArcs(const LayerFrame& f, float opacity) const {
        drawLineBatch(f, arcs_, opacity, DiffKind::Segments, false);
    }

private:
    DrawBatch halos_; // DiscInstance
    DrawBatch arcs_;  // LineInstance
};

} // namespace buildout
