// Where the program finds its read-only assets (basemaps, shaders, fonts) and bundled scenarios.
#pragma once

#include <string>

namespace buildout {

/// The assets/ folder: $BUILDOUT_ASSETS_DIR if set, else ../share/buildout/assets next to the
/// executable (an installed copy), else the source tree's assets/ (build-tree use).
std::string assetsDirectory();
/// The data/ folder with bundled scenarios, found the same way ($BUILDOUT_DATA_DIR).
std::string dataDirectory();

} // namespace buildout
