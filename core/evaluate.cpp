// Per-entity state at a time.
#include "evaluate.h"

namespace buildout {

namespace {
template <typename T> void fill(const Scenario& s, const std::vector<T>& items, TimeDays t, bool hasCapacity,
                                std::vector<EntityState>& out) {
    out.resize(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        out[i].status = items[i].life.statusAt(t);
        out[i].mw = hasCapacity ? s.capacityAt(items[i], t) : 0.0;
    }
}
} // namespace

FrameState evaluate(const Scenario& s, TimeDays t) {
    FrameState f;
    f.time = t;
    fill(s, s.datacenters, t, true, f.datacenters);
    fill(s, s.powerPlants, t, true, f.powerPlants);
    fill(s, s.lines, t, true, f.lines);
    fill(s, s.superclusters, t, false, f.superclusters);
    fill(s, s.zones, t, false, f.zones);
    f.seriesValues.reserve(s.series.size());
    for (const Series& ser : s.series) f.seriesValues.push_back(ser.valueAt(t));
    return f;
}

} // namespace buildout
