// Drawing the legend's symbols (core/view/legend.h) with the overlay painter, as the map draws them.
#pragma once

#include "core/view/legend.h"
#include "render/map_renderer.h"

#include <glm/vec2.hpp>

namespace buildout {

class OverlayPainter;

/// Draws `entry`'s symbol centred at `center`; `px` = pixels per 1080p point.
void drawLegendSymbol(OverlayPainter& painter, const LegendEntry& entry, glm::vec2 center, float px);
/// The glyph of a fuel as the map draws it (same shape and colour), radius in pixels.
void drawFuelGlyph(OverlayPainter& painter, Fuel fuel, glm::vec2 center, float radius);
/// What the renderer's last frame gives the legend (scenario, operator colours, merged level, range).
LegendInputs legendInputs(const MapRenderer& renderer);

} // namespace buildout
