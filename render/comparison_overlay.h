// The comparison's own overlay, drawn over what ComparisonCompositor produced: which side is which
// scenario (a title per half side by side, per side of the divider when swiping), the swipe handle,
// the date, operating capacity of A and B and their difference, the diff map's legend, and notes
// (different basemaps, date outside a scenario's range). Sizes are points at 1080p × pixelScale.
#pragma once

#include "core/totals_timeline.h"
#include "render/comparison_compositor.h"

#include <string>
#include <vector>

namespace buildout {

class OverlayPainter;

struct ComparisonOverlayOptions {
    bool titles = true;  ///< scenario titles (always on in side by side and swipe unless turned off)
    bool date = true;
    bool figures = true; ///< operating GW of A, of B and the difference
    bool legend = true;  ///< diff mode: the classes with their counts
    bool notes = true;   ///< basemaps differ, date clamped to the common range
    std::string caption; ///< lower third (presentation beats), empty = none
    /// Pixels at the top right kept free of titles (the GUI's toolbar over the map); 0 = none.
    float topRightReservePx = 0;
    /// Diff mode with labels on (spec.settings.labels): the assets that differ most are labelled with
    /// what differs. Needs the diff (ComparisonCompositor::diff) and A's map frame; null = no labels.
    const ScenarioDiff* labelDiff = nullptr;
    const MapFrame* labelFrame = nullptr;
};

/// The notes a comparison of `a` and `b` at `t` needs (empty when none): different basemaps, t outside
/// the range both cover.
std::vector<std::string> comparisonNotes(const Scenario& a, const Scenario& b, TimeDays t);

void drawComparisonOverlay(OverlayPainter& painter, const Scenario& a, const Scenario& b, const TotalsTimeline& totalsA,
                           const TotalsTimeline& totalsB, const ComparisonView& view, const DiffView* diff,
                           const FrameSpec& spec, const ComparisonOverlayOptions& options, int width, int height);

} // namespace buildout
