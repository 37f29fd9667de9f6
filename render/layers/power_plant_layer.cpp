// Power plant glyphs: upload and drawing.
#include "render/layers/power_plant_layer.h"

#include "core/view/dense_layers.h"
#include "core/view/map_style.h"

#include <algorithm>
#include <cmath>

namespace buildout {

PowerPlantLayer::Prepared PowerPlantLayer::prepare(const Scenario& s, const MapFrame& frame,
                                                   CapacitySteps& steps) {
    Prepared out;
    std::vector<PointInstance> plants;
    for (const PowerPlant& p : s.powerPlants) {
        PointInstance pi = makePointInstance(s, frame, steps, p, p.xy);
        pi.misc[3] = static_cast<float>(style::glyphShape(p.fuel));
        setColor(pi.color, style::fuelColor(p.fuel));
        plants.push_back(pi);
    }
    out.maxMw = std::max(250.0, peakInstanceMw(plants, steps)); // unknown capacities are drawn at 250 MW
    out.cells = pointCellOrder(plants);
    out.entityOfInstance.assign(out.cells.order().begin(), out.cells.order().end());
    out.glyphs = out.cells.reordered(plants);
    return out;
}

void PowerPlantLayer::upload(const Prepared& p, const UnitMeshes& meshes) {
    clear();
    maxMw_ = p.maxMw;
    cells_ = p.cells;
    entityOfInstance_ = p.entityOfInstance;
    makeGlyphBatch(glyphs_, meshes.quad, p.glyphs);
}

void PowerPlantLayer::beginDraw(const LayerFrame& f) const {
    const gl::Program& prog = f.programs->glyphs;
    const MapSettings& set = *f.settings;
    prog.use();
    glUniformMatrix4fv(prog.uniform("uViewProj"), 1, GL_FALSE, &f.viewProj[0][0]);
    glUniform2f(prog.uniform("uViewport"), f.viewport.x, f.viewport.y);
    glUniform1f(prog.uniform("uTime"), f.time);
    glUniform1f(prog.uniform("uPixelScale"), f.pixelScale);
    glUniform1f(prog.uniform("uSizeScale"), set.glyphScale);
    glUniform1f(prog.uniform("uUniformMw"), set.glyphSizeByCapacity ? 0.0f : kUniformGlyphMw);
    glUniform1i(prog.uniform("uSteps"), 1);
    bindDiff(f, prog, DiffKind::Glyphs, true);
}

void PowerPlantLayer::drawPass(const LayerFrame& f, const DrawBatch* merged, const SpatialCells* mergedCells,
                               float mwScale, float weight) const {
    const gl::Program& prog = f.programs->glyphs;
    glUniform1f(prog.uniform("uOpacity"), f.settings->powerPlants.opacity * weight);
    bindClusters(f, prog, merged != nullptr);
    glUniform1f(prog.uniform("uMwScale"), mwScale);
    // The largest glyph's radius (glyphs.vert: 3.5 + 7.5 sqrt(GW) points) bounds how far a plant off
    // screen can reach into it; merged glyphs are at most as big as kMergedGlyphMw or the largest plant.
    const double mw = !f.settings->glyphSizeByCapacity ? kUniformGlyphMw
                      : merged                         ? std::max(maxMw_, kMergedGlyphMw)
                                                       : maxMw_;
    const double reachPx = (5.0 + 7.5 * std::sqrt(mw / 1000.0)) * f.pixelScale * f.settings->glyphScale;
    const DrawBatch& batch = merged ? *merged : glyphs_;
    drawRuns(f, prog, batch.vao.get(), batch.vbo.get(), GL_TRIANGLES, 6,
             visibleRuns(f, merged ? *mergedCells : cells_, reachPx, merged != nullptr),
             sizeof(PointInstance), &glyphInstanceAttributes);
}

} // namespace buildout
