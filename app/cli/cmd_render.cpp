// `buildout render DIR --out FILE ...`: deterministic video export (MP4, ProRes 4444 with alpha, PNG
// sequence), optionally driven by a tour. See docs/export.md.
#include "app/cli/cli_args.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/map_options.h"
#include "app/cli/render_jobs.h"
#include "app/export/export_job.h"
#include "app/export/output_files.h"
#include "core/diff_view.h"
#include "core/scenario_loader.h"
#include "core/view/named_views.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace buildout {

namespace fs = std::filesystem;

namespace {

std::atomic<bool>* g_cancel = nullptr;

extern "C" void onInterrupt(int) {
    // Async-signal-safe: set the flag, say so once. A second Ctrl-C (SA_RESETHAND) ends the process.
    if (g_cancel) g_cancel->store(true);
    const char msg[] = "\nbuildout: stopping (Ctrl-C again to kill)...\n";
    const ssize_t n = ::write(2, msg, sizeof msg - 1);
    (void)n;
}

/// Installs the Ctrl-C / SIGTERM handler for the lifetime of an export and restores the old ones.
class InterruptGuard {
public:
    explicit InterruptGuard(std::atomic<bool>& flag) {
        g_cancel = &flag;
        struct sigaction sa {};
        sa.sa_handler = onInterrupt;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        sigaction(SIGINT, &sa, &oldInt_);
        sigaction(SIGTERM, &sa, &oldTerm_);
    }
    ~InterruptGuard() {
        sigaction(SIGINT, &oldInt_, nullptr);
        sigaction(SIGTERM, &oldTerm_, nullptr);
        g_cancel = nullptr;
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction oldInt_ {
    }, oldTerm_{};
};

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string clock(double seconds) {
    const long s = std::lround(std::max(seconds, 0.0));
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

TimeDays dateOption(const CliArgs& args, const char* name, TimeDays fallback) {
    const auto v = args.value(name);
    if (!v) return fallback;
    std::string why;
    const auto d = parseDate(*v, &why);
    if (!d) throw UsageError(std::string("bad --") + name + " date '" + *v + "': " + why);
    return d->day;
}

/// The folder that will hold `path` must exist and be writable.
void checkParentFolder(const std::string& path) {
    const fs::path p(path);
    const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw std::runtime_error("output folder '" + dir.string() + "' does not exist");
    if (::access(dir.c_str(), W_OK) != 0)
        throw std::runtime_error("output folder '" + dir.string() + "' is not writable");
}

/// --out and --format: the output name (trailing slashes dropped) and its format, from --format or
/// the extension (none, or an existing folder: a PNG sequence).
void applyOutputOptions(const CliArgs& args, ExportSettings& s) {
    const std::string given = *args.value("out");
    std::string out = given;
    const bool trailingSlash = out.size() > 1 && out.back() == '/';
    while (out.size() > 1 && out.back() == '/')
        out.pop_back();
    s.output = out;
    const std::string ext = lower(fs::path(out).extension().string());
    if (auto f = args.value("format")) {
        if (*f == "mp4")
            s.format = ExportFormat::Mp4;
        else if (*f == "png")
            s.format = ExportFormat::PngSequence;
        else if (*f == "prores" || *f == "mov")
            s.format = ExportFormat::ProRes;
        else if (*f == "gif")
            s.format = ExportFormat::Gif;
        else if (*f == "webp")
            s.format = ExportFormat::WebP;
        else
            throw UsageError("--format must be mp4, prores, gif, webp or png");
    } else if (ext == ".mp4") {
        s.format = ExportFormat::Mp4;
    } else if (ext == ".mov") {
        s.format = ExportFormat::ProRes;
    } else if (ext == ".gif") {
        s.format = ExportFormat::Gif;
    } else if (ext == ".webp") {
        s.format = ExportFormat::WebP;
    } else if (ext.empty() || trailingSlash || fs::is_directory(out)) {
        s.format = ExportFormat::PngSequence;
    } else {
        throw UsageError(
            "cannot tell the format of --out '" + given +
            "': use FILE.mp4 (H.264), FILE.mov (ProRes 4444 with alpha), FILE.gif or FILE.webp (animated "
            "previews) or a folder name (PNG sequence)");
    }
}

/// --size or --preset (pixels), --fps (frames per second), --duration (seconds). Returns whether a
/// duration was given (with a tour, none means the tour's own length).
bool applyTimingOptions(const CliArgs& args, ExportSettings& s) {
    if (args.value("size") && args.value("preset")) throw UsageError("give --size or --preset, not both");
    if (auto p = args.value("preset")) {
        const std::string v = lower(*p);
        if (v == "720p")
            s.width = 1280, s.height = 720;
        else if (v == "1080p")
            s.width = 1920, s.height = 1080;
        else if (v == "4k" || v == "2160p")
            s.width = 3840, s.height = 2160;
        else
            throw UsageError("--preset must be 720p, 1080p or 4k");
    } else if (auto sz = args.value("size")) {
        const ImageSize is = parseImageSize(*sz);
        s.width = is.width;
        s.height = is.height;
    }
    if (auto f = args.value("fps")) {
        char* end = nullptr;
        const long v = std::strtol(f->c_str(), &end, 10);
        if (end == f->c_str() || *end != '\0' || v < 1 || v > 120)
            throw UsageError("--fps must be a whole number 1..120 (24, 25, 30, 60)");
        s.fps = static_cast<int>(v);
    }
    if (auto d = args.value("duration")) {
        char* end = nullptr;
        const double v = std::strtod(d->c_str(), &end);
        if (end == d->c_str() || *end != '\0' || !(v > 0) || v > 24 * 3600)
            throw UsageError("--duration must be seconds, more than 0");
        s.durationSeconds = v;
        return true;
    }
    return false;
}

/// --quality, --background (transparent by default for ProRes), --overlay, --event-hold (seconds).
void applyLookOptions(const CliArgs& args, ExportSettings& s) {
    if (auto q = args.value("quality")) {
        if (*q == "draft")
            s.quality = ExportQuality::Draft;
        else if (*q == "high")
            s.quality = ExportQuality::High;
        else
            throw UsageError("--quality must be draft or high");
    }
    s.transparent = s.format == ExportFormat::ProRes;
    if (auto b = args.value("background")) {
        if (*b == "transparent")
            s.transparent = true;
        else if (*b == "map")
            s.transparent = false;
        else
            throw UsageError("--background must be map or transparent");
    }
    if (s.transparent && s.format == ExportFormat::Mp4)
        throw UsageError("MP4 (H.264) has no alpha channel: use --out FILE.mov (ProRes 4444) or a PNG folder "
                         "with --background transparent");
    try {
        s.overlay = parseOverlayList(args.value("overlay").value_or("all"));
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("unknown --overlay item '") + e.what() +
                         "' (title,date,figures,legend,captions,sources,all,none)");
    }
    if (auto eh = args.value("event-hold")) {
        char* end = nullptr;
        const double v = std::strtod(eh->c_str(), &end);
        if (end == eh->c_str() || *end != '\0' || v < 0 || v > 60)
            throw UsageError("--event-hold must be 0..60 seconds");
        s.eventHoldSeconds = v;
    }
}

/// Every option that needs no scenario, in the order their errors are reported. Throws UsageError.
ExportSettings settingsFromOptions(const CliArgs& args, bool& durationGiven) {
    ExportSettings s;
    applyOutputOptions(args, s);
    durationGiven = applyTimingOptions(args, s);
    applyLookOptions(args, s);
    applyMapOptions(args, s.map);
    s.view = args.value("view").value_or("national");
    if (const char* ff = std::getenv("BUILDOUT_FFMPEG"); ff && *ff) s.ffmpeg = ff;
    s.manifestPath = args.value("manifest").value_or("");
    if (args.value("tour") && (args.value("from") || args.value("to")))
        throw UsageError("--from/--to do not apply with --tour (its beats set the dates)");
    return s;
}

/// Paths first: fail before any work (a PNG folder is created by the export; its parent must exist).
void checkOutputs(const ExportSettings& s) {
    if (s.format == ExportFormat::PngSequence)
        checkParentFolder(s.output);
    else
        checkOutputPath(s.output);
    if (!s.manifestPath.empty()) checkOutputPath(s.manifestPath);
}

/// --from/--to (days; the scenario's range by default) and, comparing, the second scenario: compared
/// over the range both cover (the default range is the common one; given dates are clamped). False
/// when the comparison cannot be made (already reported). Throws UsageError.
bool applyScenarioRange(const CliArgs& args, const std::optional<CompareOptions>& compare, const Scenario& sc,
                        ExportSettings& s) {
    s.from = dateOption(args, "from", sc.manifest.start);
    s.to = dateOption(args, "to", sc.manifest.end);
    if (compare) {
        if (!(s.compare = loadComparisonScenario(compare->path))) return false;
        s.compareView = compare->view;
        const auto [lo, hi] = commonRange(sc, *s.compare);
        if (lo > hi) {
            std::cerr << "buildout: error: the scenarios' time ranges do not overlap; nothing to compare\n";
            return false;
        }
        const TimeDays from = std::clamp(s.from, static_cast<TimeDays>(lo), static_cast<TimeDays>(hi));
        const TimeDays to = std::clamp(s.to, static_cast<TimeDays>(lo), static_cast<TimeDays>(hi));
        if ((from != s.from && args.value("from")) || (to != s.to && args.value("to")))
            std::cerr << "buildout: note: compared over the common range " << formatDate(lo) << " to "
                      << formatDate(hi) << "\n";
        s.from = from, s.to = to;
        if (basemapsDiffer(sc, *s.compare))
            std::cerr << "buildout: note: the scenarios use different basemaps\n";
    }
    if (s.to < s.from) throw UsageError("--to is before --from");
    return true;
}

/// --view must name a view of the scenario (throws UsageError). --tour FILE: parsed and resolved
/// against the scenario (named views, dates) before any frame is drawn, so every problem is reported as
/// FILE:LINE; false when it has errors (reported). Without a --duration the video plays the tour at its
/// own pace.
bool applyViewAndTour(const CliArgs& args, const Scenario& sc, bool durationGiven, ExportSettings& s) {
    const MapFrame mapFrame = makeMapFrame(sc);
    const double aspect = s.compare ? comparisonMapAspect(s.compareView.mode, s.width, s.height)
                                    : static_cast<double>(s.width) / s.height;
    CameraState base;
    if (!findNamedView(sc, mapFrame, aspect, s.view, base))
        throw UsageError("unknown --view '" + s.view +
                         "' (national, a region id such as TX, or a supercluster id)");
    const auto tourPath = args.value("tour");
    if (!tourPath) return true;
    Diagnostics diag;
    Tour tour;
    const bool parsed = loadTour(*tourPath, tour, diag);
    if (parsed) {
        const TourRig rig(tour, sc, mapFrame, aspect, base, s.map, diag);
        (void)rig;
    }
    for (const Diagnostic& d : diag.items())
        std::cerr << formatDiagnostic(d) << "\n";
    if (diag.hasErrors()) {
        std::cerr << *tourPath << ": tour not used (" << diag.errorCount()
                  << (diag.errorCount() == 1 ? " error" : " errors") << "); nothing was written\n";
        return false;
    }
    s.tour = std::move(tour);
    s.durationSeconds = durationGiven ? s.durationSeconds : 0.0;
    return true;
}

/// Makes the plan once to report its notes (e.g. shortened event pauses); false when it cannot be made.
bool reportPlanNotes(const ExportSettings& s, const std::shared_ptr<const Scenario>& scenario) {
    try {
        const ExportPlan plan(s, scenario);
        for (const std::string& n : plan.notes())
            std::cerr << "buildout: note: " << n << "\n";
    } catch (const std::exception& e) {
        std::cerr << "buildout: error: " << e.what() << "\n";
        return false;
    }
    return true;
}

/// Progress on stderr: a line redrawn at most 4 times a second on a terminal, else one line per tenth of
/// the frames. Wall time here is only for this display; it never reaches a frame.
class ProgressPrinter {
public:
    ProgressPrinter(const ExportProgress& progress, int total, bool quiet)
        : progress_(progress), total_(total), quiet_(quiet), tty_(::isatty(2) != 0),
          start_(std::chrono::steady_clock::now()) {}

    /// Called on the render thread after each frame is read back.
    void onFrame() {
        if (quiet_) return;
        const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        const int done = progress_.rendered;
        const double fps = t > 0 ? done / t : 0;
        const double eta = fps > 0 ? (total_ - done) / fps : 0;
        char line[160];
        std::snprintf(line, sizeof line, "frame %d/%d  %3d%%  %.1f frames/s  ETA %s", done, total_,
                      done * 100 / std::max(total_, 1), fps, clock(eta).c_str());
        if (tty_) {
            if (t - lastPrint_ >= 0.25 || done == total_) {
                std::fprintf(stderr, "\r%s   ", line);
                std::fflush(stderr);
                lastPrint_ = t;
            }
        } else if (const int decile = done * 10 / std::max(total_, 1); decile > lastDecile_) {
            lastDecile_ = decile;
            std::fprintf(stderr, "%s\n", line);
        }
    }
    /// Ends the redrawn line.
    void finish() const {
        if (tty_ && !quiet_) std::fprintf(stderr, "\n");
    }

private:
    const ExportProgress& progress_;
    int total_;
    bool quiet_, tty_;
    std::chrono::steady_clock::time_point start_;
    double lastPrint_ = -1; ///< seconds since start_
    int lastDecile_ = 0;
};

/// Says what was written (stdout) or why nothing was (stderr). Returns the exit code: 130 when
/// cancelled, as a shell reports Ctrl-C.
int reportResult(const ExportResult& r, const ExportSettings& s, int total) {
    switch (r.status) {
    case ExportResult::Status::Ok: {
        const double fps = r.seconds > 0 ? total / r.seconds : 0;
        char head[256];
        std::snprintf(head, sizeof head,
                      "wrote %s (%dx%d, %d fps, %d frames, %.2f s, %s) in %.1f s, %.1f frames/s",
                      s.output.c_str(), s.width, s.height, s.fps, total, static_cast<double>(total) / s.fps,
                      exportFormatName(s.format), r.seconds, fps);
        std::cout << head << "\n";
        for (std::size_t i = 1; i < r.written.size(); ++i)
            std::cout << "wrote " << r.written[i] << "\n";
        std::cout << "renderer: " << r.renderer << "\n";
        std::cout << r.stages << "\n";
        return kExitOk;
    }
    case ExportResult::Status::Cancelled:
        std::cerr << "buildout: " << r.message << " (no file under '" << s.output << "')\n";
        return 130;
    case ExportResult::Status::Failed:
    default:
        std::cerr << "buildout: error: " << r.message << "\n";
        std::cerr << "buildout: nothing was written to '" << s.output << "'\n";
        return kExitFailure;
    }
}

} // namespace

int runRender(const std::vector<std::string>& argv) {
    // --- render jobs hook (issue 17, app/cli/render_jobs.h): `render --jobs JOBS.json [--job-index N]`
    // runs one job of a batch through this same function. Re-attach in the CLI11 version as is. ---
    if (isRenderJobsInvocation(argv)) return runRenderJobs(argv, runRender);
    CliArgs args(argv,
                 {"out",        "from",       "to",       "duration",   "fps",     "size",         "preset",
                  "tour",       "view",       "layers",   "overlay",    "quality", "manifest",     "format",
                  "background", "event-hold", "color-by", "choropleth", "compare", "compare-mode", "swipe"},
                 {"no-labels", "quiet"});
    if (args.positional().size() != 1) throw UsageError("render needs exactly one scenario folder");
    if (auto out = args.value("out"); !out || out->empty())
        throw UsageError("render needs --out FILE.mp4 (or FILE.mov, or a folder for PNGs)");

    bool durationGiven = false;
    ExportSettings s = settingsFromOptions(args, durationGiven);
    checkOutputs(s);
    const std::optional<CompareOptions> compare = parseCompareOptions(args);
    LoadResult loaded = loadScenario(args.positional()[0]);
    for (const Diagnostic& d : loaded.diagnostics.items())
        std::cerr << formatDiagnostic(d) << "\n";
    if (!loaded.scenario) return kExitFailure;
    if (!applyScenarioRange(args, compare, *loaded.scenario, s)) return kExitFailure;
    if (!applyViewAndTour(args, *loaded.scenario, durationGiven, s)) return kExitFailure;
    if (std::string why = validateExportSettings(s); !why.empty()) throw UsageError(why);
    if (!reportPlanNotes(s, loaded.scenario)) return kExitFailure;

    const int total = s.frameCount();
    const bool quiet = args.flag("quiet");
    if (!quiet)
        std::cerr << "rendering " << total << " frames (" << s.width << "x" << s.height << ", " << s.fps
                  << " fps, " << exportFormatName(s.format) << ", "
                  << (s.quality == ExportQuality::High ? "high" : "draft") << ") to " << s.output << "\n";
    ExportProgress progress;
    InterruptGuard guard(progress.cancel);
    ProgressPrinter printer(progress, total, quiet);
    const ExportResult r = runExport(s, loaded.scenario, progress, [&] { printer.onFrame(); });
    printer.finish();
    return reportResult(r, s, total);
}

} // namespace buildout
