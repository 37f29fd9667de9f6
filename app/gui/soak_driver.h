// `buildout [DIR] --soak-drive B_DIR`: drives the real app for as long as it runs (bench/soak.sh stops
// it): a repeating cycle of actions a briefing-room screen sees, one a second: play, each layer off and
// on, comparison with B_DIR on (each mode) and off, presentation in (a story beat) and out, back to the
// start when playback reaches the end. Scenario reloads come from outside (soak.sh touches the files).
// It checks nothing itself: soak.sh samples memory and descriptors.
#pragma once

#include "app/gui/ui_state.h"

#include <string>

struct ImGuiIO;

namespace buildout {

class SoakDriver {
public:
    explicit SoakDriver(std::string comparePath) : comparePath_(std::move(comparePath)) {}
    /// Call once per frame after the platform backend's NewFrame and before ImGui::NewFrame; `now` in
    /// seconds (glfwGetTime). Presses at most one key per frame (released the next frame).
    void inject(ImGuiIO& io, UiState& ui, double now);
    /// Completed cycles (for the log line when the app exits).
    int cycles() const { return cycles_; }

private:
    std::string comparePath_;
    double nextStep_ = -1; ///< when the next action is due (s)
    int step_ = 0;
    int cycles_ = 0;
    int releaseKey_ = -1;
};

} // namespace buildout
