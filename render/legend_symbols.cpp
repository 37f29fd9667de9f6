// Legend symbols with the overlay painter.
#include "render/legend_symbols.h"

#include "render/overlay_painter.h"

#include <cmath>

namespace buildout {

namespace {

const glm::vec4 kGrey(0.85f, 0.88f, 0.92f, 1.0f);

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

/// The campus column symbols (operating, building, announced, retired, hatched, merged).
void drawColumnSymbol(OverlayPainter& p, LegendSymbol symbol, glm::vec2 c, float px) {
    switch (symbol) {
    case LegendSymbol::ColumnOperating:
        p.rect(c - glm::vec2(4.0f * px, 8.0f * px), c + glm::vec2(4.0f * px, 8.0f * px), kGrey, 1.0f * px);
        break;
    case LegendSymbol::ColumnBuilding:
        p.rect(c - glm::vec2(4.0f * px, 4.0f * px), c + glm::vec2(4.0f * px, 8.0f * px),
               glm::vec4(glm::vec3(kGrey), 0.5f), 1.0f * px);
        break;
    case LegendSymbol::ColumnAnnounced:
        p.rect(c - glm::vec2(4.0f * px, 8.0f * px), c + glm::vec2(4.0f * px, 8.0f * px), glm::vec4(0.0f),
               1.0f * px, glm::vec4(glm::vec3(kGrey), 0.85f), 1.2f * px);
        break;
    case LegendSymbol::ColumnRetired:
        p.rect(c - glm::vec2(4.0f * px, 8.0f * px), c + glm::vec2(4.0f * px, 8.0f * px),
               glm::vec4(glm::vec3(kGrey), 0.25f), 1.0f * px);
        break;
    case LegendSymbol::ColumnCancelled:
        p.rect(c - glm::vec2(5.0f * px, -4.0f * px), c + glm::vec2(5.0f * px, 8.0f * px),
               glm::vec4(0.63f, 0.28f, 0.28f, 0.45f), 1.0f * px);
        p.line(c + glm::vec2(-6.0f * px, 8.0f * px), c + glm::vec2(6.0f * px, 2.0f * px), 1.6f * px,
               glm::vec4(0.85f, 0.45f, 0.45f, 1.0f));
        break;
    case LegendSymbol::Hatched:
        for (int k = 0; k < 3; ++k) {
            const float y = (static_cast<float>(k) * 5.0f - 5.0f) * px;
            p.line(c + glm::vec2(-4.0f * px, y + 3.0f * px), c + glm::vec2(4.0f * px, y - 3.0f * px),
                   1.6f * px, kGrey);
        }
        break;
    case LegendSymbol::MergedColumn:
        p.rect(c - glm::vec2(4.0f * px, 0.0f), c + glm::vec2(4.0f * px, 8.0f * px), kGrey, 1.0f * px);
        p.rect(c - glm::vec2(4.0f * px, 6.0f * px), c + glm::vec2(4.0f * px, 0.0f),
               glm::vec4(glm::vec3(kGrey), 0.5f), 1.0f * px);
        break;
    default:
        break;
    }
}

/// The line symbols (voltage class, under construction, merged corridor).
void drawLineSymbol(OverlayPainter& p, const LegendEntry& e, glm::vec2 c, float px) {
    switch (e.symbol) {
    case LegendSymbol::VoltageLine:
        p.line(c - glm::vec2(8.0f * px, 0.0f), c + glm::vec2(8.0f * px, 0.0f),
               style::voltageWidthPx(e.voltage) * px, style::voltageColor(e.voltage));
        break;
    case LegendSymbol::DashedLine:
        p.line(c - glm::vec2(9.0f * px, 0.0f), c + glm::vec2(9.0f * px, 0.0f), 2.2f * px,
               style::voltageColor(style::VoltageClass::kV345), 4.0f * px);
        break;
    case LegendSymbol::MergedLine:
        p.line(c - glm::vec2(8.0f * px, 3.0f * px), c + glm::vec2(8.0f * px, 3.0f * px), 1.6f * px, kGrey);
        p.circle(c - glm::vec2(8.0f * px, 3.0f * px), 2.5f * px, kGrey);
        p.circle(c + glm::vec2(8.0f * px, 3.0f * px), 2.5f * px, kGrey);
        break;
    default:
        break;
    }
}

} // namespace

void drawFuelGlyph(OverlayPainter& p, Fuel fuel, glm::vec2 c, float r) {
    const glm::vec4 color = style::fuelColor(fuel);
    switch (fuel) {
    case Fuel::Nuclear:
        p.circle(c, r * 0.79f, glm::vec4(0.0f), color, r * 0.58f);
        break;
    case Fuel::Gas:
        p.polygon(regularPolygon(c, r * 1.1f, 3, 0.0f), color);
        break;
    case Fuel::Coal:
        p.rect(c - glm::vec2(r * 0.72f), c + glm::vec2(r * 0.72f), color);
        break;
    case Fuel::Oil:
        p.polygon(regularPolygon(c, r * 1.1f, 3, 3.14159265f), color);
        break;
    case Fuel::Solar:
        star(p, c, r * 1.15f, 8, 0.62f, color);
        break;
    case Fuel::Wind:
        star(p, c, r * 1.2f, 3, 0.28f, color);
        break;
    case Fuel::Hydro:
        p.polygon(regularPolygon(c, r * 1.05f, 4, 0.0f), color);
        break;
    case Fuel::Storage:
        p.rect(c - glm::vec2(r * 0.62f, r * 0.95f), c + glm::vec2(r * 0.62f, r * 0.95f), color);
        break;
    case Fuel::Geothermal:
        p.polygon(regularPolygon(c, r * 1.02f, 6, 0.0f), color);
        break;
    case Fuel::Fusion:
        star(p, c, r * 1.2f, 5, 0.5f, color);
        break;
    case Fuel::Other:
        p.circle(c, r * 0.85f, color);
        break;
    }
}

void drawLegendSymbol(OverlayPainter& p, const LegendEntry& e, glm::vec2 c, float px) {
    switch (e.symbol) {
    case LegendSymbol::None:
        break;
    case LegendSymbol::Swatch:
        p.rect(c - glm::vec2(5.0f * px), c + glm::vec2(5.0f * px), e.swatch, 2.0f * px);
        break;
    case LegendSymbol::ColumnOperating:
    case LegendSymbol::ColumnBuilding:
    case LegendSymbol::ColumnAnnounced:
    case LegendSymbol::ColumnRetired:
    case LegendSymbol::ColumnCancelled:
    case LegendSymbol::Hatched:
    case LegendSymbol::MergedColumn:
        drawColumnSymbol(p, e.symbol, c, px);
        break;
    case LegendSymbol::ApproximateDisc:
        p.circle(c, 7.0f * px, glm::vec4(0.75f, 0.82f, 0.95f, 0.18f), glm::vec4(0.75f, 0.82f, 0.95f, 0.6f),
                 1.0f * px);
        break;
    case LegendSymbol::FuelGlyph:
        drawFuelGlyph(p, e.fuel, c, 6.5f * px);
        break;
    case LegendSymbol::MergedPlant:
        p.circle(c, 6.5f * px, glm::vec4(glm::vec3(kGrey), 0.35f), kGrey, 1.0f * px);
        break;
    case LegendSymbol::VoltageLine:
    case LegendSymbol::DashedLine:
    case LegendSymbol::MergedLine:
        drawLineSymbol(p, e, c, px);
        break;
    case LegendSymbol::ClusterRing:
        p.circle(c, 7.0f * px, glm::vec4(0.0f), style::clusterColor(0), 2.0f * px);
        break;
    case LegendSymbol::ZoneFill:
        p.rect(c - glm::vec2(7.0f * px, 6.0f * px), c + glm::vec2(7.0f * px, 6.0f * px),
               glm::vec4(glm::vec3(style::zoneColor()), 0.35f), 1.0f * px,
               glm::vec4(glm::vec3(style::zoneColor()), 1.0f), 1.2f * px);
        break;
    case LegendSymbol::ChoroplethRamp:
        for (int k = 0; k < 5; ++k)
            p.rect(c + glm::vec2((static_cast<float>(k) * 3.4f - 8.5f) * px, -6.0f * px),
                   c + glm::vec2((static_cast<float>(k) * 3.4f - 5.1f) * px, 6.0f * px),
                   style::sequentialRamp(k / 4.0));
        break;
    }
}

LegendInputs legendInputs(const MapRenderer& renderer) {
    LegendInputs in;
    in.scenario = renderer.scenario();
    in.operators = &renderer.operatorPalette();
    in.facts = &renderer.legendFacts();
    in.dense = renderer.denseView();
    in.choroplethRange = renderer.choroplethRange();
    return in;
}

} // namespace buildout
