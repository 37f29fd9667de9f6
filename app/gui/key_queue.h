// Key presses and releases in the order they happened, applied to ImGui one frame at a time.
//
// Dear ImGui 1.86 reads key *state* once per frame (io.KeysDown), so a key pressed and released between
// two frames — a fast clicker tap on a slow frame, or `xdotool key Next` — would never be seen down. The
// window's key callback queues every event here instead, and each frame apply() replays them in order
// but never lets a key go down and up within one frame: the release (and whatever follows it) waits for
// the next frame. N taps therefore always give N presses, whatever the frame time.
#pragma once

#include <cstddef>
#include <deque>

struct ImGuiIO;

namespace buildout {

class KeyQueue {
public:
    enum class Action { Press, Release };
    /// Queues one event; `key` is a GLFW key code. Repeats are not queued (ImGui makes its own).
    void push(int key, Action action);
    /// Applies the events that can take effect this frame to io.KeysDown and the modifier flags. Call once
    /// per frame, after the platform backend's NewFrame and before ImGui::NewFrame.
    void apply(ImGuiIO& io);
    std::size_t pending() const { return events_.size(); }

private:
    struct Event {
        int key;
        Action action;
    };
    std::deque<Event> events_;
};

} // namespace buildout
