// ffmpeg as a child process, RGBA -> YUV 4:2:0 conversion, and the MP4 / ProRes / PNG-folder sinks.
#include "app/export/video_encoder.h"

#include "core/image.h"
#include "core/output_file.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <regex>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace buildout {

namespace fs = std::filesystem;

const char* exportFormatName(ExportFormat f) {
    switch (f) {
    case ExportFormat::Mp4:
        return "MP4 (H.264)";
    case ExportFormat::PngSequence:
        return "PNG sequence";
    case ExportFormat::ProRes:
        return "ProRes 4444 (alpha)";
    }
    return "?";
}

// ---------------------------------------------------------------------------------------------------
// Colour conversion

namespace {

// BT.709 limited range in 16.16 fixed point: Y = 16 + 219/255 (Kr R + Kg G + Kb B), chroma scaled to
// 224/255 of the (B - Y') and (R - Y') differences.
constexpr double kKr = 0.2126, kKb = 0.0722, kKg = 1.0 - kKr - kKb;
constexpr int fx(double v) {
    return static_cast<int>(v * 65536.0 + (v >= 0 ? 0.5 : -0.5));
}
constexpr double kYs = 219.0 / 255.0, kCs = 224.0 / 255.0;
constexpr int kYR = fx(kKr * kYs), kYG = fx(kKg * kYs), kYB = fx(kKb * kYs);
constexpr double kCbDen = 2.0 * (1.0 - kKb), kCrDen = 2.0 * (1.0 - kKr);
constexpr int kUR = fx(-kKr / kCbDen * kCs), kUG = fx(-kKg / kCbDen * kCs),
              kUB = fx((1.0 - kKb) / kCbDen * kCs);
constexpr int kVR = fx((1.0 - kKr) / kCrDen * kCs), kVG = fx(-kKg / kCrDen * kCs),
              kVB = fx(-kKb / kCrDen * kCs);

inline std::uint8_t luma(const std::uint8_t* p) {
    return static_cast<std::uint8_t>((kYR * p[0] + kYG * p[1] + kYB * p[2] + (16 << 16) + (1 << 15)) >> 16);
}

} // namespace

void rgbaToYuv420(const std::uint8_t* rgba, int width, int height, std::uint8_t* yuv) {
    const std::size_t w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
    std::uint8_t* Y = yuv;
    std::uint8_t* U = yuv + w * h;
    std::uint8_t* V = U + (w / 2) * (h / 2);
    for (std::size_t y = 0; y < h; y += 2) {
        const std::uint8_t* r0 = rgba + y * w * 4;
        const std::uint8_t* r1 = r0 + w * 4;
        std::uint8_t* y0 = Y + y * w;
        std::uint8_t* y1 = y0 + w;
        for (std::size_t x = 0; x < w; ++x) {
            y0[x] = luma(r0 + x * 4);
            y1[x] = luma(r1 + x * 4);
        }
        std::uint8_t* u = U + (y / 2) * (w / 2);
        std::uint8_t* v = V + (y / 2) * (w / 2);
        for (std::size_t x = 0; x < w / 2; ++x) {
            const std::uint8_t* a = r0 + x * 8;
            const std::uint8_t* b = r1 + x * 8;
            const int R = a[0] + a[4] + b[0] + b[4];
            const int G = a[1] + a[5] + b[1] + b[5];
            const int B = a[2] + a[6] + b[2] + b[6];
            // Sums of four pixels: shift by 2 more bits.
            u[x] = static_cast<std::uint8_t>((kUR * R + kUG * G + kUB * B + (128 << 18) + (1 << 17)) >> 18);
            v[x] = static_cast<std::uint8_t>((kVR * R + kVG * G + kVB * B + (128 << 18) + (1 << 17)) >> 18);
        }
    }
}

void unpremultiply(std::uint8_t* p, std::size_t pixels) {
    for (std::size_t i = 0; i < pixels; ++i, p += 4) {
        const unsigned a = p[3];
        if (a == 255) continue;
        if (a == 0) {
            p[0] = p[1] = p[2] = 0;
            continue;
        }
        for (int c = 0; c < 3; ++c)
            p[c] = static_cast<std::uint8_t>(std::min(255u, (p[c] * 255u + a / 2) / a));
    }
}

// ---------------------------------------------------------------------------------------------------
// Child process

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
    if (argv.empty()) throw std::runtime_error("no program to run");
    program_ = argv[0];
    // Writing to a child that has exited must fail with EPIPE, not kill this process.
    std::signal(SIGPIPE, SIG_IGN);
    int in[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
    if (::pipe2(err, O_CLOEXEC) != 0) {
        ::close(in[0]);
        ::close(in[1]);
        throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Own process group: Ctrl-C in the terminal reaches only buildout, which then stops the child.
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t def, mask;
    sigemptyset(&def);
    for (int s : {SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP})
        sigaddset(&def, s);
    sigemptyset(&mask);
    posix_spawnattr_setsigdefault(&attr, &def);
    posix_spawnattr_setsigmask(&attr, &mask);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = ::posix_spawnp(&pid_, argv[0].c_str(), &fa, &attr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    ::close(in[0]);
    ::close(err[1]);
    if (rc != 0) {
        ::close(in[1]);
        ::close(err[0]);
        pid_ = -1;
        throw std::runtime_error(
            "cannot run the encoder '" + argv[0] + "': " + std::strerror(rc) +
            " (install ffmpeg, e.g. `apt install ffmpeg`, or set $BUILDOUT_FFMPEG to its path)");
    }
    stdin_ = in[1];
    stderr_ = err[0];
#ifdef F_SETPIPE_SZ
    // A larger pipe lets the encoder take a whole chunk of a frame per wake-up (best effort).
    (void)::fcntl(stdin_, F_SETPIPE_SZ, 1 << 20);
#endif
    errReader_ = std::thread([this] {
        char buf[4096];
        while (true) {
            const ssize_t n = ::read(stderr_, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            errTail_.append(buf, static_cast<std::size_t>(n));
            if (errTail_.size() > 16384) errTail_.erase(0, errTail_.size() - 8192);
        }
    });
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0) kill();
    if (errReader_.joinable()) errReader_.join();
    if (stdin_ >= 0) ::close(stdin_);
    if (stderr_ >= 0) ::close(stderr_);
}

bool ChildProcess::write(const void* data, std::size_t size) {
    if (stdin_ < 0) return false;
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(stdin_, p, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            writeErrno_ = errno;
            return false;
        }
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

void ChildProcess::reap(int& status) {
    if (stdin_ >= 0) {
        ::close(stdin_);
        stdin_ = -1;
    }
    status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    if (errReader_.joinable()) errReader_.join();
}

bool ChildProcess::finish(std::string& why) {
    if (pid_ <= 0) {
        why = "the encoder is not running";
        return false;
    }
    int status = 0;
    reap(status);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
    const std::string name = fs::path(program_).filename().string();
    if (WIFSIGNALED(status))
        why = name + " was killed by signal " + std::to_string(WTERMSIG(status));
    else
        why = name + " exited with status " + std::to_string(WEXITSTATUS(status));
    // The last non-empty lines of its stderr say why.
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < errTail_.size()) {
        std::size_t end = errTail_.find('\n', start);
        if (end == std::string::npos) end = errTail_.size();
        std::string l = errTail_.substr(start, end - start);
        while (!l.empty() && (l.back() == '\r' || l.back() == ' '))
            l.pop_back();
        if (!l.empty()) lines.push_back(l);
        start = end + 1;
    }
    const std::size_t from = lines.size() > 3 ? lines.size() - 3 : 0;
    for (std::size_t i = from; i < lines.size(); ++i)
        why += (i == from ? ": " : " / ") + lines[i];
    return false;
}

void ChildProcess::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    reap(status);
}

std::string ChildProcess::errorOutput() const {
    return errTail_;
}

// ---------------------------------------------------------------------------------------------------
// Sinks

std::string partialPath(const std::string& output, ExportFormat format) {
    if (format == ExportFormat::PngSequence) return output + ".partial";
    const fs::path p(output);
    fs::path tmp = p;
    tmp.replace_filename(p.stem().string() + ".partial" + p.extension().string());
    return tmp.string();
}

const char* ffmpegInputPixelFormat(ExportFormat f) {
    return f == ExportFormat::ProRes ? "rgba" : "yuv420p";
}

std::vector<std::string> ffmpegArgs(const SinkSettings& s, const std::string& out) {
    const std::string size = std::to_string(s.width) + "x" + std::to_string(s.height);
    std::vector<std::string> a = {s.ffmpeg,      "-hide_banner",
                                  "-nostats",    "-loglevel",
                                  "error",       "-y",
                                  "-f",          "rawvideo",
                                  "-pix_fmt",    ffmpegInputPixelFormat(s.format),
                                  "-video_size", size,
                                  "-framerate",  std::to_string(s.fps),
                                  "-i",          "pipe:0",
                                  "-an"};
    const std::vector<std::string> tags = {"-color_range",     "tv",    "-colorspace", "bt709",
                                           "-color_primaries", "bt709", "-color_trc",  "bt709"};
    if (s.format == ExportFormat::ProRes) {
        // RGBA in; ProRes 4444 with a 16-bit alpha channel out (straight alpha, BT.709 matrix).
        a.insert(a.end(),
                 {"-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuva444p10le", "-c:v", "prores_ks",
                  "-profile:v", "4444", "-pix_fmt", "yuva444p10le", "-alpha_bits", "16", "-vendor", "apl0"});
        a.insert(a.end(), tags.begin(), tags.end());
        a.insert(a.end(), {"-f", "mov", out});
    } else {
        // Frames arrive as BT.709 limited-range YUV 4:2:0 already: no conversion inside ffmpeg.
        const bool high = s.quality == ExportQuality::High;
        a.insert(a.end(), {"-c:v", "libx264", "-preset", high ? "slow" : "veryfast", "-crf",
                           high ? "18" : "23", "-pix_fmt", "yuv420p", "-g", std::to_string(2 * s.fps)});
        a.insert(a.end(), tags.begin(), tags.end());
        a.insert(a.end(), {"-movflags", "+faststart", "-f", "mp4", out});
    }
    return a;
}

namespace {

/// The lines of ffmpeg's stderr that report a failed write or close, joined by " / "; empty when none.
std::string writeErrors(const std::string& err) {
    std::string out;
    std::size_t start = 0;
    while (start < err.size()) {
        std::size_t end = err.find('\n', start);
        if (end == std::string::npos) end = err.size();
        const std::string line = err.substr(start, end - start);
        if (line.find("Error writing") != std::string::npos ||
            line.find("Error closing") != std::string::npos)
            out += (out.empty() ? "ffmpeg: " : " / ") + line;
        start = end + 1;
    }
    return out;
}

/// Checks that an MP4/MOV file is whole: its top-level boxes (32-bit size, type; size 1: 64-bit size
/// follows; size 0: to the end) tile the file exactly and include the index (moov) and the media (mdat).
/// Empty when whole, else what is wrong.
std::string checkMovStructure(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return "cannot read '" + path + "': " + std::strerror(errno);
    std::error_code ec;
    const std::uint64_t size = fs::file_size(path, ec);
    std::uint64_t at = 0;
    bool moov = false, mdat = false, whole = true;
    while (at < size) {
        unsigned char h[16];
        if (std::fseek(f, static_cast<long>(at), SEEK_SET) != 0 || std::fread(h, 1, 8, f) != 8) {
            whole = false;
            break;
        }
        std::uint64_t box =
            (std::uint64_t(h[0]) << 24) | (std::uint64_t(h[1]) << 16) | (std::uint64_t(h[2]) << 8) | h[3];
        if (box == 1) {
            if (std::fread(h + 8, 1, 8, f) != 8) {
                whole = false;
                break;
            }
            box = 0;
            for (int i = 8; i < 16; ++i)
                box = (box << 8) | h[i];
        } else if (box == 0) {
            box = size - at;
        }
        const std::string type(reinterpret_cast<const char*>(h + 4), 4);
        moov = moov || type == "moov";
        mdat = mdat || type == "mdat";
        if (box < 8 || box > size - at) {
            whole = false;
            break;
        }
        at += box;
    }
    std::fclose(f);
    if (whole && moov && mdat) return {};
    return "the encoder's output '" + path + "' is incomplete (disk full?)";
}

class FfmpegSink : public FrameSink {
public:
    explicit FfmpegSink(const SinkSettings& s) : s_(s), tmp_(partialPath(s.output, s.format)) {
        std::error_code ec;
        fs::remove(tmp_, ec); // a leftover of an earlier crash
        if (s.format == ExportFormat::Mp4) yuv_.resize(static_cast<std::size_t>(s.width) * s.height * 3 / 2);
        child_ = std::make_unique<ChildProcess>(ffmpegArgs(s, tmp_));
    }
    ~FfmpegSink() override { abort(); }

    bool write(std::uint8_t* rgba) override {
        if (!child_) return false;
        bool ok;
        if (s_.format == ExportFormat::Mp4) {
            rgbaToYuv420(rgba, s_.width, s_.height, yuv_.data());
            ok = child_->write(yuv_.data(), yuv_.size());
        } else {
            if (s_.transparent) unpremultiply(rgba, static_cast<std::size_t>(s_.width) * s_.height);
            ok = child_->write(rgba, static_cast<std::size_t>(s_.width) * s_.height * 4);
        }
        if (!ok) {
            // The encoder stopped taking frames: say why (its exit status and last words).
            std::string why;
            if (child_->finish(why)) why = "the encoder closed its input early";
            child_.reset();
            error_ = "encoding failed: " + why;
            removeTemp();
        }
        ++frames_;
        return ok;
    }

    bool finish() override {
        if (!child_) return false;
        std::string why;
        bool ok = child_->finish(why);
        // ffmpeg 5 exits 0 when writing the trailer fails (a full disk at the end): it says so on stderr
        // ("Error writing trailer of ...: No space left on device"), and the file lacks its index.
        if (ok) why = writeErrors(child_->errorOutput());
        if (ok && why.empty()) why = checkMovStructure(tmp_);
        if (!why.empty()) ok = false;
        child_.reset();
        if (!ok) {
            error_ = "encoding failed: " + why;
            removeTemp();
            return false;
        }
        std::error_code ec;
        if (!fs::is_regular_file(tmp_, ec) || fs::file_size(tmp_, ec) == 0) {
            error_ = "the encoder wrote no output ('" + tmp_ + "' is missing or empty)";
            removeTemp();
            return false;
        }
        // ffmpeg closed the file; its data reaches the disk before the name does.
        if (!syncTemporary(why) || !renameDurably(tmp_, s_.output, &why)) {
            error_ = why;
            removeTemp();
            return false;
        }
        return true;
    }

    void abort() override {
        if (child_) {
            child_->kill();
            child_.reset();
        }
        removeTemp();
    }

    std::string temporaryPath() const override { return tmp_; }

private:
    void removeTemp() {
        std::error_code ec;
        fs::remove(tmp_, ec);
    }
    /// fsync of the finished temporary file; `why` names the final file.
    bool syncTemporary(std::string& why) const {
        const int fd = ::open(tmp_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            why = cannotWrite(s_.output, errno);
            return false;
        }
        const int err = ::fsync(fd) == 0 || errno == EINVAL ? 0 : errno;
        ::close(fd);
        if (err) why = cannotWrite(s_.output, err);
        return err == 0;
    }
    SinkSettings s_;
    std::string tmp_;
    std::unique_ptr<ChildProcess> child_;
    std::vector<std::uint8_t> yuv_;
    long frames_ = 0;
};

const std::regex kFrameName(R"(frame_[0-9]{6,}\.png)");

class PngSequenceSink : public FrameSink {
public:
    explicit PngSequenceSink(const SinkSettings& s) : s_(s), tmp_(partialPath(s.output, s.format)) {
        checkReplaceable(s.output);
        std::error_code ec;
        fs::remove_all(tmp_, ec);
        fs::create_directory(tmp_, ec);
        if (ec) throw std::runtime_error("cannot create the folder '" + tmp_ + "': " + ec.message());
        image_.width = s.width;
        image_.height = s.height;
    }
    ~PngSequenceSink() override {
        if (!done_) abort();
    }

    /// The final folder may be replaced only when it is empty or holds nothing but frame PNGs.
    static void checkReplaceable(const std::string& out) {
        std::error_code ec;
        if (!fs::exists(out, ec)) return;
        if (!fs::is_directory(out, ec))
            throw std::runtime_error("output '" + out +
                                     "' exists and is not a folder (a PNG sequence is written as a folder)");
        for (const auto& e : fs::directory_iterator(out, ec))
            if (!std::regex_match(e.path().filename().string(), kFrameName))
                throw std::runtime_error("output folder '" + out + "' holds other files than frame PNGs ('" +
                                         e.path().filename().string() + "'); choose a new or empty folder");
    }

    bool write(std::uint8_t* rgba) override {
        const std::size_t bytes = static_cast<std::size_t>(s_.width) * s_.height * 4;
        if (s_.transparent) unpremultiply(rgba, bytes / 4);
        image_.rgba.assign(rgba, rgba + bytes);
        char name[32];
        std::snprintf(name, sizeof name, "frame_%06ld.png", frames_);
        std::string why;
        if (!writePng(image_, (fs::path(tmp_) / name).string(), &why)) {
            error_ = why;
            abort();
            return false;
        }
        ++frames_;
        return true;
    }

    bool finish() override {
        done_ = true;
        std::error_code ec;
        try {
            checkReplaceable(s_.output);
        } catch (const std::exception& e) {
            error_ = e.what();
            fs::remove_all(tmp_, ec);
            return false;
        }
        // Every frame was fsynced when written (writePng); the folder's entries now, then the rename.
        // An earlier folder of frames is moved aside first and removed only once the new one is in
        // place, so a failure keeps it.
        std::string why;
        if (!syncFolder(tmp_, &why)) return failFinish(why);
        const std::string old = tmp_ + "-old";
        fs::remove_all(old, ec);
        const bool hadOld = fs::exists(s_.output, ec);
        if (hadOld && ::rename(s_.output.c_str(), old.c_str()) != 0)
            return failFinish(cannotWrite(s_.output, errno));
        if (!renameDurably(tmp_, s_.output, &why)) {
            if (hadOld) (void)::rename(old.c_str(), s_.output.c_str());
            return failFinish(why);
        }
        if (hadOld) fs::remove_all(old, ec);
        return true;
    }

    bool failFinish(const std::string& why) {
        error_ = why;
        std::error_code ec;
        fs::remove_all(tmp_, ec);
        return false;
    }

    void abort() override {
        done_ = true;
        std::error_code ec;
        fs::remove_all(tmp_, ec);
    }

    std::string temporaryPath() const override { return tmp_; }

private:
    SinkSettings s_;
    std::string tmp_;
    Image image_;
    long frames_ = 0;
    bool done_ = false;
};

} // namespace

std::unique_ptr<FrameSink> makeFrameSink(const SinkSettings& s) {
    if (s.format == ExportFormat::PngSequence) return std::make_unique<PngSequenceSink>(s);
    return std::make_unique<FfmpegSink>(s);
}

} // namespace buildout
