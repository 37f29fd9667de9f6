// Whatever the bytes, loading gives clear errors and never crashes or hangs (spec "Errors"). Inputs are
// generated here into a temporary folder rather than committed.
#include "core/scenario.h"
#include "test_support.h"

#include <random>

using namespace buildout;
using namespace buildout::test;

namespace {

const std::string kDcManifest = manifestText({{"datacenters", "dc.csv"}});
const std::string kGeoManifest = manifestText({{"datacenters", "dc.geojson"}});

std::string junk(unsigned seed, std::size_t size) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> byte(0, 255);
    std::string s(size, '\0');
    for (char& c : s) c = static_cast<char>(byte(rng));
    return s;
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string feature(const std::string& props, double lon, double lat) {
    return "{\"type\":\"Feature\",\"properties\":{" + props + "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[" +
           std::to_string(lon) + "," + std::to_string(lat) + "]}}";
}

} // namespace

TEST_CASE("bad bytes: an empty manifest", "[bytes]") {
    TempDir dir;
    for (const char* text : {"", " \n\t\r\n"}) {
        dir.write("scenario.json", text);
        const Loaded l = loadDir(dir.str());
        REQUIRE_REFUSED(l, 1);
        CHECK_ERROR(l, "scenario.json", 1, 0, "file is empty");
    }
    // A BOM and nothing else is not a JSON document either.
    dir.write("scenario.json", "\xEF\xBB\xBF");
    const Loaded bom = loadDir(dir.str());
    REQUIRE_REFUSED(bom, 1);
    CHECK_ERROR(bom, "scenario.json", 1, 1, "invalid JSON");
}

TEST_CASE("bad bytes: an empty layer file", "[bytes]") {
    TempDir dir;
    dir.write("scenario.json", manifestText({{"datacenters", "dc.csv"}, {"zones", "z.geojson"}}));
    dir.write("dc.csv", "");
    dir.write("z.geojson", "\n\n");
    const Loaded l = loadDir(dir.str());
    REQUIRE_REFUSED(l, 2);
    CHECK_ERROR(l, "dc.csv", 1, 0, "file is empty");
    CHECK_ERROR(l, "z.geojson", 1, 0, "file is empty");

    dir.write("dc.csv", "\xEF\xBB\xBF");
    dir.write("z.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}");
    const Loaded bom = loadDir(dir.str());
    REQUIRE_REFUSED(bom, 1);
    CHECK_ERROR(bom, "dc.csv", 1, 0, "file is empty");

    // A header and no rows is a valid, empty layer.
    dir.write("dc.csv", "id,lat,lon\n");
    const Loaded header = loadDir(dir.str());
    REQUIRE_LOADED(header);
    CHECK(header.scenario().datacenters.empty());
    CHECK(header.scenario().zones.empty());
}

TEST_CASE("bad bytes: binary junk as manifest and layers", "[bytes]") {
    TempDir dir;
    const std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + junk(1, 4096);
    dir.write("scenario.json", png);
    const Loaded man = loadDir(dir.str());
    REQUIRE_REFUSED(man, 1);
    CHECK_ERROR(man, "scenario.json", 1, 1, "invalid JSON");

    dir.write("scenario.json", kDcManifest);
    dir.write("dc.csv", png);
    const Loaded csv = loadDir(dir.str());
    REQUIRE_REFUSED(csv, 1);
    CHECK_ERROR(csv, "dc.csv", 1, 0, "invalid UTF-8");

    dir.write("dc.csv", std::string("id,lat,lon\na,32,-99\n\0\0\0\x01", 24));
    const Loaded nul = loadDir(dir.str());
    REQUIRE_REFUSED(nul, 1);
    CHECK_ERROR(nul, "dc.csv", 3, 0, "binary data", "NUL");

    dir.write("dc.csv", "id,name,lat,lon\na,ok,32,-99\nb,\xC3\x28,32,-99\n"); // an invalid two-byte sequence
    const Loaded utf = loadDir(dir.str());
    REQUIRE_REFUSED(utf, 1);
    CHECK_ERROR(utf, "dc.csv", 3, 0, "invalid UTF-8");

    dir.write("scenario.json", kGeoManifest);
    dir.write("dc.geojson", png);
    const Loaded geo = loadDir(dir.str());
    REQUIRE_REFUSED(geo, 1);
    CHECK_ERROR(geo, "dc.geojson", 1, 1, "invalid JSON");

    dir.write("dc.geojson", std::string("{\"type\":\"FeatureCollection\",\n\"features\":[\"\0\"]}", 46));
    const Loaded geoNul = loadDir(dir.str());
    REQUIRE_REFUSED(geoNul, 1);
    CHECK_ERROR(geoNul, "dc.geojson", 2, 14, "invalid JSON"); // the NUL is character 14 of line 2

    dir.write("dc.geojson", "[1, 2, 3]");
    const Loaded notGeo = loadDir(dir.str());
    REQUIRE_REFUSED(notGeo, 1);
    CHECK_ERROR(notGeo, "dc.geojson", 1, 0, "cannot read as GeoJSON");
}

TEST_CASE("bad bytes: random junk never crashes", "[bytes]") {
    // Many seeds and sizes, as manifest, CSV and GeoJSON. Each is refused with at least one error about the
    // junk file (only the exact file is checked: the line depends on the bytes).
    TempDir dir;
    for (unsigned seed = 1; seed <= 40; ++seed) {
        const std::string bytes = junk(seed, 1 + (seed * 7919u) % 20000u);
        INFO("seed " << seed << ", " << bytes.size() << " bytes");
        for (const char* file : {"scenario.json", "dc.csv", "dc.geojson"}) {
            INFO("as " << file);
            const std::string f = file;
            dir.write("scenario.json", f == "dc.geojson" ? kGeoManifest : kDcManifest);
            dir.write(f, bytes);
            const Loaded l = loadDir(dir.str());
            CHECK_FALSE(l.ok());
            CHECK(l.errors() >= 1);
            bool aboutJunk = false;
            for (const Diagnostic& d : l.result.diagnostics.items())
                aboutJunk = aboutJunk || (d.severity == Severity::Error && d.file == (dir.path() / f).string());
            CHECK(aboutJunk);
        }
    }
}

TEST_CASE("bad bytes: a UTF-8 BOM loads fine", "[bytes]") {
    TempDir dir;
    const std::string bom = "\xEF\xBB\xBF";
    dir.write("scenario.json", bom + manifestText({{"datacenters", "dc.csv"}, {"power_plants", "pp.geojson"}}));
    dir.write("dc.csv", bom + "id,name,lat,lon\na,Alpha,32,-99\nb,Beta,33,-98\n");
    dir.write("pp.geojson", bom + "{\"type\":\"FeatureCollection\",\"features\":[\n" +
                                feature("\"id\":\"p\",\"fuel\":\"gas\"", -99, 32) + "]}\n");
    const Loaded l = loadDir(dir.str());
    REQUIRE_LOADED(l);
    CHECK(l.warnings() == 0);
    const Scenario& s = l.scenario();
    REQUIRE(s.datacenters.size() == 2);
    CHECK(s.datacenters[0].id == "a"); // the first column is `id`, not BOM + `id`
    CHECK(s.datacenters[0].attributes.empty());
    CHECK(s.datacenters[1].origin.line == 3);
    REQUIRE(s.powerPlants.size() == 1);
    CHECK(s.powerPlants[0].id == "p");
    CHECK(s.powerPlants[0].origin.line == 2);

    // Line numbers after a BOM are unchanged.
    dir.write("dc.csv", bom + "id,lat,lon\na,32,-99\nb,33,-300\n");
    const Loaded bad = loadDir(dir.str());
    REQUIRE_REFUSED(bad, 1);
    CHECK_ERROR(bad, "dc.csv", 3, 3, "longitude -300");
}

TEST_CASE("bad bytes: CRLF line ends load fine", "[bytes]") {
    TempDir dir;
    dir.write("scenario.json",
              withCrlf(manifestText({{"datacenters", "dc.csv"}, {"transmission", "lines.geojson"}})));
    dir.write("dc.csv", withCrlf("id,name,lat,lon,online,status\n"
                                 "a,Alpha,32,-99,,operating\n"
                                 "b,\"Two\nlines\",33,-98,2027-03\n"
                                 "c,Gamma,34,-97,2026\n"));
    dir.write("lines.geojson", withCrlf("{\"type\":\"FeatureCollection\",\"features\":[\n"
                                        "{\"type\":\"Feature\",\"properties\":{\"id\":\"l\",\"kv\":345},\n"
                                        " \"geometry\":{\"type\":\"LineString\",\"coordinates\":[[-99,32],[-98,33]]}}\n"
                                        "]}\n"));
    const Loaded l = loadDir(dir.str());
    REQUIRE_LOADED(l);
    CHECK(l.warnings() == 0);
    const Scenario& s = l.scenario();
    REQUIRE(s.datacenters.size() == 3);
    CHECK(s.datacenters[0].life.undatedStatus == Status::Operating); // last column, no stray '\r'
    CHECK(s.datacenters[1].name.find("Two") == 0);
    CHECK(s.datacenters[1].life.dates[Lifecycle::Online] == daysFromCivil(2027, 3, 1));
    CHECK(s.datacenters[2].life.dates[Lifecycle::Online] == daysFromCivil(2026, 1, 1));
    CHECK(s.datacenters[2].origin.line == 5);
    REQUIRE(s.lines.size() == 1);
    CHECK(s.lines[0].origin.line == 2);

    // Errors in a CRLF file name the right line, in the manifest too.
    dir.write("dc.csv", withCrlf("id,lat,lon\na,32,-99\na,33,-98\n"));
    dir.write("scenario.json", withCrlf(manifestText({{"datacenters", "dc.csv"}}, "  \"sizzle\": true,\n")));
    const Loaded bad = loadDir(dir.str());
    REQUIRE_REFUSED(bad, 1);
    CHECK_ERROR(bad, "dc.csv", 3, 1, "duplicate datacenters id 'a'");
    CHECK_WARNING(bad, "scenario.json", 7, 0, "unknown key \"sizzle\"");
}

TEST_CASE("bad bytes: NaN, infinities and overflow in CSV numbers", "[bytes][numbers]") {
    TempDir dir;
    dir.write("scenario.json", kDcManifest);
    dir.write("dc.csv", "id,lat,lon,capacity_mw\n"
                        "ok,32,-99,1e3\n"       // 2: fine, 1000 MW
                        "a,32,-99,NaN\n"        // 3
                        "b,32,-99,nan\n"        // 4
                        "c,32,-99,inf\n"        // 5
                        "d,32,-99,-Infinity\n"  // 6
                        "e,32,-99,1e309\n"      // 7
                        "f,nan,-99,1\n"         // 8
                        "g,32,1e999,1\n");      // 9
    const Loaded l = loadDir(dir.str());
    REQUIRE_REFUSED(l, 7);
    CHECK_ERROR(l, "dc.csv", 3, 4, "bad capacity_mw 'NaN'", "not a finite number");
    CHECK_ERROR(l, "dc.csv", 4, 4, "bad capacity_mw 'nan'", "not a finite number");
    CHECK_ERROR(l, "dc.csv", 5, 4, "bad capacity_mw 'inf'", "not a finite number");
    CHECK_ERROR(l, "dc.csv", 6, 4, "bad capacity_mw '-Infinity'", "not a finite number");
    CHECK_ERROR(l, "dc.csv", 7, 4, "bad capacity_mw '1e309'", "out of range");
    CHECK_ERROR(l, "dc.csv", 8, 2, "bad lat 'nan'");
    CHECK_ERROR(l, "dc.csv", 9, 3, "bad lon '1e999'", "out of range");

    // Series values and transmission numbers are checked the same way.
    dir.write("scenario.json",
              manifestText({{"transmission", "lines.csv"}, {"series", "series.csv"}},
                           "  \"metrics\": { \"m\": { \"unit\": \"x\", \"interpolation\": \"linear\" } },\n"));
    dir.write("lines.csv", "id,kv,from_lat,from_lon,to_lat,to_lon\nl,inf,32,-99,33,-98\nk,345,32,-99,NaN,-98\n");
    dir.write("series.csv", "id,date,metric,value\nl,2026,m,1e309\nl,2027,m,-nan\n");
    const Loaded more = loadDir(dir.str());
    REQUIRE_REFUSED(more, 4);
    CHECK_ERROR(more, "lines.csv", 2, 2, "bad kv 'inf'");
    CHECK_ERROR(more, "lines.csv", 3, 5, "bad to_lat 'NaN'");
    CHECK_ERROR(more, "series.csv", 2, 4, "bad value '1e309'", "out of range");
    CHECK_ERROR(more, "series.csv", 3, 4, "bad value '-nan'");
}

TEST_CASE("bad bytes: NaN, infinities and overflow in JSON", "[bytes][numbers]") {
    TempDir dir;
    dir.write("scenario.json", "{\n  \"format\": \"buildout-scenario\",\n  \"version\": 1e309\n}\n");
    const Loaded man = loadDir(dir.str());
    REQUIRE_REFUSED(man, 1);
    CHECK_ERROR(man, "scenario.json", 3, 18, "invalid JSON", "1e309"); // 1e309 is columns 14-18

    dir.write("scenario.json", "{\n  \"format\": NaN\n}\n");
    const Loaded manNan = loadDir(dir.str());
    REQUIRE_REFUSED(manNan, 1);
    CHECK_ERROR(manNan, "scenario.json", 2, 13, "invalid JSON"); // at the N of NaN

    dir.write("scenario.json", kGeoManifest);
    const std::string head = "{\"type\":\"FeatureCollection\",\"features\":[\n";
    dir.write("dc.geojson", head + feature("\"id\":\"a\"", -99, 32) + ",\n" +
                                feature("\"id\":\"b\",\"capacity_mw\":1e309", -99, 32) + "]}");
    const Loaded geo = loadDir(dir.str());
    REQUIRE_REFUSED(geo, 1);
    CHECK_ERROR(geo, "dc.geojson", 3, 60, "invalid JSON", "1e309"); // 1e309 is columns 56-60

    dir.write("dc.geojson", head + feature("\"id\":\"a\",\"capacity_mw\":Infinity", -99, 32) + "]}");
    const Loaded geoInf = loadDir(dir.str());
    REQUIRE_REFUSED(geoInf, 1);
    CHECK_ERROR(geoInf, "dc.geojson", 2, 56, "invalid JSON"); // at the I of Infinity

    // As strings they reach the strict number parser.
    dir.write("dc.geojson", head + feature("\"id\":\"a\",\"capacity_mw\":\"NaN\"", -99, 32) + ",\n" +
                                feature("\"id\":\"b\",\"capacity_mw\":\"1e400\"", -99, 32) + "]}");
    const Loaded geoStr = loadDir(dir.str());
    REQUIRE_REFUSED(geoStr, 2);
    CHECK_ERROR(geoStr, "dc.geojson", 2, 0, "bad capacity_mw 'NaN'", "not a finite number");
    CHECK_ERROR(geoStr, "dc.geojson", 3, 0, "bad capacity_mw '1e400'", "out of range");
}

TEST_CASE("bad bytes: duplicated headers, in any case", "[bytes]") {
    TempDir dir;
    dir.write("scenario.json", kDcManifest);
    dir.write("dc.csv", "id,lat,lon,ID\na,32,-99,b\n");
    const Loaded l = loadDir(dir.str());
    REQUIRE_REFUSED(l, 1);
    CHECK_ERROR(l, "dc.csv", 1, 4, "duplicated column 'ID'", "columns 1 and 4");

    dir.write("dc.csv", "id,lat,lat,lon,lon\na,32,33,-99,-98\n");
    const Loaded two = loadDir(dir.str());
    REQUIRE_REFUSED(two, 2);
    CHECK_ERROR(two, "dc.csv", 1, 3, "duplicated column 'lat'", "columns 2 and 3");
    CHECK_ERROR(two, "dc.csv", 1, 5, "duplicated column 'lon'", "columns 4 and 5");
}

TEST_CASE("bad bytes: 100,000-deep JSON nesting", "[bytes][json]") {
    TempDir dir;
    const std::string deep = nested(100000);
    dir.write("scenario.json", deep);
    const Loaded man = loadDir(dir.str());
    REQUIRE_REFUSED(man, 1);
    CHECK_ERROR(man, "scenario.json", 1, 0, "nested deeper than 64 levels");

    // Inside a valid-looking manifest, on line 3.
    dir.write("scenario.json", "{\n  \"format\": \"buildout-scenario\",\n  \"x\": " + deep + "\n}\n");
    const Loaded inner = loadDir(dir.str());
    REQUIRE_REFUSED(inner, 1);
    CHECK_ERROR(inner, "scenario.json", 3, 0, "nested deeper than 64 levels");

    dir.write("scenario.json", kGeoManifest);
    dir.write("dc.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n" + deep + "]}");
    const Loaded geo = loadDir(dir.str());
    REQUIRE_REFUSED(geo, 1);
    CHECK_ERROR(geo, "dc.geojson", 2, 0, "nested deeper than 64 levels");

    // Deep objects in a feature's properties.
    std::string objects;
    for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
    objects += "1" + std::string(100000, '}');
    dir.write("dc.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n" +
                                feature("\"id\":\"a\",\"deep\":" + objects, -99, 32) + "]}");
    const Loaded props = loadDir(dir.str());
    REQUIRE_REFUSED(props, 1);
    CHECK_ERROR(props, "dc.geojson", 2, 0, "nested deeper than 64 levels");
}

TEST_CASE("bad bytes: problems of a file are all reported, and bounded", "[bytes]") {
    TempDir dir;
    dir.write("scenario.json", kDcManifest);
    std::string csv = "id,lat,lon\n";
    for (int i = 0; i < 5000; ++i) csv += "r" + std::to_string(i) + ",95,-99\n";
    dir.write("dc.csv", csv);
    const Loaded l = loadDir(dir.str());
    REQUIRE_FALSE(l.ok());
    CHECK(l.errors() == 5000); // every problem is counted...
    const auto items = l.result.diagnostics.items();
    REQUIRE(items.size() == Diagnostics::kMaxPerFile + 1); // ...but only the first 200 are kept
    CHECK(items.front().line == 2);
    CHECK(items[Diagnostics::kMaxPerFile - 1].line == 201);
    CHECK(items.back().message == "4800 more problems in this file not shown");
    CHECK_ERROR(l, "dc.csv", 2, 2, "latitude 95");
    CHECK_ERROR(l, "dc.csv", 201, 2, "latitude 95");
}

TEST_CASE("bad bytes: odd but readable CSV shapes", "[bytes]") {
    TempDir dir;
    dir.write("scenario.json", kDcManifest);

    // A huge field and control characters are just text.
    dir.write("dc.csv", "id,lat,lon,name\na,32,-99," + std::string(1 << 20, 'x') + "\nb,33,-98,\x01\x02\x1b[31m\n");
    const Loaded big = loadDir(dir.str());
    REQUIRE_LOADED(big);
    CHECK(big.scenario().datacenters[0].name.size() == (1u << 20));

    // Short rows leave cells empty; an unterminated quote is a warning where its record starts.
    dir.write("dc.csv", "id,lat,lon\na,32,-99\nb,32\nc,\"33,-98\nd,1,2\n");
    const Loaded ragged = loadDir(dir.str());
    REQUIRE_REFUSED(ragged, 2);
    CHECK_ERROR(ragged, "dc.csv", 3, 3, "missing coordinates");
    CHECK_WARNING(ragged, "dc.csv", 4, 0, "unterminated quoted field");
    CHECK_ERROR(ragged, "dc.csv", 4, 3, "missing coordinates");

    // No header row at all: the first row is taken as the header, so `id` is missing.
    dir.write("dc.csv", "a,32,-99\n");
    const Loaded noHeader = loadDir(dir.str());
    REQUIRE_REFUSED(noHeader, 1);
    CHECK_ERROR(noHeader, "dc.csv", 1, 0, "missing required column 'id'");
}
