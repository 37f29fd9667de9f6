// Loading a scenario folder: manifest, layer files, basemap, references; all or nothing.
#pragma once

#include "diagnostics.h"
#include "scenario.h"

#include <memory>
#include <string>

namespace buildout {

struct LoadResult {
    /// Null when any error was found (the scenario must not be shown).
    std::shared_ptr<const Scenario> scenario;
    /// Every problem of every file, errors and warnings, in file order.
    Diagnostics diagnostics;
};

/// Loads and validates the scenario in `directory` (a folder with scenario.json, or the path of a
/// scenario.json itself). Never throws for bad input; thread-safe (each call has its own GDAL and PROJ
/// state), so it may run on a worker thread.
LoadResult loadScenario(const std::string& directory);

} // namespace buildout
