// The desktop application: one window with the map, the panels, presentation mode and export.
#pragma once

#include <string>
#include <vector>

namespace buildout {

/// Opens the app with the command line's arguments (`[SCENARIO_DIR] [--present] [--compare B] ...`);
/// returns the exit code. Throws UsageError for bad arguments.
int runGui(const std::vector<std::string>& args);

} // namespace buildout
