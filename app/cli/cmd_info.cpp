// `buildout info DIR --at DATE [--json]`: what the scenario holds at a date.
#include "app/cli/cli_args.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/export/output_files.h"
#include "core/balance_report.h"
#include "core/scenario_loader.h"
#include "core/summary.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace buildout {

namespace {

/// The summary's JSON with the power balance per region group added as `balance`.
nlohmann::json infoJson(const Summary& sum, const Scenario& s, TimeDays t) {
    nlohmann::json j = summaryToJson(sum);
    j["balance"] = balanceToJson(balanceAt(s, t));
    return j;
}

/// The summary's text followed by the balance table.
std::string infoText(const Summary& sum, const Scenario& s, TimeDays t) {
    return summaryToText(sum, s) + "\n" + balanceToText(balanceAt(s, t), s, t);
}

} // namespace

int runInfo(const std::vector<std::string>& argv) {
    CliArgs args("info", "buildout info DIR --at DATE [--json]", "Prints what a scenario holds at a date.");
    args.positionals("DIR", "the scenario folder")
        .text("at", "DATE", "the date: YYYY, YYYY-MM or YYYY-MM-DD")
        .flag("json", "print JSON instead of text")
        .example("buildout info data/scenarios/us-announced --at 2030", "figures at the start of 2030");
    args.parse(argv);
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
    const auto t = static_cast<TimeDays>(date->day);
    if (args.flag("json")) std::cout << infoJson(sum, *r.scenario, t).dump(2) << "\n";
    else std::cout << infoText(sum, *r.scenario, t);
    if (!flushStandardOutput(why)) {
        std::cerr << "buildout: error: " << why << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

} // namespace buildout
