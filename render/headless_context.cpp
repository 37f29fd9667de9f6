// EGL context creation for headless rendering.
#include "render/headless_context.h"

#include "render/gl.h"

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace buildout {

namespace {
struct EglState {
    EGLDisplay display = EGL_NO_DISPLAY;
    EGLContext context = EGL_NO_CONTEXT;
    EGLSurface surface = EGL_NO_SURFACE;
};
} // namespace

struct HeadlessContext::Impl : EglState {
    ~Impl() {
        if (display == EGL_NO_DISPLAY) return;
        eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        if (surface != EGL_NO_SURFACE) eglDestroySurface(display, surface);
        if (context != EGL_NO_CONTEXT) eglDestroyContext(display, context);
        eglTerminate(display);
    }
};

namespace {

bool hasExtension(const char* list, const char* name) {
    if (!list) return false;
    const std::size_t n = std::strlen(name);
    for (const char* p = std::strstr(list, name); p; p = std::strstr(p + 1, name))
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return true;
    return false;
}

/// EGL_BAD_CONTEXT and the like, for messages.
std::string eglErrorName(EGLint e) {
    switch (e) {
    case EGL_SUCCESS:
        return "EGL_SUCCESS";
    case EGL_NOT_INITIALIZED:
        return "EGL_NOT_INITIALIZED";
    case EGL_BAD_ACCESS:
        return "EGL_BAD_ACCESS";
    case EGL_BAD_ALLOC:
        return "EGL_BAD_ALLOC";
    case EGL_BAD_CONTEXT:
        return "EGL_BAD_CONTEXT";
    case EGL_BAD_DISPLAY:
        return "EGL_BAD_DISPLAY";
    case EGL_BAD_MATCH:
        return "EGL_BAD_MATCH";
    case EGL_BAD_SURFACE:
        return "EGL_BAD_SURFACE";
    case EGL_CONTEXT_LOST:
        return "EGL_CONTEXT_LOST";
    default: {
        char buf[16];
        std::snprintf(buf, sizeof buf, "0x%04x", static_cast<unsigned>(e));
        return buf;
    }
    }
}

/// Tries one display: initialise, pick a config, create a 3.3 core context (+ pbuffer if needed).
bool tryDisplay(EGLDisplay display, bool needPbuffer, EglState& state, std::string& why) {
    if (display == EGL_NO_DISPLAY) {
        why = "no display";
        return false;
    }
    EGLint major = 0, minor = 0;
    if (!eglInitialize(display, &major, &minor)) {
        why = "eglInitialize failed (" + eglErrorName(eglGetError()) + ")";
        return false;
    }
    if (!eglBindAPI(EGL_OPENGL_API)) {
        why = "desktop OpenGL not supported by this EGL";
        eglTerminate(display);
        return false;
    }
    const EGLint configAttribs[] = {EGL_SURFACE_TYPE, needPbuffer ? EGL_PBUFFER_BIT : 0,
                                    EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                                    EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8,
                                    EGL_NONE};
    EGLConfig config = nullptr;
    EGLint count = 0;
    if (!eglChooseConfig(display, configAttribs, &config, 1, &count) || count < 1) {
        why = "no suitable EGL config";
        eglTerminate(display);
        return false;
    }
    const EGLint ctxAttribs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                 EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    EGLContext ctx = eglCreateContext(display, config, EGL_NO_CONTEXT, ctxAttribs);
    if (ctx == EGL_NO_CONTEXT) {
        why = "cannot create an OpenGL 3.3 core context";
        eglTerminate(display);
        return false;
    }
    EGLSurface surface = EGL_NO_SURFACE;
    if (needPbuffer) {
        const EGLint pbAttribs[] = {EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE};
        surface = eglCreatePbufferSurface(display, config, pbAttribs);
    }
    // Diagnostic (docs/security.md): BUILDOUT_TEST_FAIL_MAKE_CURRENT=1 hands EGL a context it has just
    // destroyed, so eglMakeCurrent really fails (EGL_BAD_CONTEXT) and the failure path is exercised.
    const char* failCurrent = std::getenv("BUILDOUT_TEST_FAIL_MAKE_CURRENT");
    const bool destroyed = failCurrent && std::string(failCurrent) == "1" && eglDestroyContext(display, ctx);
    if (!eglMakeCurrent(display, surface, surface, ctx)) {
        why = "the context cannot be made current (eglMakeCurrent: " + eglErrorName(eglGetError()) + ")";
        if (surface != EGL_NO_SURFACE) eglDestroySurface(display, surface);
        if (!destroyed) eglDestroyContext(display, ctx);
        eglTerminate(display);
        return false;
    }
    state.display = display;
    state.context = ctx;
    state.surface = surface;
    return true;
}

} // namespace

HeadlessContext::HeadlessContext() : impl_(std::make_unique<Impl>()) {
    const char* forced = std::getenv("BUILDOUT_EGL_PLATFORM");
    const std::string want = forced ? forced : "";
    const char* clientExt = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
    auto getPlatformDisplay =
        reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
    std::string tried;
    std::string path;

    // 1. An EGL device: what a GPU server without X offers (NVIDIA), also Mesa's software device.
    if ((want.empty() || want == "device") && getPlatformDisplay &&
        hasExtension(clientExt, "EGL_EXT_platform_device")) {
        auto queryDevices = reinterpret_cast<PFNEGLQUERYDEVICESEXTPROC>(eglGetProcAddress("eglQueryDevicesEXT"));
        EGLint n = 0;
        std::vector<EGLDeviceEXT> devices(16);
        if (queryDevices && queryDevices(16, devices.data(), &n)) {
            for (EGLint i = 0; i < n && path.empty(); ++i) {
                std::string why;
                EGLDisplay d = getPlatformDisplay(EGL_PLATFORM_DEVICE_EXT, devices[static_cast<std::size_t>(i)], nullptr);
                if (tryDisplay(d, false, *impl_, why)) path = "EGL device";
                else tried += "device " + std::to_string(i) + ": " + why + "; ";
            }
        }
    }
    // 2. Mesa surfaceless (llvmpipe in CI).
    if (path.empty() && (want.empty() || want == "surfaceless") && getPlatformDisplay &&
        hasExtension(clientExt, "EGL_MESA_platform_surfaceless")) {
        std::string why;
        EGLDisplay d = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
        if (tryDisplay(d, false, *impl_, why)) path = "EGL surfaceless";
        else tried += "surfaceless: " + why + "; ";
    }
    // 3. The default display with a pbuffer.
    if (path.empty() && (want.empty() || want == "default")) {
        std::string why;
        if (tryDisplay(eglGetDisplay(EGL_DEFAULT_DISPLAY), true, *impl_, why)) path = "EGL default display";
        else tried += "default display: " + why + "; ";
    }
    if (tried.size() >= 2) tried.resize(tried.size() - 2); // the last "; "
    if (tried.empty()) tried = "EGL offers no display at all: no EGL driver is installed or found";
    if (path.empty())
        throw std::runtime_error("no usable OpenGL 3.3: could not create a headless EGL context (" + tried +
                                 "). Install the Mesa EGL driver (Debian: libegl-mesa0 libgl1-mesa-dri) or a GPU "
                                 "driver with EGL.");
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    description_ = path + ": " + (renderer ? renderer : "?") + ", OpenGL " + (version ? version : "?");
}

HeadlessContext::~HeadlessContext() = default;

void HeadlessContext::makeCurrent() {
    if (!eglMakeCurrent(impl_->display, impl_->surface, impl_->surface, impl_->context))
        throw std::runtime_error("the OpenGL context cannot be made current (eglMakeCurrent: " +
                                 eglErrorName(eglGetError()) + ")");
}

} // namespace buildout
