// The power balance per region group at time t: datacenter demand against dedicated generation.
//
// Demand: datacenter campuses in the group's regions, operating and (as its own band) under construction.
// Supply: power plants of the scenario (its dedicated generation) that lie in the group's regions or serve
// a campus there, by status and fuel; a plant is counted once per group. Margin = operating supply minus
// operating demand (MW; negative = the campuses need more than the dedicated generation gives, the rest
// comes from the grid). Without region groups every non-nation basemap region is its own group.
#pragma once

#include "scenario.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace buildout {

struct GroupBalance {
    std::string id, name;
    std::vector<int> regions; ///< basemap region indices
    double demandOperatingMw = 0;
    double demandConstructionMw = 0;
    int campusesOperating = 0, campusesConstruction = 0;
    int unknownDemandCampuses = 0; ///< operating or building campuses of unknown capacity (not summed)
    /// Operating or building campuses whose figure is not campus demand (grid request, on-site generation,
    /// IT load without a manifest PUE): counted, not summed (core/capacity_basis.h).
    int apartDemandCampuses = 0;
    double supplyOperatingMw = 0;
    double supplyConstructionMw = 0;
    double supplyPlannedMw = 0; ///< announced or permitted plants
    std::array<double, kFuelCount> supplyOperatingByFuelMw{};
    std::array<double, kFuelCount> supplyConstructionByFuelMw{};
    int plantsCounted = 0;
    /// Group series at t (metric, value), e.g. grid headroom or interconnection queue MW.
    std::vector<std::pair<std::string, double>> series;

    double marginMw() const { return supplyOperatingMw - demandOperatingMw; }
    /// Margin once everything under construction is finished (both sides).
    double marginWithConstructionMw() const {
        return supplyOperatingMw + supplyConstructionMw - demandOperatingMw - demandConstructionMw;
    }
};

/// Facility demand of a campus at t in MW: facilityDemandMw() on its figure and the manifest's assumptions
/// (IT load x PUE; facility/unstated as stated). NaN when it adds nothing known: unknown figure, or a grid
/// request / on-site generation / IT figure without a PUE, which is not campus demand.
double campusDemandMw(const Scenario& s, const Datacenter& dc, TimeDays t);

/// Region index -> group index (-1 when in no group), for the groups balanceAt uses.
std::vector<int> regionGroupIndex(const Scenario& s);

/// One entry per group (manifest order; or per non-nation region in basemap order).
std::vector<GroupBalance> balanceAt(const Scenario& s, TimeDays t);

/// The choropleth "metric" name that colours regions by their group's power margin (MapSettings).
inline constexpr const char* kPowerMarginChoropleth = "power_margin";

/// Per basemap region: its group's margin at t in MW; NaN for a region in no group or in a group with
/// neither demand nor supply at t (nothing to say there).
std::vector<double> regionMarginsMw(const Scenario& s, TimeDays t);

/// The colour scale of the power-margin choropleth: the largest |margin| over Jan 1 of every year of the
/// scenario (and its end), rounded up to 1, 2 or 5 x 10^k MW, so colours do not drift with time. At least
/// 100 MW.
double marginScaleMw(const Scenario& s);

/// Indices into `b` of the groups with the most negative margin, at most `n`, negatives only.
std::vector<int> largestGaps(const std::vector<GroupBalance>& b, int n);

} // namespace buildout
