// Which column of an analyst's table is which scenario field: header normalisation ("Capacity (MW)" ->
// "capacity", unit "mw"), the common names of each field, and the common status and fuel words.
// Pure functions, no I/O (tests/core/test_import.cpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace buildout {

/// The scenario layer kinds `buildout import` writes.
enum class ImportKind { Datacenters, PowerPlants, Transmission };
std::optional<ImportKind> parseImportKind(const std::string& text);
const char* importKindName(ImportKind kind);

/// A header cell as matched: lower case, words joined by '_', the unit in (...) or [...] split off.
struct NormalizedHeader {
    std::string key;  ///< e.g. "capacity" for "Capacity (MW)", "online_year" for "Online Year"
    std::string unit; ///< e.g. "mw", "gw", "kv"; empty when none
};
NormalizedHeader normalizeHeader(const std::string& header);

/// The fields a kind can fill, in the order they are written (scenario column names).
const std::vector<std::string>& importFields(ImportKind kind);

/// The result of matching headers to fields.
struct ColumnMapping {
    std::map<std::string, int> fieldToColumn; ///< scenario field -> source column index
    std::vector<int> extras;                  ///< source columns kept as attributes
    std::vector<int> unused;                  ///< source columns that matched a field already taken
};

/// Matches `headers` to the kind's fields. `overrides` (field -> source header, from `--map`) win; a
/// header that names no column or a field the kind lacks is a std::invalid_argument.
ColumnMapping detectColumns(ImportKind kind, const std::vector<std::string>& headers,
                            const std::map<std::string, std::string>& overrides);

/// A status word (any case; spaces, '-' and '_' alike) as a scenario status, or nullopt. `custom`
/// (normalised word -> status, from `--status-map`) is tried first.
std::optional<std::string> mapStatusWord(const std::string& word,
                                         const std::map<std::string, std::string>& custom);

/// A fuel word ("Natural Gas", "PV", "Battery") as a scenario fuel, or nullopt.
std::optional<std::string> mapFuelWord(const std::string& word);

/// Lower case, runs of anything but letters and digits as one '_', trimmed.
std::string normalizeWord(const std::string& word);

} // namespace buildout
