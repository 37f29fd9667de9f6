// What a campus's capacity_mw figure measures (facility power, IT load, a grid request, on-site
// generation), and the ONE rule that turns it into campus facility demand. Totals, labels, the
// inspector, `info`, exports and the power balance all go through facilityDemand() so that unlike
// megawatts are never added silently (docs/format.md "Capacity basis").
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace buildout {

struct Datacenter;

/// The `capacity_basis` column of a datacenter row. Unstated: column absent or blank.
enum class CapacityBasis : unsigned char { Unstated, Facility, It, Grid, Generation };
inline constexpr int kCapacityBasisCount = 5;

/// `unstated`, `facility`, `it`, `grid`, `generation`.
const char* capacityBasisName(CapacityBasis b);
/// Case-insensitive, blanks trimmed; an empty cell is Unstated. Nullopt for any other word.
std::optional<CapacityBasis> parseCapacityBasis(std::string_view word);

/// The manifest's optional `"assumptions"` object: figures the scenario author states to convert bases.
struct CapacityAssumptions {
    /// Power usage effectiveness (facility power / IT power), >= 1; NaN when not stated, in which case
    /// IT-basis figures are not converted and are shown apart.
    double pue = std::numeric_limits<double>::quiet_NaN();
    bool hasPue() const { return !std::isnan(pue); }
};

/// How a campus figure enters facility demand.
enum class DemandCount : unsigned char {
    AsStated,  ///< facility (or unstated, read as facility) power, counted as written
    Converted, ///< IT load × the manifest's PUE
    Apart,     ///< not campus demand (grid request, on-site generation, IT without a PUE): shown apart
    Unknown,   ///< the figure itself is unknown
};

struct FacilityDemand {
    double mw = std::numeric_limits<double>::quiet_NaN(); ///< facility MW; NaN unless AsStated/Converted
    DemandCount how = DemandCount::Unknown;
};

/// The rule. `mw` is the campus figure at t (Scenario::capacityAt), on `basis`:
///   facility, unstated -> counted as is;  it -> mw × pue when the manifest states a PUE, else Apart;
///   grid, generation   -> Apart (a grid connection request or on-site generation is not campus load).
/// An unknown `mw` is Unknown whatever the basis.
FacilityDemand facilityDemand(CapacityBasis basis, double mw, const CapacityAssumptions& a);

/// Convenience for callers that hold a campus: facilityDemand(campus.basis, mw, a).mw, i.e. the facility
/// MW it adds to demand, or NaN when it adds nothing known (Apart or Unknown).
double facilityDemandMw(const Datacenter& campus, double mw, const CapacityAssumptions& a);

/// "1,000 MW IT" style suffix for a figure on a basis: "" (facility/unstated), "IT", "grid request",
/// "generation".
const char* capacityBasisSuffix(CapacityBasis b);

/// How a converted figure is labelled wherever it appears, e.g. "IT × PUE 1.3". Empty unless Converted.
std::string demandNote(CapacityBasis basis, const CapacityAssumptions& a);

/// One line for the inspector and tooltips: what the figure is and what it adds to demand, e.g.
/// "IT load; 1.30 GW facility (IT × PUE 1.3)", "on-site generation; not campus demand",
/// "facility power", "not stated (read as facility power)".
std::string campusFigureText(CapacityBasis basis, double mw, const CapacityAssumptions& a);

} // namespace buildout
