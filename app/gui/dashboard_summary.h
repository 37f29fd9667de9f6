// DashboardSummary: the dashboard's per-entity summary (core/summary.h) of the open scenario at the
// current day, computed off the UI thread when the scenario is big.
//
// summarize() walks every campus, plant and line: under a millisecond for the bundled scenarios, but about
// 75 ms at 100k campuses, which used to land in the frame that swapped a big scenario in and in every
// frame of playback that reached a new day. For scenarios over kSynchronousEntities entities a worker
// (at lower priority) computes the new day while the dashboard shows the last finished one, so the
// figures trail playback by a frame or two; small scenarios are summarised at once, exactly as before.
#pragma once

#include "core/date.h"
#include "core/summary.h"

#include <future>
#include <memory>
#include <vector>

namespace buildout {

class DashboardSummary {
public:
    DashboardSummary() = default;
    DashboardSummary(const DashboardSummary&) = delete;
    DashboardSummary& operator=(const DashboardSummary&) = delete;
    /// Waits for a computation in flight (it holds a share of its scenario).
    ~DashboardSummary();

    /// The summary to show for `scenario` at `day`: exact for small scenarios; for big ones the latest
    /// finished for this scenario (perhaps of an earlier day), or null while the first is computed.
    const Summary* at(const std::shared_ptr<const Scenario>& scenario, Day day);
    /// True when the summary returned by the last at() is of another day than asked (still computing).
    bool trailing() const { return trailing_; }

    /// Scenarios with more campuses, plants and lines than this are summarised on a worker.
    static constexpr std::size_t kSynchronousEntities = 20000;

private:
    void takeFinished(const std::shared_ptr<const Scenario>& scenario);

    // Weak: a replaced scenario must be freed where the frame loop frees it (on a worker), not here.
    std::weak_ptr<const Scenario> scenario_; ///< of summary_
    Day day_ = 0;
    bool have_ = false, trailing_ = false;
    Summary summary_;
    std::future<Summary> pending_;
    std::weak_ptr<const Scenario> pendingScenario_;
    Day pendingDay_ = 0;
    std::vector<std::future<Summary>>
        abandoned_; ///< of replaced scenarios: dropped when done, never waited for
};

} // namespace buildout
