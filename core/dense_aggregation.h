// Aggregation of dense layers for wide zooms (level of detail). With tens of thousands of campuses,
// plants or lines, a national view is a forest of overlapping marks that no one can read and a software
// rasteriser cannot draw fluidly. Here nearby entities are merged:
//   * points (campuses, plants) per square grid cell, optionally also per key (a plant's fuel);
//   * transmission paths by vertex clustering: every vertex snaps to its cell's representative point,
//     hops inside one cell vanish, and hops between the same two cells (and of the same key, e.g. the
//     voltage class) become one edge.
// Each point group carries its capacity per lifecycle band sampled at even times ("knots") over the
// scenario, so a renderer draws groups with time as a uniform, like single entities; each edge carries
// the merged lifecycle of its lines.
//
// Cells are aligned to the plane's origin, so cells of size 2c nest four cells of size c. Groups appear
// in the order of their first member, so the output is deterministic for a given input. No GL here.
#pragma once

#include "core/scenario.h"

#include <glm/vec2.hpp>

#include <cstdint>
#include <vector>

namespace buildout {

/// Even times: knot k is at start + k * step days; count >= 2.
struct KnotTimeline {
    TimeDays start = 0;
    double step = 1;
    int count = 0;
    TimeDays at(int k) const { return start + step * k; }
    /// `count` knots from `from` to `to` inclusive (to > from).
    static KnotTimeline over(TimeDays from, TimeDays to, int count);
};

/// MW of a group at one moment, by what its members are then.
struct CapacityBands {
    float operating = 0;    ///< in service (growing over its first weeks like a single column)
    float construction = 0; ///< being built, counted as the share built so far (15% at start, 100% online)
    float planned = 0;      ///< announced or permitted, in full
    float total() const { return operating + construction + planned; }
};

/// Ramp (days) over which a step in a capacity series, or a campus going online without a construction
/// date, grows to its new value, so nothing pops. The GPU shaders use the same figure.
inline constexpr double kCapacityRampDays = 60.0;

/// Capacity in MW at t as a single column shows it: the `capacity_mw` series with each step ramped over
/// kCapacityRampDays (linear series interpolated), else the nameplate; `unknownMw` when neither is known.
double displayedCapacity(const Scenario& s, const EntityBase& e, TimeDays t, double unknownMw);

/// What one entity adds to its group's bands at t. Absent, retired and cancelled entities add nothing.
CapacityBands bandsAt(const Scenario& s, const EntityBase& e, TimeDays t, double unknownMw);

/// What a campus adds to a merged column at t: bandsAt on facility power, by the capacity-basis rule
/// (core/capacity_basis.h, through campusFacilityDemand): facility or unstated figures as stated, IT load ×
/// the manifest's PUE. A figure shown apart (grid request, on-site generation, IT without a PUE) adds
/// nothing, as it is not campus load; an unknown figure on a counted basis adds `unknownMw`.
CapacityBands campusBandsAt(const Scenario& s, const Datacenter& d, TimeDays t, double unknownMw);

/// The capacity-basis rule as merged columns (heights and hover sums) apply it: facilityDemand() with the
/// scenario's assumptions. `mw` is the campus figure (MW on its basis).
FacilityDemand campusFacilityDemand(const Scenario& s, const Datacenter& d, double mw);

/// A merged column's campuses summed at t, as its hover text shows them. Facility MW counts members in
/// full (not the share built that the column draws); figures shown apart are summed by basis, never
/// added to facility MW.
struct MergedCampusSum {
    int present = 0; ///< members shown at t (not absent, cancelled or retired)
    double operatingMw = 0, constructionMw = 0, plannedMw = 0; ///< facility MW by status
    int undisclosed = 0;                                       ///< present members of unknown capacity
    double gridMw = 0, generationMw = 0, itApartMw = 0;        ///< stated MW of figures shown apart, by basis
    int apart = 0;    ///< present members whose figure is shown apart
    int largest = -1; ///< the member (datacenter index) with the most facility MW; -1 when none
    double largestMw = 0;
    double facilityMw() const { return operatingMw + constructionMw + plannedMw; }
    double apartMw() const { return gridMw + generationMw + itApartMw; }
};
MergedCampusSum sumMergedCampuses(const Scenario& s, const std::vector<int>& members, TimeDays t);

/// One level of point groups.
struct PointGroups {
    double cellKm = 0;
    std::vector<glm::dvec2> center;         ///< mean position of the members
    std::vector<int> key;                   ///< the members' common key
    std::vector<std::uint32_t> memberStart; ///< group g: members[memberStart[g] .. memberStart[g + 1])
    std::vector<std::uint32_t> members;     ///< indices into the input, ascending within a group
    std::vector<CapacityBands> bands;       ///< group g at knot k: bands[g * knots + k]
    float peakTotalMw = 0;                  ///< the largest total() of any group at any knot
    std::size_t size() const { return center.size(); }
};

/// Groups `entities` (positions `posKm` on the plane, in km; `key` per entity, or empty for all 0) at each
/// cell size of `cellKm`, and sums their bands at the knots of `timeline`.
std::vector<PointGroups> groupPoints(const Scenario& s, const std::vector<const EntityBase*>& entities,
                                     const std::vector<glm::dvec2>& posKm, const std::vector<int>& key,
                                     const std::vector<double>& cellKm, const KnotTimeline& timeline,
                                     double unknownMw);

/// groupPoints for the scenario's campuses (`posKm` per datacenter, no key), with campusBandsAt: merged
/// columns stand as tall as the facility power of their members.
std::vector<PointGroups> groupCampuses(const Scenario& s, const std::vector<glm::dvec2>& posKm,
                                       const std::vector<double>& cellKm, const KnotTimeline& timeline,
                                       double unknownMw);

/// One polyline of an entity (a transmission line may have several).
struct PathPiece {
    int owner = 0; ///< the entity's index
    std::vector<glm::dvec2> pointsKm;
};

/// One level of merged paths.
struct PathGroups {
    double cellKm = 0;
    std::vector<glm::dvec2> a, b; ///< edge ends: the mean of all path vertices in each end's cell
    std::vector<int> key;
    std::vector<std::uint32_t> memberStart; ///< edge e: owners members[memberStart[e] .. memberStart[e + 1])
    std::vector<std::uint32_t> members;     ///< owner indices, ascending and distinct within an edge
    std::size_t size() const { return a.size(); }
};

/// Vertex clustering of `pieces` at one cell size; `ownerKey[owner]` keeps owners of different keys apart.
PathGroups groupPaths(const std::vector<PathPiece>& pieces, const std::vector<int>& ownerKey, double cellKm);

/// The lifecycle of a merged group, "the most advanced of its members": each stage at the earliest
/// member's date for it; retired or cancelled only once every member is (at the latest such date).
/// Undated members that are shown (not cancelled or retired) make the group undated with the most
/// advanced of their statuses.
Lifecycle mergedLifecycle(const std::vector<const Lifecycle*>& members);

} // namespace buildout
