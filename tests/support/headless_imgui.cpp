// The headless ImGui context shared by the UI and GUI-export tests.
#include "tests/support/headless_imgui.h"

#include <imgui.h>

namespace buildout::test {

HeadlessImGui::HeadlessImGui(float width, float height, float fontScale) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    for (int i = 0; i < ImGuiKey_COUNT; ++i) io.KeyMap[i] = -1;
    fonts_ = setupTheme(fontScale);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h); // builds the atlas; nothing is uploaded
}

HeadlessImGui::~HeadlessImGui() { ImGui::DestroyContext(); }

} // namespace buildout::test
