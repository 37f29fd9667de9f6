// Top-level dispatch and exit-code mapping.
#include "app/cli/command_line.h"

#include "app/cli/app_options.h"
#include "app/cli/cli_args.h"
#include "app/cli/commands.h"

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#ifndef BUILDOUT_VERSION
#error "BUILDOUT_VERSION must be defined (app/CMakeLists.txt, from project())"
#endif

namespace buildout {

namespace {

/// The command's line of the top-level usage text ("buildout snapshot DIR --at DATE ..."), without the
/// description that follows it, so a usage error shows the command's real synopsis.
std::string commandUsage(const std::string& topLevelUsage, const std::string& cmd) {
    std::istringstream lines(topLevelUsage);
    for (std::string line; std::getline(lines, line);) {
        const std::size_t start = line.find("buildout " + cmd + " ");
        if (start == std::string::npos) continue;
        std::string synopsis = line.substr(start);
        const std::size_t gap = synopsis.find("   "); // the description is set off by 3+ spaces
        if (gap != std::string::npos) synopsis.resize(gap);
        return synopsis + "\n       (all options: buildout " + cmd + " --help)";
    }
    return "buildout " + cmd + " ... (see `buildout " + cmd + " --help`)";
}

} // namespace

int runCommandLine(int argc, char** argv, OpenAppFn openApp) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::string cmd = args.empty() ? std::string() : args[0];
    // Which usage line a usage error is followed by: the command's, or the top-level one.
    std::string usage = makeAppArgs()->usage();
    try {
        if (cmd == "-h" || cmd == "--help" || cmd == "help") {
            std::cout << makeAppArgs()->help();
            return kExitOk;
        }
        if (cmd == "--version" || cmd == "-V") {
            std::cout << "buildout " << BUILDOUT_VERSION << "\n";
            return kExitOk;
        }
        const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
        using Run = int (*)(const std::vector<std::string>&);
        const std::pair<const char*, Run> commands[] = {{"validate", runValidate}, {"info", runInfo},
                                                        {"diff", runDiff},         {"snapshot", runSnapshot},
                                                        {"render", runRender},     {"import", runImport}};
        for (const auto& [name, run] : commands)
            if (cmd == name) {
                usage = commandUsage(usage, cmd);
                return run(rest);
            }
        return openApp(args);
    } catch (const HelpShown&) {
        return kExitOk;
    } catch (const UsageError& e) {
        std::cerr << "buildout: " << e.what() << "\nusage: " << usage << "\n";
        return kExitUsage;
    } catch (const std::exception& e) {
        // Tests can set BUILDOUT_NO_CATCH to see the original exception in a debugger.
        if (std::getenv("BUILDOUT_NO_CATCH")) throw;
        std::cerr << "buildout: error: " << e.what() << "\n";
        return kExitFailure;
    }
}

} // namespace buildout
