#include "render_test_support.h"

#include "core/scenario_loader.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>

namespace buildout::rtest {

std::shared_ptr<const Scenario> loadOrThrow(const std::string& dir) {
    LoadResult r = loadScenario(dir);
    if (!r.scenario) throw std::runtime_error("test scenario " + dir + " does not load");
    return r.scenario;
}

TimeDays day(int year, int month, int dayOfMonth) { return static_cast<TimeDays>(daysFromCivil(year, month, dayOfMonth)); }

MapSettings nothingVisible() {
    MapSettings m;
    for (LayerSettings* l : {&m.basemap, &m.datacenters, &m.powerPlants, &m.transmission, &m.superclusters, &m.zones})
        l->visible = false;
    m.labels = false;
    return m;
}

MapSettings only(Layer layer) {
    MapSettings m = nothingVisible();
    switch (layer) {
    case Layer::Basemap: m.basemap.visible = true; break;
    case Layer::Datacenters: m.datacenters.visible = true; break;
    case Layer::PowerPlants: m.powerPlants.visible = true; break;
    case Layer::Transmission: m.transmission.visible = true; break;
    case Layer::Superclusters: m.superclusters.visible = true; break;
    case Layer::Zones: m.zones.visible = true; break;
    }
    return m;
}

MapSettings allLayers() {
    MapSettings m;
    m.labels = false;
    return m;
}

SceneRenderer::SceneRenderer(int width, int height, int samples, const std::string& sceneDir)
    : width_(width), height_(height) {
    context_ = std::make_unique<HeadlessContext>();
    LoadResult loaded = loadScenario(sceneDir);
    if (!loaded.scenario) {
        std::ostringstream why;
        why << "the render test scene " << sceneDir << " does not load:";
        for (const Diagnostic& d : loaded.diagnostics.items()) why << "\n  " << formatDiagnostic(d);
        throw std::runtime_error(why.str());
    }
    scenario_ = loaded.scenario;
    renderer_ = std::make_unique<MapRenderer>();
    renderer_->setScenario(scenario_);
    target_ = std::make_unique<OffscreenTarget>(width, height, samples);
    totals_ = std::make_unique<TotalsTimeline>(*scenario_);
}

SceneRenderer::~SceneRenderer() {
    // GL objects go before the context that owns them.
    target_.reset();
    renderer_.reset();
    context_.reset();
}

CameraState SceneRenderer::view(const std::string& id) const {
    if (id == "scene") {
        const BoxXY& box = scenario_->contentBounds;
        return frameBox(world(box.min), world(box.max), aspect(), 32.0, 0.0, 1.25);
    }
    CameraState cam;
    if (!findNamedView(*scenario_, renderer_->mapFrame(), aspect(), id, cam))
        throw std::runtime_error("no named view '" + id + "' in the render test scene");
    return cam;
}

FrameSpec SceneRenderer::spec(TimeDays t, const MapSettings& settings, float pixelScale, const std::string& viewId) const {
    FrameSpec s;
    s.time = t;
    s.camera = view(viewId);
    s.settings = settings;
    s.pixelScale = pixelScale;
    return s;
}

Image SceneRenderer::render(const FrameSpec& spec, const OverlayOptions* overlay) {
    target_->bindForDrawing();
    renderer_->draw(spec, width_, height_);
    if (overlay) drawFrameOverlay(*renderer_, *totals_, spec, *overlay, width_, height_);
    return target_->readback();
}

Image SceneRenderer::renderWarming(const FrameSpec& spec, const FrameSpec& arriving) {
    target_->bindForDrawing();
    renderer_->warmPendingDraw(arriving, width_, height_);
    return render(spec);
}

glm::dvec2 SceneRenderer::project(const CameraState& camera, glm::dvec3 worldKm) const {
    const glm::dmat4 vp(camera.viewProjection(aspect()));
    const glm::dvec4 clip = vp * glm::dvec4(worldKm, 1.0);
    const glm::dvec2 ndc = glm::dvec2(clip) / clip.w;
    return {(ndc.x * 0.5 + 0.5) * width_, (0.5 - ndc.y * 0.5) * height_};
}

const Datacenter& SceneRenderer::datacenter(const std::string& id) const {
    const int i = scenario_->find(EntityKind::Datacenter, id);
    if (i < 0) throw std::runtime_error("no datacenter '" + id + "' in the render test scene");
    return scenario_->datacenters[static_cast<std::size_t>(i)];
}

const TransmissionLine& SceneRenderer::line(const std::string& id) const {
    const int i = scenario_->find(EntityKind::Transmission, id);
    if (i < 0) throw std::runtime_error("no transmission line '" + id + "' in the render test scene");
    return scenario_->lines[static_cast<std::size_t>(i)];
}

int pixelDifference(const Image& a, const Image& b, int x, int y) {
    const std::uint8_t* p = a.pixel(x, y);
    const std::uint8_t* q = b.pixel(x, y);
    int d = 0;
    for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int{p[c]} - int{q[c]}));
    return d;
}

namespace {
template <typename F> void forBox(const Image& img, int x0, int y0, int x1, int y1, F f) {
    for (int y = std::max(y0, 0); y <= std::min(y1, img.height - 1); ++y)
        for (int x = std::max(x0, 0); x <= std::min(x1, img.width - 1); ++x) f(x, y);
}
} // namespace

int countDiffering(const Image& a, const Image& b, int x0, int y0, int x1, int y1, int threshold) {
    int n = 0;
    forBox(a, x0, y0, x1, y1, [&](int x, int y) { n += pixelDifference(a, b, x, y) > threshold ? 1 : 0; });
    return n;
}

int maxDifference(const Image& a, const Image& b, int x0, int y0, int x1, int y1) {
    int m = 0;
    forBox(a, x0, y0, x1, y1, [&](int x, int y) { m = std::max(m, pixelDifference(a, b, x, y)); });
    return m;
}

std::string saveOutput(const Image& image, const std::string& fileName) {
    const std::string path = std::string(BUILDOUT_RENDER_TEST_OUT_DIR) + "/" + fileName;
    std::string why;
    if (!writePng(image, path, &why)) return "(could not write " + path + ": " + why + ")";
    return path;
}

GoldenVerdict judge(const Image& actual, const Image& expected, const GoldenTolerance& tol) {
    GoldenVerdict v;
    v.diff = compareImages(actual, expected, tol.pixelThreshold);
    v.sameSize = v.diff.sameSize;
    std::ostringstream msg;
    if (!v.sameSize) {
        msg << "size " << actual.width << "x" << actual.height << " differs from the reference's " << expected.width << "x"
            << expected.height;
        v.summary = msg.str();
        return v;
    }
    v.differingFraction = v.diff.differingFraction;
    // Differing-pixel counts per block, through a summed-area table of the differing mask.
    const int w = actual.width, h = actual.height;
    std::vector<int> sat(static_cast<std::size_t>((w + 1) * (h + 1)), 0);
    auto at = [&](int x, int y) -> int& { return sat[static_cast<std::size_t>(y * (w + 1) + x)]; };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const std::uint8_t* a = actual.pixel(x, y);
            const std::uint8_t* e = expected.pixel(x, y);
            int worst = 0;
            for (int c = 0; c < 4; ++c) worst = std::max(worst, std::abs(int{a[c]} - int{e[c]}));
            at(x + 1, y + 1) = (worst > tol.pixelThreshold ? 1 : 0) + at(x, y + 1) + at(x + 1, y) - at(x, y);
        }
    const int win = std::max(1, std::min({tol.window, w, h}));
    for (int y = 0; y + win <= h; ++y)
        for (int x = 0; x + win <= w; ++x) {
            const int n = at(x + win, y + win) - at(x, y + win) - at(x + win, y) + at(x, y);
            if (n > v.worstWindowCount) v.worstWindowCount = n, v.worstX = x, v.worstY = y;
        }
    v.passed = v.differingFraction <= tol.maxDifferingFraction && v.worstWindowCount <= tol.maxDifferingInWindow;
    msg << v.differingFraction * 100.0 << " % of pixels differ by more than " << tol.pixelThreshold << "/255 (allowed "
        << tol.maxDifferingFraction * 100.0 << " %); the worst " << win << "x" << win << " block, at (" << v.worstX << ", "
        << v.worstY << "), has " << v.worstWindowCount << " (allowed " << tol.maxDifferingInWindow
        << "); mean difference " << v.diff.meanAbsDifference << ", largest " << v.diff.maxChannelDifference;
    v.summary = msg.str();
    return v;
}

GoldenResult compareWithGolden(const Image& actual, const std::string& name, const GoldenTolerance& tol) {
    GoldenResult r;
    const std::string reference = std::string(BUILDOUT_GOLDEN_DIR) + "/" + name + ".png";
    const char* update = std::getenv("BUILDOUT_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::string why;
        if (!writePng(actual, reference, &why)) {
            r.message = "BUILDOUT_UPDATE_GOLDEN=1: cannot write " + reference + ": " + why;
            return r;
        }
        r.passed = true;
        r.message = "BUILDOUT_UPDATE_GOLDEN=1: wrote " + reference + " (look at it before committing it)";
        return r;
    }
    const std::string howToAccept = "If the new image is right, accept it with\n  BUILDOUT_UPDATE_GOLDEN=1 ctest --test-dir "
                                    "BUILD -R 'render.golden' (rewrites tests/golden/*.png in the source tree),\n"
                                    "or copy the .actual.png over " + reference + "; look at it first.";
    Image expected;
    std::string why;
    if (!readPng(reference, expected, &why)) {
        const std::string path = saveOutput(actual, name + ".actual.png");
        r.message = "no usable reference image " + reference + " (" + why + ").\nThe rendered image is " + path + ".\n" +
                    howToAccept;
        return r;
    }
    const GoldenVerdict v = judge(actual, expected, tol);
    r.passed = v.passed;
    r.message = name + ": " + v.summary;
    if (v.passed) return r;
    r.message += ".\nThe rendered image is " + saveOutput(actual, name + ".actual.png");
    if (v.sameSize) r.message += ", the differences (magenta) are in " + saveOutput(v.diff.diff, name + ".diff.png");
    r.message += ".\n" + howToAccept;
    return r;
}

} // namespace buildout::rtest
