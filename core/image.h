// CPU images (RGBA8, rows top to bottom), PNG files, and the image comparison used by golden tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace buildout {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba; ///< width*height*4 bytes, first row = top of the picture
    const std::uint8_t* pixel(int x, int y) const { return &rgba[(static_cast<std::size_t>(y) * width + x) * 4]; }
};

/// Writes an 8-bit RGBA PNG atomically (core/output_file.h: temporary name, checked writes, fsync,
/// rename). False (and `why`, naming the file and the cause) when it cannot be written; then nothing is
/// left under `path` or beside it.
bool writePng(const Image& image, const std::string& path, std::string* why = nullptr);
/// Reads a PNG as RGBA8. False (and `why`) when missing or not a PNG.
bool readPng(const std::string& path, Image& out, std::string* why = nullptr);

struct ImageDiff {
    bool sameSize = false;
    /// Fraction of pixels whose largest channel difference exceeds the per-pixel threshold (0..1).
    double differingFraction = 1.0;
    /// Mean absolute channel difference over all pixels, on a 0..255 scale.
    double meanAbsDifference = 255.0;
    int maxChannelDifference = 255;
    Image diff; ///< visualisation: differing pixels in magenta over a dimmed copy of `expected`
};

/// Compares two images. A pixel differs when any channel differs by more than `pixelThreshold` (0..255);
/// software rasterisers vary by a few levels at edges, so tests use a threshold of about 24 and accept a
/// small differing fraction (stated in each test).
ImageDiff compareImages(const Image& actual, const Image& expected, int pixelThreshold);

} // namespace buildout
