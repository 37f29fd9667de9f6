// The export engine shared by `buildout render` and the GUI's Export dialog.
//
// runExport() runs on the calling thread, which becomes the render thread: it creates its own headless
// EGL context and renderer (so the GUI keeps its own context and stays responsive). Three stages overlap:
//   render thread   draws frame i, resolves MSAA, starts an asynchronous glReadPixels into a pixel-buffer
//                   object of a ring of 3, and maps the PBO of frame i-2 (long done) into a pooled buffer;
//   writer thread   hashes the frame (manifest), converts RGBA to YUV 4:2:0 (MP4) and writes it to
//                   ffmpeg's stdin (or a PNG file);
//   ffmpeg          encodes, in its own process.
// A pool of 4 frame buffers bounds memory whatever the length. Output goes to a temporary name and is
// renamed only when ffmpeg exited 0; cancel or any failure removes it.
#pragma once

#include "app/export/export_plan.h"
#include "app/export/video_encoder.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace buildout {

struct ExportProgress {
    std::atomic<int> total{0};
    std::atomic<int> rendered{0}; ///< frames read back from the GPU
    std::atomic<int> written{0};  ///< frames handed to the encoder
    std::atomic<bool> cancel{false};
    std::atomic<bool> finishing{false}; ///< all frames sent; the encoder is completing the file
};

struct ExportResult {
    enum class Status { Ok, Cancelled, Failed };
    Status status = Status::Failed;
    std::string message;               ///< why it failed, or a summary
    std::vector<std::string> written;  ///< files written (video or folder, sidecars)
    std::vector<std::string> warnings; ///< tour warnings (FILE:LINE) and notes on the settings
    int frames = 0;
    double seconds = 0; ///< wall time, for reporting only (never affects a frame)
    std::string renderer;
    std::string stages; ///< where the time went, ms per frame by stage (reporting only)
};

/// Runs the whole export. Never throws: problems come back as Status::Failed with a message. `onFrame`
/// (optional) is called on the render thread after each frame is read back (for progress display).
ExportResult runExport(const ExportSettings& settings, std::shared_ptr<const Scenario> scenario,
                       ExportProgress& progress, const std::function<void()>& onFrame = {});

/// The sidecar caption file of an output: `talk.mp4` -> `talk.vtt`, a PNG folder `frames` -> `frames.vtt`.
std::string captionsPath(const std::string& output, ExportFormat format);

} // namespace buildout
