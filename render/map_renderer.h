// The Renderer: draws a scenario at time t from a camera into the currently bound framebuffer, for the
// GUI window and for offscreen snapshots/video alike.
//
// Static data is uploaded once per scenario (setScenario). A frame then changes only uniforms: each
// shader evaluates visibility, status, height and style from per-instance lifecycle dates and capacity
// samples at the time uniform, so the CPU cost of a frame does not grow with the number of entities
// (labels and choropleth colours, a bounded few, are the only per-frame CPU work).
#pragma once

#include "core/scenario.h"
#include "render/camera.h"
#include "render/map_style.h"
#include "render/named_views.h"

#include <memory>
#include <string>
#include <vector>

namespace buildout {

class OverlayPainter;
struct DenseLayers;
struct DenseLevel;

struct LayerSettings {
    bool visible = true;
    float opacity = 1.0f; ///< 0..1
};

/// What to draw and how; edited by the GUI's layer panel and set from the CLI's --layers.
struct MapSettings {
    LayerSettings basemap, datacenters, powerPlants, transmission, superclusters, zones;
    ColorBy datacenterColor = ColorBy::Operator;
    bool labels = true;
    int maxLabels = 12;              ///< label density: at most this many site labels (clusters extra)
    std::string choroplethMetric;    ///< region series metric to colour regions by; empty = none
    float columnScale = 1.0f;        ///< multiplies column height
    bool columnHeightByCapacity = true; ///< false: every campus the same height (colour and lifecycle only)
    bool glyphSizeByCapacity = true;    ///< false: every plant glyph the same size
    float glyphScale = 1.0f;         ///< multiplies plant glyph size
    double minMw = 0;                ///< hide campuses below this capacity at t
    /// Campus filters: bit (1 << Status) per status shown; bit i per operator group of OperatorPalette
    /// (bit kOtherOperatorsBit for the rest).
    unsigned statusMask = 0x7Fu;
    unsigned operatorMask = 0xFFFFFFFFu;
    static constexpr int kOtherOperatorsBit = 30;
    bool campusFiltersActive() const { return (statusMask & 0x7Eu) != 0x7Eu || operatorMask != 0xFFFFFFFFu; }
};

struct FrameSpec {
    TimeDays time = 0;
    CameraState camera;
    MapSettings settings;
    /// Pixels per "point at 1080p": 1 for a 1080p frame, 2 for 4K, the monitor's content scale in the GUI.
    float pixelScale = 1.0f;
    /// Clear to transparent (alpha 0) and skip the background gradient, for video with alpha (ProRes
    /// 4444) and transparent PNGs. Colours then end up premultiplied by alpha.
    bool transparentBackground = false;
    /// Draw over what the framebuffer holds (no clear, no background; depth kept): the comparison diff
    /// map draws the assets only in B over A's map this way.
    bool keepContents = false;
};

/// A label the renderer placed in the last frame (for GUI hit-testing and tests).
struct PlacedLabel {
    EntityRef entity;
    glm::vec2 minPx, maxPx;
};

class MapRenderer {
public:
    /// Needs a current OpenGL 3.3 core context; compiles every program. Throws std::runtime_error.
    MapRenderer();
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    /// Uploads the scenario's static geometry (once). Null clears. `paletteWith`: a compared scenario
    /// whose operators share the colour ranking, so both maps colour an operator alike.
    void setScenario(std::shared_ptr<const Scenario> scenario, const Scenario* paletteWith = nullptr);
    const Scenario* scenario() const { return scenario_.get(); }
    const MapFrame& mapFrame() const { return frame_; }
    const OperatorPalette& operatorPalette() const { return operators_; }

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
    /// kind merged per grid cell (render/dense_layers.h) instead of every entity. Rebuilds the merged
    /// layers of the current scenario when it changes; 0 merges every kind with at least one entity.
    void setClusterThreshold(int entities);

    /// What the last frame merged (for the legend); cellKm 0 when nothing was.
    struct DenseView {
        double cellKm = 0;     ///< cells of merged campuses and plants
        double lineCellKm = 0; ///< cells between which lines are merged (coarser)
        bool campuses = false, plants = false, lines = false;
        float campusHeightScale = 1.0f; ///< merged columns' heights relative to single campuses
        float plantMwScale = 1.0f;
        int level = -1; ///< index into denseLayers().levels
    };
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

private:
    struct Gpu;
    std::unique_ptr<Gpu> gpu_;
    std::shared_ptr<const Scenario> scenario_;
    MapFrame frame_;
    OperatorPalette operators_;
    std::vector<PlacedLabel> placed_;
    glm::dvec2 choroplethRange_{1, 0};
    std::vector<int> labelCandidates_; ///< datacenter indices by descending peak capacity
    std::vector<int> lineOfSegment_;   ///< transmission line index of each drawn segment instance
    std::vector<int> lineOfCoarseSegment_; ///< the same for the simplified transmission segments
    bool diffActive_ = false;
    DenseView denseView_;

    void uploadDenseLayers();

    void drawLabels(const FrameSpec& spec, const glm::mat4& viewProj, int width, int height);
    void updateRegionColors(const FrameSpec& spec);
};

/// Column height scale: 1 GW stands 170 km tall, so a gigawatt campus reads across the whole nation
/// while a 100 MW site is still a visible stub.
inline constexpr float kKmPerMw = 0.17f;
/// MapRenderer::setClusterThreshold's default: more campuses, plants or lines than this are merged at wide zoom.
inline constexpr int kDefaultClusterThreshold = 5000;
/// Paths (borders, transmission) have a simplified copy within this distance (km) of the full path, used
/// at zooms where it is under half a pixel.
inline constexpr double kCoarseToleranceKm = 1.0;
/// The capacity every column and glyph is drawn as when sizing by capacity is off.
inline constexpr float kUniformColumnMw = 300.0f;
inline constexpr float kUniformGlyphMw = 400.0f;

/// Days since 2000-01-01 as the GPU sees time; unknown days map to a far-future sentinel.
float gpuTime(TimeDays t);

} // namespace buildout
