// Per-user settings (window size, layers, recent scenarios) in $XDG_CONFIG_HOME/buildout/settings.json.
// A missing or corrupt file is never fatal: defaults are used and a warning is printed.
#pragma once

#include "core/view/frame_spec.h"

#include <string>
#include <vector>

namespace buildout {

struct AppSettings {
    int windowWidth = 1600, windowHeight = 900;
    MapSettings map;
    std::vector<std::string> recent; ///< most recent first, at most 8
    std::string screenshotFolder = ".";
};

std::string settingsPath();
/// Reads settings; on any problem returns defaults and sets `warning`.
AppSettings loadAppSettings(const std::string& path, std::string& warning);
/// Writes atomically (core/output_file.h). False on failure, with `why` naming the file and the cause.
bool saveAppSettings(const AppSettings& s, const std::string& path, std::string& why);
void addRecent(AppSettings& s, const std::string& scenarioPath);

} // namespace buildout
