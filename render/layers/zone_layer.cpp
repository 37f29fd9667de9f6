// AI Economic Zones: upload and drawing.
#include "render/layers/zone_layer.h"

#include "core/view/map_style.h"
#include "render/tessellate.h"

#include <algorithm>

namespace buildout {

ZoneLayer::Prepared ZoneLayer::prepare(const Scenario& s, const MapFrame& frame) {
    Prepared out;
    auto& [fill, lines, markers] = out;
    for (const Zone& z : s.zones) {
        const glm::vec2 win = operatingWindow(z.life);
        const glm::vec2 present = presenceWindow(z.life);
        LineInstance tmpl{};
        setLifecycle(z.life, tmpl.dates0, tmpl.dates1, tmpl.fixedStatus);
        const glm::vec4 c = style::zoneColor();
        for (const PolygonXY& poly : z.polygonsXY) {
            std::vector<std::vector<glm::dvec2>> rings;
            for (const auto& ring : poly.rings) {
                std::vector<glm::dvec2> kmRing;
                std::vector<glm::dvec3> line;
                for (const auto& p : ring) {
                    kmRing.push_back(frame.toWorld(p));
                    line.emplace_back(kmRing.back(), 0.04);
                }
                appendPolyline(lines, line, 1.6f, glm::vec4(glm::vec3(c), 0.95f), tmpl);
                rings.push_back(std::move(kmRing));
            }
            glm::dvec2 centre(0);
            for (const auto& p : rings[0])
                centre += p;
            centre /= static_cast<double>(std::max<std::size_t>(rings[0].size(), 1));
            const glm::vec2 markerWin = win.x < kNever ? win : present;
            markers.push_back({{static_cast<float>(centre.x), static_cast<float>(centre.y)},
                               {0.0f, 9.0f, 2.0f, 0.04f},
                               {markerWin.x, markerWin.y},
                               {c.r, c.g, c.b, 0.9f}});
            std::vector<glm::dvec2> tris;
            tessellatePolygon(rings, tris);
            // Fill from designation (operating); before that only the dotted outline shows the plan.
            const glm::vec2 w = win.x < kNever ? win : present;
            for (const auto& p : tris)
                fill.push_back({{static_cast<float>(p.x), static_cast<float>(p.y)},
                                -1.0f,
                                {c.r, c.g, c.b, c.a},
                                {w.x, w.y}});
        }
    }
    return out;
}

void ZoneLayer::upload(const Prepared& p, const UnitMeshes& meshes) {
    clear();
    makeFillBatch(fill_, p.fill);
    makeLineBatch(outline_, meshes.lineQuad, p.lines);
    makeDiscBatch(markers_, meshes.quad, p.markers);
}

void ZoneLayer::draw(const LayerFrame& f, float opacity) const {
    if (fill_.count > 0) {
        const gl::Program& prog = f.programs->fill;
        prog.use();
        glUniformMatrix4fv(prog.uniform("uViewProj"), 1, GL_FALSE, &f.viewProj[0][0]);
        glUniform1f(prog.uniform("uTime"), f.time);
        glUniform1f(prog.uniform("uOpacity"), opacity);
        glBindVertexArray(fill_.vao.get());
        glDrawArrays(GL_TRIANGLES, 0, fill_.count);
    }
    drawLineBatch(f, outline_, opacity, DiffKind::Segments, false);
    drawDiscBatch(f, markers_, opacity);
}

} // namespace buildout
