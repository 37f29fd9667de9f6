// Change-point accumulation of datacenter totals.
#include "totals_timeline.h"

#include <algorithm>
#include <cmath>

namespace buildout {

namespace {

struct Delta {
    TimeDays t;
    DatacenterTotals d;
};

void addState(DatacenterTotals& into, Status st, double mw, double sign) {
    if (st == Status::Absent) return;
    const auto i = static_cast<std::size_t>(statusIndex(st));
    into.count[i] += static_cast<int>(sign);
    if (isKnown(mw)) into.mw[i] += sign * mw;
}

} // namespace

TotalsTimeline::TotalsTimeline(const Scenario& s) {
    std::vector<Delta> deltas;
    constexpr TimeDays kFarPast = -1e9;
    for (const Datacenter& d : s.datacenters) {
        std::vector<TimeDays> points;
        for (Day day : d.life.dates)
            if (day != kNoDay) points.push_back(day);
        if (d.capacitySeries >= 0) {
            const Series& ser = s.series[static_cast<std::size_t>(d.capacitySeries)];
            for (std::size_t i = 0; i < ser.samples.size(); ++i) {
                points.push_back(ser.samples[i].t);
                if (ser.interpolation == Interpolation::Linear && i + 1 < ser.samples.size())
                    for (TimeDays x = ser.samples[i].t + 30.4; x < ser.samples[i + 1].t; x += 30.4) points.push_back(x);
            }
        }
        std::sort(points.begin(), points.end());
        points.erase(std::unique(points.begin(), points.end()), points.end());
        // State before any change point, then a delta at each point where it changes.
        // Facility demand (capacity_basis.h): the same figure summarize() reports for these totals.
        const CapacityAssumptions& a = s.manifest.assumptions;
        Status prevSt = d.life.statusAt(kFarPast);
        double prevMw = facilityDemandMw(d, s.capacityAt(d, kFarPast), a);
        addState(before_, prevSt, prevMw, 1.0);
        for (TimeDays p : points) {
            const Status st = d.life.statusAt(p);
            const double mw = facilityDemandMw(d, s.capacityAt(d, p), a);
            if (st == prevSt && (mw == prevMw || (!isKnown(mw) && !isKnown(prevMw)))) continue;
            Delta delta{p, {}};
            addState(delta.d, prevSt, prevMw, -1.0);
            addState(delta.d, st, mw, 1.0);
            deltas.push_back(delta);
            prevSt = st;
            prevMw = mw;
        }
    }
    std::sort(deltas.begin(), deltas.end(), [](const Delta& a, const Delta& b) { return a.t < b.t; });
    DatacenterTotals running = before_;
    for (const Delta& delta : deltas) {
        for (std::size_t i = 0; i < kStatusCount; ++i) {
            running.mw[i] += delta.d.mw[i];
            running.count[i] += delta.d.count[i];
        }
        if (!times_.empty() && times_.back() == delta.t) values_.back() = running;
        else {
            times_.push_back(delta.t);
            values_.push_back(running);
        }
    }
    // Clean accumulated floating-point residue (e.g. -1e-13 MW after a campus retires).
    for (auto& v : values_)
        for (double& mw : v.mw)
            if (std::abs(mw) < 1e-6) mw = 0;
}

DatacenterTotals TotalsTimeline::at(TimeDays t) const {
    auto it = std::upper_bound(times_.begin(), times_.end(), t);
    if (it == times_.begin()) return before_;
    return values_[static_cast<std::size_t>(it - times_.begin() - 1)];
}

} // namespace buildout
