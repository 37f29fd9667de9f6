// MapRenderer: what the layers share (programs, unit meshes, capacity samples, diff colours), the draw
// order, the level-of-detail and dense-level choice, and the static-layer cache. Each layer's buffers
// and drawing are in render/layers/.
#include "render/map_renderer.h"

#include "render/map_renderer_gpu.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace buildout {

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

StaticLayerKey MapRenderer::staticLayerKey(const FrameSpec& spec, int width, int height) const {
    const Gpu& g = *gpu_;
    GLint boundSamples = 0;
    glGetIntegerv(GL_SAMPLES, &boundSamples);
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
    return key;
}

void MapRenderer::drawStaticLayersCached(const FrameSpec& spec, const LayerFrame& f, int width, int height) {
    Gpu& g = *gpu_;
    GLint boundFbo = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &boundFbo);
    const GLuint targetFbo = static_cast<GLuint>(boundFbo);
    const StaticLayerKey key = staticLayerKey(spec, width, height);
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

void MapRenderer::drawDynamicLayers(const LayerFrame& f, const DensePlan& plan, unsigned groups) {
    const Gpu& g = *gpu_;
    const MapSettings& set = *f.settings;
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    // AI Economic Zones over the land and borders (translucent, so borders show through).
    const bool lines = groups & kLinesGroup, plants = groups & kPlantsGroup, columns = groups & kColumnsGroup;
    if (lines && set.zones.visible) g.scene.zones.draw(f, set.zones.opacity);
    const Scenario& s = *scenario_;
    if (lines && set.transmission.visible && !hiddenWhilePending(s.lines.size()))
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
    if (plants && set.datacenters.visible && !denseAtWideZoom && !set.campusFiltersActive() && !diffActive_)
        g.scene.datacenters.drawGroundDiscs(f, set.datacenters.opacity * 0.8f);
    if (plants && set.superclusters.visible) g.scene.superclusters.drawHalos(f, set.superclusters.opacity);
    if (plants && set.powerPlants.visible && g.scene.plants.count() > 0 &&
        !hiddenWhilePending(s.powerPlants.size())) {
        g.scene.plants.beginDraw(f);
        plan.forBlend([&](int l) { return plan.plantLevel(l); },
                      [&](int l, float weight) {
                          g.scene.plants.drawPass(f, l >= 0 ? &g.scene.dense.plants(l) : nullptr,
                                                  l >= 0 ? &g.scene.dense.plantCells(l) : nullptr,
                                                  g.scene.dense.plantScaleAt(l), weight);
                      });
    }
    if (columns && set.superclusters.visible) g.scene.superclusters.drawArcs(f, set.superclusters.opacity);
    if (columns && set.datacenters.visible && g.scene.datacenters.count() > 0 &&
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
    drawGroups(spec, width, height, kAllGroups, GroupPass::Frame);
}

void MapRenderer::drawGroups(const FrameSpec& spec, int width, int height, unsigned groups, GroupPass pass) {
    Gpu& g = *gpu_;
    glViewport(0, 0, width, height);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_STENCIL_TEST);
    glDepthMask(GL_TRUE);
    if (pass == GroupPass::WarmScissored) {
        glEnable(GL_SCISSOR_TEST);
        glScissor(0, 0, 4, 4);
    } else {
        glDisable(GL_SCISSOR_TEST);
    }

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
    if (pass == GroupPass::Frame) {
        drawStaticLayersCached(spec, f, width, height);
    } else if (groups & kStaticGroup) {
        // Warming: into the picture the scenario's first frame copies (or, without the cache, directly).
        GLint target = 0;
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
        const StaticLayerKey key = staticLayerKey(spec, width, height);
        const bool cached = target != 0 && g.staticLayers.enabled();
        if (cached && pass == GroupPass::WarmScissored)
            g.arrivingStatic.reserve(key.width, key.height, key.samples);
        const bool capturing = pass == GroupPass::WarmCapture0 || pass == GroupPass::WarmCapture1;
        const bool capture = cached && capturing &&
                             g.arrivingStatic.beginCaptureAhead(key, pass == GroupPass::WarmCapture0 ? 0 : 1);
        if (capturing && !capture) return; // (the cache is off, or the first half was of another key)
        drawStaticLayers(spec, f);
        if (capture) glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(target));
        glViewport(0, 0, width, height);
        if (capturing) {
            glDisable(GL_SCISSOR_TEST);
            return; // (a capture draws nothing else)
        }
    } else {
        glClear(GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    }
    if (scenario_) {
        drawDynamicLayers(f, plan, groups);
        if ((groups & kLabelsGroup) && spec.settings.labels) drawLabels(spec, f.viewProj, width, height);
    }
    glDisable(GL_SCISSOR_TEST);
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
