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
    {Action::Key, GLFW_KEY_HOME},  {Action::Key, GLFW_KEY_SPACE}, // from the start, play
    {Action::Key, GLFW_KEY_1},     {Action::Key, GLFW_KEY_1},     // datacenters off, on
    {Action::Key, GLFW_KEY_2},     {Action::Key, GLFW_KEY_2},     // power plants
    {Action::Key, GLFW_KEY_3},     {Action::Key, GLFW_KEY_3},     // transmission
    {Action::Key, GLFW_KEY_4},     {Action::Key, GLFW_KEY_4},     // superclusters
    {Action::Key, GLFW_KEY_5},     {Action::Key, GLFW_KEY_5},     // zones
    {Action::Key, GLFW_KEY_6},     {Action::Key, GLFW_KEY_6},     // basemap
    {Action::Key, GLFW_KEY_L},     {Action::Key, GLFW_KEY_L},     // labels
    {Action::CompareOn, 0},        {Action::CompareMode, static_cast<int>(CompareMode::SideBySide)},
    {Action::CompareMode, static_cast<int>(CompareMode::Swipe)},
    {Action::CompareMode, static_cast<int>(CompareMode::Diff)},
    {Action::CompareOff, 0},       {Action::Key, GLFW_KEY_F5}, // presentation
    {Action::Key, GLFW_KEY_RIGHT}, {Action::Key, GLFW_KEY_RIGHT}, // story beats
    {Action::Key, GLFW_KEY_ESCAPE}, {Action::Key, GLFW_KEY_F1},   // out; help
    {Action::Key, GLFW_KEY_F1},    {Action::Key, GLFW_KEY_END},   // help closed; the last instant
    {Action::Key, GLFW_KEY_SPACE}, {Action::Key, GLFW_KEY_N},     // pause; national view
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
