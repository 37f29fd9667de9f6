// RGBA (8-bit, top row first) -> BT.709 limited-range YUV 4:2:0 planar, as the MP4 sink feeds x264,
// through FFmpeg's libswscale (SIMD, sliced over threads) instead of a per-pixel loop.
#pragma once

#include <cstdint>

struct SwsContext;

namespace buildout {

class YuvConverter {
public:
    /// A converter for frames of `width` x `height` (even) pixels using up to `threads` threads
    /// (0: one per core). Throws std::runtime_error when libswscale cannot set it up.
    YuvConverter(int width, int height, int threads = 0);
    ~YuvConverter();
    YuvConverter(const YuvConverter&) = delete;
    YuvConverter& operator=(const YuvConverter&) = delete;

    /// Writes width*height luma bytes, then the U and V planes ((width/2)*(height/2) each) to `yuv`.
    /// `bottomRowFirst`: `rgba` holds the rows bottom first (read upwards, so the picture is upright).
    void convert(const std::uint8_t* rgba, std::uint8_t* yuv, bool bottomRowFirst = false) const;
    /// The same into three planes with their own strides (bytes per row: at least width for Y, width/2
    /// for U and V), such as an AVFrame's padded planes.
    void convert(const std::uint8_t* rgba, std::uint8_t* const planes[3], const int strides[3],
                 bool bottomRowFirst = false) const;

private:
    SwsContext* ctx_ = nullptr;
    int width_, height_;
};

} // namespace buildout
