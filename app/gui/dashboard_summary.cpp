// The dashboard's summary, on a worker for big scenarios (see dashboard_summary.h).
#include "app/gui/dashboard_summary.h"

#include "core/background_thread.h"

#include <chrono>

namespace buildout {

namespace {

bool ready(const std::future<Summary>& f) {
    return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

bool same(const std::weak_ptr<const Scenario>& a, const std::shared_ptr<const Scenario>& b) {
    return !a.owner_before(b) && !b.owner_before(a);
}

std::size_t entityCount(const Scenario& s) {
    return s.datacenters.size() + s.powerPlants.size() + s.lines.size();
}

} // namespace

DashboardSummary::~DashboardSummary() {
    if (pending_.valid()) pending_.wait();
    for (auto& f : abandoned_)
        f.wait();
}

void DashboardSummary::takeFinished(const std::shared_ptr<const Scenario>& scenario) {
    std::erase_if(abandoned_, [](const std::future<Summary>& f) { return ready(f); });
    if (!pending_.valid()) return;
    if (!same(pendingScenario_, scenario)) { // computed for a scenario no longer open
        abandoned_.push_back(std::move(pending_));
        pendingScenario_.reset();
        return;
    }
    if (!ready(pending_)) return;
    summary_ = pending_.get();
    scenario_ = pendingScenario_;
    day_ = pendingDay_;
    have_ = true;
}

const Summary* DashboardSummary::at(const std::shared_ptr<const Scenario>& scenario, Day day) {
    trailing_ = false;
    if (!scenario) return nullptr;
    takeFinished(scenario);
    if (!same(scenario_, scenario)) have_ = false;
    const bool current = have_ && day_ == day;
    if (!current && entityCount(*scenario) <= kSynchronousEntities) {
        summary_ = summarize(*scenario, day);
        scenario_ = scenario;
        day_ = day;
        have_ = true;
        return &summary_;
    }
    if (!current && !pending_.valid()) {
        pendingScenario_ = scenario;
        pendingDay_ = day;
        pending_ = std::async(std::launch::async, [held = scenario, day]() mutable {
            lowerThisThreadPriority(); // the frames come first
            // Released here, on the worker, if the scenario was replaced meanwhile (it may be the last
            // share).
            const std::shared_ptr<const Scenario> s = std::move(held);
            return summarize(*s, day);
        });
    }
    trailing_ = have_ && day_ != day;
    return have_ ? &summary_ : nullptr;
}

} // namespace buildout
