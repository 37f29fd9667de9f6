// Command-line options shared by `snapshot` and `render`: size, view, layers, labels, colouring.
#pragma once

#include "app/cli_args.h"
#include "render/map_renderer.h"

#include <string>

namespace buildout {

struct ImageSize {
    int width = 1920;
    int height = 1080;
};

/// `WxH` with both in 16..16384. Throws UsageError.
ImageSize parseImageSize(const std::string& text);

/// Applies `--layers a,b,c` (only these layer kinds are shown: basemap, datacenters, power_plants,
/// transmission, superclusters, zones), `--no-labels`, `--color-by`, `--choropleth`. Throws UsageError.
void applyMapOptions(const CliArgs& args, MapSettings& settings);

/// Checks that `path` can be created (its folder exists and is writable) before any work is done.
/// Throws std::runtime_error with a clear message.
void checkOutputPath(const std::string& path);

} // namespace buildout
