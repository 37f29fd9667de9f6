// FILE:LINE[:COLUMN] formatting and the per-file bound on stored problems.
#include "core/diagnostics.h"

#include <catch2/catch.hpp>

using namespace buildout;

TEST_CASE("formatDiagnostic: FILE:LINE:COLUMN: error|warning: MESSAGE", "[diagnostics]") {
    CHECK(formatDiagnostic({Severity::Error, "a/b.csv", 12, 3, "bad"}) == "a/b.csv:12:3: error: bad");
    CHECK(formatDiagnostic({Severity::Warning, "a/b.csv", 12, 0, "odd"}) == "a/b.csv:12: warning: odd");
    CHECK(formatDiagnostic({Severity::Error, "scenario.json", 0, 0, "file is empty"}) ==
          "scenario.json: error: file is empty");
    CHECK(formatDiagnostic({Severity::Error, "x", 0, 5, "no line, so no column"}) == "x: error: no line, so no column");
}

TEST_CASE("Diagnostics: counts every problem, stores at most kMaxPerFile per file", "[diagnostics]") {
    Diagnostics d;
    CHECK_FALSE(d.hasErrors());
    for (int i = 1; i <= 250; ++i) d.error("a.csv", i, "e" + std::to_string(i));
    for (int i = 1; i <= 3; ++i) d.warning("b.csv", i, "w");
    d.error("b.csv", 9, "last", 2);
    CHECK(d.hasErrors());
    CHECK(d.errorCount() == 251);
    CHECK(d.warningCount() == 3);
    const auto items = d.items();
    REQUIRE(items.size() == Diagnostics::kMaxPerFile + 4 + 1);
    CHECK(items[0].message == "e1");
    CHECK(items[Diagnostics::kMaxPerFile - 1].message == "e200");
    CHECK(items[Diagnostics::kMaxPerFile].file == "b.csv"); // b.csv's are all kept
    CHECK(items[Diagnostics::kMaxPerFile + 3].column == 2);
    CHECK(items.back().file == "a.csv");
    CHECK(items.back().severity == Severity::Warning);
    CHECK(items.back().line == 0);
    CHECK(items.back().message == "50 more problems in this file not shown");

    Diagnostics all;
    all.warning("c.csv", 1, "first");
    all.append(d);
    CHECK(all.errorCount() == 251);
    CHECK(all.warningCount() == 4);
    CHECK(all.items().size() == Diagnostics::kMaxPerFile + 5 + 1);
}
