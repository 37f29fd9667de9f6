// MapRenderer's GL state, shared by the renderer's own source files (map_renderer.cpp: the frame;
// scenario_upload.cpp: preparing, uploading and warming a scenario). Private to render/: nothing outside
// the renderer includes it.
#pragma once

#include "render/gl_objects.h"
#include "render/layers/basemap_layer.h"
#include "render/layers/datacenter_layer.h"
#include "render/layers/dense_batches.h"
#include "render/layers/layer_common.h"
#include "render/layers/power_plant_layer.h"
#include "render/layers/supercluster_layer.h"
#include "render/layers/transmission_layer.h"
#include "render/layers/zone_layer.h"
#include "render/map_renderer.h"
#include "render/overlay_painter.h"
#include "render/prepared_scenario.h"
#include "render/static_layer_cache.h"

#include <cstddef>
#include <memory>

namespace buildout {
/// Above this many campuses, wide views switch to sprites and drop per-campus ground discs.
inline constexpr GLsizei kSpriteThreshold = 5000;
/// Most merged lines a dense level draws before a coarser level's lines are drawn instead.
inline constexpr GLsizei kMergedLineBudget = 2500;
/// More lines than this: drawn merged at every zoom (the finest level when zoomed in).
inline constexpr std::size_t kAlwaysMergedLines = 20000;
/// Whether a scenario of `lines` lines, whose merged layers merge its lines (`merged`), draws them merged at
/// every zoom: then its individual segments are never drawn (planDense) nor prepared (prepareScenario).
inline bool linesMergedAtEveryZoom(std::size_t lines, bool merged) {
    return merged && lines > kAlwaysMergedLines;
}

/// One scenario's GL buffers: the drawn one (Gpu::scene), or one being filled over frames (Gpu::staging).
struct SceneBuffers {
    BasemapLayer basemap;
    ZoneLayer zones;
    TransmissionLayer transmission;
    DatacenterLayer datacenters;
    PowerPlantLayer plants;
    SuperclusterLayer superclusters;
    DenseBatches dense; ///< merged per grid cell at wide zoom (texture unit 3: their bands)
    // Capacity samples of datacenters and plants: (t, MW) pairs in a texture buffer (texture unit 1).
    gl::Buffer steps = gl::makeBuffer();
    gl::Texture stepsTexture = gl::makeTexture();
};

struct MapRenderer::Gpu {
    LayerPrograms programs;
    UnitMeshes meshes;
    SceneBuffers scene;
    int clusterThreshold = kDefaultClusterThreshold;
    /// A prepared scenario being copied to the GPU a few steps a frame (uploadPending), drawn once complete.
    std::unique_ptr<SceneBuffers> staging;
    std::shared_ptr<PreparedScenario> pending;
    std::size_t pendingStep = 0;  ///< the next step of staging's upload (uploadStep)
    std::size_t pendingItems = 0; ///< instances of that step already copied (steps done in parts)
    bool pendingBegun = false;    ///< that step's buffer is allocated (steps done in parts)
    bool warmLabels = true;       ///< the upload ends with warmLabelTexts steps (spread over frames)
    /// The warm-up draws still to do before the swap (warmPendingDraw), -1: none (setWarmDraws off).
    int warmDrawsLeft = -1;
    bool uploadDone = false;   ///< every upload step is done (the warm-up draws may remain)
    int framesWithoutWarm = 0; ///< uploadPending calls since the last warm-up draw
    StaticLayerCache staticLayers;
    /// The static layers of the scenario being uploaded, as its first frame will show them (captured by
    /// its warm-up, swapped in with it; empty otherwise).
    StaticLayerCache arrivingStatic;
    GLsizei spriteThreshold =
        kSpriteThreshold; ///< more campuses than this: sprites and no discs at wide zoom
    std::unique_ptr<OverlayPainter> painter = std::make_unique<OverlayPainter>();
    // Comparison diff colours (texture buffers of RGBA8, one texel per instance), indexed by DiffKind.
    gl::Buffer diffBuffers[4] = {gl::makeBuffer(), gl::makeBuffer(), gl::makeBuffer(), gl::makeBuffer()};
    gl::Texture diffTextures[4] = {gl::makeTexture(), gl::makeTexture(), gl::makeTexture(),
                                   gl::makeTexture()};
};

} // namespace buildout
