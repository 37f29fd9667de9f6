// Shared helpers of the map layers.
#include "render/layers/layer_common.h"

#include "core/polyline_simplify.h"
#include "render/shader_library.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include <glm/geometric.hpp>

namespace buildout {

void floatAttributes(std::initializer_list<std::pair<GLuint, GLint>> locSizes, GLsizei stride, GLuint divisor,
                     std::size_t baseOffset) {
    std::size_t offset = baseOffset;
    for (auto [loc, size] : locSizes) {
        glEnableVertexAttribArray(loc);
        glVertexAttribPointer(loc, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offset));
        glVertexAttribDivisor(loc, divisor);
        offset += static_cast<std::size_t>(size) * sizeof(float);
    }
}

UnitMeshes::UnitMeshes() {
    // Unit hexagonal prism (radius 1, height 1): six lit sides and a top cap.
    std::vector<float> prismVerts;
    constexpr double kPi = 3.14159265358979323846;
    auto corner = [&](int i) {
        const double a = (i % 6) * kPi / 3.0 + kPi / 6.0;
        return glm::vec2(static_cast<float>(std::cos(a)), static_cast<float>(std::sin(a)));
    };
    auto vert = [&](glm::vec2 xy, float z, glm::vec3 n) {
        prismVerts.insert(prismVerts.end(), {xy.x, xy.y, z, n.x, n.y, n.z});
    };
    for (int i = 0; i < 6; ++i) {
        const glm::vec2 a = corner(i), b = corner(i + 1);
        const glm::vec2 mid = glm::normalize((a + b) * 0.5f);
        const glm::vec3 n(mid, 0.0f);
        vert(a, 0, n), vert(b, 0, n), vert(b, 1, n);
        vert(a, 0, n), vert(b, 1, n), vert(a, 1, n);
        vert(glm::vec2(0), 1, {0, 0, 1}), vert(a, 1, {0, 0, 1}), vert(b, 1, {0, 0, 1});
    }
    prismCount = static_cast<GLsizei>(prismVerts.size() / 6);
    prism = gl::makeBuffer();
    uploadStatic(prism, prismVerts);
    std::vector<float> edges;
    for (int i = 0; i < 6; ++i) {
        const glm::vec2 a = corner(i), b = corner(i + 1);
        for (float z : {0.0f, 1.0f}) {
            edges.insert(edges.end(), {a.x, a.y, z, 0, 0, 1});
            edges.insert(edges.end(), {b.x, b.y, z, 0, 0, 1});
        }
        edges.insert(edges.end(), {a.x, a.y, 0, 0, 0, 1});
        edges.insert(edges.end(), {a.x, a.y, 1, 0, 0, 1});
    }
    prismEdgeCount = static_cast<GLsizei>(edges.size() / 6);
    prismEdges = gl::makeBuffer();
    uploadStatic(prismEdges, edges);
    quad = gl::makeBuffer();
    uploadStatic(quad, std::vector<float>{-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1});
    lineQuad = gl::makeBuffer();
    uploadStatic(lineQuad, std::vector<float>{0, -1, 1, -1, 1, 1, 0, -1, 1, 1, 0, 1});
}

LayerPrograms::LayerPrograms()
    : background(makeProgram("background")), fill(makeProgram("fill")), lines(makeProgram("lines")),
      discs(makeProgram("discs")), columns(makeProgram("columns")), glyphs(makeProgram("glyphs")),
      sprites(makeProgramWithGeometry("column_sprites")), emptyVao(gl::makeVertexArray()) {}

void makeLineBatch(DrawBatch& b, const gl::Buffer& lineQuad, const std::vector<LineInstance>& items) {
    b.vao = gl::makeVertexArray();
    b.vbo = gl::makeBuffer();
    glBindVertexArray(b.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, lineQuad.get());
    floatAttributes({{0, 2}}, 2 * sizeof(float), 0);
    uploadStatic(b.vbo, items);
    lineInstanceAttributes(0);
    b.count = static_cast<GLsizei>(items.size());
}

void makeDiscBatch(DrawBatch& b, const gl::Buffer& quad, const std::vector<DiscInstance>& items) {
    b.vao = gl::makeVertexArray();
    b.vbo = gl::makeBuffer();
    glBindVertexArray(b.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, quad.get());
    floatAttributes({{0, 2}}, 2 * sizeof(float), 0);
    uploadStatic(b.vbo, items);
    discInstanceAttributes(0);
    b.count = static_cast<GLsizei>(items.size());
}

void makeFillBatch(DrawBatch& b, const std::vector<FillVertex>& verts) {
    b.vao = gl::makeVertexArray();
    b.vbo = gl::makeBuffer();
    glBindVertexArray(b.vao.get());
    uploadStatic(b.vbo, verts);
    floatAttributes({{0, 2}, {1, 1}, {2, 4}, {3, 2}}, sizeof(FillVertex), 0);
    b.count = static_cast<GLsizei>(verts.size());
}

void makeGlyphBatch(DrawBatch& b, const gl::Buffer& quad, const std::vector<PointInstance>& items) {
    b.vao = gl::makeVertexArray();
    b.vbo = gl::makeBuffer();
    glBindVertexArray(b.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, quad.get());
    floatAttributes({{0, 2}}, 2 * sizeof(float), 0);
    uploadStatic(b.vbo, items);
    glyphInstanceAttributes(0);
    b.count = static_cast<GLsizei>(items.size());
}

void pointInstanceAttributes(GLuint divisor, std::size_t baseOffset) {
    floatAttributes({{2, 2}, {3, 4}, {4, 2}, {5, 4}, {6, 2}, {7, 4}}, sizeof(PointInstance), divisor,
                    baseOffset);
}

void glyphInstanceAttributes(std::size_t baseOffset) {
    floatAttributes({{1, 2}, {2, 4}, {3, 2}, {4, 4}, {5, 2}, {6, 4}}, sizeof(PointInstance), 1, baseOffset);
}

void lineInstanceAttributes(std::size_t baseOffset) {
    floatAttributes({{1, 3}, {2, 3}, {3, 4}, {4, 4}, {5, 4}, {6, 2}, {7, 1}}, sizeof(LineInstance), 1,
                    baseOffset);
}

void discInstanceAttributes(std::size_t baseOffset) {
    floatAttributes({{1, 2}, {2, 4}, {3, 2}, {4, 4}}, sizeof(DiscInstance), 1, baseOffset);
}

SpatialCells segmentCellOrder(const std::vector<LineInstance>& segments) {
    // A segment is found by its midpoint, queries grown by the longest half-length; the few segments
    // longer than kLongSegmentKm (straight cross-country lines) would grow every query, so they are
    // drawn whatever the view instead.
    constexpr double kLongSegmentKm = 300.0;
    std::vector<glm::dvec2> mids;
    std::vector<bool> always;
    mids.reserve(segments.size()), always.reserve(segments.size());
    double reach = 0;
    for (const LineInstance& l : segments) {
        const glm::dvec2 a(l.a[0], l.a[1]), b(l.b[0], l.b[1]);
        const double half = glm::length(b - a) * 0.5;
        mids.push_back((a + b) * 0.5);
        always.push_back(half * 2.0 > kLongSegmentKm);
        if (!always.back()) reach = std::max(reach, half);
    }
    return SpatialCells::build(mids, reach, &always);
}

std::vector<InstanceRun> visibleRuns(const LayerFrame& f, const SpatialCells& cells, double reachPx,
                                     bool merged, double reachKm) {
    const double growKm = reachPx * f.kmPerPixel * 3.0 + reachKm;
    GroundRect r = merged ? f.visibleMerged : f.visible;
    r.min -= growKm, r.max += growKm;
    return cells.runsWithin(r);
}

SpatialCells pointCellOrder(const std::vector<PointInstance>& points) {
    std::vector<glm::dvec2> anchors;
    anchors.reserve(points.size());
    for (const PointInstance& p : points)
        anchors.emplace_back(p.center[0], p.center[1]);
    return SpatialCells::build(anchors, 0.0);
}

double peakInstanceMw(const std::vector<PointInstance>& points, const CapacitySteps& steps) {
    double peak = 0;
    for (const PointInstance& pi : points) {
        peak = std::max(peak, static_cast<double>(pi.misc[0]));
        const auto first = static_cast<std::size_t>(pi.steps[0]), n = static_cast<std::size_t>(pi.steps[1]);
        for (std::size_t k = first; k < first + n && 2 * k + 1 < steps.data.size(); ++k)
            peak = std::max(peak, static_cast<double>(steps.data[2 * k + 1]));
    }
    return peak;
}

void drawRuns(const LayerFrame& f, const gl::Program& prog, GLuint vao, GLuint instanceBuffer, GLenum mode,
              GLsizei verts, const std::vector<InstanceRun>& runs, std::size_t stride,
              void (*setAttributes)(std::size_t)) {
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, instanceBuffer);
    const GLint base = prog.uniform("uInstanceBase");
    for (const InstanceRun& run : runs) {
        setAttributes(run.first * stride);
        glUniform1i(base, static_cast<GLint>(run.first));
        glDrawArraysInstanced(mode, 0, verts, static_cast<GLsizei>(run.count));
        if (f.submitted) *f.submitted += run.count;
    }
    if (!runs.empty() && runs.back().first != 0) setAttributes(0);
    glUniform1i(base, 0);
}

void makePointBatch(DrawBatch& b, const std::vector<PointInstance>& items) {
    b.vao = gl::makeVertexArray();
    b.vbo = gl::makeBuffer();
    glBindVertexArray(b.vao.get());
    uploadStatic(b.vbo, items);
    pointInstanceAttributes(0);
    b.count = static_cast<GLsizei>(items.size());
}

void appendPolyline(std::vector<LineInstance>& out, const std::vector<glm::dvec3>& pts, float widthPx,
                    glm::vec4 color, const LineInstance& lifecycleTemplate) {
    double dist = 0;
    for (std::size_t i = 1; i < pts.size(); ++i) {
        LineInstance li = lifecycleTemplate;
        const glm::dvec3 a = pts[i - 1], b = pts[i];
        const double len = glm::length(b - a);
        if (len <= 0) continue;
        li.a[0] = static_cast<float>(a.x), li.a[1] = static_cast<float>(a.y),
        li.a[2] = static_cast<float>(a.z);
        li.b[0] = static_cast<float>(b.x), li.b[1] = static_cast<float>(b.y),
        li.b[2] = static_cast<float>(b.z);
        li.style[0] = widthPx;
        li.style[1] = static_cast<float>(dist);
        li.style[2] = static_cast<float>(dist + len);
        li.style[3] = 0;
        setColor(li.color, color);
        dist += len;
        out.push_back(li);
    }
}

std::vector<glm::dvec3> coarsePath(const std::vector<glm::dvec2>& path, double z) {
    std::vector<glm::dvec3> out;
    for (const glm::dvec2& p : simplifyPolyline(path, kCoarseToleranceKm))
        out.emplace_back(p, z);
    return out;
}

void uploadTextureBuffer(const gl::Buffer& buffer, const gl::Texture& texture, GLenum format,
                         std::vector<float>& data, std::size_t components) {
    if (data.empty()) data.assign(components, 0.0f);
    glBindBuffer(GL_TEXTURE_BUFFER, buffer.get());
    glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(data.size() * sizeof(float)), data.data(),
                 GL_STATIC_DRAW);
    glBindTexture(GL_TEXTURE_BUFFER, texture.get());
    glTexBuffer(GL_TEXTURE_BUFFER, format, buffer.get());
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
}

LineInstance alwaysShown() {
    LineInstance li{};
    for (float& d : li.dates0)
        d = kNever;
    li.dates1[0] = li.dates1[1] = kNever;
    li.fixedStatus = -2.0f;
    return li;
}

glm::vec2 presenceWindow(const Lifecycle& life) {
    if (!life.hasDates()) {
        const bool shown = life.undatedStatus != Status::Cancelled && life.undatedStatus != Status::Retired;
        return shown ? glm::vec2(-kNever, kNever) : glm::vec2(kNever, kNever);
    }
    float end = kNever;
    if (life.dates[Lifecycle::Cancelled] != kNoDay) end = dayToGpu(life.dates[Lifecycle::Cancelled]);
    if (life.dates[Lifecycle::Retired] != kNoDay)
        end = std::min(end, dayToGpu(life.dates[Lifecycle::Retired]));
    return {dayToGpu(life.firstDate()), end};
}

glm::vec2 operatingWindow(const Lifecycle& life) {
    if (!life.hasDates())
        return life.undatedStatus == Status::Operating ? glm::vec2(-kNever, kNever)
                                                       : glm::vec2(kNever, kNever);
    if (life.dates[Lifecycle::Online] == kNoDay) return {kNever, kNever};
    return {dayToGpu(life.dates[Lifecycle::Online]), dayToGpu(life.dates[Lifecycle::Retired])};
}

void CapacitySteps::append(const Scenario& s, const EntityBase& e, float out[2], bool& linear) {
    out[0] = out[1] = 0;
    linear = false;
    if (e.capacitySeries < 0) return;
    const Series& ser = s.series[static_cast<std::size_t>(e.capacitySeries)];
    out[0] = static_cast<float>(data.size() / 2);
    out[1] = static_cast<float>(std::min<std::size_t>(ser.samples.size(), 64));
    linear = ser.interpolation == Interpolation::Linear;
    for (std::size_t i = 0; i < ser.samples.size() && i < 64; ++i) {
        data.push_back(gpuTime(ser.samples[i].t));
        data.push_back(static_cast<float>(ser.samples[i].value));
    }
}

PointInstance makePointInstance(const Scenario& s, const MapFrame& frame, CapacitySteps& steps,
                                const EntityBase& e, glm::dvec2 xy) {
    PointInstance pi{};
    const glm::dvec2 w = frame.toWorld(xy);
    pi.center[0] = static_cast<float>(w.x), pi.center[1] = static_cast<float>(w.y);
    setLifecycle(e.life, pi.dates0, pi.dates1, pi.misc[1]);
    bool linear = false;
    steps.append(s, e, pi.steps, linear);
    // With a capacity series, an unknown nameplate is no longer unknown: the series gives it.
    pi.misc[0] = isKnown(e.capacityMw) ? static_cast<float>(e.capacityMw) : (pi.steps[1] > 0 ? 0.0f : -1.0f);
    pi.misc[2] = linear ? 1.0f : 0.0f;
    return pi;
}

void bindDiff(const LayerFrame& f, const gl::Program& prog, DiffKind kind, bool on) {
    glUniform1i(prog.uniform("uDiffMode"), on && f.diffActive ? 1 : 0);
    glUniform1i(prog.uniform("uDiffColors"), 2);
    glActiveTexture(GL_TEXTURE2);
    glBindTexture(GL_TEXTURE_BUFFER, f.diffTextures[static_cast<int>(kind)].get());
    glActiveTexture(GL_TEXTURE0);
}

void bindClusters(const LayerFrame& f, const gl::Program& prog, bool on) {
    glUniform1i(prog.uniform("uClustered"), on ? 1 : 0);
    glUniform1i(prog.uniform("uBands"), 3);
    glUniform3f(prog.uniform("uKnots"), gpuTime(f.knots.start), static_cast<float>(f.knots.step),
                static_cast<float>(f.knots.count));
}

void drawLineBatch(const LayerFrame& f, const DrawBatch& b, float opacity, DiffKind diff, bool diffColored,
                   const std::vector<InstanceRun>* runs) {
    if (b.count == 0) return;
    const gl::Program& prog = f.programs->lines;
    prog.use();
    glUniformMatrix4fv(prog.uniform("uViewProj"), 1, GL_FALSE, &f.viewProj[0][0]);
    glUniform2f(prog.uniform("uViewport"), f.viewport.x, f.viewport.y);
    glUniform1f(prog.uniform("uTime"), f.time);
    glUniform1f(prog.uniform("uPixelScale"), f.pixelScale);
    glUniform1f(prog.uniform("uOpacity"), opacity);
    // Dashes (lines under construction) are 14 points long, at least 2 km.
    glUniform1f(prog.uniform("uDashKm"),
                static_cast<float>(std::max(f.kmPerPixel * 14.0 * f.pixelScale, 2.0)));
    glUniform1i(prog.uniform("uSteps"), 1);
    bindDiff(f, prog, diff, diffColored);
    if (runs) {
        drawRuns(f, prog, b.vao.get(), b.vbo.get(), GL_TRIANGLES, 6, *runs, sizeof(LineInstance),
                 &lineInstanceAttributes);
        return;
    }
    glBindVertexArray(b.vao.get());
    glDrawArraysInstanced(GL_TRIANGLES, 0, 6, b.count);
}

void drawDiscBatch(const LayerFrame& f, const DrawBatch& b, float opacity,
                   const std::vector<InstanceRun>* runs) {
    if (b.count == 0) return;
    const gl::Program& prog = f.programs->discs;
    prog.use();
    glUniformMatrix4fv(prog.uniform("uViewProj"), 1, GL_FALSE, &f.viewProj[0][0]);
    glUniform1f(prog.uniform("uTime"), f.time);
    glUniform1f(prog.uniform("uKmPerPixel"), static_cast<float>(f.kmPerPixel * f.pixelScale));
    glUniform1f(prog.uniform("uOpacity"), opacity);
    if (runs) {
        drawRuns(f, prog, b.vao.get(), b.vbo.get(), GL_TRIANGLES, 6, *runs, sizeof(DiscInstance),
                 &discInstanceAttributes);
        return;
    }
    glBindVertexArray(b.vao.get());
    glDrawArraysInstanced(GL_TRIANGLES, 0, 6, b.count);
}

} // namespace buildout
