// PNG IO through stb and image comparison.
#include "image.h"

#include "core/output_file.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace buildout {

namespace {

/// stb's write callback: appends the encoded bytes to a std::string.
void appendBytes(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
}

} // namespace

bool writePng(const Image& image, const std::string& path, std::string* why) {
    if (image.width <= 0 || image.height <= 0 ||
        image.rgba.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4) {
        if (why) *why = "empty image";
        return false;
    }
    // Encoded in memory, then written atomically: stb's own file writer ignores fwrite/fclose errors, so
    // a full disk would leave a truncated PNG and report success.
    std::string png;
    if (!stbi_write_png_to_func(appendBytes, &png, image.width, image.height, 4, image.rgba.data(),
                                image.width * 4)) {
        if (why) *why = "cannot encode the PNG for '" + path + "'";
        return false;
    }
    return writeFileAtomically(path, png, why);
}

bool readPng(const std::string& path, Image& out, std::string* why) {
    int w = 0, h = 0, n = 0;
    stbi_uc* data = stbi_load(path.c_str(), &w, &h, &n, 4);
    if (!data) {
        if (why) *why = std::string("cannot read PNG '") + path + "': " + stbi_failure_reason();
        return false;
    }
    out.width = w;
    out.height = h;
    out.rgba.assign(data, data + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    stbi_image_free(data);
    return true;
}

ImageDiff compareImages(const Image& actual, const Image& expected, int threshold) {
    ImageDiff d;
    d.sameSize = actual.width == expected.width && actual.height == expected.height &&
                 actual.rgba.size() == expected.rgba.size();
    if (!d.sameSize || actual.rgba.empty()) return d;
    d.diff = expected;
    std::size_t differing = 0;
    double sum = 0;
    int maxDiff = 0;
    const std::size_t pixels = actual.rgba.size() / 4;
    for (std::size_t i = 0; i < pixels; ++i) {
        int worst = 0;
        for (std::size_t c = 0; c < 4; ++c) {
            const int delta = std::abs(int(actual.rgba[i * 4 + c]) - int(expected.rgba[i * 4 + c]));
            worst = std::max(worst, delta);
            sum += delta;
        }
        maxDiff = std::max(maxDiff, worst);
        std::uint8_t* px = &d.diff.rgba[i * 4];
        if (worst > threshold) {
            ++differing;
            px[0] = 255, px[1] = 0, px[2] = 255, px[3] = 255;
        } else {
            px[0] = static_cast<std::uint8_t>(px[0] / 4), px[1] = static_cast<std::uint8_t>(px[1] / 4),
            px[2] = static_cast<std::uint8_t>(px[2] / 4), px[3] = 255;
        }
    }
    d.differingFraction = static_cast<double>(differing) / static_cast<double>(pixels);
    d.meanAbsDifference = sum / static_cast<double>(pixels * 4);
    d.maxChannelDifference = maxDiff;
    return d;
}

} // namespace buildout
