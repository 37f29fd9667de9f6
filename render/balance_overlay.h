// On-frame list of the largest power gaps, drawn under the figures while the map shows the power margin.
#pragma once

#include "core/scenario.h"

#include <glm/vec2.hpp>

namespace buildout {

class OverlayPainter;

/// Heading and up to four groups with the most negative margin at t, right-aligned at `topRight`
/// (1080p layout scaled by `px`). Draws nothing when no group is short.
void drawBalanceGaps(OverlayPainter& p, const Scenario& s, TimeDays t, glm::vec2 topRight, float px);

} // namespace buildout
