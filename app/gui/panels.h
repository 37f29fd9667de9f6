// The GUI's panels. Each draws one ImGui window from UiState and edits it directly.
#pragma once

#include "core/power_format.h"
#include "app/gui/theme.h"
#include "app/gui/ui_state.h"
#include "core/view/map_view.h"

#include <filesystem>
#include <vector>

struct ImVec2;

namespace buildout {


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
void drawLayersPanel(UiState& ui, const MapView& map, const Fonts& fonts, float x, float y, float w, float h,
                     double aspect);
/// Right panel: selected entity (attributes, source, capacity sparkline, links) and the dashboard at t.
void drawInspectorPanel(UiState& ui, const MapView& map, const Fonts& fonts, float x, float y, float w, float h,
                        double aspect);
/// A tooltip for the hovered entity.
void drawHoverTooltip(const UiState& ui);
/// F1 help: every shortcut.
void drawHelpOverlay(UiState& ui, const Fonts& fonts);
/// Load errors with their FILE:LINE lines (the previous scenario stays on screen).
void drawErrorPanel(UiState& ui, const Fonts& fonts);

/// The scenario folders bundled under data/scenarios, sorted.
std::vector<std::filesystem::path> bundledScenarios();
/// Left panel, under the scenario chooser: "Compare with…" (bundled and recent scenarios), the mode,
/// the swipe divider, and notes on the compared range and basemaps.
void drawComparisonControls(UiState& ui);
/// Right panel: A, B and B − A at t (operating, building, planned) and both operating lines over time.
void drawComparisonDashboard(UiState& ui, const Fonts& fonts);
/// Right panel, under the selection: the selected asset's values in A and in B, and ΔMW.
void drawComparisonSelection(const UiState& ui, const Fonts& fonts);
/// The tooltip of an asset only B has (compare.hoveredB), with its ΔMW.
void drawOnlyInBTooltip(const UiState& ui);
/// Tooltip lines for an asset of A while comparing: its status and MW in B and ΔMW.
void drawComparisonTooltip(const UiState& ui, EntityRef ref);

// formatPower ("1.25 GW" / "350 MW" / "unknown") is core/power_format.h, shared with overlays and info.

/// Dashboard charts (outlook_charts.cpp): the national outlook, and the power balance (largest gaps, and
/// the balance over time of the group ui.balanceGroup).
void drawNationalSeries(const UiState& ui, const Fonts& fonts);
void drawPowerBalance(UiState& ui, const Fonts& fonts);

} // namespace buildout
