// `buildout diff A B --at DATE [--json]`: added, removed and changed assets and the totals' differences
// (datacenter totals are facility power, core/capacity_basis.h; the text says so, the JSON keys are
// unchanged).
#include "app/cli/cli_args.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/export/output_files.h"
#include "core/diff.h"
#include "core/scenario_loader.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace buildout {

int runDiff(const std::vector<std::string>& argv) {
    CliArgs args("diff", "buildout diff A B --at DATE [--json]",
                 "Prints what scenario B adds, removes and changes relative to A at a date.");
    args.positionals("A B", "the two scenario folders")
        .text("at", "DATE", "the date: YYYY, YYYY-MM or YYYY-MM-DD")
        .flag("json", "print JSON instead of text")
        .example("buildout diff data/scenarios/us-announced data/scenarios/us-high --at 2030", "compare two scenarios");
    args.parse(argv);
    if (args.positional().size() != 2) throw UsageError("diff needs two scenario folders: A B");
    const auto at = args.value("at");
    if (!at) throw UsageError("diff needs --at DATE");
    std::string why;
    const auto date = parseDate(*at, &why);
    if (!date) throw UsageError("bad --at date '" + *at + "': " + why);
    LoadResult a = loadScenario(args.positional()[0]);
    LoadResult b = loadScenario(args.positional()[1]);
    for (const LoadResult* r : {&a, &b})
        if (!r->scenario)
            for (const Diagnostic& d : r->diagnostics.items()) std::cerr << formatDiagnostic(d) << "\n";
    if (!a.scenario || !b.scenario) return kExitFailure;
    const ScenarioDiff d = diffScenarios(*a.scenario, *b.scenario, date->day);
    if (args.flag("json")) std::cout << diffToJson(d).dump(2) << "\n";
    else std::cout << diffToText(d);
    if (!flushStandardOutput(why)) {
        std::cerr << "buildout: error: " << why << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

} // namespace buildout
