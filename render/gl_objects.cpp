// GL object creation, shader compilation and error checks.
#include "render/gl_objects.h"

#include <cstdlib>

#include <stdexcept>
#include <vector>

namespace buildout::gl {

Buffer makeBuffer() {
    GLuint n = 0;
    glGenBuffers(1, &n);
    return Buffer(n);
}
VertexArray makeVertexArray() {
    GLuint n = 0;
    glGenVertexArrays(1, &n);
    return VertexArray(n);
}
Texture makeTexture() {
    GLuint n = 0;
    glGenTextures(1, &n);
    return Texture(n);
}
Framebuffer makeFramebuffer() {
    GLuint n = 0;
    glGenFramebuffers(1, &n);
    return Framebuffer(n);
}
Renderbuffer makeRenderbuffer() {
    GLuint n = 0;
    glGenRenderbuffers(1, &n);
    return Renderbuffer(n);
}

namespace {

struct ShaderDeleter {
    void operator()(GLuint n) const { glDeleteShader(n); }
};

/// Diagnostic (docs/security.md): `BUILDOUT_TEST_BREAK_SHADER=NAME` (or `*`) replaces that program's
/// shader sources with one that cannot compile, to check that a driver refusing a shader gives a clear
/// message and a clean exit. Without it, `source` as is.
std::string sourceToCompile(const std::string& name, const std::string& source) {
    const char* broken = std::getenv("BUILDOUT_TEST_BREAK_SHADER");
    if (!broken || !*broken || (std::string(broken) != "*" && name != broken)) return source;
    return "#version 330 core\nthis shader was broken on purpose by BUILDOUT_TEST_BREAK_SHADER;\n";
}

Handle<ShaderDeleter> compile(const std::string& name, GLenum type, const std::string& original) {
    const std::string source = sourceToCompile(name, original);
    Handle<ShaderDeleter> shader(glCreateShader(type));
    const char* src = source.c_str();
    glShaderSource(shader.get(), 1, &src, nullptr);
    glCompileShader(shader.get());
    GLint ok = 0;
    glGetShaderiv(shader.get(), GL_COMPILE_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetShaderiv(shader.get(), GL_INFO_LOG_LENGTH, &len);
        std::vector<char> log(static_cast<std::size_t>(len > 0 ? len : 1));
        glGetShaderInfoLog(shader.get(), static_cast<GLsizei>(log.size()), nullptr, log.data());
        throw std::runtime_error("shader '" + name + "' (" + (type == GL_VERTEX_SHADER ? "vertex" : "fragment") +
                                 ") failed to compile:\n" + log.data());
    }
    return shader;
}

} // namespace

Program::Program(const std::string& name, const std::string& vs, const std::string& fs, const std::string& gs) {
    auto v = compile(name, GL_VERTEX_SHADER, vs);
    auto f = compile(name, GL_FRAGMENT_SHADER, fs);
    decltype(v) geom;
    program_ = ProgramName(glCreateProgram());
    glAttachShader(program_.get(), v.get());
    glAttachShader(program_.get(), f.get());
    if (!gs.empty()) {
        geom = compile(name, GL_GEOMETRY_SHADER, gs);
        glAttachShader(program_.get(), geom.get());
    }
    glLinkProgram(program_.get());
    GLint ok = 0;
    glGetProgramiv(program_.get(), GL_LINK_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetProgramiv(program_.get(), GL_INFO_LOG_LENGTH, &len);
        std::vector<char> log(static_cast<std::size_t>(len > 0 ? len : 1));
        glGetProgramInfoLog(program_.get(), static_cast<GLsizei>(log.size()), nullptr, log.data());
        throw std::runtime_error("shader program '" + name + "' failed to link:\n" + log.data());
    }
    glDetachShader(program_.get(), v.get());
    glDetachShader(program_.get(), f.get());
    if (geom) glDetachShader(program_.get(), geom.get());
}

void checkErrors(const char* what) {
    GLenum first = GL_NO_ERROR;
    for (GLenum e = glGetError(); e != GL_NO_ERROR; e = glGetError())
        if (first == GL_NO_ERROR) first = e;
    if (first != GL_NO_ERROR) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "0x%04X", first);
        throw std::runtime_error(std::string("OpenGL error ") + buf + " in " + what);
    }
}

} // namespace buildout::gl
