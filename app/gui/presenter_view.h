// The presenter's screen (the presenter view, F6 / --presenter-view): the current beat's title, caption
// and speaker notes, the next beat's title and thumbnail, the talk's and the beat's elapsed time, the wall
// clock and the list of beats to jump to. The audience window never shows any of it.
//
// What it shows is a plain struct made from the UI state and two clocks (GL-free and testable); drawing
// it is ImGui only, into whatever context is current (the presenter window has its own, see
// presenter_window.h), with the thumbnail as a texture the caller rendered.
#pragma once

#include "app/gui/theme.h"
#include "app/gui/ui_state.h"
#include "core/tour.h"

#include <imgui.h>

#include <ctime>
#include <string>
#include <vector>

namespace buildout {

/// The presenter's two timers, in seconds of the app's clock (glfwGetTime; tests pass their own).
struct PresenterClock {
    double talkStart = -1; ///< when presentation mode began; -1 while not presenting
    double beatStart = 0;  ///< when the current beat began
    int beat = -2;         ///< the beat the beat timer is timing
    /// Starts the talk timer when presentation starts (stops it when it ends) and restarts the beat timer
    /// whenever the beat changes.
    void update(const UiState& ui, double now) { update(ui.presenting, ui.beat, now); }
    void update(bool presenting, int currentBeat, double now);
    /// Both timers from zero now (the presenter's "reset" button).
    void reset(double now) { talkStart = beatStart = now; }
};

struct PresenterView {
    bool presenting = false;
    int beat = -1, count = 0; ///< current beat index (-1: before the first) and number of beats
    std::string date, title, caption, notes; ///< the current beat (empty before the first)
    bool hasNext = false;
    std::string nextDate, nextTitle;
    std::vector<std::string> beats;            ///< "12  2031-06  Title", one per beat, for the jump list
    std::string talkTime, beatTime, wallClock; ///< "m:ss" (or "h:mm:ss") and "HH:MM"
    bool blackout = false;
    std::string beatEntry; ///< digits typed towards a jump (Enter)
};

/// "m:ss" below an hour, "h:mm:ss" from one; negative as 0.
std::string formatElapsed(double seconds);
/// What the presenter's screen shows now; `wall` is the local wall-clock time. The beats are the
/// scenario's events, or, while a tour plays in presentation mode, `tour`'s beats with `tourBeat` current.
PresenterView makePresenterView(const UiState& ui, const PresenterClock& clock, double now, std::time_t wall,
                                const Tour* tour = nullptr, int tourBeat = -1);

/// What the presenter did on their screen this frame.
struct PresenterActions {
    int jumpTo = -1;          ///< a beat clicked in the list
    bool resetTimers = false; ///< the timers were clicked
};

/// Draws the presenter's screen over the whole display of the current ImGui context (call between
/// NewFrame and Render). `thumbnail` (0 = none yet) shows the next beat with `thumbAspect` = w / h.
PresenterActions drawPresenterView(const PresenterView& view, const Fonts& fonts, ImTextureID thumbnail,
                                   float thumbAspect);

} // namespace buildout
