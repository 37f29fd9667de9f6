// Writes an imported layer into a scenario folder: a new folder is built under a temporary name and
// renamed into place; an existing scenario gets the layer file (temporary name, then rename) and then its
// manifest (the same), so a failure leaves the old scenario as it was.
#pragma once

#include "core/import/import_table.h"

#include <set>
#include <string>

namespace buildout {

struct LayerSource {
    std::string tableFile;   ///< the source file's name as given
    std::string attribution; ///< may be empty
};

/// Ids already used in `dir`'s layers of `kind` (empty when `dir` has no scenario). Throws
/// std::runtime_error when `dir` holds a scenario that does not load.
std::set<std::string> existingIds(const std::string& dir, ImportKind kind);

/// Writes `layer` into `dir`, returns the layer file's name. Throws std::runtime_error.
std::string writeImportedLayer(const std::string& dir, ImportKind kind, const ImportedLayer& layer,
                               const LayerSource& source, bool& createdFolder);

/// RFC 4180 CSV of `header` and `rows`.
std::string toCsv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

} // namespace buildout
