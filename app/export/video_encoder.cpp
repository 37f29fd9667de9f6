// ffmpeg as a child process, RGBA -> YUV 4:2:0 conversion, and the MP4 / ProRes / PNG-folder sinks.
#include "app/export/video_encoder.h"

#include "app/export/h264_encoder.h"
#include "app/export/yuv_converter.h"
#include "core/image.h"
#include "core/output_file.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
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
    case ExportFormat::Gif:
        return "animated GIF";
    case ExportFormat::WebP:
        return "animated WebP";
    }
    return "?";
}

// ---------------------------------------------------------------------------------------------------
// Colour conversion (libswscale: app/export/yuv_converter.h)

void rgbaToYuv420(const std::uint8_t* rgba, int width, int height, std::uint8_t* yuv) {
    YuvConverter(width, height, 1).convert(rgba, yuv);
}

void flipRows(std::uint8_t* rgba, int width, int height) {
    const std::size_t stride = static_cast<std::size_t>(width) * 4;
    std::vector<std::uint8_t> row(stride);
    for (int top = 0, bottom = height - 1; top < bottom; ++top, --bottom) {
        std::uint8_t* a = rgba + static_cast<std::size_t>(top) * stride;
        std::uint8_t* b = rgba + static_cast<std::size_t>(bottom) * stride;
        std::memcpy(row.data(), a, stride);
        std::memcpy(a, b, stride);
        std::memcpy(b, row.data(), stride);
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
    return f == ExportFormat::Mp4 ? "" : "rgba";
}

std::vector<std::string> ffmpegArgs(const SinkSettings& s, const std::string& out) {
    const std::string size = std::to_string(s.width) + "x" + std::to_string(s.height);
    std::vector<std::string> a = {s.ffmpeg, "-hide_banner", "-nostats", "-loglevel", "error", "-y"};
    if (s.format == ExportFormat::Mp4) // H.264 already encoded, in NUT (app/export/h264_encoder.h)
        a.insert(a.end(), {"-f", "nut", "-i", "pipe:0"});
    else
        a.insert(a.end(), {"-f", "rawvideo", "-pix_fmt", ffmpegInputPixelFormat(s.format), "-video_size",
                           size, "-framerate", std::to_string(s.fps), "-i", "pipe:0"});
    // Extra inputs: the narration (input 1) and the chapters as an FFMETADATA file (the last input).
    int nextInput = 1;
    const int audioInput = s.audio.empty() ? -1 : nextInput++;
    const int chapterInput = s.chaptersFile.empty() ? -1 : nextInput++;
    if (audioInput > 0) a.insert(a.end(), {"-i", s.audio});
    if (chapterInput > 0) a.insert(a.end(), {"-f", "ffmetadata", "-i", s.chaptersFile});
    a.insert(a.end(), {"-map", "0:v:0"});
    if (audioInput > 0) {
        // Aligned to frame 0, padded with silence and cut to the video's exact length (frames / fps).
        char seconds[48];
        std::snprintf(seconds, sizeof seconds, "%.6f", static_cast<double>(s.frames) / std::max(s.fps, 1));
        const std::string filter = std::string("apad=whole_dur=") + seconds + ",atrim=duration=" + seconds;
        a.insert(a.end(), {"-map", std::to_string(audioInput) + ":a:0", "-af", filter, "-ar", "48000"});
        if (s.format == ExportFormat::ProRes)
            a.insert(a.end(), {"-c:a", "pcm_s16le"}); // MOV: uncompressed, as editors expect
        else
            a.insert(a.end(), {"-c:a", "aac", "-b:a", "192k"});
    } else {
        a.push_back("-an");
    }
    // Chapters only from our metadata file (never from the narration's own tags).
    a.insert(a.end(), {"-map_chapters", std::to_string(chapterInput)});
    const std::vector<std::string> tags = {"-color_range",     "tv",    "-colorspace", "bt709",
                                           "-color_primaries", "bt709", "-color_trc",  "bt709"};
    if (s.format == ExportFormat::ProRes) {
        // RGBA in; ProRes 4444 with a 16-bit alpha channel out (straight alpha, BT.709 matrix).
        a.insert(a.end(),
                 {"-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuva444p10le", "-c:v", "prores_ks",
                  "-profile:v", "4444", "-pix_fmt", "yuva444p10le", "-alpha_bits", "16", "-vendor", "apl0"});
        a.insert(a.end(), tags.begin(), tags.end());
        a.insert(a.end(), {"-f", "mov", out});
    } else if (s.format == ExportFormat::Gif) {
        // One palette for the whole clip, built from what changes between frames (stats_mode=diff), then
        // ordered dithering (stable from frame to frame, unlike error diffusion, so the GIF does not shimmer)
        // applied only to the changed rectangle. Loops forever.
        a.insert(a.end(), {"-vf",
                           "split[a][b];[a]palettegen=max_colors=256:stats_mode=diff[p];"
                           "[b][p]paletteuse=dither=bayer:bayer_scale=4:diff_mode=rectangle",
                           "-loop", "0", "-f", "gif", out});
    } else if (s.format == ExportFormat::WebP) {
        // Lossy animated WebP with alpha kept when the frames are transparent; loops forever.
        const bool high = s.quality == ExportQuality::High;
        a.insert(a.end(),
                 {"-c:v", "libwebp_anim", "-lossless", "0", "-quality", high ? "90" : "75", "-pix_fmt",
                  s.transparent ? "yuva420p" : "yuv420p", "-loop", "0", "-f", "webp", out});
    } else {
        // The packets are copied as they are (encoded in this process with h264EncoderOptions); the
        // tags are the container's copy of what the stream itself says.
        a.insert(a.end(), {"-c:v", "copy"});
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
        if (s.format == ExportFormat::Mp4)
            encoder_ = std::make_unique<H264Encoder>(s.width, s.height, s.fps, s.quality,
                                                     [this](const std::uint8_t* data, std::size_t size) {
                                                         return child_ && child_->write(data, size);
                                                     });
        if (!s.chapters.empty()) writeChapters();
        child_ = std::make_unique<ChildProcess>(ffmpegArgs(s_, tmp_));
    }
    ~FfmpegSink() override { abort(); }

    bool write(std::uint8_t* rgba, RowOrder rows) override {
        if (!child_) return false;
        bool ok;
        if (encoder_) {
            ok = encoder_->encode(rgba, rows == RowOrder::BottomFirst);
        } else {
            if (rows == RowOrder::BottomFirst) flipRows(rgba, s_.width, s_.height);
            if (s_.transparent) unpremultiply(rgba, static_cast<std::size_t>(s_.width) * s_.height);
            ok = child_->write(rgba, static_cast<std::size_t>(s_.width) * s_.height * 4);
        }
        if (!ok) fail(encoder_ ? encoder_->error() : std::string());
        ++frames_;
        return ok;
    }

    bool finish() override {
        if (!child_) return false;
        if (encoder_ && !encoder_->finish()) {
            fail(encoder_->error());
            return false;
        }
        std::string why;
        bool ok = child_->finish(why);
        // ffmpeg 5 exits 0 when writing the trailer fails (a full disk at the end): it says so on stderr
        // ("Error writing trailer of ...: No space left on device"), and the file lacks its index.
        if (ok) why = writeErrors(child_->errorOutput());
        // The box check applies to MP4 and MOV only; GIF and WebP rely on ffmpeg's stderr and exit status.
        const bool isoBoxes = s_.format == ExportFormat::Mp4 || s_.format == ExportFormat::ProRes;
        if (ok && why.empty() && isoBoxes) why = checkMovStructure(tmp_);
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
        removeTemp(); // the chapters file (the video has its final name now)
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
    /// Frames could not be handed on: says why, from ffmpeg's exit status and last words when it has
    /// gone, else from the in-process encoder (`encoderError`), and removes the temporary output.
    void fail(const std::string& encoderError) {
        std::string why;
        if (child_->finish(why))
            why = encoderError.empty() || encoderError == "the muxer closed its input"
                      ? "the encoder closed its input early"
                      : encoderError;
        child_.reset();
        error_ = "encoding failed: " + why;
        removeTemp();
    }
    /// The chapters go to ffmpeg as a temporary FFMETADATA file beside the output, removed with the
    /// temporary video (finish, abort or destruction).
    void writeChapters() {
        s_.chaptersFile = tmp_ + ".chapters.txt";
        errno = 0;
        std::ofstream out(s_.chaptersFile, std::ios::binary | std::ios::trunc);
        out << s_.chapters;
        out.flush();
        if (!out) {
            // The stream keeps no error code; errno holds the failed open or write's reason.
            const int err = errno ? errno : EIO;
            out.close();
            removeTemp();
            throw std::runtime_error(cannotWrite(s_.chaptersFile, err));
        }
    }
    void removeTemp() {
        std::error_code ec;
        fs::remove(tmp_, ec);
        if (!s_.chaptersFile.empty()) fs::remove(s_.chaptersFile, ec);
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
    std::unique_ptr<H264Encoder> encoder_; ///< MP4 only: conversion and H.264 in this process
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

    bool write(std::uint8_t* rgba, RowOrder rows) override {
        const std::size_t bytes = static_cast<std::size_t>(s_.width) * s_.height * 4;
        if (rows == RowOrder::BottomFirst) flipRows(rgba, s_.width, s_.height);
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
