// Map frame and named views.
#include "core/view/named_views.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace buildout {

namespace {

double ringArea(const std::vector<glm::dvec2>& r) {
    double a = 0;
    for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) a += (r[j].x + r[i].x) * (r[j].y - r[i].y);
    return std::abs(a) * 0.5;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

constexpr double kDefaultTilt = 32.0;

} // namespace

MapFrame makeMapFrame(const Scenario& s) {
    MapFrame f;
    // The national view frames the nation's largest polygon (for the US: the lower 48), so far-flung
    // territories do not shrink the main map.
    const Basemap& map = *s.basemap;
    const PolygonXY* largest = nullptr;
    double best = 0;
    for (const Region& r : map.regions) {
        if (!r.isNation()) continue;
        for (const auto& poly : r.polygonsXY)
            if (!poly.rings.empty() && ringArea(poly.rings[0]) > best) {
                best = ringArea(poly.rings[0]);
                largest = &poly;
            }
    }
    if (largest) {
        for (const auto& p : largest->rings[0]) f.nationalBoxMeters.extend(p);
    } else {
        f.nationalBoxMeters = map.bounds;
    }
    if (!f.nationalBoxMeters.valid()) f.nationalBoxMeters = s.contentBounds;
    if (!f.nationalBoxMeters.valid()) f.nationalBoxMeters.extend(glm::dvec2(0, 0));
    f.originMeters = f.nationalBoxMeters.center();
    return f;
}

std::vector<NamedView> namedViews(const Scenario& s, const MapFrame& f, double aspect) {
    std::vector<NamedView> views;
    auto frameMeters = [&](const BoxXY& box, double margin) {
        return frameBox(f.toWorld(box.min), f.toWorld(box.max), aspect, kDefaultTilt, 0.0, margin);
    };
    views.push_back({"national", "National", frameMeters(f.nationalBoxMeters, 1.0)});
    std::vector<const Region*> regions;
    for (const Region& r : s.basemap->regions)
        if (!r.isNation()) regions.push_back(&r);
    std::sort(regions.begin(), regions.end(), [](const Region* a, const Region* b) { return a->name < b->name; });
    for (const Region* r : regions) {
        // Frame the region's largest polygon (Alaska without the Aleutians, Michigan's main peninsula...).
        BoxXY box;
        double best = -1;
        for (const auto& poly : r->polygonsXY)
            if (!poly.rings.empty() && ringArea(poly.rings[0]) > best) {
                best = ringArea(poly.rings[0]);
                box = BoxXY{};
                for (const auto& p : poly.rings[0]) box.extend(p);
            }
        if (box.valid()) views.push_back({r->id, r->name.empty() ? r->id : r->name, frameMeters(box, 1.25)});
    }
    for (const Supercluster& c : s.superclusters) {
        BoxXY box;
        for (int m : c.members) box.extend(s.datacenters[static_cast<std::size_t>(m)].xy);
        if (!box.valid()) continue;
        // Small clusters (one metro) get at least 300 km of context.
        const glm::dvec2 pad = glm::max(glm::dvec2(150000.0) - box.size() * 0.5, glm::dvec2(0.0));
        box.min -= pad;
        box.max += pad;
        views.push_back({c.id, c.label(), frameMeters(box, 1.3)});
    }
    return views;
}

bool findNamedView(const Scenario& s, const MapFrame& f, double aspect, const std::string& id, CameraState& out) {
    const std::string want = lower(id);
    for (const NamedView& v : namedViews(s, f, aspect))
        if (lower(v.id) == want) {
            out = v.camera;
            return true;
        }
    return false;
}

} // namespace buildout
