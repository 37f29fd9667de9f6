// Offscreen framebuffer with MSAA resolve and readback.
#include "render/offscreen_target.h"

#include <cstring>
#include <stdexcept>
#include <string>

namespace buildout {

OffscreenTarget::OffscreenTarget(int width, int height, int samples)
    : width_(width), height_(height), samples_(samples > 1 ? samples : 0) {
    if (width <= 0 || height <= 0) throw std::runtime_error("offscreen target needs a positive size");
    GLint maxSize = 0, maxSamples = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxSize);
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    if (width > maxSize || height > maxSize)
        throw std::runtime_error("image size " + std::to_string(width) + "x" + std::to_string(height) +
                                 " exceeds this GPU's limit of " + std::to_string(maxSize));
    if (samples_ > maxSamples) samples_ = maxSamples;

    color_ = gl::makeTexture();
    glBindTexture(GL_TEXTURE_2D, color_.get());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);

    resolveFbo_ = gl::makeFramebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, resolveFbo_.get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_.get(), 0);

    depthStencil_ = gl::makeRenderbuffer();
    glBindRenderbuffer(GL_RENDERBUFFER, depthStencil_.get());
    if (samples_ > 0) {
        msColor_ = gl::makeRenderbuffer();
        glBindRenderbuffer(GL_RENDERBUFFER, msColor_.get());
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_RGBA8, width, height);
        glBindRenderbuffer(GL_RENDERBUFFER, depthStencil_.get());
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_DEPTH24_STENCIL8, width, height);
        drawFbo_ = gl::makeFramebuffer();
        glBindFramebuffer(GL_FRAMEBUFFER, drawFbo_.get());
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, msColor_.get());
    } else {
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, width, height);
    }
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depthStencil_.get());
    const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    if (status != GL_FRAMEBUFFER_COMPLETE)
        throw std::runtime_error("offscreen framebuffer incomplete (status " + std::to_string(status) + ")");
}

void OffscreenTarget::bindForDrawing() {
    glBindFramebuffer(GL_FRAMEBUFFER, samples_ > 0 ? drawFbo_.get() : resolveFbo_.get());
    glViewport(0, 0, width_, height_);
}

void OffscreenTarget::resolve() {
    if (samples_ > 0) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, drawFbo_.get());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolveFbo_.get());
        glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void OffscreenTarget::resolveForSharing() {
    resolve();
    glFlush();
}

Image OffscreenTarget::readback() {
    resolve();
    Image img;
    img.width = width_;
    img.height = height_;
    img.rgba.resize(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_) * 4);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, resolveFbo_.get());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    // GL rows start at the bottom; images start at the top.
    const std::size_t stride = static_cast<std::size_t>(width_) * 4;
    std::vector<std::uint8_t> tmp(stride);
    for (int y = 0; y < height_ / 2; ++y) {
        std::uint8_t* a = &img.rgba[static_cast<std::size_t>(y) * stride];
        std::uint8_t* b = &img.rgba[static_cast<std::size_t>(height_ - 1 - y) * stride];
        std::memcpy(tmp.data(), a, stride);
        std::memcpy(a, b, stride);
        std::memcpy(b, tmp.data(), stride);
    }
    return img;
}

} // namespace buildout
