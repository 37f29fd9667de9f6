// RAII wrappers: each owns exactly one GL name, is move-only, and deletes its name in the destructor
// (names of 0 are never deleted). They must be destroyed while their context is current.
#pragma once

#include "render/gl.h"

#include <string>
#include <utility>

namespace buildout::gl {

/// Move-only owner of one GL name; `Deleter` frees it.
template <typename Deleter> class Handle {
public:
    Handle() = default;
    explicit Handle(GLuint name) : name_(name) {}
    ~Handle() { reset(); }
    Handle(Handle&& o) noexcept : name_(std::exchange(o.name_, 0)) {}
    Handle& operator=(Handle&& o) noexcept {
        if (this != &o) {
            reset();
            name_ = std::exchange(o.name_, 0);
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    GLuint get() const { return name_; }
    explicit operator bool() const { return name_ != 0; }
    void reset() {
        if (name_ != 0) Deleter{}(name_);
        name_ = 0;
    }

private:
    GLuint name_ = 0;
};

struct BufferDeleter {
    void operator()(GLuint n) const { glDeleteBuffers(1, &n); }
};
struct VertexArrayDeleter {
    void operator()(GLuint n) const { glDeleteVertexArrays(1, &n); }
};
struct TextureDeleter {
    void operator()(GLuint n) const { glDeleteTextures(1, &n); }
};
struct FramebufferDeleter {
    void operator()(GLuint n) const { glDeleteFramebuffers(1, &n); }
};
struct RenderbufferDeleter {
    void operator()(GLuint n) const { glDeleteRenderbuffers(1, &n); }
};
struct ProgramDeleter {
    void operator()(GLuint n) const { glDeleteProgram(n); }
};

using Buffer = Handle<BufferDeleter>;
using VertexArray = Handle<VertexArrayDeleter>;
using Texture = Handle<TextureDeleter>;
using Framebuffer = Handle<FramebufferDeleter>;
using Renderbuffer = Handle<RenderbufferDeleter>;
using ProgramName = Handle<ProgramDeleter>;

Buffer makeBuffer();
VertexArray makeVertexArray();
Texture makeTexture();
Framebuffer makeFramebuffer();
Renderbuffer makeRenderbuffer();

/// A linked shader program with cached uniform lookups.
class Program {
public:
    Program() = default;
    /// Compiles and links; throws std::runtime_error with the GL info log (and `name`) on failure.
    Program(const std::string& name, const std::string& vertexSource, const std::string& fragmentSource,
            const std::string& geometrySource = {});
    GLuint get() const { return program_.get(); }
    void use() const { glUseProgram(program_.get()); }
    /// Location of a uniform, or -1 (GL ignores -1, so optional uniforms need no checks).
    GLint uniform(const char* name) const { return glGetUniformLocation(program_.get(), name); }

private:
    ProgramName program_;
};

/// Throws std::runtime_error naming `what` if GL reports an error (drains the error queue).
void checkErrors(const char* what);

} // namespace buildout::gl
