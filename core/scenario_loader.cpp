// Scenario loading: manifest, basemap, layer files, then references, series and projection.
#include "scenario_loader.h"

#include "layer_rows.h"
#include "manifest_reader.h"
#include "projection.h"
#include "table_reader.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string_view>
#include <unordered_map>

namespace buildout {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

void hashBytes(std::uint64_t& h, const char* data, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        h ^= static_cast<unsigned char>(data[i]);
        h *= kFnvPrime;
    }
}

/// Ends a file's bytes in the hash, so that moving bytes between files changes the hash.
void endFileHash(std::uint64_t& h) {
    hashBytes(h, "\0", 1);
}

void hashFile(std::uint64_t& h, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        hashBytes(h, buf, static_cast<std::size_t>(in.gcount()));
    }
    endFileHash(h);
}

/// The basemap of `path`, shared with earlier loads in this process when nothing it depends on changed:
/// the app loads the scenario again after every edit, and parsing and projecting us-states costs ~60 ms
/// each time (docs/benchmarks.md). A changed file has another size or modification time. Only loads
/// that reported nothing are kept, so a basemap's warnings are never lost. Thread-safe; a Basemap is
/// never modified once shared.
std::shared_ptr<const Basemap> sharedBasemap(const std::string& path, const std::string& display,
                                             const std::string& id, const Projection& projection,
                                             Diagnostics& diag) {
    struct Entry {
        std::string path, display, id, crs;
        std::uintmax_t size = 0;
        fs::file_time_type time;
        std::shared_ptr<const Basemap> map;
        bool same(const Entry& o) const {
            return path == o.path && display == o.display && id == o.id && crs == o.crs && size == o.size &&
                   time == o.time;
        }
    };
    static std::mutex mutex;
    static std::deque<Entry> recent; // a few, the most recent last
    constexpr std::size_t kKept = 4;

    Entry key{path, display, id, projection.crs(), 0, {}, nullptr};
    std::error_code sizeError, timeError;
    key.size = fs::file_size(path, sizeError);
    key.time = fs::last_write_time(path, timeError);
    const bool cacheable = !sizeError && !timeError;
    if (cacheable) {
        const std::lock_guard lock(mutex);
        for (const Entry& e : recent)
            if (e.same(key)) return e.map;
    }
    const std::size_t reportedBefore = diag.errorCount() + diag.warningCount();
    std::shared_ptr<Basemap> map = loadBasemap(path, display, projection, diag);
    if (!map) return nullptr;
    map->id = id;
    if (cacheable && diag.errorCount() + diag.warningCount() == reportedBefore) {
        key.map = map;
        const std::lock_guard lock(mutex);
        recent.push_back(std::move(key));
        if (recent.size() > kKept) recent.pop_front();
    }
    return map;
}

/// Nearest region within `maxDistance` metres of p (for approximate points just off a coastline).
int nearestRegion(const Basemap& map, glm::dvec2 p, double maxDistance) {
    int best = -1;
    double bestD2 = maxDistance * maxDistance;
    for (std::size_t i = 0; i < map.regions.size(); ++i) {
        const Region& r = map.regions[i];
        if (r.isNation()) continue;
        if (p.x < r.bounds.min.x - maxDistance || p.x > r.bounds.max.x + maxDistance ||
            p.y < r.bounds.min.y - maxDistance || p.y > r.bounds.max.y + maxDistance)
            continue;
        for (const auto& poly : r.polygonsXY)
            for (const auto& ring : poly.rings)
                for (std::size_t k = 1; k < ring.size(); ++k) {
                    const glm::dvec2 a = ring[k - 1], ab = ring[k] - a;
                    const double len2 = glm::dot(ab, ab);
                    const double u = len2 > 0 ? std::clamp(glm::dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
                    const glm::dvec2 d = a + ab * u - p;
                    const double d2 = glm::dot(d, d);
                    if (d2 < bestD2) {
                        bestD2 = d2;
                        best = static_cast<int>(i);
                    }
                }
    }
    return best;
}

/// Finds an id in any kind; the first match in kind order. Region ids come last.
bool findAnyId(const Scenario& s, const std::string& id, EntityRef& out) {
    for (int k = 0; k < kMapKindCount; ++k) {
        const int i = s.find(static_cast<EntityKind>(k), id);
        if (i >= 0) {
            out = {static_cast<EntityKind>(k), i};
            return true;
        }
    }
    const int r = s.find(EntityKind::Region, id);
    if (r >= 0) {
        out = {EntityKind::Region, r};
        return true;
    }
    return false;
}

class Loader {
public:
    explicit Loader(const std::string& input) {
        std::error_code ec;
        fs::path p(input);
        if (fs::is_regular_file(p, ec)) {
            manifestPath_ = p.string();
            folder_ = p.parent_path().empty() ? "." : p.parent_path().string();
        } else {
            folder_ = input;
            manifestPath_ = (p / "scenario.json").string();
        }
    }

    /// Manifest, projection, basemap, every layer file, then references, series and focus ids; the
    /// scenario only when nothing reported an error. Each step reports all the problems it can find.
    LoadResult run() {
        LoadResult result;
        Diagnostics& diag = result.diagnostics;
        auto s = std::make_shared<Scenario>();
        s->directory = folder_;
        std::string text;
        if (!readManifestText(text, diag)) return result;
        ManifestReadResult mr = readManifest(text, manifestPath_, folder_, diag);
        if (!mr.ok) return result;
        s->manifest = std::move(mr.manifest);
        s->files.push_back(manifestPath_);
        // Content hash (FNV-1a 64) over the bytes of every file the scenario is made of, in load order.
        std::uint64_t hash = kFnvOffset;
        hashBytes(hash, text.data(), text.size());

        std::unique_ptr<Projection> projection;
        try {
            projection = std::make_unique<Projection>(s->manifest.crs);
        } catch (const std::exception& e) {
            diag.error(manifestPath_, 1, std::string("map.crs: ") + e.what());
            return result;
        }
        if (!attachBasemap(*s, mr.basemapFile, *projection, diag, hash)) return result;
        if (!attachRegionGroups(*s, mr, diag, hash)) return result;

        std::vector<PendingRef> refs;
        std::vector<PendingSample> samples;
        readLayerFiles(*s, mr.layers, diag, refs, samples, hash);
        s->contentHash = hash;

        resolveReferences(*s, refs, diag);
        buildSeries(*s, samples, diag);
        checkFocusIds(*s, mr.focusIds, diag);
        if (diag.hasErrors()) return result;

        place(*s, *projection, diag);
        result.scenario = std::move(s);
        return result;
    }

private:
    /// The manifest's bytes (at most 16 MiB); false (reported) when the folder or manifest is missing.
    bool readManifestText(std::string& text, Diagnostics& diag) const {
        std::error_code ec;
        if (!fs::is_directory(folder_, ec)) {
            diag.error(folder_, 0,
                       fs::exists(folder_, ec) ? "not a scenario folder" : "no such scenario folder");
            return false;
        }
        if (!fs::is_regular_file(manifestPath_, ec)) {
            diag.error(manifestPath_, 0, "missing manifest (every scenario folder needs a scenario.json)");
            return false;
        }
        std::string why;
        if (!readWholeFile(manifestPath_, text, why, 16u << 20)) {
            diag.error(manifestPath_, 0, why);
            return false;
        }
        return true;
    }

    /// The basemap: `basemapFile` (a file of the scenario, resolved by the manifest reader) or else the
    /// built-in one the manifest names. Its file's bytes go into the hash. False when it cannot be loaded.
    bool attachBasemap(Scenario& s, const std::string& basemapFile, const Projection& projection,
                       Diagnostics& diag, std::uint64_t& hash) const {
        std::string basemapPath = basemapFile;
        if (basemapPath.empty()) {
            basemapPath = builtinBasemapPath(s.manifest.basemap);
            if (basemapPath.empty()) {
                diag.error(manifestPath_, s.manifest.basemapLine,
                           "unknown basemap '" + s.manifest.basemap +
                               "' (built-in: us-states; or a .geojson file in the scenario folder)");
                return false;
            }
        }
        auto basemap = sharedBasemap(basemapPath, basemapFile.empty() ? s.manifest.basemap : basemapPath,
                                     s.manifest.basemap, projection, diag);
        if (!basemap) return false;
        s.basemap = basemap;
        hashFile(hash, basemapPath);
        return true;
    }

    /// `region_groups`: inline, or a groups file shipped with the built-in basemap; resolved against the
    /// basemap (region_groups.h). False when they have an error.
    bool attachRegionGroups(Scenario& s, ManifestReadResult& mr, Diagnostics& diag, std::uint64_t& hash) const {
        if (!mr.regionGroupsName.empty()) {
            const std::string path = builtinRegionGroupsPath(s.manifest.basemap, mr.regionGroupsName);
            if (path.empty()) {
                diag.error(manifestPath_, mr.regionGroupsLine,
                           "unknown region groups '" + mr.regionGroupsName + "' for basemap '" + s.manifest.basemap +
                               "' (built-in for us-states: grid-operators; or give the groups inline)");
                return false;
            }
            if (!loadRegionGroupsFile(path, path, mr.regionGroups, diag)) return false;
            hashFile(hash, path);
        }
        if (mr.regionGroups.empty()) return true;
        s.regionGroups = std::move(mr.regionGroups);
        return resolveRegionGroups(s.regionGroups, *s.basemap, diag);
    }

    /// A sample whose id is a region group's: kept in Scenario::groupSeries. False when `p.id` is no group.
    static bool addGroupSample(Scenario& s, const PendingSample& p, const MetricDef& def, Diagnostics& diag) {
        const auto& groups = s.regionGroups.groups;
        if (std::none_of(groups.begin(), groups.end(), [&](const RegionGroup& g) { return g.id == p.id; }))
            return false;
        auto it = std::find_if(s.groupSeries.begin(), s.groupSeries.end(),
                               [&](const Series& x) { return x.targetId == p.id && x.metric == p.metric; });
        if (it == s.groupSeries.end()) {
            Series ser;
            ser.targetId = p.id;
            ser.target = {EntityKind::Region, -1};
            ser.metric = p.metric;
            ser.interpolation = def.interpolation;
            s.groupSeries.push_back(std::move(ser));
            it = s.groupSeries.end() - 1;
        }
        for (const SeriesSample& x : it->samples)
            if (x.t == p.t) {
                diag.error(s.files[static_cast<std::size_t>(p.file)], p.line,
                           "second value for '" + p.id + "' " + p.metric + " on " + formatDate(static_cast<Day>(p.t)));
                return true;
            }
        it->samples.push_back({p.t, p.value});
        return true;
    }

    /// Layer files, in manifest order; each reports all its problems. References and series samples are
    /// collected for the steps after. A file's index in `s.files` is its index in diagnostics' origins.
    void readLayerFiles(Scenario& s, const std::vector<LayerEntry>& layers, Diagnostics& diag,
                        std::vector<PendingRef>& refs, std::vector<PendingSample>& samples,
                        std::uint64_t& hash) const {
        std::error_code ec;
        for (const LayerEntry& layer : layers) {
            const std::string display = (fs::path(folder_) / layer.file).lexically_normal().string();
            if (!fs::is_regular_file(layer.resolved, ec)) {
                diag.error(manifestPath_, layer.line,
                           "layer file '" + layer.file +
                               (fs::exists(layer.resolved, ec) ? "' is not a regular file" : "' not found"));
                continue;
            }
            LayerReadContext ctx{s,
                                 diag,
                                 static_cast<int>(s.files.size()),
                                 display,
                                 fs::path(layer.resolved).extension() == ".csv" ||
                                     fs::path(layer.resolved).extension() == ".CSV",
                                 refs,
                                 samples,
                                 {}};
            s.files.push_back(display);
            // The hash takes the bytes the reader parses; formats read by GDAL alone are read again for it.
            bool hashed = false;
            ctx.read.limits = limits_;
            ctx.read.onBytes = [&](std::string_view bytes) {
                hashBytes(hash, bytes.data(), bytes.size());
                endFileHash(hash);
                hashed = true;
            };
            readLayerFile(layer, ctx);
            if (!hashed) hashFile(hash, layer.resolved);
        }
    }

    /// Every event focus id must name an entity or a region; reported at the manifest line of the id.
    void checkFocusIds(const Scenario& s, const std::vector<std::pair<std::string, int>>& focusIds,
                       Diagnostics& diag) const {
        for (const auto& [id, line] : focusIds) {
            EntityRef ref;
            if (!findAnyId(s, id, ref))
                diag.error(manifestPath_, line, "event focus '" + id + "' is not the id of any entity or region");
        }
    }

    void resolveReferences(Scenario& s, const std::vector<PendingRef>& refs, Diagnostics& diag) {
        for (const PendingRef& r : refs) {
            const int dc = s.find(EntityKind::Datacenter, r.id);
            const std::string& file = s.files[static_cast<std::size_t>(r.file)];
            if (dc < 0) {
                diag.error(file, r.line,
                           std::string(r.role == PendingRef::Role::Member ? "member" : "serves") + " '" + r.id +
                               "' is not a datacenter id");
                continue;
            }
            if (r.role == PendingRef::Role::Member) s.superclusters[static_cast<std::size_t>(r.fromIndex)].members.push_back(dc);
            else s.powerPlants[static_cast<std::size_t>(r.fromIndex)].serves.push_back(dc);
        }
    }

    void buildSeries(Scenario& s, std::vector<PendingSample>& samples, Diagnostics& diag) {
        // Series index by id and metric. A hash map: a std::map of string pairs cost ~20 string compares
        // per key, which showed at 1M (560k series).
        // The key is "<id length>:<id><metric>", unambiguous whatever bytes the id holds.
        std::unordered_map<std::string, int> byKey;
        std::string key;
        // Rows of one series usually follow each other: the lookups of a key are done once per run of it.
        std::string_view runId, runMetric;
        bool inRun = false;
        const MetricDef* def = nullptr;
        EntityRef target;
        bool targetFound = false;
        int seriesIndex = -1; ///< of the run's key, once a row of the run reached it
        for (const PendingSample& p : samples) {
            const std::string& file = s.files[static_cast<std::size_t>(p.file)];
            if (!inRun || p.id != runId || p.metric != runMetric) {
                inRun = true;
                runId = p.id;
                runMetric = p.metric;
                def = s.manifest.metric(p.metric);
                targetFound = def && findAnyId(s, p.id, target);
                seriesIndex = -1;
            }
            if (!def) {
                diag.error(file, p.line, "metric '" + p.metric + "' is not declared in the manifest's \"metrics\"");
                continue;
            }
            if (!targetFound && addGroupSample(s, p, *def, diag)) continue;
            if (!targetFound) {
                diag.error(file, p.line, "series id '" + p.id + "' is not the id of any entity or region (nor of a region group)");
                continue;
            }
            if (p.metric == "capacity_mw" && p.value < 0) {
                diag.error(file, p.line, "capacity_mw must not be negative");
                continue;
            }
            if (seriesIndex < 0) {
                key = std::to_string(p.id.size());
                key += ':';
                key += p.id;
                key += p.metric;
                auto [it, inserted] = byKey.emplace(key, static_cast<int>(s.series.size()));
                if (inserted) {
                    Series ser;
                    ser.targetId = p.id;
                    ser.target = target;
                    ser.metric = p.metric;
                    ser.interpolation = def->interpolation;
                    s.series.push_back(std::move(ser));
                }
                seriesIndex = it->second;
            }
            Series& ser = s.series[static_cast<std::size_t>(seriesIndex)];
            auto dup = std::find_if(ser.samples.begin(), ser.samples.end(),
                                    [&](const SeriesSample& x) { return x.t == p.t; });
            if (dup != ser.samples.end()) {
                diag.error(file, p.line, "second value for '" + p.id + "' " + p.metric + " on " +
                                             formatDate(static_cast<Day>(p.t)));
                continue;
            }
            ser.samples.push_back({p.t, p.value});
        }
        for (Series& ser : s.groupSeries)
            std::sort(ser.samples.begin(), ser.samples.end(),
                      [](const SeriesSample& a, const SeriesSample& b) { return a.t < b.t; });
        for (std::size_t i = 0; i < s.series.size(); ++i) {
            Series& ser = s.series[i];
            std::sort(ser.samples.begin(), ser.samples.end(),
                      [](const SeriesSample& a, const SeriesSample& b) { return a.t < b.t; });
            if (ser.target.kind == EntityKind::Region) continue;
            EntityBase& e = const_cast<EntityBase&>(s.entity(ser.target));
            if (ser.metric == "capacity_mw") e.capacitySeries = static_cast<int>(i);
            if (ser.metric == "compute" && ser.target.kind == EntityKind::Supercluster)
                s.superclusters[static_cast<std::size_t>(ser.target.index)].computeSeries = static_cast<int>(i);
        }
    }

    /// Projects every geometry and finds each point's region.
    void place(Scenario& s, const Projection& proj, Diagnostics& diag) {
        const Basemap& map = *s.basemap;
        // Points are projected in one batch per kind.
        auto projectPoints = [&](auto& items) {
            std::vector<glm::dvec2> pts;
            pts.reserve(items.size());
            for (const auto& it : items) pts.emplace_back(it.position.lon, it.position.lat);
            proj.forwardInPlace(pts);
            for (std::size_t i = 0; i < items.size(); ++i) {
                auto& it = items[i];
                it.xy = pts[i];
                it.region = map.regionAt(it.xy);
                if (it.region < 0) it.region = nearestRegion(map, it.xy, 25000.0);
                if (it.region < 0 && !map.bounds.contains(it.xy))
                    diag.warning(s.files[static_cast<std::size_t>(it.origin.file)], it.origin.line,
                                 "'" + it.id + "' lies outside the basemap");
                s.contentBounds.extend(it.xy);
            }
        };
        projectPoints(s.datacenters);
        projectPoints(s.powerPlants);
        for (auto& l : s.lines)
            for (const auto& path : l.paths) {
                // Densify long segments (every 0.2 degrees) so lines follow the projection's curvature.
                std::vector<glm::dvec2> pts;
                for (std::size_t k = 0; k < path.size(); ++k) {
                    const glm::dvec2 b(path[k].lon, path[k].lat);
                    if (k > 0) {
                        const glm::dvec2 a(path[k - 1].lon, path[k - 1].lat);
                        const int steps = std::min(200, static_cast<int>(glm::length(b - a) / 0.2));
                        for (int j = 1; j < steps; ++j) pts.push_back(a + (b - a) * (static_cast<double>(j) / steps));
                    }
                    pts.push_back(b);
                }
                proj.forwardInPlace(pts);
                for (const auto& p : pts) s.contentBounds.extend(p);
                l.pathsXY.push_back(std::move(pts));
            }
        for (auto& z : s.zones)
            for (const auto& poly : z.polygons) {
                PolygonXY xy;
                for (const auto& ring : poly.rings) {
                    std::vector<glm::dvec2> pts;
                    for (const LonLat& p : ring) pts.emplace_back(p.lon, p.lat);
                    proj.forwardInPlace(pts);
                    for (const auto& p : pts) s.contentBounds.extend(p);
                    xy.rings.push_back(std::move(pts));
                }
                z.polygonsXY.push_back(std::move(xy));
            }
    }

    std::string folder_;
    std::string manifestPath_;
    LayerLimits limits_ = layerLimitsFromEnvironment(); ///< per layer file, read once per load
};

} // namespace

LoadResult loadScenario(const std::string& directory) {
    try {
        return Loader(directory).run();
    } catch (const std::bad_alloc&) {
        LoadResult r;
        r.diagnostics.error(directory, 0, "out of memory while loading");
        return r;
    } catch (const std::exception& e) {
        // Loading must never take the program down: anything unexpected becomes an error line.
        LoadResult r;
        r.diagnostics.error(directory, 0, std::string("internal error while loading: ") + e.what());
        return r;
    }
}

} // namespace buildout
