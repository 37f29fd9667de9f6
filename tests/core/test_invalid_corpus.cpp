// The malformed-input corpus: every tests/data/invalid/<case>/ with an expected.txt is loaded, and its
// diagnostics must be exactly those lines (FILE:LINE[:COL]: error|warning: MESSAGE, FILE relative to the
// case folder, in the order reported). Cases the repository cannot hold (symlinks, huge files) are built
// at run time below.
#include "core/layer_limits.h"
#include "core/table_reader.h"
#include "test_support.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace buildout;
using namespace buildout::test;
namespace fs = std::filesystem;

namespace {

/// The diagnostics of `l` as lines, with the case folder's prefix taken off each file name.
std::vector<std::string> relativeLines(const Loaded& l) {
    const std::string prefix = fs::path(l.dir).lexically_normal().string() + "/";
    std::vector<std::string> out;
    for (const Diagnostic& d : l.result.diagnostics.items()) {
        Diagnostic rel = d;
        const std::string file = fs::path(d.file).lexically_normal().string();
        if (file.rfind(prefix, 0) == 0) rel.file = file.substr(prefix.size());
        out.push_back(formatDiagnostic(rel));
    }
    return out;
}

/// expected.txt without blank lines and `#` comments.
std::vector<std::string> expectedLines(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') out.push_back(line);
    return out;
}

std::string joined(const std::vector<std::string>& lines) {
    std::ostringstream o;
    for (const auto& l : lines) o << l << "\n";
    return o.str();
}

/// Sets an environment variable for one scope.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
    ~ScopedEnv() { ::unsetenv(name_); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
};

} // namespace

TEST_CASE("invalid corpus: every case reports exactly its expected diagnostics", "[corpus]") {
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(dataPath("invalid")))
        if (fs::exists(entry.path() / "expected.txt")) cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    CHECK(cases.size() >= 60);
    for (const fs::path& dir : cases) {
        DYNAMIC_SECTION(dir.filename().string()) {
            const Loaded l = loadDir(dir.string());
            const std::vector<std::string> want = expectedLines(dir / "expected.txt");
            REQUIRE_FALSE(want.empty());
            const std::vector<std::string> got = relativeLines(l);
            INFO("expected:\n" << joined(want) << "got:\n" << joined(got));
            CHECK(got == want);
            CHECK_FALSE(l.ok()); // every case holds at least one error
        }
    }
}

TEST_CASE("invalid corpus: symlinks that point outside the folder are refused", "[corpus]") {
    TempDir dir;
    dir.write("outside/dc.csv", "id,lat,lon\na,32,-99\n");
    dir.write("outside/map.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}\n");
    const fs::path scen = dir.path() / "scenario";
    fs::create_directories(scen);
    fs::create_symlink(dir.path() / "outside/dc.csv", scen / "dc.csv");             // absolute target
    fs::create_symlink("../outside", scen / "sub");                                   // a folder link
    fs::create_symlink("loop_b.csv", scen / "loop_a.csv");                            // a cycle of links
    fs::create_symlink("loop_a.csv", scen / "loop_b.csv");
    fs::create_symlink("../outside/map.geojson", scen / "map.geojson");
    dir.write("scenario/scenario.json",
              manifestText({{"datacenters", "dc.csv"}, {"datacenters", "sub/dc.csv"}, {"datacenters", "loop_a.csv"}},
                           "  \"map\": { \"basemap\": \"map.geojson\" },\n"));
    const Loaded l = loadDir(scen.string());
    INFO(l.report());
    CHECK_FALSE(l.ok());
    CHECK_ERROR(l, "scenario.json", 7, 0, "file path 'map.geojson' leaves the scenario folder");
    CHECK_ERROR(l, "scenario.json", 9, 0, "file path 'dc.csv' leaves the scenario folder");
    CHECK_ERROR(l, "scenario.json", 10, 0, "file path 'sub/dc.csv' leaves the scenario folder");
    CHECK(l.has(Severity::Error, "scenario.json", 11, 0, {"loop_a.csv"}));
    CHECK(l.errors() == 4);
}

TEST_CASE("resource bounds: a layer file over the byte limit is refused before it is read", "[corpus][limits]") {
    TempDir dir;
    dir.write("scenario.json", manifestText({{"datacenters", "dc.csv"}}));
    // A sparse 2 GB file: no disk blocks, but its size is what a 2 GB layer would have.
    dir.write("dc.csv", "id,lat,lon\n");
    fs::resize_file(dir.path() / "dc.csv", 2'000'000'000ULL);
    const Loaded l = loadDir(dir.str());
    REQUIRE_FALSE(l.ok());
    CHECK(l.errors() == 1);
    CHECK_ERROR(l, "dc.csv", 1, 0, "file too large (2000000000 bytes; limit 536870912 bytes per layer file");

    // The limit is configurable; a lowered one refuses a small file the same way.
    ScopedEnv env("BUILDOUT_MAX_LAYER_BYTES", "16");
    dir.write("dc.csv", "id,lat,lon\na,32,-99\n");
    const Loaded small = loadDir(dir.str());
    CHECK_ERROR(small, "dc.csv", 1, 0, "file too large (20 bytes; limit 16 bytes");
}

TEST_CASE("resource bounds: a layer file over the row limit is refused at the first row too many",
          "[corpus][limits]") {
    TempDir dir;
    dir.write("scenario.json", manifestText({{"datacenters", "dc.csv"}, {"zones", "z.geojson"}}));
    // The third record starts on line 5: the quoted name spans lines 3-4.
    dir.write("dc.csv", "id,name,lat,lon\na,x,32,-99\nb,\"two\nlines\",32,-99\nc,x,32,-99\n");
    const std::string feature =
        "{\"type\":\"Feature\",\"properties\":{\"id\":\"z%\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[-84,35],[-83,35],[-83,36],[-84,35]]]}}";
    std::string geo = "{\"type\":\"FeatureCollection\",\"features\":[\n";
    for (char c : std::string("123")) {
        std::string f = feature;
        f.replace(f.find('%'), 1, 1, c);
        geo += f + (c == '3' ? "\n" : ",\n");
    }
    dir.write("z.geojson", geo + "]}\n");
    {
        const Loaded ok = loadDir(dir.str()); // 3 rows each: well within the default limit
        INFO(ok.report());
        CHECK(ok.ok());
    }
    {
        ScopedEnv env("BUILDOUT_MAX_LAYER_ROWS", "3");
        CHECK(loadDir(dir.str()).ok()); // exactly at the limit
    }
    ScopedEnv env("BUILDOUT_MAX_LAYER_ROWS", "2");
    const Loaded l = loadDir(dir.str());
    CHECK(l.errors() == 2);
    CHECK_ERROR(l, "dc.csv", 5, 0, "more than 2 rows: refused", "BUILDOUT_MAX_LAYER_ROWS");
    CHECK_ERROR(l, "z.geojson", 4, 0, "more than 2 rows: refused");
}

TEST_CASE("resource bounds: limits from the environment ignore what is not a positive integer", "[limits]") {
    const LayerLimits defaults;
    CHECK(defaults.maxBytes == std::size_t{512} << 20);
    CHECK(defaults.maxRows == 2'000'000);
    for (const char* bad : {"", "0", "-5", "12abc", "99999999999999999999999999"}) {
        ScopedEnv rows("BUILDOUT_MAX_LAYER_ROWS", bad);
        CHECK(layerLimitsFromEnvironment().maxRows == defaults.maxRows);
    }
    ScopedEnv rows("BUILDOUT_MAX_LAYER_ROWS", "10");
    CHECK(layerLimitsFromEnvironment().maxRows == 10);
}
