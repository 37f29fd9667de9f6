// bench_frames: headless frame times of the map renderer, beside the floor of this machine.
//
//   bench_frames [DIR] [--size WxH] [--samples S] [--frames F] [--warmup W] [--no-labels] [--no-floor]
//                [--breakdown] [--no-cache-baseline] [--dense-baseline]
//
// Loads DIR (default data/scenarios/us-announced), creates the headless EGL context and an offscreen
// target of WxH (default 1280x720) with S samples (default 0: no MSAA, "interactive"; 4 = "export"),
// and draws F frames (default 200) of the national view while the time runs from the scenario's start
// to its end. Every frame is followed by glFinish(), so
//   frame = draw() + glFinish()          (wall time: what the frame really costs)
//   cpu   = thread CPU time of draw()    (CLOCK_THREAD_CPUTIME_ID, glFinish excluded)
// The first W frames (default 5: shader variants compile on first use) are not counted.
//
// The floor is measured in the same process, into the same target: clear + one full-screen triangle
// with a constant-colour shader, glFinish() each frame. A figure / floor ratio reads the same on a
// faster or slower machine. On a software rasteriser (Mesa llvmpipe) the driver runs vertex shading,
// clipping and binning on the calling thread inside the draw calls, so `cpu` includes that driver work;
// `cpu` of the floor shows the fixed cost of a frame.
//
// --breakdown then draws F/4 frames (at least 10) per cumulative layer set: background only, + basemap,
// + zones, + transmission, + datacenters, + superclusters, + power plants, + labels; the difference
// between two steps is what that layer costs (`BENCH_LAYER` lines).
//
// The map is measured as the product draws it (caches on: while the camera is still, the background,
// land and borders are copied from a cached picture, and so are the labels while they stay the same)
// and, unless --no-cache-baseline, again with both caches off in the same process, so the report gives the
// cache's ratio on the same machine state.
// --dense-baseline measures the same frames once more with the dense layers off (every campus, plant and
// line drawn, no merging per grid cell: MapRenderer::setClusterThreshold(INT_MAX)). `upload` includes
// building the dense layers; `dense build` is that part alone (merging off, then on again).
//
// Prints a report and one machine-readable `BENCH_FRAMES key=value ...` line.
#include "core/scenario_loader.h"
#include "core/view/named_views.h"
#include "render/gl.h"
#include "render/headless_context.h"
#include "render/map_renderer.h"
#include "render/offscreen_target.h"
#include "render/overlay_painter.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace buildout;

namespace {

double nowMs() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double processCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double idx = p * static_cast<double>(v.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(idx);
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (idx - static_cast<double>(lo));
}

GLuint compile(GLenum type, const char* src) {
    const GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &src, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024];
        glGetShaderInfoLog(s, sizeof log, nullptr, log);
        throw std::runtime_error(std::string("floor shader: ") + log);
    }
    return s;
}

/// Clear + one full-screen triangle with a constant colour: the least a frame can cost here.
class Floor {
public:
    Floor() {
        const char* vs = "#version 330 core\n"
                         "void main() {\n"
                         "  vec2 p = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);\n"
                         "  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);\n"
                         "}\n";
        const char* fs = "#version 330 core\n"
                         "out vec4 color;\n"
                         "void main() { color = vec4(0.06, 0.08, 0.12, 1.0); }\n";
        program_ = glCreateProgram();
        const GLuint v = compile(GL_VERTEX_SHADER, vs), f = compile(GL_FRAGMENT_SHADER, fs);
        glAttachShader(program_, v);
        glAttachShader(program_, f);
        glLinkProgram(program_);
        glDeleteShader(v);
        glDeleteShader(f);
        glGenVertexArrays(1, &vao_);
    }
    ~Floor() {
        glDeleteVertexArrays(1, &vao_);
        glDeleteProgram(program_);
    }
    Floor(const Floor&) = delete;
    Floor& operator=(const Floor&) = delete;
    void draw(int width, int height) const {
        glViewport(0, 0, width, height);
        glDisable(GL_DEPTH_TEST);
        glDisable(GL_BLEND);
        glClearColor(0.1f, 0.1f, 0.1f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
        glUseProgram(program_);
        glBindVertexArray(vao_);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        glBindVertexArray(0);
    }

private:
    GLuint program_ = 0, vao_ = 0;
};

struct Timings {
    std::vector<double> frame, cpu,
        work;         ///< wall of draw+finish; thread CPU of draw; process CPU of draw+finish
    double first = 0; ///< the first (warm-up) frame
};

template <typename Draw> Timings measure(OffscreenTarget& target, int frames, int warmup, Draw&& draw) {
    Timings t;
    for (int i = 0; i < warmup + frames; ++i) {
        target.bindForDrawing();
        const double w0 = nowMs(), c0 = threadCpuMs(), p0 = processCpuMs();
        draw(i - warmup, frames);
        const double c1 = threadCpuMs();
        glFinish();
        const double w1 = nowMs(), p1 = processCpuMs();
        if (i == 0) t.first = w1 - w0;
        if (i < warmup) continue;
        t.frame.push_back(w1 - w0);
        t.cpu.push_back(c1 - c0);
        t.work.push_back(p1 - p0);
    }
    return t;
}

int usage() {
    std::fprintf(stderr, "usage: bench_frames [DIR] [--size WxH] [--samples S] [--frames F] [--warmup W] "
                         "[--no-labels] [--no-floor] [--breakdown] [--no-cache-baseline] [--dense-baseline] "
                         "[--view NAME] [--no-culling]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    std::string dir = std::string(BUILDOUT_BENCH_SOURCE_ROOT) + "/data/scenarios/us-announced";
    int width = 1280, height = 720, samples = 0, frames = 200, warmup = 5;
    bool labels = true, floorToo = true, breakdown = false, cacheBaseline = true, denseBaseline = false;
    bool dirGiven = false, culling = true;
    std::string view = "national"; ///< a named view (core/view/named_views.h): national, a state id (TX), ...
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--size") {
            const std::string v = next();
            if (std::sscanf(v.c_str(), "%dx%d", &width, &height) != 2 || width < 1 || height < 1)
                return usage();
        } else if (a == "--samples")
            samples = std::atoi(next().c_str());
        else if (a == "--frames")
            frames = std::max(1, std::atoi(next().c_str()));
        else if (a == "--warmup")
            warmup = std::max(0, std::atoi(next().c_str()));
        else if (a == "--no-labels")
            labels = false;
        else if (a == "--no-floor")
            floorToo = false;
        else if (a == "--breakdown")
            breakdown = true;
        else if (a == "--no-cache-baseline")
            cacheBaseline = false;
        else if (a == "--dense-baseline")
            denseBaseline = true;
        else if (a == "--view")
            view = next();
        else if (a == "--no-culling") // every instance drawn: the baseline for per-instance culling
            culling = false;
        else if (!a.empty() && a[0] == '-')
            return usage();
        else if (!dirGiven)
            dir = a, dirGiven = true;
        else
            return usage();
    }

    try {
        double t0 = nowMs();
        LoadResult loaded = loadScenario(dir);
        const double loadMs = nowMs() - t0;
        if (!loaded.scenario) {
            for (const auto& d : loaded.diagnostics.items())
                std::fprintf(stderr, "%s\n", formatDiagnostic(d).c_str());
            return 1;
        }
        const Scenario& s = *loaded.scenario;
        HeadlessContext context;
        MapRenderer renderer;
        t0 = nowMs();
        renderer.setScenario(loaded.scenario);
        renderer.setCulling(culling);
        glFinish();
        const double uploadMs = nowMs() - t0;
        renderer.setClusterThreshold(std::numeric_limits<int>::max());
        glFinish();
        t0 = nowMs();
        renderer.setClusterThreshold(kDefaultClusterThreshold);
        glFinish();
        const double denseBuildMs = nowMs() - t0;
        OffscreenTarget target(width, height, samples);

        FrameSpec spec;
        spec.settings.labels = labels;
        spec.pixelScale = static_cast<float>(height) / 1080.0f;
        const double aspect = static_cast<double>(width) / height;
        if (!findNamedView(s, renderer.mapFrame(), aspect, view, spec.camera))
            throw std::runtime_error("no view named " + view);
        const double start = s.manifest.start, end = s.manifest.end;

        // Frame i of n: the time runs from the scenario's start to its end.
        auto drawAt = [&](int i, int n) {
            const double u = i < 0 || n < 2 ? 0.0 : static_cast<double>(i) / (n - 1);
            spec.time = start + (end - start) * u;
            renderer.draw(spec, width, height);
        };
        const Timings map = measure(target, frames, warmup, drawAt);
        gl::checkErrors("bench_frames");
        Timings uncached;
        if (cacheBaseline) {
            renderer.setStaticLayerCacheEnabled(false);
            renderer.painter().setPictureCacheEnabled(false);
            uncached = measure(target, frames, warmup, drawAt);
            renderer.setStaticLayerCacheEnabled(true);
            renderer.painter().setPictureCacheEnabled(true);
            gl::checkErrors("bench_frames without cache");
        }

        Timings unmerged;
        if (denseBaseline) {
            renderer.setClusterThreshold(std::numeric_limits<int>::max());
            unmerged = measure(target, frames, warmup, drawAt);
            renderer.setClusterThreshold(kDefaultClusterThreshold);
            gl::checkErrors("bench_frames without dense layers");
        }

        Timings floor;
        if (floorToo) {
            Floor fl;
            floor = measure(target, frames, warmup, [&](int, int) { fl.draw(width, height); });
            gl::checkErrors("bench_frames floor");
        }

        const double med = percentile(map.frame, 0.5), cpuMed = percentile(map.cpu, 0.5);
        const double workMed = percentile(map.work, 0.5);
        const double floorMed = percentile(floor.frame, 0.5), floorCpu = percentile(floor.cpu, 0.5);
        const double floorWork = percentile(floor.work, 0.5);
        std::printf("%s\n", context.description().c_str());
        std::printf("%s: %zu datacenters, %zu plants, %zu lines; load %.0f ms, upload (setScenario) %.0f ms, "
                    "of which "
                    "dense build %.0f ms\n",
                    dir.c_str(), s.datacenters.size(), s.powerPlants.size(), s.lines.size(), loadMs, uploadMs,
                    denseBuildMs);
        std::printf("view %s, %dx%d, %s, labels %s, %d frames (+%d warm-up; first frame %.1f ms)\n",
                    view.c_str(), width, height,
                    samples > 1 ? (std::to_string(samples) + "x MSAA").c_str() : "no MSAA",
                    labels ? "on" : "off", frames, warmup, map.first);
        std::printf(
            "  map:   frame median %.2f ms (p10 %.2f, p90 %.2f, max %.2f); draw() thread cpu %.3f ms; "
            "process cpu per frame %.2f ms\n",
            med, percentile(map.frame, 0.1), percentile(map.frame, 0.9), percentile(map.frame, 1.0), cpuMed,
            workMed);
        // A baseline measured in the same process, and the product's frame as a ratio of it.
        auto printBaseline = [&](const char* what, const char* ratio, const Timings& base) {
            const double baseMed = percentile(base.frame, 0.5);
            std::printf("  map without %s: frame median %.2f ms (p90 %.2f); process cpu %.2f ms; %s = %.2f\n",
                        what, baseMed, percentile(base.frame, 0.9), percentile(base.work, 0.5), ratio,
                        baseMed > 0 ? med / baseMed : 0.0);
            return baseMed;
        };
        const double uncachedMed =
            cacheBaseline
                ? printBaseline("the caches (static layers, overlay pictures)", "cached / uncached", uncached)
                : 0.0;
        const double unmergedMed =
            denseBaseline ? printBaseline("the dense layers (nothing merged)", "merged / unmerged", unmerged)
                          : 0.0;
        if (floorToo)
            std::printf(
                "  floor: frame median %.2f ms; thread cpu %.3f ms; process cpu %.2f ms; map / floor = %.1fx "
                "(process cpu %.1fx)\n",
                floorMed, floorCpu, floorWork, floorMed > 0 ? med / floorMed : 0.0,
                floorWork > 0 ? workMed / floorWork : 0.0);
        std::printf("BENCH_FRAMES dir=%s view=%s size=%dx%d samples=%d labels=%d frames=%d "
                    "frame_median_ms=%.2f frame_p90_ms=%.2f "
                    "cpu_median_ms=%.3f work_median_ms=%.2f floor_median_ms=%.2f floor_cpu_median_ms=%.3f "
                    "floor_work_median_ms=%.2f ratio=%.2f upload_ms=%.0f first_frame_ms=%.1f datacenters=%zu "
                    "uncached_median_ms=%.2f unmerged_median_ms=%.2f dense_build_ms=%.0f instances=%zu\n",
                    dir.c_str(), view.c_str(), width, height, samples, labels ? 1 : 0, frames, med,
                    percentile(map.frame, 0.9), cpuMed, workMed, floorMed, floorCpu, floorWork,
                    floorMed > 0 ? med / floorMed : 0.0, uploadMs, map.first, s.datacenters.size(),
                    uncachedMed, unmergedMed, denseBuildMs, renderer.lastInstancesSubmitted());
        std::fflush(stdout);

        if (breakdown) {
            const MapSettings all = spec.settings;
            MapSettings set = all;
            for (LayerSettings* l : {&set.basemap, &set.zones, &set.transmission, &set.datacenters,
                                     &set.superclusters, &set.powerPlants})
                l->visible = false;
            set.labels = false;
            struct Step {
                const char* name;
                LayerSettings* layer;
                bool labels;
            };
            const Step steps[] = {{"background", nullptr, false},
                                  {"basemap", &set.basemap, false},
                                  {"zones", &set.zones, false},
                                  {"transmission", &set.transmission, false},
                                  {"datacenters", &set.datacenters, false},
                                  {"superclusters", &set.superclusters, false},
                                  {"power_plants", &set.powerPlants, false},
                                  {"labels", nullptr, true}};
            const int n = std::max(10, frames / 4);
            double prevFrame = 0, prevCpu = 0, prevWork = 0;
            std::printf("  layer breakdown (cumulative, %d frames each; deltas = that layer's cost):\n", n);
            for (const Step& st : steps) {
                if (st.layer) st.layer->visible = true;
                if (st.labels) set.labels = labels;
                spec.settings = set;
                const Timings lt = measure(target, n, 2, [&](int i, int nn) {
                    const double u = i < 0 || nn < 2 ? 0.0 : static_cast<double>(i) / (nn - 1);
                    spec.time = start + (end - start) * u;
                    renderer.draw(spec, width, height);
                });
                const double m = percentile(lt.frame, 0.5), c = percentile(lt.cpu, 0.5),
                             w = percentile(lt.work, 0.5);
                std::printf(
                    "    + %-13s frame %8.2f ms (%+8.2f)  draw() cpu %7.3f ms (%+7.3f)  process cpu %8.2f ms "
                    "(%+8.2f)  instances %zu\n",
                    st.name, m, m - prevFrame, c, c - prevCpu, w, w - prevWork,
                    renderer.lastInstancesSubmitted());
                std::printf(
                    "BENCH_LAYER dir=%s size=%dx%d samples=%d layer=%s frame_median_ms=%.2f delta_ms=%.2f "
                    "cpu_median_ms=%.3f delta_cpu_ms=%.3f work_median_ms=%.2f delta_work_ms=%.2f "
                    "instances=%zu\n",
                    dir.c_str(), width, height, samples, st.name, m, m - prevFrame, c, c - prevCpu, w,
                    w - prevWork, renderer.lastInstancesSubmitted());
                prevFrame = m, prevCpu = c, prevWork = w;
            }
            spec.settings = all;
            std::fflush(stdout);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_frames: %s\n", e.what());
        return 1;
    }
    return 0;
}
