// Comparison modes (render/comparison_compositor.h): golden images of side by side, swipe and diff of
// the pair tests/data/compare/{a,b}, and probes that tie each mode to what A and B draw on their own,
// so a compositor that swapped, shifted or dropped a side cannot pass.
#include "render_test_support.h"

#include "core/scenario_loader.h"
#include "render/comparison_compositor.h"
#include "render/comparison_overlay.h"
#include "render/overlay_painter.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <stdexcept>

using namespace buildout;
using namespace buildout::rtest;

namespace {

// The tolerance of every golden image (see test_golden.cpp).
const GoldenTolerance kTolerance{};
constexpr int kW = 480, kH = 270;
constexpr float kScale = 0.5f;

std::shared_ptr<const Scenario> load(const std::string& dir) {
    LoadResult r = loadScenario(dir);
    if (!r.scenario) {
        std::ostringstream why;
        why << dir << " does not load:";
        for (const Diagnostic& d : r.diagnostics.items()) why << "\n  " << formatDiagnostic(d);
        throw std::runtime_error(why.str());
    }
    return r.scenario;
}

/// A and B loaded into their renderers, a compositor and a target of kW x kH.
struct CompareScene {
    HeadlessContext context;
    std::shared_ptr<const Scenario> a = load(BUILDOUT_COMPARE_DATA_DIR "/a"), b = load(BUILDOUT_COMPARE_DATA_DIR "/b");
    std::unique_ptr<MapRenderer> ra = std::make_unique<MapRenderer>(), rb = std::make_unique<MapRenderer>();
    std::unique_ptr<ComparisonCompositor> compositor = std::make_unique<ComparisonCompositor>();
    std::unique_ptr<OffscreenTarget> target = std::make_unique<OffscreenTarget>(kW, kH, 4);

    CompareScene() {
        ra->setScenario(a, b.get());
        rb->setScenario(b, a.get());
    }
    ~CompareScene() {
        target.reset();
        compositor.reset();
        ra.reset();
        rb.reset();
    }
    CompareScene(const CompareScene&) = delete;
    CompareScene& operator=(const CompareScene&) = delete;

    FrameSpec spec(CompareMode mode, TimeDays t) const {
        FrameSpec s;
        s.time = t;
        s.settings.labels = false;
        s.pixelScale = kScale;
        findNamedView(*a, ra->mapFrame(), comparisonMapAspect(mode, kW, kH), "national", s.camera);
        return s;
    }
    Image compare(const ComparisonView& view, const FrameSpec& s, bool overlay) {
        target->bindForDrawing();
        compositor->draw(*ra, *rb, view, s, kW, kH);
        if (overlay) {
            const TotalsTimeline ta(*a), tb(*b);
            ComparisonOverlayOptions o;
            o.labelDiff = compositor->diff();
            o.labelFrame = &ra->mapFrame();
            drawComparisonOverlay(ra->painter(), *a, *b, ta, tb, view, compositor->diffView(), s, o, kW, kH);
        }
        return target->readback();
    }
    /// One scenario alone, as MapRenderer draws it, in a target of w x h.
    Image alone(MapRenderer& r, const FrameSpec& s, int w, int h) {
        r.clearDiffColors();
        OffscreenTarget t(w, h, 4);
        t.bindForDrawing();
        r.draw(s, w, h);
        return t.readback();
    }
    /// Map-plane position (metres) of datacenter `id` of A, or of B when A lacks it.
    glm::dvec2 campus(const std::string& id) const {
        const int ia = a->find(EntityKind::Datacenter, id);
        if (ia >= 0) return a->datacenters[static_cast<std::size_t>(ia)].xy;
        const int ib = b->find(EntityKind::Datacenter, id);
        if (ib < 0) throw std::runtime_error("no campus " + id + " in the comparison test pair");
        return b->datacenters[static_cast<std::size_t>(ib)].xy;
    }
    /// Pixel (x right, y down) of a campus at height zKm in a w x h view of `s`'s camera.
    glm::dvec2 project(const FrameSpec& s, int w, int h, const std::string& id, double zKm = 0) const {
        const glm::dvec3 world(ra->mapFrame().toWorld(campus(id)), zKm);
        const double aspect = static_cast<double>(w) / h;
        const glm::vec4 c = s.camera.viewProjection(aspect) * glm::vec4(glm::vec3(world), 1.0f);
        return {(c.x / c.w * 0.5 + 0.5) * w, (0.5 - c.y / c.w * 0.5) * h};
    }
};

const TimeDays kMid2027 = day(2027, 7, 1);

Image crop(const Image& img, int x0, int w) {
    Image out;
    out.width = w;
    out.height = img.height;
    out.rgba.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(img.height) * 4);
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < w; ++x)
            for (std::size_t k = 0; k < 4; ++k)
                out.rgba[(static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 4 + k] =
                    img.rgba[(static_cast<std::size_t>(y) * static_cast<std::size_t>(img.width) + static_cast<std::size_t>(x0 + x)) * 4 + k];
    return out;
}

void checkGolden(const std::string& name, CompareScene& scene, const ComparisonView& view, bool labels = false) {
    const std::string font = scene.ra->painter().fontDescription();
    INFO("overlay font: " << font << " (text references need Inter)");
    REQUIRE(font.find("Inter") != std::string::npos);
    FrameSpec s = scene.spec(view.mode, kMid2027);
    s.settings.labels = labels;
    const Image actual = scene.compare(view, s, true);
    const GoldenResult r = compareWithGolden(actual, name, kTolerance);
    INFO(r.message);
    CHECK(r.passed);
}

/// Pixels in the box whose colour satisfies `pred` (shading changes a column's brightness, not which
/// channel dominates, so the probes test hue by channel order).
int countWhere(const Image& img, int x0, int y0, int x1, int y1, bool (*pred)(int r, int g, int b)) {
    int n = 0;
    for (int y = std::max(y0, 0); y <= std::min(y1, img.height - 1); ++y)
        for (int x = std::max(x0, 0); x <= std::min(x1, img.width - 1); ++x) {
            const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(img.width) + static_cast<std::size_t>(x)) * 4;
            if (pred(img.rgba[i], img.rgba[i + 1], img.rgba[i + 2])) ++n;
        }
    return n;
}
// Ratios survive shading; the borders' grey-blue (107, 130, 163) and the lighter classes fail both.
bool blue(int r, int g, int b) { return b > 2 * r && b > g + 30; }    // only in B (#2166AC shaded)
bool orange(int r, int g, int b) { return r > 2 * g && r > 2 * b + 30; } // only in A (#E66101 shaded)

} // namespace

TEST_CASE("golden: comparison side by side", "[gl][golden][compare]") {
    CompareScene scene;
    checkGolden("compare_side_by_side", scene, {CompareMode::SideBySide, 0.5f});
}

TEST_CASE("golden: comparison swipe", "[gl][golden][compare]") {
    CompareScene scene;
    checkGolden("compare_swipe", scene, {CompareMode::Swipe, 0.45f});
}

TEST_CASE("golden: comparison diff", "[gl][golden][compare]") {
    CompareScene scene;
    // With labels: the diff map labels what differs (ΔMW, timing, only in A/B) instead of A's figures.
    checkGolden("compare_diff", scene, {CompareMode::Diff, 0.5f}, true);
}

TEST_CASE("probe: side by side shows A alone on the left and B alone on the right", "[gl][probe][compare]") {
    CompareScene scene;
    const FrameSpec s = scene.spec(CompareMode::SideBySide, kMid2027);
    const int split = sideBySideSplit(kW);
    const Image both = scene.compare({CompareMode::SideBySide, 0.5f}, s, false);
    const Image a = scene.alone(*scene.ra, s, split, kH), b = scene.alone(*scene.rb, s, kW - split, kH);
    CHECK(maxDifference(crop(both, 0, split), a, 0, 0, split - 1, kH - 1) <= 8);
    CHECK(maxDifference(crop(both, split, kW - split), b, 0, 0, kW - split - 1, kH - 1) <= 8);
    // And the halves really differ where the scenarios do: Illinois Campus (900 MW) is only in B.
    const glm::dvec2 il = scene.project(s, split, kH, "il");
    const glm::dvec2 top = scene.project(s, split, kH, "il", 900 * kKmPerMw);
    INFO("Illinois Campus at (" << il.x << ", " << il.y << "), top " << top.y);
    REQUIRE(il.x > 5);
    REQUIRE(il.x < split - 5);
    const int x0 = static_cast<int>(il.x) - 2, x1 = static_cast<int>(il.x) + 2;
    const int y0 = static_cast<int>(top.y), y1 = static_cast<int>(il.y);
    CHECK(countDiffering(crop(both, 0, split), crop(both, split, kW - split), x0, y0, x1, y1, 40) >= 6);
}

TEST_CASE("probe: swipe shows A left of the divider and B right of it", "[gl][probe][compare]") {
    CompareScene scene;
    const FrameSpec s = scene.spec(CompareMode::Swipe, kMid2027);
    const Image a = scene.alone(*scene.ra, s, kW, kH), b = scene.alone(*scene.rb, s, kW, kH);
    for (float at : {0.3f, 0.7f}) {
        const Image both = scene.compare({CompareMode::Swipe, at}, s, false);
        const int x = static_cast<int>(std::lround(at * kW));
        INFO("divider at x = " << x);
        CHECK(maxDifference(both, a, 0, 0, x - 2, kH - 1) <= 8);
        CHECK(maxDifference(both, b, x + 1, 0, kW - 1, kH - 1) <= 8);
    }
    // The two scenarios differ on both sides of either divider (otherwise the checks above prove nothing).
    CHECK(countDiffering(a, b, 0, 0, static_cast<int>(0.3f * kW), kH - 1, 40) > 10);
    CHECK(countDiffering(a, b, static_cast<int>(0.7f * kW), 0, kW - 1, kH - 1, 40) > 10);
}

TEST_CASE("probe: the diff map colours a campus only in B blue and one only in A orange", "[gl][probe][compare]") {
    CompareScene scene;
    const FrameSpec s = scene.spec(CompareMode::Diff, kMid2027);
    const Image diff = scene.compare({CompareMode::Diff, 0.5f}, s, false);
    const Image plainA = scene.alone(*scene.ra, s, kW, kH);
    auto box = [&](const char* id, double mw, const Image& img, bool (*pred)(int, int, int)) {
        const glm::dvec2 base = scene.project(s, kW, kH, id);
        const glm::dvec2 top = scene.project(s, kW, kH, id, mw * kKmPerMw);
        return countWhere(img, static_cast<int>(base.x) - 3, static_cast<int>(top.y), static_cast<int>(base.x) + 3,
                          static_cast<int>(base.y), pred);
    };
    // Illinois Campus, only in B: blue in the diff map, and not in A's own map at all.
    CHECK(box("il", 900, diff, blue) >= 8);
    CHECK(box("il", 900, diff, orange) == 0);
    CHECK(box("il", 900, plainA, blue) + box("il", 900, plainA, orange) == 0);
    // Arizona Campus, only in A: orange, never blue.
    CHECK(box("az", 600, diff, orange) >= 8);
    CHECK(box("az", 600, diff, blue) == 0);
    // Washington Campus, unchanged: neither.
    CHECK(box("wa", 300, diff, orange) + box("wa", 300, diff, blue) == 0);

    // The dense path (one point per campus expanded into a sprite) takes the same colours.
    scene.ra->setDenseThreshold(0);
    scene.rb->setDenseThreshold(0);
    const Image sprites = scene.compare({CompareMode::Diff, 0.5f}, s, false);
    CHECK(maxDifference(sprites, diff, 0, 0, kW - 1, kH - 1) > 8); // really drawn another way
    CHECK(box("il", 900, sprites, blue) >= 8);
    CHECK(box("az", 600, sprites, orange) >= 8);
    CHECK(box("az", 600, sprites, blue) == 0);
}

TEST_CASE("compare: merged columns (dense layers) of both maps share one height scale", "[gl][compare][dense]") {
    // B': compare/b with every capacity x4 and a second Texas campus on the same spot, so that the merged
    // Texas column sums 12.8 GW against a largest single campus of 6.4 GW: B' scales merged heights by 1/2,
    // A (small sums) by 1.
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("buildout-dense-compare-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& f : fs::directory_iterator(BUILDOUT_COMPARE_DATA_DIR "/b"))
        if (f.path().filename() != "datacenters.csv") fs::copy_file(f.path(), dir / f.path().filename());
    {
        std::ifstream in(BUILDOUT_COMPARE_DATA_DIR "/b/datacenters.csv");
        std::ofstream out(dir / "datacenters.csv");
        std::string line;
        std::getline(in, line);
        out << line << "\n";
        while (std::getline(in, line)) {
            std::vector<std::string> f;
            std::stringstream ss(line);
            for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
            REQUIRE(f.size() >= 6);
            if (!f[5].empty()) f[5] = std::to_string(std::stod(f[5]) * 4);
            for (std::size_t i = 0; i < f.size(); ++i) out << (i ? "," : "") << f[i];
            out << "\n";
            if (f[0] == "tx") {
                out << "tx2,Texas Two";
                for (std::size_t i = 2; i < f.size(); ++i) out << "," << f[i];
                out << "\n";
            }
        }
    }
    CompareScene scene;
    const std::shared_ptr<const Scenario> big = load(dir.string());
    scene.rb->setScenario(big, scene.a.get());
    scene.ra->setClusterThreshold(0);
    scene.rb->setClusterThreshold(0);
    const FrameSpec s = scene.spec(CompareMode::SideBySide, day(2030));
    // Alone, each map keeps its own scale.
    scene.alone(*scene.ra, s, kW, kH);
    REQUIRE(scene.ra->denseView().campuses);
    CHECK(scene.ra->denseView().campusHeightScale == Approx(1.0f));
    scene.alone(*scene.rb, s, kW, kH);
    REQUIRE(scene.rb->denseView().campuses);
    CHECK(scene.rb->denseView().campusHeightScale == Approx(0.5f));
    // Side by side, both draw at the smaller one; and alone again afterwards, A is back to its own.
    scene.compare({CompareMode::SideBySide, 0.5f}, s, false);
    CHECK(scene.ra->denseView().campusHeightScale == Approx(0.5f));
    CHECK(scene.rb->denseView().campusHeightScale == Approx(0.5f));
    scene.alone(*scene.ra, s, kW, kH);
    CHECK(scene.ra->denseView().campusHeightScale == Approx(1.0f));
    fs::remove_all(dir);
}
