// What a scenario holds at one moment: totals per kind and status, generation by fuel, regions,
// operators, superclusters and series values. Backs `buildout info` and the dashboard.
#pragma once

#include "scenario.h"

#include <array>
#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace buildout {

struct StatusTotals {
    int count = 0;
    double mw = 0;          ///< sum of known capacities at t; for datacenters, facility demand (capacity_basis.h)
    int unknownMwCount = 0; ///< entities whose capacity at t is unknown (counted, not summed)
    int apartCount = 0;     ///< datacenters whose figure is not facility demand (grid, generation, IT w/o PUE)
};

/// Datacenter figures of one status on one capacity basis, as stated (never added across bases).
struct BasisTotals {
    int count = 0;
    double mw = 0;          ///< the figures as written, on this basis
    int unknownMwCount = 0;
};

struct ClusterTotals {
    double compute = kUnknown; ///< the cluster's compute at t (NaN when unknown)
    double mw = 0;             ///< operating MW of its member campuses at t
    int operatingMembers = 0;
};

struct Summary {
    std::string scenarioId;
    TimeDays at = 0;
    /// [kind][status index] for the five placed kinds.
    std::array<std::array<StatusTotals, kStatusCount>, kMapKindCount> kinds{};
    /// [status index][capacity basis]: the datacenter figures behind kinds[Datacenter], basis by basis.
    std::array<std::array<BasisTotals, kCapacityBasisCount>, kStatusCount> datacenterBasis{};
    CapacityAssumptions assumptions; ///< the manifest's, used to convert IT figures (shown with them)
    std::map<std::string, double> generationByFuelMw;     ///< operating plants
    std::map<std::string, double> regionDatacenterMw;     ///< operating facility demand per basemap region id
    std::map<std::string, double> operatorDatacenterMw;   ///< operating facility demand per operator name
    std::map<std::string, ClusterTotals> superclusters;   ///< present clusters by id
    std::map<std::string, std::map<std::string, double>> series; ///< id -> metric -> value at t
};

/// Figures at time t. Entities absent at t appear in no count or total (series values are given for every
/// series, as the contract defines them from the scenario start); operating-only figures are used for
/// fuels, regions, operators and clusters.
Summary summarize(const Scenario& scenario, TimeDays t);

/// The stable JSON form documented for `buildout info --json`.
nlohmann::json summaryToJson(const Summary& summary);

/// Human-readable text form for `buildout info`.
std::string summaryToText(const Summary& summary, const Scenario& scenario);

} // namespace buildout
