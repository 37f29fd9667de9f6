// Power balance per region group (see power_balance.h for the rules).
#include "power_balance.h"

#include "capacity_basis.h"

#include <algorithm>
#include <cmath>

namespace buildout {

double campusDemandMw(const Scenario& s, const Datacenter& dc, TimeDays t) {
    // The one basis rule (core/capacity_basis.h): IT load x the manifest PUE, grid/generation apart.
    return facilityDemandMw(dc, s.capacityAt(dc, t), s.manifest.assumptions);
}

namespace {

struct GroupDef {
    std::string id, name;
    std::vector<int> regions;
};

std::vector<GroupDef> groupDefs(const Scenario& s) {
    std::vector<GroupDef> out;
    if (!s.regionGroups.empty()) {
        for (const RegionGroup& g : s.regionGroups.groups)
            out.push_back({g.id, g.label(), g.regions});
        return out;
    }
    if (!s.basemap) return out;
    for (std::size_t r = 0; r < s.basemap->regions.size(); ++r) {
        const Region& reg = s.basemap->regions[r];
        if (!reg.isNation())
            out.push_back({reg.id, reg.name.empty() ? reg.id : reg.name, {static_cast<int>(r)}});
    }
    return out;
}

void addPlant(GroupBalance& g, const Scenario& s, const PowerPlant& p, TimeDays t) {
    const Status st = p.life.statusAt(t);
    const double mw = s.capacityAt(p, t);
    if (!isKnown(mw)) return;
    const auto fuel = static_cast<std::size_t>(p.fuel);
    if (st == Status::Operating) {
        g.supplyOperatingMw += mw;
        g.supplyOperatingByFuelMw[fuel] += mw;
    } else if (st == Status::Construction) {
        g.supplyConstructionMw += mw;
        g.supplyConstructionByFuelMw[fuel] += mw;
    } else if (st == Status::Announced || st == Status::Permitted) {
        g.supplyPlannedMw += mw;
    } else {
        return;
    }
    ++g.plantsCounted;
}

} // namespace

std::vector<int> regionGroupIndex(const Scenario& s) {
    std::vector<int> out(s.basemap ? s.basemap->regions.size() : 0, -1);
    const std::vector<GroupDef> defs = groupDefs(s);
    for (std::size_t g = 0; g < defs.size(); ++g)
        for (int r : defs[g].regions)
            if (r >= 0 && static_cast<std::size_t>(r) < out.size())
                out[static_cast<std::size_t>(r)] = static_cast<int>(g);
    return out;
}

std::vector<GroupBalance> balanceAt(const Scenario& s, TimeDays t) {
    const std::vector<GroupDef> defs = groupDefs(s);
    std::vector<GroupBalance> out(defs.size());
    for (std::size_t g = 0; g < defs.size(); ++g) {
        out[g].id = defs[g].id;
        out[g].name = defs[g].name;
        out[g].regions = defs[g].regions;
    }
    const std::vector<int> groupOf = regionGroupIndex(s);
    auto groupAt = [&](int region) {
        return region >= 0 && static_cast<std::size_t>(region) < groupOf.size()
                   ? groupOf[static_cast<std::size_t>(region)]
                   : -1;
    };
    for (const Datacenter& dc : s.datacenters) {
        const int g = groupAt(dc.region);
        if (g < 0) continue;
        const Status st = dc.life.statusAt(t);
        if (st != Status::Operating && st != Status::Construction) continue;
        GroupBalance& b = out[static_cast<std::size_t>(g)];
        // A campus is counted in its group whatever its figure; only facility demand is summed. NaN: the
        // figure is unknown, or not campus demand (grid request, on-site generation, IT without a PUE).
        const double mw = campusDemandMw(s, dc, t);
        if (std::isnan(mw)) {
            if (isKnown(s.capacityAt(dc, t)))
                ++b.apartDemandCampuses;
            else
                ++b.unknownDemandCampuses;
        }
        const double add = std::isnan(mw) ? 0.0 : mw;
        if (st == Status::Operating) {
            b.demandOperatingMw += add;
            ++b.campusesOperating;
        } else {
            b.demandConstructionMw += add;
            ++b.campusesConstruction;
        }
    }
    std::vector<int> seen; // groups this plant was counted in
    for (const PowerPlant& p : s.powerPlants) {
        seen.clear();
        auto count = [&](int g) {
            if (g < 0 || std::find(seen.begin(), seen.end(), g) != seen.end()) return;
            seen.push_back(g);
            addPlant(out[static_cast<std::size_t>(g)], s, p, t);
        };
        count(groupAt(p.region));
        for (int dc : p.serves)
            count(groupAt(s.datacenters[static_cast<std::size_t>(dc)].region));
    }
    for (const Series& ser : s.groupSeries)
        for (GroupBalance& b : out)
            if (b.id == ser.targetId) b.series.emplace_back(ser.metric, ser.valueAt(t));
    return out;
}

std::vector<double> regionMarginsMw(const Scenario& s, TimeDays t) {
    std::vector<double> out(s.basemap ? s.basemap->regions.size() : 0, kUnknown);
    const std::vector<GroupBalance> b = balanceAt(s, t);
    for (const GroupBalance& g : b) {
        const bool empty = g.demandOperatingMw == 0 && g.demandConstructionMw == 0 &&
                           g.supplyOperatingMw == 0 && g.supplyConstructionMw == 0 &&
                           g.campusesOperating == 0 && g.campusesConstruction == 0;
        if (empty) continue;
        for (int r : g.regions)
            if (r >= 0 && static_cast<std::size_t>(r) < out.size())
                out[static_cast<std::size_t>(r)] = g.marginMw();
    }
    return out;
}

double marginScaleMw(const Scenario& s) {
    double worst = 0;
    const int y0 = civilFromDays(s.manifest.start).year, y1 = civilFromDays(s.manifest.end).year;
    std::vector<TimeDays> dates{static_cast<TimeDays>(s.manifest.start),
                                static_cast<TimeDays>(s.manifest.end)};
    for (int y = y0 + 1; y <= y1 && dates.size() < 200; ++y)
        dates.push_back(static_cast<TimeDays>(daysFromCivil(y, 1, 1)));
    for (TimeDays t : dates)
        for (const GroupBalance& g : balanceAt(s, t))
            worst = std::max(worst, std::abs(g.marginMw()));
    double step = 100;
    while (step < worst) {
        if (step * 2 >= worst) return step * 2;
        if (step * 5 >= worst) return step * 5;
        step *= 10;
    }
    return step;
}

std::vector<int> largestGaps(const std::vector<GroupBalance>& b, int n) {
    std::vector<int> idx;
    for (std::size_t i = 0; i < b.size(); ++i)
        if (b[i].marginMw() < 0) idx.push_back(static_cast<int>(i));
    std::stable_sort(idx.begin(), idx.end(), [&](int x, int y) {
        return b[static_cast<std::size_t>(x)].marginMw() < b[static_cast<std::size_t>(y)].marginMw();
    });
    if (static_cast<int>(idx.size()) > n) idx.resize(static_cast<std::size_t>(std::max(n, 0)));
    return idx;
}

} // namespace buildout
