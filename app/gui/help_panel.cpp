// The F1 shortcut list and the panel of load errors.
#include "app/gui/panels.h"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace buildout {

void drawHelpOverlay(UiState& ui, const Fonts& fonts) {
    if (!ui.showHelp) return;
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(size.x * 0.5f, size.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::Begin("Keyboard shortcuts", &ui.showHelp,
                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
    static const char* kRows[][2] = {
        {"Space", "play / pause"},
        {"Left / Right", "step a month (Shift: quarter, Ctrl: year)"},
        {"Home / End", "jump to start / end"},
        {"R", "reverse playback"},
        {"F5", "presentation mode (Esc leaves)"},
        {"Right / Left, Page Down / Up", "next / previous story beat (presentation)"},
        {"Home / End, 1 2 Enter", "first / last beat, beat 12 (presentation)"},
        {"B or .", "black the audience screen, and back (presentation)"},
        {"F6", "presenter view: notes, next beat, timers (second window)"},
        {"N", "fly to the national view"},
        {"L", "labels on / off"},
        {"1 ... 6", "datacenters, plants, lines, clusters, zones, basemap"},
        {"F12", "save a PNG of the map (no panels)"},
        {"Shift + drop a folder", "compare with that scenario (Layers panel: mode, Stop comparing)"},
        {"Ctrl+E / Ctrl+T", "export a video / tours (record, play, save)"},
        {"Mouse: left drag / right drag / wheel", "pan / orbit and tilt / zoom"},
        {"Click", "select an entity (inspector, right)"},
        {"F1", "this help"},
    };
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg)) {
        for (const auto& r : kRows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushFont(fonts.strong);
            ImGui::TextUnformatted(r[0]);
            ImGui::PopFont();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r[1]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

void drawErrorPanel(UiState& ui, const Fonts& fonts) {
    if (ui.loadErrors.empty()) return;
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(size.x * 0.5f, 80.0f), ImGuiCond_Appearing, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(std::min(size.x * 0.7f, 1100.0f), 0), ImGuiCond_Appearing);
    bool open = true;
    ImGui::Begin("Scenario not loaded", &open, ImGuiWindowFlags_NoCollapse);
    ImGui::PushFont(fonts.strong);
    ImGui::TextWrapped("%s has problems; %s", ui.status.c_str(),
                       ui.scenario ? "the previous scenario stays on screen."
                                   : "nothing is shown until they are fixed.");
    ImGui::PopFont();
    ImGui::BeginChild("##errors",
                      ImVec2(0, std::min(400.0f, 22.0f * static_cast<float>(ui.loadErrors.size()) + 10.0f)));
    for (const std::string& e : ui.loadErrors) {
        const bool isError = e.find(": error: ") != std::string::npos;
        ImGui::TextColored(isError ? ImVec4(1.0f, 0.55f, 0.5f, 1) : ImVec4(1.0f, 0.85f, 0.45f, 1), "%s",
                           e.c_str());
    }
    ImGui::EndChild();
    if (ImGui::Button("Copy all")) {
        std::string all;
        for (const auto& e : ui.loadErrors)
            all += e + "\n";
        ImGui::SetClipboardText(all.c_str());
    }
    ImGui::End();
    if (!open) ui.loadErrors.clear();
}

} // namespace buildout
