// PBO ring readback.
#include "render/async_readback.h"

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace buildout {

AsyncReadback::AsyncReadback(const OffscreenTarget& target)
    : width_(target.width()), height_(target.height()),
      bytes_(static_cast<std::size_t>(target.width()) * static_cast<std::size_t>(target.height()) * 4) {
    // A framebuffer on the resolved texture to read from (the target's own is private).
    readFbo_ = gl::makeFramebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, readFbo_.get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target.texture(), 0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    for (gl::Buffer& b : pbos_) {
        b = gl::makeBuffer();
        glBindBuffer(GL_PIXEL_PACK_BUFFER, b.get());
        glBufferData(GL_PIXEL_PACK_BUFFER, static_cast<GLsizeiptr>(bytes_), nullptr, GL_STREAM_READ);
    }
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const std::string name = renderer ? renderer : "";
    direct_ = name.find("llvmpipe") != std::string::npos || name.find("softpipe") != std::string::npos;
    // For benchmarks (docs/benchmarks.md): BUILDOUT_READBACK_RING=1 keeps the PBO ring in software too.
    if (const char* ring = std::getenv("BUILDOUT_READBACK_RING"); ring && *ring && *ring != '0')
        direct_ = false;
    gl::checkErrors("AsyncReadback setup");
}

void AsyncReadback::readInto(std::uint8_t* dst) {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, readFbo_.get());
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, dst);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
}

AsyncReadback::~AsyncReadback() {
    for (GLsync& f : fences_)
        if (f) glDeleteSync(f);
}

void AsyncReadback::start(int slot) {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, readFbo_.get());
    glBindBuffer(GL_PIXEL_PACK_BUFFER, pbos_[slot].get());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, nullptr); // asynchronous into the PBO
    if (fences_[slot]) glDeleteSync(fences_[slot]);
    fences_[slot] = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glFlush();
}

void AsyncReadback::wait(int slot) {
    if (!fences_[slot]) return;
    while (glClientWaitSync(fences_[slot], GL_SYNC_FLUSH_COMMANDS_BIT, 1000000000) == GL_TIMEOUT_EXPIRED) {
    }
    glDeleteSync(fences_[slot]);
    fences_[slot] = nullptr;
}

void AsyncReadback::copyFlipped(int slot, std::uint8_t* dst) {
    glBindBuffer(GL_PIXEL_PACK_BUFFER, pbos_[slot].get());
    const auto* src = static_cast<const std::uint8_t*>(
        glMapBufferRange(GL_PIXEL_PACK_BUFFER, 0, static_cast<GLsizeiptr>(bytes_), GL_MAP_READ_BIT));
    if (!src) {
        glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
        throw std::runtime_error("cannot map the pixel buffer of slot " + std::to_string(slot));
    }
    const std::size_t stride = static_cast<std::size_t>(width_) * 4;
    for (int y = 0; y < height_; ++y)
        std::memcpy(dst + static_cast<std::size_t>(y) * stride,
                    src + static_cast<std::size_t>(height_ - 1 - y) * stride, stride);
    glUnmapBuffer(GL_PIXEL_PACK_BUFFER);
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
}

} // namespace buildout
