// What the comparison map shows per asset at one date: each datacenter, plant and line of A and of B
// gets a class (only in A, only in B, more or less capacity in B, same capacity but another online
// date, unchanged). Derived from diffScenarios, so the map, its legend and `buildout diff` agree.
#pragma once

#include "diff.h"

#include <array>
#include <vector>

namespace buildout {

enum class DiffClass : unsigned char {
    Hidden,      ///< not drawn from this scenario (absent at t, or drawn from the other scenario)
    OnlyA,       ///< present in A at t, not in B
    OnlyB,       ///< present in B at t, not in A
    LargerInB,   ///< in both, B has more capacity at t
    SmallerInB,  ///< in both, B has less capacity at t
    OtherTiming, ///< in both, same capacity at t, different online date or status
    Unchanged,   ///< in both, same capacity, status and online date
};
inline constexpr int kDiffClassCount = 7;
const char* diffClassName(DiffClass c); ///< legend text, e.g. "Only in A"

/// Classes per entity index of the kinds drawn in the diff map (datacenters, plants, lines).
struct DiffKindClasses {
    std::vector<DiffClass> datacenters, powerPlants, lines;
    std::vector<DiffClass>& of(EntityKind k);
};

struct DiffView {
    /// A's entities: everything present in A at t (OnlyA, Larger/Smaller/OtherTiming, Unchanged).
    DiffKindClasses a;
    /// B's entities: only the ones present in B alone at t (OnlyB); the rest is drawn from A.
    DiffKindClasses b;
    /// Assets per class (datacenters, plants and lines together), for the legend.
    std::array<int, kDiffClassCount> counts{};
};

DiffView makeDiffView(const ScenarioDiff& diff, const Scenario& a, const Scenario& b);

/// The days both scenarios cover: [max(starts), min(ends)]; first > second when they do not overlap.
std::pair<Day, Day> commonRange(const Scenario& a, const Scenario& b);

/// True when the two scenarios are drawn on different basemaps or projections.
bool basemapsDiffer(const Scenario& a, const Scenario& b);

} // namespace buildout
