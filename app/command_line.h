// Command-line entry: dispatches `validate`, `info`, `snapshot` and the GUI, maps failures to exit codes.
#pragma once

namespace buildout {

/// Exit codes shared by every command.
enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

int runCommandLine(int argc, char** argv);

} // namespace buildout
