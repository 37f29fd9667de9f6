// The export pipeline: render thread -> PBO ring -> bounded buffer pool -> writer thread -> ffmpeg.
// runExport's steps, in order: check the settings and make the plan; render and write every frame (GL
// set-up, the writer thread beside the render loop); write the sidecars (captions, manifest) and complete
// the video; report. Wall-clock times here are for the report only: no frame depends on them.
#include "app/export/export_job.h"

#include "app/export/narration.h"

#include "app/export/export_manifest.h"
#include "app/export/export_overlay.h"
#include "core/output_file.h"
#include "core/totals_timeline.h"
#include "render/async_readback.h"
#include "render/comparison_compositor.h"
#include "render/comparison_overlay.h"
#include "render/gl.h"
#include "render/gl_objects.h"
#include "render/headless_context.h"
#include "render/map_renderer.h"
#include "render/offscreen_target.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <future>
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
        RowOrder rows;
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

// ---------------------------------------------------------------------------------------------------
// Rendering and writing the frames

/// Seconds on the steady clock (reporting only).
double nowSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// Where the time goes: wall seconds per stage, summed over all frames (reporting only).
struct Stages {
    double draw = 0, readback = 0, fence = 0, backpressure = 0, copy = 0, write = 0;
};

/// How the render phase ended when it did not throw.
struct RenderOutcome {
    bool stopped = false;      ///< cancelled or failed before all frames were sent
    bool writerFailed = false; ///< the sink refused a frame (writerError says why)
    std::string writerError;
};

/// Frame buffers in the pool: bounds memory (4 frames of width x height x 4 bytes) whatever the length.
constexpr int kPoolBuffers = 4;

/// What the render thread and the writer thread share while frames flow.
struct FrameFlow {
    FrameFlow(std::size_t frameBytes, FrameSink& sinkIn, std::vector<std::uint64_t>& hashesIn,
              Stages& stagesIn, ExportProgress& progressIn)
        : pool(kPoolBuffers, frameBytes), sink(sinkIn), hashes(hashesIn), stages(stagesIn),
          progress(progressIn) {}
    BufferPool pool;
    FrameQueue queue;
    FrameSink& sink;
    std::vector<std::uint64_t>& hashes; ///< one per frame when a manifest is wanted, else empty
    std::size_t rowBytes = 0;           ///< bytes per row of a frame (width x 4)
    Stages& stages;
    ExportProgress& progress;
    std::string writerError;
    std::atomic<bool> writerFailed{false};
    /// Stops both threads (cancel or failure): blocked waits return, queued frames are dropped.
    void abort() {
        pool.abort();
        queue.abort();
    }
};

/// The writer thread: hashes each frame (manifest), hands it to the sink (YUV conversion and H.264 for
/// MP4, the pipe to ffmpeg, or a PNG file) and returns its buffer to the pool, until the queue closes or a
/// write fails.
void writeFrames(FrameFlow& flow) {
    FrameQueue::Item it{};
    while (flow.queue.pop(it)) {
        std::vector<std::uint8_t>& buf = flow.pool[it.buffer];
        const double t0 = nowSeconds();
        if (!flow.hashes.empty())
            flow.hashes[static_cast<std::size_t>(it.frame)] =
                frameHash(buf.data(), buf.size(), it.rows, flow.rowBytes);
        const bool ok = flow.sink.write(buf.data(), it.rows);
        flow.stages.write += nowSeconds() - t0;
        if (!ok) {
            flow.writerError = flow.sink.error();
            flow.writerFailed = true;
            flow.abort();
            break;
        }
        flow.pool.release(it.buffer);
        ++flow.progress.written;
    }
}

/// What one export draws: A's renderer and totals and, comparing, B's and the compositor that puts both
/// in each frame. GL objects: made and destroyed while the export's context is current.
class ExportScene {
public:
    ExportScene(const ExportSettings& s, std::shared_ptr<const Scenario> scenario)
        : s_(s), scenario_(scenario) {
        // The totals' timeline (~0.1 s at 100k campuses) on a second core while the map is prepared.
        auto totals =
            std::async(std::launch::async, [this] { return std::make_unique<TotalsTimeline>(*scenario_); });
        renderer_.setScenario(scenario_, s_.compare.get());
        totals_ = totals.get();
        if (s_.compare) {
            rendererB_ = std::make_unique<MapRenderer>();
            rendererB_->setScenario(s_.compare, scenario_.get());
            totalsB_ = std::make_unique<TotalsTimeline>(*s_.compare);
            compositor_ = std::make_unique<ComparisonCompositor>();
        }
    }

    /// Draws frame `f` with its overlays into the bound framebuffer of s.width x s.height pixels.
    void draw(const ExportFrame& f) {
        const int w = s_.width, h = s_.height;
        if (!compositor_) {
            reserveExportOverlay(renderer_, f, s_.overlay, w, h); // labels keep clear of the panels
            renderer_.draw(f.spec, w, h);
            drawExportOverlay(renderer_, *totals_, f, s_.overlay, w, h);
            return;
        }
        compositor_->draw(renderer_, *rendererB_, s_.compareView, f.spec, w, h, s_.samples());
        ComparisonOverlayOptions co;
        co.date = s_.overlay.date;
        co.figures = s_.overlay.figures;
        co.legend = s_.overlay.legend;
        co.labelDiff = compositor_->diff();
        co.labelFrame = &renderer_.mapFrame();
        if (s_.overlay.captions) co.caption = f.captionTitle.empty() ? f.captionText : f.captionTitle;
        drawComparisonOverlay(renderer_.painter(), *scenario_, *s_.compare, *totals_, *totalsB_,
                              s_.compareView, compositor_->diffView(), f.spec, co, w, h);
    }

private:
    const ExportSettings& s_;
    std::shared_ptr<const Scenario> scenario_;
    MapRenderer renderer_;
    std::unique_ptr<TotalsTimeline> totals_;
    std::unique_ptr<MapRenderer> rendererB_;
    std::unique_ptr<TotalsTimeline> totalsB_;
    std::unique_ptr<ComparisonCompositor> compositor_;
};

/// The render thread's loop: draws frame i, resolves MSAA and starts its asynchronous readback into slot
/// i % kRing of the PBO ring; once the ring is full, collects the oldest frame (long done on the GPU), so
/// drawing and readback overlap.
class RenderLoop {
public:
    static constexpr int kRing = AsyncReadback::kSlots;

    RenderLoop(ExportScene& scene, OffscreenTarget& target, AsyncReadback& readback, FrameFlow& flow,
               const std::function<void()>& onFrame)
        : scene_(scene), target_(target), readback_(readback), flow_(flow), onFrame_(onFrame) {}

    /// Draws and queues every frame of the plan in order. False when stopped early (cancel, or the
    /// writer failed).
    bool run(const ExportPlan& plan) {
        Stages& stages = flow_.stages;
        bool stopped = false;
        std::deque<int> pending; // frames whose readback has started, oldest first
        for (int i = 0; i < plan.frameCount() && !stopped; ++i) {
            if (flow_.progress.cancel || flow_.writerFailed) {
                stopped = true;
                break;
            }
            const double t0 = nowSeconds();
            const ExportFrame f = plan.frame(i);
            target_.bindForDrawing();
            scene_.draw(f);
            const double t1 = nowSeconds();
            stages.draw += t1 - t0;
            target_.resolve();
            if (readback_.direct()) { // software rendering: one copy, straight into the pool
                if (!readDirect(i)) stopped = true;
                stages.readback += nowSeconds() - t1;
                continue;
            }
            readback_.start(i % kRing);
            stages.readback += nowSeconds() - t1;
            pending.push_back(i);
            if (static_cast<int>(pending.size()) == kRing) {
                if (!drain(pending.front())) stopped = true;
                pending.pop_front();
            }
        }
        while (!stopped && !pending.empty()) {
            if (flow_.progress.cancel) {
                stopped = true;
                break;
            }
            if (!drain(pending.front())) stopped = true;
            pending.pop_front();
        }
        gl::checkErrors("export frames");
        return !stopped;
    }

private:
    ExportScene& scene_;
    OffscreenTarget& target_;
    AsyncReadback& readback_;
    FrameFlow& flow_;
    const std::function<void()>& onFrame_;

    /// Reads frame j straight into a pooled buffer (rows bottom first) and queues it for the writer.
    /// False when the writer has failed.
    bool readDirect(int j) {
        const double t0 = nowSeconds();
        const int b = flow_.pool.acquire(); // blocks while the writer is behind: memory stays bounded
        flow_.stages.backpressure += nowSeconds() - t0;
        if (b < 0) return false;
        readback_.readInto(flow_.pool[b].data());
        flow_.queue.push({j, b, RowOrder::BottomFirst});
        ++flow_.progress.rendered;
        if (onFrame_) onFrame_();
        return true;
    }

    /// Maps the PBO holding frame j, copies it (flipped: GL rows start at the bottom) into a pooled
    /// buffer and queues it for the writer. False when the writer has failed.
    bool drain(int j) {
        Stages& stages = flow_.stages;
        const int slot = j % kRing;
        double t0 = nowSeconds();
        readback_.wait(slot);
        const double t1 = nowSeconds();
        stages.fence += t1 - t0;
        const int b = flow_.pool.acquire(); // blocks while the writer is behind: memory stays bounded
        t0 = nowSeconds();
        stages.backpressure += t0 - t1;
        if (b < 0) return false;
        readback_.copyFlipped(slot, flow_.pool[b].data());
        stages.copy += nowSeconds() - t0;
        flow_.queue.push({j, b, RowOrder::TopFirst});
        ++flow_.progress.rendered;
        if (onFrame_) onFrame_();
        return true;
    }
};

SinkSettings sinkSettings(const ExportSettings& s, const ExportPlan& plan) {
    SinkSettings ss;
    ss.format = s.format;
    ss.quality = s.quality;
    ss.width = s.width;
    ss.height = s.height;
    ss.fps = s.fps;
    ss.transparent = s.transparent;
    ss.output = s.output;
    ss.ffmpeg = s.ffmpeg;
    ss.frames = plan.frameCount();
    ss.audio = s.audio;
    ss.chapters = ffmetadataChapters(plan.chapters(), plan.frameCount(), s.fps);
    return ss;
}

/// Sets up GL (context, scene, target, readback), then the sink (so a GL failure never spawns ffmpeg),
/// and runs the writer thread beside the render loop until every frame is sent or the export stops.
/// `sink` is set as soon as it exists so the caller can abort it; `rendererName` describes the GL
/// renderer. Throws std::runtime_error (GL set-up, encoder start, a GL error).
RenderOutcome renderAndWrite(const ExportSettings& s, const std::shared_ptr<const Scenario>& scenario,
                             const ExportPlan& plan, ExportProgress& progress,
                             const std::function<void()>& onFrame, std::vector<std::uint64_t>& hashes,
                             Stages& stages, std::unique_ptr<FrameSink>& sink, std::string& rendererName) {
    // GL objects must die before the context: it is declared first, so it is destroyed last.
    HeadlessContext context;
    rendererName = context.description();
    ExportScene scene(s, scenario);
    OffscreenTarget target(s.width, s.height, s.samples());
    AsyncReadback readback(target);
    sink = makeFrameSink(sinkSettings(s, plan));

    const std::size_t frameBytes = static_cast<std::size_t>(s.width) * static_cast<std::size_t>(s.height) * 4;
    FrameFlow flow(frameBytes, *sink, hashes, stages, progress);
    flow.rowBytes = static_cast<std::size_t>(s.width) * 4;
    std::thread writer([&] { writeFrames(flow); });
    bool complete = false;
    try {
        complete = RenderLoop(scene, target, readback, flow, onFrame).run(plan);
    } catch (...) {
        flow.abort();
        writer.join();
        throw;
    }
    if (complete)
        flow.queue.close(); // the writer finishes the queued frames
    else
        flow.abort();
    writer.join();
    return {!complete, flow.writerFailed, flow.writerError};
}

// ---------------------------------------------------------------------------------------------------
// Completing the outputs

/// A file written beside the video (captions, manifest): complete and fsynced under a temporary name
/// (core/output_file.h) before the video is completed, renamed after it, so a failure anywhere leaves
/// none of them under a final name and no temporary file.
struct Sidecar {
    std::string path, text;
};

/// Writes the sidecars' temporary files, completes the video (the encoder exits), then renames the
/// sidecars. False with result.message on failure, having removed the temporary files; result.written
/// lists what now exists under a final name.
bool commitOutputs(const ExportSettings& s, FrameSink& sink, const std::vector<Sidecar>& sidecars,
                   ExportResult& result) {
    std::vector<std::unique_ptr<AtomicFile>> files; // destroyed on any early return: temporaries removed
    for (const Sidecar& c : sidecars) {
        files.push_back(std::make_unique<AtomicFile>(c.path));
        if (!files.back()->write(c.text) || !files.back()->sync()) {
            sink.abort();
            result.message = files.back()->error();
            return false;
        }
    }
    if (!sink.finish()) {
        result.message = sink.error();
        return false;
    }
    result.written.push_back(s.output);
    for (const std::unique_ptr<AtomicFile>& f : files) {
        if (!f->commit()) {
            // All or nothing: the video and the sidecars renamed so far go too (a renaming failure in
            // the same folder is rare: e.g. a folder planted under the sidecar's name).
            std::error_code ec;
            for (const std::string& w : result.written)
                fs::remove_all(w, ec);
            result.written.clear();
            result.message = f->error();
            return false;
        }
        result.written.push_back(f->path());
    }
    return true;
}

/// The summary (frames, wall seconds, frames/s) and where the time went, in ms per frame by stage.
void reportSuccess(ExportResult& result, const Stages& stages, int frames, ExportFormat format) {
    result.status = ExportResult::Status::Ok;
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
                  format == ExportFormat::Mp4           ? "YUV+H.264"
                  : format != ExportFormat::PngSequence ? "pipe"
                                                        : "PNG",
                  stages.write * perFrame);
    result.stages = st;
}

/// Checks the settings and makes the plan; null with result.message when either fails. The plan's
/// warnings (tour FILE:LINE) and notes go to result.warnings.
std::unique_ptr<ExportPlan> makePlan(const ExportSettings& s, const std::shared_ptr<const Scenario>& scenario,
                                     ExportResult& result) {
    if (!scenario) {
        result.message = "no scenario";
        return nullptr;
    }
    if (std::string why = validateExportSettings(s); !why.empty()) {
        result.message = why;
        return nullptr;
    }
    std::unique_ptr<ExportPlan> plan;
    try {
        plan = std::make_unique<ExportPlan>(s, scenario);
    } catch (const std::exception& e) {
        result.message = e.what();
        return nullptr;
    }
    for (const Diagnostic& d : plan->warnings())
        result.warnings.push_back(formatDiagnostic(d));
    for (const std::string& n : plan->notes())
        result.warnings.push_back(n);
    // The narration is probed before anything is drawn: a bad file fails now, not after the last frame.
    if (!s.audio.empty())
        if (std::string why = checkNarration(s.audio, s.ffmpeg); !why.empty()) {
            result.message = why;
            return nullptr;
        }
    return plan;
}

} // namespace

ExportResult runExport(const ExportSettings& s, std::shared_ptr<const Scenario> scenario,
                       ExportProgress& progress, const std::function<void()>& onFrame) {
    ExportResult result;
    const auto wallStart = std::chrono::steady_clock::now();
    // Wall seconds since the start, for the report only.
    auto finished = [&]() -> ExportResult& {
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
        return result;
    };
    const std::unique_ptr<ExportPlan> plan = makePlan(s, scenario, result);
    if (!plan) return result;
    const int frames = plan->frameCount();
    progress.total = frames;
    progress.rendered = 0;
    progress.written = 0;
    progress.finishing = false;

    std::vector<std::uint64_t> hashes;
    if (!s.manifestPath.empty()) hashes.assign(static_cast<std::size_t>(frames), 0);
    Stages stages;
    std::unique_ptr<FrameSink> sink;
    RenderOutcome outcome;
    try {
        outcome =
            renderAndWrite(s, scenario, *plan, progress, onFrame, hashes, stages, sink, result.renderer);
    } catch (const std::exception& e) {
        if (sink) sink->abort();
        result.message = e.what();
        return finished();
    }

    result.frames = progress.written;
    if (outcome.writerFailed) {
        sink->abort();
        result.message = outcome.writerError.empty() ? "the encoder failed" : outcome.writerError;
        return finished();
    }
    if (progress.cancel || outcome.stopped) {
        sink->abort();
        result.status = ExportResult::Status::Cancelled;
        result.message = "export cancelled after " + std::to_string(progress.written) + " of " +
                         std::to_string(frames) + " frames; nothing was written";
        return finished();
    }
    progress.finishing = true;
    std::vector<Sidecar> sidecars;
    if (s.overlay.captions)
        sidecars.push_back({captionsPath(s.output, s.format), webVtt(plan->captionCues(), s.fps)});
    if (!s.manifestPath.empty())
        sidecars.push_back({s.manifestPath, manifestJson(s, *scenario, result.renderer, hashes, *plan)});
    if (!commitOutputs(s, *sink, sidecars, result)) return finished();
    finished();
    reportSuccess(result, stages, frames, s.format);
    return result;
}

} // namespace buildout
