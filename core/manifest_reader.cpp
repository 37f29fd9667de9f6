// scenario.json: structure, types, dates, metrics, layers (paths kept inside the folder), events, sources.
#include "manifest_reader.h"

#include "json_document.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

namespace buildout {

namespace fs = std::filesystem;
using nlohmann::json;

const char* layerKindName(LayerKind kind) {
    switch (kind) {
    case LayerKind::Datacenters: return "datacenters";
    case LayerKind::PowerPlants: return "power_plants";
    case LayerKind::Transmission: return "transmission";
    case LayerKind::Superclusters: return "superclusters";
    case LayerKind::Zones: return "zones";
    case LayerKind::Series: return "series";
    }
    return "?";
}

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// Resolves a manifest path against the scenario folder; refuses absolute paths and anything that leaves
/// the folder (`../`, or a symlink pointing out).
bool resolveInside(const std::string& folder, const std::string& rel, std::string& out, std::string& why) {
    if (rel.empty()) {
        why = "empty file path";
        return false;
    }
    const fs::path p(rel);
    if (p.is_absolute()) {
        why = "file path '" + rel + "' must be relative to the scenario folder";
        return false;
    }
    std::error_code ec;
    const fs::path base = fs::weakly_canonical(fs::absolute(folder, ec), ec);
    const fs::path full = fs::weakly_canonical(base / p, ec);
    if (ec) {
        why = "cannot resolve file path '" + rel + "'";
        return false;
    }
    const auto mismatch = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
    if (mismatch.first != base.end()) {
        why = "file path '" + rel + "' leaves the scenario folder";
        return false;
    }
    out = full.string();
    return true;
}

// One reader per part of the manifest, in the order readManifest calls them (which is the order of their
// diagnostics). `c` reports at the line of each value; a missing required key is reported at its parent.

/// format, version, id, title, description and as_of: what the scenario is and which build reads it.
void readIdentity(JsonChecker& c, const json& root, Manifest& m) {
    std::string format;
    if (c.string(root, "", "format", format, true) && format != "buildout-scenario")
        c.error("/format", "\"format\" must be \"buildout-scenario\", not \"" + format + "\"");
    if (auto it = root.find("version"); it == root.end())
        c.error("", "missing required key \"version\"");
    else if (!it->is_number_integer() || it->get<long long>() != 1)
        c.error("/version", "unsupported \"version\" " + it->dump() + " (this build reads version 1)");
    if (c.string(root, "", "id", m.id, true) && m.id.empty()) c.error("/id", "\"id\" must not be empty");
    c.string(root, "", "title", m.title, true);
    c.string(root, "", "description", m.description, false);
    c.date(root, "", "as_of", m.asOf, false);
}

/// "time": {"start", "end"}, the scenario's range in days; end must not be before start.
void readTimeRange(JsonChecker& c, const json& root, Manifest& m) {
    auto it = root.find("time");
    if (it == root.end()) {
        c.error("", "missing required key \"time\"");
        return;
    }
    if (!it->is_object()) {
        c.error("/time", "\"time\" must be an object with \"start\" and \"end\"");
        return;
    }
    c.unknownKeys(*it, "/time", {"start", "end"}, "\"time\"");
    const bool s = c.date(*it, "/time", "start", m.start, true);
    const bool e = c.date(*it, "/time", "end", m.end, true);
    if (s && e && m.end < m.start) c.error("/time/end", "\"time.end\" is before \"time.start\"");
}

/// "map": {"basemap", "crs"}, both optional. A basemap naming a vector file is a path inside the folder
/// (resolved into `basemapFile`); any other name is a built-in basemap, checked by the loader.
void readMap(JsonChecker& c, const json& root, const std::string& folder, Manifest& m,
             std::string& basemapFile) {
    auto it = root.find("map");
    if (it == root.end()) return;
    if (!it->is_object()) {
        c.error("/map", "\"map\" must be an object");
        return;
    }
    c.unknownKeys(*it, "/map", {"basemap", "crs"}, "\"map\"");
    if (c.string(*it, "/map", "basemap", m.basemap, false)) m.basemapLine = c.line("/map/basemap");
    c.string(*it, "/map", "crs", m.crs, false);
    const std::string ext = lower(fs::path(m.basemap).extension().string());
    if (ext == ".geojson" || ext == ".json" || ext == ".gpkg" || ext == ".shp") {
        std::string why;
        if (!resolveInside(folder, m.basemap, basemapFile, why)) c.error("/map/basemap", why);
    }
}

/// "metrics": {name: {"unit", "interpolation"}}; interpolation is "step" (the default) or "linear".
void readMetrics(JsonChecker& c, const json& root, Manifest& m) {
    auto it = root.find("metrics");
    if (it == root.end()) return;
    if (!it->is_object()) {
        c.error("/metrics", "\"metrics\" must be an object of metric definitions");
        return;
    }
    for (auto mit = it->begin(); mit != it->end(); ++mit) {
        const std::string ptr = "/metrics/" + mit.key();
        MetricDef def;
        def.name = mit.key();
        if (!mit->is_object()) {
            c.error(ptr, "metric \"" + def.name + "\" must be an object with \"unit\" and \"interpolation\"");
            continue;
        }
        c.unknownKeys(*mit, ptr, {"unit", "interpolation", "description"}, "a metric");
        c.string(*mit, ptr, "unit", def.unit, false);
        std::string interp = "step";
        if (c.string(*mit, ptr, "interpolation", interp, false)) {
            interp = lower(interp);
            if (interp == "linear")
                def.interpolation = Interpolation::Linear;
            else if (interp != "step")
                c.error(ptr + "/interpolation",
                        "interpolation must be \"step\" or \"linear\", not \"" + interp + "\"");
        }
        m.metrics.push_back(std::move(def));
    }
}

/// One element of "layers" at `ptr`: {"kind", "file"}. False (reported) when it cannot be read: no kind or
/// file, an unknown kind, or a file path that leaves the folder.
bool readLayerEntry(JsonChecker& c, const json& e, const std::string& ptr, const std::string& folder,
                    LayerEntry& entry) {
    if (!e.is_object()) {
        c.error(ptr, "a layer must be an object with \"kind\" and \"file\"");
        return false;
    }
    c.unknownKeys(e, ptr, {"kind", "file", "title"}, "a layer");
    std::string kind, file;
    const bool hasKind = c.string(e, ptr, "kind", kind, true);
    const bool hasFile = c.string(e, ptr, "file", file, true);
    if (!hasKind || !hasFile) return false;
    entry.file = file;
    // Errors about the file (not found, not readable) concern the "file" value: report at its line, which
    // differs from the entry's "{" when an entry spans several lines.
    entry.line = c.line(ptr + "/file");
    const std::string k = lower(kind);
    static const std::pair<const char*, LayerKind> kKinds[] = {{"datacenters", LayerKind::Datacenters},
                                                               {"power_plants", LayerKind::PowerPlants},
                                                               {"transmission", LayerKind::Transmission},
                                                               {"superclusters", LayerKind::Superclusters},
                                                               {"zones", LayerKind::Zones},
                                                               {"series", LayerKind::Series}};
    auto kit =
        std::find_if(std::begin(kKinds), std::end(kKinds), [&](const auto& p) { return k == p.first; });
    if (kit == std::end(kKinds)) {
        c.error(ptr + "/kind", "unknown layer kind \"" + kind +
                                   "\" (expected datacenters, power_plants, transmission, superclusters, "
                                   "zones or series)");
        return false;
    }
    entry.kind = kit->second;
    std::string why;
    if (!resolveInside(folder, file, entry.resolved, why)) {
        c.error(ptr + "/file", why);
        return false;
    }
    return true;
}

/// "layers": the layer files in manifest order (the order they are read in). Required, may be empty.
void readLayers(JsonChecker& c, const json& root, const std::string& folder, std::vector<LayerEntry>& out) {
    auto it = root.find("layers");
    if (it == root.end()) {
        c.error("", "missing required key \"layers\"");
        return;
    }
    if (!it->is_array()) {
        c.error("/layers", "\"layers\" must be an array");
        return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        LayerEntry entry;
        if (readLayerEntry(c, (*it)[i], "/layers/" + std::to_string(i), folder, entry))
            out.push_back(std::move(entry));
    }
}

/// One element of "events" at `ptr`. Its focus ids go to `focusIds` with their lines, to be checked once
/// the entities are known. False when it has no valid date (the event is then dropped).
bool readEvent(JsonChecker& c, const json& e, const std::string& ptr, ScenarioEvent& ev,
               std::vector<std::pair<std::string, int>>& focusIds) {
    if (!e.is_object()) {
        c.error(ptr, "an event must be an object with \"date\" and \"title\"");
        return false;
    }
    c.unknownKeys(e, ptr, {"date", "title", "text", "focus", "notes"}, "an event");
    ev.line = c.line(ptr);
    const bool okDate = c.date(e, ptr, "date", ev.date, true);
    c.string(e, ptr, "title", ev.title, true);
    c.string(e, ptr, "text", ev.text, false);
    c.paragraphs(e, ptr, "notes", ev.notes);
    if (auto f = e.find("focus"); f != e.end()) {
        if (!f->is_array())
            c.error(ptr + "/focus", "\"focus\" must be an array of ids");
        else
            for (std::size_t k = 0; k < f->size(); ++k) {
                const std::string idPtr = ptr + "/focus/" + std::to_string(k);
                const json& id = (*f)[k];
                if (!id.is_string()) {
                    c.error(idPtr, "\"focus\" ids must be strings");
                    continue;
                }
                ev.focus.push_back(id.get<std::string>());
                focusIds.emplace_back(ev.focus.back(), c.line(idPtr));
            }
    }
    return okDate;
}

/// "events": optional; kept sorted by date (stable, so events of one day keep their manifest order).
void readEvents(JsonChecker& c, const json& root, Manifest& m,
                std::vector<std::pair<std::string, int>>& focusIds) {
    auto it = root.find("events");
    if (it == root.end()) return;
    if (!it->is_array()) {
        c.error("/events", "\"events\" must be an array");
    } else {
        for (std::size_t i = 0; i < it->size(); ++i) {
            ScenarioEvent ev;
            if (readEvent(c, (*it)[i], "/events/" + std::to_string(i), ev, focusIds))
                m.events.push_back(std::move(ev));
        }
    }
    std::stable_sort(m.events.begin(), m.events.end(),
                     [](const ScenarioEvent& a, const ScenarioEvent& b) { return a.date < b.date; });
}

/// "sources": optional list of {"id", "title", "url"}, all optional strings.
void readSources(JsonChecker& c, const json& root, Manifest& m) {
    auto it = root.find("sources");
    if (it == root.end()) return;
    if (!it->is_array()) {
        c.error("/sources", "\"sources\" must be an array");
        return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string ptr = "/sources/" + std::to_string(i);
        const json& e = (*it)[i];
        if (!e.is_object()) {
            c.error(ptr, "a source must be an object with \"id\", \"title\" and \"url\"");
            continue;
        }
        c.unknownKeys(e, ptr, {"id", "title", "url", "publisher", "date", "note"}, "a source");
        SourceInfo s;
        c.string(e, ptr, "id", s.id, false);
        c.string(e, ptr, "title", s.title, false);
        c.string(e, ptr, "url", s.url, false);
        m.sources.push_back(std::move(s));
    }
}

/// "region_groups": a name (a groups file shipped with the built-in basemap, e.g. "grid-operators") or
/// the groups themselves (see region_groups.h).
void readRegionGroupsKey(JsonChecker& c, const json& root, const std::string& display, ManifestReadResult& r) {
    auto it = root.find("region_groups");
    if (it == root.end()) return;
    r.regionGroupsLine = c.line("/region_groups");
    if (it->is_string()) {
        r.regionGroupsName = it->get<std::string>();
        if (r.regionGroupsName.empty()) c.error("/region_groups", "\"region_groups\" must not be empty");
        return;
    }
    r.regionGroups.file = display;
    readRegionGroupsJson(c, *it, "/region_groups", r.regionGroups);
}

/// "assumptions": optional {"pue": number >= 1, "note": text}: the figures a scenario states to convert
/// capacity bases (docs/format.md "Capacity basis"); shown wherever a converted figure appears.
void readAssumptions(JsonChecker& c, const json& root, Manifest& m) {
    auto it = root.find("assumptions");
    if (it == root.end()) return;
    if (!it->is_object()) {
        c.error("/assumptions", "\"assumptions\" must be an object, e.g. {\"pue\": 1.3}");
        return;
    }
    c.unknownKeys(*it, "/assumptions", {"pue", "note"}, "\"assumptions\"");
    if (it->contains("pue")) {
        double pue = 0;
        if (c.number(*it, "/assumptions", "pue", 1.0, 10.0, pue)) m.assumptions.pue = pue;
    }
    std::string note;
    c.string(*it, "/assumptions", "note", note, false);
}

} // namespace

ManifestReadResult readManifest(const std::string& text, const std::string& display, const std::string& folder,
                                Diagnostics& diag) {
    ManifestReadResult r;
    JsonDocument doc;
    JsonError jerr;
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        diag.error(display, 1, "file is empty"); // line 1: every problem names a line
        return r;
    }
    if (!parseJsonDocument(text, doc, jerr)) {
        diag.error(display, jerr.line, jerr.message, jerr.column);
        return r;
    }
    const std::size_t errorsBefore = diag.errorCount();
    JsonChecker c(doc, display, diag);
    const json& root = doc.root;
    if (!root.is_object()) {
        c.error("", "the manifest must be a JSON object");
        return r;
    }
    Manifest& m = r.manifest;
    c.unknownKeys(root, "",
                  {"format", "version", "id", "title", "description", "as_of", "time", "map", "metrics", "layers",
                   "events", "sources", "region_groups", "assumptions"},
                  "the manifest");
    readIdentity(c, root, m);
    readTimeRange(c, root, m);
    readMap(c, root, folder, m, r.basemapFile);
    readMetrics(c, root, m);
    readLayers(c, root, folder, r.layers);
    readEvents(c, root, m, r.focusIds);
    readSources(c, root, m);
    readRegionGroupsKey(c, root, display, r);
    readAssumptions(c, root, m);
    r.ok = diag.errorCount() == errorsBefore;
    return r;
}

} // namespace buildout
