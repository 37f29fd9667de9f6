// A native CSV reader beside GDAL's CSV driver, for speed: one pass over the bytes of a file already in
// memory, with field views into those bytes (benchmarks: docs/benchmarks.md). It gives the same header,
// rows, line numbers and errors as readTable's GDAL path, and declines files whose first line would make
// GDAL's driver do something this reader does not copy (another separator, quoted or generated header
// names, a WKT geometry column): those go to GDAL as before.
#pragma once

#include "diagnostics.h"
#include "table_reader.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace buildout {

/// GDAL's default longest physical line of a CSV file (its OGR_CSV_MAX_LINE_SIZE), in bytes without the
/// line break. GDAL stops reading at a longer line with an error; the native reader does the same.
inline constexpr std::size_t kCsvMaxLineBytes = 10'000'000;
/// GDAL's message for such a line, which both readers report as "while reading: <message>".
inline constexpr std::string_view kCsvLineTooLongMessage = "Maximum number of characters allowed reached.";

enum class CsvFastResult {
    Read,      ///< the file was read (problems in it, if any, were reported)
    Refused,   ///< the file could not be read at all (binary or not UTF-8; reported)
    NeedsGdal, ///< the file needs GDAL's driver; nothing was reported and no callback was made
};

/// Reads the CSV file whose whole content is `text` (possibly with a UTF-8 BOM; the caller has already
/// refused empty files), with readTable's contract for `onHeader` and `onRow`. Every field is text; a
/// record with fewer fields than the header gives empty fields, extra fields are ignored. Field views
/// point into `text` or into the row's own buffer, and are valid until the next row.
CsvFastResult readCsvFast(std::string_view text, const std::string& displayName, Diagnostics& diag,
                          const std::function<bool(const TableHeader&)>& onHeader,
                          const std::function<void(const TableRow&)>& onRow);

} // namespace buildout
