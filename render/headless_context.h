// An OpenGL 3.3 core context with no window and no X server, through EGL: the NVIDIA (or Mesa) EGL
// device, else Mesa's surfaceless platform, else the default display with a 1x1 pbuffer. Used by
// `buildout snapshot`, `buildout render` and the render tests; all drawing goes to offscreen targets.
#pragma once

#include <memory>
#include <string>

namespace buildout {

class HeadlessContext {
public:
    /// Creates the context and makes it current on this thread. Throws std::runtime_error with a message
    /// a user can act on when no usable OpenGL 3.3 exists. `$BUILDOUT_EGL_PLATFORM` (device, surfaceless,
    /// default) forces one path.
    HeadlessContext();
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    /// Makes the context current on this thread. Throws std::runtime_error when EGL refuses.
    void makeCurrent();
    /// e.g. "EGL surfaceless: Mesa llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5 (Core Profile) Mesa 22.3.6".
    const std::string& description() const { return description_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string description_;
};

} // namespace buildout
