// The capacity-basis rule (see capacity_basis.h).
#include "capacity_basis.h"

#include "power_format.h"
#include "scenario.h"

#include <cctype>
#include <cstdio>

namespace buildout {

const char* capacityBasisName(CapacityBasis b) {
    switch (b) {
    case CapacityBasis::Unstated:
        return "unstated";
    case CapacityBasis::Facility:
        return "facility";
    case CapacityBasis::It:
        return "it";
    case CapacityBasis::Grid:
        return "grid";
    case CapacityBasis::Generation:
        return "generation";
    }
    return "unstated";
}

std::optional<CapacityBasis> parseCapacityBasis(std::string_view word) {
    while (!word.empty() && (word.front() == ' ' || word.front() == '\t'))
        word.remove_prefix(1);
    while (!word.empty() && (word.back() == ' ' || word.back() == '\t' || word.back() == '\r'))
        word.remove_suffix(1);
    std::string w;
    for (char c : word)
        w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (w.empty()) return CapacityBasis::Unstated;
    for (int i = 1; i < kCapacityBasisCount; ++i) {
        const auto b = static_cast<CapacityBasis>(i);
        if (w == capacityBasisName(b)) return b;
    }
    return std::nullopt;
}

FacilityDemand facilityDemand(CapacityBasis basis, double mw, const CapacityAssumptions& a) {
    if (std::isnan(mw)) return {};
    switch (basis) {
    case CapacityBasis::Unstated:
    case CapacityBasis::Facility:
        return {mw, DemandCount::AsStated};
    case CapacityBasis::It:
        if (a.hasPue()) return {mw * a.pue, DemandCount::Converted};
        return {std::numeric_limits<double>::quiet_NaN(), DemandCount::Apart};
    case CapacityBasis::Grid:
    case CapacityBasis::Generation:
        return {std::numeric_limits<double>::quiet_NaN(), DemandCount::Apart};
    }
    return {};
}

double facilityDemandMw(const Datacenter& campus, double mw, const CapacityAssumptions& a) {
    return facilityDemand(campus.basis, mw, a).mw;
}

const char* capacityBasisSuffix(CapacityBasis b) {
    switch (b) {
    case CapacityBasis::It:
        return "IT";
    case CapacityBasis::Grid:
        return "grid request";
    case CapacityBasis::Generation:
        return "generation";
    default:
        return "";
    }
}

std::string demandNote(CapacityBasis basis, const CapacityAssumptions& a) {
    if (basis != CapacityBasis::It || !a.hasPue()) return {};
    char buf[48];
    std::snprintf(buf, sizeof buf, "IT \xC3\x97 PUE %g", a.pue);
    return buf;
}

std::string campusFigureText(CapacityBasis basis, double mw, const CapacityAssumptions& a) {
    switch (basis) {
    case CapacityBasis::Unstated:
        return "not stated (read as facility power)";
    case CapacityBasis::Facility:
        return "facility power";
    case CapacityBasis::It: {
        const FacilityDemand fd = facilityDemand(basis, mw, a);
        if (fd.how == DemandCount::Converted)
            return "IT load; " + formatPower(fd.mw) + " facility (" + demandNote(basis, a) + ")";
        return "IT load; not added to facility power (no PUE stated)";
    }
    case CapacityBasis::Grid:
        return "grid connection request/contract; not campus demand";
    case CapacityBasis::Generation:
        return "on-site generation; not campus demand";
    }
    return "";
}

} // namespace buildout
