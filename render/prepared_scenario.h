// A scenario prepared for drawing: everything MapRenderer::setScenario computes on the CPU (each layer's
// instance arrays in cell order, the capacity samples, the label ranking, optionally the merged levels),
// made without any GL call so that a worker thread can build it while the UI thread keeps drawing the
// previous scenario. MapRenderer::setScenario(prepared) then only copies the arrays into GL buffers.
#pragma once

#include "core/view/legend.h"
#include "render/layers/basemap_layer.h"
#include "render/layers/datacenter_layer.h"
#include "render/layers/dense_batches.h"
#include "render/layers/power_plant_layer.h"
#include "render/layers/supercluster_layer.h"
#include "render/layers/transmission_layer.h"
#include "render/layers/zone_layer.h"

#include <memory>
#include <optional>
#include <vector>

namespace buildout {

struct PreparedScenario {
    std::shared_ptr<const Scenario> scenario;
    /// The compared scenario whose operators the palette was ranked with (identity only; null: none).
    const Scenario* paletteWith = nullptr;
    MapFrame frame;
    OperatorPalette operators;
    LegendFacts legendFacts;
    BasemapLayer::Prepared basemap;
    DatacenterLayer::Prepared datacenters;
    PowerPlantLayer::Prepared plants;
    TransmissionLayer::Prepared transmission;
    ZoneLayer::Prepared zones;
    SuperclusterLayer::Prepared superclusters;
    std::vector<float> steps;         ///< capacity samples, (t, MW) pairs (texture unit 1)
    std::vector<int> labelCandidates; ///< datacenter indices by descending peak capacity (first 400)
    /// The merged levels for this cluster threshold (built when asked for; else the renderer builds them).
    int clusterThreshold = 0;
    std::optional<DensePrepared> dense;
    /// The lines are merged at every zoom (more than MapRenderer's always-merged count, and merged at
    /// this threshold), so `transmission` holds no segments: they would never be drawn, and at 100k
    /// they are ~100 MB to build, allocate and copy.
    bool segmentsOmitted = false;
};

} // namespace buildout
