// Reads an analyst's table through GDAL/OGR (CSV, XLSX, ODS, GeoJSON, GeoPackage, Shapefile, ...): the
// header, every row's cells as text, and the feature's geometry as WGS84 degrees where it has one.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace buildout {

struct SourceRow {
    std::vector<std::string> cells; ///< one per header; dates as YYYY-MM-DD, numbers as GDAL prints them
    std::optional<std::pair<double, double>> point;            ///< (lat, lon) degrees of a point geometry
    std::optional<std::pair<double, double>> lineFrom, lineTo; ///< (lat, lon) ends of a line geometry
    int line =
        0; ///< where the row is in the file: the CSV/spreadsheet line (header is 1), else the feature number
};

struct SourceTable {
    std::string driver; ///< GDAL's driver name, e.g. "CSV", "XLSX", "GeoJSON", "GPKG"
    std::vector<std::string> headers;
    std::vector<SourceRow> rows;
};

/// Reads the first layer of `path`. Throws std::runtime_error when GDAL cannot open or read it.
SourceTable readSourceTable(const std::string& path);

} // namespace buildout
