// Scenario comparison.
#include "diff.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace buildout {

double AssetChange::deltaMw() const {
    const double a = statusA != Status::Absent && isKnown(mwA) ? mwA : 0.0;
    const double b = statusB != Status::Absent && isKnown(mwB) ? mwB : 0.0;
    return b - a;
}

double AssetChange::deltaOperatingMw() const {
    const double a = statusA == Status::Operating && isKnown(mwA) ? mwA : 0.0;
    const double b = statusB == Status::Operating && isKnown(mwB) ? mwB : 0.0;
    return b - a;
}

namespace {

bool present(Status s) { return s != Status::Absent && s != Status::Cancelled; }

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// A representative location for matching renames (points; the first vertex of lines and zones).
bool locationOf(const Scenario& s, EntityKind kind, int i, LonLat& out) {
    const auto k = static_cast<std::size_t>(i);
    switch (kind) {
    case EntityKind::Datacenter: out = s.datacenters[k].position; return true;
    case EntityKind::PowerPlant: out = s.powerPlants[k].position; return true;
    case EntityKind::Transmission:
        if (s.lines[k].paths.empty() || s.lines[k].paths[0].empty()) return false;
        out = s.lines[k].paths[0][0];
        return true;
    case EntityKind::Zone:
        if (s.zones[k].polygons.empty() || s.zones[k].polygons[0].rings.empty()) return false;
        out = s.zones[k].polygons[0].rings[0][0];
        return true;
    default: return false;
    }
}

double haversineKm(LonLat a, LonLat b) {
    constexpr double kR = 6371.0, kDeg = 3.14159265358979323846 / 180.0;
    const double dlat = (b.lat - a.lat) * kDeg, dlon = (b.lon - a.lon) * kDeg;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.lat * kDeg) * std::cos(b.lat * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kR * std::asin(std::min(1.0, std::sqrt(h)));
}

std::size_t countOf(const Scenario& s, EntityKind k) {
    switch (k) {
    case EntityKind::Datacenter: return s.datacenters.size();
    case EntityKind::PowerPlant: return s.powerPlants.size();
    case EntityKind::Transmission: return s.lines.size();
    case EntityKind::Supercluster: return s.superclusters.size();
    case EntityKind::Zone: return s.zones.size();
    case EntityKind::Region: return 0;
    }
    return 0;
}

/// Where an asset is, as (kind, index) in its scenario.
using AssetIndex = std::pair<EntityKind, int>;

/// `t` clamped into the range both scenarios cover, with a note when it had to be (or when there is no
/// common range, in which case `t` is kept).
TimeDays clampToCommonRange(const Scenario& a, const Scenario& b, TimeDays t,
                            std::vector<std::string>& notes) {
    const Day lo = std::max(a.manifest.start, b.manifest.start), hi = std::min(a.manifest.end, b.manifest.end);
    if (lo > hi) {
        notes.push_back("the scenarios' time ranges do not overlap; compared at the requested date anyway");
    } else if (t < lo || t > hi) {
        notes.push_back("date " + formatDate(static_cast<Day>(std::floor(t))) +
                        " is outside the common range " + formatDate(lo) + " to " + formatDate(hi) +
                        "; compared at the nearest end");
        t = std::clamp(t, static_cast<double>(lo), static_cast<double>(hi));
    }
    return t;
}

/// Files `c` (an asset of A, with B's side filled when B has the same id) under removed, added or
/// changed by its presence at t on each side. Changed: capacity (MW, known or not), status or online date.
void classify(const AssetChange& c, ScenarioDiff& d) {
    const bool inA = present(c.statusA), inB = present(c.statusB);
    if (inA && !inB) {
        d.removed.push_back(c);
    } else if (!inA && inB) {
        d.added.push_back(c);
    } else if (inA && inB) {
        const bool mwDiffers =
            (isKnown(c.mwA) != isKnown(c.mwB)) || (isKnown(c.mwA) && std::abs(c.mwA - c.mwB) > 1e-9);
        if (mwDiffers || c.statusA != c.statusB || c.onlineA != c.onlineB) d.changed.push_back(c);
    }
}

/// Every asset of one kind of A, matched by id with B's. A's assets B lacks go to `unmatchedA`.
void compareAssetsOfA(const Scenario& a, const Scenario& b, EntityKind kind, TimeDays t, ScenarioDiff& d,
                      std::vector<AssetIndex>& unmatchedA) {
    for (std::size_t i = 0; i < countOf(a, kind); ++i) {
        const EntityBase& ea = a.entity({kind, static_cast<int>(i)});
        AssetChange c;
        c.kind = kind;
        c.id = ea.id;
        c.name = ea.label();
        c.indexA = static_cast<int>(i);
        c.indexB = b.find(kind, ea.id);
        c.statusA = ea.life.statusAt(t);
        c.mwA = a.capacityAt(ea, t);
        c.onlineA = ea.life.dates[Lifecycle::Online];
        if (kind == EntityKind::Datacenter) c.basis = a.datacenters[i].basis;
        if (c.indexB >= 0) {
            const EntityBase& eb = b.entity({kind, c.indexB});
            if (kind == EntityKind::Datacenter)
                c.basis = b.datacenters[static_cast<std::size_t>(c.indexB)].basis;
            c.statusB = eb.life.statusAt(t);
            c.mwB = b.capacityAt(eb, t);
            c.onlineB = eb.life.dates[Lifecycle::Online];
        } else {
            unmatchedA.emplace_back(kind, static_cast<int>(i));
        }
        classify(c, d);
    }
}

/// Every asset of one kind that only B has (by id): added when present at t. All go to `unmatchedB`.
void addAssetsOnlyInB(const Scenario& a, const Scenario& b, EntityKind kind, TimeDays t, ScenarioDiff& d,
                      std::vector<AssetIndex>& unmatchedB) {
    for (std::size_t i = 0; i < countOf(b, kind); ++i) {
        const EntityBase& eb = b.entity({kind, static_cast<int>(i)});
        if (a.find(kind, eb.id) >= 0) continue;
        unmatchedB.emplace_back(kind, static_cast<int>(i));
        AssetChange c;
        c.kind = kind;
        c.id = eb.id;
        c.name = eb.label();
        c.indexB = static_cast<int>(i);
        c.statusB = eb.life.statusAt(t);
        c.mwB = b.capacityAt(eb, t);
        c.onlineB = eb.life.dates[Lifecycle::Online];
        if (kind == EntityKind::Datacenter) c.basis = b.datacenters[i].basis;
        if (present(c.statusB)) d.added.push_back(c);
    }
}

/// Renames: unmatched ids of one kind with the same name (case-insensitive) and, where both have a
/// location, within 5 km (great-circle). Reported, never silently matched.
void findLikelyRenames(const Scenario& a, const Scenario& b, const std::vector<AssetIndex>& unmatchedA,
                       const std::vector<AssetIndex>& unmatchedB, std::vector<LikelyRename>& out) {
    for (const auto& [kind, ia] : unmatchedA)
        for (const auto& [kindB, ib] : unmatchedB) {
            if (kind != kindB) continue;
            const EntityBase& ea = a.entity({kind, ia});
            const EntityBase& eb = b.entity({kind, ib});
            if (ea.name.empty() || lower(ea.name) != lower(eb.name)) continue;
            LonLat la, lb;
            double km = 0;
            if (locationOf(a, kind, ia, la) && locationOf(b, kind, ib, lb)) {
                km = haversineKm(la, lb);
                if (km > 5.0) continue;
            }
            out.push_back({kind, ea.id, eb.id, ea.name, km});
        }
}

} // namespace

ScenarioDiff diffScenarios(const Scenario& a, const Scenario& b, TimeDays t) {
    ScenarioDiff d;
    d.idA = a.manifest.id;
    d.idB = b.manifest.id;
    t = clampToCommonRange(a, b, t, d.notes);
    if (a.manifest.basemap != b.manifest.basemap || a.manifest.crs != b.manifest.crs)
        d.notes.push_back("the basemaps differ ('" + a.manifest.basemap + "' " + a.manifest.crs + " vs '" +
                          b.manifest.basemap + "' " + b.manifest.crs + "): region totals may not correspond");
    d.at = t;

    // Kind by kind, A's assets then B's own, so that each list is in kind, then file, order.
    std::vector<AssetIndex> unmatchedA, unmatchedB;
    for (int k = 0; k < kMapKindCount; ++k) {
        const auto kind = static_cast<EntityKind>(k);
        compareAssetsOfA(a, b, kind, t, d, unmatchedA);
        addAssetsOnlyInB(a, b, kind, t, d, unmatchedB);
    }
    findLikelyRenames(a, b, unmatchedA, unmatchedB, d.renames);
    d.summaryA = summarize(a, t);
    d.summaryB = summarize(b, t);
    return d;
}

nlohmann::json diffToJson(const ScenarioDiff& d) {
    using nlohmann::json;
    auto num = [](double v) { return isKnown(v) ? json(v) : json(nullptr); };
    auto date = [](Day v) { return v == kNoDay ? json(nullptr) : json(formatDate(v)); };
    auto change = [&](const AssetChange& c) {
        return json{{"kind", kindName(c.kind)},    {"id", c.id},
                    {"name", c.name},              {"status_a", statusName(c.statusA)},
                    {"status_b", statusName(c.statusB)}, {"mw_a", num(c.mwA)},
                    {"mw_b", num(c.mwB)},          {"delta_mw", c.deltaMw()},
                    {"delta_operating_mw", c.deltaOperatingMw()},
                    {"online_a", date(c.onlineA)}, {"online_b", date(c.onlineB)}};
    };
    json j;
    j["a"] = d.idA;
    j["b"] = d.idB;
    j["at"] = formatDate(static_cast<Day>(std::floor(d.at)));
    j["notes"] = d.notes;
    for (const char* key : {"added", "removed", "changed"}) j[key] = json::array();
    for (const auto& c : d.added) j["added"].push_back(change(c));
    for (const auto& c : d.removed) j["removed"].push_back(change(c));
    for (const auto& c : d.changed) j["changed"].push_back(change(c));
    j["likely_renames"] = json::array();
    for (const auto& r : d.renames)
        j["likely_renames"].push_back(
            {{"kind", kindName(r.kind)}, {"id_a", r.idA}, {"id_b", r.idB}, {"name", r.name}, {"distance_km", r.distanceKm}});
    json totals = json::object();
    for (int k = 0; k < kMapKindCount; ++k) {
        json statuses = json::object();
        for (int st = 0; st < kStatusCount; ++st) {
            const StatusTotals& ta = d.summaryA.kinds[static_cast<std::size_t>(k)][static_cast<std::size_t>(st)];
            const StatusTotals& tb = d.summaryB.kinds[static_cast<std::size_t>(k)][static_cast<std::size_t>(st)];
            statuses[statusName(statusFromIndex(st))] = {{"count_a", ta.count}, {"count_b", tb.count},
                                                         {"mw_a", ta.mw},       {"mw_b", tb.mw},
                                                         {"delta_mw", tb.mw - ta.mw}};
        }
        totals[kindName(static_cast<EntityKind>(k))] = statuses;
    }
    j["totals"] = totals;
    return j;
}

namespace {

/// How one side's datacenter totals were reached: "IT × PUE 1.25" or "no PUE stated".
std::string pueText(const Summary& s) {
    if (!s.assumptions.hasPue()) return "no PUE stated";
    char buf[48];
    std::snprintf(buf, sizeof buf, "IT \xC3\x97 PUE %g", s.assumptions.pue);
    return buf;
}

/// Operating datacenter figures of one side left out of its facility-power total, by basis, as stated:
/// "1 campus: 4500 MW generation" or "none".
std::string apartText(const Summary& s) {
    const auto op = static_cast<std::size_t>(statusIndex(Status::Operating));
    const StatusTotals& t = s.kinds[static_cast<std::size_t>(EntityKind::Datacenter)][op];
    if (t.apartCount == 0) return "none";
    std::string out = std::to_string(t.apartCount) + (t.apartCount == 1 ? " campus:" : " campuses:");
    const char* sep = " ";
    for (CapacityBasis b : {CapacityBasis::Grid, CapacityBasis::Generation, CapacityBasis::It}) {
        if (b == CapacityBasis::It && s.assumptions.hasPue()) continue; // converted, not apart
        const BasisTotals& bt = s.datacenterBasis[op][static_cast<std::size_t>(b)];
        if (bt.count == 0) continue;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s%.0f MW %s", sep, bt.mw, capacityBasisSuffix(b));
        out += buf;
        sep = ", ";
    }
    return out;
}

} // namespace

std::string diffToText(const ScenarioDiff& d) {
    std::ostringstream o;
    o << d.idB << " compared with " << d.idA << " at " << formatDate(static_cast<Day>(std::floor(d.at))) << "\n";
    for (const auto& n : d.notes) o << "note: " << n << "\n";
    auto mw = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%+.0f MW", v);
        return std::string(buf);
    };
    // Asset figures are as stated; a datacenter's basis follows when it is not facility power.
    auto asset = [&](const AssetChange& c, double v) {
        const char* basis = c.kind == EntityKind::Datacenter ? capacityBasisSuffix(c.basis) : "";
        return mw(v) + (*basis ? std::string(" ") + basis : std::string());
    };
    const auto& opA = d.summaryA.kinds[0][static_cast<std::size_t>(statusIndex(Status::Operating))];
    const auto& opB = d.summaryB.kinds[0][static_cast<std::size_t>(statusIndex(Status::Operating))];
    o << "datacenter totals are facility power (A: " << pueText(d.summaryA) << "; B: " << pueText(d.summaryB)
      << "); grid requests, on-site generation and IT load without a PUE are not added\n";
    o << "operating datacenters, facility power: " << opA.mw << " MW -> " << opB.mw << " MW ("
      << mw(opB.mw - opA.mw) << ")\n";
    if (opA.apartCount + opB.apartCount > 0)
        o << "operating, not added: A " << apartText(d.summaryA) << "; B " << apartText(d.summaryB) << "\n";
    o << "\nadded (" << d.added.size() << "):\n";
    for (const auto& c : d.added)
        o << "  + " << kindName(c.kind) << " " << c.id << " " << c.name << " " << asset(c, c.deltaMw())
          << " (" << statusName(c.statusB) << ")\n";
    o << "removed (" << d.removed.size() << "):\n";
    for (const auto& c : d.removed)
        o << "  - " << kindName(c.kind) << " " << c.id << " " << c.name << " " << asset(c, c.deltaMw())
          << " (was " << statusName(c.statusA) << ")\n";
    o << "changed (" << d.changed.size() << "):\n";
    for (const auto& c : d.changed) {
        o << "  ~ " << kindName(c.kind) << " " << c.id << " " << c.name << ": " << statusName(c.statusA)
          << " -> " << statusName(c.statusB) << ", operating " << asset(c, c.deltaOperatingMw());
        if (c.onlineA != c.onlineB)
            o << ", online " << (c.onlineA == kNoDay ? "-" : formatDate(c.onlineA)) << " -> "
              << (c.onlineB == kNoDay ? "-" : formatDate(c.onlineB));
        o << "\n";
    }
    if (!d.renames.empty()) {
        o << "likely renames (not matched):\n";
        for (const auto& r : d.renames) o << "  " << kindName(r.kind) << " " << r.idA << " -> " << r.idB << " (" << r.name << ")\n";
    }
    return o.str();
}

} // namespace buildout
