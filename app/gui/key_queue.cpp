// Replaying queued key events frame by frame.
#include "app/gui/key_queue.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <vector>

namespace buildout {

namespace {
/// io.KeysDown's length (512 in ImGui 1.86): GLFW key codes index it directly.
constexpr int kKeyCount = static_cast<int>(sizeof(ImGuiIO::KeysDown) / sizeof(ImGuiIO::KeysDown[0]));
} // namespace

void KeyQueue::push(int key, Action action) {
    if (key < 0 || key >= kKeyCount) return;
    events_.push_back({key, action});
}

void KeyQueue::apply(ImGuiIO& io) {
    std::vector<int> changed; // keys whose state this frame already changed
    while (!events_.empty()) {
        const Event e = events_.front();
        bool again = false;
        for (int k : changed)
            again = again || k == e.key;
        if (again) break; // a second change of one key waits for the next frame, and so does all after it
        io.KeysDown[e.key] = e.action == Action::Press;
        changed.push_back(e.key);
        events_.pop_front();
    }
    // As the GLFW backend does: modifiers from the keys' states (its mods argument is unreliable).
    io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL];
    io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT];
    io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT];
    io.KeySuper = io.KeysDown[GLFW_KEY_LEFT_SUPER] || io.KeysDown[GLFW_KEY_RIGHT_SUPER];
}

} // namespace buildout
