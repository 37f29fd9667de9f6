// The per-user settings file is untrusted: wrong types keep the defaults, numbers are clamped before they
// are converted, anything that is not a JSON object is a warning, and what was read saves and reads back.
#include "core/view/app_settings.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace buildout;
namespace fs = std::filesystem;

namespace {
std::string writeTemp(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / ("buildout-settings-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path p = dir / name;
    std::ofstream(p) << text;
    return p.string();
}
} // namespace

TEST_CASE("settings: values of the wrong type keep their defaults", "[settings]") {
    const AppSettings defaults;
    std::string warning;
    const AppSettings s = loadAppSettings(
        writeTemp("types.json", R"({"window_width": "wide", "labels": 3, "max_labels": [1],
            "layers": {"zones": {"visible": "yes", "opacity": "half"}, "basemap": 7}, "recent": "x"})"),
        warning);
    CHECK(warning.empty());
    CHECK(s.windowWidth == defaults.windowWidth);
    CHECK(s.map.labels == defaults.map.labels);
    CHECK(s.map.maxLabels == defaults.map.maxLabels);
    CHECK(s.map.zones.visible == defaults.map.zones.visible);
    CHECK(s.map.zones.opacity == defaults.map.zones.opacity);
    CHECK(s.recent.empty());
}

TEST_CASE("settings: numbers are clamped to their range, however large", "[settings]") {
    std::string warning;
    const AppSettings s = loadAppSettings(
        writeTemp("range.json", R"({"window_width": 1e300, "window_height": -1e300, "max_labels": 1e30,
            "color_by": -5, "layers": {"datacenters": {"opacity": 7.5}}})"),
        warning);
    CHECK(warning.empty());
    CHECK(s.windowWidth == 16384);
    CHECK(s.windowHeight == 400);
    CHECK(s.map.maxLabels == 100);
    CHECK(s.map.datacenterColor == static_cast<ColorBy>(0));
    CHECK(s.map.datacenters.opacity == 1.0f);
}

TEST_CASE("settings: a file that is not a JSON object is ignored with a warning", "[settings]") {
    for (const char* text : {"[1, 2]", "{\"window_width\": ", "", "\"text\""}) {
        std::string warning;
        const AppSettings s = loadAppSettings(writeTemp("bad.json", text), warning);
        CHECK_FALSE(warning.empty());
        CHECK(s.windowWidth == AppSettings{}.windowWidth);
    }
}

TEST_CASE("settings: what was read saves and reads back unchanged", "[settings]") {
    AppSettings s;
    s.windowWidth = 1920;
    s.map.maxLabels = 12;
    s.map.zones.opacity = 0.25f;
    addRecent(s, "/data/a");
    addRecent(s, "/data/b\xff"); // not UTF-8: replaced, never a throw
    const std::string path = writeTemp("round.json", "");
    std::string why;
    REQUIRE(saveAppSettings(s, path, why));
    std::string warning;
    const AppSettings back = loadAppSettings(path, warning);
    CHECK(warning.empty());
    CHECK(back.windowWidth == 1920);
    CHECK(back.map.maxLabels == 12);
    CHECK(back.map.zones.opacity == Approx(0.25f));
    REQUIRE(back.recent.size() == 2);
    CHECK(back.recent[1] == "/data/a");
    CHECK_FALSE(fs::exists(path + ".tmp"));
}
