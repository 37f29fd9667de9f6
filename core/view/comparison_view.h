// What a comparison shows and how its two maps share the frame: the mode, the swipe divider, the diff
// palette and the geometry of the halves. Plain data and arithmetic (no GL), so the GUI state, the CLI
// and the export settings can hold it.
#pragma once

#include "core/diff_view.h"

#include <glm/vec4.hpp>

#include <optional>
#include <string_view>

namespace buildout {

enum class CompareMode { SideBySide, Swipe, Diff };
/// `side`, `swipe`, `diff` (the CLI's --compare-mode words).
const char* compareModeName(CompareMode m);
std::optional<CompareMode> parseCompareMode(std::string_view word);

struct ComparisonView {
    CompareMode mode = CompareMode::SideBySide;
    float swipe = 0.5f; ///< swipe divider, fraction of the width from the left edge (0..1)
};

/// Colour of a diff class: a colour-blind-safe diverging pair (orange: A only or less in B; blue: B
/// only or more in B; the strong hue for presence, the light one for capacity), reddish purple for a
/// different timing, a dim neutral grey for unchanged.
glm::vec4 diffClassColor(DiffClass c);

/// Width / height that one map of the comparison is drawn at: half the frame side by side.
double comparisonMapAspect(CompareMode mode, int width, int height);
/// Pixel column where B's half starts side by side (A covers [0, split), B [split, width)).
int sideBySideSplit(int width);

} // namespace buildout
