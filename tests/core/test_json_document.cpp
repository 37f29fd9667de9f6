// JSON parsing with line numbers, depth limit, BOM and non-finite numbers (json_document.h).
#include "core/json_document.h"

#include <catch2/catch.hpp>

#include <string>

using namespace buildout;

TEST_CASE("JsonDocument: line of every value by JSON Pointer", "[json]") {
    const std::string text = "{\n"                                   // 1
                             "  \"a\": 1,\n"                         // 2
                             "  \"b\": {\n"                          // 3
                             "    \"c\": \"x\",\n"                   // 4
                             "    \"d/e\": [10,\n"                   // 5
                             "           20,\n"                      // 6
                             "           {\"f\": true}]\n"           // 7
                             "  },\n"                                // 8
                             "  \"list\": [\n"                       // 9
                             "    { \"date\": \"2026\" },\n"         // 10
                             "    { \"date\": \"2027\",\n"           // 11
                             "      \"title\": \"t\" }\n"            // 12
                             "  ],\n"                                // 13
                             "  \"til~de\": null\n"                  // 14
                             "}\n";
    JsonDocument doc;
    JsonError err;
    REQUIRE(parseJsonDocument(text, doc, err));
    CHECK(doc.root["a"] == 1);
    CHECK(doc.lineOf("") == 1);
    CHECK(doc.lineOf("/a") == 2);
    CHECK(doc.lineOf("/b") == 3);
    CHECK(doc.lineOf("/b/c") == 4);
    CHECK(doc.lineOf("/b/d~1e") == 5); // '/' in a key is escaped as ~1
    CHECK(doc.lineOf("/b/d~1e/0") == 5);
    CHECK(doc.lineOf("/b/d~1e/1") == 6);
    CHECK(doc.lineOf("/b/d~1e/2") == 7);
    CHECK(doc.lineOf("/b/d~1e/2/f") == 7);
    CHECK(doc.lineOf("/list") == 9);
    CHECK(doc.lineOf("/list/0") == 10);
    CHECK(doc.lineOf("/list/0/date") == 10);
    CHECK(doc.lineOf("/list/1") == 11);
    CHECK(doc.lineOf("/list/1/date") == 11);
    CHECK(doc.lineOf("/list/1/title") == 12);
    CHECK(doc.lineOf("/til~0de") == 14); // '~' is escaped as ~0
    CHECK(doc.lineOf("/missing") == 0);
    CHECK(doc.lineOf("/list/2") == 0);
}

TEST_CASE("JsonDocument: syntax errors give line and column", "[json]") {
    JsonDocument doc;
    JsonError err;
    const std::string text = "{\n  \"a\": 1,\n  \"b\": tru\n}\n";
    REQUIRE_FALSE(parseJsonDocument(text, doc, err));
    CHECK(err.line == 3);
    CHECK(err.column > 0);
    CHECK(err.message.find("invalid JSON") != std::string::npos);

    REQUIRE_FALSE(parseJsonDocument("{\"a\": 1,}", doc, err));
    CHECK(err.line == 1);
    CHECK(err.message.find("invalid JSON") != std::string::npos);

    REQUIRE_FALSE(parseJsonDocument("", doc, err));
    CHECK(err.message.find("invalid JSON") != std::string::npos);

    REQUIRE_FALSE(parseJsonDocument("{} trailing", doc, err));
    CHECK(err.message.find("invalid JSON") != std::string::npos);
}

TEST_CASE("JsonDocument: nesting deeper than the limit is refused", "[json]") {
    JsonDocument doc;
    JsonError err;
    auto nested = [](int depth) { return std::string(static_cast<std::size_t>(depth), '[') +
                                         std::string(static_cast<std::size_t>(depth), ']'); };
    CHECK(parseJsonDocument(nested(64), doc, err));
    REQUIRE_FALSE(parseJsonDocument(nested(65), doc, err));
    CHECK(err.message.find("nested deeper than 64") != std::string::npos);
    CHECK(err.line == 1);

    CHECK(parseJsonDocument(nested(5), doc, err, 5));
    CHECK_FALSE(parseJsonDocument(nested(6), doc, err, 5));

    // Objects count too, and the error names the line where the limit is crossed.
    std::string objects;
    for (int i = 0; i < 70; ++i) objects += "{\"k\":\n";
    objects += "1";
    for (int i = 0; i < 70; ++i) objects += "}";
    REQUIRE_FALSE(parseJsonDocument(objects, doc, err));
    CHECK(err.line == 65);
    CHECK(err.message.find("nested deeper") != std::string::npos);

    // 100,000 levels: refused quickly, without recursion into the depth.
    REQUIRE_FALSE(parseJsonDocument(nested(100000), doc, err));
    CHECK(err.message.find("nested deeper than 64") != std::string::npos);

    std::vector<int> lines;
    REQUIRE_FALSE(scanGeoJsonFeatureLines("{\"type\":\"FeatureCollection\",\"features\":[" + nested(100000) + "]}",
                                          lines, err));
    CHECK(err.message.find("nested deeper than 64") != std::string::npos);
}

TEST_CASE("JsonDocument: a UTF-8 byte order mark is skipped", "[json]") {
    JsonDocument doc;
    JsonError err;
    REQUIRE(parseJsonDocument("\xEF\xBB\xBF{\n\"a\":\n[1, 2]}", doc, err));
    CHECK(doc.root["a"][1] == 2);
    CHECK(doc.lineOf("/a") == 2);
    CHECK(doc.lineOf("/a/1") == 3);

    // Error positions are counted after the BOM.
    REQUIRE_FALSE(parseJsonDocument("\xEF\xBB\xBF{\n  \"a\": x}", doc, err));
    CHECK(err.line == 2);
    CHECK(err.message.find("invalid JSON") != std::string::npos);

    // A BOM alone is not a document.
    CHECK_FALSE(parseJsonDocument("\xEF\xBB\xBF", doc, err));
}

TEST_CASE("JsonDocument: non-finite and huge numbers are refused", "[json]") {
    JsonDocument doc;
    JsonError err;
    REQUIRE_FALSE(parseJsonDocument("{\n\"a\": 1e309}", doc, err));
    CHECK(err.line == 2);
    CHECK(err.message.find("1e309") != std::string::npos);
    CHECK_FALSE(parseJsonDocument("{\"a\": -1e309}", doc, err));
    CHECK_FALSE(parseJsonDocument("{\"a\": NaN}", doc, err));
    CHECK_FALSE(parseJsonDocument("{\"a\": Infinity}", doc, err));
    CHECK_FALSE(parseJsonDocument("{\"a\": -inf}", doc, err));
    // Large but finite numbers are fine, and integers beyond 64 bits become doubles.
    REQUIRE(parseJsonDocument("{\"a\": 1e308, \"b\": 123456789012345678901234567890}", doc, err));
    CHECK(doc.root["a"].get<double>() == Approx(1e308));
    CHECK(doc.root["b"].is_number_float());
}

TEST_CASE("scanGeoJsonFeatureLines: start line of each feature", "[json]") {
    const std::string text = "{\"type\": \"FeatureCollection\",\n"      // 1
                             " \"features\": [\n"                      // 2
                             "  {\"type\": \"Feature\",\n"             // 3
                             "   \"properties\": {\"id\": \"a\", \"list\": [1, 2]},\n" // 4
                             "   \"geometry\": null},\n"               // 5
                             "  {\"type\": \"Feature\", \"properties\": {\"id\": \"b\"}, \"geometry\": null},\n" // 6
                             "\n"                                      // 7
                             "  {\"type\": \"Feature\", \"properties\": {}, \"geometry\": null}\n" // 8
                             " ],\n"                                   // 9
                             " \"other\": [{\"x\": 1}]\n"              // 10
                             "}\n";
    std::vector<int> lines;
    JsonError err;
    REQUIRE(scanGeoJsonFeatureLines(text, lines, err));
    CHECK(lines == std::vector<int>{3, 6, 8});

    REQUIRE(scanGeoJsonFeatureLines("{\"type\":\"FeatureCollection\",\"features\":[]}", lines, err));
    CHECK(lines.empty());

    REQUIRE_FALSE(scanGeoJsonFeatureLines("{\"features\": [\n{\"a\": 1e999}]}", lines, err));
    CHECK(err.line == 2);
}
