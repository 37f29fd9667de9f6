// The app's options and the top-level help text.
#include "app/cli/app_options.h"

namespace buildout {

void declareAppOptions(CliArgs& args) {
    args.positionals("DIR", "the scenario folder to open (default: data/scenarios/us-announced)")
        .text("at", "DATE", "start at this date: YYYY, YYYY-MM or YYYY-MM-DD")
        .flag("present", "start in presentation mode (full screen)")
        .flag("presenter-view", "open the presenter view (notes, timers, next beat) in a second window; F6")
        .integer("monitor", 0, 64, "the monitor for presentation mode", "0")
        .text("compare", "DIR", "compare a second scenario with the first (docs/comparison.md)")
        .text("compare-mode", "side|swipe|diff", "how the comparison is drawn",
              "side") // checked by parseGuiOptions
        .flag("demo", "play the scenario's tour in a loop")
        .text("screenshot", "FILE.png", "write a screenshot of the first frames and quit (tests)")
        .integer("frames", 0, 1000000, "quit after this many frames (tests; 0: run until closed)", "0")
        .text("smoke-test", "FILE", "run a scripted smoke test and write its report (tests)")
        .text("soak-drive", "DIR", "drive a scripted soak cycle against a second scenario (bench/soak.sh)");
}

std::unique_ptr<CliArgs> makeAppArgs() {
    auto args = std::make_unique<CliArgs>(
        "",
        "buildout [DIR] [OPTIONS]                  open the app\n"
        "       buildout validate DIR...                  check scenarios against the format\n"
        "       buildout info DIR --at DATE [--json]      figures at a date\n"
        "       buildout diff A B --at DATE [--json]      what B adds, removes and changes relative to A\n"
        "       buildout snapshot DIR --at DATE --out FILE.png [OPTIONS]   one frame as a PNG\n"
        "       buildout render DIR --out FILE.mp4|FILE.mov|FOLDER [OPTIONS]   video export\n"
        "       buildout import TABLE --kind KIND --out DIR [OPTIONS]   a table of your own into a scenario\n"
        "       buildout COMMAND --help                   the options of a command\n"
        "       buildout --version",
        "Buildout animates the build-out of datacenters, power plants and transmission over time on a map.\n"
        "Commands: validate, info, diff, snapshot, render, import (run `buildout COMMAND --help`).\n"
        "Without a command it opens the app, with these options:");
    declareAppOptions(*args);
    args->example("buildout data/scenarios/us-announced --at 2030", "open a scenario at 2030")
        .example("buildout data/scenarios/us-announced --compare data/scenarios/us-high",
                 "compare two scenarios")
        .example("buildout data/scenarios/us-announced --present --presenter-view",
                 "present, with speaker notes on a second screen")
        .example("buildout validate data/scenarios/*", "check every scenario")
        .example("buildout import sites.xlsx --kind datacenters --out my-scenario", "import a spreadsheet");
    return args;
}

} // namespace buildout
