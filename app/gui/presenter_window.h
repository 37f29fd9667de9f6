// The presenter view's window: a second GLFW window for the presenter's screen, on the second monitor
// when there is one, while the audience window shows only the presentation.
//
// Its GL context shares the main context's objects (glfwCreateWindow's `share`): textures and buffers,
// so the scenario is uploaded once and the next beat's thumbnail, rendered in the main context into an
// offscreen target, is shown here as a texture. (VAOs and framebuffers are not shared between contexts:
// nothing of render/ is drawn in this context, only ImGui, whose OpenGL backend makes its own VAO.)
//
// Dear ImGui 1.86 has no multi-viewport in the Debian build, so the window has its own ImGui context.
// The 1.86 GLFW backend's callbacks act on the *current* ImGui context, so this window's callbacks are
// our own: keys go to the main window's KeyQueue (the same presentation controls in either window), and
// mouse, scroll, focus and text events are handed to the backend with this window's context made current.
#pragma once

#include "app/gui/key_queue.h"
#include "app/gui/presenter_view.h"
#include "app/gui/theme.h"

#include <vector>

struct GLFWwindow;
struct ImGuiContext;

namespace buildout {

/// A rectangle on the virtual screen, in screen coordinates (GLFW's monitor positions and sizes).
struct ScreenRect {
    int x = 0, y = 0, w = 0, h = 0;
};

/// Where the audience's and the presenter's windows go.
struct WindowPlacement {
    ScreenRect audience;
    bool audienceFullscreen = true; ///< fullscreen on monitor `audienceMonitor`; else a borderless window
    int audienceMonitor = 0;
    ScreenRect presenter;
    bool presenterBorderless = true; ///< it covers a monitor (or half of a split one); else a normal window
};

/// The placement for `monitors` (GLFW's order) with presentation mode on monitor `audience` (clamped):
/// with two or more monitors the presenter window covers the first other one; a single monitor of 32:9 or
/// wider (two 16:9 screens joined into one X screen, as TwinView or a wide Xvfb screen report them) is
/// split, the audience on its left half and the presenter on its right; otherwise the presenter view is
/// a separate window over the single screen.
WindowPlacement placeWindows(const std::vector<ScreenRect>& monitors, int audience);
/// Every connected monitor's rectangle, in GLFW's order (needs GLFW initialised).
std::vector<ScreenRect> monitorRects();

class PresenterWindow {
public:
    /// Opens the window at `where` (without a border when `borderless`) sharing `mainWindow`'s GL
    /// objects, with its own ImGui context and fonts at 2.4 times the app's size (36 px text, 67 px
    /// titles: legible at 1080p from across a room). The main window's GL and ImGui contexts are current
    /// again on return. Throws std::runtime_error when the window cannot be made.
    PresenterWindow(GLFWwindow* mainWindow, KeyQueue& keys, const ScreenRect& where, bool borderless,
                    float contentScale);
    ~PresenterWindow();
    PresenterWindow(const PresenterWindow&) = delete;
    PresenterWindow& operator=(const PresenterWindow&) = delete;

    /// The presenter closed the window (its close button).
    bool closeRequested() const;
    /// Draws and presents one frame of the presenter's screen; `thumbnail` is a GL texture of the main
    /// context (0 = none). The main window's GL and ImGui contexts are current again on return.
    PresenterActions draw(const PresenterView& view, unsigned thumbnail, float thumbAspect);

private:
    /// Runs `f` with this window's ImGui context current (for the GLFW callbacks).
    template <class F> void withContext(F&& f);

    GLFWwindow* main_;
    GLFWwindow* window_ = nullptr;
    ImGuiContext* mainContext_;
    ImGuiContext* context_ = nullptr;
    KeyQueue& keys_;
    Fonts fonts_;
};

} // namespace buildout
