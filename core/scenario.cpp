// Small queries on the scenario model.
#include "scenario.h"

#include <algorithm>

namespace buildout {

const char* kindName(EntityKind kind) {
    switch (kind) {
    case EntityKind::Datacenter: return "datacenters";
    case EntityKind::PowerPlant: return "power_plants";
    case EntityKind::Transmission: return "transmission";
    case EntityKind::Supercluster: return "superclusters";
    case EntityKind::Zone: return "zones";
    case EntityKind::Region: return "regions";
    }
    return "?";
}

const char* fuelName(Fuel fuel) {
    static constexpr const char* kNames[kFuelCount] = {"nuclear", "gas",   "coal",    "oil",        "solar", "wind",
                                                       "hydro",   "storage", "geothermal", "fusion", "other"};
    return kNames[static_cast<int>(fuel)];
}

double Series::valueAt(TimeDays t) const {
    if (samples.empty()) return kUnknown;
    if (t <= samples.front().t) return samples.front().value;
    if (t >= samples.back().t) return samples.back().value;
    // First sample strictly after t; the one before it is at or before t.
    auto after = std::upper_bound(samples.begin(), samples.end(), t,
                                  [](TimeDays v, const SeriesSample& s) { return v < s.t; });
    const SeriesSample& b = *after;
    const SeriesSample& a = *(after - 1);
    if (interpolation == Interpolation::Step || b.t == a.t) return a.value;
    return a.value + (b.value - a.value) * (t - a.t) / (b.t - a.t);
}

const MetricDef* Manifest::metric(const std::string& name) const {
    for (const auto& m : metrics)
        if (m.name == name) return &m;
    return nullptr;
}

int Scenario::find(EntityKind kind, const std::string& id) const {
    if (kind == EntityKind::Region) return basemap ? basemap->find(id) : -1;
    const auto& table = idIndex[static_cast<int>(kind)];
    auto it = table.find(id);
    return it == table.end() ? -1 : it->second;
}

const EntityBase& Scenario::entity(EntityRef ref) const {
    const auto i = static_cast<std::size_t>(ref.index);
    switch (ref.kind) {
    case EntityKind::Datacenter: return datacenters[i];
    case EntityKind::PowerPlant: return powerPlants[i];
    case EntityKind::Transmission: return lines[i];
    case EntityKind::Supercluster: return superclusters[i];
    case EntityKind::Zone: return zones[i];
    case EntityKind::Region: break;
    }
    return datacenters.at(i); // unreachable for valid refs; at() throws rather than reading out of range
}

double Scenario::capacityAt(const EntityBase& e, TimeDays t) const {
    if (e.capacitySeries >= 0) return series[static_cast<std::size_t>(e.capacitySeries)].valueAt(t);
    return e.capacityMw;
}

} // namespace buildout
