// The options of the app itself (`buildout [DIR] [OPTIONS]`), declared here so that `buildout --help` and
// the man page list them without linking the GUI; app/gui reads them with the same declarations.
#pragma once

#include "app/cli/cli_args.h"

namespace buildout {

/// Declares the app's positional DIR and every option of the window (one line each).
void declareAppOptions(CliArgs& args);

/// A CliArgs for the app with its usage text and the list of commands (the top-level help).
std::unique_ptr<CliArgs> makeAppArgs();

} // namespace buildout
