// `buildout snapshot DIR --at DATE --size WxH --out FILE.png [--view NAME] [--layers LIST] [--no-labels]
// [--compare DIR2 --compare-mode side|swipe|diff --swipe 0..1]`: one frame, rendered headlessly through
// EGL, written atomically (temporary name, then rename).
#include "app/cli/cli_args.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/map_options.h"
#include "app/export/output_files.h"
#include "core/scenario_loader.h"
#include "core/diff_view.h"
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

int runSnapshot(const std::vector<std::string>& argv) {
    CliArgs args(argv, {"at", "size", "out", "view", "layers", "color-by", "choropleth", "samples", "overlay", "compare",
                  "compare-mode", "swipe"},
                 {"no-labels"});
    if (args.positional().size() != 1) throw UsageError("snapshot needs exactly one scenario folder");
    const auto at = args.value("at");
    if (!at) throw UsageError("snapshot needs --at DATE");
    std::string why;
    const auto date = parseDate(*at, &why);
    if (!date) throw UsageError("bad --at date '" + *at + "': " + why);
    const auto out = args.value("out");
    if (!out) throw UsageError("snapshot needs --out FILE.png");
    const ImageSize size = parseImageSize(args.value("size").value_or("1920x1080"));
    int samples = 4;
    if (auto sm = args.value("samples")) {
        samples = std::atoi(sm->c_str());
        if (samples < 0 || samples > 16) throw UsageError("--samples must be 0..16");
    }
    FrameSpec spec;
    applyMapOptions(args, spec.settings);
    OverlayOptions overlay;
    overlay.title = overlay.date = overlay.figures = overlay.legend = overlay.sources = false;
    for (const std::string& item : splitList(args.value("overlay").value_or("none"))) {
        if (item == "title") overlay.title = true;
        else if (item == "date") overlay.date = true;
        else if (item == "figures") overlay.figures = true;
        else if (item == "legend") overlay.legend = true;
        else if (item == "sources") overlay.sources = true;
        else if (item == "all") overlay.title = overlay.date = overlay.figures = overlay.legend = overlay.sources = true;
        else if (item != "none") throw UsageError("unknown --overlay item '" + item + "' (title,date,figures,legend,sources,all,none)");
    }
    const std::optional<CompareOptions> compare = parseCompareOptions(args);
    checkOutputPath(*out);

    LoadResult loaded = loadScenario(args.positional()[0]);
    for (const Diagnostic& d : loaded.diagnostics.items()) std::cerr << formatDiagnostic(d) << "\n";
    if (!loaded.scenario) return kExitFailure;
    std::shared_ptr<const Scenario> other;
    if (compare && !(other = loadComparisonScenario(compare->path))) return kExitFailure;

    HeadlessContext context;
    MapRenderer renderer;
    renderer.setScenario(loaded.scenario, other.get());
    const double aspect = compare ? comparisonMapAspect(compare->view.mode, size.width, size.height)
                                  : static_cast<double>(size.width) / size.height;
    const std::string view = args.value("view").value_or("national");
    if (!findNamedView(*loaded.scenario, renderer.mapFrame(), aspect, view, spec.camera))
        throw UsageError("unknown --view '" + view + "' (national, a region id such as TX, or a supercluster id)");
    // Overlays cover the left (legend) and right (date, figures) edges: frame the map between them.
    if (compare && compare->view.mode == CompareMode::Diff)
        spec.camera = withHorizontalInsets(spec.camera, aspect, 0.12, 0.0); // the diff legend, bottom left
    else if (!compare && (overlay.legend || overlay.figures))
        spec.camera = withHorizontalInsets(spec.camera, aspect, overlay.legend ? 0.08 : 0.0, overlay.figures ? 0.05 : 0.0);
    spec.time = date->day;
    spec.pixelScale = static_cast<float>(size.height) / 1080.0f;
    if (compare) {
        // Compared over the range both scenarios cover: a date outside it is moved to its nearest end.
        const auto [lo, hi] = commonRange(*loaded.scenario, *other);
        for (const std::string& note : comparisonNotes(*loaded.scenario, *other, spec.time))
            std::cerr << "buildout: " << note << "\n";
        if (lo <= hi) spec.time = std::clamp(spec.time, static_cast<double>(lo), static_cast<double>(hi));
    }

    OffscreenTarget target(size.width, size.height, samples);
    target.bindForDrawing();
    if (compare) {
        MapRenderer otherRenderer;
        otherRenderer.setScenario(other, loaded.scenario.get());
        ComparisonCompositor compositor;
        compositor.draw(renderer, otherRenderer, compare->view, spec, size.width, size.height, samples);
        // Titles, the divider and the diff legend say which map is which: always drawn.
        ComparisonOverlayOptions co;
        co.date = overlay.date;
        co.figures = overlay.figures;
        co.labelDiff = compositor.diff();
        co.labelFrame = &renderer.mapFrame();
        const TotalsTimeline totalsA(*loaded.scenario), totalsB(*other);
        drawComparisonOverlay(renderer.painter(), *loaded.scenario, *other, totalsA, totalsB, compare->view,
                              compositor.diffView(), spec, co, size.width, size.height);
    } else {
        renderer.draw(spec, size.width, size.height);
    }
    if (!compare && (overlay.title || overlay.date || overlay.figures || overlay.legend || overlay.sources)) {
        const TotalsTimeline totals(*loaded.scenario);
        drawFrameOverlay(renderer, totals, spec, overlay, size.width, size.height);
    }
    const Image image = target.readback();

    // Write next to the destination, then rename: a failed write never leaves a partial file.
    const std::string tmp = *out + ".partial";
    if (!writePng(image, tmp, &why)) {
        std::remove(tmp.c_str());
        std::cerr << "buildout: error: " << why << "\n";
        return kExitFailure;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, *out, ec);
    if (ec) {
        std::remove(tmp.c_str());
        std::cerr << "buildout: error: cannot write '" << *out << "': " << ec.message() << "\n";
        return kExitFailure;
    }
    std::cout << "wrote " << *out << " (" << size.width << "x" << size.height << ", " << formatDate(date->day) << ", "
              << context.description() << ")\n";
    return kExitOk;
}

} // namespace buildout
