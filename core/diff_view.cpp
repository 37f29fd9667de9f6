// Per-asset classes of the comparison map.
#include "diff_view.h"

#include <cmath>

namespace buildout {

const char* diffClassName(DiffClass c) {
    switch (c) {
    case DiffClass::Hidden: return "Hidden";
    case DiffClass::OnlyA: return "Only in A";
    case DiffClass::OnlyB: return "Only in B";
    case DiffClass::LargerInB: return "Larger in B";
    case DiffClass::SmallerInB: return "Smaller in B";
    case DiffClass::OtherTiming: return "Same MW, other timing";
    case DiffClass::Unchanged: return "Unchanged";
    }
    return "?";
}

std::vector<DiffClass>& DiffKindClasses::of(EntityKind k) {
    if (k == EntityKind::PowerPlant) return powerPlants;
    if (k == EntityKind::Transmission) return lines;
    return datacenters;
}

namespace {

bool drawnKind(EntityKind k) {
    return k == EntityKind::Datacenter || k == EntityKind::PowerPlant || k == EntityKind::Transmission;
}

bool present(Status s) { return s != Status::Absent && s != Status::Cancelled; }

void size(DiffKindClasses& c, const Scenario& s) {
    c.datacenters.assign(s.datacenters.size(), DiffClass::Hidden);
    c.powerPlants.assign(s.powerPlants.size(), DiffClass::Hidden);
    c.lines.assign(s.lines.size(), DiffClass::Hidden);
}

} // namespace

DiffView makeDiffView(const ScenarioDiff& diff, const Scenario& a, const Scenario& b) {
    DiffView v;
    size(v.a, a);
    size(v.b, b);
    // Everything present in A starts as unchanged; the diff's lists then say what differs.
    for (EntityKind k : {EntityKind::Datacenter, EntityKind::PowerPlant, EntityKind::Transmission}) {
        auto& cls = v.a.of(k);
        for (std::size_t i = 0; i < cls.size(); ++i)
            if (present(a.entity({k, static_cast<int>(i)}).life.statusAt(diff.at))) cls[i] = DiffClass::Unchanged;
    }
    for (const AssetChange& c : diff.removed)
        if (drawnKind(c.kind) && c.indexA >= 0) v.a.of(c.kind)[static_cast<std::size_t>(c.indexA)] = DiffClass::OnlyA;
    for (const AssetChange& c : diff.added)
        if (drawnKind(c.kind) && c.indexB >= 0) v.b.of(c.kind)[static_cast<std::size_t>(c.indexB)] = DiffClass::OnlyB;
    for (const AssetChange& c : diff.changed) {
        if (!drawnKind(c.kind) || c.indexA < 0) continue;
        const double d = c.deltaMw();
        DiffClass cls = DiffClass::OtherTiming;
        if (d > 0.5) cls = DiffClass::LargerInB; // MW: differences under half a megawatt are rounding
        else if (d < -0.5) cls = DiffClass::SmallerInB;
        v.a.of(c.kind)[static_cast<std::size_t>(c.indexA)] = cls;
    }
    for (const DiffKindClasses* side : {&v.a, &v.b})
        for (const auto* list : {&side->datacenters, &side->powerPlants, &side->lines})
            for (DiffClass c : *list) ++v.counts[static_cast<std::size_t>(c)];
    v.counts[0] = 0;
    return v;
}

std::pair<Day, Day> commonRange(const Scenario& a, const Scenario& b) {
    return {std::max(a.manifest.start, b.manifest.start), std::min(a.manifest.end, b.manifest.end)};
}

bool basemapsDiffer(const Scenario& a, const Scenario& b) {
    return a.manifest.basemap != b.manifest.basemap || a.manifest.crs != b.manifest.crs;
}

} // namespace buildout
