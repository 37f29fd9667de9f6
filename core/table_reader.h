// Reads one layer file (CSV, GeoJSON, or any GDAL vector format) as rows of text fields plus geometry,
// with the source line of every row. GDAL/OGR does the parsing, except for most CSV files, which the
// faster native reader (csv_fast_reader.h) reads the same way; this adds the checks that untrusted files
// need (empty, binary, invalid UTF-8, duplicated headers, too deep) and exact line numbers.
#pragma once

#include "diagnostics.h"
#include "geometry.h"
#include "layer_limits.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace buildout {

struct TableGeometry {
    enum class Type { None, Point, Line, Polygon, Unsupported };
    Type type = Type::None;
    std::string typeName;                    ///< GDAL's name, for messages (e.g. "Point", "LineString")
    std::vector<std::vector<LonLat>> parts;  ///< point: one part of one point; line: one per LineString;
                                             ///< polygon: every ring of every polygon in order
    std::vector<int> ringsPerPolygon;        ///< polygon only: how many consecutive parts form each polygon
};

struct TableHeader {
    std::vector<std::string> columns;      ///< as written
    std::vector<std::string> lowerColumns; ///< lower-cased, for case-insensitive matching
    /// Rows the byte scan found (CSV records, GeoJSON features); 0 when not known. Only a hint for
    /// reserving memory: the rows actually delivered may differ.
    std::size_t rowCountHint = 0;
    /// Column index of a lower-case name, or -1. A linear search: resolve columns once per file.
    int find(std::string_view lowerName) const;
    /// Sets `columns` to `names` and `lowerColumns` to their lower-case forms.
    void setColumns(std::vector<std::string> names);
};

/// Reports every pair of columns whose names differ only in case, at line 1 (shared by the CSV readers).
/// True when there is none.
bool checkUniqueColumns(const TableHeader& header, const std::string& displayName, Diagnostics& diag);

/// One row during reading. Field views are valid until the next call to field() or the next row.
class TableRow {
public:
    virtual ~TableRow() = default;
    int line = 0; ///< 1-based line in the file (CSV: where the record starts; GeoJSON: the feature's line)
    virtual std::string_view field(int column) const = 0; ///< empty for null/absent
    virtual const TableGeometry& geometry() const = 0;
};

/// Optional extras of readTable.
struct TableReadOptions {
    /// Called with the whole content of a text file once it is read, before it is parsed (the loader
    /// hashes it instead of reading the file again). Not called for other formats, nor when the file
    /// could not be read.
    std::function<void(std::string_view)> onBytes;
    /// Files over limits.maxBytes are refused before they are read; files with more than limits.maxRows
    /// rows before any row is delivered (text formats) or at the first row over the limit (others).
    LayerLimits limits;
};

/// Reads `path`, reporting problems under `displayName`. `onHeader` is called once (return false to stop,
/// e.g. when a required column is missing); `onRow` once per row. Returns false when the file could not be
/// read at all (errors were reported).
bool readTable(const std::string& path, const std::string& displayName, Diagnostics& diag,
               const std::function<bool(const TableHeader&)>& onHeader,
               const std::function<void(const TableRow&)>& onRow, const TableReadOptions& options = {});

/// Which reader handles CSV files. `Native` (the default) uses csv_fast_reader and leaves to GDAL only
/// the files it declines; `Gdal` always uses GDAL's CSV driver, for comparisons and benchmarks. The
/// default comes from the environment variable BUILDOUT_CSV_READER (`gdal` or `native`).
enum class CsvReader { Native, Gdal };
void setCsvReader(CsvReader reader); ///< process-wide; thread-safe, but meant for tests and benchmarks
CsvReader csvReader();

/// Makes GDAL usable (registers drivers once, thread-safe).
void ensureGdalReady();

/// Reads a whole file into memory, refusing files over `maxBytes`. False and a message on failure.
bool readWholeFile(const std::string& path, std::string& out, std::string& why,
                   std::size_t maxBytes = std::size_t{1} << 31);

} // namespace buildout
