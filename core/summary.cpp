// Aggregation of a scenario at one time.
#include "summary.h"

#include "power_format.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

namespace buildout {

namespace {

/// Datacenters: the facility demand of each (capacity_basis.h) into kinds[Datacenter], and the figure as
/// stated into its basis's row, so that unlike megawatts are never summed together.
void addDatacenters(const Scenario& s, TimeDays t, Summary& out) {
    auto& table = out.kinds[static_cast<std::size_t>(EntityKind::Datacenter)];
    for (const Datacenter& d : s.datacenters) {
        const Status st = d.life.statusAt(t);
        if (st == Status::Absent) continue;
        const auto si = static_cast<std::size_t>(statusIndex(st));
        StatusTotals& tot = table[si];
        BasisTotals& bt = out.datacenterBasis[si][static_cast<std::size_t>(d.basis)];
        ++tot.count;
        ++bt.count;
        const double mw = s.capacityAt(d, t);
        if (isKnown(mw)) bt.mw += mw;
        else ++bt.unknownMwCount;
        const FacilityDemand fd = facilityDemand(d.basis, mw, s.manifest.assumptions);
        if (fd.how == DemandCount::Unknown) ++tot.unknownMwCount;
        else if (fd.how == DemandCount::Apart) ++tot.apartCount;
        else tot.mw += fd.mw;
    }
}

template <typename T> void addEntities(const Scenario& s, const std::vector<T>& items, EntityKind kind, TimeDays t,
                                       Summary& out) {
    auto& table = out.kinds[static_cast<std::size_t>(kind)];
    const bool hasCapacity = kind != EntityKind::Supercluster && kind != EntityKind::Zone;
    for (const T& e : items) {
        const Status st = e.life.statusAt(t);
        if (st == Status::Absent) continue;
        StatusTotals& tot = table[static_cast<std::size_t>(statusIndex(st))];
        ++tot.count;
        if (!hasCapacity) continue;
        const double mw = s.capacityAt(e, t);
        if (isKnown(mw)) tot.mw += mw;
        else ++tot.unknownMwCount;
    }
}

} // namespace

Summary summarize(const Scenario& s, TimeDays t) {
    Summary out;
    out.scenarioId = s.manifest.id;
    out.at = t;
    out.assumptions = s.manifest.assumptions;
    addDatacenters(s, t, out);
    addEntities(s, s.powerPlants, EntityKind::PowerPlant, t, out);
    addEntities(s, s.lines, EntityKind::Transmission, t, out);
    addEntities(s, s.zones, EntityKind::Zone, t, out);

    // Superclusters: counted by their own lifecycle; their MW is that of operating members.
    auto& clusterTable = out.kinds[static_cast<std::size_t>(EntityKind::Supercluster)];
    for (const Supercluster& c : s.superclusters) {
        const Status st = c.life.statusAt(t);
        if (st == Status::Absent) continue;
        ClusterTotals ct;
        ct.compute = c.computeSeries >= 0 ? s.series[static_cast<std::size_t>(c.computeSeries)].valueAt(t) : c.compute;
        bool unknown = false;
        for (int m : c.members) {
            const Datacenter& d = s.datacenters[static_cast<std::size_t>(m)];
            if (d.life.statusAt(t) != Status::Operating) continue;
            ++ct.operatingMembers;
            const double mw = facilityDemandMw(d, s.capacityAt(d, t), s.manifest.assumptions);
            if (isKnown(mw)) ct.mw += mw;
            else unknown = true;
        }
        StatusTotals& tot = clusterTable[static_cast<std::size_t>(statusIndex(st))];
        ++tot.count;
        tot.mw += ct.mw;
        if (unknown) ++tot.unknownMwCount;
        out.superclusters[c.id] = ct;
    }

    for (const PowerPlant& p : s.powerPlants) {
        if (p.life.statusAt(t) != Status::Operating) continue;
        const double mw = s.capacityAt(p, t);
        double& slot = out.generationByFuelMw[fuelName(p.fuel)];
        if (isKnown(mw)) slot += mw;
    }
    for (const Datacenter& d : s.datacenters) {
        if (d.life.statusAt(t) != Status::Operating) continue;
        const double mw = facilityDemandMw(d, s.capacityAt(d, t), s.manifest.assumptions);
        const double add = isKnown(mw) ? mw : 0.0;
        if (d.region >= 0) out.regionDatacenterMw[s.basemap->regions[static_cast<std::size_t>(d.region)].id] += add;
        out.operatorDatacenterMw[d.operatorName.empty() ? std::string("(unknown)") : d.operatorName] += add;
    }

    // Every series has a value from the scenario start (spec "series": before the first sample, the first
    // sample's), whatever its entity's status: a campus not yet announced still has its planned phases.
    for (const Series& ser : s.series) out.series[ser.targetId][ser.metric] = ser.valueAt(t);
    return out;
}

namespace {
std::string formatNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}
} // namespace

nlohmann::json summaryToJson(const Summary& sum) {
    using nlohmann::json;
    json j;
    j["scenario"] = sum.scenarioId;
    j["at"] = formatDate(static_cast<Day>(std::floor(sum.at)));
    json kinds = json::object();
    for (int k = 0; k < kMapKindCount; ++k) {
        json statuses = json::object();
        for (int st = 0; st < kStatusCount; ++st) {
            const StatusTotals& tot = sum.kinds[static_cast<std::size_t>(k)][static_cast<std::size_t>(st)];
            json entry = {{"count", tot.count}, {"mw", tot.mw}, {"unknown_mw_count", tot.unknownMwCount}};
            if (k == static_cast<int>(EntityKind::Datacenter)) {
                // "mw" is facility demand; the figures behind it, basis by basis, as stated.
                entry["apart_count"] = tot.apartCount;
                json bases = json::object();
                for (int b = 0; b < kCapacityBasisCount; ++b) {
                    const BasisTotals& bt = sum.datacenterBasis[static_cast<std::size_t>(st)][static_cast<std::size_t>(b)];
                    bases[capacityBasisName(static_cast<CapacityBasis>(b))] = {
                        {"count", bt.count}, {"mw", bt.mw}, {"unknown_mw_count", bt.unknownMwCount}};
                }
                entry["by_basis"] = bases;
            }
            statuses[statusName(statusFromIndex(st))] = entry;
        }
        kinds[kindName(static_cast<EntityKind>(k))] = statuses;
    }
    j["kinds"] = kinds;
    j["assumptions"] = {{"pue", sum.assumptions.hasPue() ? json(sum.assumptions.pue) : json(nullptr)}};
    j["generation_by_fuel_mw"] = sum.generationByFuelMw;
    json regions = json::object();
    for (const auto& [id, mw] : sum.regionDatacenterMw) regions[id] = {{"datacenter_mw", mw}};
    j["regions"] = regions;
    json ops = json::object();
    for (const auto& [name, mw] : sum.operatorDatacenterMw) ops[name] = {{"datacenter_mw", mw}};
    j["operators"] = ops;
    json clusters = json::object();
    for (const auto& [id, c] : sum.superclusters)
        clusters[id] = {{"compute", isKnown(c.compute) ? json(c.compute) : json(nullptr)}, {"mw", c.mw}};
    j["superclusters"] = clusters;
    json series = json::object();
    for (const auto& [id, metrics] : sum.series) {
        json m = json::object();
        for (const auto& [metric, v] : metrics) m[metric] = isKnown(v) ? json(v) : json(nullptr);
        series[id] = m;
    }
    j["series"] = series;
    return j;
}

namespace {
std::string mwText(double mw) {
    return formatPower(mw, 2);
}

/// After a datacenter status line: the figures not in its facility demand, and any conversion, by basis.
std::string basisText(const Summary& sum, int st) {
    const auto& bases = sum.datacenterBasis[static_cast<std::size_t>(st)];
    std::string out;
    const BasisTotals& it = bases[static_cast<std::size_t>(CapacityBasis::It)];
    if (it.count > 0 && sum.assumptions.hasPue())
        out += "; incl. " + mwText(it.mw) + " IT load \xC3\x97 PUE " + formatNumber(sum.assumptions.pue) + " = " +
               mwText(it.mw * sum.assumptions.pue);
    for (CapacityBasis b : {CapacityBasis::It, CapacityBasis::Grid, CapacityBasis::Generation}) {
        if (b == CapacityBasis::It && sum.assumptions.hasPue()) continue;
        const BasisTotals& bt = bases[static_cast<std::size_t>(b)];
        if (bt.count == 0) continue;
        out += "; apart: " + mwText(bt.mw) + " " + capacityBasisSuffix(b) + " (" + std::to_string(bt.count) + ")";
    }
    return out;
}
} // namespace

std::string summaryToText(const Summary& sum, const Scenario& s) {
    std::ostringstream o;
    o << s.manifest.title << " (" << sum.scenarioId << ") at " << formatDate(static_cast<Day>(std::floor(sum.at)))
      << "\n\n";
    for (int k = 0; k < kMapKindCount; ++k) {
        o << kindName(static_cast<EntityKind>(k))
          << (k == static_cast<int>(EntityKind::Datacenter) ? " (facility demand; other bases apart):\n" : ":\n");
        bool any = false;
        for (int st = 0; st < kStatusCount; ++st) {
            const StatusTotals& tot = sum.kinds[static_cast<std::size_t>(k)][static_cast<std::size_t>(st)];
            if (tot.count == 0) continue;
            any = true;
            char line[160];
            std::snprintf(line, sizeof line, "  %-13s %5d  %12s", statusName(statusFromIndex(st)), tot.count,
                          (k == static_cast<int>(EntityKind::Zone)) ? "" : mwText(tot.mw).c_str());
            o << line;
            if (tot.unknownMwCount > 0) o << "  (+" << tot.unknownMwCount << " of unknown capacity)";
            if (k == static_cast<int>(EntityKind::Datacenter)) o << basisText(sum, st);
            o << "\n";
        }
        if (!any) o << "  (none)\n";
    }
    o << "\ngeneration by fuel (operating):\n";
    for (const auto& [fuel, mw] : sum.generationByFuelMw) o << "  " << fuel << ": " << mwText(mw) << "\n";
    o << "\ndatacenters by region (operating):\n";
    for (const auto& [id, mw] : sum.regionDatacenterMw) o << "  " << id << ": " << mwText(mw) << "\n";
    o << "\ndatacenters by operator (operating):\n";
    for (const auto& [name, mw] : sum.operatorDatacenterMw) o << "  " << name << ": " << mwText(mw) << "\n";
    o << "\nsuperclusters:\n";
    for (const auto& [id, c] : sum.superclusters) {
        o << "  " << id << ": " << mwText(c.mw) << " operating";
        if (isKnown(c.compute)) o << ", compute " << c.compute;
        o << "\n";
    }
    o << "\nseries:\n";
    for (const auto& [id, metrics] : sum.series)
        for (const auto& [metric, v] : metrics) {
            const MetricDef* def = s.manifest.metric(metric);
            o << "  " << id << " " << metric << ": " << v << (def && !def->unit.empty() ? " " + def->unit : "") << "\n";
        }
    return o.str();
}

} // namespace buildout
