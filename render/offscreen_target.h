// A framebuffer to draw the map into, with optional multisampling, resolved into a texture that the
// GUI can show and that can be read back into a CPU image for PNG/video export.
#pragma once

#include "core/image.h"
#include "render/gl_objects.h"

namespace buildout {

class OffscreenTarget {
public:
    /// `samples` <= 1: no MSAA. Throws std::runtime_error when the framebuffer is incomplete
    /// (e.g. a size beyond GL_MAX_RENDERBUFFER_SIZE).
    OffscreenTarget(int width, int height, int samples);

    int width() const { return width_; }
    int height() const { return height_; }
    int samples() const { return samples_; }

    /// Binds the (multisampled) draw framebuffer and sets the viewport to the whole target.
    void bindForDrawing();
    /// Resolves multisampling into the texture (a no-op copy without MSAA). Leaves framebuffer 0 bound.
    void resolve();
    /// resolve(), then flush the commands, so that another context sharing this one's objects (the
    /// presenter view's window) sees the finished texture when it next binds it.
    void resolveForSharing();
    /// Texture with the last resolved frame (RGBA8, bottom-up as GL stores it).
    GLuint texture() const { return color_.get(); }
    /// resolve() then read the pixels, flipped so that row 0 is the top.
    Image readback();

private:
    int width_, height_, samples_;
    gl::Framebuffer drawFbo_, resolveFbo_;
    gl::Renderbuffer msColor_, depthStencil_;
    gl::Texture color_;
};

} // namespace buildout
