// Top-level dispatch and exit-code mapping.
#include "app/cli/command_line.h"

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace buildout {

namespace {

void printUsage(std::ostream& o) {
    o << "usage: buildout [SCENARIO_DIR] [--present]      open the app (default: data/scenarios/us-announced)\n"
         "       buildout validate DIR...                  check scenarios against the format\n"
         "       buildout info DIR --at DATE [--json]      figures at a date\n"
         "       buildout diff A B --at DATE [--json]      what B adds, removes and changes relative to A\n"
         "       buildout snapshot DIR --at DATE --size WxH --out FILE.png\n"
         "                [--view NAME] [--layers LIST] [--no-labels]\n"
         "       buildout render DIR --out FILE.mp4|FILE.mov|FILE.gif|FILE.webp|FOLDER\n"
         "                [--from DATE --to DATE] [--duration S]\n"
         "                [--fps N] [--size WxH | --preset 720p|1080p|4k] [--tour TOUR.json] [--view NAME]\n"
         "                [--layers LIST] [--overlay title,date,figures,legend,captions,sources|all|none]\n"
         "                [--quality draft|high] [--manifest FILE.json]   video export (docs/export.md)\n"
         "       buildout render --jobs JOBS.json [--job-index N] [--out DIR]  (docs/deploy.md)\n"
         "       buildout A --compare B [--compare-mode side|swipe|diff]   open the app comparing B with A;\n"
         "                snapshot and render take the same options (and --swipe 0..1) (docs/comparison.md)\n";
}

} // namespace

int runCommandLine(int argc, char** argv, OpenAppFn openApp) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::string cmd = args.empty() ? std::string() : args[0];
    try {
        if (cmd == "-h" || cmd == "--help" || cmd == "help") {
            printUsage(std::cout);
            return kExitOk;
        }
        const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
        if (cmd == "validate") return runValidate(rest);
        if (cmd == "info") return runInfo(rest);
        if (cmd == "diff") return runDiff(rest);
        if (cmd == "snapshot") return runSnapshot(rest);
        if (cmd == "render") return runRender(rest);
        return openApp(args);
    } catch (const UsageError& e) {
        std::cerr << "buildout: " << e.what() << "\n";
        printUsage(std::cerr);
        return kExitUsage;
    } catch (const std::exception& e) {
        // Tests can set BUILDOUT_NO_CATCH to see the original exception in a debugger.
        if (std::getenv("BUILDOUT_NO_CATCH")) throw;
        std::cerr << "buildout: error: " << e.what() << "\n";
        return kExitFailure;
    }
}

} // namespace buildout
