// Text and JSON forms of the power balance.
#include "balance_report.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace buildout {

nlohmann::json balanceToJson(const std::vector<GroupBalance>& balance) {
    nlohmann::json list = nlohmann::json::array();
    for (const GroupBalance& g : balance) {
        nlohmann::json fuels = nlohmann::json::object();
        for (int f = 0; f < kFuelCount; ++f)
            if (g.supplyOperatingByFuelMw[static_cast<std::size_t>(f)] > 0)
                fuels[fuelName(static_cast<Fuel>(f))] =
                    g.supplyOperatingByFuelMw[static_cast<std::size_t>(f)];
        nlohmann::json series = nlohmann::json::object();
        for (const auto& [metric, value] : g.series)
            series[metric] = value;
        list.push_back({{"id", g.id},
                        {"name", g.name},
                        {"demand_mw", g.demandOperatingMw},
                        {"demand_construction_mw", g.demandConstructionMw},
                        {"supply_mw", g.supplyOperatingMw},
                        {"supply_construction_mw", g.supplyConstructionMw},
                        {"supply_planned_mw", g.supplyPlannedMw},
                        {"margin_mw", g.marginMw()},
                        {"margin_with_construction_mw", g.marginWithConstructionMw()},
                        {"campuses_operating", g.campusesOperating},
                        {"campuses_construction", g.campusesConstruction},
                        {"unknown_capacity_campuses", g.unknownDemandCampuses},
                        {"apart_campuses", g.apartDemandCampuses},
                        {"supply_by_fuel_mw", fuels},
                        {"series", series}});
    }
    return list;
}

std::string balanceToText(const std::vector<GroupBalance>& balance, const Scenario& s, TimeDays t) {
    std::string out;
    char line[256];
    const std::string date = formatDate(static_cast<Day>(t));
    out += "Power balance at " + date + " (MW; margin = operating dedicated generation - operating demand)\n";
    if (!s.regionGroups.empty()) {
        out +=
            "  groups: " + (s.regionGroups.title.empty() ? s.regionGroups.file : s.regionGroups.title) + "\n";
        if (!s.regionGroups.note.empty()) out += "  " + s.regionGroups.note + "\n";
    } else {
        out += "  groups: one per basemap region (the scenario names no region_groups)\n";
    }
    std::snprintf(line, sizeof line, "  %-28s %10s %10s %10s %10s %10s %10s\n", "group", "demand", "building",
                  "supply", "building", "margin", "w/ build");
    out += line;
    int shown = 0;
    for (const GroupBalance& g : balance) {
        if (g.demandOperatingMw == 0 && g.demandConstructionMw == 0 && g.supplyOperatingMw == 0 &&
            g.supplyConstructionMw == 0 && g.campusesOperating + g.campusesConstruction == 0)
            continue;
        std::snprintf(line, sizeof line, "  %-28.28s %10.0f %10.0f %10.0f %10.0f %+10.0f %+10.0f%s%s\n",
                      g.name.c_str(), g.demandOperatingMw, g.demandConstructionMw, g.supplyOperatingMw,
                      g.supplyConstructionMw, g.marginMw(), g.marginWithConstructionMw(),
                      g.unknownDemandCampuses > 0 ? "  (+ campuses of unknown MW)" : "",
                      g.apartDemandCampuses > 0 ? "  (+ grid/generation figures, not demand)" : "");
        out += line;
        ++shown;
    }
    if (shown == 0) out += "  (no campus or dedicated plant operating or being built)\n";
    return out;
}

} // namespace buildout
