// The power balance as text (a table for `buildout info`) and JSON (`info --json`'s `balance` list).
#pragma once

#include "power_balance.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace buildout {

/// One object per group: id, name, demand_mw (operating), demand_construction_mw, supply_mw (operating),
/// supply_construction_mw, supply_planned_mw, margin_mw, margin_with_construction_mw, campus counts,
/// supply_by_fuel_mw (operating) and the group's series at t.
nlohmann::json balanceToJson(const std::vector<GroupBalance>& balance);

/// A fixed-width table (MW), groups with neither demand nor supply left out, with the grouping's note.
std::string balanceToText(const std::vector<GroupBalance>& balance, const Scenario& s, TimeDays t);

} // namespace buildout
