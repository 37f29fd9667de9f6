// The presenter's window: placement, a shared GL context, its own ImGui context and callbacks.
#include "app/gui/presenter_window.h"

#include "render/screen_capture.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace buildout {

WindowPlacement placeWindows(const std::vector<ScreenRect>& monitors, int audience) {
    WindowPlacement p;
    if (monitors.empty()) {
        p.audience = {0, 0, 1920, 1080};
        p.presenter = {40, 40, 1280, 720};
        p.presenterBorderless = false;
        return p;
    }
    const int a = std::clamp(audience, 0, static_cast<int>(monitors.size()) - 1);
    const ScreenRect& m = monitors[static_cast<std::size_t>(a)];
    p.audienceMonitor = a;
    p.audience = m;
    if (monitors.size() > 1) {
        p.presenter = monitors[a == 0 ? 1 : 0];
        return p;
    }
    if (m.w * 9 >= m.h * 32) { // 32:9 or wider: two 16:9 screens side by side
        p.audienceFullscreen = false;
        p.audience = {m.x, m.y, m.w / 2, m.h};
        p.presenter = {m.x + m.w / 2, m.y, m.w - m.w / 2, m.h};
        return p;
    }
    p.presenter = {m.x + m.w / 8, m.y + m.h / 8, m.w * 3 / 4, m.h * 3 / 4};
    p.presenterBorderless = false;
    return p;
}

std::vector<ScreenRect> monitorRects() {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    std::vector<ScreenRect> rects;
    for (int i = 0; i < count; ++i) {
        ScreenRect r;
        glfwGetMonitorPos(monitors[i], &r.x, &r.y);
        if (const GLFWvidmode* mode = glfwGetVideoMode(monitors[i])) r.w = mode->width, r.h = mode->height;
        rects.push_back(r);
    }
    return rects;
}

template <class F> void PresenterWindow::withContext(F&& f) {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(context_);
    f();
    ImGui::SetCurrentContext(previous);
}

PresenterWindow::PresenterWindow(GLFWwindow* mainWindow, KeyQueue& keys, const ScreenRect& where,
                                 bool borderless, float contentScale)
    : main_(mainWindow), mainContext_(ImGui::GetCurrentContext()), keys_(keys) {
    // The main window's context hints (3.3 core, forward compatible, 4x MSAA) are still set.
    glfwWindowHint(GLFW_DECORATED, borderless ? GLFW_FALSE : GLFW_TRUE);
    window_ = glfwCreateWindow(std::max(where.w, 320), std::max(where.h, 240), "Buildout - presenter view",
                               nullptr, mainWindow);
    glfwWindowHint(GLFW_DECORATED, GLFW_TRUE);
    if (!window_) throw std::runtime_error("cannot open the presenter view's window");
    glfwSetWindowPos(window_, where.x, where.y);
    glfwSetWindowUserPointer(window_, this);
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(0); // the audience window waits for vsync; this one must not wait a second time
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGui::GetIO().IniFilename = nullptr;
    fonts_ = setupTheme(2.4f * std::max(contentScale, 1.0f));
    ImGui_ImplGlfw_InitForOpenGL(window_, false); // callbacks below, switching to this context
    ImGui_ImplOpenGL3_Init("#version 330 core");
    glfwSetKeyCallback(window_, [](GLFWwindow* w, int key, int, int action, int) {
        auto* self = static_cast<PresenterWindow*>(glfwGetWindowUserPointer(w));
        if (action == GLFW_PRESS) self->keys_.push(key, KeyQueue::Action::Press);
        if (action == GLFW_RELEASE) self->keys_.push(key, KeyQueue::Action::Release);
    });
    glfwSetMouseButtonCallback(window_, [](GLFWwindow* w, int button, int action, int mods) {
        auto* self = static_cast<PresenterWindow*>(glfwGetWindowUserPointer(w));
        self->withContext([&] { ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods); });
    });
    glfwSetScrollCallback(window_, [](GLFWwindow* w, double dx, double dy) {
        auto* self = static_cast<PresenterWindow*>(glfwGetWindowUserPointer(w));
        self->withContext([&] { ImGui_ImplGlfw_ScrollCallback(w, dx, dy); });
    });
    glfwSetWindowFocusCallback(window_, [](GLFWwindow* w, int focused) {
        auto* self = static_cast<PresenterWindow*>(glfwGetWindowUserPointer(w));
        self->withContext([&] { ImGui_ImplGlfw_WindowFocusCallback(w, focused); });
    });
    glfwSetCursorEnterCallback(window_, [](GLFWwindow* w, int entered) {
        auto* self = static_cast<PresenterWindow*>(glfwGetWindowUserPointer(w));
        self->withContext([&] { ImGui_ImplGlfw_CursorEnterCallback(w, entered); });
    });
    ImGui::SetCurrentContext(mainContext_);
    glfwMakeContextCurrent(main_);
}

PresenterWindow::~PresenterWindow() {
    if (context_) {
        glfwMakeContextCurrent(window_);
        ImGui::SetCurrentContext(context_);
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext(context_);
        ImGui::SetCurrentContext(mainContext_);
    }
    glfwMakeContextCurrent(main_);
    if (window_) glfwDestroyWindow(window_);
}

bool PresenterWindow::closeRequested() const {
    return glfwWindowShouldClose(window_) != 0;
}

PresenterActions PresenterWindow::draw(const PresenterView& view, unsigned thumbnail, float thumbAspect) {
    glfwMakeContextCurrent(window_);
    ImGui::SetCurrentContext(context_);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // The fonts are made for a 1080-pixel-high screen; a smaller window scales them down to fit.
    ImGuiIO& io = ImGui::GetIO();
    io.FontGlobalScale = std::clamp(io.DisplaySize.y / 1080.0f, 0.55f, 1.0f);
    ImGui::NewFrame();
    const PresenterActions act = drawPresenterView(
        view, fonts_, reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(thumbnail)), thumbAspect);
    ImGui::Render();
    int fbW = 0, fbH = 0;
    glfwGetFramebufferSize(window_, &fbW, &fbH);
    clearWindow(fbW, fbH);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(window_);
    ImGui::SetCurrentContext(mainContext_);
    glfwMakeContextCurrent(main_);
    return act;
}

} // namespace buildout
