// The Renderer: draws a scenario at time t from a camera into the currently bound framebuffer, for the
// GUI window and for offscreen snapshots/video alike.
//
// Static data is uploaded once per scenario (setScenario). A frame then changes only uniforms: each
// shader evaluates visibility, status, height and style from per-instance lifecycle dates and capacity
// samples at the time uniform, so the CPU cost of a frame does not grow with the number of entities
// (labels and choropleth colours, a bounded few, are the only per-frame CPU work).
#pragma once

#include "core/scenario.h"
#include "core/view/camera.h"
#include "core/view/dense_layers.h"
#include "core/view/frame_spec.h"
#include "core/view/legend.h"
#include "core/view/map_style.h"
#include "core/view/named_views.h"
#include "render/static_layer_cache.h"

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace buildout {

class OverlayPainter;
struct LayerFrame;
struct PreparedScenario;
struct DensePrepared;

class MapRenderer {
public:
    /// Needs a current OpenGL 3.3 core context; compiles every program. Throws std::runtime_error.
    MapRenderer();
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    /// Uploads the scenario's static geometry (once). Null clears. `paletteWith`: a compared scenario
    /// whose operators share the colour ranking, so both maps colour an operator alike.
    /// Same as prepareScenario then setPreparedScenario in a row.
    void setScenario(std::shared_ptr<const Scenario> scenario, const Scenario* paletteWith = nullptr);
    /// The CPU part of setScenario: every layer's instance arrays, capacity samples and label ranking, and
    /// the merged levels for `clusterThreshold` when given. No GL and no renderer state: safe on any thread
    /// (the GUI runs it on the loader's worker). `paletteWith` must outlive the call.
    static std::shared_ptr<PreparedScenario> prepareScenario(std::shared_ptr<const Scenario> scenario,
                                                             const Scenario* paletteWith,
                                                             std::optional<int> clusterThreshold);
    /// The GL part: copies a prepared scenario into the GPU and swaps it in at once (the previous one is
    /// drawn until this call). Consumes `prepared` (its arrays are moved out where that saves a copy). Null
    /// clears. If it was prepared with another `paletteWith` (the comparison changed meanwhile), prepares it
    /// again here.
    void setPreparedScenario(std::shared_ptr<PreparedScenario> prepared, const Scenario* paletteWith);
    /// The same spread over frames: starts copying `prepared` into buffers of its own (an upload still in
    /// progress is dropped); each uploadPending copies steps of it (one buffer each) until `budgetMs` has
    /// passed (at least one step), and swaps every layer in at once after the last. Until then draw()
    /// draws the previous scenario, whole. Null: cleared at once.
    void beginPreparedScenario(std::shared_ptr<PreparedScenario> prepared, const Scenario* paletteWith);
    /// True once nothing is left to upload (the prepared scenario is the one drawn).
    bool uploadPending(double budgetMs);
    /// On (the GUI): an upload spread over frames ends with warm-up draws (warmPendingDraw, one a frame)
    /// before the swap, so that the first frames of a new scenario do not pay for the driver's first use of
    /// each layer's shaders in that target's state (on llvmpipe, compiling each program's variant: 5-50 ms
    /// a layer group, 150-600 ms in all the first time a 100k scenario is drawn). Off (the default:
    /// snapshots, export, tests): uploadPending swaps in as soon as the buffers are filled.
    void setWarmDraws(bool on) { warmDraws_ = on; }
    /// While an upload awaits its warm-up draws: one warm-up draw of the pending scenario as its first frame
    /// `spec` will show it, into the bound framebuffer of `width` x `height`, which must be the one the
    /// next draw() clears and fills (so the driver sees the state those layers will be drawn with). Seven
    /// draws, one a call: the static layers (confined to a few pixels by a scissor, then whole into a
    /// picture that the first frame copies, half the rows a call), lines, plants and columns (scissored),
    /// and the labels (whole). The current scenario's frames are unaffected, except that its labels are
    /// drawn directly (not from their cached picture) for a frame or two. No-op otherwise. If a frame loop
    /// that warms stops calling it (nothing drawn: a blackout), the upload swaps in unwarmed after two
    /// frames rather than wait.
    void warmPendingDraw(const FrameSpec& spec, int width, int height);
    bool scenarioPending() const;
    /// The threshold setClusterThreshold set (for prepareScenario on a worker).
    int clusterThreshold() const;
    const Scenario* scenario() const { return scenario_.get(); }
    const MapFrame& mapFrame() const { return frame_; }
    const OperatorPalette& operatorPalette() const { return operators_; }
    /// What of the scenario's entities the legend lists (core/view/legend.h), made when it was prepared.
    const LegendFacts& legendFacts() const { return legendFacts_; }

    /// Draws the map into the bound framebuffer of `width` x `height` pixels (clears it first).
    void draw(const FrameSpec& spec, int width, int height);

    /// While the camera, size and basemap settings stay the same, the background, land and borders are
    /// copied from a cached picture instead of drawn (bit-identical). On by default; off for benchmarks'
    /// baselines and tests that compare both paths.
    void setStaticLayerCacheEnabled(bool enabled);

    /// Above this many campuses (default 5000), wide zooms draw each campus as one sprite instead of a
    /// prism and skip the ground discs. For tests of the dense path with a small scene.
    void setDenseThreshold(int campuses);

    /// Above this many campuses, plants or lines (default 5000, each kind on its own), wide zooms draw that
    /// kind merged per grid cell (core/view/dense_layers.h) instead of every entity. Rebuilds the merged
    /// layers of the current scenario when it changes; 0 merges every kind with at least one entity.
    void setClusterThreshold(int entities);

    /// On: the merged layers of a new scenario are built on a worker thread (setScenario returns without
    /// them; a later draw() uploads them once ready, and until then draws no kind that will be merged, so a
    /// frame never pays for every entity of a big scenario). Off (the default: snapshots, export, tests):
    /// built in setScenario. The GUI turns it on so that switching scenarios never stalls a frame.
    void setAsyncDenseBuild(bool enabled) { asyncDense_ = enabled; }
    /// True while merged layers are being built on the worker.
    bool denseBuildPending() const { return denseFuture_.valid(); }

    using DenseView = buildout::DenseView;
    const DenseView& denseView() const { return denseView_; }
    /// The merged layers of the current scenario (levels' sizes, scales and merged campuses; the GPU holds
    /// the instances).
    const DenseLayers& denseLayers() const;
    /// The level whose campuses the last frame drew merged, or null.
    const DenseLevel* mergedCampuses() const;
    /// Comparisons: both maps draw merged columns and glyphs at one scale per level (the smaller of
    /// the two), so that equal heights mean equal MW on either side. Lasts until clearSharedDenseScales()
    /// or a new scenario; ComparisonCompositor shares them for the frames it draws.
    static void shareDenseScales(MapRenderer& a, MapRenderer& b);
    void clearSharedDenseScales();

    /// 2D painter for overlays in the same frame (labels use it too). Valid while the renderer lives.
    OverlayPainter& painter();

    const std::vector<PlacedLabel>& placedLabels() const { return placed_; }
    /// Pixel rectangles (x0, y0, x1, y1) that map labels never overlap: the frame overlay's panels
    /// (reserveFrameOverlay in render/frame_overlay.h). Kept until set again; empty: none.
    void setLabelKeepOut(std::vector<glm::vec4> rectsPx) { labelKeepOut_ = std::move(rectsPx); }

    /// Range of choropleth values of the last frame (for the legend); min > max when none.
    glm::dvec2 choroplethRange() const { return choroplethRange_; }

    /// Comparison diff map: one colour per datacenter, plant and transmission line (indices of the
    /// scenario's lists) replaces the layers' own colours; alpha 0 hides that entity. Each list must have
    /// one entry per entity, or be empty to hide that kind. Uploads a few bytes per entity (a texture
    /// buffer, not the static geometry), so call it when the colours change, not every frame.
    void setDiffColors(const std::vector<glm::vec4>& datacenters, const std::vector<glm::vec4>& plants,
                       const std::vector<glm::vec4>& lines);
    /// Back to the layers' own colours.
    void clearDiffColors() { diffActive_ = false; }
    bool diffColorsActive() const { return diffActive_; }
    /// How many campuses, plants and line segments (single or merged) the last draw() sent to the GPU
    /// after per-instance culling.
    std::size_t lastInstancesSubmitted() const { return submitted_; }
    /// Whether the last draw() copied the background, land and borders from the static-layer cache
    /// (rather than drawing them), for tests of what the cache keeps.
    bool lastStaticLayersFromCache() const { return staticFromCache_; }
    /// Per-instance culling on (the default) or off: off draws every instance, as a reference for tests
    /// and a baseline for bench_frames.
    void setCulling(bool on) { culling_ = on; }

private:
    struct Gpu;
    std::unique_ptr<Gpu> gpu_;
    std::shared_ptr<const Scenario> scenario_;
    bool staticFromCache_ = false;
    /// What the last draw() looked like, for warming a new scenario's labels in its style.
    struct LastLook {
        float pixelScale = 1;
        MapSettings settings;
        TimeDays time = 0;
    } lastLook_;
    std::vector<std::pair<std::string, int>> warmTexts_; ///< (text, LabelStyle index) still to warm
    MapFrame frame_;
    OperatorPalette operators_;
    LegendFacts legendFacts_;
    std::vector<PlacedLabel> placed_;
    std::size_t submitted_ = 0;
    bool culling_ = true;
    std::vector<glm::vec4> labelKeepOut_;
    glm::dvec2 choroplethRange_{1, 0};
    std::vector<int> labelCandidates_; ///< datacenter indices by descending peak capacity
    bool diffActive_ = false;
    DenseView denseView_;
    bool asyncDense_ = false;
    bool warmDraws_ = false;
    std::future<std::shared_ptr<DensePrepared>> denseFuture_;
    /// Builds of scenarios replaced before they finished: dropped once done (a future's destructor would
    /// wait for its thread, stalling the UI thread).
    std::vector<std::future<std::shared_ptr<DensePrepared>>> abandoned_;

    struct DensePlan;
    struct PendingSceneSwap;
    /// Which layers drawGroups draws: a whole frame (kAllGroups) or one warm-up group.
    enum LayerGroup : unsigned {
        kStaticGroup = 1,  ///< background, land, borders
        kLinesGroup = 2,   ///< zones and transmission
        kPlantsGroup = 4,  ///< ground discs, supercluster halos, plants
        kColumnsGroup = 8, ///< supercluster arcs, campus columns
        kLabelsGroup = 16,
        kAllGroups = 31,
    };
    enum class GroupPass {
        Frame,         ///< a frame (kAllGroups), the static layers from their cache
        Warm,          ///< a warm-up draw
        WarmScissored, ///< a warm-up draw confined to a few pixels
        WarmCapture0,  ///< the static layers into Gpu::arrivingStatic: the lower half of the rows
        WarmCapture1   ///< and the upper half
    };
    /// draw() without its bookkeeping.
    void drawGroups(const FrameSpec& spec, int width, int height, unsigned groups, GroupPass pass);
    /// The static-layer cache's key for a frame of `spec` into the bound framebuffer.
    StaticLayerKey staticLayerKey(const FrameSpec& spec, int width, int height) const;

    bool uploadStep(std::size_t step); ///< false: no such step (the upload is complete)
    void swapInPending();
    void uploadDenseLayers();
    void takeFinishedDenseBuild();
    bool hiddenWhilePending(std::size_t entities) const;
    DensePlan planDense(const MapSettings& settings, double kmPerPoint, const glm::mat4& viewProj);
    void drawStaticLayers(const FrameSpec& spec, const LayerFrame& f);
    void drawStaticLayersCached(const FrameSpec& spec, const LayerFrame& f, int width, int height);
    void drawDynamicLayers(const LayerFrame& f, const DensePlan& plan, unsigned groups);

    void drawLabels(const FrameSpec& spec, const glm::mat4& viewProj, int width, int height);
    /// One step of warming the labels of the scenario being uploaded (`p`): step 0 lists the texts its
    /// first frames may label (titles and figures of its ranked campuses and superclusters, at its start
    /// and at the last frame's time, with the last frame's settings and pixel scale), each later step shapes
    /// and rasterises kWarmTextsPerStep of them. Without it, the frame that swaps a 100k scenario in spends
    /// about 35 ms shaping label texts. False once nothing is left.
    bool warmLabelTexts(const PreparedScenario& p, std::size_t step);
};

} // namespace buildout
