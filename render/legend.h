// The legend's content for the current map settings: the same list feeds the on-map legend in frames
// and the GUI, so the legend always matches what is drawn.
#pragma once

#include "render/map_renderer.h"

#include <functional>
#include <string>
#include <vector>

namespace buildout {

class OverlayPainter;

struct LegendEntry {
    bool heading = false;
    std::string text;
    /// Draws the entry's symbol centred at a point, `px` = pixels per 1080p point.
    std::function<void(OverlayPainter&, glm::vec2 center, float px)> symbol;
    /// A simplified swatch for toolkits without the painter (the GUI panel): colour and shape,
    /// 's' square, 'c' circle, 'o' outline, 'r' ring, 'l' line, 'd' dashed line, 'h' hatched, 'g' fuel glyph.
    glm::vec4 swatch{0.0f};
    char shape = 's';
    Fuel fuel = Fuel::Other;
};

std::vector<LegendEntry> legendEntries(const MapRenderer& renderer, const MapSettings& settings);

/// The glyph of a fuel as the map draws it (same shape and colour), radius in pixels.
void drawFuelGlyph(OverlayPainter& painter, Fuel fuel, glm::vec2 center, float radius);

} // namespace buildout
