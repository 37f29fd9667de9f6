// Command-line options shared by `snapshot` and `render`: size, view, layers, labels, colouring.
#pragma once

#include "app/cli/cli_args.h"
#include "core/scenario.h"
#include "core/view/comparison_view.h"
#include "core/view/frame_spec.h"

#include <memory>
#include <optional>
#include <string>

namespace buildout {

struct ImageSize {
    int width = 1920;
    int height = 1080;
};

/// `WxH` with both in 16..16384. Throws UsageError.
ImageSize parseImageSize(const std::string& text);

/// Declares --layers, --no-labels, --color-by, --choropleth (read by applyMapOptions).
void declareMapOptions(CliArgs& args);
/// Declares --compare, --compare-mode, --swipe (read by parseCompareOptions).
void declareCompareOptions(CliArgs& args);

/// Applies `--layers a,b,c` (only these layer kinds are shown: basemap, datacenters, power_plants,
/// transmission, superclusters, zones), `--no-labels`, `--color-by`, `--choropleth`. Throws UsageError.
void applyMapOptions(const CliArgs& args, MapSettings& settings);

/// `--compare DIR [--compare-mode side|swipe|diff] [--swipe 0..1]`: a second scenario drawn with the
/// first. Nullopt without --compare. Throws UsageError.
struct CompareOptions {
    std::string path;
    ComparisonView view;
};
std::optional<CompareOptions> parseCompareOptions(const CliArgs& args);

/// Loads the comparison scenario; on failure prints its problems and a line saying that the comparison
/// scenario could not be loaded, and returns null.
std::shared_ptr<const Scenario> loadComparisonScenario(const std::string& path);

} // namespace buildout
