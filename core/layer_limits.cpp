// Layer limits from the environment (see layer_limits.h).
#include "layer_limits.h"

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace buildout {

namespace {

/// `name`'s value as a positive integer, else `fallback`.
std::size_t positiveFromEnv(const char* name, std::size_t fallback) {
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    std::size_t out = 0;
    const char* end = v + std::strlen(v);
    const auto [ptr, ec] = std::from_chars(v, end, out);
    return ec == std::errc() && ptr == end && out > 0 ? out : fallback;
}

} // namespace

LayerLimits layerLimitsFromEnvironment() {
    LayerLimits l;
    l.maxBytes = positiveFromEnv("BUILDOUT_MAX_LAYER_BYTES", l.maxBytes);
    l.maxRows = positiveFromEnv("BUILDOUT_MAX_LAYER_ROWS", l.maxRows);
    return l;
}

} // namespace buildout
