// Row conversion and the import as a whole.
#include "core/import/import_table.h"

#include "core/date.h"
#include "core/import/scenario_writer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>

namespace buildout {

namespace {

const std::set<std::string> kDateFields = {"announced", "permitted", "construction",
                                           "online",    "retired",   "cancelled"};

/// A number cell: "1,200", " 300 ", "300 MW" accepted; nullopt when it is not a number.
std::optional<double> parseNumber(std::string text) {
    std::string s;
    for (char c : text)
        if (c != ',' && c != ' ') s += c;
    while (!s.empty() && std::isalpha(static_cast<unsigned char>(s.back())))
        s.pop_back(); // "300MW"
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (*end != '\0' || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::string numberText(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

/// A date cell as YYYY[-MM[-DD]]: "2027", "2027.0" (a spreadsheet year), "2027/05/01", "2027-05-01".
std::optional<std::string> parseDateCell(const std::string& text, int& year) {
    std::string s = text;
    for (char& c : s)
        if (c == '/') c = '-';
    if (s.size() > 10 && s[10] == 'T') s = s.substr(0, 10); // a timestamp: the day
    if (const auto dot = s.find('.'); dot == 4 && s.find_first_not_of('0', 5) == std::string::npos)
        s = s.substr(0, 4);
    if (!parseDate(s)) return std::nullopt;
    year = std::atoi(s.substr(0, 4).c_str());
    return s;
}

/// A slug for ids made from names: "Lake Anna (AWS)" -> "lake-anna-aws".
std::string slug(const std::string& text) {
    std::string w = normalizeWord(text);
    for (char& c : w)
        if (c == '_') c = '-';
    return w;
}

/// Converts one row; returns the why of a bad row (empty when fine).
struct RowContext {
    const ImportOptions& options;
    const ColumnMapping& mapping;
    const std::vector<std::string>& headers;
    const std::vector<std::string>& fields; ///< the scenario columns written
    std::set<std::string>& ids;
    ImportedLayer& layer;
    ImportReport& report;
    const std::string& table;
};

std::string cellOf(const RowContext& c, const SourceRow& row, const std::string& field) {
    const auto it = c.mapping.fieldToColumn.find(field);
    if (it == c.mapping.fieldToColumn.end()) return "";
    std::string v = row.cells[static_cast<std::size_t>(it->second)];
    const auto b = v.find_first_not_of(" \t"), e = v.find_last_not_of(" \t");
    return b == std::string::npos ? "" : v.substr(b, e - b + 1);
}

std::string convertField(const RowContext& c, const SourceRow& row, const std::string& field,
                         std::map<std::string, std::string>& out) {
    std::string v = cellOf(c, row, field);
    const auto col = c.mapping.fieldToColumn.find(field);
    const std::string column =
        col == c.mapping.fieldToColumn.end() ? field : c.headers[static_cast<std::size_t>(col->second)];
    if (field == "lat" || field == "lon" || field == "from_lat" || field == "from_lon" || field == "to_lat" ||
        field == "to_lon") {
        if (v.empty()) return "";
        const auto x = parseNumber(v);
        const double limit = field.find("lat") != std::string::npos ? 90 : 180;
        if (!x || std::abs(*x) > limit)
            return "bad " + field + " '" + v + "' in column '" + column + "' (degrees, -" +
                   numberText(limit) + ".." + numberText(limit) + ")";
        v = numberText(*x);
    } else if (field == "capacity_mw" || field == "kv") {
        if (v.empty()) return "";
        auto x = parseNumber(v);
        if (!x || *x < 0)
            return "bad " + field + " '" + v + "' in column '" + column + "' (a number, 0 or more)";
        const std::string unit = normalizeHeader(column).unit;
        if (field == "capacity_mw" && unit == "gw") *x *= 1000;
        if (field == "capacity_mw" && unit == "kw") *x /= 1000;
        v = numberText(*x);
    } else if (kDateFields.count(field)) {
        if (v.empty()) return "";
        int year = 0;
        const auto d = parseDateCell(v, year);
        if (!d) return "bad date '" + v + "' in column '" + column + "' (YYYY, YYYY-MM or YYYY-MM-DD)";
        v = *d;
        c.layer.minYear = c.layer.minYear == 0 ? year : std::min(c.layer.minYear, year);
        c.layer.maxYear = std::max(c.layer.maxYear, year);
    } else if (field == "status") {
        if (v.empty()) return "";
        const auto s = mapStatusWord(v, c.options.statusMap);
        if (!s) return "unknown status '" + v + "' (map it with --status-map '" + v + "=STATUS')";
        v = *s;
    } else if (field == "fuel") {
        const auto f = mapFuelWord(v);
        if (!f) {
            c.report.problems.push_back(c.table + ":" + std::to_string(row.line) + ": warning: fuel '" + v +
                                        "' not known: written as 'other'");
            v = "other";
        } else {
            v = *f;
        }
    }
    out[field] = v;
    return "";
}

/// Geometry stands in for missing coordinate columns; the id is made from the name or the row number.
std::string completeRow(const RowContext& c, const SourceRow& row, std::map<std::string, std::string>& out) {
    if (c.options.kind == ImportKind::Transmission) {
        if ((out["from_lat"].empty() || out["to_lat"].empty()) && row.lineFrom && row.lineTo) {
            out["from_lat"] = numberText(row.lineFrom->first),
            out["from_lon"] = numberText(row.lineFrom->second);
            out["to_lat"] = numberText(row.lineTo->first), out["to_lon"] = numberText(row.lineTo->second);
        }
        if (out["from_lat"].empty() || out["from_lon"].empty() || out["to_lat"].empty() ||
            out["to_lon"].empty())
            return "no line ends (from_lat, from_lon, to_lat, to_lon columns or a line geometry)";
        if (out["kv"].empty()) return "no voltage (a kv column)";
    } else {
        if ((out["lat"].empty() || out["lon"].empty()) && row.point) {
            out["lat"] = numberText(row.point->first), out["lon"] = numberText(row.point->second);
        }
        if (out["lat"].empty() || out["lon"].empty())
            return "no coordinates (lat and lon columns or a point geometry)";
    }
    std::string id = out["id"];
    if (id.empty()) id = slug(out["name"]);
    if (id.empty()) id = "row-" + std::to_string(row.line);
    std::string unique = id;
    for (int n = 2; c.ids.count(unique); ++n)
        unique = id + "-" + std::to_string(n);
    if (unique != id && !out["id"].empty())
        c.report.problems.push_back(c.table + ":" + std::to_string(row.line) + ": warning: id '" + id +
                                    "' already used: written as '" + unique + "'");
    c.ids.insert(unique);
    out["id"] = unique;
    return "";
}

} // namespace

ImportedLayer convertTable(const SourceTable& table, const ImportOptions& options, ImportReport& report) {
    const ColumnMapping mapping = detectColumns(options.kind, table.headers, options.columnMap);
    ImportedLayer layer;
    // The scenario columns written: the mapped ones, plus those every row of the kind needs.
    std::vector<std::string> fields;
    std::set<std::string> required = {"id"};
    if (options.kind == ImportKind::Transmission)
        required.insert({"kv", "from_lat", "from_lon", "to_lat", "to_lon"});
    else
        required.insert({"lat", "lon"});
    if (options.kind == ImportKind::PowerPlants) required.insert("fuel");
    for (const auto& f : importFields(options.kind))
        if (mapping.fieldToColumn.count(f) || required.count(f)) fields.push_back(f);
    for (const auto& [field, col] : mapping.fieldToColumn)
        report.mapped.push_back(field + " <- '" + table.headers[static_cast<std::size_t>(col)] + "'");
    std::set<std::string> names(fields.begin(), fields.end());
    std::vector<std::pair<int, std::string>> extras;
    for (int col : mapping.extras) {
        std::string name = normalizeWord(table.headers[static_cast<std::size_t>(col)]);
        if (name.empty()) name = "column_" + std::to_string(col + 1);
        const auto& all = importFields(options.kind);
        if (std::find(all.begin(), all.end(), name) != all.end() || name == "serves") name = "extra_" + name;
        while (names.count(name))
            name += "_2";
        names.insert(name);
        extras.emplace_back(col, name);
        report.extras.push_back("'" + table.headers[static_cast<std::size_t>(col)] + "' as " + name);
    }
    for (int col : mapping.unused)
        report.unused.push_back("'" + table.headers[static_cast<std::size_t>(col)] +
                                "' (its field is taken)");
    layer.header = fields;
    for (const auto& e : extras)
        layer.header.push_back(e.second);

    std::set<std::string> ids = existingIds(options.outDir, options.kind);
    const std::string tableName = options.table;
    RowContext c{options, mapping, table.headers, fields, ids, layer, report, tableName};
    for (const SourceRow& row : table.rows) {
        ++report.rows;
        std::map<std::string, std::string> out;
        std::string why;
        for (const auto& f : fields)
            if (why.empty()) why = convertField(c, row, f, out);
        if (why.empty()) why = completeRow(c, row, out);
        if (!why.empty()) {
            ++report.skipped;
            report.problems.push_back(tableName + ":" + std::to_string(row.line) + ": warning: row " +
                                      std::to_string(row.line) + " skipped: " + why);
            continue;
        }
        std::vector<std::string> cells;
        for (const auto& f : fields)
            cells.push_back(out[f]);
        for (const auto& e : extras)
            cells.push_back(row.cells[static_cast<std::size_t>(e.first)]);
        layer.rows.push_back(std::move(cells));
        ++report.imported;
        ++report.statuses[out["status"]];
    }
    return layer;
}

ImportReport importTable(const ImportOptions& options) {
    const SourceTable table = readSourceTable(options.table);
    ImportReport report;
    const ImportedLayer layer = convertTable(table, options, report);
    if (layer.rows.empty()) return report; // nothing written; the caller says why
    const LayerSource source{std::filesystem::path(options.table).filename().string(), options.attribution};
    report.layerFile = writeImportedLayer(options.outDir, options.kind, layer, source, report.createdFolder);
    return report;
}

} // namespace buildout
