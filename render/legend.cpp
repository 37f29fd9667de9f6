// Legend entries and legend symbols.
#include "render/legend.h"

#include "render/overlay_painter.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

namespace buildout {

namespace {

std::vector<glm::vec2> regularPolygon(glm::vec2 c, float r, int n, float rotation) {
    std::vector<glm::vec2> pts;
    for (int i = 0; i < n; ++i) {
        const float a = rotation + static_cast<float>(i) * 6.2831853f / static_cast<float>(n);
        pts.push_back(c + glm::vec2(std::sin(a), -std::cos(a)) * r);
    }
    return pts;
}

/// A star as a fan of convex triangles (the painter fills convex shapes only).
void star(OverlayPainter& p, glm::vec2 c, float r, int points, float inner, glm::vec4 color) {
    for (int i = 0; i < points; ++i) {
        const float a0 = static_cast<float>(i) * 6.2831853f / static_cast<float>(points);
        const float half = 3.14159265f / static_cast<float>(points);
        const glm::vec2 tip = c + glm::vec2(std::sin(a0), -std::cos(a0)) * r;
        const glm::vec2 l = c + glm::vec2(std::sin(a0 - half), -std::cos(a0 - half)) * r * inner;
        const glm::vec2 rr = c + glm::vec2(std::sin(a0 + half), -std::cos(a0 + half)) * r * inner;
        const glm::vec2 tri1[] = {c, l, tip};
        const glm::vec2 tri2[] = {c, tip, rr};
        p.polygon(tri1, color);
        p.polygon(tri2, color);
    }
}

} // namespace

void drawFuelGlyph(OverlayPainter& p, Fuel fuel, glm::vec2 c, float r) {
    const glm::vec4 color = style::fuelColor(fuel);
    switch (fuel) {
    case Fuel::Nuclear: p.circle(c, r * 0.79f, glm::vec4(0.0f), color, r * 0.58f); break;
    case Fuel::Gas: p.polygon(regularPolygon(c, r * 1.1f, 3, 0.0f), color); break;
    case Fuel::Coal: p.rect(c - glm::vec2(r * 0.72f), c + glm::vec2(r * 0.72f), color); break;
    case Fuel::Oil: p.polygon(regularPolygon(c, r * 1.1f, 3, 3.14159265f), color); break;
    case Fuel::Solar: star(p, c, r * 1.15f, 8, 0.62f, color); break;
    case Fuel::Wind: star(p, c, r * 1.2f, 3, 0.28f, color); break;
    case Fuel::Hydro: p.polygon(regularPolygon(c, r * 1.05f, 4, 0.0f), color); break;
    case Fuel::Storage: p.rect(c - glm::vec2(r * 0.62f, r * 0.95f), c + glm::vec2(r * 0.62f, r * 0.95f), color); break;
    case Fuel::Geothermal: p.polygon(regularPolygon(c, r * 1.02f, 6, 0.0f), color); break;
    case Fuel::Fusion: star(p, c, r * 1.2f, 5, 0.5f, color); break;
    case Fuel::Other: p.circle(c, r * 0.85f, color); break;
    }
}

std::vector<LegendEntry> legendEntries(const MapRenderer& renderer, const MapSettings& set) {
    std::vector<LegendEntry> out;
    const Scenario* sp = renderer.scenario();
    if (!sp) return out;
    const Scenario& s = *sp;
    auto heading = [&](std::string t) { out.push_back({true, std::move(t), {}}); };
    auto row = [&](std::string t, std::function<void(OverlayPainter&, glm::vec2, float)> f, glm::vec4 swatch,
                   char shape, Fuel fuel = Fuel::Other) {
        out.push_back({false, std::move(t), std::move(f), swatch, shape, fuel});
    };
    const glm::vec4 grey(0.85f, 0.88f, 0.92f, 1.0f);
    // Dense layers (the last frame merged nearby entities): say so, with the cell size and the scale.
    const MapRenderer::DenseView& dense = renderer.denseView();
    auto mergedText = [&](const char* what, float scale, const char* measure, double cellKm) {
        char text[96];
        if (scale < 0.999f)
            std::snprintf(text, sizeof text, "%s %.0f km cells, %s \xC3\xB7%.0f", what, cellKm, measure, 1.0 / scale);
        else
            std::snprintf(text, sizeof text, "%s %.0f km cells", what, cellKm);
        return std::string(text);
    };
    if (set.datacenters.visible && !s.datacenters.empty()) {
        heading("DATACENTER CAMPUSES");
        if (set.datacenterColor == ColorBy::Operator) {
            const OperatorPalette& ops = renderer.operatorPalette();
            const std::size_t shown = std::min<std::size_t>(ops.groups.size(), 6);
            for (std::size_t i = 0; i < shown; ++i) {
                const glm::vec4 c = ops.color(static_cast<int>(i));
                row(ops.groups[i], [c](OverlayPainter& p, glm::vec2 ctr, float px) {
                    p.rect(ctr - glm::vec2(5.0f * px), ctr + glm::vec2(5.0f * px), c, 2.0f * px);
                }, c, 's');
            }
            const bool others = ops.groups.size() > shown ||
                                std::count(ops.datacenterGroup.begin(), ops.datacenterGroup.end(), -1) > 0;
            if (others) {
                const glm::vec4 c = ops.color(-1);
                row("Other operators", [c](OverlayPainter& p, glm::vec2 ctr, float px) {
                    p.rect(ctr - glm::vec2(5.0f * px), ctr + glm::vec2(5.0f * px), c, 2.0f * px);
                }, c, 's');
            }
        } else if (set.datacenterColor == ColorBy::Status) {
            for (Status st : {Status::Construction, Status::Operating, Status::Retired}) {
                const glm::vec4 c = style::statusColor(st);
                std::string name = statusName(st);
                name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
                row(name, [c](OverlayPainter& p, glm::vec2 ctr, float px) {
                    p.rect(ctr - glm::vec2(5.0f * px), ctr + glm::vec2(5.0f * px), c, 2.0f * px);
                }, c, 's');
            }
        } else {
            for (auto pr : {LocationPrecision::Exact, LocationPrecision::Approximate}) {
                const glm::vec4 c = style::precisionColor(pr);
                row(pr == LocationPrecision::Exact ? "Exact location" : "Approximate location",
                    [c](OverlayPainter& p, glm::vec2 ctr, float px) {
                        p.rect(ctr - glm::vec2(5.0f * px), ctr + glm::vec2(5.0f * px), c, 2.0f * px);
                    }, c, 's');
            }
        }
        row("Operating (height = MW)", [grey](OverlayPainter& p, glm::vec2 c, float px) {
            p.rect(c - glm::vec2(4.0f * px, 8.0f * px), c + glm::vec2(4.0f * px, 8.0f * px), grey, 1.0f * px);
        }, grey, 's');
        row("Under construction", [grey](OverlayPainter& p, glm::vec2 c, float px) {
            p.rect(c - glm::vec2(4.0f * px, 4.0f * px), c + glm::vec2(4.0f * px, 8.0f * px), glm::vec4(glm::vec3(grey), 0.5f),
                   1.0f * px);
        }, glm::vec4(glm::vec3(grey), 0.5f), 's');
        row("Announced (outline)", [grey](OverlayPainter& p, glm::vec2 c, float px) {
            p.rect(c - glm::vec2(4.0f * px, 8.0f * px), c + glm::vec2(4.0f * px, 8.0f * px), glm::vec4(0.0f), 1.0f * px,
                   glm::vec4(glm::vec3(grey), 0.85f), 1.2f * px);
        }, grey, 'o');
        row("Retired (faded)", [grey](OverlayPainter& p, glm::vec2 c, float px) {
            p.rect(c - glm::vec2(4.0f * px, 8.0f * px), c + glm::vec2(4.0f * px, 8.0f * px), glm::vec4(glm::vec3(grey), 0.25f),
                   1.0f * px);
        }, glm::vec4(glm::vec3(grey), 0.25f), 's');
        const bool anyUnknown = std::any_of(s.datacenters.begin(), s.datacenters.end(), [](const Datacenter& d) {
            return !isKnown(d.capacityMw) && d.capacitySeries < 0;
        });
        if (anyUnknown)
            row("Capacity not disclosed (hatched)", [grey](OverlayPainter& p, glm::vec2 c, float px) {
                for (int k = 0; k < 3; ++k) {
                    const float y = (static_cast<float>(k) * 5.0f - 5.0f) * px;
                    p.line(c + glm::vec2(-4.0f * px, y + 3.0f * px), c + glm::vec2(4.0f * px, y - 3.0f * px), 1.6f * px, grey);
                }
            }, grey, 'h');
        const bool anyApprox = std::any_of(s.datacenters.begin(), s.datacenters.end(), [](const Datacenter& d) {
            return d.precision == LocationPrecision::Approximate;
        });
        if (anyApprox)
            row("Approximate location (disc)", [](OverlayPainter& p, glm::vec2 c, float px) {
                p.circle(c, 7.0f * px, glm::vec4(0.75f, 0.82f, 0.95f, 0.18f), glm::vec4(0.75f, 0.82f, 0.95f, 0.6f),
                         1.0f * px);
            }, glm::vec4(0.75f, 0.82f, 0.95f, 0.6f), 'c');
        if (dense.campuses)
            row(mergedText("Merged in", dense.campusHeightScale, "height", dense.cellKm), [grey](OverlayPainter& p, glm::vec2 c, float px) {
                p.rect(c - glm::vec2(4.0f * px, 0.0f), c + glm::vec2(4.0f * px, 8.0f * px), grey, 1.0f * px);
                p.rect(c - glm::vec2(4.0f * px, 6.0f * px), c + glm::vec2(4.0f * px, 0.0f), glm::vec4(glm::vec3(grey), 0.5f),
                       1.0f * px);
            }, grey, 's');
    }
    if (set.powerPlants.visible && !s.powerPlants.empty()) {
        std::set<int> fuels;
        for (const PowerPlant& pl : s.powerPlants) fuels.insert(static_cast<int>(pl.fuel));
        heading("POWER PLANTS (area = MW)");
        for (int f : fuels) {
            const Fuel fuel = static_cast<Fuel>(f);
            std::string name = fuelName(fuel);
            name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
            row(name, [fuel](OverlayPainter& p, glm::vec2 c, float px) { drawFuelGlyph(p, fuel, c, 6.5f * px); },
                style::fuelColor(fuel), 'g', fuel);
        }
        if (dense.plants)
            row(mergedText("Merged per fuel in", dense.plantMwScale, "MW", dense.cellKm), [grey](OverlayPainter& p, glm::vec2 c, float px) {
                p.circle(c, 6.5f * px, glm::vec4(glm::vec3(grey), 0.35f), grey, 1.0f * px);
            }, grey, 'c');
    }
    if (set.transmission.visible && !s.lines.empty()) {
        std::set<int> classes;
        for (const TransmissionLine& l : s.lines) classes.insert(static_cast<int>(style::voltageClass(l.kv, l.current)));
        heading("TRANSMISSION");
        for (int c : classes) {
            const auto cls = static_cast<style::VoltageClass>(c);
            row(style::voltageClassName(cls), [cls](OverlayPainter& p, glm::vec2 ctr, float px) {
                p.line(ctr - glm::vec2(8.0f * px, 0.0f), ctr + glm::vec2(8.0f * px, 0.0f), style::voltageWidthPx(cls) * px,
                       style::voltageColor(cls));
            }, style::voltageColor(cls), 'l');
        }
        row("Under construction (dashed)", [](OverlayPainter& p, glm::vec2 ctr, float px) {
            p.line(ctr - glm::vec2(9.0f * px, 0.0f), ctr + glm::vec2(9.0f * px, 0.0f), 2.2f * px,
                   style::voltageColor(style::VoltageClass::kV345), 4.0f * px);
        }, style::voltageColor(style::VoltageClass::kV345), 'd');
        if (dense.lines)
            row(mergedText("Merged between", 1.0f, "", dense.lineCellKm), [grey](OverlayPainter& p, glm::vec2 ctr, float px) {
                p.line(ctr - glm::vec2(8.0f * px, 3.0f * px), ctr + glm::vec2(8.0f * px, 3.0f * px), 1.6f * px, grey);
                p.circle(ctr - glm::vec2(8.0f * px, 3.0f * px), 2.5f * px, grey);
                p.circle(ctr + glm::vec2(8.0f * px, 3.0f * px), 2.5f * px, grey);
            }, grey, 'l');
    }
    if (set.superclusters.visible && !s.superclusters.empty()) {
        heading("SUPERCLUSTERS");
        row("Member campuses, linked", [](OverlayPainter& p, glm::vec2 c, float px) {
            p.circle(c, 7.0f * px, glm::vec4(0.0f), style::clusterColor(0), 2.0f * px);
        }, style::clusterColor(0), 'r');
    }
    if (set.zones.visible && !s.zones.empty()) {
        heading("AI ECONOMIC ZONES");
        row("Designated zone", [](OverlayPainter& p, glm::vec2 c, float px) {
            p.rect(c - glm::vec2(7.0f * px, 6.0f * px), c + glm::vec2(7.0f * px, 6.0f * px),
                   glm::vec4(glm::vec3(style::zoneColor()), 0.35f), 1.0f * px, glm::vec4(glm::vec3(style::zoneColor()), 1.0f),
                   1.2f * px);
        }, glm::vec4(glm::vec3(style::zoneColor()), 0.8f), 's');
    }
    if (!set.choroplethMetric.empty()) {
        const glm::dvec2 range = renderer.choroplethRange();
        if (range.x <= range.y) {
            const MetricDef* def = s.manifest.metric(set.choroplethMetric);
            heading(set.choroplethMetric + (def && !def->unit.empty() ? " (" + def->unit + ")" : ""));
            char text[64];
            std::snprintf(text, sizeof text, "%.3g to %.3g", range.x, range.y);
            row(text, [](OverlayPainter& p, glm::vec2 c, float px) {
                for (int k = 0; k < 5; ++k)
                    p.rect(c + glm::vec2((static_cast<float>(k) * 3.4f - 8.5f) * px, -6.0f * px),
                           c + glm::vec2((static_cast<float>(k) * 3.4f - 5.1f) * px, 6.0f * px), style::sequentialRamp(k / 4.0));
            }, style::sequentialRamp(0.7), 's');
        }
    }
    return out;
}

} // namespace buildout
