// libavcodec's libx264 and libavformat's NUT muxer over a byte callback (see h264_encoder.h).
#include "app/export/h264_encoder.h"

#include "app/export/yuv_converter.h"

#include <stdexcept>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libavutil/log.h>
#include <libavutil/mem.h>
#include <libavutil/opt.h>
}

namespace buildout {

namespace {

std::string avError(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return text;
}

/// Bytes of the buffer libavformat fills before it calls the sink (a few frames of draft H.264 at 1080p).
constexpr int kIoBufferBytes = 256 * 1024;

} // namespace

std::vector<std::pair<std::string, std::string>> h264EncoderOptions(ExportQuality quality, int fps) {
    const bool high = quality == ExportQuality::High;
    return {{"codec", "libx264"},        {"preset", high ? "slow" : "veryfast"},
            {"crf", high ? "18" : "23"}, {"g", std::to_string(2 * fps)},
            {"pix_fmt", "yuv420p"},      {"color_range", "tv"},
            {"colorspace", "bt709"},     {"color_primaries", "bt709"},
            {"color_trc", "bt709"}};
}

struct H264Encoder::Impl {
    ByteSink out;
    bool sinkFailed = false;
    AVCodecContext* codec = nullptr;
    AVFormatContext* format = nullptr;
    AVIOContext* io = nullptr;
    AVStream* stream = nullptr;
    AVFrame* frame = nullptr;
    AVPacket* packet = nullptr;
    std::unique_ptr<YuvConverter> converter;
    std::int64_t nextPts = 0;
    bool headerWritten = false;

    ~Impl() {
        av_packet_free(&packet);
        av_frame_free(&frame);
        avcodec_free_context(&codec);
        if (format) avformat_free_context(format);
        if (io) {
            av_freep(&io->buffer);
            avio_context_free(&io);
        }
    }

    // libavformat's write callback (FFmpeg 5.1 signature): the sink's verdict as an AVERROR.
    static int writeBytes(void* opaque, std::uint8_t* data, int size) {
        Impl& self = *static_cast<Impl*>(opaque);
        if (self.sinkFailed) return AVERROR(EPIPE);
        if (size > 0 && !self.out(data, static_cast<std::size_t>(size))) {
            self.sinkFailed = true;
            return AVERROR(EPIPE);
        }
        return size;
    }
};

H264Encoder::H264Encoder(int width, int height, int fps, ExportQuality quality, ByteSink out)
    : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.out = std::move(out);
    // x264's informational lines (CPU capabilities, final statistics) are not ours to print; errors still
    // reach stderr, as with the ffmpeg program's -loglevel error before.
    if (av_log_get_level() > AV_LOG_ERROR) av_log_set_level(AV_LOG_ERROR);

    const AVCodec* x264 = avcodec_find_encoder_by_name("libx264");
    if (!x264)
        throw std::runtime_error("this FFmpeg's libavcodec has no libx264 encoder (Debian's libavcodec59 has "
                                 "it; install libavcodec59 from Debian)");
    m.codec = avcodec_alloc_context3(x264);
    if (!m.codec) throw std::runtime_error("libavcodec: out of memory");
    if (avformat_alloc_output_context2(&m.format, nullptr, "nut", nullptr) < 0 || !m.format)
        throw std::runtime_error("libavformat has no NUT muxer");

    AVCodecContext& c = *m.codec;
    c.width = width;
    c.height = height;
    c.time_base = AVRational{1, fps};
    c.framerate = AVRational{fps, 1};
    c.pix_fmt = AV_PIX_FMT_YUV420P;
    c.color_range = AVCOL_RANGE_MPEG;
    c.colorspace = AVCOL_SPC_BT709;
    c.color_primaries = AVCOL_PRI_BT709;
    c.color_trc = AVCOL_TRC_BT709;
    c.thread_count = 0; // x264's own choice for the machine, as the ffmpeg program made it
    // The codec's headers (SPS/PPS) once, in the stream header, when the container keeps them there:
    // what the MP4 muxer needs for its avcC box, and what encoding straight to MP4 did.
    if (m.format->oformat->flags & AVFMT_GLOBALHEADER) c.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    for (const auto& [key, value] : h264EncoderOptions(quality, fps)) {
        if (key == "preset" || key == "crf") av_opt_set(c.priv_data, key.c_str(), value.c_str(), 0);
        if (key == "g") c.gop_size = std::stoi(value);
    }
    if (const int err = avcodec_open2(m.codec, x264, nullptr); err < 0)
        throw std::runtime_error("libx264 cannot encode " + std::to_string(width) + "x" +
                                 std::to_string(height) + " at " + std::to_string(fps) +
                                 " fps: " + avError(err));

    auto* buffer = static_cast<std::uint8_t*>(av_malloc(kIoBufferBytes));
    if (buffer) m.io = avio_alloc_context(buffer, kIoBufferBytes, 1, &m, nullptr, &Impl::writeBytes, nullptr);
    if (!m.io) {
        av_free(buffer);
        throw std::runtime_error("libavformat: out of memory");
    }
    m.format->pb = m.io;
    m.stream = avformat_new_stream(m.format, nullptr);
    if (!m.stream || avcodec_parameters_from_context(m.stream->codecpar, m.codec) < 0)
        throw std::runtime_error("libavformat: cannot add the video stream");
    m.stream->time_base = c.time_base;
    m.stream->avg_frame_rate = c.framerate;

    m.frame = av_frame_alloc();
    m.packet = av_packet_alloc();
    if (!m.frame || !m.packet) throw std::runtime_error("libavcodec: out of memory");
    m.frame->format = AV_PIX_FMT_YUV420P;
    m.frame->width = width;
    m.frame->height = height;
    m.frame->color_range = c.color_range;
    m.frame->colorspace = c.colorspace;
    m.frame->color_primaries = c.color_primaries;
    m.frame->color_trc = c.color_trc;
    if (av_frame_get_buffer(m.frame, 0) < 0)
        throw std::runtime_error("libavcodec: out of memory for a frame");
    m.converter = std::make_unique<YuvConverter>(width, height);
}

H264Encoder::~H264Encoder() = default;

bool H264Encoder::encode(const std::uint8_t* rgba, bool bottomRowFirst) {
    Impl& m = *impl_;
    if (!m.headerWritten) {
        if (const int err = avformat_write_header(m.format, nullptr); err < 0) {
            error_ = m.sinkFailed ? "the muxer closed its input"
                                  : "cannot start the H.264 stream: " + avError(err);
            return false;
        }
        m.headerWritten = true;
    }
    // The encoder copies each picture into its own buffers when it takes it, so the frame's buffer is
    // free again here and make_writable copies nothing.
    if (const int err = av_frame_make_writable(m.frame); err < 0) {
        error_ = "libavcodec: " + avError(err);
        return false;
    }
    std::uint8_t* const planes[3] = {m.frame->data[0], m.frame->data[1], m.frame->data[2]};
    const int strides[3] = {m.frame->linesize[0], m.frame->linesize[1], m.frame->linesize[2]};
    m.converter->convert(rgba, planes, strides, bottomRowFirst);
    m.frame->pts = m.nextPts++;
    if (const int err = avcodec_send_frame(m.codec, m.frame); err < 0) {
        error_ = "libx264: " + avError(err);
        return false;
    }
    return drain();
}

bool H264Encoder::drain() {
    Impl& m = *impl_;
    for (;;) {
        const int got = avcodec_receive_packet(m.codec, m.packet);
        if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return true;
        if (got < 0) {
            error_ = "libx264: " + avError(got);
            return false;
        }
        av_packet_rescale_ts(m.packet, m.codec->time_base, m.stream->time_base);
        m.packet->stream_index = m.stream->index;
        const int err = av_interleaved_write_frame(m.format, m.packet); // takes the packet's data
        if (err < 0 || m.sinkFailed) {
            error_ = m.sinkFailed ? "the muxer closed its input"
                                  : "cannot write the H.264 stream: " + avError(err);
            return false;
        }
    }
}

bool H264Encoder::finish() {
    Impl& m = *impl_;
    if (!m.headerWritten) {
        error_ = "no frames were encoded";
        return false;
    }
    if (const int err = avcodec_send_frame(m.codec, nullptr); err < 0) {
        error_ = "libx264: " + avError(err);
        return false;
    }
    if (!drain()) return false;
    const int err = av_write_trailer(m.format);
    avio_flush(m.io);
    if (err < 0 || m.sinkFailed || m.io->error < 0) {
        error_ = m.sinkFailed ? "the muxer closed its input" : "cannot end the H.264 stream: " + avError(err);
        return false;
    }
    return true;
}

} // namespace buildout
