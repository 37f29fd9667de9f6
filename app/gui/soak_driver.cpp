// The soak run's cycle of actions.
#include "app/gui/soak_driver.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cstdio>

namespace buildout {

namespace {

enum class Action { Key, CompareOn, CompareOff, CompareMode };
struct Step {
    Action action;
    int key; ///< GLFW key (Action::Key) or comparison mode (Action::CompareMode)
};

// One a second; 30 steps = a 30 s cycle.
constexpr Step kCycle[] = {
    {Action::Key, GLFW_KEY_HOME},                                     // from the start
    {Action::Key, GLFW_KEY_SPACE},                                    // play
    {Action::Key, GLFW_KEY_1},                                        // datacenters off
    {Action::Key, GLFW_KEY_1},                                        // and on
    {Action::Key, GLFW_KEY_2},                                        // power plants off
    {Action::Key, GLFW_KEY_2},                                        // and on
    {Action::Key, GLFW_KEY_3},                                        // transmission off
    {Action::Key, GLFW_KEY_3},                                        // and on
    {Action::Key, GLFW_KEY_4},                                        // superclusters off
    {Action::Key, GLFW_KEY_4},                                        // and on
    {Action::Key, GLFW_KEY_5},                                        // zones off
    {Action::Key, GLFW_KEY_5},                                        // and on
    {Action::Key, GLFW_KEY_6},                                        // basemap off
    {Action::Key, GLFW_KEY_6},                                        // and on
    {Action::Key, GLFW_KEY_L},                                        // labels off
    {Action::Key, GLFW_KEY_L},                                        // and on
    {Action::CompareOn, 0},                                           // compare with B
    {Action::CompareMode, static_cast<int>(CompareMode::SideBySide)}, // side by side
    {Action::CompareMode, static_cast<int>(CompareMode::Swipe)},      // swipe
    {Action::CompareMode, static_cast<int>(CompareMode::Diff)},       // diff
    {Action::CompareOff, 0},                                          // stop comparing
    {Action::Key, GLFW_KEY_F5},                                       // presentation
    {Action::Key, GLFW_KEY_RIGHT},                                    // first story beat
    {Action::Key, GLFW_KEY_RIGHT},                                    // next beat
    {Action::Key, GLFW_KEY_ESCAPE},                                   // leave presentation
    {Action::Key, GLFW_KEY_F1},                                       // help
    {Action::Key, GLFW_KEY_F1},                                       // help closed
    {Action::Key, GLFW_KEY_END},                                      // the last instant
    {Action::Key, GLFW_KEY_SPACE},                                    // pause
    {Action::Key, GLFW_KEY_N},                                        // national view
};
constexpr int kSteps = static_cast<int>(sizeof kCycle / sizeof kCycle[0]);

} // namespace

void SoakDriver::inject(ImGuiIO& io, UiState& ui, double now) {
    if (releaseKey_ >= 0) {
        io.KeysDown[releaseKey_] = false;
        releaseKey_ = -1;
        return;
    }
    if (nextStep_ < 0) nextStep_ = now + 1.0;
    if (now < nextStep_) return;
    nextStep_ += 1.0;
    const Step& s = kCycle[step_];
    switch (s.action) {
    case Action::Key:
        io.KeysDown[s.key] = true;
        releaseKey_ = s.key;
        break;
    case Action::CompareOn:
        if (!comparePath_.empty()) ui.compare.requested = comparePath_;
        break;
    case Action::CompareMode:
        ui.compare.view.mode = static_cast<CompareMode>(s.key);
        break;
    case Action::CompareOff:
        if (ui.compare.scenario) ui.compare.closeRequested = true;
        break;
    }
    if (++step_ == kSteps) {
        step_ = 0;
        ++cycles_;
        std::fprintf(stderr, "soak: cycle %d done\n", cycles_);
    }
}

} // namespace buildout
