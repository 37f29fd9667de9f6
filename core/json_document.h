// JSON parsing for untrusted files, with the source line of every value and a nesting limit.
//
// nlohmann-json gives no positions, so parsing goes through its SAX interface over an input iterator
// that counts newlines: when a value is reported, the count is the line it ends on (values of the
// manifest are one-liners, so that is their line). Nesting deeper than `maxDepth` is refused before it
// can cost stack or memory.
#pragma once

#include "date.h"
#include "diagnostics.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>

namespace buildout {

struct JsonDocument {
    nlohmann::json root;
    /// JSON Pointer (e.g. `/events/2/date`) -> 1-based line of that value (for objects and arrays: the
    /// line of the opening bracket; for object members the key's line is used if different).
    std::unordered_map<std::string, int> lines;
    int lineOf(const std::string& pointer) const; ///< 0 when unknown
};

struct JsonError {
    int line = 0;
    int column = 0;
    std::string message;
};

/// Parses `text` into `out`. Returns false and fills `err` on malformed JSON, non-finite numbers
/// (e.g. 1e309) or nesting deeper than maxDepth.
bool parseJsonDocument(std::string_view text, JsonDocument& out, JsonError& err, int maxDepth = 64);

/// Scans a GeoJSON text without building a tree: checks well-formedness and nesting depth, and returns
/// the 1-based line on which each element of the top-level `features` array starts.
bool scanGeoJsonFeatureLines(std::string_view text, std::vector<int>& featureLines, JsonError& err,
                             int maxDepth = 64);

/// Checks the values of a parsed document and reports each problem as FILE:LINE at the value it concerns.
/// Shared by the readers of JSON formats (scenario.json, TOUR.json) so that they word and place their
/// diagnostics alike. `pointer` arguments are JSON Pointers into the document ("" is the root); `obj` is
/// the object found at `pointer`.
class JsonChecker {
public:
    JsonChecker(const JsonDocument& doc, std::string display, Diagnostics& diag)
        : doc_(doc), display_(std::move(display)), diag_(diag) {}

    /// The line of the value at `pointer`, else of the nearest enclosing value with a known line (a value
    /// the parser gave no line, such as a member that is missing); 1 when none has one.
    int line(const std::string& pointer) const;
    /// Reports at line(pointer). An error also clears ok().
    void error(const std::string& pointer, const std::string& message);
    void warning(const std::string& pointer, const std::string& message);
    /// False once error() has been called.
    bool ok() const { return ok_; }

    /// Warns about every member of `obj` not in `known` ("unknown key "k" in WHERE (ignored)").
    void unknownKeys(const nlohmann::json& obj, const std::string& pointer,
                     std::initializer_list<const char*> known, const std::string& where);
    /// Member `key` of `obj` as a string. False when absent (an error only if `required`) or not a string
    /// (an error).
    bool string(const nlohmann::json& obj, const std::string& pointer, const char* key, std::string& out,
                bool required = false);
    /// Member `key` of `obj` as text of a few paragraphs: a string, or a list of strings (one per paragraph,
    /// joined with a blank line). False when absent (never an error) or of another type (an error).
    bool paragraphs(const nlohmann::json& obj, const std::string& pointer, const char* key, std::string& out);
    /// Member `key` of `obj` as a strict ISO date (spec "Dates"); like string(), and a bad date is an error.
    bool date(const nlohmann::json& obj, const std::string& pointer, const char* key, Day& out,
              bool required = false);
    /// Member `key` of `obj` as a finite number in [lo, hi]. False when absent (never an error) or not such
    /// a number (an error).
    bool number(const nlohmann::json& obj, const std::string& pointer, const char* key, double lo, double hi,
                double& out);

private:
    const JsonDocument& doc_;
    std::string display_; ///< file name in messages
    Diagnostics& diag_;
    bool ok_ = true;
};

} // namespace buildout
