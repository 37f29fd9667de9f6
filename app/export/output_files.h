// Output files of exports and snapshots: the checks made before any work starts, and the check of the
// standard output when it is the output file.
#pragma once

#include <string>

namespace buildout {

/// Checks that `path` can be created (its folder exists and is writable) before any work is done.
/// Throws std::runtime_error with a clear message.
void checkOutputPath(const std::string& path);

/// Flushes std::cout and checks it: `buildout diff A B --json > out.json` onto a full disk must not exit
/// 0. False with `why` ("cannot write the standard output: No space left on device"). Files themselves
/// are written through core/output_file.h.
bool flushStandardOutput(std::string& why);

} // namespace buildout
