// Basemap loading and the point-to-region index.
#include "basemap.h"

#include "asset_paths.h"
#include "projection.h"
#include "table_reader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace buildout {

/// Per region: its edges bucketed into horizontal bands, so a crossing test reads only one band.
struct Basemap::Grid {
    struct Edge {
        glm::dvec2 a, b;
    };
    struct RegionBands {
        int region = -1;
        BoxXY box;
        double bandHeight = 1;
        std::vector<std::vector<Edge>> bands;
    };
    std::vector<RegionBands> regions; // non-nation regions only
};

int Basemap::find(const std::string& regionId) const {
    auto it = byId_.find(regionId);
    return it == byId_.end() ? -1 : it->second;
}

void Basemap::buildIndex() {
    byId_.clear();
    bounds = BoxXY{};
    auto grid = std::make_shared<Grid>();
    for (std::size_t i = 0; i < regions.size(); ++i) {
        Region& r = regions[i];
        byId_.emplace(r.id, static_cast<int>(i));
        r.bounds = BoxXY{};
        for (const auto& poly : r.polygonsXY)
            for (const auto& ring : poly.rings)
                for (const auto& p : ring) r.bounds.extend(p);
        bounds.extend(r.bounds);
        if (r.isNation() || !r.bounds.valid()) continue;
        Grid::RegionBands rb;
        rb.region = static_cast<int>(i);
        rb.box = r.bounds;
        std::size_t edgeCount = 0;
        for (const auto& poly : r.polygonsXY)
            for (const auto& ring : poly.rings) edgeCount += ring.size();
        const int bandCount = std::clamp(static_cast<int>(edgeCount / 16), 1, 512);
        rb.bandHeight = std::max(r.bounds.size().y / bandCount, 1e-9);
        rb.bands.resize(static_cast<std::size_t>(bandCount));
        for (const auto& poly : r.polygonsXY)
            for (const auto& ring : poly.rings)
                for (std::size_t k = 0, j = ring.size() - 1; k < ring.size(); j = k++) {
                    const glm::dvec2 a = ring[k], b = ring[j];
                    const int lo = std::clamp(static_cast<int>((std::min(a.y, b.y) - rb.box.min.y) / rb.bandHeight), 0,
                                              bandCount - 1);
                    const int hi = std::clamp(static_cast<int>((std::max(a.y, b.y) - rb.box.min.y) / rb.bandHeight), 0,
                                              bandCount - 1);
                    for (int band = lo; band <= hi; ++band) rb.bands[static_cast<std::size_t>(band)].push_back({a, b});
                }
        grid->regions.push_back(std::move(rb));
    }
    grid_ = std::move(grid);
}

int Basemap::regionAt(glm::dvec2 p) const {
    if (!grid_) return -1;
    for (const auto& rb : grid_->regions) {
        if (!rb.box.contains(p)) continue;
        const int band = std::clamp(static_cast<int>((p.y - rb.box.min.y) / rb.bandHeight), 0,
                                    static_cast<int>(rb.bands.size()) - 1);
        bool inside = false;
        for (const auto& e : rb.bands[static_cast<std::size_t>(band)])
            if ((e.a.y > p.y) != (e.b.y > p.y) && p.x < (e.b.x - e.a.x) * (p.y - e.a.y) / (e.b.y - e.a.y) + e.a.x)
                inside = !inside;
        if (inside) return rb.region;
    }
    return -1;
}

std::string builtinBasemapPath(const std::string& id) {
    if (id.empty() || id.find('/') != std::string::npos || id.find('.') != std::string::npos) return {};
    const std::filesystem::path p = std::filesystem::path(assetsDirectory()) / "basemaps" / (id + ".geojson");
    std::error_code ec;
    return std::filesystem::is_regular_file(p, ec) ? p.string() : std::string();
}

std::shared_ptr<Basemap> loadBasemap(const std::string& path, const std::string& display,
                                     const Projection& projection, Diagnostics& diag) {
    auto map = std::make_shared<Basemap>();
    map->id = display;
    const std::size_t errorsBefore = diag.errorCount();
    int idCol = -1, nameCol = -1, kindCol = -1;
    auto onHeader = [&](const TableHeader& h) {
        idCol = h.find("id");
        nameCol = h.find("name");
        kindCol = h.find("kind");
        if (idCol < 0) diag.error(display, 1, "basemap features need an 'id' property");
        return idCol >= 0;
    };
    auto onRow = [&](const TableRow& row) {
        Region r;
        r.id = std::string(row.field(idCol));
        r.name = std::string(row.field(nameCol));
        r.kind = std::string(row.field(kindCol));
        if (r.id.empty()) {
            diag.error(display, row.line, "basemap feature without an id");
            return;
        }
        const TableGeometry& g = row.geometry();
        if (g.type != TableGeometry::Type::Polygon) {
            diag.error(display, row.line, "basemap region '" + r.id + "' is not a Polygon or MultiPolygon");
            return;
        }
        std::size_t part = 0;
        for (int rings : g.ringsPerPolygon) {
            Polygon poly;
            PolygonXY xy;
            for (int k = 0; k < rings && part < g.parts.size(); ++k, ++part) {
                poly.rings.push_back(g.parts[part]);
                std::vector<glm::dvec2> pts;
                pts.reserve(g.parts[part].size());
                for (const LonLat& ll : g.parts[part]) pts.emplace_back(ll.lon, ll.lat);
                projection.forwardInPlace(pts);
                xy.rings.push_back(std::move(pts));
            }
            r.polygons.push_back(std::move(poly));
            r.polygonsXY.push_back(std::move(xy));
        }
        if (map->find(r.id) >= 0 ||
            std::any_of(map->regions.begin(), map->regions.end(), [&](const Region& o) { return o.id == r.id; })) {
            diag.error(display, row.line, "duplicate basemap region id '" + r.id + "'");
            return;
        }
        map->regions.push_back(std::move(r));
    };
    if (!readTable(path, display, diag, onHeader, onRow) || diag.errorCount() != errorsBefore) return nullptr;
    if (map->regions.empty()) {
        diag.error(display, 1, "basemap has no regions");
        return nullptr;
    }
    map->buildIndex();
    return map;
}

} // namespace buildout
