// `buildout validate DIR...`: every problem as FILE:LINE[:COL], then one summary line per scenario.
#include "app/cli/cli_args.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "core/scenario_loader.h"

#include <cstdio>
#include <iostream>

namespace buildout {

int runValidate(const std::vector<std::string>& argv) {
    CliArgs args("validate", "buildout validate DIR... [--quiet]",
                 "Checks scenario folders against the scenario format and prints every problem as FILE:LINE.");
    args.positionals("DIR", "scenario folders to check")
        .flag("quiet", "accepted for scripts; the output is already one line per problem")
        .example("buildout validate data/scenarios/us-announced", "check one scenario");
    args.parse(argv);
    if (args.positional().empty()) throw UsageError("validate needs at least one scenario folder");
    bool anyError = false;
    for (const std::string& dir : args.positional()) {
        LoadResult r = loadScenario(dir);
        for (const Diagnostic& d : r.diagnostics.items()) std::cout << formatDiagnostic(d) << "\n";
        const auto errors = r.diagnostics.errorCount(), warnings = r.diagnostics.warningCount();
        if (!r.scenario) {
            anyError = true;
            std::cout << dir << ": INVALID (" << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings
                      << " warning" << (warnings == 1 ? "" : "s") << ")\n";
            continue;
        }
        const Scenario& s = *r.scenario;
        std::size_t samples = 0;
        for (const auto& ser : s.series) samples += ser.samples.size();
        std::cout << dir << ": valid '" << s.manifest.id << "' " << formatDate(s.manifest.start) << " to "
                  << formatDate(s.manifest.end) << ": " << s.datacenters.size() << " datacenters, "
                  << s.powerPlants.size() << " power_plants, " << s.lines.size() << " transmission, "
                  << s.superclusters.size() << " superclusters, " << s.zones.size() << " zones, " << s.series.size()
                  << " series (" << samples << " samples), " << s.manifest.events.size() << " events; " << warnings
                  << " warning" << (warnings == 1 ? "" : "s") << "\n";
    }
    std::cout.flush();
    return anyError ? kExitFailure : kExitOk;
}

} // namespace buildout
