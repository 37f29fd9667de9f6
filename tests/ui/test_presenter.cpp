// The presenter view without a window or GL: where the two windows go, what the presenter's screen
// shows (notes, next beat, timers, clock, beat list), that it draws inside the screen with the notes
// wrapped, and that a click in its beat list asks for that beat.
#include "app/gui/presenter_view.h"
#include "app/gui/presenter_window.h"
#include "core/scenario_loader.h"
#include "tests/support/headless_imgui.h"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <set>
#include <string>

using namespace buildout;

namespace {

/// The default scenario with notes on beat 2 (index 1), presenting, on beat 2.
UiState presentingWithNotes(const std::string& notes) {
    LoadResult r = loadScenario(std::string(BUILDOUT_DATA_DIR) + "/scenarios/us-announced");
    REQUIRE(r.scenario);
    auto s = std::make_shared<Scenario>(*r.scenario);
    REQUIRE(s->manifest.events.size() >= 3);
    s->manifest.events[1].notes = notes;
    UiState ui;
    ui.scenario = s;
    ui.presenting = true;
    ui.beat = 1;
    return ui;
}

} // namespace

TEST_CASE("Presenter: the windows go on two monitors, or split a 32:9 screen, or overlap one screen",
          "[ui][presenter]") {
    const WindowPlacement two = placeWindows({{0, 0, 1920, 1080}, {1920, 0, 2560, 1440}}, 0);
    CHECK(two.audienceFullscreen);
    CHECK(two.audienceMonitor == 0);
    CHECK(two.presenter.x == 1920);
    CHECK(two.presenter.w == 2560);
    CHECK(two.presenterBorderless);
    // The audience on the second monitor: the presenter takes the first.
    const WindowPlacement swapped = placeWindows({{0, 0, 1920, 1080}, {1920, 0, 1920, 1080}}, 1);
    CHECK(swapped.audienceMonitor == 1);
    CHECK(swapped.presenter.x == 0);
    // One 3840x1080 screen (Xvfb, TwinView): audience left half, presenter right half.
    const WindowPlacement wide = placeWindows({{0, 0, 3840, 1080}}, 0);
    CHECK_FALSE(wide.audienceFullscreen);
    CHECK(wide.audience.w == 1920);
    CHECK(wide.presenter.x == 1920);
    CHECK(wide.presenter.w == 1920);
    CHECK(wide.presenter.h == 1080);
    // One ordinary screen: fullscreen audience, the presenter a separate (decorated) window over it.
    const WindowPlacement one = placeWindows({{0, 0, 1920, 1080}}, 3);
    CHECK(one.audienceFullscreen);
    CHECK(one.audienceMonitor == 0);
    CHECK_FALSE(one.presenterBorderless);
    CHECK(one.presenter.w < 1920);
    CHECK(placeWindows({}, 0).presenter.w > 0);
}

TEST_CASE("Presenter: the timers start with the talk, the beat timer restarts on each beat",
          "[ui][presenter]") {
    UiState ui = presentingWithNotes("");
    PresenterClock clock;
    clock.update(ui, 100.0);
    ui.beat = 2;
    clock.update(ui, 130.0);
    PresenterView v = makePresenterView(ui, clock, 195.0, 0);
    CHECK(v.talkTime == "1:35");
    CHECK(v.beatTime == "1:05");
    ui.presenting = false;
    clock.update(ui, 200.0);
    CHECK(makePresenterView(ui, clock, 250.0, 0).talkTime == "0:00");
    CHECK(formatElapsed(3725.5) == "1:02:05");
    CHECK(formatElapsed(-3) == "0:00");
}

TEST_CASE("Presenter: the view shows the current beat's notes, the next beat and the list",
          "[ui][presenter]") {
    UiState ui = presentingWithNotes("Say this.\n\nThen this.");
    ui.blackout = true;
    ui.beatEntry = "1";
    PresenterClock clock;
    clock.update(ui, 0);
    const PresenterView v = makePresenterView(ui, clock, 0, 0);
    const auto& events = ui.scenario->manifest.events;
    CHECK(v.beat == 1);
    CHECK(v.count == static_cast<int>(events.size()));
    CHECK(v.title == events[1].title);
    CHECK(v.caption == events[1].text);
    CHECK(v.notes == "Say this.\n\nThen this.");
    REQUIRE(v.hasNext);
    CHECK(v.nextTitle == events[2].title);
    CHECK(v.beats.size() == events.size());
    CHECK(v.beats[1].find(events[1].title) != std::string::npos);
    CHECK(v.blackout);
    CHECK(v.beatEntry == "1");
    CHECK(v.wallClock.size() == 5); // HH:MM
    // Before the first beat there is no current beat; on the last there is no next.
    ui.beat = -1;
    CHECK(makePresenterView(ui, clock, 0, 0).title.empty());
    ui.beat = static_cast<int>(events.size()) - 1;
    CHECK_FALSE(makePresenterView(ui, clock, 0, 0).hasNext);
}

TEST_CASE("Presenter: at 1080p long notes wrap: every glyph is drawn, none past the display",
          "[ui][presenter]") {
    test::HeadlessImGui imgui(1920, 1080, 2.4f);
    std::string notes;
    for (int p = 0; p < 3; ++p)
        notes += std::string(p ? "\n\n" : "") +
                 "A long paragraph of speaker notes that must wrap at the column's edge rather than run off "
                 "the screen, with enough words to need several lines at the presenter's large size.";
    // Vertices drawn and the rightmost one, for a screen with `text` as the notes.
    auto draw = [&](const std::string& text, float& maxX) {
        UiState ui = presentingWithNotes(text);
        PresenterClock clock;
        clock.update(ui, 0);
        const PresenterView v = makePresenterView(ui, clock, 0, 0);
        for (int frame = 0; frame < 3; ++frame) {
            ImGui::NewFrame();
            drawPresenterView(v, imgui.fonts(), ImTextureID{}, 16.0f / 9.0f);
            ImGui::Render();
        }
        const ImDrawData* dd = ImGui::GetDrawData();
        maxX = 0;
        for (int l = 0; l < dd->CmdListsCount; ++l)
            for (const ImDrawVert& vtx : dd->CmdLists[l]->VtxBuffer)
                maxX = std::max(maxX, vtx.pos.x);
        return dd->TotalVtxCount;
    };
    float maxX = 0, maxShort = 0;
    const int withNotes = draw(notes, maxX);
    const int withOne = draw("x", maxShort);
    // ImGui culls glyphs outside a window's clip rectangle, so clipped (unwrapped) notes would draw far
    // fewer than the 4 vertices per visible character that wrapped notes draw.
    int glyphs = 0;
    for (char c : notes)
        glyphs += c != ' ' && c != '\n';
    CHECK(withNotes - withOne >= 4 * (glyphs - 1));
    // Nothing past the right edge (the window border's anti-aliased fringe reaches 1 px over).
    CHECK(maxX <= 1921.5f);
}

TEST_CASE("Presenter: clicking a beat in the list asks for that beat", "[ui][presenter]") {
    test::HeadlessImGui imgui(1920, 1080, 2.4f);
    UiState ui = presentingWithNotes("notes");
    PresenterClock clock;
    clock.update(ui, 0);
    const PresenterView v = makePresenterView(ui, clock, 0, 0);
    ImGuiIO& io = ImGui::GetIO();
    auto frame = [&](float x, float y, bool down) {
        io.MousePos = ImVec2(x, y);
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        const PresenterActions a = drawPresenterView(v, imgui.fonts(), ImTextureID{}, 16.0f / 9.0f);
        ImGui::Render();
        return a.jumpTo;
    };
    frame(0, 0, false);
    std::set<int> asked;
    // Sweep clicks down the right column (the list) and the left column (the notes: never a jump).
    for (float y = 20; y < 1060; y += 12) {
        frame(1700, y, false);
        frame(1700, y, true);
        if (const int j = frame(1700, y, false); j >= 0) asked.insert(j);
        frame(300, y, true);
        CHECK(frame(300, y, false) == -1);
    }
    CHECK(asked.size() >= 3);
    CHECK(asked.count(0) == 1); // the first rows are in view
}

TEST_CASE("Presenter: while a tour plays, its beats and their notes are the presenter's",
          "[ui][presenter][tour]") {
    UiState ui = presentingWithNotes("event notes");
    Tour tour;
    Diagnostics d;
    REQUIRE(parseTour(R"({"format": "buildout-tour", "version": 1, "beats": [
        {"date": "2025", "caption": {"title": "Opening", "text": "Where it starts."}, "notes": "Tour note one."},
        {"date": "2027-06", "caption": "Only text", "notes": ["A.", "B."]},
        {"date": "2030"}]})",
                      "t.json", tour, d));
    PresenterClock clock;
    clock.update(true, 1, 0);
    const PresenterView v = makePresenterView(ui, clock, 0, 0, &tour, 1);
    CHECK(v.count == 3);
    CHECK(v.beat == 1);
    CHECK(v.title == "Only text");
    CHECK(v.caption.empty());
    CHECK(v.notes == "A.\n\nB.");
    CHECK(v.date == "2027-06-01");
    CHECK(v.nextTitle == "Beat 3");
    CHECK(v.beats[0] == "1  2025-01-01  Opening");
    CHECK(makePresenterView(ui, clock, 0, 0, &tour, 0).caption == "Where it starts.");
}
