// National datacenter totals as functions of time, precomputed once per scenario so that the GUI's
// charts and the per-frame overlays read them in O(log n) instead of walking every entity each frame.
#pragma once

#include "scenario.h"

#include <array>
#include <vector>

namespace buildout {

struct DatacenterTotals {
    std::array<double, kStatusCount> mw{};  ///< known facility-demand MW per status (capacity_basis.h)
    std::array<int, kStatusCount> count{};  ///< campuses per status
};

/// Piecewise-constant totals over time. Exact for step capacity series and lifecycle dates (the only
/// change points); a linear capacity series is sampled monthly between its samples.
class TotalsTimeline {
public:
    explicit TotalsTimeline(const Scenario& scenario);
    DatacenterTotals at(TimeDays t) const;

private:
    std::vector<TimeDays> times_;           ///< sorted change points
    std::vector<DatacenterTotals> values_;  ///< totals from times_[i] until times_[i+1]
    DatacenterTotals before_;               ///< totals before the first change point
};

} // namespace buildout
