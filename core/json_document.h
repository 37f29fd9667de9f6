// JSON parsing for untrusted files, with the source line of every value and a nesting limit.
//
// nlohmann-json gives no positions, so parsing goes through its SAX interface over an input iterator
// that counts newlines: when a value is reported, the count is the line it ends on (values of the
// manifest are one-liners, so that is their line). Nesting deeper than `maxDepth` is refused before it
// can cost stack or memory.
#pragma once

#include <nlohmann/json.hpp>

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

} // namespace buildout
