// Comparison modes, the diff palette and the side-by-side split.
#include "core/view/comparison_view.h"

#include <algorithm>

namespace buildout {

const char* compareModeName(CompareMode m) {
    switch (m) {
    case CompareMode::SideBySide: return "side";
    case CompareMode::Swipe: return "swipe";
    case CompareMode::Diff: return "diff";
    }
    return "side";
}

std::optional<CompareMode> parseCompareMode(std::string_view word) {
    if (word == "side" || word == "side-by-side") return CompareMode::SideBySide;
    if (word == "swipe") return CompareMode::Swipe;
    if (word == "diff") return CompareMode::Diff;
    return std::nullopt;
}

glm::vec4 diffClassColor(DiffClass c) {
    // Orange/blue diverging pair after ColorBrewer PuOr/RdBu ends, distinct under deuteranopia,
    // protanopia and tritanopia; lightness separates "presence" from "capacity" within each side.
    switch (c) {
    case DiffClass::Hidden: return {0.0f, 0.0f, 0.0f, 0.0f};
    case DiffClass::OnlyA: return {0.902f, 0.380f, 0.004f, 1.0f};      // #E66101
    case DiffClass::SmallerInB: return {0.992f, 0.722f, 0.388f, 1.0f}; // #FDB863
    case DiffClass::OnlyB: return {0.129f, 0.400f, 0.675f, 1.0f};      // #2166AC
    case DiffClass::LargerInB: return {0.573f, 0.773f, 0.871f, 1.0f};  // #92C5DE
    // Not yellow: next to the light orange it reads as the same class once columns are shaded.
    case DiffClass::OtherTiming: return {0.800f, 0.475f, 0.655f, 1.0f}; // #CC79A7 (Okabe-Ito reddish purple)
    case DiffClass::Unchanged: return {0.44f, 0.46f, 0.49f, 1.0f};     // dim neutral grey: recedes behind changes
    }
    return {0.0f, 0.0f, 0.0f, 0.0f};
}

double comparisonMapAspect(CompareMode mode, int width, int height) {
    const int w = mode == CompareMode::SideBySide ? sideBySideSplit(width) : width;
    return static_cast<double>(std::max(w, 1)) / std::max(height, 1);
}

int sideBySideSplit(int width) { return width / 2; }

} // namespace buildout
