// Output files of exports and snapshots: the checks made before any work starts.
#pragma once

#include <string>

namespace buildout {

/// Checks that `path` can be created (its folder exists and is writable) before any work is done.
/// Throws std::runtime_error with a clear message.
void checkOutputPath(const std::string& path);

} // namespace buildout
