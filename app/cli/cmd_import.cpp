// `buildout import TABLE --kind KIND --out DIR [--map FIELD=column ...] [--status-map WORD=status ...]
// [--attribution TEXT]`: an analyst's table into a scenario layer (core/import; docs/importing.md).
#include "app/cli/cli_args.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "core/import/import_table.h"

#include <iostream>
#include <set>

namespace buildout {

namespace {

/// `A=B` pairs of a repeatable option; `normalizeKey` for --status-map words.
std::map<std::string, std::string> pairs(const CliArgs& args, const std::string& name, bool normalizeKey) {
    std::map<std::string, std::string> out;
    for (const std::string& v : args.values(name)) {
        const auto eq = v.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == v.size())
            throw UsageError("--" + name + " takes NAME=VALUE, not '" + v + "'");
        out[normalizeKey ? normalizeWord(v.substr(0, eq)) : v.substr(0, eq)] = v.substr(eq + 1);
    }
    return out;
}

void printList(const char* title, const std::vector<std::string>& items) {
    std::cout << title << (items.empty() ? " none" : "") << "\n";
    for (const auto& i : items)
        std::cout << "  " << i << "\n";
}

} // namespace

int runImport(const std::vector<std::string>& argv) {
    CliArgs args(
        "import", "buildout import TABLE --kind KIND --out DIR [OPTIONS]",
        "Turns a table of your own (CSV, XLSX, GeoJSON, GeoPackage, Shapefile: whatever GDAL reads) into "
        "a scenario layer. Columns such as Latitude, MW or 'Online Year' are detected; a second import into "
        "the same folder adds a layer. See docs/importing.md.");
    args.positionals("TABLE", "the table to read")
        .choice("kind", {"datacenters", "power_plants", "transmission"}, "what the rows are")
        .text("out", "DIR", "the scenario folder: created, or a layer added to it")
        .list("map", "FIELD=column", "read FIELD (e.g. capacity_mw, online, lat) from this column")
        .list("status-map", "WORD=status",
              "read this status word as announced|permitted|construction|operating|retired|cancelled")
        .text("attribution", "TEXT", "credit for the data, recorded in the manifest")
        .example("buildout import sites.xlsx --kind datacenters --out my-scenario", "detect every column")
        .example(
            "buildout import plants.csv --kind power_plants --out my-scenario --map capacity_mw='Net MW' "
            "--status-map 'In Queue=announced'",
            "name a column and a status word it cannot guess");
    args.parse(argv);
    if (args.positional().size() != 1) throw UsageError("import needs exactly one table");
    const auto kind = args.value("kind");
    if (!kind) throw UsageError("import needs --kind datacenters|power_plants|transmission");
    const auto out = args.value("out");
    if (!out || out->empty()) throw UsageError("import needs --out DIR");

    ImportOptions o;
    o.table = args.positional()[0];
    o.kind = *parseImportKind(*kind);
    o.outDir = *out;
    o.columnMap = pairs(args, "map", false);
    o.statusMap = pairs(args, "status-map", true);
    static const std::set<std::string> kStatuses = {"announced", "permitted", "construction",
                                                    "operating", "retired",   "cancelled"};
    for (const auto& [word, status] : o.statusMap)
        if (!kStatuses.count(status))
            throw UsageError(
                "--status-map " + word + "=" + status +
                ": the status must be announced, permitted, construction, operating, retired or cancelled");
    o.attribution = args.value("attribution").value_or("");

    ImportReport r;
    try {
        r = importTable(o);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    } catch (const std::runtime_error& e) {
        std::cerr << e.what() << "\n"; // already FILE: error: ...
        return kExitFailure;
    }
    printList("mapped:", r.mapped);
    printList("kept as attributes:", r.extras);
    printList("not used:", r.unused);
    for (const auto& p : r.problems)
        std::cout << p << "\n";
    std::cout << "statuses:";
    for (const auto& [status, n] : r.statuses)
        std::cout << " " << (status.empty() ? "(none)" : status) << " " << n;
    std::cout << "\n";
    if (r.layerFile.empty()) {
        std::cerr << o.table << ": error: none of its " << r.rows
                  << " rows could be imported; nothing written\n";
        return kExitFailure;
    }
    std::cout << (r.createdFolder ? "created " : "added to ") << o.outDir << ": " << r.layerFile << " ("
              << importKindName(o.kind) << ", " << r.imported << " of " << r.rows << " rows; " << r.skipped
              << " skipped)\n";
    return kExitOk;
}

} // namespace buildout
