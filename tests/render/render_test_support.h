// Shared helpers of the render tests: the test scene (tests/data/render/scene) rendered headlessly into
// an offscreen target, projection of world positions to pixels, pixel statistics, and golden-image
// comparison against the references in tests/golden/.
#pragma once

#include "core/image.h"
#include "core/scenario.h"
#include "core/totals_timeline.h"
#include "render/frame_overlay.h"
#include "render/headless_context.h"
#include "render/map_renderer.h"
#include "render/offscreen_target.h"

#include <memory>
#include <optional>
#include <string>

namespace buildout::rtest {

/// Scenario time of a calendar day.
TimeDays day(int year, int month = 1, int dayOfMonth = 1);

enum class Layer { Basemap, Datacenters, PowerPlants, Transmission, Superclusters, Zones };

/// Settings with every layer hidden and labels off.
MapSettings nothingVisible();
/// Settings with only `layer` visible and labels off.
MapSettings only(Layer layer);
/// Settings with every layer visible and labels off.
MapSettings allLayers();
/// The scenario in `dir`; throws (and so fails the test) when it does not load.
std::shared_ptr<const Scenario> loadOrThrow(const std::string& dir);

/// One headless context, the test scene loaded into a MapRenderer, and an offscreen target.
class SceneRenderer {
public:
    /// Throws (and so fails the test) when the context, the scene or the target cannot be made. `sceneDir`:
    /// another scenario folder to draw instead of the test scene.
    SceneRenderer(int width, int height, int samples = 4, const std::string& sceneDir = BUILDOUT_RENDER_SCENE_DIR);
    ~SceneRenderer();

    const Scenario& scenario() const { return *scenario_; }
    MapRenderer& renderer() { return *renderer_; }
    int width() const { return width_; }
    int height() const { return height_; }
    double aspect() const { return static_cast<double>(width_) / height_; }

    /// The camera of a named view (`national`, a region id, a supercluster id) for this target's aspect;
    /// `scene` (not a named view): the scenario's content bounds at the named views' tilt, with a 25 % margin
    /// (frameBox ignores perspective, so a smaller margin cuts off the southern edge).
    CameraState view(const std::string& id) const;
    /// A frame at `t` through the view `viewId`, with `settings` and `pixelScale`.
    FrameSpec spec(TimeDays t, const MapSettings& settings, float pixelScale, const std::string& viewId = "scene") const;

    /// Draws the map (and the overlays when given) and reads the frame back (row 0 = top).
    Image render(const FrameSpec& spec, const OverlayOptions* overlay = nullptr);
    /// A GUI frame while a scenario awaits its warm-up: MapRenderer::warmPendingDraw(arriving) into the
    /// target, then render(spec).
    Image renderWarming(const FrameSpec& spec, const FrameSpec& arriving);

    /// World kilometres of a map-plane position (metres).
    glm::dvec2 world(glm::dvec2 xyMeters) const { return renderer_->mapFrame().toWorld(xyMeters); }
    /// Pixel position (x right, y down, pixel centres at .5) of a world point seen by `camera`.
    glm::dvec2 project(const CameraState& camera, glm::dvec3 worldKm) const;

    const Datacenter& datacenter(const std::string& id) const;
    const TransmissionLine& line(const std::string& id) const;

private:
    int width_, height_;
    std::unique_ptr<HeadlessContext> context_;
    std::shared_ptr<const Scenario> scenario_;
    std::unique_ptr<MapRenderer> renderer_;
    std::unique_ptr<OffscreenTarget> target_;
    std::unique_ptr<TotalsTimeline> totals_;
};

/// Largest channel difference (RGB) between two pixels.
int pixelDifference(const Image& a, const Image& b, int x, int y);
/// Pixels in the box [x0, x1] x [y0, y1] (inclusive, clipped to the image) whose largest RGB difference
/// between `a` and `b` exceeds `threshold`.
int countDiffering(const Image& a, const Image& b, int x0, int y0, int x1, int y1, int threshold);
/// Largest RGB difference between `a` and `b` in the box (inclusive, clipped).
int maxDifference(const Image& a, const Image& b, int x0, int y0, int x1, int y1);

/// Writes `image` as `BUILDOUT_RENDER_TEST_OUT_DIR/NAME.png` (for looking at a failure); returns the path.
std::string saveOutput(const Image& image, const std::string& fileName);

/// When a rendered image matches its reference. A pixel differs when one of its channels differs by more
/// than `pixelThreshold` (0..255). The image matches when at most `maxDifferingFraction` of its pixels
/// differ AND no `window` x `window` block holds more than `maxDifferingInWindow` differing pixels: the
/// rasteriser noise the fraction allows for is thin seams along edges, while a symbol that is missing,
/// moved or recoloured is a solid blob, which the block limit catches however small the symbol is
/// compared with the frame.
struct GoldenTolerance {
    int pixelThreshold = 24;
    double maxDifferingFraction = 0.005;
    int window = 8;
    int maxDifferingInWindow = 20;
};

struct GoldenVerdict {
    bool sameSize = false;
    bool passed = false;
    double differingFraction = 1.0;
    int worstWindowCount = 0; ///< most differing pixels in one block
    int worstX = 0, worstY = 0; ///< top-left corner of that block
    ImageDiff diff;
    std::string summary; ///< one line with the figures and the limits
};

/// Compares `actual` with `expected` under `tolerance` (no files involved).
GoldenVerdict judge(const Image& actual, const Image& expected, const GoldenTolerance& tolerance);

/// Result of comparing a rendered image with its reference tests/golden/NAME.png.
struct GoldenResult {
    bool passed = false;
    std::string message; ///< what happened, where the actual and diff images went, how to accept
};

/// Compares `actual` with the reference NAME.png under `tolerance`.
/// With BUILDOUT_UPDATE_GOLDEN=1 in the environment the reference is (re)written and the check passes.
/// A missing reference or a failed comparison writes NAME.actual.png (and NAME.diff.png, differing pixels
/// in magenta) into the build folder of the tests and fails with a message saying how to accept the
/// new image.
GoldenResult compareWithGolden(const Image& actual, const std::string& name, const GoldenTolerance& tolerance);

} // namespace buildout::rtest
