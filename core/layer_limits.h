// Bounds on what one layer file may cost, so that a hostile or mistaken file (a 2 GB CSV, ten million
// rows) is refused with a message before it can exhaust memory (docs/security.md).
#pragma once

#include <cstddef>

namespace buildout {

struct LayerLimits {
    /// Largest layer file read, in bytes: its bytes are held in memory while it is parsed. 512 MiB is
    /// 14 times the largest real layer (36 MB) and leaves room on an 8 GB machine.
    std::size_t maxBytes = std::size_t{512} << 20;
    /// Most rows (CSV records, GeoJSON features) one layer file may hold. Each row costs a few hundred
    /// bytes once loaded, so 2,000,000 rows stay under about 1 GB.
    std::size_t maxRows = 2'000'000;
};

/// The default limits, each overridden by a positive integer in BUILDOUT_MAX_LAYER_BYTES or
/// BUILDOUT_MAX_LAYER_ROWS (anything else in them is ignored). Read once per load, by the loader.
LayerLimits layerLimitsFromEnvironment();

} // namespace buildout
