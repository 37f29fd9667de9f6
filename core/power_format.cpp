// MW/GW formatting (see power_format.h).
#include "power_format.h"

#include <cmath>
#include <cstdio>

namespace buildout {

std::string formatPower(double mw, int gwDecimals, bool signedFigure) {
    if (std::isnan(mw)) return "unknown";
    char buf[48];
    const char* sign = signedFigure && mw > 0 ? "+" : "";
    // Decide on the rounded MW figure, so that 999.7 MW reads "1.00 GW", not "1000 MW".
    if (std::abs(std::round(mw)) < 1000.0) {
        if (std::abs(mw) < 10.0 && std::abs(mw - std::round(mw)) > 0.05)
            std::snprintf(buf, sizeof buf, "%s%.1f MW", sign, mw);
        else
            std::snprintf(buf, sizeof buf, "%s%.0f MW", sign, mw);
        return buf;
    }
    const double gw = mw / 1000.0;
    const int digits = gwDecimals <= 1 && std::abs(gw) >= 9.95 ? 0 : (gwDecimals < 0 ? 0 : gwDecimals);
    std::snprintf(buf, sizeof buf, "%s%.*f GW", sign, digits, gw);
    return buf;
}

} // namespace buildout
