// `buildout import`: an analyst's table (anything GDAL reads) into a layer of a scenario folder.
// Columns are detected (column_detect.h), rows converted and checked one by one (a bad row is reported
// with its row number and skipped), and the layer is written atomically (scenario_writer.h).
#pragma once

#include "core/import/column_detect.h"
#include "core/import/table_source.h"

#include <map>
#include <string>
#include <vector>

namespace buildout {

struct ImportOptions {
    std::string table; ///< the source file
    ImportKind kind = ImportKind::Datacenters;
    std::string outDir;                           ///< scenario folder: created, or a layer added to it
    std::map<std::string, std::string> columnMap; ///< `--map FIELD=column`
    std::map<std::string, std::string> statusMap; ///< `--status-map WORD=status` (WORD normalised)
    std::string attribution;                      ///< `--attribution TEXT`, recorded in the manifest
};

/// The converted rows, ready to write: `header` names scenario columns then extra attributes.
struct ImportedLayer {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    int minYear = 0, maxYear = 0; ///< range of the dates seen; 0 when none
};

struct ImportReport {
    std::vector<std::string> mapped;   ///< "lat <- 'Latitude'"
    std::vector<std::string> extras;   ///< "'County' as county"
    std::vector<std::string> unused;   ///< "'Lat2' (lat is taken by 'Latitude')"
    std::vector<std::string> problems; ///< "TABLE:ROW: warning: ..." (skipped rows and notes)
    std::size_t rows = 0, imported = 0, skipped = 0;
    std::map<std::string, std::size_t> statuses; ///< status -> rows ("" for none)
    std::string layerFile;                       ///< written, relative to outDir
    bool createdFolder = false;
};

/// Converts `table` (already read) under `options`; fills the report's mapping and problems.
/// Throws std::invalid_argument for a bad `--map`.
ImportedLayer convertTable(const SourceTable& table, const ImportOptions& options, ImportReport& report);

/// Reads, converts and writes (nothing when no row converts: layerFile stays empty). Throws
/// std::invalid_argument for bad options (usage), std::runtime_error for an unreadable table or a folder that
/// cannot take the layer.
ImportReport importTable(const ImportOptions& options);

} // namespace buildout
