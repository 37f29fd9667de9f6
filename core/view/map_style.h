// The map's visual language: palettes (colour-blind-safe), glyph shapes, line classes and size scales.
// Pure data and functions (no GL), shared by the renderer, the on-map legend and the GUI's legend, so
// the legend always matches what is drawn.
#pragma once

#include "core/scenario.h"

#include <string>
#include <vector>

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

namespace buildout {

enum class ColorBy { Operator, Status, Precision };

namespace style {

// Scene colours (linear 0..1 sRGB values as written to an 8-bit target).
inline constexpr glm::vec3 kBackgroundCenter{0.058f, 0.082f, 0.125f};
inline constexpr glm::vec3 kBackgroundEdge{0.024f, 0.035f, 0.059f};
inline constexpr glm::vec4 kLand{0.102f, 0.133f, 0.188f, 1.0f};
inline constexpr glm::vec4 kStateBorder{0.235f, 0.298f, 0.392f, 1.0f};
inline constexpr glm::vec4 kNationOutline{0.420f, 0.510f, 0.640f, 1.0f};
inline constexpr glm::vec4 kLabelText{0.95f, 0.96f, 0.98f, 1.0f};
inline constexpr glm::vec4 kLabelHalo{0.02f, 0.03f, 0.06f, 0.85f};
inline constexpr glm::vec4 kUnknownGrey{0.62f, 0.66f, 0.72f, 1.0f};

/// Okabe-Ito based energy palette: conventional hues (nuclear purple, gas orange, solar yellow, wind
/// sky blue, hydro blue...) that stay distinct for the common colour-vision deficiencies; every fuel
/// also has its own glyph shape, so colour is never the only cue.
glm::vec4 fuelColor(Fuel fuel);
/// Glyph shape index used by glyphs.frag (0 ring, 1 triangle, 2 square, ...).
int glyphShape(Fuel fuel);
const char* glyphShapeName(Fuel fuel);

glm::vec4 statusColor(Status status);
glm::vec4 precisionColor(LocationPrecision p);

/// Voltage classes, from the `kv` column and `current`.
enum class VoltageClass { Below345, kV345, kV500, kV765, HVDC };
inline constexpr int kVoltageClassCount = 5;
VoltageClass voltageClass(double kv, Current current);
const char* voltageClassName(VoltageClass c);
glm::vec4 voltageColor(VoltageClass c);
float voltageWidthPx(VoltageClass c); ///< at 1080p

glm::vec4 clusterColor(int clusterIndex);
glm::vec4 zoneColor();

/// Sequential ramp (dark blue to bright yellow, perceptually ordered) for choropleths, u in 0..1.
glm::vec4 sequentialRamp(double u);

/// Diverging ramp for signed values (the power margin), u in -1..1: RdBu hues (colour-blind safe),
/// orange-red for negative (deficit), blue for positive (surplus), the land colour at 0.
glm::vec4 divergingRamp(double u);

/// A campus's name as a map label: without its parenthetical ("Stargate Abilene (Lancium Clean Campus)"
/// -> "Stargate Abilene", "Vantage Ashburn I (VA1) Campus" -> "Vantage Ashburn I Campus"); the inspector
/// shows the full name. A name that would be left shorter than 6 characters, or a "(" never closed,
/// keeps what it has before the "(" or is left whole.
std::string mapLabelName(const std::string& name);

} // namespace style

/// Operator colours for one scenario: the operators with the most capacity get the distinct hues, the
/// rest share "Other operators". Operator names are grouped by their leading name ("OpenAI (Oracle
/// lessee)" and "OpenAI" are one operator).
struct OperatorPalette {
    static constexpr int kDistinct = 9;
    std::vector<std::string> groups;  ///< legend order (most capacity first), at most kDistinct
    std::vector<int> datacenterGroup; ///< per datacenter: index into groups, or -1 for "other"
    glm::vec4 color(int group) const;
    static std::string groupName(const std::string& operatorName);
};

OperatorPalette makeOperatorPalette(const Scenario& scenario);
/// The palette of `scenario` ranked over it and `other` together (null: `scenario` alone), so that two
/// compared scenarios give each operator the same colour.
OperatorPalette makeSharedOperatorPalette(const Scenario& scenario, const Scenario* other);

} // namespace buildout
