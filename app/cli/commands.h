// The subcommands behind `buildout COMMAND ...`. Each returns an ExitCode and throws UsageError for
// bad arguments.
#pragma once

#include <string>
#include <vector>

namespace buildout {

int runValidate(const std::vector<std::string>& args);
int runInfo(const std::vector<std::string>& args);
int runDiff(const std::vector<std::string>& args);
int runSnapshot(const std::vector<std::string>& args);
int runRender(const std::vector<std::string>& args);
int runImport(const std::vector<std::string>& args);

} // namespace buildout
