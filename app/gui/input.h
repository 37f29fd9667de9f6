// Keyboard shortcuts and map mouse interaction, read from ImGui's IO so they work the same with the
// GLFW backend and in headless UI tests (keys are GLFW key codes, as ImGui 1.86's KeysDown uses them).
#pragma once

#include "app/gui/ui_state.h"
#include "core/view/map_view.h"

#include <glm/vec2.hpp>

namespace buildout {

/// Applies this frame's shortcut presses to `ui` (call between ImGui::NewFrame and Render, only when
/// ImGui does not want the keyboard). `aspect` is the map area's width / height.
void handleShortcuts(UiState& ui, const MapView& map, double aspect);

/// Pan (left drag), orbit and tilt (right drag), zoom towards the cursor (wheel), hover and click
/// selection. `mouse` and `size` are in map-area pixels; `pixelScale` converts ImGui's mouse deltas.
void handleMapMouse(UiState& ui, const MapView& map, glm::vec2 mouse, glm::vec2 size, float pixelScale);

/// While comparing, where the pointer is over B's map (B's half side by side, right of the swipe divider,
/// or anywhere in diff mode when A has nothing there): hover and click pick B's assets on `mapB` (B's map).
/// A B asset that A also has (same kind and id) becomes `hovered`/`selected` as A's; one only in B
/// becomes `compare.hoveredB`/`selectedB`. Call after handleMapMouse, with the same arguments.
void pickInComparison(UiState& ui, const MapView& mapB, glm::vec2 mouse, glm::vec2 size, float pixelScale);

} // namespace buildout
