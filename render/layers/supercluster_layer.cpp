// Supercluster halos and arcs: upload.
#include "render/layers/supercluster_layer.h"

#include "core/view/map_style.h"

#include <algorithm>

namespace buildout {

namespace {

/// The members' indices (into c.members) in nearest-neighbour order from the first.
std::vector<int> chainOrder(const Scenario& s, const Supercluster& c) {
    std::vector<int> order;
    std::vector<bool> used(c.members.size(), false);
    if (!c.members.empty()) {
        order.push_back(0);
        used[0] = true;
    }
    auto xyOf = [&](std::size_t k) { return s.datacenters[static_cast<std::size_t>(c.members[k])].xy; };
    while (order.size() < c.members.size()) {
        const glm::dvec2 from = xyOf(static_cast<std::size_t>(order.back()));
        int best = -1;
        double bestD = 1e300;
        for (std::size_t k = 0; k < c.members.size(); ++k) {
            if (used[k]) continue;
            const double d = glm::length(xyOf(k) - from);
            if (d < bestD) bestD = d, best = static_cast<int>(k);
        }
        used[static_cast<std::size_t>(best)] = true;
        order.push_back(best);
    }
    return order;
}

} // namespace

SuperclusterLayer::Prepared SuperclusterLayer::prepare(const Scenario& s, const MapFrame& frame) {
    Prepared out;
    auto& [halos, arcs] = out;
    for (std::size_t ci = 0; ci < s.superclusters.size(); ++ci) {
        const Supercluster& c = s.superclusters[ci];
        const glm::vec4 color = style::clusterColor(static_cast<int>(ci));
        const glm::vec2 cw = presenceWindow(c.life);
        auto memberWindow = [&](int m) {
            const glm::vec2 mw = presenceWindow(s.datacenters[static_cast<std::size_t>(m)].life);
            return glm::vec2(std::max(cw.x, mw.x), std::min(cw.y, mw.y));
        };
        for (int m : c.members) {
            const glm::dvec2 w = frame.toWorld(s.datacenters[static_cast<std::size_t>(m)].xy);
            const glm::vec2 win = memberWindow(m);
            halos.push_back({{static_cast<float>(w.x), static_cast<float>(w.y)},
                             {34.0f, 12.0f, 2.0f, 0.06f},
                             {win.x, win.y},
                             {color.r, color.g, color.b, 0.7f}});
        }
        const std::vector<int> order = chainOrder(s, c);
        for (std::size_t k = 1; k < order.size(); ++k) {
            const int ma = c.members[static_cast<std::size_t>(order[k - 1])];
            const int mb = c.members[static_cast<std::size_t>(order[k])];
            const glm::dvec2 a = frame.toWorld(s.datacenters[static_cast<std::size_t>(ma)].xy);
            const glm::dvec2 b = frame.toWorld(s.datacenters[static_cast<std::size_t>(mb)].xy);
            const double len = glm::length(b - a);
            if (len < 25.0) continue; // same metro: the halos already say it
            const glm::vec2 wa = memberWindow(ma), wb = memberWindow(mb);
            LineInstance tmpl = alwaysShown();
            tmpl.fixedStatus = -1.0f;
            tmpl.dates0[3] = std::max(wa.x, wb.x);
            tmpl.dates1[0] = std::min(wa.y, wb.y);
            std::vector<glm::dvec3> pts;
            for (int i = 0; i <= 32; ++i) { // a parabola 0.16 x the chord high at its middle
                const double u = i / 32.0;
                pts.emplace_back(a + (b - a) * u, len * 0.16 * 4.0 * u * (1.0 - u));
            }
            appendPolyline(arcs, pts, 1.3f, glm::vec4(glm::vec3(color), 0.6f), tmpl);
        }
    }
    return out;
}

void SuperclusterLayer::upload(const Prepared& p, const UnitMeshes& meshes) {
    clear();
    makeDiscBatch(halos_, meshes.quad, p.halos);
    makeLineBatch(arcs_, meshes.lineQuad, p.arcs);
}

} // namespace buildout
