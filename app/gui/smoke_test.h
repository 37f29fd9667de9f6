// `buildout --smoke-test SHOT.png`: drives the real app through a fixed script of key presses (play,
// toggle layers, enter presentation, next beat, leave, pause), saves a screenshot and checks the state
// the script should have produced. Used by the Xvfb smoke test in CI.
#pragma once

#include "app/gui/ui_state.h"
#include "core/image.h"

#include <string>

struct ImGuiIO;

namespace buildout {

class SmokeTest {
public:
    explicit SmokeTest(std::string screenshotPath) : path_(std::move(screenshotPath)) {}
    /// Call once per frame after the platform backend's NewFrame and before ImGui::NewFrame.
    void inject(ImGuiIO& io, const UiState& ui);
    bool wantsScreenshot() const { return frame_ == kScreenshotFrame && !finished_; }
    /// Saves the screenshot and checks the final state.
    void finish(const Image& screenshot, const UiState& ui);
    bool done() const { return finished_; }
    bool passed() const { return passed_; }

private:
    static constexpr int kScreenshotFrame = 150;
    std::string path_;
    int frame_ = -1;
    int releaseKey_ = -1;
    double startTime_ = 0;
    bool sawPresentation_ = false;
    bool finished_ = false;
    bool passed_ = false;
};

} // namespace buildout
