// `buildout info DIR --at DATE [--json]`: what the scenario holds at a date.
#include "app/cli/cli_args.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/export/output_files.h"
#include "core/scenario_loader.h"
#include "core/summary.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace buildout {

int runInfo(const std::vector<std::string>& argv) {
    CliArgs args(argv, {"at"}, {"json"});
    if (args.positional().size() != 1) throw UsageError("info needs exactly one scenario folder");
    const auto at = args.value("at");
    if (!at) throw UsageError("info needs --at DATE (YYYY, YYYY-MM or YYYY-MM-DD)");
    std::string why;
    const auto date = parseDate(*at, &why);
    if (!date) throw UsageError("bad --at date '" + *at + "': " + why);

    LoadResult r = loadScenario(args.positional()[0]);
    if (!r.scenario) {
        for (const Diagnostic& d : r.diagnostics.items()) std::cerr << formatDiagnostic(d) << "\n";
        return kExitFailure;
    }
    const Summary sum = summarize(*r.scenario, date->day);
    if (args.flag("json")) std::cout << summaryToJson(sum).dump(2) << "\n";
    else std::cout << summaryToText(sum, *r.scenario);
    if (!flushStandardOutput(why)) {
        std::cerr << "buildout: error: " << why << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

} // namespace buildout
