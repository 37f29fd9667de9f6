// Basemaps: named region polygons (US states and the nation) with a fast point-to-region lookup.
#pragma once

#include "diagnostics.h"
#include "geometry.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace buildout {

class Projection;

struct Region {
    std::string id;   ///< e.g. `TX`, or `US` for the nation
    std::string name; ///< e.g. `Texas`
    std::string kind; ///< `state`, `territory`, `nation` (free text from the file's `kind` property)
    std::vector<Polygon> polygons;
    std::vector<PolygonXY> polygonsXY;
    BoxXY bounds;
    bool isNation() const { return kind == "nation"; }
};

class Basemap {
public:
    std::string id; ///< built-in id or the file path
    std::vector<Region> regions;
    BoxXY bounds; ///< of all regions on the map plane

    int find(const std::string& regionId) const;
    /// Index of the non-nation region containing p (map plane), or -1. Uses a uniform grid of candidate
    /// regions and per-region edge bands, so a lookup touches only a few dozen edges.
    int regionAt(glm::dvec2 p) const;
    /// Builds the lookup index; the loader calls it after projecting.
    void buildIndex();

private:
    std::unordered_map<std::string, int> byId_;
    struct Grid;
    std::shared_ptr<const Grid> grid_;
};

/// Path of a built-in basemap (`us-states` -> assets/basemaps/us-states.geojson), or empty when unknown.
std::string builtinBasemapPath(const std::string& id);

/// Loads region polygons from a GeoJSON (or any GDAL vector file) with an `id` property per feature and
/// projects them. Problems go to `diag` with `displayName`; returns null on error.
std::shared_ptr<Basemap> loadBasemap(const std::string& path, const std::string& displayName,
                                     const Projection& projection, Diagnostics& diag);

} // namespace buildout
