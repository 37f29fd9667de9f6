// The legend's content for the current map settings: the same list feeds the on-map legend of frames
// (render/legend_symbols.h draws the symbols) and the GUI's panel, so the legend always matches what
// is drawn. Plain data: no GL, no painter.
#pragma once

#include "core/scenario.h"
#include "core/view/frame_spec.h"
#include "core/view/map_style.h"

#include <string>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec4.hpp>

namespace buildout {

/// What a legend row's symbol shows, drawn alike on the map's legend and (simplified) in the panel.
enum class LegendSymbol {
    None,            ///< a heading
    Swatch,          ///< a rounded square of `color` (operator, status or precision colour)
    ColumnOperating, ///< a solid column
    ColumnBuilding,  ///< a half-height translucent column
    ColumnAnnounced, ///< a column outline
    ColumnRetired,   ///< a faded column
    ColumnCancelled, ///< a low struck-out plate in the cancelled red
    Hatched,         ///< capacity not disclosed
    ApproximateDisc, ///< the disc around an approximate location
    MergedColumn,    ///< a stacked merged column (dense layers)
    FuelGlyph,       ///< a plant glyph of `fuel`
    MergedPlant,     ///< a merged plant circle
    VoltageLine,     ///< a line of `voltage` class's colour and width
    DashedLine,      ///< a line under construction
    MergedLine,      ///< a merged corridor between two cell centres
    ClusterRing,     ///< a supercluster member's ring
    ZoneFill,        ///< a designated zone's fill and outline
    ChoroplethRamp,  ///< five steps of the sequential ramp
};

struct LegendEntry {
    bool heading = false;
    std::string text;
    LegendSymbol symbol = LegendSymbol::None;
    /// The symbol's colour; for toolkits without the painter (the GUI panel) also a simplified swatch with
    /// `shape`: 's' square, 'c' circle, 'o' outline, 'r' ring, 'l' line, 'd' dashed line, 'h' hatched, 'g'
    /// fuel glyph.
    glm::vec4 swatch{0.0f};
    char shape = 's';
    Fuel fuel = Fuel::Other;
    style::VoltageClass voltage = style::VoltageClass::kV345;
};

/// What of a scenario's entities the legend has rows for: which fuels and voltage classes occur, and
/// whether any campus is cancelled, of undisclosed capacity or approximately located. A scan of every
/// entity (milliseconds at 100k campuses) while the legend is built every frame, twice in an export: so
/// it is made once per scenario (MapRenderer keeps it, made on the scenario's preparing worker).
struct LegendFacts {
    bool anyCancelled = false, anyUnknownCapacity = false, anyApproximate = false;
    std::uint64_t fuels = 0;          ///< bit k: some plant's Fuel is k
    std::uint64_t voltageClasses = 0; ///< bit k: some line's style::VoltageClass is k
};
LegendFacts legendFacts(const Scenario& scenario);

/// What the legend depends on besides the settings: the scenario, its operator colours, what the last
/// frame merged and the choropleth's range (min > max: none).
struct LegendInputs {
    const Scenario* scenario = nullptr;
    const OperatorPalette* operators = nullptr;
    const LegendFacts* facts = nullptr; ///< legendFacts(*scenario); null: scanned for this call
    DenseView dense;
    glm::dvec2 choroplethRange{1, 0};
};

std::vector<LegendEntry> legendEntries(const LegendInputs& inputs, const MapSettings& settings);

} // namespace buildout
