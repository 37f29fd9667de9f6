// libswscale set up for BT.709 limited range (the matrix and range the MP4 sink tags its stream with).
#include "app/export/yuv_converter.h"

#include <stdexcept>
#include <string>

extern "C" {
#include <libavutil/opt.h>
#include <libavutil/pixfmt.h>
#include <libswscale/swscale.h>
}

namespace buildout {

YuvConverter::YuvConverter(int width, int height, int threads) : width_(width), height_(height) {
    ctx_ = sws_alloc_context();
    if (!ctx_) throw std::runtime_error("libswscale: cannot allocate a conversion context");
    // Same size in and out: only the colour conversion and the 2x2 chroma averaging (area filter),
    // with exact rounding (accurate_rnd) and full chroma input (no horizontal chroma pre-drop).
    av_opt_set_int(ctx_, "srcw", width, 0);
    av_opt_set_int(ctx_, "srch", height, 0);
    av_opt_set_int(ctx_, "src_format", AV_PIX_FMT_RGBA, 0);
    av_opt_set_int(ctx_, "dstw", width, 0);
    av_opt_set_int(ctx_, "dsth", height, 0);
    av_opt_set_int(ctx_, "dst_format", AV_PIX_FMT_YUV420P, 0);
    av_opt_set_int(ctx_, "sws_flags", SWS_AREA | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INP, 0);
    av_opt_set_int(ctx_, "threads", threads, 0);
    if (sws_init_context(ctx_, nullptr, nullptr) < 0) {
        sws_freeContext(ctx_);
        throw std::runtime_error("libswscale: cannot convert " + std::to_string(width) + "x" +
                                 std::to_string(height) + " RGBA to YUV 4:2:0");
    }
    // Source full-range RGB; destination BT.709, limited (tv) range; brightness 0, contrast and
    // saturation 1.0 (16.16 fixed point).
    const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
    sws_setColorspaceDetails(ctx_, bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
}

YuvConverter::~YuvConverter() {
    sws_freeContext(ctx_);
}

void YuvConverter::convert(const std::uint8_t* rgba, std::uint8_t* yuv, bool bottomRowFirst) const {
    const int cw = width_ / 2, ch = height_ / 2;
    std::uint8_t* const planes[3] = {yuv, yuv + width_ * height_, yuv + width_ * height_ + cw * ch};
    const int strides[3] = {width_, cw, cw};
    convert(rgba, planes, strides, bottomRowFirst);
}

void YuvConverter::convert(const std::uint8_t* rgba, std::uint8_t* const planes[3], const int strides[3],
                           bool bottomRowFirst) const {
    // Rows bottom first: start at the last row and step back (libswscale takes negative strides).
    const std::ptrdiff_t lastRow = static_cast<std::ptrdiff_t>(height_ - 1) * width_ * 4;
    const std::uint8_t* src[4] = {bottomRowFirst ? rgba + lastRow : rgba, nullptr, nullptr, nullptr};
    const int srcStride[4] = {bottomRowFirst ? -width_ * 4 : width_ * 4, 0, 0, 0};
    std::uint8_t* dst[4] = {planes[0], planes[1], planes[2], nullptr};
    const int dstStride[4] = {strides[0], strides[1], strides[2], 0};
    sws_scale(ctx_, src, srcStride, 0, height_, dst, dstStride);
}

} // namespace buildout
