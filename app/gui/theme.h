// The GUI's look: a dark, projector-friendly ImGui theme and Inter fonts at the monitor's scale.
#pragma once

struct ImFont;

namespace buildout {

struct Fonts {
    ImFont* body = nullptr;    ///< 15 pt regular
    ImFont* strong = nullptr;  ///< 15 pt semibold
    ImFont* large = nullptr;   ///< 28 pt bold (current date)
    ImFont* small = nullptr;   ///< 12.5 pt regular
    bool usingFallback = false; ///< Inter was not found; ImGui's built-in font is used
};

/// Applies the theme and loads fonts for `contentScale` (1 = 96 dpi). Call before the first frame.
Fonts setupTheme(float contentScale);

} // namespace buildout
