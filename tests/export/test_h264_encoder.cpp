// The in-process H.264 encoder (app/export/h264_encoder.h): its NUT stream decoded back with libavformat
// and libavcodec, so the test checks what ffmpeg will receive, not the encoder's own bookkeeping.
#include "app/export/h264_encoder.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/mem.h>
}

using namespace buildout;

namespace {

struct DecodedStream {
    int width = 0, height = 0, frames = 0;
    AVColorRange range = AVCOL_RANGE_UNSPECIFIED;
    AVColorSpace space = AVCOL_SPC_UNSPECIFIED;
    AVRational timeBase{0, 1};
    std::vector<std::int64_t> pts;        ///< of the decoded frames, in the stream's time base
    std::vector<std::vector<int>> lumaAt; ///< per frame: Y at (w/2, 2) and (w/2, h-3) (top and bottom)
};

struct MemoryReader {
    const std::vector<std::uint8_t>* bytes;
    std::size_t at = 0;
    static int read(void* opaque, std::uint8_t* buf, int size) {
        auto& r = *static_cast<MemoryReader*>(opaque);
        const std::size_t left = r.bytes->size() - r.at;
        if (left == 0) return AVERROR_EOF;
        const std::size_t n = std::min<std::size_t>(left, static_cast<std::size_t>(size));
        std::memcpy(buf, r.bytes->data() + r.at, n);
        r.at += n;
        return static_cast<int>(n);
    }
};

/// Demuxes `nut` as NUT and decodes every frame.
DecodedStream decodeNut(const std::vector<std::uint8_t>& nut) {
    DecodedStream out;
    MemoryReader reader{&nut};
    const int bufferSize = 4096;
    auto* buffer = static_cast<std::uint8_t*>(av_malloc(bufferSize));
    AVIOContext* io =
        avio_alloc_context(buffer, bufferSize, 0, &reader, &MemoryReader::read, nullptr, nullptr);
    AVFormatContext* fmt = avformat_alloc_context();
    fmt->pb = io;
    if (avformat_open_input(&fmt, nullptr, av_find_input_format("nut"), nullptr) < 0)
        throw std::runtime_error("not a NUT stream");
    avformat_find_stream_info(fmt, nullptr);
    REQUIRE(fmt->nb_streams == 1);
    const AVCodecParameters* par = fmt->streams[0]->codecpar;
    REQUIRE(par->codec_id == AV_CODEC_ID_H264);
    out.width = par->width;
    out.height = par->height;
    out.timeBase = fmt->streams[0]->time_base;
    const AVCodec* h264 = avcodec_find_decoder(AV_CODEC_ID_H264);
    AVCodecContext* dec = avcodec_alloc_context3(h264);
    avcodec_parameters_to_context(dec, par);
    REQUIRE(avcodec_open2(dec, h264, nullptr) == 0);
    AVPacket* pkt = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    auto receive = [&] {
        while (avcodec_receive_frame(dec, frame) == 0) {
            ++out.frames;
            out.range = frame->color_range;
            out.space = frame->colorspace;
            out.pts.push_back(frame->best_effort_timestamp);
            const int x = frame->width / 2;
            out.lumaAt.push_back({frame->data[0][2 * frame->linesize[0] + x],
                                  frame->data[0][(frame->height - 3) * frame->linesize[0] + x]});
            av_frame_unref(frame);
        }
    };
    while (av_read_frame(fmt, pkt) >= 0) {
        avcodec_send_packet(dec, pkt);
        av_packet_unref(pkt);
        receive();
    }
    avcodec_send_packet(dec, nullptr);
    receive();
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&dec);
    avformat_close_input(&fmt);
    av_freep(&io->buffer);
    avio_context_free(&io);
    return out;
}

/// A `w` x `h` RGBA frame: the top half `top`, the bottom half `bottom` (rows top first).
std::vector<std::uint8_t> halves(int w, int h, std::array<std::uint8_t, 3> top,
                                 std::array<std::uint8_t, 3> bottom) {
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w) * h * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const auto& c = y < h / 2 ? top : bottom;
            std::uint8_t* p = &rgba[(static_cast<std::size_t>(y) * w + x) * 4];
            p[0] = c[0], p[1] = c[1], p[2] = c[2], p[3] = 255;
        }
    return rgba;
}

} // namespace

TEST_CASE("H.264 in process: every frame, in order, BT.709 limited range, rows either way up",
          "[export][h264]") {
    const int w = 96, h = 64, fps = 24, frames = 30;
    std::vector<std::uint8_t> nut;
    H264Encoder enc(w, h, fps, ExportQuality::Draft, [&](const std::uint8_t* d, std::size_t n) {
        nut.insert(nut.end(), d, d + n);
        return true;
    });
    const auto whiteOverBlack = halves(w, h, {255, 255, 255}, {0, 0, 0});
    const auto redOverBlue = halves(w, h, {255, 0, 0}, {0, 0, 255});
    for (int i = 0; i < frames; ++i) {
        // Frames 0..9 top first, 10..19 the same picture handed over bottom row first (as glReadPixels
        // gives it: upside down in memory), 20..29 red over blue.
        const bool bottomFirst = i >= 10 && i < 20;
        const auto& picture = i < 20 ? whiteOverBlack : redOverBlue;
        std::vector<std::uint8_t> rgba = picture;
        if (bottomFirst)
            for (int y = 0; y < h / 2; ++y)
                std::swap_ranges(rgba.begin() + y * w * 4, rgba.begin() + (y + 1) * w * 4,
                                 rgba.begin() + (h - 1 - y) * w * 4);
        REQUIRE(enc.encode(rgba.data(), bottomFirst));
    }
    REQUIRE(enc.finish());
    INFO(enc.error());

    const DecodedStream d = decodeNut(nut);
    CHECK(d.width == w);
    CHECK(d.height == h);
    CHECK(d.frames == frames);
    CHECK(d.range == AVCOL_RANGE_MPEG);
    CHECK(d.space == AVCOL_SPC_BT709);
    REQUIRE(d.pts.size() == static_cast<std::size_t>(frames));
    // One frame per 1/fps s, none dropped or repeated. (NUT keeps decode times non-negative, so the
    // stream starts at the B-frame delay; ffmpeg starts each input at its own first time when muxing.)
    for (int i = 0; i < frames; ++i)
        CHECK(av_rescale_q(d.pts[static_cast<std::size_t>(i)] - d.pts[0], d.timeBase, AVRational{1, fps}) ==
              i);
    // Limited range: white 235, black 16; BT.709 luma of red 63, of blue 32 (x264 at crf 23 on flat
    // areas is within a few levels).
    for (int i = 0; i < frames; ++i) {
        INFO("frame " << i);
        const auto& y = d.lumaAt[static_cast<std::size_t>(i)];
        if (i < 20) {
            CHECK(std::abs(y[0] - 235) <= 3);
            CHECK(std::abs(y[1] - 16) <= 3);
        } else {
            CHECK(std::abs(y[0] - 63) <= 3);
            CHECK(std::abs(y[1] - 32) <= 3);
        }
    }
}

TEST_CASE("H.264 in process: a reader that goes away fails the export with a reason", "[export][h264]") {
    const int w = 64, h = 64;
    int calls = 0;
    H264Encoder enc(w, h, 30, ExportQuality::Draft, [&](const std::uint8_t*, std::size_t) {
        ++calls;
        return false;
    });
    const auto rgba = halves(w, h, {10, 200, 30}, {200, 10, 30});
    bool ok = true;
    for (int i = 0; i < 40 && ok; ++i)
        ok = enc.encode(rgba.data(), false);
    if (ok) ok = enc.finish(); // small frames may all fit the muxer's buffer until the end
    CHECK_FALSE(ok);
    CHECK(calls >= 1);
    CHECK(enc.error() == "the muxer closed its input");
}

TEST_CASE("H.264 in process: sizes libx264 cannot take are a clear error", "[export][h264]") {
    auto sink = [](const std::uint8_t*, std::size_t) { return true; };
    try {
        H264Encoder enc(0, 0, 30, ExportQuality::Draft, sink);
        FAIL("a 0x0 encoder was opened");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find("libx264 cannot encode 0x0 at 30 fps") == 0);
    }
}
