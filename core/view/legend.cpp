// Legend entries: one section per visible layer that has entities, then the choropleth.
#include "core/view/legend.h"

#include "core/power_balance.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace buildout {

namespace {

const glm::vec4 kGrey(0.85f, 0.88f, 0.92f, 1.0f);

/// Appends headings and rows.
struct LegendBuilder {
    std::vector<LegendEntry>& out;
    void heading(std::string t) {
        LegendEntry e;
        e.heading = true;
        e.text = std::move(t);
        out.push_back(std::move(e));
    }
    LegendEntry& row(std::string t, LegendSymbol symbol, glm::vec4 swatch, char shape) {
        LegendEntry e;
        e.text = std::move(t);
        e.symbol = symbol;
        e.swatch = swatch;
        e.shape = shape;
        out.push_back(std::move(e));
        return out.back();
    }
};

std::string capitalised(std::string name) {
    if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name;
}

/// "Merged in 50 km cells, height ÷470" (the scale only when the merged groups are scaled down).
std::string mergedText(const char* what, float scale, const char* measure, double cellKm) {
    char text[96];
    if (scale < 0.999f)
        std::snprintf(text, sizeof text, "%s %.0f km cells, %s \xC3\xB7%.0f", what, cellKm, measure,
                      1.0 / scale);
    else
        std::snprintf(text, sizeof text, "%s %.0f km cells", what, cellKm);
    return text;
}

/// The colour rows of campuses: by operator (the six largest, then the rest), status or precision.
void campusColorRows(LegendBuilder& b, const LegendInputs& in, const MapSettings& set) {
    if (set.datacenterColor == ColorBy::Operator) {
        const OperatorPalette& ops = *in.operators;
        const std::size_t shown = std::min<std::size_t>(ops.groups.size(), 6);
        for (std::size_t i = 0; i < shown; ++i)
            b.row(ops.groups[i], LegendSymbol::Swatch, ops.color(static_cast<int>(i)), 's');
        const bool others = ops.groups.size() > shown ||
                            std::count(ops.datacenterGroup.begin(), ops.datacenterGroup.end(), -1) > 0;
        if (others) b.row("Other operators", LegendSymbol::Swatch, ops.color(-1), 's');
    } else if (set.datacenterColor == ColorBy::Status) {
        for (Status st : {Status::Construction, Status::Operating, Status::Retired})
            b.row(capitalised(statusName(st)), LegendSymbol::Swatch, style::statusColor(st), 's');
    } else {
        for (auto pr : {LocationPrecision::Exact, LocationPrecision::Approximate})
            b.row(pr == LocationPrecision::Exact ? "Exact location" : "Approximate location",
                  LegendSymbol::Swatch, style::precisionColor(pr), 's');
    }
}

void campusRows(LegendBuilder& b, const LegendInputs& in, const LegendFacts& facts, const MapSettings& set) {
    b.heading("DATACENTER CAMPUSES");
    campusColorRows(b, in, set);
    b.row("Operating (height = MW)", LegendSymbol::ColumnOperating, kGrey, 's');
    b.row("Under construction", LegendSymbol::ColumnBuilding, glm::vec4(glm::vec3(kGrey), 0.5f), 's');
    b.row("Announced (outline)", LegendSymbol::ColumnAnnounced, kGrey, 'o');
    b.row("Retired (faded)", LegendSymbol::ColumnRetired, glm::vec4(glm::vec3(kGrey), 0.25f), 's');
    // Cancelled projects stay on the map from their cancellation date, struck out, and are not in the
    // totals of pending capacity: only listed when the scenario has any.
    if (facts.anyCancelled)
        b.row("Cancelled (struck out, not counted)", LegendSymbol::ColumnCancelled,
              style::statusColor(Status::Cancelled), 's');
    if (facts.anyUnknownCapacity)
        b.row("Capacity not disclosed (hatched)", LegendSymbol::Hatched, kGrey, 'h');
    if (facts.anyApproximate)
        b.row("Approximate location (disc)", LegendSymbol::ApproximateDisc,
              glm::vec4(0.75f, 0.82f, 0.95f, 0.6f), 'c');
    if (in.dense.campuses)
        b.row(mergedText("Merged in", in.dense.campusHeightScale, "height", in.dense.cellKm),
              LegendSymbol::MergedColumn, kGrey, 's');
}

/// Bit k set when some item's kind (an enum with fewer than 64 values) is k.
template <typename Item, typename KindOf>
std::uint64_t presentKinds(const std::vector<Item>& items, KindOf kindOf) {
    std::uint64_t mask = 0;
    for (const Item& item : items) {
        const auto k = static_cast<unsigned>(kindOf(item));
        if (k < 64) mask |= std::uint64_t{1} << k;
    }
    return mask;
}

void plantRows(LegendBuilder& b, const LegendInputs& in, const LegendFacts& facts) {
    // The fuels present, in enum order.
    b.heading("POWER PLANTS (area = MW)");
    for (int f = 0; f < 64; ++f) {
        if (!(facts.fuels >> f & 1u)) continue;
        const Fuel fuel = static_cast<Fuel>(f);
        b.row(capitalised(fuelName(fuel)), LegendSymbol::FuelGlyph, style::fuelColor(fuel), 'g').fuel = fuel;
    }
    if (in.dense.plants)
        b.row(mergedText("Merged per fuel in", in.dense.plantMwScale, "MW", in.dense.plantCellKm),
              LegendSymbol::MergedPlant, kGrey, 'c');
}

void transmissionRows(LegendBuilder& b, const LegendInputs& in, const LegendFacts& facts) {
    b.heading("TRANSMISSION");
    for (int c = 0; c < 64; ++c) {
        if (!(facts.voltageClasses >> c & 1u)) continue;
        const auto cls = static_cast<style::VoltageClass>(c);
        b.row(style::voltageClassName(cls), LegendSymbol::VoltageLine, style::voltageColor(cls), 'l')
            .voltage = cls;
    }
    b.row("Under construction (dashed)", LegendSymbol::DashedLine,
          style::voltageColor(style::VoltageClass::kV345), 'd');
    if (in.dense.lines)
        b.row(mergedText("Merged between", 1.0f, "", in.dense.lineCellKm), LegendSymbol::MergedLine, kGrey,
              'l');
}

/// "1,500 MW" / "2.5 GW" with a sign when asked: legend figures in MW below 1 GW.
std::string signedPower(double mw, bool sign) {
    char text[48];
    const char* plus = sign && mw > 0 ? "+" : "";
    if (std::abs(mw) < 1000)
        std::snprintf(text, sizeof text, "%s%.0f MW", plus, mw);
    else
        std::snprintf(text, sizeof text, "%s%.3g GW", plus, mw / 1000.0);
    return text;
}

/// The power-margin choropleth: five swatches of the diverging ramp with their MW, and what is blank.
void powerMarginRows(LegendBuilder& b, const LegendInputs& in) {
    const double scale = in.choroplethRange.y;
    b.heading("POWER MARGIN: DEDICATED SUPPLY - DEMAND");
    b.row(signedPower(scale, true) + " or more (surplus)", LegendSymbol::Swatch, style::divergingRamp(1.0),
          's');
    b.row(signedPower(scale / 2, true), LegendSymbol::Swatch, style::divergingRamp(0.5), 's');
    b.row("0 MW, or no campus or plant", LegendSymbol::Swatch, style::divergingRamp(0.0), 's');
    b.row(signedPower(-scale / 2, true), LegendSymbol::Swatch, style::divergingRamp(-0.5), 's');
    b.row(signedPower(-scale, true) + " or less (deficit)", LegendSymbol::Swatch, style::divergingRamp(-1.0),
          's');
}

void choroplethRows(LegendBuilder& b, const LegendInputs& in, const MapSettings& set) {
    const glm::dvec2 range = in.choroplethRange;
    if (range.x > range.y) return;
    if (set.choroplethMetric == kPowerMarginChoropleth) {
        powerMarginRows(b, in);
        return;
    }
    const MetricDef* def = in.scenario->manifest.metric(set.choroplethMetric);
    b.heading(set.choroplethMetric + (def && !def->unit.empty() ? " (" + def->unit + ")" : ""));
    char text[64];
    std::snprintf(text, sizeof text, "%.3g to %.3g", range.x, range.y);
    b.row(text, LegendSymbol::ChoroplethRamp, style::sequentialRamp(0.7), 's');
}

} // namespace

LegendFacts legendFacts(const Scenario& s) {
    LegendFacts f;
    for (const Datacenter& d : s.datacenters) {
        f.anyCancelled = f.anyCancelled || d.life.dates[Lifecycle::Cancelled] != kNoDay ||
                         (!d.life.hasDates() && d.life.undatedStatus == Status::Cancelled);
        f.anyUnknownCapacity = f.anyUnknownCapacity || (!isKnown(d.capacityMw) && d.capacitySeries < 0);
        f.anyApproximate = f.anyApproximate || d.precision == LocationPrecision::Approximate;
    }
    f.fuels = presentKinds(s.powerPlants, [](const PowerPlant& pl) { return pl.fuel; });
    f.voltageClasses =
        presentKinds(s.lines, [](const TransmissionLine& l) { return style::voltageClass(l.kv, l.current); });
    return f;
}

std::vector<LegendEntry> legendEntries(const LegendInputs& in, const MapSettings& set) {
    std::vector<LegendEntry> out;
    if (!in.scenario || !in.operators) return out;
    const Scenario& s = *in.scenario;
    const LegendFacts scanned = in.facts ? LegendFacts{} : legendFacts(s);
    const LegendFacts& facts = in.facts ? *in.facts : scanned;
    LegendBuilder b{out};
    if (set.datacenters.visible && !s.datacenters.empty()) campusRows(b, in, facts, set);
    if (set.powerPlants.visible && !s.powerPlants.empty()) plantRows(b, in, facts);
    if (set.transmission.visible && !s.lines.empty()) transmissionRows(b, in, facts);
    if (set.superclusters.visible && !s.superclusters.empty()) {
        b.heading("SUPERCLUSTERS");
        b.row("Member campuses, linked", LegendSymbol::ClusterRing, style::clusterColor(0), 'r');
    }
    if (set.zones.visible && !s.zones.empty()) {
        b.heading("AI ECONOMIC ZONES");
        b.row("Designated zone", LegendSymbol::ZoneFill, glm::vec4(glm::vec3(style::zoneColor()), 0.8f), 's');
    }
    if (!set.choroplethMetric.empty()) choroplethRows(b, in, set);
    return out;
}

} // namespace buildout
