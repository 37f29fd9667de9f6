// Region groups: reading (inline in the manifest or from a data file) and resolving against the basemap.
#include "region_groups.h"

#include "asset_paths.h"
#include "basemap.h"
#include "json_document.h"
#include "table_reader.h"

#include <filesystem>
#include <unordered_map>

namespace buildout {

using nlohmann::json;

namespace {

void readGroup(JsonChecker& c, const json& g, const std::string& ptr, RegionGroupSet& out) {
    if (!g.is_object()) {
        c.error(ptr, "a region group must be an object with \"id\", \"name\" and \"regions\"");
        return;
    }
    c.unknownKeys(g, ptr, {"id", "name", "regions", "note"}, "a region group");
    RegionGroup group;
    group.line = c.line(ptr);
    if (!c.string(g, ptr, "id", group.id, true)) return;
    if (group.id.empty()) {
        c.error(ptr + "/id", "a region group id must not be empty");
        return;
    }
    c.string(g, ptr, "name", group.name, false);
    auto it = g.find("regions");
    if (it == g.end() || !it->is_array() || it->empty()) {
        c.error(it == g.end() ? ptr : ptr + "/regions",
                "region group '" + group.id + "' needs \"regions\": a non-empty array of basemap region ids");
        return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string rp = ptr + "/regions/" + std::to_string(i);
        if (!(*it)[i].is_string()) {
            c.error(rp, "a region id must be a string");
            continue;
        }
        group.regionIds.push_back((*it)[i].get<std::string>());
        group.regionLines.push_back(c.line(rp));
    }
    out.groups.push_back(std::move(group));
}

} // namespace

void readRegionGroupsJson(JsonChecker& c, const json& value, const std::string& pointer,
                          RegionGroupSet& out) {
    const json* groups = &value;
    std::string gptr = pointer;
    if (value.is_object()) {
        c.unknownKeys(value, pointer, {"title", "source", "note", "groups"}, "the region groups");
        c.string(value, pointer, "title", out.title, false);
        c.string(value, pointer, "source", out.source, false);
        c.string(value, pointer, "note", out.note, false);
        auto it = value.find("groups");
        if (it == value.end()) {
            c.error(pointer, "region groups need \"groups\": an array of {\"id\", \"name\", \"regions\"}");
            return;
        }
        groups = &*it;
        gptr = pointer + "/groups";
    }
    if (!groups->is_array()) {
        c.error(gptr, "region groups must be an array of {\"id\", \"name\", \"regions\"}");
        return;
    }
    for (std::size_t i = 0; i < groups->size(); ++i)
        readGroup(c, (*groups)[i], gptr + "/" + std::to_string(i), out);
}

std::string builtinRegionGroupsPath(const std::string& basemapId, const std::string& name) {
    auto plain = [](const std::string& s) {
        return !s.empty() && s.find('/') == std::string::npos && s.find('\\') == std::string::npos &&
               s.find("..") == std::string::npos;
    };
    if (!plain(basemapId) || !plain(name)) return {};
    const std::filesystem::path p =
        std::filesystem::path(assetsDirectory()) / "basemaps" / (basemapId + "." + name + ".groups.json");
    std::error_code ec;
    return std::filesystem::is_regular_file(p, ec) ? p.string() : std::string();
}

bool loadRegionGroupsFile(const std::string& path, const std::string& display, RegionGroupSet& out,
                          Diagnostics& diag) {
    std::string text, why;
    if (!readWholeFile(path, text, why, 4u << 20)) {
        diag.error(display, 0, why);
        return false;
    }
    JsonDocument doc;
    JsonError err;
    if (!parseJsonDocument(text, doc, err)) {
        diag.error(display, err.line, err.message, err.column);
        return false;
    }
    JsonChecker c(doc, display, diag);
    out.file = display;
    readRegionGroupsJson(c, doc.root, "", out);
    return c.ok();
}

bool resolveRegionGroups(RegionGroupSet& set, const Basemap& basemap, Diagnostics& diag) {
    const std::size_t before = diag.errorCount();
    std::unordered_map<std::string, int> groupIds;
    std::unordered_map<int, std::size_t> owner; // region index -> group index
    for (std::size_t g = 0; g < set.groups.size(); ++g) {
        RegionGroup& group = set.groups[g];
        if (!groupIds.emplace(group.id, group.line).second)
            diag.error(set.file, group.line, "region group id '" + group.id + "' is used twice");
        if (basemap.find(group.id) >= 0)
            diag.error(set.file, group.line,
                       "region group id '" + group.id +
                           "' is also a basemap region id (series could not tell them apart)");
        group.regions.clear();
        for (std::size_t i = 0; i < group.regionIds.size(); ++i) {
            const std::string& rid = group.regionIds[i];
            const int line = group.regionLines[i];
            const int r = basemap.find(rid);
            if (r < 0) {
                diag.error(set.file, line,
                           "region group '" + group.id + "': '" + rid + "' is not a region of the basemap");
                continue;
            }
            if (basemap.regions[static_cast<std::size_t>(r)].isNation()) {
                diag.error(set.file, line,
                           "region group '" + group.id + "': '" + rid +
                               "' is the whole nation, not a region");
                continue;
            }
            auto [it, fresh] = owner.emplace(r, g);
            if (!fresh) {
                diag.error(set.file, line,
                           "region '" + rid + "' is in two region groups: '" + set.groups[it->second].id +
                               "' and '" + group.id + "'");
                continue;
            }
            group.regions.push_back(r);
        }
    }
    return diag.errorCount() == before;
}

} // namespace buildout
