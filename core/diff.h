// Comparison of two scenarios at one date: assets matched by kind and id, added, removed and changed
// ones, likely renames (different ids, same name and place), and the totals' differences. Backs
// `buildout diff` and the GUI's comparison modes.
#pragma once

#include "scenario.h"
#include "summary.h"

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace buildout {

struct AssetChange {
    EntityKind kind = EntityKind::Datacenter;
    std::string id, name;
    int indexA = -1, indexB = -1; ///< -1 when the scenario does not have it
    Status statusA = Status::Absent, statusB = Status::Absent;
    double mwA = kUnknown, mwB = kUnknown;
    Day onlineA = kNoDay, onlineB = kNoDay;
    /// What a datacenter's mwA/mwB measure (B's when B has it): as stated, not converted to facility power.
    CapacityBasis basis = CapacityBasis::Unstated;
    double deltaMw() const; ///< capacity at t, B - A (absent or unknown counts as 0)
    /// Operating capacity at t, B - A: what the change means for power in service at that date.
    double deltaOperatingMw() const;
};

struct LikelyRename {
    EntityKind kind = EntityKind::Datacenter;
    std::string idA, idB, name;
    double distanceKm = 0;
};

struct ScenarioDiff {
    std::string idA, idB;
    TimeDays at = 0;
    std::vector<std::string> notes;      ///< e.g. different basemaps, date outside the common range
    std::vector<AssetChange> added;      ///< present in B at t, not in A
    std::vector<AssetChange> removed;    ///< present in A at t, not in B
    std::vector<AssetChange> changed;    ///< present in both, different capacity, status or online date
    std::vector<LikelyRename> renames;
    Summary summaryA, summaryB; ///< datacenter totals are facility power (capacity_basis.h)
};

/// Compares `a` and `b` at `t`. If t falls outside the common range of both, it is clamped into it and
/// a note says so.
ScenarioDiff diffScenarios(const Scenario& a, const Scenario& b, TimeDays t);

nlohmann::json diffToJson(const ScenarioDiff& d);
/// Text for `buildout diff`: says that datacenter totals are facility power and what was left apart; asset
/// lines give each figure as stated, with its basis when it is not facility power.
std::string diffToText(const ScenarioDiff& d);

} // namespace buildout
