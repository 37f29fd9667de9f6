// scenario.json rules (spec "Layout"): required keys, format and version, unknown keys, dates, paths.
#include "core/manifest_reader.h"
#include "test_support.h"

#include <filesystem>

using namespace buildout;
using namespace buildout::test;

TEST_CASE("manifest: a manifest with only the required keys loads", "[manifest]") {
    const Loaded l = loadData("valid/minimal");
    REQUIRE_LOADED(l);
    CHECK(l.warnings() == 0);
    const Manifest& m = l.scenario().manifest;
    CHECK(m.id == "minimal");
    CHECK(m.title == "Only the required keys");
    CHECK(m.start == daysFromCivil(2025, 6, 1));
    CHECK(m.end == daysFromCivil(2026, 1, 1));
    CHECK(m.asOf == kNoDay);
    CHECK(m.basemap == "us-states"); // defaults
    CHECK(m.crs == "EPSG:5070");
    CHECK(m.metrics.empty());
    CHECK(l.scenario().datacenters.empty());
}

TEST_CASE("manifest: every required key missing is reported", "[manifest]") {
    const Loaded l = loadData("invalid/manifest_missing_keys");
    REQUIRE_REFUSED(l, 6);
    for (const char* key : {"format", "version", "id", "title", "time", "layers"})
        CHECK_ERROR(l, "scenario.json", 1, 0, "missing required key", std::string("\"") + key + "\"");
}

TEST_CASE("manifest: each required key alone is required", "[manifest]") {
    // Remove one required key at a time from a valid manifest; exactly that key is reported.
    const std::vector<std::pair<std::string, std::string>> lines = {
        {"format", "  \"format\": \"buildout-scenario\",\n"},
        {"version", "  \"version\": 1,\n"},
        {"id", "  \"id\": \"x\",\n"},
        {"title", "  \"title\": \"X\",\n"},
        {"time", "  \"time\": { \"start\": \"2024\", \"end\": \"2030\" },\n"},
        {"layers", "  \"layers\": [],\n"}};
    for (std::size_t skip = 0; skip < lines.size(); ++skip) {
        INFO("without " << lines[skip].first);
        std::string text = "{\n";
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (i != skip) text += lines[i].second;
        text += "  \"description\": \"d\"\n}\n";
        TempDir dir;
        dir.write("scenario.json", text);
        const Loaded l = loadDir(dir.str());
        REQUIRE_REFUSED(l, 1);
        CHECK_ERROR(l, "scenario.json", 1, 0, "missing required key \"" + lines[skip].first + "\"");
    }
}

TEST_CASE("manifest: format must be buildout-scenario, version 1, id non-empty", "[manifest]") {
    const Loaded l = loadData("invalid/manifest_format");
    REQUIRE_REFUSED(l, 3);
    CHECK_ERROR(l, "scenario.json", 2, 0, "\"format\" must be \"buildout-scenario\"", "buildout-scene");
    CHECK_ERROR(l, "scenario.json", 3, 0, "unsupported \"version\"", "\"1\"");
    CHECK_ERROR(l, "scenario.json", 4, 0, "\"id\" must not be empty");

    const Loaded v = loadData("invalid/manifest_version");
    REQUIRE_REFUSED(v, 1);
    CHECK_ERROR(v, "scenario.json", 3, 0, "unsupported \"version\" 2", "version 1");
}

TEST_CASE("manifest: unknown keys are warnings, not errors", "[manifest]") {
    const Loaded l = loadData("valid/unknown_keys");
    REQUIRE_LOADED(l);
    CHECK(l.warnings() == 4);
    CHECK_WARNING(l, "scenario.json", 5, 0, "unknown key \"colour\"", "manifest");
    CHECK_WARNING(l, "scenario.json", 7, 0, "unknown key \"step\"", "\"time\"");
    CHECK_WARNING(l, "scenario.json", 8, 0, "unknown key \"zoom\"", "\"map\"");
    CHECK_WARNING(l, "scenario.json", 10, 0, "unknown key \"format\"", "layer");
    CHECK(l.scenario().datacenters.size() == 1);

    // The passing side: the hand scenario uses only known keys.
    const Loaded hand = loadData("valid/hand");
    REQUIRE_LOADED(hand);
    CHECK(hand.warnings() == 0);
}

TEST_CASE("manifest: dates are strict", "[manifest][dates]") {
    const Loaded l = loadData("invalid/manifest_dates");
    REQUIRE_REFUSED(l, 4);
    CHECK_ERROR(l, "scenario.json", 6, 0, "bad date \" 2026\"", "as_of");
    CHECK_ERROR(l, "scenario.json", 8, 0, "bad date \"2027-13\"", "start", "month");
    CHECK_ERROR(l, "scenario.json", 9, 0, "bad date \"2030-02-30\"", "end", "day");
    CHECK_ERROR(l, "scenario.json", 13, 0, "bad date \"27\"", "date");

    const Loaded hand = loadData("valid/hand");
    REQUIRE_LOADED(hand);
    const Manifest& m = hand.scenario().manifest;
    CHECK(m.start == daysFromCivil(2024, 1, 1));   // "2024"
    CHECK(m.end == daysFromCivil(2030, 12, 31));   // "2030-12-31"
    CHECK(m.asOf == daysFromCivil(2026, 1, 1));    // "2026-01-01"
    REQUIRE(m.events.size() == 1);
    CHECK(m.events[0].date == daysFromCivil(2026, 6, 1)); // "2026-06"
    CHECK(m.events[0].line == 24);
    CHECK(m.events[0].focus == std::vector<std::string>{"alpha"});
}

TEST_CASE("manifest: time.end before time.start is an error", "[manifest]") {
    const Loaded l = loadData("invalid/time_order");
    REQUIRE_REFUSED(l, 1);
    CHECK_ERROR(l, "scenario.json", 6, 0, "\"time.end\" is before \"time.start\"");
}

TEST_CASE("manifest: metric interpolation is step or linear, any case", "[manifest]") {
    const Loaded l = loadData("invalid/metric_interpolation");
    REQUIRE_REFUSED(l, 1);
    CHECK_ERROR(l, "scenario.json", 10, 0, "interpolation must be \"step\" or \"linear\"", "cubic");

    const Loaded hand = loadData("valid/hand");
    REQUIRE_LOADED(hand);
    const Manifest& m = hand.scenario().manifest;
    REQUIRE(m.metric("capacity_mw"));
    CHECK(m.metric("capacity_mw")->interpolation == Interpolation::Step);
    CHECK(m.metric("capacity_mw")->unit == "MW");
    REQUIRE(m.metric("compute"));
    CHECK(m.metric("compute")->interpolation == Interpolation::Linear);
    CHECK(m.metric("nope") == nullptr);
}

TEST_CASE("manifest: layer paths must stay inside the scenario folder", "[manifest][paths]") {
    const Loaded l = loadData("invalid/path_escape");
    REQUIRE_REFUSED(l, 6);
    CHECK_ERROR(l, "scenario.json", 7, 0, "'../regions.geojson'", "leaves the scenario folder");
    CHECK_ERROR(l, "scenario.json", 9, 0, "'../valid/hand/datacenters.csv'", "leaves the scenario folder");
    CHECK_ERROR(l, "scenario.json", 10, 0, "'/etc/hostname'", "must be relative");
    CHECK_ERROR(l, "scenario.json", 11, 0, "'sub/../../x.csv'", "leaves the scenario folder");
    CHECK_ERROR(l, "scenario.json", 12, 0, "empty file path");
    CHECK_ERROR(l, "scenario.json", 13, 0, "'../x.csv'", "leaves the scenario folder");
}

TEST_CASE("manifest: a symlink pointing out of the folder is refused", "[manifest][paths]") {
    TempDir dir;
    dir.write("scenario.json", manifestText({{"datacenters", "link.csv"}}));
    std::error_code ec;
    std::filesystem::create_symlink(dataPath("valid/hand/datacenters.csv"), dir.path() / "link.csv", ec);
    if (ec) {
        WARN("cannot create a symlink here, skipped: " << ec.message());
        SUCCEED();
        return;
    }
    const Loaded l = loadDir(dir.str());
    REQUIRE_REFUSED(l, 1);
    CHECK_ERROR(l, "scenario.json", 8, 0, "'link.csv'", "leaves the scenario folder");
}

TEST_CASE("manifest: a missing layer file is an error at its manifest line", "[manifest][paths]") {
    const Loaded l = loadData("invalid/missing_layer");
    REQUIRE_REFUSED(l, 1);
    CHECK_ERROR(l, "scenario.json", 9, 0, "layer file 'no_such_file.csv' not found");

    // A folder where the file should be is not a layer file either.
    TempDir dir;
    dir.write("scenario.json", manifestText({{"datacenters", "dc.csv"}}));
    std::filesystem::create_directory(dir.path() / "dc.csv");
    const Loaded d = loadDir(dir.str());
    REQUIRE_REFUSED(d, 1);
    CHECK_ERROR(d, "scenario.json", 8, 0, "layer file 'dc.csv' is not a regular file");
}

TEST_CASE("manifest: unknown layer kind and wrong types", "[manifest]") {
    TempDir dir;
    dir.write("scenario.json", "{\n"
                               "  \"format\": \"buildout-scenario\",\n"
                               "  \"version\": 1,\n"
                               "  \"id\": 7,\n"
                               "  \"title\": \"T\",\n"
                               "  \"time\": \"2024\",\n"
                               "  \"events\": {},\n"
                               "  \"layers\": [\n"
                               "    { \"kind\": \"pipelines\", \"file\": \"p.csv\" },\n"
                               "    \"datacenters.csv\",\n"
                               "    { \"kind\": \"datacenters\" }\n"
                               "  ]\n"
                               "}\n");
    const Loaded l = loadDir(dir.str());
    REQUIRE_REFUSED(l, 6);
    CHECK_ERROR(l, "scenario.json", 4, 0, "\"id\" must be a string");
    CHECK_ERROR(l, "scenario.json", 6, 0, "\"time\" must be an object");
    CHECK_ERROR(l, "scenario.json", 7, 0, "\"events\" must be an array");
    CHECK_ERROR(l, "scenario.json", 9, 0, "unknown layer kind \"pipelines\"");
    CHECK_ERROR(l, "scenario.json", 10, 0, "a layer must be an object");
    CHECK_ERROR(l, "scenario.json", 11, 0, "missing required key \"file\"");
}

TEST_CASE("manifest: the folder and the manifest must exist", "[manifest][paths]") {
    TempDir dir;
    const Loaded none = loadDir((dir.path() / "nope").string());
    REQUIRE_REFUSED(none, 1);
    CHECK_ERROR(none, "", 0, 0, "no such scenario folder");

    const Loaded empty = loadDir(dir.str());
    REQUIRE_REFUSED(empty, 1);
    CHECK_ERROR(empty, "scenario.json", 0, 0, "missing manifest");

    // The path of a scenario.json is accepted as well as its folder.
    const Loaded byFile = loadDir(dataPath("valid/hand/scenario.json"));
    REQUIRE_LOADED(byFile);
    CHECK(byFile.scenario().manifest.id == "hand");
}

TEST_CASE("readManifest: resolves layers inside the folder and keeps their lines", "[manifest]") {
    Diagnostics diag;
    const std::string text = manifestText({{"datacenters", "a.csv"}, {"Series", "sub/b.csv"}});
    const ManifestReadResult r = readManifest(text, "scenario.json", "/tmp/scn", diag);
    INFO(diag.errorCount());
    REQUIRE(r.ok);
    REQUIRE(r.layers.size() == 2);
    CHECK(r.layers[0].kind == LayerKind::Datacenters);
    CHECK(r.layers[0].file == "a.csv");
    CHECK(r.layers[0].line == 8);
    CHECK(r.layers[1].kind == LayerKind::Series); // kinds are case-insensitive
    CHECK(r.layers[1].line == 9);
    CHECK(std::filesystem::path(r.layers[1].resolved).is_absolute());
    CHECK(r.layers[1].resolved.find("sub/b.csv") != std::string::npos);
    CHECK(std::string(layerKindName(LayerKind::PowerPlants)) == "power_plants");
}
