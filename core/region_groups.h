// Region groups (manifest key `region_groups`): named groups of basemap regions, e.g. the US grid
// operators as groups of states. The power balance is computed per group.
#pragma once

#include "diagnostics.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace buildout {

class Basemap;
class JsonChecker;

struct RegionGroup {
    std::string id;
    std::string name;
    std::vector<std::string> regionIds; ///< as written
    std::vector<int> regionLines;       ///< line of each id in `file`
    std::vector<int> regions;           ///< basemap region indices, once resolved
    int line = 0;                       ///< line of the group in `file`
    const std::string& label() const { return name.empty() ? id : name; }
};

struct RegionGroupSet {
    std::string title;
    std::string source; ///< where the grouping comes from (shown with the balance)
    std::string note;   ///< e.g. "approximate: each state in the operator that serves most of its load"
    std::string file;   ///< display name of the file the groups were read from (manifest or data file)
    std::vector<RegionGroup> groups;
    bool empty() const { return groups.empty(); }
};

/// Reads `{"title", "source", "note", "groups": [{"id", "name", "regions": [ids]}]}` (or a bare array of
/// groups) at `pointer` of the checker's document. Structural problems are reported through `c`.
void readRegionGroupsJson(JsonChecker& c, const nlohmann::json& value, const std::string& pointer,
                          RegionGroupSet& out);

/// Path of the groups file `name` shipped with built-in basemap `basemapId`
/// (assets/basemaps/<basemap>.<name>.groups.json), or empty when there is none.
std::string builtinRegionGroupsPath(const std::string& basemapId, const std::string& name);

/// Reads a groups data file (see readRegionGroupsJson); false (reported) when it cannot be read.
bool loadRegionGroupsFile(const std::string& path, const std::string& display, RegionGroupSet& out,
                          Diagnostics& diag);

/// Resolves region ids against the basemap: an unknown id, a nation region, a region in two groups, a
/// duplicate group id or a group id that is also a region id is an error at its FILE:LINE.
bool resolveRegionGroups(RegionGroupSet& set, const Basemap& basemap, Diagnostics& diag);

} // namespace buildout
