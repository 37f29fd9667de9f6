// Where exported frames go: an ffmpeg process (H.264 MP4, ProRes 4444 MOV) fed through a pipe, or a
// folder of PNGs. Every sink writes under a temporary name and moves the result to its final name only
// when everything succeeded, so a cancelled or failed export never leaves a truncated file behind.
//
// ffmpeg is spawned with posix_spawn and an argv (never a shell), in its own process group (so Ctrl-C in
// the terminal reaches only buildout, which then stops it), with its stderr kept for error messages.
// `$BUILDOUT_FFMPEG` names another program (tests use it to simulate a failing encoder).
#pragma once

#include "app/export/export_format.h"

#include <cstdint>
#include <memory>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace buildout {

/// "MP4 (H.264)", "PNG sequence", "ProRes 4444 (alpha)".
const char* exportFormatName(ExportFormat f);

/// RGBA8 (rows top to bottom) to planar YUV 4:2:0, BT.709 limited range, chroma averaged over 2x2
/// pixels (what `-pix_fmt yuv420p -colorspace bt709 -color_range tv` describes). Width and height must
/// be even. `yuv` receives w*h + 2*(w/2)*(h/2) bytes.
void rgbaToYuv420(const std::uint8_t* rgba, int width, int height, std::uint8_t* yuv);
/// Premultiplied RGBA (what the renderer produces over a transparent clear) to straight alpha, in place.
void unpremultiply(std::uint8_t* rgba, std::size_t pixels);
/// Reverses the order of the rows of a `width` x `height` RGBA8 frame, in place.
void flipRows(std::uint8_t* rgba, int width, int height);

/// A spawned program whose stdin we write to.
class ChildProcess {
public:
    /// Starts argv[0] (looked up in PATH when it has no '/'). Throws std::runtime_error with a clear
    /// message when it cannot be started.
    explicit ChildProcess(const std::vector<std::string>& argv);
    ~ChildProcess(); ///< kills and reaps the child if it is still running
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// Writes all bytes to the child's stdin; false when the child has gone (EPIPE) or writing fails.
    bool write(const void* data, std::size_t size);
    /// Closes stdin and waits for the child. Returns true when it exited with status 0; otherwise
    /// `why` says how it ended, with the last lines it printed on stderr.
    bool finish(std::string& why);
    /// Kills the child (SIGKILL) and reaps it.
    void kill();
    /// The last few KiB the child printed on stderr (complete only after finish/kill).
    std::string errorOutput() const;

private:
    pid_t pid_ = -1;
    int stdin_ = -1;
    int stderr_ = -1;
    std::thread errReader_;
    std::string errTail_;
    std::string program_;
    int writeErrno_ = 0;
    void reap(int& status);
};

struct SinkSettings {
    ExportFormat format = ExportFormat::Mp4;
    ExportQuality quality = ExportQuality::Draft;
    int width = 1920, height = 1080, fps = 30;
    bool transparent = false; ///< frames carry premultiplied alpha (ProRes, transparent PNGs)
    std::string output;       ///< the final name (file, or folder for PNGs)
    std::string ffmpeg = "ffmpeg";
    int frames = 0;           ///< frames that will be sent: the audio is cut or padded to frames / fps s
    std::string audio;        ///< narration muxed from frame 0 (any file ffmpeg reads); "" = none
    std::string chapters;     ///< FFMETADATA text of the chapters (MP4/MOV); "" = none
    std::string chaptersFile; ///< where the sink wrote `chapters` for ffmpeg (set by the sink)
};

/// The order of a frame's rows in memory: top row first (images, files), or bottom first (as OpenGL
/// reads them back; the MP4 sink's colour conversion reads such rows upwards at no cost).
enum class RowOrder { TopFirst, BottomFirst };

/// Receives frames in order, from one thread.
class FrameSink {
public:
    virtual ~FrameSink() = default;
    /// Takes one RGBA8 frame with rows in `rows` order (it may be modified, e.g. unpremultiplied or
    /// flipped). False on failure (then error() says why); no more frames should be sent.
    virtual bool write(std::uint8_t* rgba, RowOrder rows) = 0;
    /// Completes the output and moves it to its final name. False on failure (error() says why); the
    /// temporary output is removed either way.
    virtual bool finish() = 0;
    /// Stops and removes the temporary output (cancel or failure elsewhere). Safe to call twice.
    virtual void abort() = 0;
    const std::string& error() const { return error_; }
    /// The temporary name written while the export runs.
    virtual std::string temporaryPath() const = 0;

protected:
    std::string error_;
};

/// The temporary name for an output: `talk.mp4` -> `talk.partial.mp4`, `frames` -> `frames.partial`.
std::string partialPath(const std::string& output, ExportFormat format);
/// The ffmpeg command line used for a sink (argv; the output is the temporary path).
std::vector<std::string> ffmpegArgs(const SinkSettings& s, const std::string& outputPath);
/// The ffmpeg input pixel format the sink sends: "yuv420p" (MP4) or "rgba" (ProRes).
const char* ffmpegInputPixelFormat(ExportFormat f);

/// Creates the sink (spawning ffmpeg for MP4/ProRes). Throws std::runtime_error with a clear message.
std::unique_ptr<FrameSink> makeFrameSink(const SinkSettings& s);

} // namespace buildout
