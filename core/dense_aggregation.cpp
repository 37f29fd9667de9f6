// Grid grouping of points, vertex clustering of paths, and capacity bands over time (see the header).
#include "core/dense_aggregation.h"

#include "core/huge_pages.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace buildout {

namespace {

/// A grid cell, with the caller's key: groups never mix keys.
struct CellKey {
    std::int64_t x = 0, y = 0;
    int key = 0;
    bool operator==(const CellKey& o) const { return x == o.x && y == o.y && key == o.key; }
};

struct CellKeyHash {
    std::size_t operator()(const CellKey& c) const {
        std::uint64_t h = static_cast<std::uint64_t>(c.x) * 0x9E3779B97F4A7C15ull;
        h ^= static_cast<std::uint64_t>(c.y) + 0x7F4A7C159E3779B9ull + (h << 6) + (h >> 2);
        h ^= static_cast<std::uint64_t>(static_cast<std::uint32_t>(c.key)) * 0xC2B2AE3D27D4EB4Full;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
};

CellKey cellOf(glm::dvec2 p, double cellKm, int key) {
    return {static_cast<std::int64_t>(std::floor(p.x / cellKm)),
            static_cast<std::int64_t>(std::floor(p.y / cellKm)), key};
}

double smoothstep(double e0, double e1, double x) {
    const double t = std::clamp((x - e0) / (e1 - e0), 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

/// Counting sort of (group, member) assignments into CSR form; members stay ascending within a group.
void buildMembers(const std::vector<std::uint32_t>& groupOf, std::size_t groups,
                  std::vector<std::uint32_t>& start, std::vector<std::uint32_t>& members) {
    start.assign(groups + 1, 0);
    for (std::uint32_t g : groupOf)
        ++start[g + 1];
    for (std::size_t g = 0; g < groups; ++g)
        start[g + 1] += start[g];
    members.assign(groupOf.size(), 0);
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < groupOf.size(); ++i)
        members[next[groupOf[i]]++] = static_cast<std::uint32_t>(i);
}

} // namespace

KnotTimeline KnotTimeline::over(TimeDays from, TimeDays to, int count) {
    KnotTimeline k;
    k.count = std::max(count, 2);
    k.start = from;
    k.step = std::max(to - from, 1.0) / (k.count - 1);
    return k;
}

double displayedCapacity(const Scenario& s, const EntityBase& e, TimeDays t, double unknownMw) {
    if (e.capacitySeries < 0 || static_cast<std::size_t>(e.capacitySeries) >= s.series.size())
        return isKnown(e.capacityMw) ? e.capacityMw : unknownMw;
    const Series& ser = s.series[static_cast<std::size_t>(e.capacitySeries)];
    if (ser.samples.empty()) return isKnown(e.capacityMw) ? e.capacityMw : unknownMw;
    if (ser.interpolation == Interpolation::Linear) return ser.valueAt(t);
    // Steps rise over the ramp after each sample, as the shaders draw them.
    double value = ser.samples.front().value;
    for (std::size_t i = 1; i < ser.samples.size(); ++i) {
        const SeriesSample& at = ser.samples[i];
        if (t <= at.t) break; // later samples have not begun to rise
        value += (at.value - ser.samples[i - 1].value) * smoothstep(at.t, at.t + kCapacityRampDays, t);
    }
    return value;
}

namespace {

/// The bands of entity `e` at t for a column of `cap` MW (>= 0) when fully built.
CapacityBands bandsFor(const EntityBase& e, TimeDays t, float cap) {
    CapacityBands b;
    const Status status = e.life.statusAt(t);
    if (status == Status::Absent || status == Status::Retired || status == Status::Cancelled) return b;
    const Day construction = e.life.dates[Lifecycle::Construction];
    const Day online = e.life.dates[Lifecycle::Online];
    if (status == Status::Construction) {
        double built = 0.5; // share built when the dates do not say
        if (construction != kNoDay && online != kNoDay)
            built = std::clamp((t - construction) / std::max<double>(online - construction, 1.0), 0.0, 1.0);
        b.construction = cap * static_cast<float>(0.15 + 0.85 * built);
    } else if (status == Status::Operating) {
        const bool rises = construction == kNoDay && online != kNoDay && e.life.hasDates();
        b.operating =
            rises ? cap * static_cast<float>(smoothstep(online, online + kCapacityRampDays, t)) : cap;
    } else {
        b.planned = cap;
    }
    return b;
}

} // namespace

CapacityBands bandsAt(const Scenario& s, const EntityBase& e, TimeDays t, double unknownMw) {
    return bandsFor(e, t, static_cast<float>(std::max(displayedCapacity(s, e, t, unknownMw), 0.0)));
}

FacilityDemand campusFacilityDemand(const Scenario& s, const Datacenter& d, double mw) {
    return facilityDemand(d.basis, mw, s.manifest.assumptions);
}

CapacityBands campusBandsAt(const Scenario& s, const Datacenter& d, TimeDays t, double unknownMw) {
    const double stated = displayedCapacity(s, d, t, kUnknown);
    // An unknown figure is asked about as 1 MW: the basis alone says whether it counts.
    const FacilityDemand fd = campusFacilityDemand(s, d, isKnown(stated) ? stated : 1.0);
    if (fd.how == DemandCount::Apart || fd.how == DemandCount::Unknown) return {};
    const double mw = isKnown(stated) ? fd.mw : unknownMw;
    return bandsFor(d, t, static_cast<float>(std::max(mw, 0.0)));
}

MergedCampusSum sumMergedCampuses(const Scenario& s, const std::vector<int>& members, TimeDays t) {
    MergedCampusSum out;
    for (int i : members) {
        if (i < 0 || static_cast<std::size_t>(i) >= s.datacenters.size()) continue;
        const Datacenter& d = s.datacenters[static_cast<std::size_t>(i)];
        const Status st = d.life.statusAt(t);
        if (st == Status::Absent || st == Status::Cancelled || st == Status::Retired) continue;
        ++out.present;
        const double stated = s.capacityAt(d, t);
        const FacilityDemand fd = campusFacilityDemand(s, d, stated);
        if (fd.how == DemandCount::Unknown) {
            ++out.undisclosed;
            continue;
        }
        if (fd.how == DemandCount::Apart) {
            ++out.apart;
            (d.basis == CapacityBasis::Grid         ? out.gridMw
             : d.basis == CapacityBasis::Generation ? out.generationMw
                                                    : out.itApartMw) += stated;
            continue;
        }
        (st == Status::Operating      ? out.operatingMw
         : st == Status::Construction ? out.constructionMw
                                      : out.plannedMw) += fd.mw;
        if (out.largest < 0 || fd.mw > out.largestMw) out.largestMw = fd.mw, out.largest = i;
    }
    return out;
}

namespace {

/// groupPoints over `n` points, entity i's bands at t being bandsOf(i, t).
template <class BandsOf>
std::vector<PointGroups> groupPointsWith(std::size_t n, const std::vector<glm::dvec2>& posKm,
                                         const std::vector<int>& key, const std::vector<double>& cellKm,
                                         const KnotTimeline& timeline, const BandsOf& bandsOf) {
    const std::size_t knots = static_cast<std::size_t>(std::max(timeline.count, 0));
    std::vector<PointGroups> levels(cellKm.size());
    std::vector<std::vector<std::uint32_t>> groupOf(cellKm.size());
    for (std::size_t l = 0; l < cellKm.size(); ++l) {
        PointGroups& level = levels[l];
        level.cellKm = cellKm[l];
        std::unordered_map<CellKey, std::uint32_t, CellKeyHash> index;
        index.reserve(n / 4 + 16);
        groupOf[l].resize(n);
        std::vector<glm::dvec2> sum;
        for (std::size_t i = 0; i < n; ++i) {
            const int k = key.empty() ? 0 : key[i];
            const auto [it, added] =
                index.try_emplace(cellOf(posKm[i], cellKm[l], k), static_cast<std::uint32_t>(sum.size()));
            if (added) sum.emplace_back(0.0), level.key.push_back(k);
            sum[it->second] += posKm[i];
            groupOf[l][i] = it->second;
        }
        buildMembers(groupOf[l], sum.size(), level.memberStart, level.members);
        level.center.resize(sum.size());
        for (std::size_t g = 0; g < sum.size(); ++g)
            level.center[g] = sum[g] / static_cast<double>(level.memberStart[g + 1] - level.memberStart[g]);
        // Fresh memory costs a page fault per 4 KiB touched; ask for huge pages (see core/huge_pages.h).
        level.bands.reserve(sum.size() * knots);
        adviseHugePages(level.bands.data(), sum.size() * knots * sizeof(CapacityBands));
        level.bands.assign(sum.size() * knots, {});
    }
    // Each entity's bands once, added into its group at the finest level. A coarser level whose cell is a
    // whole multiple of the finer one's nests its cells (floor(x / kc) == floor(floor(x / c) / k)), so it
    // sums the finer groups instead of every entity again.
    auto add = [knots](CapacityBands* dst, const CapacityBands* src) {
        for (std::size_t k = 0; k < knots; ++k) {
            dst[k].operating += src[k].operating;
            dst[k].construction += src[k].construction;
            dst[k].planned += src[k].planned;
        }
    };
    std::vector<bool> direct(levels.size(), true);
    for (std::size_t l = 1; l < levels.size(); ++l) {
        const double ratio = cellKm[l] / cellKm[l - 1];
        direct[l] = !(ratio >= 1.0 && std::abs(ratio - std::round(ratio)) < 1e-9);
    }
    std::vector<CapacityBands> mine(knots);
    for (std::size_t i = 0; i < n; ++i) {
        bool any = false;
        for (std::size_t k = 0; k < knots; ++k) {
            mine[k] = bandsOf(i, timeline.at(static_cast<int>(k)));
            any = any || mine[k].total() > 0;
        }
        if (!any) continue;
        for (std::size_t l = 0; l < levels.size(); ++l)
            if (l == 0 || direct[l]) add(levels[l].bands.data() + groupOf[l][i] * knots, mine.data());
    }
    for (std::size_t l = 1; l < levels.size(); ++l) {
        if (direct[l]) continue;
        const PointGroups& finer = levels[l - 1];
        for (std::size_t g = 0; g < finer.size(); ++g) {
            const std::uint32_t parent = groupOf[l][finer.members[finer.memberStart[g]]];
            add(levels[l].bands.data() + parent * knots, finer.bands.data() + g * knots);
        }
    }
    for (PointGroups& level : levels)
        for (const CapacityBands& b : level.bands)
            level.peakTotalMw = std::max(level.peakTotalMw, b.total());
    return levels;
}

} // namespace

std::vector<PointGroups> groupPoints(const Scenario& s, const std::vector<const EntityBase*>& entities,
                                     const std::vector<glm::dvec2>& posKm, const std::vector<int>& key,
                                     const std::vector<double>& cellKm, const KnotTimeline& timeline,
                                     double unknownMw) {
    return groupPointsWith(std::min(entities.size(), posKm.size()), posKm, key, cellKm, timeline,
                           [&](std::size_t i, TimeDays t) { return bandsAt(s, *entities[i], t, unknownMw); });
}

std::vector<PointGroups> groupCampuses(const Scenario& s, const std::vector<glm::dvec2>& posKm,
                                       const std::vector<double>& cellKm, const KnotTimeline& timeline,
                                       double unknownMw) {
    return groupPointsWith(
        std::min(s.datacenters.size(), posKm.size()), posKm, {}, cellKm, timeline,
        [&](std::size_t i, TimeDays t) { return campusBandsAt(s, s.datacenters[i], t, unknownMw); });
}

PathGroups groupPaths(const std::vector<PathPiece>& pieces, const std::vector<int>& ownerKey, double cellKm) {
    PathGroups out;
    out.cellKm = cellKm;
    // Cells and their representative points (the mean of every vertex in them).
    std::unordered_map<CellKey, std::uint32_t, CellKeyHash> cells;
    std::vector<glm::dvec2> sum;
    std::vector<double> count;
    std::vector<std::vector<std::uint32_t>> cellSeq(pieces.size());
    for (std::size_t p = 0; p < pieces.size(); ++p) {
        for (const glm::dvec2& v : pieces[p].pointsKm) {
            const auto [it, added] =
                cells.try_emplace(cellOf(v, cellKm, 0), static_cast<std::uint32_t>(sum.size()));
            if (added) sum.emplace_back(0.0), count.push_back(0);
            sum[it->second] += v;
            count[it->second] += 1;
            if (cellSeq[p].empty() || cellSeq[p].back() != it->second) cellSeq[p].push_back(it->second);
        }
    }
    // Hops between two cells, one edge per (cell pair, key), with the owners that make the hop.
    struct EdgeKey {
        std::uint32_t lo, hi;
        int key;
        bool operator==(const EdgeKey& o) const { return lo == o.lo && hi == o.hi && key == o.key; }
    };
    struct EdgeKeyHash {
        std::size_t operator()(const EdgeKey& e) const {
            return CellKeyHash{}(
                CellKey{static_cast<std::int64_t>(e.lo), static_cast<std::int64_t>(e.hi), e.key});
        }
    };
    std::unordered_map<EdgeKey, std::uint32_t, EdgeKeyHash> edges;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edgeOwner; // (edge, owner)
    for (std::size_t p = 0; p < pieces.size(); ++p) {
        const int owner = pieces[p].owner;
        const int k = owner >= 0 && static_cast<std::size_t>(owner) < ownerKey.size()
                          ? ownerKey[static_cast<std::size_t>(owner)]
                          : 0;
        const auto& seq = cellSeq[p];
        for (std::size_t i = 1; i < seq.size(); ++i) {
            const EdgeKey e{std::min(seq[i - 1], seq[i]), std::max(seq[i - 1], seq[i]), k};
            const auto [it, added] = edges.try_emplace(e, static_cast<std::uint32_t>(out.a.size()));
            if (added) {
                out.a.push_back(sum[e.lo] / count[e.lo]);
                out.b.push_back(sum[e.hi] / count[e.hi]);
                out.key.push_back(k);
            }
            edgeOwner.emplace_back(it->second, static_cast<std::uint32_t>(owner));
        }
    }
    std::sort(edgeOwner.begin(), edgeOwner.end());
    edgeOwner.erase(std::unique(edgeOwner.begin(), edgeOwner.end()), edgeOwner.end());
    out.memberStart.assign(out.a.size() + 1, 0);
    out.members.reserve(edgeOwner.size());
    for (const auto& [edge, owner] : edgeOwner)
        ++out.memberStart[edge + 1], out.members.push_back(owner);
    for (std::size_t e = 0; e < out.a.size(); ++e)
        out.memberStart[e + 1] += out.memberStart[e];
    return out;
}

Lifecycle mergedLifecycle(const std::vector<const Lifecycle*>& members) {
    Lifecycle out;
    if (members.empty()) return out;
    // Undated members that are shown decide alone: the most advanced status among them.
    bool undatedShown = false;
    Status best = Status::Announced;
    for (const Lifecycle* m : members) {
        if (m->hasDates()) continue;
        const Status st = m->undatedStatus;
        if (st == Status::Cancelled || st == Status::Retired) continue;
        undatedShown = true;
        if (static_cast<int>(st) > static_cast<int>(best)) best = st;
    }
    if (undatedShown) {
        out.undatedStatus = best;
        return out;
    }
    bool allEnd = true, anyRetired = false, anyDated = false;
    Day end = kNoDay;
    for (const Lifecycle* m : members) {
        if (!m->hasDates()) continue; // undated and hidden (cancelled or retired): adds nothing
        anyDated = true;
        for (int stage = Lifecycle::Announced; stage <= Lifecycle::Online; ++stage) {
            const Day d = m->dates[static_cast<std::size_t>(stage)];
            Day& o = out.dates[static_cast<std::size_t>(stage)];
            if (d != kNoDay && (o == kNoDay || d < o)) o = d;
        }
        const Day r = m->dates[Lifecycle::Retired], c = m->dates[Lifecycle::Cancelled];
        const Day mine = r != kNoDay && c != kNoDay ? std::min(r, c) : r != kNoDay ? r : c;
        if (mine == kNoDay)
            allEnd = false;
        else
            end = end == kNoDay ? mine : std::max(end, mine), anyRetired = anyRetired || mine == r;
    }
    if (!anyDated) { // every member undated and hidden
        out.undatedStatus = Status::Cancelled;
        return out;
    }
    if (allEnd && end != kNoDay) out.dates[anyRetired ? Lifecycle::Retired : Lifecycle::Cancelled] = end;
    return out;
}

} // namespace buildout
