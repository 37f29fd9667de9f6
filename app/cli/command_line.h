// Command-line entry: dispatches `validate`, `info`, `snapshot` and the GUI, maps failures to exit codes.
#pragma once

#include <string>
#include <vector>

namespace buildout {

/// Exit codes shared by every command.
enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

/// The app's entry (app/gui): called with every argument when the first is not a headless command. The
/// CLI library does not link the GUI, so `validate`, `info`, `diff`, `snapshot` and `render` start
/// without GLFW, ImGui or an X display.
using OpenAppFn = int (*)(const std::vector<std::string>& args);

/// Runs `buildout ARGS...`: a headless command, or `openApp` for anything else. Maps exceptions to
/// exit codes (usage errors: 2, failures: 1).
int runCommandLine(int argc, char** argv, OpenAppFn openApp);

} // namespace buildout
