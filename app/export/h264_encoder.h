// H.264 encoded in this process: libswscale's RGBA -> YUV 4:2:0 straight into the frames of libavcodec's
// libx264 encoder, and the packets written as a NUT stream (FFmpeg's own container, made for pipes: exact
// timestamps, the codec's headers) through a byte callback, which the MP4 sink points at the ffmpeg
// program's stdin. ffmpeg then only copies the packets into the MP4 (with the narration and chapters),
// so a frame crosses the pipe as some kilobytes of H.264 instead of 3 MB of raw YUV, and ffmpeg neither
// reads nor demuxes raw video: on a two-core machine that pipe and its page faults were about a fifth of
// an export's CPU time beside x264 (docs/benchmarks.md, "Export: H.264 in process").
//
// The encoding is what `ffmpeg -c:v libx264 -preset P -crf Q -pix_fmt yuv420p -g 2*fps` with BT.709
// limited-range tags made before: the same library and options, so the same pictures and bitstream
// settings. Needs an FFmpeg whose libavcodec has libx264 (Debian's does).
#pragma once

#include "app/export/export_format.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace buildout {

/// The libx264 options of an export quality, in the order the manifest records them: preset, crf,
/// GOP length (2 s of frames), pixel format and colour tags.
std::vector<std::pair<std::string, std::string>> h264EncoderOptions(ExportQuality quality, int fps);

class H264Encoder {
public:
    /// Receives the NUT stream's bytes in order; returns false when they cannot be written (the reader
    /// has gone), which fails the encode or finish that produced them.
    using ByteSink = std::function<bool(const std::uint8_t* data, std::size_t size)>;

    /// An encoder for `width` x `height` (even) frames at `fps`, writing to `out`. Throws
    /// std::runtime_error with a clear message when libavcodec lacks libx264 or cannot open it.
    H264Encoder(int width, int height, int fps, ExportQuality quality, ByteSink out);
    ~H264Encoder();
    H264Encoder(const H264Encoder&) = delete;
    H264Encoder& operator=(const H264Encoder&) = delete;

    /// Converts and encodes one RGBA8 frame (rows bottom first when `bottomRowFirst`, as OpenGL reads
    /// them) and writes the packets that are ready. False on failure; error() says why.
    bool encode(const std::uint8_t* rgba, bool bottomRowFirst);
    /// Encodes the frames x264 still holds (B-frame and lookahead delay), then writes the stream's end.
    /// False on failure; error() says why.
    bool finish();
    const std::string& error() const { return error_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string error_;
    bool drain();
};

} // namespace buildout
