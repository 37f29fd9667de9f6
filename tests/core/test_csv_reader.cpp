// The native CSV reader (core/csv_fast_reader) against GDAL's CSV driver: the same header, rows, field
// text, line numbers and diagnostics for the same bytes, on hand-written odd files and on random ones.
// Also the exact FILE:LINE of what the native reader refuses.
#include "core/basemap.h"
#include "core/csv_bytes.h"
#include "core/csv_fast_reader.h"
#include "core/table_reader.h"
#include "test_support.h"

#include <random>
#include <sstream>

using namespace buildout;
using namespace buildout::test;

namespace {

/// Everything readTable reports for one file, as text that Catch can diff.
std::string readAll(const std::string& path, CsvReader reader) {
    setCsvReader(reader);
    Diagnostics diag;
    std::ostringstream out;
    std::size_t columns = 0;
    const bool ok = readTable(
        path, "f.csv", diag,
        [&](const TableHeader& h) {
            columns = h.columns.size();
            out << "header";
            for (const std::string& c : h.columns)
                out << " [" << c << "]";
            out << "\n";
            return true;
        },
        [&](const TableRow& row) {
            out << row.line << ":";
            // Two past the header, to see that missing and extra fields both read as empty.
            for (int c = -1; c < static_cast<int>(columns) + 2; ++c)
                out << " [" << row.field(c) << "]";
            out << " geometry " << static_cast<int>(row.geometry().type) << "\n";
        });
    setCsvReader(CsvReader::Native);
    out << "ok " << ok << "\n";
    for (const Diagnostic& d : diag.items())
        out << formatDiagnostic(d) << "\n";
    return out.str();
}

/// True when the native reader takes the file rather than leaving it to GDAL.
bool nativeTakes(std::string_view bytes) {
    Diagnostics diag;
    return readCsvFast(
               bytes, "f.csv", diag, [](const TableHeader&) { return false; }, [](const TableRow&) {}) !=
           CsvFastResult::NeedsGdal;
}

/// Both readers on `bytes`; returns the native reading after checking that GDAL's is the same.
std::string compareReaders(const TempDir& dir, const std::string& bytes) {
    dir.write("f.csv", bytes);
    const std::string path = (dir.path() / "f.csv").string();
    const std::string native = readAll(path, CsvReader::Native);
    const std::string gdal = readAll(path, CsvReader::Gdal);
    INFO("bytes: " << bytes.substr(0, 400));
    CHECK(native == gdal);
    return native;
}

/// Reads `bytes` with the native reader and returns its diagnostics, one `LINE: message` a line.
std::string nativeDiagnostics(const std::string& bytes, std::size_t* rows = nullptr) {
    Diagnostics diag;
    std::size_t n = 0;
    readCsvFast(
        bytes, "f.csv", diag, [](const TableHeader&) { return true; }, [&](const TableRow&) { ++n; });
    if (rows) *rows = n;
    std::string out;
    for (const Diagnostic& d : diag.items())
        out += std::to_string(d.line) + ": " + d.message + "\n";
    return out;
}

} // namespace

TEST_CASE("csv reader: the native reader and GDAL agree on odd files", "[csv]") {
    TempDir dir;
    const std::vector<std::string> files = {
        "id,a\n1,x\n2,y\n",
        "\xEF\xBB\xBFid,a\n1,x\n",
        "id,a\r\n1,\"x\r\ny\"\r\n2,z\r\n", // CRLF, quoted CRLF becomes "\n"
        "id,a\r1,x\r2,\"y\rz\"\r3,w",      // lone CR ends lines too
        "id,a\n1,\"x\n\ry\"\n\r2,z\n",     // LF CR is one break
        "id,a\n1,\"x\r\r\ny\"\n2,z\n",     // CR then CR LF are two
        "id,a\n1,ab\"c,d\"e\n2,z\n",       // a quote inside an unquoted field toggles quoting
        "id,a\n1,\"x\"\"\"\n2,\"\"\"\"\n3,\"x\"y\n4,a\"\"b\n", // doubled quotes
        "id,a\n1, \"x,y\" \n",                                 // spaces around quotes are kept
        "id,a\n\n1,x\n  \n,\n\r\n\n2,y\n\n",                   // empty lines skipped, blank-looking ones not
        "id,a,b\n1\n2,3,4,5,6\n7,8\n",                         // ragged rows
        "id,a,\n1,2,\n",                        // a trailing comma in the header: GDAL names it
        " id , a \n1,2\n",                      // header names lose their spaces
        "id,a,A\n1,2,3\n",                      // duplicated column
        "id,a\n1,\"abc\n2,z\n3,w\n",            // unterminated quote runs to the end
        "id,a\n1,2",                            // no final line break
        "id,a\n1,2,",                           // trailing comma at the very end
        "id,a\n\"\"\n",                         // a record of one empty quoted field
        "id,a\n1,\t\n2,a;b\n",                  // tabs and semicolons in data are text
        "id;a;b\n1;2;3\n",                      // semicolon-separated: left to GDAL
        "id\ta\n1\t2\n",                        // tab-separated: left to GDAL
        "id,wkt\n1,POINT (1 2)\n",              // WKT column: left to GDAL
        "\"id\",\"a\"\n1,2\n",                  // quoted header: left to GDAL
        "id,a\n1,caf\xC3\xA9\n",                // UTF-8
        "id,a\n1,x\n2,\xC3\x28\n",              // invalid UTF-8 on line 3
        std::string("id,a\n1,x\r\n2,\0\n", 14), // NUL on line 3
        "id,a\r1,x\r2,\xFF\xFF\n",              // invalid UTF-8 after lone CRs: line 3
        "\n\nid,a\n1,2\n",                      // empty first line: GDAL refuses the file
    };
    for (const std::string& f : files)
        compareReaders(dir, f);

    // The comparisons above are not vacuous: the native reader takes the plain files.
    CHECK(nativeTakes(files[0]));
    CHECK(nativeTakes(files[3]));
    CHECK(nativeTakes(files[14]));
    CHECK_FALSE(nativeTakes("id;a;b\n1;2;3\n"));
    CHECK_FALSE(nativeTakes("id,wkt\n1,POINT (1 2)\n"));
    CHECK_FALSE(nativeTakes("id,a,\n1,2,\n"));
}

TEST_CASE("csv reader: the native reader and GDAL agree on random files", "[csv]") {
    // Random records over the bytes that matter to the record rules, behind a plain header.
    TempDir dir;
    const std::vector<std::string> pieces = {"a",  "b",    ",",  ",", "\"",      "\"\"",
                                             "\n", "\r\n", "\r", " ", "\xC3\xA9"};
    int taken = 0;
    for (unsigned seed = 1; seed <= 150; ++seed) {
        std::mt19937 rng(seed);
        std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
        std::string bytes = "id,a,b\n";
        const std::size_t count = 1 + seed % 40;
        for (std::size_t i = 0; i < count; ++i)
            bytes += pieces[pick(rng)];
        INFO("seed " << seed);
        compareReaders(dir, bytes);
        taken += nativeTakes(bytes);
    }
    CHECK(taken == 150);
}

TEST_CASE("csv reader: a huge field and an over-long line", "[csv]") {
    TempDir dir;
    // 1 MB in one field, quoted and not.
    const std::string big(1 << 20, 'x');
    const std::string plain = compareReaders(dir, "id,a\n1," + big + "\n2,z\n");
    CHECK(plain.find("3: [] [2] [z]") != std::string::npos);
    compareReaders(dir, "id,a\n1,\"" + big + "\n" + big + "\"\n2,z\n");

    // GDAL stops at a physical line of 10,000,000 bytes or more; so does the native reader, after the
    // rows before it.
    const std::string longLine = "1," + std::string(kCsvMaxLineBytes - 2, 'x');
    const std::string shortLine = "1," + std::string(kCsvMaxLineBytes - 3, 'x');
    const std::string stopped = compareReaders(dir, "id,a\n0,ok\n" + longLine + "\n2,z\n");
    CHECK(stopped.find("2: [] [0] [ok]") != std::string::npos);
    CHECK(stopped.find("2,z") == std::string::npos);
    CHECK(stopped.find("f.csv:1: error: while reading: Maximum number of characters allowed reached.") !=
          std::string::npos);
    const std::string fits = compareReaders(dir, "id,a\n" + shortLine + "\n2,z\n");
    CHECK(fits.find("while reading") == std::string::npos);
    compareReaders(dir, "id,a\n0,\"" + std::string(kCsvMaxLineBytes, 'x') + "\"\n2,z\n");
}

TEST_CASE("csv reader: adversarial bytes give exact lines", "[csv]") {
    // Unterminated quote at the end: a warning where its record starts; the record takes the rest.
    std::size_t rows = 0;
    CHECK(nativeDiagnostics("id,a\n1,x\n2,\"open\n3,y\n", &rows) ==
          "3: unterminated quoted field at end of file\n");
    CHECK(rows == 2);
    // A quote in the middle of an unquoted field opens quoting: the comma and line break after it are text.
    CHECK(nativeDiagnostics("id,a\n1,ab\"c\n2,z\n", &rows) ==
          "2: unterminated quoted field at end of file\n");
    CHECK(rows == 1);
    // Lone CRs end lines: the bad byte is on line 4.
    CHECK(nativeDiagnostics("id,a\r1,x\r2,y\r3,\xC3\x28\r") ==
          "4: invalid UTF-8 text (save the file as UTF-8)\n");
    // CR LF counts once.
    CHECK(nativeDiagnostics(std::string("id,a\r\n1,x\r\n\r\n2,\0\r\n", 19)) ==
          "4: binary data (NUL byte): this is not a CSV text file\n");
    // A NUL inside a quoted multi-line field names its own line, not the record's.
    CHECK(nativeDiagnostics(std::string("id,a\n1,\"x\ny\n\0\"\n", 15)) ==
          "4: binary data (NUL byte): this is not a CSV text file\n");
    // A truncated UTF-8 sequence at the very end, after 8-byte runs of ASCII.
    CHECK(nativeDiagnostics("id,a\n1,abcdefghijklmnop\n2,abcdefghijklmnop\xE2\x82") ==
          "3: invalid UTF-8 text (save the file as UTF-8)\n");
    // Nothing is delivered from a file that is refused, even rows before the bad byte.
    CHECK(nativeDiagnostics(std::string("id,a\n1,x\n2,\0", 13), &rows) ==
          "3: binary data (NUL byte): this is not a CSV text file\n");
    CHECK(rows == 0);
}

TEST_CASE("csv reader: line breaks and byte counts", "[csv]") {
    CHECK(lineBreakLength("a\r\nb", 1) == 2);
    CHECK(lineBreakLength("a\n\rb", 1) == 2);
    CHECK(lineBreakLength("a\r\rb", 1) == 1);
    CHECK(lineBreakLength("a\n\nb", 1) == 1);
    CHECK(lineBreakLength("a\nb", 0) == 0);
    Diagnostics diag;
    CsvByteCounts counts;
    REQUIRE(checkCsvBytes("id,a\n\"x\"\"y\",\"\xC3\xA9\"\nabcdefghijklmnopqrstuvwxyz\n", "f", diag, counts));
    CHECK(counts.quotes == 6);
    CHECK(counts.newlines == 3);
    std::vector<int> lines;
    int unterminated = -1;
    csvRecordLines("id\r\n\r\na\r\n\"b\nc\"\r\nd", lines, unterminated);
    CHECK(lines == std::vector<int>{3, 4, 6});
    CHECK(unterminated == 0);
    csvRecordLines("id\na\n\"b\nc", lines, unterminated);
    CHECK(unterminated == 3);
}

TEST_CASE("csv reader: the loader gives the same scenario through either reader", "[csv]") {
    for (const char* rel : {"valid/quoted_fields", "invalid/quoted_fields", "invalid/duplicate_header",
                            "valid/hand", "invalid/capacity", "invalid/dates"}) {
        INFO(rel);
        const Loaded native = loadData(rel);
        setCsvReader(CsvReader::Gdal);
        const Loaded gdal = loadData(rel);
        setCsvReader(CsvReader::Native);
        CHECK(native.report() == gdal.report());
        REQUIRE(native.ok() == gdal.ok());
        if (!native.ok()) continue;
        const Scenario& a = native.scenario();
        const Scenario& b = gdal.scenario();
        REQUIRE(a.datacenters.size() == b.datacenters.size());
        for (std::size_t i = 0; i < a.datacenters.size(); ++i) {
            CHECK(a.datacenters[i].id == b.datacenters[i].id);
            CHECK(a.datacenters[i].name == b.datacenters[i].name);
            CHECK(a.datacenters[i].origin.line == b.datacenters[i].origin.line);
            CHECK(a.datacenters[i].attributes.size() == b.datacenters[i].attributes.size());
        }
        CHECK(a.powerPlants.size() == b.powerPlants.size());
        CHECK(a.lines.size() == b.lines.size());
    }
}

TEST_CASE("csv reader: the content hash covers every file's bytes once", "[csv]") {
    // FNV-1a 64 over the manifest, then each file read (basemap, layers in manifest order) and a 0 byte
    // after each: the loader now hashes the bytes it parses instead of reading each file again.
    TempDir dir;
    const std::string manifest = manifestText({{"datacenters", "dc.csv"}, {"power_plants", "pp.geojson"}});
    const std::string dc = "id,lat,lon\na,32,-99\n";
    const std::string pp = "{\"type\":\"FeatureCollection\",\"features\":[]}\n";
    dir.write("scenario.json", manifest);
    dir.write("dc.csv", dc);
    dir.write("pp.geojson", pp);
    std::string basemap, why;
    REQUIRE(readWholeFile(builtinBasemapPath("us-states"), basemap, why));
    std::uint64_t h = 1469598103934665603ull;
    auto add = [&](std::string_view bytes) {
        for (const char c : bytes) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ull;
        }
    };
    add(manifest);
    for (const std::string_view file :
         {std::string_view(basemap), std::string_view(dc), std::string_view(pp)}) {
        add(file);
        add(std::string_view("\0", 1));
    }
    const Loaded native = loadDir(dir.str());
    REQUIRE_LOADED(native);
    CHECK(native.scenario().contentHash == h);
    setCsvReader(CsvReader::Gdal);
    const Loaded gdal = loadDir(dir.str());
    setCsvReader(CsvReader::Native);
    REQUIRE_LOADED(gdal);
    CHECK(gdal.scenario().contentHash == h);
}
