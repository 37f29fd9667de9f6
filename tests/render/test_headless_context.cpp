// HeadlessContext: an OpenGL 3.3+ core context without a window or display.
#include "render/gl.h"
#include "render/headless_context.h"

#include <catch2/catch.hpp>

#include <string>

using namespace buildout;

TEST_CASE("HeadlessContext creates a current OpenGL 3.3 core context", "[gl]") {
    HeadlessContext context;
    const std::string& d = context.description();
    INFO("description: " << d);
    CHECK(d.find("OpenGL") != std::string::npos);
    CHECK(d.find("EGL") != std::string::npos);

    GLint major = 0, minor = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    INFO("GL version " << major << "." << minor);
    CHECK((major > 3 || (major == 3 && minor >= 3)));
    const GLubyte* version = glGetString(GL_VERSION);
    REQUIRE(version != nullptr);
    CHECK(glGetError() == GL_NO_ERROR);

    // makeCurrent again is harmless.
    context.makeCurrent();
    CHECK(glGetError() == GL_NO_ERROR);
}

TEST_CASE("Two HeadlessContexts in turn on one thread", "[gl]") {
    { HeadlessContext first; }
    HeadlessContext second;
    CHECK(second.description().find("OpenGL") != std::string::npos);
    CHECK(glGetString(GL_VERSION) != nullptr);
}
