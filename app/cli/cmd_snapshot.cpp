// `buildout snapshot DIR --at DATE --size WxH --out FILE.png [--view NAME] [--layers LIST] [--no-labels]
// [--compare DIR2 --compare-mode side|swipe|diff --swipe 0..1]`: one frame, rendered headlessly through
// EGL, written atomically (core/output_file.h).
#include "app/cli/cli_args.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/map_options.h"
#include "app/export/output_files.h"
#include "core/diff_view.h"
#include "core/scenario_loader.h"
#include "core/totals_timeline.h"
#include "render/comparison_compositor.h"
#include "render/comparison_overlay.h"
#include "render/frame_overlay.h"
#include "render/headless_context.h"
#include "render/map_renderer.h"
#include "render/offscreen_target.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace buildout {

namespace {

/// What the options ask for, checked before any scenario is loaded.
struct SnapshotOptions {
    ParsedDate date;
    std::string out;
    ImageSize size;  ///< pixels
    int samples = 4; ///< MSAA samples, 0..16
    MapSettings map;
    OverlayOptions overlay;
    std::optional<CompareOptions> compare;
    std::string view;
};

/// `--overlay title,date,figures,legend,sources|all|none` (none by default). Throws UsageError.
OverlayOptions parseSnapshotOverlay(const std::string& list) {
    OverlayOptions overlay;
    overlay.title = overlay.date = overlay.figures = overlay.legend = overlay.sources = false;
    for (const std::string& item : splitList(list)) {
        if (item == "title")
            overlay.title = true;
        else if (item == "date")
            overlay.date = true;
        else if (item == "figures")
            overlay.figures = true;
        else if (item == "legend")
            overlay.legend = true;
        else if (item == "sources")
            overlay.sources = true;
        else if (item == "all")
            overlay.title = overlay.date = overlay.figures = overlay.legend = overlay.sources = true;
        else if (item != "none")
            throw UsageError("unknown --overlay item '" + item +
                             "' (title,date,figures,legend,sources,all,none)");
    }
    return overlay;
}

/// Every option, in the order their errors are reported, and the output path's folder. Throws
/// UsageError (or std::runtime_error for the path).
SnapshotOptions parseSnapshotOptions(const CliArgs& args) {
    if (args.positional().size() != 1) throw UsageError("snapshot needs exactly one scenario folder");
    SnapshotOptions o;
    const auto at = args.value("at");
    if (!at) throw UsageError("snapshot needs --at DATE");
    std::string why;
    const auto date = parseDate(*at, &why);
    if (!date) throw UsageError("bad --at date '" + *at + "': " + why);
    o.date = *date;
    const auto out = args.value("out");
    if (!out) throw UsageError("snapshot needs --out FILE.png");
    o.out = *out;
    o.size = parseImageSize(args.value("size").value_or("1920x1080"));
    if (auto sm = args.value("samples")) {
        o.samples = std::atoi(sm->c_str()); // checked 0..16 by CliArgs::parse
    }
    applyMapOptions(args, o.map);
    o.overlay = parseSnapshotOverlay(args.value("overlay").value_or("none"));
    o.compare = parseCompareOptions(args);
    checkOutputPath(o.out);
    o.view = args.value("view").value_or("national");
    return o;
}

/// The frame to draw: the named view (framed between the overlays that cover the frame's edges), the
/// date (days; comparing, moved into the range both scenarios cover) and the pixel scale (1 at 1080p).
FrameSpec snapshotSpec(const SnapshotOptions& o, const Scenario& scenario, const Scenario* other,
                       const MapFrame& mapFrame) {
    FrameSpec spec;
    spec.settings = o.map;
    const double aspect = o.compare ? comparisonMapAspect(o.compare->view.mode, o.size.width, o.size.height)
                                    : static_cast<double>(o.size.width) / o.size.height;
    if (!findNamedView(scenario, mapFrame, aspect, o.view, spec.camera))
        throw UsageError("unknown --view '" + o.view +
                         "' (national, a region id such as TX, or a supercluster id)");
    // Overlays cover the left (legend) and right (date, figures) edges: frame the map between them.
    if (o.compare && o.compare->view.mode == CompareMode::Diff)
        spec.camera = withHorizontalInsets(spec.camera, aspect, 0.12, 0.0); // the diff legend, bottom left
    else if (!o.compare && (o.overlay.legend || o.overlay.figures))
        spec.camera = withHorizontalInsets(spec.camera, aspect, o.overlay.legend ? 0.08 : 0.0,
                                           o.overlay.figures ? 0.05 : 0.0);
    spec.time = o.date.day;
    spec.pixelScale = static_cast<float>(o.size.height) / 1080.0f;
    if (other) {
        // Compared over the range both scenarios cover: a date outside it is moved to its nearest end.
        const auto [lo, hi] = commonRange(scenario, *other);
        for (const std::string& note : comparisonNotes(scenario, *other, spec.time))
            std::cerr << "buildout: " << note << "\n";
        if (lo <= hi) spec.time = std::clamp(spec.time, static_cast<double>(lo), static_cast<double>(hi));
    }
    return spec;
}

/// Draws the map (or both maps compared, with their titles, divider and diff legend, always drawn) and
/// the chosen overlays into the bound framebuffer.
void drawSnapshot(const SnapshotOptions& o, MapRenderer& renderer,
                  const std::shared_ptr<const Scenario>& scenario,
                  const std::shared_ptr<const Scenario>& other, const FrameSpec& spec) {
    const int w = o.size.width, h = o.size.height;
    if (o.compare) {
        MapRenderer otherRenderer;
        otherRenderer.setScenario(other, scenario.get());
        ComparisonCompositor compositor;
        compositor.draw(renderer, otherRenderer, o.compare->view, spec, w, h, o.samples);
        ComparisonOverlayOptions co;
        co.date = o.overlay.date;
        co.figures = o.overlay.figures;
        co.labelDiff = compositor.diff();
        co.labelFrame = &renderer.mapFrame();
        const TotalsTimeline totalsA(*scenario), totalsB(*other);
        drawComparisonOverlay(renderer.painter(), *scenario, *other, totalsA, totalsB, o.compare->view,
                              compositor.diffView(), spec, co, w, h);
        return;
    }
    const OverlayOptions& ov = o.overlay;
    const bool overlay = ov.title || ov.date || ov.figures || ov.legend || ov.sources;
    if (overlay) reserveFrameOverlay(renderer, spec, ov, w, h); // labels keep clear of the panels
    renderer.draw(spec, w, h);
    if (overlay) {
        const TotalsTimeline totals(*scenario);
        drawFrameOverlay(renderer, totals, spec, ov, w, h);
    }
}

/// Writes the PNG atomically (core/output_file.h): a failed write leaves nothing under `out` nor beside
/// it. False (reported, naming the file and the cause) on failure.
bool writeSnapshot(const Image& image, const std::string& out) {
    std::string why;
    if (writePng(image, out, &why)) return true;
    std::cerr << "buildout: error: " << why << "\n";
    return false;
}

} // namespace

int runSnapshot(const std::vector<std::string>& argv) {
    CliArgs args("snapshot", "buildout snapshot DIR --at DATE --out FILE.png [OPTIONS]",
                 "Renders one frame of the map headlessly (EGL) to a PNG.");
    args.positionals("DIR", "the scenario folder")
        .text("at", "DATE", "the date shown: YYYY, YYYY-MM or YYYY-MM-DD")
        .text("out", "FILE.png", "the image to write (written to a temporary name, then renamed)")
        .text("size", "WxH", "image size in pixels, 16..16384 per side", "1920x1080")
        .text("view", "NAME", "a named view of the scenario", "national")
        .integer("samples", 0, 16, "MSAA samples per pixel", "4")
        .text("overlay", "LIST", "title,date,figures,legend,sources|all|none", "none");
    declareMapOptions(args);
    declareCompareOptions(args);
    args.example("buildout snapshot data/scenarios/us-announced --at 2030 --out us-2030.png",
                 "the national view at the start of 2030, 1920x1080");
    args.parse(argv);
    const SnapshotOptions o = parseSnapshotOptions(args);
    LoadResult loaded = loadScenario(args.positional()[0]);
    for (const Diagnostic& d : loaded.diagnostics.items())
        std::cerr << formatDiagnostic(d) << "\n";
    if (!loaded.scenario) return kExitFailure;
    std::shared_ptr<const Scenario> other;
    if (o.compare && !(other = loadComparisonScenario(o.compare->path))) return kExitFailure;

    HeadlessContext context;
    MapRenderer renderer;
    renderer.setScenario(loaded.scenario, other.get());
    const FrameSpec spec = snapshotSpec(o, *loaded.scenario, other.get(), renderer.mapFrame());
    OffscreenTarget target(o.size.width, o.size.height, o.samples);
    target.bindForDrawing();
    drawSnapshot(o, renderer, loaded.scenario, other, spec);
    if (!writeSnapshot(target.readback(), o.out)) return kExitFailure;
    std::cout << "wrote " << o.out << " (" << o.size.width << "x" << o.size.height << ", "
              << formatDate(o.date.day) << ", " << context.description() << ")\n";
    return kExitOk;
}

} // namespace buildout
