// The export pipeline: render thread -> PBO ring -> bounded buffer pool -> writer thread -> ffmpeg.
#include "app/export/export_job.h"

#include "app/export/export_overlay.h"
#include "core/totals_timeline.h"
#include "render/comparison_overlay.h"
#include "render/gl.h"
#include "render/gl_objects.h"
#include "render/headless_context.h"
#include "render/map_renderer.h"
#include "render/async_readback.h"
#include "render/offscreen_target.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

namespace buildout {

namespace fs = std::filesystem;

std::string captionsPath(const std::string& output, ExportFormat format) {
    if (format == ExportFormat::PngSequence) return output + ".vtt";
    fs::path p(output);
    p.replace_extension(".vtt");
    return p.string();
}

namespace {

/// A fixed set of frame buffers: acquire() blocks while all are in use, so memory stays bounded.
class BufferPool {
public:
    BufferPool(int count, std::size_t bytes) : buffers_(static_cast<std::size_t>(count)) {
        for (int i = 0; i < count; ++i) {
            buffers_[static_cast<std::size_t>(i)].resize(bytes);
            free_.push_back(i);
        }
    }
    /// A free buffer's index, or -1 once aborted.
    int acquire() {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return aborted_ || !free_.empty(); });
        if (aborted_) return -1;
        const int i = free_.front();
        free_.pop_front();
        return i;
    }
    void release(int i) {
        {
            std::lock_guard lock(m_);
            free_.push_back(i);
        }
        cv_.notify_all();
    }
    void abort() {
        {
            std::lock_guard lock(m_);
            aborted_ = true;
        }
        cv_.notify_all();
    }
    std::vector<std::uint8_t>& operator[](int i) { return buffers_[static_cast<std::size_t>(i)]; }

private:
    std::vector<std::vector<std::uint8_t>> buffers_;
    std::deque<int> free_;
    std::mutex m_;
    std::condition_variable cv_;
    bool aborted_ = false;
};

/// Frames read back, in order, waiting for the writer (never more than the pool's buffers).
class FrameQueue {
public:
    struct Item {
        int frame, buffer;
    };
    void push(Item it) {
        {
            std::lock_guard lock(m_);
            items_.push_back(it);
        }
        cv_.notify_all();
    }
    /// False when closed and empty (or aborted).
    bool pop(Item& out) {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return closed_ || !items_.empty(); });
        if (items_.empty()) return false;
        out = items_.front();
        items_.pop_front();
        return true;
    }
    void close() {
        {
            std::lock_guard lock(m_);
            closed_ = true;
        }
        cv_.notify_all();
    }
    void abort() {
        {
            std::lock_guard lock(m_);
            closed_ = true;
            items_.clear();
        }
        cv_.notify_all();
    }

private:
    std::deque<Item> items_;
    std::mutex m_;
    std::condition_variable cv_;
    bool closed_ = false;
};

const char* formatId(ExportFormat f) {
    switch (f) {
    case ExportFormat::Mp4:
        return "mp4";
    case ExportFormat::PngSequence:
        return "png";
    case ExportFormat::ProRes:
        return "prores4444";
    }
    return "?";
}

std::string manifestJson(const ExportSettings& s, const Scenario& scenario, const std::string& renderer,
                         const std::vector<std::uint64_t>& hashes, const ExportPlan& plan) {
    using oj = nlohmann::ordered_json;
    oj m;
    m["format"] = "buildout-render-manifest";
    m["version"] = 1;
    m["scenario"] = {{"id", scenario.manifest.id},
                     {"title", scenario.manifest.title},
                     {"hash", "fnv1a64:" + hex64(scenario.contentHash)}};
    // A comparison video records B and the mode: the same settings with another B are another video.
    if (s.compare)
        m["compare"] = {{"id", s.compare->manifest.id},
                        {"title", s.compare->manifest.title},
                        {"hash", "fnv1a64:" + hex64(s.compare->contentHash)},
                        {"mode", compareModeName(s.compareView.mode)},
                        {"swipe", s.compareView.swipe}};
    if (s.tour) {
        const std::string text = tourToJson(*s.tour);
        m["tour"] = {{"title", s.tour->title},
                     {"beats", s.tour->beats.size()},
                     {"hash", "fnv1a64:" + hex64(fnv1a64(text.data(), text.size()))}};
    } else {
        m["tour"] = nullptr;
    }
    oj st;
    st["format"] = formatId(s.format);
    st["quality"] = s.quality == ExportQuality::High ? "high" : "draft";
    st["width"] = s.width;
    st["height"] = s.height;
    st["fps"] = s.fps;
    st["frames"] = plan.frameCount();
    st["duration_s"] = static_cast<double>(plan.frameCount()) / s.fps;
    if (!s.tour) {
        st["from"] = formatDate(static_cast<Day>(std::floor(s.from)));
        st["to"] = formatDate(static_cast<Day>(std::floor(s.to)));
        st["event_hold_s"] = s.eventHoldSeconds;
    }
    if (s.camera)
        st["camera"] = {{"target_km", {s.camera->target.x, s.camera->target.y}},
                        {"distance_km", s.camera->distanceKm},
                        {"heading", s.camera->headingDeg},
                        {"tilt", s.camera->tiltDeg}};
    else
        st["view"] = s.view;
    oj layers = oj::object();
    const std::pair<const char*, const LayerSettings*> ls[] = {{"basemap", &s.map.basemap},
                                                               {"datacenters", &s.map.datacenters},
                                                               {"power_plants", &s.map.powerPlants},
                                                               {"transmission", &s.map.transmission},
                                                               {"superclusters", &s.map.superclusters},
                                                               {"zones", &s.map.zones}};
    for (const auto& [name, l] : ls)
        layers[name] = {{"visible", l->visible}, {"opacity", l->opacity}};
    st["layers"] = layers;
    st["labels"] = s.map.labels;
    st["color_by"] = s.map.datacenterColor == ColorBy::Status      ? "status"
                     : s.map.datacenterColor == ColorBy::Precision ? "precision"
                                                                   : "operator";
    st["max_labels"] = s.map.maxLabels;
    st["min_mw"] = s.map.minMw;
    st["column_scale"] = s.map.columnScale;
    st["glyph_scale"] = s.map.glyphScale;
    st["choropleth"] = s.map.choroplethMetric;
    st["overlay"] = overlayListString(s.overlay);
    st["background"] = s.transparent ? "transparent" : "map";
    st["msaa_samples"] = s.samples();
    if (s.format != ExportFormat::PngSequence) {
        SinkSettings ss;
        ss.format = s.format;
        ss.quality = s.quality;
        ss.width = s.width;
        ss.height = s.height;
        ss.fps = s.fps;
        ss.ffmpeg = "ffmpeg";
        std::vector<std::string> args = ffmpegArgs(ss, "OUTPUT");
        st["encoder_args"] = std::vector<std::string>(args.begin() + 1, args.end());
    }
    m["settings"] = st;
    m["renderer"] = renderer;
    m["frame_hash"] = "fnv1a64 of the RGBA8 pixels, top row first, before encoding";
    oj frames = oj::array();
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        const ExportFrame f = plan.frame(static_cast<int>(i));
        char t[32];
        std::snprintf(t, sizeof t, "%.6f", f.spec.time);
        frames.push_back({{"t", std::string(t)}, {"hash", hex64(hashes[i])}});
    }
    m["frames"] = frames;
    return m.dump(1) + "\n";
}

} // namespace

ExportResult runExport(const ExportSettings& s, std::shared_ptr<const Scenario> scenario,
                       ExportProgress& progress, const std::function<void()>& onFrame) {
    ExportResult result;
    const auto wallStart = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    };
    if (!scenario) {
        result.message = "no scenario";
        return result;
    }
    if (std::string why = validateExportSettings(s); !why.empty()) {
        result.message = why;
        return result;
    }

    std::unique_ptr<ExportPlan> plan;
    try {
        plan = std::make_unique<ExportPlan>(s, scenario);
    } catch (const std::exception& e) {
        result.message = e.what();
        return result;
    }
    for (const Diagnostic& d : plan->warnings())
        result.warnings.push_back(formatDiagnostic(d));
    for (const std::string& n : plan->notes())
        result.warnings.push_back(n);
    const int frames = plan->frameCount();
    progress.total = frames;
    progress.rendered = 0;
    progress.written = 0;
    progress.finishing = false;

    const int w = s.width, h = s.height;
    const std::size_t frameBytes = static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4;
    std::vector<std::uint64_t> hashes;
    if (!s.manifestPath.empty()) hashes.assign(static_cast<std::size_t>(frames), 0);

    // Where the time goes (wall seconds per stage; reporting only).
    struct Stages {
        double draw = 0, readback = 0, fence = 0, backpressure = 0, copy = 0, write = 0;
    } stages;
    auto now = [] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    };

    // GL objects must die before the context: keep them in an inner scope.
    std::unique_ptr<HeadlessContext> context;
    std::unique_ptr<FrameSink> sink;
    std::string writerError;
    std::atomic<bool> writerFailed{false};
    bool stopped = false; // cancelled or failed before all frames were sent
    try {
        context = std::make_unique<HeadlessContext>();
        result.renderer = context->description();
        MapRenderer renderer;
        renderer.setScenario(scenario, s.compare.get());
        const TotalsTimeline totals(*scenario);
        // Comparison: B's renderer and totals, and the compositor that puts both in each frame.
        std::unique_ptr<MapRenderer> rendererB;
        std::unique_ptr<TotalsTimeline> totalsB;
        std::unique_ptr<ComparisonCompositor> compositor;
        if (s.compare) {
            rendererB = std::make_unique<MapRenderer>();
            rendererB->setScenario(s.compare, scenario.get());
            totalsB = std::make_unique<TotalsTimeline>(*s.compare);
            compositor = std::make_unique<ComparisonCompositor>();
        }
        OffscreenTarget target(w, h, s.samples());

        constexpr int kRing = AsyncReadback::kSlots;
        AsyncReadback readback(target);

        SinkSettings ss;
        ss.format = s.format;
        ss.quality = s.quality;
        ss.width = w;
        ss.height = h;
        ss.fps = s.fps;
        ss.transparent = s.transparent;
        ss.output = s.output;
        ss.ffmpeg = s.ffmpeg;
        sink = makeFrameSink(ss);

        BufferPool pool(4, frameBytes);
        FrameQueue queue;
        std::thread writer([&] {
            FrameQueue::Item it{};
            while (queue.pop(it)) {
                std::vector<std::uint8_t>& buf = pool[it.buffer];
                const double t0 = now();
                if (!hashes.empty())
                    hashes[static_cast<std::size_t>(it.frame)] = fnv1a64(buf.data(), buf.size());
                const bool ok = sink->write(buf.data());
                stages.write += now() - t0;
                if (!ok) {
                    writerError = sink->error();
                    writerFailed = true;
                    pool.abort();
                    queue.abort();
                    break;
                }
                pool.release(it.buffer);
                ++progress.written;
            }
        });

        // Maps the PBO holding frame j, copies it (flipped: GL rows start at the bottom) into a pooled
        // buffer and queues it. False when the writer has failed.
        auto drain = [&](int j) {
            const int slot = j % kRing;
            double t0 = now();
            readback.wait(slot);
            double t1 = now();
            stages.fence += t1 - t0;
            const int b = pool.acquire(); // blocks while the writer is behind: memory stays bounded
            t0 = now();
            stages.backpressure += t0 - t1;
            if (b < 0) return false;
            readback.copyFlipped(slot, pool[b].data());
            stages.copy += now() - t0;
            queue.push({j, b});
            ++progress.rendered;
            if (onFrame) onFrame();
            return true;
        };

        std::deque<int> pending;
        try {
            for (int i = 0; i < frames && !stopped; ++i) {
                if (progress.cancel || writerFailed) {
                    stopped = true;
                    break;
                }
                double t0 = now();
                const ExportFrame f = plan->frame(i);
                target.bindForDrawing();
                if (compositor) {
                    compositor->draw(renderer, *rendererB, s.compareView, f.spec, w, h, s.samples());
                    ComparisonOverlayOptions co;
                    co.date = s.overlay.date;
                    co.figures = s.overlay.figures;
                    co.legend = s.overlay.legend;
                    co.labelDiff = compositor->diff();
                    co.labelFrame = &renderer.mapFrame();
                    if (s.overlay.captions) co.caption = f.captionTitle.empty() ? f.captionText : f.captionTitle;
                    drawComparisonOverlay(renderer.painter(), *scenario, *s.compare, totals, *totalsB, s.compareView,
                                          compositor->diffView(), f.spec, co, w, h);
                } else {
                    renderer.draw(f.spec, w, h);
                    drawExportOverlay(renderer, totals, f, s.overlay, w, h);
                }
                double t1 = now();
                stages.draw += t1 - t0;
                target.resolve();
                const int slot = i % kRing;
                readback.start(slot);
                stages.readback += now() - t1;
                pending.push_back(i);
                if (static_cast<int>(pending.size()) == kRing) {
                    if (!drain(pending.front())) stopped = true;
                    pending.pop_front();
                }
            }
            while (!stopped && !pending.empty()) {
                if (progress.cancel) {
                    stopped = true;
                    break;
                }
                if (!drain(pending.front())) stopped = true;
                pending.pop_front();
            }
            gl::checkErrors("export frames");
        } catch (...) {
            pool.abort();
            queue.abort();
            writer.join();
            throw;
        }
        if (stopped) {
            pool.abort();
            queue.abort();
        } else {
            queue.close();
        }
        writer.join();
    } catch (const std::exception& e) {
        if (sink) sink->abort();
        result.message = e.what();
        result.seconds = elapsed();
        return result;
    }

    result.frames = progress.written;
    if (writerFailed) {
        sink->abort();
        result.message = writerError.empty() ? "the encoder failed" : writerError;
        result.seconds = elapsed();
        return result;
    }
    if (progress.cancel || stopped) {
        sink->abort();
        result.status = ExportResult::Status::Cancelled;
        result.message = "export cancelled after " + std::to_string(progress.written) + " of " +
                         std::to_string(frames) + " frames; nothing was written";
        result.seconds = elapsed();
        return result;
    }
    progress.finishing = true;
    // Sidecars (captions, manifest) are written under temporary names first and renamed with the
    // video, so a failure anywhere leaves none of them under a final name.
    struct Sidecar {
        std::string path, text;
    };
    std::vector<Sidecar> sidecars;
    if (s.overlay.captions)
        sidecars.push_back({captionsPath(s.output, s.format), webVtt(plan->captionCues(), s.fps)});
    if (!s.manifestPath.empty())
        sidecars.push_back({s.manifestPath, manifestJson(s, *scenario, result.renderer, hashes, *plan)});
    auto removeTemps = [&] {
        for (const Sidecar& c : sidecars)
            std::remove((c.path + ".partial").c_str());
    };
    for (const Sidecar& c : sidecars) {
        std::ofstream out(c.path + ".partial", std::ios::binary | std::ios::trunc);
        out << c.text;
        out.flush();
        if (!out) {
            out.close();
            removeTemps();
            sink->abort();
            result.message = "cannot write '" + c.path + "' (disk full or folder not writable?)";
            result.seconds = elapsed();
            return result;
        }
    }
    if (!sink->finish()) {
        removeTemps();
        result.message = sink->error();
        result.seconds = elapsed();
        return result;
    }
    result.written.push_back(s.output);
    for (const Sidecar& c : sidecars) {
        std::error_code ec;
        fs::rename(c.path + ".partial", c.path, ec);
        if (ec) {
            removeTemps();
            result.message = "wrote '" + s.output + "' but cannot write '" + c.path + "': " + ec.message();
            result.seconds = elapsed();
            return result;
        }
        result.written.push_back(c.path);
    }
    result.status = ExportResult::Status::Ok;
    result.seconds = elapsed();
    char buf[160];
    std::snprintf(buf, sizeof buf, "%d frames in %.1f s (%.1f frames/s)", frames, result.seconds,
                  result.seconds > 0 ? frames / result.seconds : 0.0);
    result.message = buf;
    const double perFrame = 1000.0 / std::max(frames, 1);
    char st[320];
    std::snprintf(st, sizeof st,
                  "ms per frame: render thread: draw %.1f, resolve+readback %.1f, wait for GPU %.1f, wait "
                  "for writer %.1f, "
                  "map+copy %.1f; writer thread: %s %.1f",
                  stages.draw * perFrame, stages.readback * perFrame, stages.fence * perFrame,
                  stages.backpressure * perFrame, stages.copy * perFrame,
                  s.format == ExportFormat::Mp4      ? "YUV+pipe"
                  : s.format == ExportFormat::ProRes ? "pipe"
                                                     : "PNG",
                  stages.write * perFrame);
    result.stages = st;
    return result;
}

} // namespace buildout
