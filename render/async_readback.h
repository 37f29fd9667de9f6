// Asynchronous readback of an OffscreenTarget through a ring of pixel-buffer objects: start() queues a
// copy of the resolved frame without waiting; wait() and copyFlipped() collect it a few frames later, so
// rendering and readback overlap. Owns its GL objects (PBOs, fences, a read framebuffer).
//
// A software rasteriser (Mesa llvmpipe, softpipe) has no copy engine: its glReadPixels into a PBO is a
// CPU copy made at once, and mapping the PBO and flipping it is a second full-frame copy. There, direct()
// is true and readInto() reads straight into the caller's memory (rows bottom first, as GL has them):
// one copy per frame instead of two.
#pragma once

#include "render/gl_objects.h"
#include "render/offscreen_target.h"

#include <cstddef>
#include <cstdint>

namespace buildout {

class AsyncReadback {
public:
    static constexpr int kSlots = 3;
    explicit AsyncReadback(const OffscreenTarget& target);
    ~AsyncReadback();
    AsyncReadback(const AsyncReadback&) = delete;
    AsyncReadback& operator=(const AsyncReadback&) = delete;

    /// Queues the target's resolved texture into `slot` (call after OffscreenTarget::resolve()).
    void start(int slot);
    /// Blocks until the copy into `slot` is complete.
    void wait(int slot);
    /// Copies `slot` into `dst` (width*height*4 bytes), rows flipped so row 0 is the top. Throws on failure.
    void copyFlipped(int slot, std::uint8_t* dst);

    /// True when the context renders in software (see above): use readInto() instead of the ring.
    bool direct() const { return direct_; }
    /// Reads the target's resolved texture into `dst` (width*height*4 bytes) now, waiting for rendering;
    /// rows bottom first.
    void readInto(std::uint8_t* dst);

private:
    int width_, height_;
    std::size_t bytes_;
    gl::Framebuffer readFbo_;
    gl::Buffer pbos_[kSlots];
    GLsync fences_[kSlots] = {};
    bool direct_ = false;
};

} // namespace buildout
