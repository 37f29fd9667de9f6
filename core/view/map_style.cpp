// Palettes and classes of the map's visual language.
#include "core/view/map_style.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace buildout {

namespace {
glm::vec4 hex(unsigned rgb, float a = 1.0f) {
    return {static_cast<float>((rgb >> 16) & 0xFF) / 255.0f, static_cast<float>((rgb >> 8) & 0xFF) / 255.0f,
            static_cast<float>(rgb & 0xFF) / 255.0f, a};
}
} // namespace

namespace style {

glm::vec4 fuelColor(Fuel fuel) {
    switch (fuel) {
    case Fuel::Nuclear: return hex(0xD486B8);    // reddish purple
    case Fuel::Gas: return hex(0xE69F00);        // orange
    case Fuel::Coal: return hex(0x9A9A9A);       // grey
    case Fuel::Oil: return hex(0xB0603A);        // brown
    case Fuel::Solar: return hex(0xF0E442);      // yellow
    case Fuel::Wind: return hex(0x56B4E9);       // sky blue
    case Fuel::Hydro: return hex(0x2F8FD8);      // blue
    case Fuel::Storage: return hex(0x009E73);    // bluish green
    case Fuel::Geothermal: return hex(0xD55E00); // vermillion
    case Fuel::Fusion: return hex(0xB9A7FF);     // lavender
    case Fuel::Other: return hex(0xCFCFCF);
    }
    return hex(0xCFCFCF);
}

int glyphShape(Fuel fuel) { return static_cast<int>(fuel); }

const char* glyphShapeName(Fuel fuel) {
    static constexpr const char* kNames[kFuelCount] = {"ring",    "triangle", "square",  "inverted triangle",
                                                       "sun",     "three blades", "diamond", "bar",
                                                       "hexagon", "star",     "dot"};
    return kNames[static_cast<int>(fuel)];
}

glm::vec4 statusColor(Status s) {
    switch (s) {
    case Status::Absent: return hex(0x000000, 0.0f);
    case Status::Announced: return hex(0x9FB0C8);
    case Status::Permitted: return hex(0xC7B8EA);
    case Status::Construction: return hex(0xF5A524);
    case Status::Operating: return hex(0x35D0BA);
    case Status::Retired: return hex(0x6E7480);
    case Status::Cancelled: return hex(0xA04848);
    }
    return hex(0xFFFFFF);
}

glm::vec4 precisionColor(LocationPrecision p) {
    return p == LocationPrecision::Exact ? hex(0x4FC3F7) : hex(0xF7A94F);
}

VoltageClass voltageClass(double kv, Current current) {
    if (current == Current::HVDC) return VoltageClass::HVDC;
    if (kv >= 700) return VoltageClass::kV765;
    if (kv >= 450) return VoltageClass::kV500;
    if (kv >= 300) return VoltageClass::kV345;
    return VoltageClass::Below345;
}

const char* voltageClassName(VoltageClass c) {
    switch (c) {
    case VoltageClass::Below345: return "AC below 345 kV";
    case VoltageClass::kV345: return "AC 345 kV";
    case VoltageClass::kV500: return "AC 500 kV";
    case VoltageClass::kV765: return "AC 765 kV";
    case VoltageClass::HVDC: return "HVDC";
    }
    return "?";
}

glm::vec4 voltageColor(VoltageClass c) {
    switch (c) {
    case VoltageClass::Below345: return hex(0x7F93B0);
    case VoltageClass::kV345: return hex(0x9CC3E6);
    case VoltageClass::kV500: return hex(0x6FB1FF);
    case VoltageClass::kV765: return hex(0xE8F1FF);
    case VoltageClass::HVDC: return hex(0xFF6FB5);
    }
    return hex(0xFFFFFF);
}

float voltageWidthPx(VoltageClass c) {
    switch (c) {
    case VoltageClass::Below345: return 1.6f;
    case VoltageClass::kV345: return 2.2f;
    case VoltageClass::kV500: return 2.8f;
    case VoltageClass::kV765: return 3.4f;
    case VoltageClass::HVDC: return 3.4f;
    }
    return 2.0f;
}

std::string mapLabelName(const std::string& name) {
    const auto open = name.find(" (");
    if (open == std::string::npos || open < 6) return name;
    const auto close = name.find(')', open);
    if (close == std::string::npos) return name.substr(0, open);
    std::string rest = name.substr(close + 1);
    while (!rest.empty() && rest.front() == ' ')
        rest.erase(rest.begin());
    return rest.empty() ? name.substr(0, open) : name.substr(0, open) + " " + rest;
}

glm::vec4 clusterColor(int i) {
    // Kept clear of the transmission palette (blues, white, HVDC pink) so arcs never read as lines.
    static const unsigned kColors[] = {0xFFD166, 0x8CF0A6, 0xC3A6FF, 0xFFB86B, 0x7CE0FF, 0xD4F06B};
    return hex(kColors[static_cast<unsigned>(i) % (sizeof kColors / sizeof kColors[0])]);
}

glm::vec4 zoneColor() { return hex(0x52E3A4, 0.16f); }

glm::vec4 sequentialRamp(double u) {
    // Five stops from deep blue through teal to warm yellow (viridis-like, readable on dark land).
    static const glm::vec3 kStops[] = {{0.16f, 0.20f, 0.42f}, {0.15f, 0.40f, 0.55f}, {0.13f, 0.60f, 0.55f},
                                       {0.47f, 0.78f, 0.36f}, {0.99f, 0.89f, 0.30f}};
    u = std::clamp(u, 0.0, 1.0) * 4.0;
    const int i = std::min(static_cast<int>(u), 3);
    const float f = static_cast<float>(u - i);
    const glm::vec3 c = kStops[i] * (1.0f - f) + kStops[i + 1] * f;
    return {c, 1.0f};
}

glm::vec4 divergingRamp(double u) {
    // Ends from ColorBrewer RdBu (#ef8a62, #67a9cf: told apart with every common colour-vision
    // deficiency); the midpoint is the land colour, not white, so the map's white labels stay legible and
    // a balanced region reads as "nothing to see". |u|^0.6 lets modest margins show against large ones.
    static const glm::vec3 kDeficit{0.937f, 0.541f, 0.384f}, kSurplus{0.404f, 0.663f, 0.812f};
    const double a = std::pow(std::min(std::abs(u), 1.0), 0.6);
    const glm::vec3 end = u < 0 ? kDeficit : kSurplus;
    const glm::vec3 land(kLand);
    return {land + (end - land) * static_cast<float>(0.15 + 0.85 * a) * (u == 0 ? 0.0f : 1.0f), 1.0f};
}

} // namespace style

glm::vec4 OperatorPalette::color(int group) const {
    static const unsigned kColors[kDistinct] = {0x4E9BF5, 0xF28E2B, 0x59C3A6, 0xE15759, 0xB07AA1,
                                                0xEDC948, 0xFF9DA7, 0x9C755F, 0x76B7B2};
    if (group < 0 || group >= kDistinct) return hex(0xA7AFBB);
    return hex(kColors[group]);
}

std::string OperatorPalette::groupName(const std::string& op) {
    std::size_t cut = op.size();
    for (const char* sep : {" (", " /", ";", ",", " for ", " with "}) cut = std::min(cut, op.find(sep));
    std::string g = op.substr(0, cut);
    while (!g.empty() && g.back() == ' ') g.pop_back();
    return g.empty() ? std::string("Unknown operator") : g;
}

OperatorPalette makeOperatorPalette(const Scenario& s) { return makeSharedOperatorPalette(s, nullptr); }

OperatorPalette makeSharedOperatorPalette(const Scenario& s, const Scenario* other) {
    OperatorPalette p;
    std::map<std::string, double> total;
    for (const Scenario* sc : {&s, other}) {
        if (!sc) continue;
        for (const Datacenter& d : sc->datacenters) {
            // Rank by the largest capacity a campus reaches, so phased campuses count fully.
            double mw = isKnown(d.capacityMw) ? d.capacityMw : 0.0;
            if (d.capacitySeries >= 0)
                for (const auto& smp : sc->series[static_cast<std::size_t>(d.capacitySeries)].samples) mw = std::max(mw, smp.value);
            total[OperatorPalette::groupName(d.operatorName)] += mw + 1.0; // +1 so unknown-capacity operators still rank by count
        }
    }
    std::vector<std::pair<std::string, double>> ranked(total.begin(), total.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (std::size_t i = 0; i < ranked.size() && static_cast<int>(i) < OperatorPalette::kDistinct; ++i)
        p.groups.push_back(ranked[i].first);
    // With exactly one more group than hues, "other" would hold one operator: give it no special case,
    // it simply shares the grey.
    p.datacenterGroup.resize(s.datacenters.size(), -1);
    for (std::size_t i = 0; i < s.datacenters.size(); ++i) {
        auto it = std::find(p.groups.begin(), p.groups.end(), OperatorPalette::groupName(s.datacenters[i].operatorName));
        p.datacenterGroup[i] = it == p.groups.end() ? -1 : static_cast<int>(it - p.groups.begin());
    }
    return p;
}

} // namespace buildout
