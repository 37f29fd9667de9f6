// Column and word detection for `buildout import`.
#include "core/import/column_detect.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

namespace buildout {

namespace {

/// The names a field goes by in the wild, normalised, best first.
const std::map<std::string, std::vector<std::string>>& aliases() {
    static const std::map<std::string, std::vector<std::string>> kAliases = {
        {"id", {"id", "site_id", "project_id", "plant_id", "line_id", "facility_id", "fid", "uid"}},
        {"name",
         {"name", "site_name", "project_name", "plant_name", "facility_name", "project", "site", "facility",
          "title", "line_name"}},
        {"operator", {"operator", "owner", "company", "developer", "operator_name", "owner_name", "tenant"}},
        {"owner", {"owner", "operator", "company", "developer", "utility", "owner_name", "operator_name"}},
        {"lat", {"lat", "latitude", "y", "lat_dd", "latitude_dd"}},
        {"lon", {"lon", "lng", "long", "longitude", "x", "lon_dd", "longitude_dd"}},
        {"capacity_mw",
         {"capacity_mw", "capacity", "mw", "power", "power_mw", "nameplate_capacity", "nameplate", "it_load",
          "load", "size"}},
        {"online",
         {"online", "date", "year", "cod", "online_year", "online_date", "operational_date",
          "commercial_operation_date", "in_service", "in_service_date", "in_service_year", "operating_year",
          "completion", "completion_year", "expected_online", "start_year"}},
        {"status", {"status", "stage", "phase", "project_status", "state_of_project"}},
        {"fuel", {"fuel", "fuel_type", "primary_fuel", "technology", "type", "energy_source", "source_type"}},
        {"kv", {"kv", "voltage", "voltage_kv", "volts"}},
        {"current", {"current", "ac_dc", "current_type"}},
        {"from_lat", {"from_lat", "start_lat", "lat1", "origin_lat"}},
        {"from_lon", {"from_lon", "start_lon", "lon1", "origin_lon", "from_lng", "start_lng"}},
        {"to_lat", {"to_lat", "end_lat", "lat2", "dest_lat"}},
        {"to_lon", {"to_lon", "end_lon", "lon2", "dest_lon", "to_lng", "end_lng"}},
        {"announced", {"announced", "announced_date", "announcement_date"}},
        {"permitted", {"permitted", "permit_date"}},
        {"construction", {"construction", "construction_start", "construction_date"}},
        {"retired", {"retired", "retirement", "retirement_date", "retired_date"}},
        {"cancelled", {"cancelled", "canceled", "cancelled_date", "cancellation_date"}},
        {"location_precision", {"location_precision", "precision"}},
        {"source", {"source", "source_url", "reference"}},
    };
    return kAliases;
}

} // namespace

std::optional<ImportKind> parseImportKind(const std::string& text) {
    if (text == "datacenters") return ImportKind::Datacenters;
    if (text == "power_plants") return ImportKind::PowerPlants;
    if (text == "transmission") return ImportKind::Transmission;
    return std::nullopt;
}

const char* importKindName(ImportKind kind) {
    switch (kind) {
    case ImportKind::Datacenters:
        return "datacenters";
    case ImportKind::PowerPlants:
        return "power_plants";
    case ImportKind::Transmission:
        return "transmission";
    }
    return "datacenters";
}

std::string normalizeWord(const std::string& word) {
    std::string out;
    for (unsigned char c : word) {
        if (std::isalnum(c))
            out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '_')
            out += '_';
    }
    while (!out.empty() && out.back() == '_')
        out.pop_back();
    return out;
}

NormalizedHeader normalizeHeader(const std::string& header) {
    NormalizedHeader h;
    std::string rest = header;
    // "Capacity (MW)", "Voltage [kV]": the bracketed part is the unit.
    const auto open = rest.find_first_of("([");
    if (open != std::string::npos) {
        const auto close = rest.find_first_of(")]", open);
        h.unit = normalizeWord(
            rest.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1));
        rest = rest.substr(0, open) + (close == std::string::npos ? "" : rest.substr(close + 1));
    }
    h.key = normalizeWord(rest);
    // "Capacity MW", "capacity_gw": a trailing unit word.
    for (const char* unit : {"mw", "gw", "kw"}) {
        const std::string suffix = std::string("_") + unit;
        if (h.unit.empty() && h.key.size() > suffix.size() &&
            h.key.compare(h.key.size() - suffix.size(), suffix.size(), suffix) == 0) {
            h.unit = unit;
            if (h.key != "capacity_mw") h.key = h.key.substr(0, h.key.size() - suffix.size());
        }
    }
    if (h.key.empty() && !h.unit.empty()) h.key = h.unit; // a column headed "(MW)"
    return h;
}

const std::vector<std::string>& importFields(ImportKind kind) {
    static const std::vector<std::string> kDc = {
        "id",        "name",      "operator",     "lat",    "lon",     "capacity_mw", "status",
        "announced", "permitted", "construction", "online", "retired", "cancelled",   "location_precision",
        "source"};
    static const std::vector<std::string> kPp = {
        "id",           "name",        "owner",   "fuel",      "lat",
        "lon",          "capacity_mw", "status",  "announced", "permitted",
        "construction", "online",      "retired", "cancelled", "location_precision",
        "source"};
    static const std::vector<std::string> kTx = {
        "id",           "name",   "kv",      "capacity_mw", "current",   "from_lat",
        "from_lon",     "to_lat", "to_lon",  "status",      "announced", "permitted",
        "construction", "online", "retired", "cancelled",   "source"};
    switch (kind) {
    case ImportKind::Datacenters:
        return kDc;
    case ImportKind::PowerPlants:
        return kPp;
    case ImportKind::Transmission:
        return kTx;
    }
    return kDc;
}

ColumnMapping detectColumns(ImportKind kind, const std::vector<std::string>& headers,
                            const std::map<std::string, std::string>& overrides) {
    const auto& fields = importFields(kind);
    ColumnMapping m;
    std::vector<NormalizedHeader> norm;
    for (const auto& h : headers)
        norm.push_back(normalizeHeader(h));
    std::set<int> taken;
    for (const auto& [field, column] : overrides) {
        if (std::find(fields.begin(), fields.end(), field) == fields.end())
            throw std::invalid_argument("--map " + field + "=" + column + ": " + importKindName(kind) +
                                        " have no field '" + field + "'");
        int found = -1;
        for (std::size_t i = 0; i < headers.size() && found < 0; ++i)
            if (headers[i] == column || norm[i].key == normalizeHeader(column).key)
                found = static_cast<int>(i);
        if (found < 0)
            throw std::invalid_argument("--map " + field + "=" + column + ": the table has no column '" +
                                        column + "'");
        m.fieldToColumn[field] = found;
        taken.insert(found);
    }
    // Each field takes the column matching its best alias; a column serves one field.
    for (const auto& field : fields) {
        if (m.fieldToColumn.count(field)) continue;
        const auto it = aliases().find(field);
        if (it == aliases().end()) continue;
        bool done = false;
        for (const auto& alias : it->second) {
            for (std::size_t i = 0; i < norm.size() && !done; ++i)
                if (!taken.count(static_cast<int>(i)) && norm[i].key == alias) {
                    m.fieldToColumn[field] = static_cast<int>(i);
                    taken.insert(static_cast<int>(i));
                    done = true;
                }
            if (done) break;
        }
    }
    std::set<std::string> fieldNames(fields.begin(), fields.end());
    for (std::size_t i = 0; i < norm.size(); ++i) {
        if (taken.count(static_cast<int>(i))) continue;
        // A second candidate for a field already filled would be read as a silent attribute: say so.
        bool candidate = false;
        for (const auto& [field, list] : aliases())
            if (fieldNames.count(field) && std::find(list.begin(), list.end(), norm[i].key) != list.end())
                candidate = true;
        (candidate ? m.unused : m.extras).push_back(static_cast<int>(i));
    }
    return m;
}

std::optional<std::string> mapStatusWord(const std::string& word,
                                         const std::map<std::string, std::string>& custom) {
    const std::string w = normalizeWord(word);
    if (const auto it = custom.find(w); it != custom.end()) return it->second;
    static const std::map<std::string, std::string> kWords = {{"announced", "announced"},
                                                              {"proposed", "announced"},
                                                              {"planned", "announced"},
                                                              {"planning", "announced"},
                                                              {"rumored", "announced"},
                                                              {"rumoured", "announced"},
                                                              {"early_stage", "announced"},
                                                              {"pre_construction", "permitted"},
                                                              {"permitted", "permitted"},
                                                              {"approved", "permitted"},
                                                              {"permitting", "announced"},
                                                              {"construction", "construction"},
                                                              {"under_construction", "construction"},
                                                              {"in_construction", "construction"},
                                                              {"building", "construction"},
                                                              {"operating", "operating"},
                                                              {"operational", "operating"},
                                                              {"online", "operating"},
                                                              {"in_service", "operating"},
                                                              {"active", "operating"},
                                                              {"existing", "operating"},
                                                              {"live", "operating"},
                                                              {"completed", "operating"},
                                                              {"retired", "retired"},
                                                              {"decommissioned", "retired"},
                                                              {"closed", "retired"},
                                                              {"shut_down", "retired"},
                                                              {"cancelled", "cancelled"},
                                                              {"canceled", "cancelled"},
                                                              {"withdrawn", "cancelled"},
                                                              {"abandoned", "cancelled"},
                                                              {"suspended", "cancelled"}};
    if (const auto it = kWords.find(w); it != kWords.end()) return it->second;
    return std::nullopt;
}

std::optional<std::string> mapFuelWord(const std::string& word) {
    const std::string w = normalizeWord(word);
    static const std::map<std::string, std::string> kWords = {{"nuclear", "nuclear"},
                                                              {"smr", "nuclear"},
                                                              {"gas", "gas"},
                                                              {"natural_gas", "gas"},
                                                              {"ng", "gas"},
                                                              {"ngcc", "gas"},
                                                              {"combined_cycle", "gas"},
                                                              {"methane", "gas"},
                                                              {"coal", "coal"},
                                                              {"oil", "oil"},
                                                              {"diesel", "oil"},
                                                              {"petroleum", "oil"},
                                                              {"solar", "solar"},
                                                              {"pv", "solar"},
                                                              {"solar_pv", "solar"},
                                                              {"wind", "wind"},
                                                              {"onshore_wind", "wind"},
                                                              {"offshore_wind", "wind"},
                                                              {"hydro", "hydro"},
                                                              {"hydroelectric", "hydro"},
                                                              {"water", "hydro"},
                                                              {"storage", "storage"},
                                                              {"battery", "storage"},
                                                              {"batteries", "storage"},
                                                              {"bess", "storage"},
                                                              {"geothermal", "geothermal"},
                                                              {"fusion", "fusion"},
                                                              {"other", "other"}};
    if (const auto it = kWords.find(w); it != kWords.end()) return it->second;
    return std::nullopt;
}

} // namespace buildout
