// Presentation mode's PowerPoint habits, GL-free: B blacks the screen and back, digits + Enter jump to
// beat N, Home/End the first/last beat, and a clicker's keys (Page Down/Up, arrows, B) all work, also
// when they arrive faster than frames (through the key queue).
#include "app/gui/key_queue.h"
#include "tests/ui/ui_harness.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <initializer_list>

using namespace buildout;

namespace {

/// Presentation mode on the default scenario (many events), not yet on a beat.
struct Presenting : test::UiHarness {
    Presenting() {
        LoadResult r = loadScenario(std::string(BUILDOUT_DATA_DIR) + "/scenarios/us-announced");
        REQUIRE(r.scenario);
        ui.scenario = r.scenario;
        ui.totals = std::make_unique<TotalsTimeline>(*ui.scenario);
        map.emplace(ui.scenario);
        ui.playback.time = ui.start();
        ui.presenting = true;
        REQUIRE(events() >= 12);
    }
    int events() const { return static_cast<int>(ui.scenario->manifest.events.size()); }
    void keys(std::initializer_list<int> ks) {
        for (int k : ks)
            frameWithKey(k);
    }
};

} // namespace

TEST_CASE("Presenting: B blacks the audience screen and B again brings it back, and . does the same",
          "[ui][present]") {
    Presenting p;
    CHECK_FALSE(p.ui.blackout);
    p.frameWithKey(GLFW_KEY_B);
    CHECK(p.ui.blackout);
    p.frameWithKey(GLFW_KEY_B);
    CHECK_FALSE(p.ui.blackout);
    p.frameWithKey(GLFW_KEY_PERIOD);
    CHECK(p.ui.blackout);
    // Leaving presentation mode never leaves the window black.
    p.frameWithKey(GLFW_KEY_ESCAPE);
    CHECK_FALSE(p.ui.presenting);
    CHECK_FALSE(p.ui.blackout);
}

TEST_CASE("Presenting: digits then Enter jump to beat N (1-based), keypad too, Esc drops the digits",
          "[ui][present]") {
    Presenting p;
    p.keys({GLFW_KEY_1, GLFW_KEY_2, GLFW_KEY_ENTER});
    CHECK(p.ui.beat == 11);
    CHECK(p.ui.playback.time == Approx(p.ui.scenario->manifest.events[11].date));
    CHECK(p.ui.beatEntry.empty());
    p.keys({GLFW_KEY_KP_3, GLFW_KEY_KP_ENTER});
    CHECK(p.ui.beat == 2);
    // Digits do not toggle layers while presenting.
    CHECK(p.ui.map.datacenters.visible);
    CHECK(p.ui.map.powerPlants.visible);
    // A number past the last beat goes to the last; Esc cancels a half-typed number and stays presenting.
    p.keys({GLFW_KEY_9, GLFW_KEY_9, GLFW_KEY_9, GLFW_KEY_ENTER});
    CHECK(p.ui.beat == p.events() - 1);
    p.keys({GLFW_KEY_4, GLFW_KEY_ESCAPE, GLFW_KEY_ENTER});
    CHECK(p.ui.presenting);
    CHECK(p.ui.beat == p.events() - 1);
    p.keys({GLFW_KEY_4, GLFW_KEY_5, GLFW_KEY_BACKSPACE, GLFW_KEY_ENTER});
    CHECK(p.ui.beat == 3);
}

TEST_CASE("Presenting: Home and End go to the first and last beat", "[ui][present]") {
    Presenting p;
    p.frameWithKey(GLFW_KEY_END);
    CHECK(p.ui.beat == p.events() - 1);
    CHECK(p.ui.playback.time == Approx(p.ui.scenario->manifest.events.back().date));
    p.frameWithKey(GLFW_KEY_HOME);
    CHECK(p.ui.beat == 0);
    CHECK(p.ui.playback.time == Approx(p.ui.scenario->manifest.events.front().date));
}

TEST_CASE("Presenting: a clicker's Page Down/Up, arrows and B all work, queued faster than frames",
          "[ui][present][keys]") {
    Presenting p;
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 0.2f; // a slow frame: every tap arrives within one
    KeyQueue queue;
    auto tap = [&](int key) {
        queue.push(key, KeyQueue::Action::Press);
        queue.push(key, KeyQueue::Action::Release);
    };
    for (int key : {GLFW_KEY_PAGE_DOWN, GLFW_KEY_PAGE_DOWN, GLFW_KEY_RIGHT, GLFW_KEY_DOWN, GLFW_KEY_PAGE_UP,
                    GLFW_KEY_B, GLFW_KEY_LEFT, GLFW_KEY_UP, GLFW_KEY_PAGE_DOWN})
        tap(key);
    for (int frame = 0; frame < 24; ++frame) {
        queue.apply(io);
        ImGui::NewFrame();
        handleShortcuts(p.ui, p.view(), p.aspect);
        ImGui::Render();
    }
    CHECK(queue.pending() == 0);
    // Four forward (0,1,2,3), three back (2,1,0), one forward: beat 1, and the screen black.
    CHECK(p.ui.beat == 1);
    CHECK(p.ui.blackout);
}

TEST_CASE("Presenting: F6 toggles the presenter view, presenting or not", "[ui][present]") {
    Presenting p;
    CHECK_FALSE(p.ui.presenterView);
    p.frameWithKey(GLFW_KEY_F6);
    CHECK(p.ui.presenterView);
    p.ui.presenting = false;
    p.frameWithKey(GLFW_KEY_F6);
    CHECK_FALSE(p.ui.presenterView);
}
