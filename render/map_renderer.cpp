// MapRenderer: what the layers share (programs, unit meshes, capacity samples, diff colours), the draw
// order, the level-of-detail and dense-level choice, and the static-layer cache. Each layer's buffers
// and drawing are in render/layers/.
#include "render/map_renderer.h"

#include "core/background_thread.h"
#include "render/gl_objects.h"
#include "render/layers/basemap_layer.h"
#include "render/layers/datacenter_layer.h"
#include "render/layers/dense_batches.h"
#include "render/layers/layer_common.h"
#include "render/layers/power_plant_layer.h"
#include "render/layers/supercluster_layer.h"
#include "render/layers/transmission_layer.h"
#include "render/layers/zone_layer.h"
#include "render/overlay_painter.h"
#include "render/prepared_scenario.h"
#include "render/static_layer_cache.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <limits>

namespace buildout {

namespace {

/// Above this many campuses, wide views switch to sprites and drop per-campus ground discs.
constexpr GLsizei kSpriteThreshold = 5000;
/// Most merged lines a dense level draws before a coarser level's lines are drawn instead.
constexpr GLsizei kMergedLineBudget = 2500;
/// More lines than this: drawn merged at every zoom (the finest level when zoomed in).
constexpr std::size_t kAlwaysMergedLines = 20000;
/// Whether a scenario of `lines` lines, whose merged layers merge its lines (`merged`), draws them merged at
/// every zoom: then its individual segments are never drawn (planDense) nor prepared (prepareScenario).
bool linesMergedAtEveryZoom(std::size_t lines, bool merged) {
    return merged && lines > kAlwaysMergedLines;
}
/// Line segments copied per upload step of a prepared scenario (8 MB: a few ms on llvmpipe).
constexpr std::size_t kLineChunk = 80000;

/// The campuses with the largest peak capacity first; labels consider the first 400.
std::vector<int> rankLabelCandidates(const Scenario& s) {
    std::vector<int> candidates;
    std::vector<std::pair<double, int>> ranked;
    for (std::size_t i = 0; i < s.datacenters.size(); ++i) {
        const Datacenter& d = s.datacenters[i];
        double peak = isKnown(d.capacityMw) ? d.capacityMw : 0.0;
        if (d.capacitySeries >= 0)
            for (const auto& smp : s.series[static_cast<std::size_t>(d.capacitySeries)].samples)
                peak = std::max(peak, smp.value);
        ranked.emplace_back(peak, static_cast<int>(i));
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < ranked.size() && i < 400; ++i)
        candidates.push_back(ranked[i].second);
    return candidates;
}

} // namespace

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
    StaticLayerCache staticLayers;
    GLsizei spriteThreshold =
        kSpriteThreshold; ///< more campuses than this: sprites and no discs at wide zoom
    std::unique_ptr<OverlayPainter> painter = std::make_unique<OverlayPainter>();
    // Comparison diff colours (texture buffers of RGBA8, one texel per instance), indexed by DiffKind.
    gl::Buffer diffBuffers[4] = {gl::makeBuffer(), gl::makeBuffer(), gl::makeBuffer(), gl::makeBuffer()};
    gl::Texture diffTextures[4] = {gl::makeTexture(), gl::makeTexture(), gl::makeTexture(),
                                   gl::makeTexture()};
};

/// Which dense level each kind draws this frame, and the cross-fade between two levels.
struct MapRenderer::DensePlan {
    DenseBlend blend;
    bool campusesMergeable = false, plantsMerged = false, linesMerged = false;
    int levelCount = 0;
    std::vector<GLsizei> lineCounts; ///< merged lines per level
    /// So many lines that even a regional view draws them merged (at the finest level): without culling,
    /// every line would cost its vertices whether on screen or not.
    bool linesAlwaysMerged = false;
    /// The level each kind draws for a dense level `l` (-1: every entity).
    int campusLevel(int l) const { return campusesMergeable ? l : -1; }
    int plantLevel(int l) const {
        return plantsMerged && l >= 0 ? std::min(l + kDensePlantLevelStep, levelCount - 1) : -1;
    }
    int lineLevel(int l) const {
        if (!linesMerged || (l < 0 && !linesAlwaysMerged)) return -1;
        // kDenseLineLevelStep coarser than points, and coarser still while that level has more merged
        // lines than the budget (lines between far-apart campuses hardly merge at fine levels, and each
        // crosses much of the screen).
        int k = l < 0 ? 0 : std::min(l + kDenseLineLevelStep, levelCount - 1);
        while (k + 1 < levelCount && lineCounts[static_cast<std::size_t>(k)] > kMergedLineBudget)
            ++k;
        return k;
    }
    /// Calls draw(level, weight) once, or twice (the fading pair) when the kind's two levels differ.
    template <typename LevelOf, typename Draw> void forBlend(LevelOf levelOf, Draw&& draw) const {
        const int a = levelOf(blend.from), b = levelOf(blend.to);
        if (a == b || blend.t <= 0.0f) {
            draw(blend.t >= 1.0f ? b : a, 1.0f);
            return;
        }
        draw(a, 1.0f - blend.t);
        draw(b, blend.t);
    }
};

MapRenderer::MapRenderer() : gpu_(std::make_unique<Gpu>()) {
    gl::checkErrors("MapRenderer setup");
}

MapRenderer::~MapRenderer() = default; // (waits for a dense build still running: its inputs are copies)

void MapRenderer::setStaticLayerCacheEnabled(bool enabled) {
    gpu_->staticLayers.setEnabled(enabled);
}

void MapRenderer::setDenseThreshold(int campuses) {
    gpu_->spriteThreshold = static_cast<GLsizei>(std::max(campuses, 0));
}

const DenseLayers& MapRenderer::denseLayers() const {
    return gpu_->scene.dense.info();
}

const DenseLevel* MapRenderer::mergedCampuses() const {
    if (!denseView_.campuses || denseView_.level < 0) return nullptr;
    return &gpu_->scene.dense.info().levels[static_cast<std::size_t>(denseView_.level)];
}

void MapRenderer::shareDenseScales(MapRenderer& a, MapRenderer& b) {
    DenseBatches::share(a.gpu_->scene.dense, b.gpu_->scene.dense);
}

void MapRenderer::clearSharedDenseScales() {
    gpu_->scene.dense.clearShared();
}

void MapRenderer::setClusterThreshold(int entities) {
    if (gpu_->clusterThreshold == std::max(entities, 0)) return;
    gpu_->clusterThreshold = std::max(entities, 0);
    uploadDenseLayers();
}

int MapRenderer::clusterThreshold() const {
    return gpu_->clusterThreshold;
}

OverlayPainter& MapRenderer::painter() {
    return *gpu_->painter;
}

std::shared_ptr<PreparedScenario> MapRenderer::prepareScenario(std::shared_ptr<const Scenario> scenario,
                                                               const Scenario* paletteWith,
                                                               std::optional<int> clusterThreshold) {
    auto p = std::make_shared<PreparedScenario>();
    p->scenario = std::move(scenario);
    p->paletteWith = paletteWith;
    if (!p->scenario) return p;
    const Scenario& s = *p->scenario;
    p->frame = makeMapFrame(s);
    p->operators = makeSharedOperatorPalette(s, paletteWith);
    CapacitySteps steps; // campuses' samples first, then plants' (the order the layers append them)
    p->basemap = BasemapLayer::prepare(s, p->frame);
    p->datacenters = DatacenterLayer::prepare(s, p->frame, p->operators, steps);
    p->plants = PowerPlantLayer::prepare(s, p->frame, steps);
    // (the transmission segments after the merged levels: they may not be needed)
    p->zones = ZoneLayer::prepare(s, p->frame);
    p->superclusters = SuperclusterLayer::prepare(s, p->frame);
    p->steps = std::move(steps.data);
    p->labelCandidates = rankLabelCandidates(s);
    if (clusterThreshold) {
        p->clusterThreshold = std::max(*clusterThreshold, 0);
        p->dense = DenseBatches::prepare(buildDenseLayers(s, p->frame, p->operators, p->clusterThreshold));
        p->segmentsOmitted = linesMergedAtEveryZoom(s.lines.size(), p->dense->layers.lines);
    }
    if (!p->segmentsOmitted) p->transmission = TransmissionLayer::prepare(s, p->frame);
    return p;
}

void MapRenderer::setScenario(std::shared_ptr<const Scenario> scenario, const Scenario* paletteWith) {
    if (!scenario) {
        setPreparedScenario(nullptr, nullptr);
        return;
    }
    // In a row: the CPU part here too (snapshots, export, tests); the merged levels as well unless they
    // are built on the worker.
    std::optional<int> threshold;
    if (!asyncDense_) threshold = gpu_->clusterThreshold;
    setPreparedScenario(prepareScenario(std::move(scenario), paletteWith, threshold), paletteWith);
}

void MapRenderer::setPreparedScenario(std::shared_ptr<PreparedScenario> prepared,
                                      const Scenario* paletteWith) {
    beginPreparedScenario(std::move(prepared), paletteWith);
    gpu_->warmLabels = false;
    uploadPending(std::numeric_limits<double>::infinity());
}

void MapRenderer::beginPreparedScenario(std::shared_ptr<PreparedScenario> prepared,
                                        const Scenario* paletteWith) {
    Gpu& g = *gpu_;
    g.staging.reset(); // an upload still in progress is superseded: its buffers go
    g.pending.reset();
    g.pendingStep = 0;
    g.pendingItems = 0;
    g.pendingBegun = false;
    g.warmLabels = true;
    if (prepared && prepared->scenario &&
        (prepared->paletteWith != paletteWith ||
         (prepared->segmentsOmitted && prepared->clusterThreshold != g.clusterThreshold))) {
        // The comparison changed while it was prepared (its palette ranks the wrong operators), or the
        // threshold did, and the segments left out may be drawn.
        std::optional<int> threshold;
        if (!asyncDense_ || prepared->dense) threshold = g.clusterThreshold;
        prepared = prepareScenario(prepared->scenario, paletteWith, threshold);
    }
    if (!prepared || !prepared->scenario) {
        swapInPending();
        return;
    }
    g.pending = std::move(prepared);
    g.staging = std::make_unique<SceneBuffers>();
}

bool MapRenderer::scenarioPending() const {
    return gpu_->pending != nullptr;
}

bool MapRenderer::uploadPending(double budgetMs) {
    Gpu& g = *gpu_;
    if (!g.pending) return true;
    const auto start = std::chrono::steady_clock::now();
    do {
        if (!uploadStep(g.pendingStep++)) {
            swapInPending();
            return true;
        }
    } while (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() <
             budgetMs);
    return false;
}

bool MapRenderer::uploadStep(std::size_t step) {
    // Only copies into GL buffers: the arrays were made by prepareScenario. One step is one buffer, or a
    // part of the transmission segments (a 100k scenario's are ~100 MB).
    Gpu& g = *gpu_;
    PreparedScenario& p = *g.pending;
    SceneBuffers& b = *g.staging;
    const bool dense = p.dense && p.clusterThreshold == g.clusterThreshold;
    const std::size_t levels = dense ? p.dense->levels.size() : 0;
    switch (step) {
    case 0:
        b.basemap.upload(p.basemap, g.meshes);
        return true;
    case 1:
        b.datacenters.upload(p.datacenters, g.meshes);
        return true;
    case 2:
        b.plants.upload(p.plants, g.meshes);
        return true;
    case 3:
    case 4:
        // The buffer first, then parts of kLineChunk segments: the same step again until its half is done.
        if (!g.pendingBegun) {
            b.transmission.beginHalf(p.transmission, g.meshes, step == 4);
            g.pendingBegun = true;
            --g.pendingStep;
        } else if (!b.transmission.uploadHalfPart(p.transmission, step == 4, g.pendingItems, kLineChunk)) {
            --g.pendingStep;
        } else {
            g.pendingItems = 0;
            g.pendingBegun = false;
        }
        return true;
    case 5: {
        b.zones.upload(p.zones, g.meshes);
        b.superclusters.upload(p.superclusters, g.meshes);
        std::vector<float> steps = p.steps;
        uploadTextureBuffer(b.steps, b.stepsTexture, GL_RG32F, steps, 2);
        glBindVertexArray(0);
        glBindBuffer(GL_ARRAY_BUFFER, 0);
        return true;
    }
    default:
        break;
    }
    const std::size_t warmFrom = dense ? 8 + levels : 6;
    if (step == 6 && dense) {
        b.dense.beginUpload(std::move(p.dense->layers));
        return true;
    }
    if (step < 7 + levels && dense) {
        b.dense.uploadLevel(*p.dense, step - 7, g.meshes);
        return true;
    }
    if (step == 7 + levels && dense) {
        b.dense.finishUpload();
        return true;
    }
    // Spread over frames, the label texts too; in a row (setScenario), the first draw shapes them.
    return g.warmLabels && warmLabelTexts(p, step - warmFrom);
}

void MapRenderer::swapInPending() {
    Gpu& g = *gpu_;
    const std::shared_ptr<PreparedScenario> p = std::move(g.pending);
    g.pending.reset();
    // All layers at once: the map never draws a scenario half uploaded.
    if (g.staging) std::swap(g.scene, *g.staging);
    g.staging.reset(); // the previous scenario's buffers
    scenario_ = p ? p->scenario : nullptr;
    placed_.clear();
    diffActive_ = false;
    // The static-layer cache stays: its key names what the basemap draws, not the scenario, so a
    // scenario on the same basemap (a reload, a switch between US scenarios) keeps the cached picture.
    labelCandidates_.clear();
    warmTexts_.clear();
    denseView_ = {};
    if (denseFuture_.valid()) abandoned_.push_back(std::move(denseFuture_)); // the replaced scenario's
    if (!scenario_) {
        // Drop the previous scenario's buffers.
        g.scene.basemap.clear(), g.scene.zones.clear(), g.scene.transmission.clear();
        g.scene.datacenters.clear(), g.scene.plants.clear(), g.scene.superclusters.clear();
        g.scene.dense.clear();
        return;
    }
    frame_ = p->frame;
    operators_ = std::move(p->operators);
    labelCandidates_ = std::move(p->labelCandidates);
    if (!p->dense || p->clusterThreshold != g.clusterThreshold) uploadDenseLayers();
    gl::checkErrors("MapRenderer::swapInPending");
}

void MapRenderer::uploadDenseLayers() {
    Gpu& g = *gpu_;
    denseView_ = {};
    g.scene.dense.clear();
    if (denseFuture_.valid()) abandoned_.push_back(std::move(denseFuture_));
    if (!scenario_) return;
    if (!asyncDense_) {
        g.scene.dense.upload(
            DenseBatches::prepare(buildDenseLayers(*scenario_, frame_, operators_, g.clusterThreshold)),
            g.meshes);
        gl::checkErrors("MapRenderer::uploadDenseLayers");
        return;
    }
    // The worker gets its own copies (and a share of the scenario), so a new setScenario never waits.
    denseFuture_ = std::async(std::launch::async, [s = scenario_, frame = frame_, palette = operators_,
                                                   threshold = g.clusterThreshold] {
        lowerThisThreadPriority(); // frames of the map already shown come first
        return std::make_shared<DensePrepared>(
            DenseBatches::prepare(buildDenseLayers(*s, frame, palette, threshold)));
    });
}

void MapRenderer::takeFinishedDenseBuild() {
    const auto ready = [](const std::future<std::shared_ptr<DensePrepared>>& f) {
        return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    };
    std::erase_if(abandoned_, ready);
    if (!denseFuture_.valid() || !ready(denseFuture_)) return;
    gpu_->scene.dense.upload(std::move(*denseFuture_.get()), gpu_->meshes);
    gl::checkErrors("MapRenderer::takeFinishedDenseBuild");
}

bool MapRenderer::hiddenWhilePending(std::size_t entities) const {
    // A kind that the pending build will merge is left out until it is ready (drawn unmerged, a big
    // scenario's frame would take hundreds of ms); small kinds draw as usual.
    return denseFuture_.valid() && entities > static_cast<std::size_t>(gpu_->clusterThreshold);
}

MapRenderer::DensePlan MapRenderer::planDense(const MapSettings& set, double kmPerPoint,
                                              const glm::mat4& viewProj) {
    const Gpu& g = *gpu_;
    const DenseLayers& info = g.scene.dense.info();
    DensePlan plan;
    // At wide zoom a kind with thousands of entities is drawn merged per grid cell (never in the diff map,
    // whose colours are per entity). Near a change of level the two levels cross-fade.
    // A zoom that would draw more campuses one by one than the budget (core/view/dense_layers.h) draws
    // the finest merged level instead: the cost follows what is on screen.
    plan.blend =
        diffActive_ ? DenseBlend{} : denseBlendWithin(info, kmPerPoint, campusesOnScreen(info, viewProj));
    plan.campusesMergeable = info.campuses && !set.campusFiltersActive() && set.minMw <= 0;
    plan.plantsMerged = info.plants;
    plan.linesMerged = info.lines;
    plan.linesAlwaysMerged = scenario_ && linesMergedAtEveryZoom(scenario_->lines.size(), info.lines);
    plan.levelCount = static_cast<int>(g.scene.dense.levelCount());
    for (int l = 0; l < plan.levelCount; ++l)
        plan.lineCounts.push_back(g.scene.dense.lines(l).count);
    // The legend and hit-testing describe the level that dominates the frame.
    denseView_ = {};
    if (const int shown = plan.blend.dominant(); shown >= 0) {
        const int lines = plan.lineLevel(shown), plants = plan.plantLevel(shown);
        denseView_.cellKm = info.levels[static_cast<std::size_t>(shown)].cellKm;
        denseView_.lineCellKm = lines >= 0 ? info.levels[static_cast<std::size_t>(lines)].cellKm : 0.0;
        denseView_.lines = lines >= 0 && set.transmission.visible;
        denseView_.plantCellKm = plants >= 0 ? info.levels[static_cast<std::size_t>(plants)].cellKm : 0.0;
        denseView_.plants = plants >= 0 && set.powerPlants.visible;
        denseView_.campuses = plan.campusLevel(shown) >= 0 && set.datacenters.visible;
        denseView_.campusHeightScale = g.scene.dense.campusScaleAt(shown);
        denseView_.plantMwScale = plants >= 0 ? g.scene.dense.plantScaleAt(plants) : 1.0f;
        denseView_.level = shown;
        if (!denseView_.lines && !denseView_.plants && !denseView_.campuses) denseView_ = {};
    }
    return plan;
}

void MapRenderer::drawStaticLayers(const FrameSpec& spec, const LayerFrame& f) {
    // Background, land (region colours change only with a choropleth) and borders, drawn first into a
    // cleared target with no depth writes, so that they can come from the cache.
    const Gpu& g = *gpu_;
    glDisable(GL_BLEND);
    if (spec.transparentBackground)
        glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    else
        glClearColor(style::kBackgroundEdge.r, style::kBackgroundEdge.g, style::kBackgroundEdge.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    if (!spec.transparentBackground) {
        g.programs.background.use();
        glUniform3fv(g.programs.background.uniform("uCenterColor"), 1, &style::kBackgroundCenter.r);
        glUniform3fv(g.programs.background.uniform("uEdgeColor"), 1, &style::kBackgroundEdge.r);
        glBindVertexArray(g.programs.emptyVao.get());
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }
    if (!scenario_ || !spec.settings.basemap.visible) return;
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    g.scene.basemap.draw(f, spec.settings.basemap.opacity);
    glDisable(GL_BLEND);
}

void MapRenderer::drawStaticLayersCached(const FrameSpec& spec, const LayerFrame& f, int width, int height) {
    Gpu& g = *gpu_;
    GLint boundFbo = 0, boundSamples = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &boundFbo);
    glGetIntegerv(GL_SAMPLES, &boundSamples);
    const GLuint targetFbo = static_cast<GLuint>(boundFbo);
    StaticLayerKey key;
    key.basemap = scenario_ ? g.scene.basemap.pictureHash() : 0;
    key.camera = spec.camera;
    key.width = width;
    key.height = height;
    key.samples = boundSamples;
    key.pixelScale = spec.pixelScale;
    key.basemapVisible = spec.settings.basemap.visible;
    key.basemapOpacity = spec.settings.basemap.opacity;
    key.transparentBackground = spec.transparentBackground;
    key.regionColors = g.scene.basemap.regionColorsHash();
    // keepContents (the diff map's second pass) draws over the frame as it is: no static layers at all.
    const StaticLayerCache::Action action =
        spec.keepContents ? StaticLayerCache::Action::Direct : g.staticLayers.plan(key, targetFbo);
    bool drawn = false;
    staticFromCache_ = false;
    if (action == StaticLayerCache::Action::Copy) {
        drawn = g.staticLayers.copyTo(targetFbo);
        staticFromCache_ = drawn;
    } else if (action == StaticLayerCache::Action::Capture) {
        g.staticLayers.beginCapture();
        drawStaticLayers(spec, f);
        drawn = g.staticLayers.copyTo(targetFbo);
    }
    glViewport(0, 0, width, height);
    if (spec.keepContents) {
        // Colour and depth stay as the previous pass left them (B's columns are depth-tested against A's).
    } else if (drawn) {
        glClear(GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    } else {
        drawStaticLayers(spec, f);
    }
}

void MapRenderer::drawDynamicLayers(const LayerFrame& f, const DensePlan& plan) {
    const Gpu& g = *gpu_;
    const MapSettings& set = *f.settings;
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    // AI Economic Zones over the land and borders (translucent, so borders show through).
    if (set.zones.visible) g.scene.zones.draw(f, set.zones.opacity);
    const Scenario& s = *scenario_;
    if (set.transmission.visible && !hiddenWhilePending(s.lines.size()))
        plan.forBlend([&](int l) { return plan.lineLevel(l); },
                      [&](int l, float weight) {
                          if (l >= 0)
                              TransmissionLayer::drawMerged(f, g.scene.dense.lines(l),
                                                            g.scene.dense.lineCells(l),
                                                            set.transmission.opacity * weight);
                          else
                              g.scene.transmission.draw(f, set.transmission.opacity * weight);
                      });
    const bool campusesMerged =
        plan.campusLevel(plan.blend.from) >= 0 || plan.campusLevel(plan.blend.to) >= 0;
    const bool manyCampuses = g.scene.datacenters.count() > g.spriteThreshold;
    const bool denseAtWideZoom = campusesMerged || (manyCampuses && f.kmPerPixel * 12.0 * f.pixelScale > 7.0);
    if (set.datacenters.visible && !denseAtWideZoom && !set.campusFiltersActive() && !diffActive_)
        g.scene.datacenters.drawGroundDiscs(f, set.datacenters.opacity * 0.8f);
    if (set.superclusters.visible) g.scene.superclusters.drawHalos(f, set.superclusters.opacity);
    if (set.powerPlants.visible && g.scene.plants.count() > 0 && !hiddenWhilePending(s.powerPlants.size())) {
        g.scene.plants.beginDraw(f);
        plan.forBlend([&](int l) { return plan.plantLevel(l); },
                      [&](int l, float weight) {
                          g.scene.plants.drawPass(f, l >= 0 ? &g.scene.dense.plants(l) : nullptr,
                                                  l >= 0 ? &g.scene.dense.plantCells(l) : nullptr,
                                                  g.scene.dense.plantScaleAt(l), weight);
                      });
    }
    if (set.superclusters.visible) g.scene.superclusters.drawArcs(f, set.superclusters.opacity);
    if (set.datacenters.visible && g.scene.datacenters.count() > 0 &&
        !hiddenWhilePending(s.datacenters.size())) {
        // Level of detail: with many campuses and columns only a few pixels wide, each campus is one
        // shaded sprite instead of a prism (16x fewer vertices), and the ground discs are skipped.
        DatacenterLayer::ColumnPass pass;
        pass.radiusKm = std::max(7.0, f.kmPerPixel * 4.2 * f.pixelScale);
        pass.sprites = manyCampuses && pass.radiusKm / f.kmPerPixel < 12.0;
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LESS);
        plan.forBlend([&](int l) { return plan.campusLevel(l); },
                      [&](int l, float weight) {
                          pass.merged = l >= 0 ? &g.scene.dense.campuses(l) : nullptr;
                          pass.mergedCells = l >= 0 ? &g.scene.dense.campusCells(l) : nullptr;
                          pass.heightScale = g.scene.dense.campusScaleAt(l);
                          pass.weight = weight;
                          g.scene.datacenters.drawColumns(f, pass);
                      });
        glDisable(GL_DEPTH_TEST);
    }
    glBindVertexArray(0);
}

void MapRenderer::draw(const FrameSpec& spec, int width, int height) {
    takeFinishedDenseBuild();
    lastLook_.pixelScale = spec.pixelScale;
    lastLook_.settings = spec.settings;
    lastLook_.time = spec.time;
    Gpu& g = *gpu_;
    glViewport(0, 0, width, height);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_STENCIL_TEST);
    glDepthMask(GL_TRUE);

    LayerFrame f;
    f.spec = &spec;
    f.settings = &spec.settings;
    f.viewProj = spec.camera.viewProjection(static_cast<double>(width) / std::max(height, 1));
    f.viewport = glm::vec2(static_cast<float>(width), static_cast<float>(height));
    f.time = gpuTime(spec.time);
    f.pixelScale = spec.pixelScale;
    f.kmPerPixel = 2.0 * spec.camera.distanceKm * std::tan(spec.camera.fovYDeg * 3.14159265358979 / 360.0) /
                   std::max(height, 1);
    // Level of detail for paths: the simplified copies deviate by at most kCoarseToleranceKm, invisible when
    // that is under half a pixel (kmPerPixel is at the look-at point; nearer ground is a little larger).
    f.coarse = f.kmPerPixel >= 2.0 * kCoarseToleranceKm;
    f.diffActive = diffActive_;
    f.programs = &g.programs;
    f.meshes = &g.meshes;
    f.diffTextures = g.diffTextures;
    f.knots = g.scene.dense.info().knots;
    // Culling: what the camera sees of the slab from the ground to the tallest column (unknown capacities
    // and the uniform height included), so a column whose base is off screen but whose top is in view
    // is still drawn.
    const double tallestMw =
        std::max({g.scene.datacenters.maxColumnMw(), 120.0, static_cast<double>(kUniformColumnMw)});
    if (culling_) {
        f.visible = visibleGroundRect(f.viewProj, tallestMw * kKmPerMw * spec.settings.columnScale + 10.0);
        f.visibleMerged = visibleGroundRect(
            f.viewProj, std::max(tallestMw, kMergedColumnMw) * kKmPerMw * spec.settings.columnScale + 10.0);
    }
    submitted_ = 0;
    f.submitted = &submitted_;
    const DensePlan plan = planDense(spec.settings, f.kmPerPixel * f.pixelScale, f.viewProj);

    placed_.clear();
    if (scenario_ && spec.settings.basemap.visible)
        choroplethRange_ = g.scene.basemap.updateRegionColors(*scenario_, spec);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_BUFFER, g.scene.stepsTexture.get());
    glActiveTexture(GL_TEXTURE3);
    glBindTexture(GL_TEXTURE_BUFFER, g.scene.dense.bandsTexture());
    glActiveTexture(GL_TEXTURE0);
    drawStaticLayersCached(spec, f, width, height);
    if (!scenario_) return;
    drawDynamicLayers(f, plan);
    if (spec.settings.labels) drawLabels(spec, f.viewProj, width, height);
    gl::checkErrors("MapRenderer::draw");
}

void MapRenderer::setDiffColors(const std::vector<glm::vec4>& datacenters,
                                const std::vector<glm::vec4>& plants, const std::vector<glm::vec4>& lines) {
    Gpu& g = *gpu_;
    auto uploadColors = [&](DiffKind kind, const std::vector<glm::vec4>& colors,
                            const std::vector<int>* owner) {
        // RGBA8 per instance (every instance has a texel: a missing colour hides it); transmission
        // instances are segments, coloured by the line they belong to.
        const std::size_t entities = !scenario_                  ? 0
                                     : kind == DiffKind::Columns ? scenario_->datacenters.size()
                                                                 : scenario_->powerPlants.size();
        const std::size_t n = owner ? owner->size() : entities;
        std::vector<std::uint8_t> rgba(std::max<std::size_t>(n, 1) * 4, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const int src = owner ? (*owner)[i] : static_cast<int>(i);
            if (src < 0 || static_cast<std::size_t>(src) >= colors.size()) continue;
            for (int k = 0; k < 4; ++k)
                rgba[i * 4 + static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(
                    std::clamp(colors[static_cast<std::size_t>(src)][k], 0.0f, 1.0f) * 255.0f + 0.5f);
        }
        const auto i = static_cast<std::size_t>(kind);
        glBindBuffer(GL_TEXTURE_BUFFER, g.diffBuffers[i].get());
        glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(rgba.size()), rgba.data(), GL_DYNAMIC_DRAW);
        glBindTexture(GL_TEXTURE_BUFFER, g.diffTextures[i].get());
        glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA8, g.diffBuffers[i].get());
    };
    uploadColors(DiffKind::Columns, datacenters, &g.scene.datacenters.entityOfInstance());
    uploadColors(DiffKind::Glyphs, plants, &g.scene.plants.entityOfInstance());
    uploadColors(DiffKind::Segments, lines, &g.scene.transmission.lineOfSegment());
    uploadColors(DiffKind::CoarseSegments, lines, &g.scene.transmission.lineOfCoarseSegment());
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
    diffActive_ = true;
    gl::checkErrors("MapRenderer::setDiffColors");
}

} // namespace buildout
