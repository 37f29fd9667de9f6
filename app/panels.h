// The GUI's panels. Each draws one ImGui window from UiState and edits it directly.
#pragma once

#include "app/theme.h"
#include "app/ui_state.h"

#include <vector>

struct ImVec2;

namespace buildout {

class MapRenderer;

/// Monthly samples of national datacenter totals for the timeline's chart (built once per scenario).
struct TimelineChart {
    std::vector<double> t;            ///< days
    std::vector<double> operatingGw, constructionGw, plannedGw;
    double maxGw = 1;
};
TimelineChart makeTimelineChart(const UiState& ui);

/// Where the scrubbable track was drawn (screen coordinates), for tests and tooltips.
struct TimelineLayout {
    float trackX0 = 0, trackX1 = 0, trackY0 = 0, trackY1 = 0;
};

/// Bottom bar: transport controls, date, speed, the scrubbable timeline with year ticks and event
/// markers, and the national totals chart with the cursor.
TimelineLayout drawTimelinePanel(UiState& ui, const Fonts& fonts, const TimelineChart& chart, float x, float y, float w, float h);
/// Left panel: layer visibility, opacity, colouring, filters, labels, choropleth, named views, legend.
void drawLayersPanel(UiState& ui, MapRenderer& renderer, const Fonts& fonts, float x, float y, float w, float h,
                     double aspect);
/// Right panel: selected entity (attributes, source, capacity sparkline, links) and the dashboard at t.
void drawInspectorPanel(UiState& ui, MapRenderer& renderer, const Fonts& fonts, float x, float y, float w, float h,
                        double aspect);
/// A tooltip for the hovered entity.
void drawHoverTooltip(const UiState& ui);
/// F1 help: every shortcut.
void drawHelpOverlay(UiState& ui, const Fonts& fonts);
/// Load errors with their FILE:LINE lines (the previous scenario stays on screen).
void drawErrorPanel(UiState& ui, const Fonts& fonts);

/// "1.2 GW" / "350 MW" / "unknown".
std::string formatPower(double mw);

} // namespace buildout
