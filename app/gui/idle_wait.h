// Idle costs nothing: when nothing moves (no playback, flight, tour, load or export), the frame loop
// waits for window events instead of redrawing as fast as it can, and draws a frame only when one came.
//
// Input events are counted by wrapping the window's callbacks; the callbacks installed before (ImGui's,
// the app's keys and drops) are chained, so they still see everything. After an event a few more frames
// are drawn so that ImGui's layout and hover state settle (it lags input by a frame).
#pragma once

#ifndef GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_NONE
#endif
#include <GLFW/glfw3.h>

namespace buildout {

/// Counts a window's events; the previous callbacks are called first.
struct WindowEvents {
    unsigned long count = 0;
    GLFWcursorposfun cursorPos = nullptr;
    GLFWmousebuttonfun mouseButton = nullptr;
    GLFWscrollfun scroll = nullptr;
    GLFWkeyfun key = nullptr;
    GLFWcharfun character = nullptr;
    GLFWdropfun drop = nullptr;
    GLFWwindowsizefun size = nullptr;
    GLFWwindowfocusfun focus = nullptr;
    GLFWcursorenterfun enter = nullptr;
    GLFWwindowrefreshfun refresh = nullptr;
};

/// Wraps the window's current callbacks. The window's user pointer must point to an `Owner` with a
/// `WindowEvents events` member (call after every other callback is installed).
template <typename Owner> WindowEvents& countWindowEvent(GLFWwindow* w) {
    WindowEvents& e = static_cast<Owner*>(glfwGetWindowUserPointer(w))->events;
    ++e.count;
    return e;
}

template <typename Owner> void hookWindowEvents(GLFWwindow* window) {
    WindowEvents& e = static_cast<Owner*>(glfwGetWindowUserPointer(window))->events;
    e.cursorPos = glfwSetCursorPosCallback(window, [](GLFWwindow* w, double x, double y) {
        if (auto f = countWindowEvent<Owner>(w).cursorPos) f(w, x, y);
    });
    e.mouseButton = glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int b, int a, int m) {
        if (auto f = countWindowEvent<Owner>(w).mouseButton) f(w, b, a, m);
    });
    e.scroll = glfwSetScrollCallback(window, [](GLFWwindow* w, double x, double y) {
        if (auto f = countWindowEvent<Owner>(w).scroll) f(w, x, y);
    });
    e.key = glfwSetKeyCallback(window, [](GLFWwindow* w, int k, int s, int a, int m) {
        if (auto f = countWindowEvent<Owner>(w).key) f(w, k, s, a, m);
    });
    e.character = glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int c) {
        if (auto f = countWindowEvent<Owner>(w).character) f(w, c);
    });
    e.drop = glfwSetDropCallback(window, [](GLFWwindow* w, int n, const char** p) {
        if (auto f = countWindowEvent<Owner>(w).drop) f(w, n, p);
    });
    e.size = glfwSetWindowSizeCallback(window, [](GLFWwindow* w, int x, int y) {
        if (auto f = countWindowEvent<Owner>(w).size) f(w, x, y);
    });
    e.focus = glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int f0) {
        if (auto f = countWindowEvent<Owner>(w).focus) f(w, f0);
    });
    e.enter = glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int in) {
        if (auto f = countWindowEvent<Owner>(w).enter) f(w, in);
    });
    e.refresh = glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) {
        if (auto f = countWindowEvent<Owner>(w).refresh) f(w);
    });
}

/// Decides per loop turn whether to poll or wait, and whether to draw.
class IdleWait {
public:
    /// Frames drawn after the last event before the loop may wait again.
    static constexpr int kSettleFrames = 3;
    /// The longest wait, seconds: the file watcher polls once a second, so a change is still seen.
    static constexpr double kMaxWaitSeconds = 0.5;

    /// Processes the window's events: polls when `active` (something moves) or frames are still
    /// settling after an event, else waits up to kMaxWaitSeconds. Returns whether to draw a frame.
    bool next(const WindowEvents& events, bool active) {
        if (active || settle_ > 0)
            glfwPollEvents();
        else
            glfwWaitEventsTimeout(kMaxWaitSeconds);
        if (events.count != seen_) seen_ = events.count, settle_ = kSettleFrames + 1;
        if (active) settle_ = kSettleFrames + 1; // a frame after it stops (e.g. the last of playback)
        if (settle_ == 0) return false;
        --settle_;
        return true;
    }
    /// Something changed outside the window (a scenario arrived, a reload started): draw again.
    void wake() { settle_ = kSettleFrames + 1; }

private:
    unsigned long seen_ = 0;
    int settle_ = kSettleFrames + 1;
};

} // namespace buildout
