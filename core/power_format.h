// The one MW/GW formatter for every figure a person reads: info text, overlays, captions, labels, the
// GUI. Figures under 1 GW are shown in MW (a 48 MW campus must not read "0.0 GW").
#pragma once

#include <string>

namespace buildout {

/// "48 MW", "950 MW", "1.25 GW" (gwDecimals digits after the point), "12 GW" at or above 10 GW when
/// gwDecimals <= 1; "unknown" for NaN. `signedFigure` prefixes "+" to positive figures (differences).
std::string formatPower(double mw, int gwDecimals = 2, bool signedFigure = false);

} // namespace buildout
