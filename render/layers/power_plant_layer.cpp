// Power plant glyphs: upload and drawing.
#include "render/layers/power_plant_layer.h"

#include "core/view/map_style.h"

namespace buildout {

void PowerPlantLayer::upload(const Scenario& s, const MapFrame& frame, CapacitySteps& steps,
                             const UnitMeshes& meshes) {
    std::vector<PointInstance> plants;
    for (const PowerPlant& p : s.powerPlants) {
        PointInstance pi = makePointInstance(s, frame, steps, p, p.xy);
        pi.misc[3] = static_cast<float>(style::glyphShape(p.fuel));
        setColor(pi.color, style::fuelColor(p.fuel));
        plants.push_back(pi);
    }
    makeGlyphBatch(glyphs_, meshes.quad, plants);
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

void PowerPlantLayer::drawPass(const LayerFrame& f, const DrawBatch* merged, float mwScale,
                               float weight) const {
    const gl::Program& prog = f.programs->glyphs;
    glUniform1f(prog.uniform("uOpacity"), f.settings->powerPlants.opacity * weight);
    bindClusters(f, prog, merged != nullptr);
    glUniform1f(prog.uniform("uMwScale"), mwScale);
    const DrawBatch& batch = merged ? *merged : glyphs_;
    glBindVertexArray(batch.vao.get());
    glDrawArraysInstanced(GL_TRIANGLES, 0, 6, batch.count);
}

} // namespace buildout
