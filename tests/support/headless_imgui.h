// An ImGui context with no platform window and no renderer backend, for tests of the GUI's logic and
// panels: a fixed display size and frame time, no key map (keys are GLFW codes in KeysDown, as the
// app's backend sets them) and the app's theme and fonts, with the font atlas built but never uploaded.
#pragma once

#include "app/gui/theme.h"

namespace buildout::test {

class HeadlessImGui {
public:
    explicit HeadlessImGui(float width = 1600, float height = 900, float fontScale = 1.0f);
    ~HeadlessImGui();
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;
    const Fonts& fonts() const { return fonts_; }

private:
    Fonts fonts_;
};

} // namespace buildout::test
