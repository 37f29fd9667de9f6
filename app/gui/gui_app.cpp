// The desktop application's entry: a GLFW window with an OpenGL 3.3 core context, ImGui on it, and the
// frame loop (app/gui/frame_loop.h) until the window closes.
#include "app/gui/gui_app.h"

#include "app/cli/command_line.h"
#include "core/view/app_settings.h"
#include "app/gui/frame_loop.h"
#include "app/gui/theme.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

namespace buildout {

namespace {

struct GlfwSession {
    GlfwSession() {
        glfwSetErrorCallback([](int code, const char* msg) {
            std::fprintf(stderr, "buildout: GLFW error %d: %s\n", code, msg);
        });
        ok = glfwInit() == GLFW_TRUE;
    }
    ~GlfwSession() {
        if (ok) glfwTerminate();
    }
    GlfwSession(const GlfwSession&) = delete;
    GlfwSession& operator=(const GlfwSession&) = delete;
    bool ok = false;
};

struct ImGuiSession {
    explicit ImGuiSession(GLFWwindow* w) {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr; // layout is computed, not persisted by ImGui
        ImGui_ImplGlfw_InitForOpenGL(w, true);
        ImGui_ImplOpenGL3_Init("#version 330 core");
    }
    ~ImGuiSession() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    ImGuiSession(const ImGuiSession&) = delete;
    ImGuiSession& operator=(const ImGuiSession&) = delete;
};

/// A window with an OpenGL 3.3 core context, current on this thread.
GLFWwindow* openWindow(const AppSettings& settings) {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    // No multisampling in the window itself: the map draws into its own multisampled target, and ImGui
    // anti-aliases in its vertices. A 4x window framebuffer only made ImGui's pass, the clear and the
    // resolve at the swap four times dearer: 30 -> 13 ms a frame at 960x540 on llvmpipe (session 8).
    // The hint also holds for the presenter window, opened later.
    glfwWindowHint(GLFW_SAMPLES, 0);
    GLFWwindow* window =
        glfwCreateWindow(settings.windowWidth, settings.windowHeight, "Buildout", nullptr, nullptr);
    if (!window)
        throw std::runtime_error(
            "cannot create an OpenGL 3.3 window (no OpenGL driver for this display? see the "
            "GLFW error above)");
    // BUILDOUT_TEST_FAIL_MAKE_CURRENT=1 (a diagnostic, docs/security.md) skips the call, so the check
    // below, which catches a driver that refuses, is exercised.
    const char* failCurrent = std::getenv("BUILDOUT_TEST_FAIL_MAKE_CURRENT");
    if (!(failCurrent && std::string(failCurrent) == "1")) glfwMakeContextCurrent(window);
    if (glfwGetCurrentContext() != window) {
        glfwDestroyWindow(window);
        throw std::runtime_error("the window's OpenGL context cannot be made current");
    }
    glfwSwapInterval(1);
    return window;
}

} // namespace

int runGui(const std::vector<std::string>& args) {
    const GuiOptions options = parseGuiOptions(args);
    GlfwSession glfw;
    if (!glfw.ok)
        throw std::runtime_error(
            "cannot open a window (no display?). For headless use: buildout snapshot / validate / info");
    std::string warning;
    AppSettings settings = loadAppSettings(settingsPath(), warning);
    if (!warning.empty()) std::cerr << "buildout: warning: " << warning << "\n";
    GLFWwindow* window = openWindow(settings);
    int code = kExitOk;
    {
        // The GL objects of the loop (renderers, targets) and ImGui go before the window does.
        ImGuiSession imgui(window);
        float sx = 1, sy = 1;
        glfwGetWindowContentScale(window, &sx, &sy);
        const Fonts fonts = setupTheme(std::max(sx, 1.0f));
        FrameLoop loop(window, options, settings, fonts);
        code = loop.run();
    }
    glfwDestroyWindow(window);
    return code;
}

} // namespace buildout
