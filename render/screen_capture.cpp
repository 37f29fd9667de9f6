// Window framebuffer readback.
#include "render/screen_capture.h"

#include "render/gl.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace buildout {

Image captureWindowFramebuffer(int width, int height) {
    Image img;
    img.width = width;
    img.height = height;
    img.rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    const std::size_t stride = static_cast<std::size_t>(width) * 4;
    std::vector<std::uint8_t> row(stride);
    for (int y = 0; y < height / 2; ++y) {
        std::uint8_t* a = &img.rgba[static_cast<std::size_t>(y) * stride];
        std::uint8_t* b = &img.rgba[static_cast<std::size_t>(height - 1 - y) * stride];
        std::memcpy(row.data(), a, stride);
        std::memcpy(a, b, stride);
        std::memcpy(b, row.data(), stride);
    }
    for (std::size_t i = 3; i < img.rgba.size(); i += 4) img.rgba[i] = 255; // the window is opaque
    return img;
}

void waitForGpu() { glFinish(); }

void clearWindow(int width, int height) {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, width, height);
    glClearColor(0.024f, 0.035f, 0.059f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

} // namespace buildout
