// Dark theme and font loading (Inter through ImGui's FreeType rasteriser, with a fallback).
#include "app/gui/theme.h"

#include <imgui.h>
#include <imgui_freetype.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#ifndef BUILDOUT_FONT_DIR
#define BUILDOUT_FONT_DIR "/usr/share/fonts/opentype/inter"
#endif

namespace buildout {

Fonts setupTheme(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    Fonts f;
    const char* env = std::getenv("BUILDOUT_FONT_DIR");
    const std::filesystem::path dir = env && *env ? env : BUILDOUT_FONT_DIR;
    auto path = [&](const char* file) { return (dir / file).string(); };
    std::error_code ec;
    io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    if (std::filesystem::exists(path("Inter-Regular.otf"), ec)) {
        static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x0394, 0x0394, 0x2010, 0x2027, 0x2190, 0x2193, 0x2212, 0x2212,
                                          0x2248, 0x2248, 0x25A0, 0x25FF, 0};
        f.body = io.Fonts->AddFontFromFileTTF(path("Inter-Regular.otf").c_str(), 15.0f * scale, nullptr, kRanges);
        f.strong = io.Fonts->AddFontFromFileTTF(path("Inter-SemiBold.otf").c_str(), 15.0f * scale, nullptr, kRanges);
        f.large = io.Fonts->AddFontFromFileTTF(path("Inter-Bold.otf").c_str(), 28.0f * scale, nullptr, kRanges);
        f.small = io.Fonts->AddFontFromFileTTF(path("Inter-Regular.otf").c_str(), 12.5f * scale, nullptr, kRanges);
    }
    if (!f.body || !f.strong || !f.large || !f.small) {
        std::fprintf(stderr, "buildout: warning: Inter font not found in %s (Debian package fonts-inter); "
                             "using ImGui's built-in font\n", dir.c_str());
        io.Fonts->Clear();
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * scale;
        f.body = f.strong = f.small = io.Fonts->AddFontDefault(&cfg);
        cfg.SizePixels = 26.0f * scale;
        f.large = io.Fonts->AddFontDefault(&cfg);
        f.usingFallback = true;
    }

    ImGuiStyle& st = ImGui::GetStyle();
    st = ImGuiStyle();
    st.WindowRounding = 8.0f;
    st.ChildRounding = 6.0f;
    st.FrameRounding = 5.0f;
    st.PopupRounding = 6.0f;
    st.GrabRounding = 5.0f;
    st.TabRounding = 5.0f;
    st.ScrollbarRounding = 6.0f;
    st.WindowBorderSize = 1.0f;
    st.FrameBorderSize = 0.0f;
    st.WindowPadding = ImVec2(12, 10);
    st.FramePadding = ImVec2(8, 5);
    st.ItemSpacing = ImVec2(8, 7);
    st.WindowTitleAlign = ImVec2(0.0f, 0.5f);
    ImVec4* c = st.Colors;
    const ImVec4 text(0.92f, 0.94f, 0.97f, 1.0f);
    const ImVec4 panel(0.055f, 0.075f, 0.115f, 0.94f);
    const ImVec4 frame(0.12f, 0.155f, 0.215f, 1.0f);
    const ImVec4 accent(0.21f, 0.82f, 0.73f, 1.0f); // the "operating" teal
    c[ImGuiCol_Text] = text;
    c[ImGuiCol_TextDisabled] = ImVec4(0.55f, 0.60f, 0.68f, 1.0f);
    c[ImGuiCol_WindowBg] = panel;
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = ImVec4(0.07f, 0.09f, 0.14f, 0.98f);
    c[ImGuiCol_Border] = ImVec4(0.30f, 0.38f, 0.50f, 0.35f);
    c[ImGuiCol_FrameBg] = frame;
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.17f, 0.21f, 0.29f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.20f, 0.26f, 0.36f, 1.0f);
    c[ImGuiCol_TitleBg] = ImVec4(0.05f, 0.065f, 0.10f, 1.0f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.07f, 0.09f, 0.14f, 1.0f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.05f, 0.065f, 0.10f, 1.0f);
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_SliderGrab] = accent;
    c[ImGuiCol_SliderGrabActive] = ImVec4(0.40f, 0.95f, 0.86f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.15f, 0.19f, 0.27f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.22f, 0.29f, 0.40f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.16f, 0.55f, 0.50f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.15f, 0.19f, 0.27f, 1.0f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.22f, 0.29f, 0.40f, 1.0f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.16f, 0.55f, 0.50f, 1.0f);
    c[ImGuiCol_Separator] = ImVec4(0.30f, 0.38f, 0.50f, 0.35f);
    c[ImGuiCol_Tab] = ImVec4(0.10f, 0.13f, 0.19f, 1.0f);
    c[ImGuiCol_TabHovered] = ImVec4(0.22f, 0.29f, 0.40f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.16f, 0.22f, 0.31f, 1.0f);
    c[ImGuiCol_PlotLines] = accent;
    c[ImGuiCol_PlotHistogram] = accent;
    st.ScaleAllSizes(scale);
    return f;
}

} // namespace buildout
