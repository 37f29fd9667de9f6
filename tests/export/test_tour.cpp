// TOUR.json parsing (FILE:LINE errors), saving and evaluation in time (core/tour.h).
#include "core/tour.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <string>

using namespace buildout;

namespace {

std::string errorsOf(const Diagnostics& d) {
    std::string s;
    for (const Diagnostic& x : d.items())
        s += formatDiagnostic(x) + "\n";
    return s;
}

bool hasLine(const Diagnostics& d, const std::string& line) {
    for (const Diagnostic& x : d.items())
        if (formatDiagnostic(x) == line) return true;
    return false;
}

Day day(const char* s) {
    return parseDate(s)->day;
}

} // namespace

TEST_CASE("Tour: every form of beat parses", "[tour]") {
    const std::string text = R"({
  "format": "buildout-tour",
  "version": 1,
  "title": "Briefing",
  "scenario": "demo-tiny",
  "beats": [
    { "date": "2024-09", "camera": "national", "layers": ["basemap", "datacenters"],
      "caption": "Plain text", "transition": 0, "hold": 2 },
    { "from": "2025", "to": "2026-06-30",
      "camera": { "view": "TX", "zoom": 2, "heading": 15, "tilt": 50 },
      "layers": { "zones": false, "power_plants": { "visible": true, "opacity": 0.5 } },
      "labels": false, "color_by": "status",
      "caption": { "title": "Texas", "text": "Two lines." }, "transition": 1.5, "hold": 3 },
    { "date": "2030-01-01", "camera": { "lon": -97.5, "lat": 31.25, "distance_km": 900, "tilt": 40 } }
  ]
})";
    Tour t;
    Diagnostics d;
    REQUIRE(parseTour(text, "t.json", t, d));
    CHECK(d.items().empty());
    CHECK(t.title == "Briefing");
    CHECK(t.scenarioId == "demo-tiny");
    REQUIRE(t.beats.size() == 3);
    const TourBeat& a = t.beats[0];
    CHECK(a.from == day("2024-09"));
    CHECK(a.to == a.from);
    REQUIRE(a.camera);
    CHECK(a.camera->view == "national");
    CHECK(*a.layers[static_cast<int>(TourLayer::Basemap)].visible);
    CHECK(*a.layers[static_cast<int>(TourLayer::Datacenters)].visible);
    CHECK_FALSE(*a.layers[static_cast<int>(TourLayer::Zones)].visible);
    CHECK(a.captionText == "Plain text");
    CHECK(a.captionTitle.empty());
    CHECK(a.transitionSeconds == 0);
    CHECK(a.holdSeconds == 2);
    CHECK(a.line == 7);
    const TourBeat& b = t.beats[1];
    CHECK(b.from == day("2025"));
    CHECK(b.to == day("2026-06-30"));
    CHECK(b.camera->view == "TX");
    CHECK(b.camera->zoom == 2);
    CHECK(*b.camera->headingDeg == 15);
    CHECK(*b.camera->tiltDeg == 50);
    CHECK_FALSE(*b.layers[static_cast<int>(TourLayer::Zones)].visible);
    CHECK(*b.layers[static_cast<int>(TourLayer::PowerPlants)].visible);
    CHECK(*b.layers[static_cast<int>(TourLayer::PowerPlants)].opacity == Approx(0.5f));
    CHECK_FALSE(b.layers[static_cast<int>(TourLayer::Basemap)].visible.has_value());
    CHECK(*b.labels == false);
    CHECK(*b.colorBy == "status");
    CHECK(b.captionTitle == "Texas");
    CHECK(b.captionText == "Two lines.");
    CHECK(b.dateLine == 9);
    CHECK(b.cameraLine == 10);
    const TourBeat& c = t.beats[2];
    CHECK(c.camera->explicitTarget);
    CHECK(c.camera->lon == -97.5);
    CHECK(c.camera->lat == 31.25);
    CHECK(*c.camera->distanceKm == 900);
    CHECK(c.transitionSeconds == 2.0); // defaults
    CHECK(c.holdSeconds == 4.0);
    CHECK(t.durationSeconds() == Approx(0 + 2 + 1.5 + 3 + 2 + 4));
}

TEST_CASE("Tour: errors name the file and the line", "[tour]") {
    const std::string text = "{\n"                                                                      // 1
                             "  \"format\": \"buildout-tour\",\n"                                       // 2
                             "  \"version\": 1,\n"                                                      // 3
                             "  \"beats\": [\n"                                                         // 4
                             "    { \"date\": \"2025-13\" },\n"                                         // 5
                             "    { \"camera\": \"TX\" },\n"                                            // 6
                             "    { \"date\": \"2026\",\n"                                              // 7
                             "      \"layers\": [\"datacentres\"],\n"                                   // 8
                             "      \"hold\": -1 },\n"                                                  // 9
                             "    { \"date\": \"2026\", \"from\": \"2025\", \"to\": \"2027\" },\n"      // 10
                             "    { \"from\": \"2027\", \"to\": \"2026\" },\n"                          // 11
                             "    { \"date\": \"2027\",\n"                                              // 12
                             "      \"camera\": { \"view\": \"TX\", \"lon\": -97 } },\n"                // 13
                             "    { \"date\": \"2027\", \"camera\": { \"lon\": -97, \"lat\": 31 } },\n" // 14
                             "    { \"date\": \"2027\", \"color_by\": \"fuel\", \"caption\": 3 },\n"    // 15
                             "    { \"date\": \"2027\", \"colour\": \"red\" }\n"                        // 16
                             "  ]\n"                                                                    // 17
                             "}\n";
    Tour t;
    Diagnostics d;
    CHECK_FALSE(parseTour(text, "tours/bad.json", t, d));
    INFO(errorsOf(d));
    CHECK(
        hasLine(d, "tours/bad.json:5: error: bad date \"2025-13\" for \"date\": month out of range (01-12)"));
    CHECK(hasLine(d, "tours/bad.json:6: error: a beat needs \"date\" (or \"from\" and \"to\")"));
    CHECK(hasLine(d, "tours/bad.json:8: error: unknown layer \"datacentres\" (basemap, datacenters, "
                     "power_plants, transmission, superclusters, zones)"));
    CHECK(hasLine(d, "tours/bad.json:9: error: \"hold\" must be between 0 and 3600, not -1"));
    CHECK(hasLine(d, "tours/bad.json:10: error: a beat has either \"date\" or \"from\"/\"to\", not both"));
    CHECK(hasLine(d, "tours/bad.json:11: error: \"to\" is before \"from\""));
    CHECK(hasLine(d, "tours/bad.json:13: error: a camera has either \"view\" or \"lon\"/\"lat\", not both"));
    CHECK(hasLine(d, "tours/bad.json:14: error: an explicit camera needs \"distance_km\""));
    CHECK(hasLine(
        d, "tours/bad.json:15: error: \"color_by\" must be operator, status or precision, not \"fuel\""));
    CHECK(hasLine(
        d, "tours/bad.json:15: error: \"caption\" must be a string or {\"title\": ..., \"text\": ...}"));
    CHECK(hasLine(d, "tours/bad.json:16: warning: unknown key \"colour\" in a beat (ignored)"));
    CHECK(d.errorCount() == 10);
}

TEST_CASE("Tour: file-level problems", "[tour]") {
    Tour t;
    SECTION("malformed JSON gives line and column") {
        Diagnostics d;
        CHECK_FALSE(parseTour("{\n  \"format\": \"buildout-tour\",\n  \"beats\": [ { \"date\": 2026 ]\n}\n",
                              "x.json", t, d));
        REQUIRE(d.items().size() == 1);
        CHECK(d.items()[0].line == 3);
        CHECK(d.items()[0].column > 0);
    }
    SECTION("empty file") {
        Diagnostics d;
        CHECK_FALSE(parseTour("  \n", "x.json", t, d));
        CHECK(formatDiagnostic(d.items().at(0)) == "x.json:1: error: file is empty");
    }
    SECTION("wrong format, version and no beats") {
        Diagnostics d;
        CHECK_FALSE(parseTour("{\"format\": \"buildout-scenario\",\n \"version\": 2,\n \"beats\": []}",
                              "x.json", t, d));
        INFO(errorsOf(d));
        CHECK(hasLine(d, "x.json:1: error: \"format\" must be \"buildout-tour\", not \"buildout-scenario\""));
        CHECK(hasLine(d, "x.json:2: error: unsupported \"version\" 2 (this build reads version 1)"));
        CHECK(hasLine(d, "x.json:3: error: \"beats\" is empty: a tour needs at least one beat"));
    }
    SECTION("a tour of zero seconds") {
        Diagnostics d;
        CHECK_FALSE(parseTour(
            R"({"format": "buildout-tour", "version": 1, "beats": [{"date": "2026", "hold": 0, "transition": 0}]})",
            "x.json", t, d));
        CHECK(d.errorCount() == 1);
    }
    SECTION("missing file") {
        Diagnostics d;
        CHECK_FALSE(loadTour("no/such/tour.json", t, d));
        CHECK(formatDiagnostic(d.items().at(0)) == "no/such/tour.json: error: no such tour file");
    }
    SECTION("binary junk never crashes") {
        std::string junk;
        for (int i = 0; i < 4096; ++i)
            junk += static_cast<char>((i * 7919) & 0xff);
        Diagnostics d;
        CHECK_FALSE(parseTour(junk, "x.json", t, d));
        CHECK(d.hasErrors());
    }
    SECTION("deep nesting is refused") {
        Diagnostics d;
        const std::string deep =
            "{\"format\": \"buildout-tour\", \"version\": 1, \"beats\": " + std::string(5000, '[') +
            std::string(5000, ']') + "}";
        CHECK_FALSE(parseTour(deep, "x.json", t, d));
        CHECK(d.hasErrors());
    }
}

TEST_CASE("Tour: saving and reading back gives the same tour", "[tour]") {
    Tour t;
    t.title = "Round trip";
    t.scenarioId = "demo-tiny";
    TourBeat a;
    a.from = a.to = day("2025-03-04");
    a.camera = TourCamera{};
    a.camera->view = "national";
    a.captionText = "Only text";
    a.transitionSeconds = 0;
    a.holdSeconds = 2.5;
    TourBeat b;
    b.from = day("2026");
    b.to = day("2027-06-30");
    TourCamera c;
    c.explicitTarget = true;
    c.lon = -97.123456;
    c.lat = 31.5;
    c.distanceKm = 850;
    c.headingDeg = 12.5;
    c.tiltDeg = 40;
    b.camera = c;
    b.layers[static_cast<int>(TourLayer::Zones)].visible = false;
    b.layers[static_cast<int>(TourLayer::PowerPlants)].visible = true;
    b.layers[static_cast<int>(TourLayer::PowerPlants)].opacity = 0.25f;
    b.labels = false;
    b.colorBy = "precision";
    b.captionTitle = "Title";
    b.captionText = "Body \"quoted\"";
    t.beats = {a, b};
    Tour back;
    Diagnostics d;
    REQUIRE(parseTour(tourToJson(t), "saved.json", back, d));
    CHECK(d.items().empty());
    CHECK(back.title == t.title);
    CHECK(back.scenarioId == t.scenarioId);
    REQUIRE(back.beats.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(back.beats[i].from == t.beats[i].from);
        CHECK(back.beats[i].to == t.beats[i].to);
        CHECK(back.beats[i].camera == t.beats[i].camera);
        CHECK(back.beats[i].layers == t.beats[i].layers);
        CHECK(back.beats[i].labels == t.beats[i].labels);
        CHECK(back.beats[i].colorBy == t.beats[i].colorBy);
        CHECK(back.beats[i].captionTitle == t.beats[i].captionTitle);
        CHECK(back.beats[i].captionText == t.beats[i].captionText);
        CHECK(back.beats[i].transitionSeconds == t.beats[i].transitionSeconds);
        CHECK(back.beats[i].holdSeconds == t.beats[i].holdSeconds);
    }
    CHECK(tourToJson(back) == tourToJson(t));
}

TEST_CASE("Tour: evaluation in time", "[tour]") {
    Tour t;
    TourBeat a, b;
    a.from = a.to = 100;
    a.transitionSeconds = 1;
    a.holdSeconds = 2;
    b.from = 200;
    b.to = 300;
    b.transitionSeconds = 2;
    b.holdSeconds = 4;
    t.beats = {a, b};
    CHECK(t.durationSeconds() == 9);

    TourPosition p = evaluateTour(t, 0);
    CHECK(p.beat == 0);
    CHECK(p.transition); // the first beat's transition is a still
    CHECK(p.time == 100);
    p = evaluateTour(t, 1.0);
    CHECK(p.beat == 0);
    CHECK_FALSE(p.transition);
    CHECK(p.progress == 0);
    p = evaluateTour(t, 2.5);
    CHECK_FALSE(p.transition);
    CHECK(p.progress == Approx(0.75));
    CHECK(p.time == 100);
    // Transition to b: time eases from a.to (100) to b.from (200).
    p = evaluateTour(t, 3.0);
    CHECK(p.beat == 1);
    CHECK(p.transition);
    CHECK(p.time == 100);
    p = evaluateTour(t, 4.0);
    CHECK(p.progress == Approx(0.5));
    CHECK(p.time == Approx(150));
    p = evaluateTour(t, 4.5);
    CHECK(p.time == Approx(100 + 100 * easeInOut(0.75)));
    // Hold of b: time runs linearly from 200 to 300.
    p = evaluateTour(t, 5.0);
    CHECK_FALSE(p.transition);
    CHECK(p.time == 200);
    p = evaluateTour(t, 7.0);
    CHECK(p.time == Approx(250));
    // Past the end: the end of the last hold.
    p = evaluateTour(t, 100.0);
    CHECK(p.beat == 1);
    CHECK(p.progress == 1);
    CHECK(p.time == 300);
    CHECK(evaluateTour(Tour{}, 1.0).beat == -1);
}

TEST_CASE("FNV-1a 64 known values", "[tour]") {
    CHECK(fnv1a64("", 0) == 0xcbf29ce484222325ull);
    CHECK(fnv1a64("a", 1) == 0xaf63dc4c8601ec8cull);
    CHECK(fnv1a64("foobar", 6) == 0x85944171f73967e8ull);
    CHECK(hex64(0xaf63dc4c8601ec8cull) == "af63dc4c8601ec8c");
}
