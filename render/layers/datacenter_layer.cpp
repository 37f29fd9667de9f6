// Datacenter campuses: upload and drawing.
#include "render/layers/datacenter_layer.h"

#include "core/view/map_style.h"

namespace buildout {

namespace {

constexpr double kGlowRadiusKm = 45.0; ///< the warm glow under operating campuses

/// Column heights are facility power, the figure totals add (core/capacity_basis.h): an IT-load figure is
/// scaled by the manifest's PUE; a grid-request or generation figure is not campus power, so the column is
/// drawn as one of undisclosed capacity (hatched) while its label names the figure and its basis.
void drawAsFacilityPower(PointInstance& pi, CapacitySteps& steps, const Datacenter& d,
                         const CapacityAssumptions& a) {
    const FacilityDemand perMw = facilityDemand(d.basis, 1.0, a);
    if (perMw.how == DemandCount::Apart) {
        pi.misc[0] = -1.0f;
        pi.steps[1] = 0.0f;
    } else if (perMw.how == DemandCount::Converted) {
        const float k = static_cast<float>(perMw.mw);
        if (pi.misc[0] > 0.0f) pi.misc[0] *= k;
        const auto first = static_cast<std::size_t>(pi.steps[0]),
                   count = static_cast<std::size_t>(pi.steps[1]);
        for (std::size_t i = first; i < first + count && 2 * i + 1 < steps.data.size(); ++i)
            steps.data[2 * i + 1] *= k;
    }
}

} // namespace

void DatacenterLayer::clear() {
    instances_ = {};
    count_ = 0;
    cells_ = {};
    entityOfInstance_.clear();
    maxColumnMw_ = 0;
    columns_ = {}, columnEdges_ = {}, sprites_ = {}, glows_ = {}, uncertainty_ = {};
}

DatacenterLayer::Prepared DatacenterLayer::prepare(const Scenario& s, const MapFrame& frame,
                                                   const OperatorPalette& palette, CapacitySteps& steps) {
    Prepared out;
    std::vector<PointInstance> cols;
    std::vector<DiscInstance> glows, uncertain;
    cols.reserve(s.datacenters.size());
    for (std::size_t i = 0; i < s.datacenters.size(); ++i) {
        const Datacenter& d = s.datacenters[i];
        PointInstance pi = makePointInstance(s, frame, steps, d, d.xy);
        drawAsFacilityPower(pi, steps, d, s.manifest.assumptions);
        pi.misc[3] = d.precision == LocationPrecision::Approximate ? 1.0f : 0.0f;
        const glm::vec4 c = palette.color(palette.datacenterGroup[i]);
        setColor(pi.color, glm::vec4(glm::vec3(c), static_cast<float>(palette.datacenterGroup[i] + 1)));
        cols.push_back(pi);
        const glm::vec2 op = operatingWindow(d.life);
        // A warm white glow marks in-service campuses without contradicting the chosen colouring.
        glows.push_back({{pi.center[0], pi.center[1]},
                         {static_cast<float>(kGlowRadiusKm), 14.0f, 0.0f, 0.05f},
                         {op.x, op.y},
                         {1.0f, 0.93f, 0.78f, 0.7f}});
        if (d.precision == LocationPrecision::Approximate) {
            const glm::vec2 pw = presenceWindow(d.life);
            uncertain.push_back({{pi.center[0], pi.center[1]},
                                 {30.0f, 7.0f, 1.0f, 0.03f},
                                 {pw.x, pw.y},
                                 {0.75f, 0.82f, 0.95f, 0.9f}});
        }
    }
    // Culling: campuses in cell order, so a view's campuses are a few runs of the buffer (the glows, one
    // per campus, in the same order); the diff colours follow the same order (entityOfInstance).
    out.maxColumnMw = peakInstanceMw(cols, steps);
    out.cells = pointCellOrder(cols);
    out.columns = out.cells.reordered(cols);
    out.glows = out.cells.reordered(glows);
    out.uncertain = std::move(uncertain);
    out.entityOfInstance.assign(out.cells.order().begin(), out.cells.order().end());
    return out;
}

void DatacenterLayer::upload(const Prepared& p, const UnitMeshes& meshes) {
    clear();
    maxColumnMw_ = p.maxColumnMw;
    cells_ = p.cells;
    entityOfInstance_ = p.entityOfInstance;
    instances_ = gl::makeBuffer();
    uploadStatic(instances_, p.columns);
    count_ = static_cast<GLsizei>(p.columns.size());
    for (DrawBatch* batch : {&columns_, &columnEdges_}) {
        batch->vao = gl::makeVertexArray();
        glBindVertexArray(batch->vao.get());
        glBindBuffer(GL_ARRAY_BUFFER, batch == &columns_ ? meshes.prism.get() : meshes.prismEdges.get());
        floatAttributes({{0, 3}, {1, 3}}, 6 * sizeof(float), 0);
        glBindBuffer(GL_ARRAY_BUFFER, instances_.get());
        pointInstanceAttributes(1);
        batch->count = count_;
    }
    sprites_.vao = gl::makeVertexArray(); // one point per campus (not instanced): see column_sprites.geom
    glBindVertexArray(sprites_.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, instances_.get());
    pointInstanceAttributes(0);
    sprites_.count = count_;
    makeDiscBatch(glows_, meshes.quad, p.glows);
    makeDiscBatch(uncertainty_, meshes.quad, p.uncertain);
}

void DatacenterLayer::drawGroundDiscs(const LayerFrame& f, float opacity) const {
    drawDiscBatch(f, uncertainty_, opacity);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE); // glows add light
    const std::vector<InstanceRun> runs = visibleRuns(f, cells_, 14.0, false, kGlowRadiusKm);
    drawDiscBatch(f, glows_, opacity, &runs);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
}

void DatacenterLayer::setColumnUniforms(const LayerFrame& f, const gl::Program& prog, double radiusKm) const {
    const MapSettings& set = *f.settings;
    prog.use();
    glUniformMatrix4fv(prog.uniform("uViewProj"), 1, GL_FALSE, &f.viewProj[0][0]);
    glUniform2f(prog.uniform("uViewport"), f.viewport.x, f.viewport.y);
    glUniform1f(prog.uniform("uTime"), f.time);
    glUniform1f(prog.uniform("uKmPerMw"), kKmPerMw * set.columnScale);
    glUniform1f(prog.uniform("uRadiusKm"), static_cast<float>(radiusKm));
    glUniform1f(prog.uniform("uRadiusPx"), static_cast<float>(radiusKm / f.kmPerPixel));
    glUniform1f(prog.uniform("uUnknownMw"), 120.0f);
    glUniform1f(prog.uniform("uMinMw"), static_cast<float>(set.minMw));
    glUniform1f(prog.uniform("uUniformMw"), set.columnHeightByCapacity ? 0.0f : kUniformColumnMw);
    glUniform1i(prog.uniform("uStatusMask"), static_cast<GLint>(set.statusMask));
    glUniform1i(prog.uniform("uGroupMask"), static_cast<GLint>(set.operatorMask & 0x7FFFFFFFu));
    glUniform1f(prog.uniform("uOpacity"), set.datacenters.opacity);
    glUniform1f(prog.uniform("uPixelScale"), f.pixelScale);
    glUniform1i(prog.uniform("uColorMode"), static_cast<int>(set.datacenterColor));
    glUniform1i(prog.uniform("uSteps"), 1);
    bindDiff(f, prog, DiffKind::Columns, true);
    glm::vec4 statusColors[7];
    for (int i = 0; i < 7; ++i)
        statusColors[i] = style::statusColor(static_cast<Status>(i));
    glUniform4fv(prog.uniform("uStatusColors"), 7, &statusColors[0].r);
    const glm::vec4 precision[2] = {style::precisionColor(LocationPrecision::Exact),
                                    style::precisionColor(LocationPrecision::Approximate)};
    glUniform4fv(prog.uniform("uPrecisionColors"), 2, &precision[0].r);
}

void DatacenterLayer::drawColumns(const LayerFrame& f, const ColumnPass& pass) const {
    const float opacity = f.settings->datacenters.opacity * pass.weight;
    const bool solidDepth = pass.weight >= 1.0f; // a fading level hides nothing of the level fading in
    if (pass.sprites || pass.merged) {
        // One point per campus, or per merged group of campuses, expanded into a shaded sprite.
        const gl::Program& prog = f.programs->sprites;
        setColumnUniforms(f, prog, pass.radiusKm);
        glUniform1f(prog.uniform("uOpacity"), opacity);
        bindClusters(f, prog, pass.merged != nullptr);
        glUniform1f(prog.uniform("uHeightScale"), pass.heightScale);
        const DrawBatch& batch = pass.merged ? *pass.merged : sprites_;
        // Culled by runs (points: a run's first vertex is its index in the buffer, as the diff colours
        // expect).
        const std::vector<InstanceRun> runs = visibleRuns(f, pass.merged ? *pass.mergedCells : cells_, 8.0,
                                                          pass.merged != nullptr, pass.radiusKm);
        glBindVertexArray(batch.vao.get());
        for (int p = 0; p < 2; ++p) {
            glUniform1i(prog.uniform("uPass"), p);
            glDepthMask(p == 0 && solidDepth ? GL_TRUE : GL_FALSE);
            for (const InstanceRun& run : runs) {
                glDrawArrays(GL_POINTS, static_cast<GLint>(run.first), static_cast<GLsizei>(run.count));
                if (f.submitted) *f.submitted += run.count;
            }
        }
        glDepthMask(GL_TRUE);
        return;
    }
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    glFrontFace(GL_CCW);
    const gl::Program& prog = f.programs->columns;
    setColumnUniforms(f, prog, pass.radiusKm);
    glUniform1f(prog.uniform("uOpacity"), opacity);
    glUniform1i(prog.uniform("uPass"), 0);
    const std::vector<InstanceRun> runs = visibleRuns(f, cells_, 4.0, false, pass.radiusKm);
    auto attributes = [](std::size_t offset) { pointInstanceAttributes(1, offset); };
    glDepthMask(solidDepth ? GL_TRUE : GL_FALSE);
    drawRuns(f, prog, columns_.vao.get(), instances_.get(), GL_TRIANGLES, f.meshes->prismCount, runs,
             sizeof(PointInstance), attributes);
    glDisable(GL_CULL_FACE);
    glDepthMask(GL_FALSE);
    glUniform1i(prog.uniform("uPass"), 1);
    drawRuns(f, prog, columnEdges_.vao.get(), instances_.get(), GL_LINES, f.meshes->prismEdgeCount, runs,
             sizeof(PointInstance), attributes);
    glDepthMask(GL_TRUE);
}

} // namespace buildout
