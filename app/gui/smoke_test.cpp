// The scripted smoke run.
#include "app/gui/smoke_test.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cstdio>

namespace buildout {

namespace {
struct Step {
    int frame;
    int key;
};
// Frames after the scenario has loaded.
constexpr Step kScript[] = {
    {2, GLFW_KEY_SPACE},  // play
    {40, GLFW_KEY_1},     // datacenters off
    {44, GLFW_KEY_1},     // and on again
    {48, GLFW_KEY_3},     // transmission off
    {52, GLFW_KEY_3},     // and on again
    {60, GLFW_KEY_SPACE}, // pause
    {70, GLFW_KEY_F5},    // presentation mode
    {80, GLFW_KEY_RIGHT}, // first story beat
    {110, GLFW_KEY_ESCAPE}, // leave presentation
    {120, GLFW_KEY_F1},   // help overlay
    {140, GLFW_KEY_F1},   // and closed
};
} // namespace

void SmokeTest::inject(ImGuiIO& io, const UiState& ui) {
    ++frame_;
    if (frame_ == 0) startTime_ = ui.playback.time;
    if (releaseKey_ >= 0) {
        io.KeysDown[releaseKey_] = false;
        releaseKey_ = -1;
    }
    if (ui.presenting) sawPresentation_ = true;
    for (const Step& s : kScript)
        if (s.frame == frame_) {
            io.KeysDown[s.key] = true;
            releaseKey_ = s.key;
        }
}

void SmokeTest::finish(const Image& screenshot, const UiState& ui) {
    finished_ = true;
    std::string why;
    const bool saved = writePng(screenshot, path_, &why);
    const bool layersBack = ui.map.datacenters.visible && ui.map.transmission.visible;
    const bool played = ui.playback.time != startTime_;
    const bool beat = ui.beat >= 0 || (ui.scenario && ui.scenario->manifest.events.empty());
    passed_ = saved && layersBack && played && sawPresentation_ && !ui.presenting && !ui.playback.playing &&
              !ui.showHelp && beat;
    std::fprintf(passed_ ? stdout : stderr,
                 "smoke: %s (screenshot %s, played %d, layers restored %d, presented %d, left %d, beat %d)\n",
                 passed_ ? "ok" : "FAILED", saved ? path_.c_str() : why.c_str(), played, layersBack, sawPresentation_,
                 !ui.presenting, ui.beat);
}

} // namespace buildout
