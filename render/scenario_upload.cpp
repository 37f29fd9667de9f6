// MapRenderer's scenario pipeline: preparing a scenario on the CPU (any thread), copying it to the GPU
// a few buffers a frame, warming what its first frames draw, and swapping it in whole.
#include "render/map_renderer.h"

#include "core/background_thread.h"
#include "render/map_renderer_gpu.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <utility>

namespace buildout {

namespace {

/// Floats of the merged layers' capacity bands copied per upload step (8 MB, as kLineChunk).
constexpr std::size_t kBandFloats = 2 * 1024 * 1024;
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

/// Warm-up draws of a scenario before its swap (warmPendingDraw): the groups, one a frame.
constexpr int kWarmDrawCount = 7;
/// Frames an upload waits for a warm-up draw that does not come (the map is not drawn) before it swaps in.
constexpr int kFramesWithoutWarm = 2;

} // namespace

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
    p->legendFacts = buildout::legendFacts(s);
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
    gpu_->warmDrawsLeft = -1;
    uploadPending(std::numeric_limits<double>::infinity());
}

void MapRenderer::beginPreparedScenario(std::shared_ptr<PreparedScenario> prepared,
                                        const Scenario* paletteWith) {
    Gpu& g = *gpu_;
    g.staging.reset(); // an upload still in progress is superseded: its buffers go
    g.arrivingStatic = StaticLayerCache{};
    g.pending.reset();
    g.pendingStep = 0;
    g.pendingItems = 0;
    g.pendingBegun = false;
    g.warmLabels = true;
    g.warmDrawsLeft = warmDraws_ ? kWarmDrawCount : -1;
    g.uploadDone = false;
    g.framesWithoutWarm = 0;
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
        if (!g.uploadDone && !uploadStep(g.pendingStep++)) g.uploadDone = true;
        if (g.uploadDone) {
            // The warm-up draws (warmPendingDraw, one a frame) first, unless the frame loop stopped drawing.
            if (g.warmDrawsLeft > 0 && ++g.framesWithoutWarm <= kFramesWithoutWarm) return false;
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
    constexpr auto kParts = static_cast<std::size_t>(DenseBatches::kLevelParts);
    const std::size_t levelSteps = levels * kParts; // each level in parts: campuses, plants, lines
    const std::size_t warmFrom = dense ? 8 + levelSteps : 6;
    if (step == 6 && dense) {
        b.dense.beginUpload(std::move(p.dense->layers));
        return true;
    }
    if (step < 7 + levelSteps && dense) {
        b.dense.uploadLevelPart(*p.dense, (step - 7) / kParts, static_cast<int>((step - 7) % kParts),
                                g.meshes);
        return true;
    }
    if (step == 7 + levelSteps && dense) { // the capacity bands, in parts: the same step again until done
        if (!b.dense.finishUploadPart(g.pendingItems, kBandFloats))
            --g.pendingStep;
        else
            g.pendingItems = 0;
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
    // Its static layers as its warm-up captured them for its first frame, if it did; the cache and its
    // settings stay otherwise.
    if (g.arrivingStatic.hasPicture()) std::swap(g.staticLayers, g.arrivingStatic);
    g.arrivingStatic = StaticLayerCache{};
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
    legendFacts_ = p->legendFacts;
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

/// Makes the scenario being uploaded the drawn one for a warm-up draw (its buffers, scenario, frame,
/// palette and label ranking), keeping what the current scenario's frames read (placed labels, the
/// dense view, counters), and puts everything back when it goes.
struct MapRenderer::PendingSceneSwap {
    MapRenderer& r;
    PreparedScenario& p;
    std::vector<PlacedLabel> placed;
    DenseView denseView;
    std::size_t submitted;
    glm::dvec2 choroplethRange;
    bool staticFromCache, diffActive;

    explicit PendingSceneSwap(MapRenderer& renderer)
        : r(renderer), p(*renderer.gpu_->pending), placed(std::move(renderer.placed_)),
          denseView(renderer.denseView_), submitted(renderer.submitted_),
          choroplethRange(renderer.choroplethRange_), staticFromCache(renderer.staticFromCache_),
          diffActive(renderer.diffActive_) {
        swapScenes();
        r.placed_.clear();
        r.diffActive_ = false; // the pending scenario has no diff colours
    }
    ~PendingSceneSwap() {
        swapScenes();
        r.placed_ = std::move(placed);
        r.denseView_ = denseView;
        r.submitted_ = submitted;
        r.choroplethRange_ = choroplethRange;
        r.staticFromCache_ = staticFromCache;
        r.diffActive_ = diffActive;
    }
    PendingSceneSwap(const PendingSceneSwap&) = delete;
    PendingSceneSwap& operator=(const PendingSceneSwap&) = delete;

    void swapScenes() {
        std::swap(r.gpu_->scene, *r.gpu_->staging);
        std::swap(r.scenario_, p.scenario);
        std::swap(r.frame_, p.frame);
        std::swap(r.operators_, p.operators);
        std::swap(r.legendFacts_, p.legendFacts);
        std::swap(r.labelCandidates_, p.labelCandidates);
    }
};

void MapRenderer::warmPendingDraw(const FrameSpec& spec, int width, int height) {
    Gpu& g = *gpu_;
    if (!g.pending || !g.staging || !g.uploadDone || g.warmDrawsLeft <= 0) return;
    // One group a frame: on llvmpipe each group's first draw compiles its programs' variants (5-40 ms). The
    // static layers three times: scissored first (the compiles), then whole into the picture the first
    // frame copies, half its rows a frame (drawing them is ~30 ms at 960x540 4x: with the frame of the
    // scenario still shown, a stall).
    struct WarmDraw {
        unsigned group;
        GroupPass pass;
    };
    constexpr WarmDraw kDraws[kWarmDrawCount] = {
        {kStaticGroup, GroupPass::WarmScissored}, {kStaticGroup, GroupPass::WarmCapture0},
        {kStaticGroup, GroupPass::WarmCapture1},  {kLinesGroup, GroupPass::WarmScissored},
        {kPlantsGroup, GroupPass::WarmScissored}, {kColumnsGroup, GroupPass::WarmScissored},
        {kLabelsGroup, GroupPass::Warm}};
    const WarmDraw draw = kDraws[kWarmDrawCount - g.warmDrawsLeft];
    const unsigned group = draw.group;
    --g.warmDrawsLeft;
    g.framesWithoutWarm = 0;
    // At a time inside the new scenario (the first load starts outside any), or no label would be placed.
    FrameSpec at = spec;
    const Manifest& m = g.pending->scenario->manifest;
    at.time = std::clamp(spec.time, static_cast<TimeDays>(m.start), static_cast<TimeDays>(m.end));
    const PendingSceneSwap swap(*this);
    if (group != kLabelsGroup) {
        drawGroups(at, width, height, group, draw.pass);
        return;
    }
    // Labels unscissored (a label box must fit the viewport to be placed) and twice: the second draw turns
    // the repeated texts into sprites (render/text_sprite_atlas.h), as the first frames after the swap would.
    drawGroups(at, width, height, group, GroupPass::Warm);
    placed_.clear();
    drawGroups(at, width, height, group, GroupPass::Warm);
}

} // namespace buildout
