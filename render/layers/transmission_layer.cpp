// Transmission lines: upload and drawing.
#include "render/layers/transmission_layer.h"

#include "core/view/map_style.h"

#include <algorithm>

namespace buildout {

void TransmissionLayer::clear() {
    lines_ = {}, linesCoarse_ = {};
    lineOfSegment_.clear(), lineOfCoarseSegment_.clear();
    cells_ = {}, coarseCells_ = {};
}

TransmissionLayer::Prepared TransmissionLayer::prepare(const Scenario& s, const MapFrame& frame) {
    Prepared out;
    // Paths already follow the projection: the loader densifies them.
    std::vector<LineInstance> lines, linesCoarse;
    for (const TransmissionLine& l : s.lines) {
        out.lineOfSegment.resize(lines.size(), static_cast<int>(&l - s.lines.data()) - 1);
        out.lineOfCoarseSegment.resize(linesCoarse.size(), static_cast<int>(&l - s.lines.data()) - 1);
        LineInstance tmpl{};
        setLifecycle(l.life, tmpl.dates0, tmpl.dates1, tmpl.fixedStatus);
        const auto cls = style::voltageClass(l.kv, l.current);
        for (const auto& path : l.pathsXY) {
            std::vector<glm::dvec3> pts;
            std::vector<glm::dvec2> flat;
            for (const auto& p : path)
                pts.emplace_back(frame.toWorld(p), 0.05), flat.push_back(frame.toWorld(p));
            appendPolyline(lines, pts, style::voltageWidthPx(cls), style::voltageColor(cls), tmpl);
            appendPolyline(linesCoarse, coarsePath(flat, 0.05), style::voltageWidthPx(cls),
                           style::voltageColor(cls), tmpl);
        }
    }
    out.lineOfSegment.resize(lines.size(), static_cast<int>(s.lines.size()) - 1);
    out.lineOfCoarseSegment.resize(linesCoarse.size(), static_cast<int>(s.lines.size()) - 1);
    out.cells = segmentCellOrder(lines);
    out.coarseCells = segmentCellOrder(linesCoarse);
    out.lineOfSegment = out.cells.reordered(out.lineOfSegment);
    out.lineOfCoarseSegment = out.coarseCells.reordered(out.lineOfCoarseSegment);
    out.lines = out.cells.reordered(lines);
    out.linesCoarse = out.coarseCells.reordered(linesCoarse);
    return out;
}

void TransmissionLayer::upload(const Prepared& p, const UnitMeshes& meshes) {
    clear();
    uploadHalf(p, meshes, false);
    uploadHalf(p, meshes, true);
}

void TransmissionLayer::uploadHalf(const Prepared& p, const UnitMeshes& meshes, bool coarse) {
    beginHalf(p, meshes, coarse);
    std::size_t done = 0;
    uploadHalfPart(p, coarse, done, p.lines.size() + p.linesCoarse.size());
}

void TransmissionLayer::beginHalf(const Prepared& p, const UnitMeshes& meshes, bool coarse) {
    const std::vector<LineInstance>& items = coarse ? p.linesCoarse : p.lines;
    DrawBatch& batch = coarse ? linesCoarse_ : lines_;
    if (coarse)
        coarseCells_ = p.coarseCells, lineOfCoarseSegment_ = p.lineOfCoarseSegment;
    else
        cells_ = p.cells, lineOfSegment_ = p.lineOfSegment;
    makeLineBatch(batch, meshes.lineQuad, {}); // the VAO, then a buffer of the right size
    batch.count = static_cast<GLsizei>(items.size());
    glBindBuffer(GL_ARRAY_BUFFER, batch.vbo.get());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(items.size() * sizeof(LineInstance)), nullptr,
                 GL_STATIC_DRAW);
}

bool TransmissionLayer::uploadHalfPart(const Prepared& p, bool coarse, std::size_t& done,
                                       std::size_t maxItems) {
    const std::vector<LineInstance>& items = coarse ? p.linesCoarse : p.lines;
    const DrawBatch& batch = coarse ? linesCoarse_ : lines_;
    const std::size_t n = std::min(maxItems, items.size() - done);
    if (n > 0) {
        glBindBuffer(GL_ARRAY_BUFFER, batch.vbo.get());
        glBufferSubData(GL_ARRAY_BUFFER, static_cast<GLintptr>(done * sizeof(LineInstance)),
                        static_cast<GLsizeiptr>(n * sizeof(LineInstance)), items.data() + done);
    }
    done += n;
    return done >= items.size();
}

void TransmissionLayer::draw(const LayerFrame& f, float opacity) const {
    // Lines are a few pixels wide: grow the query by that much (plus the dash pattern's antialiasing).
    const double widthPx = 12.0 * f.pixelScale;
    if (f.coarse) {
        const std::vector<InstanceRun> runs = visibleRuns(f, coarseCells_, widthPx);
        drawLineBatch(f, linesCoarse_, opacity, DiffKind::CoarseSegments, true, &runs);
    } else {
        const std::vector<InstanceRun> runs = visibleRuns(f, cells_, widthPx);
        drawLineBatch(f, lines_, opacity, DiffKind::Segments, true, &runs);
    }
}

void TransmissionLayer::drawMerged(const LayerFrame& f, const DrawBatch& merged, const SpatialCells& cells,
                                   float opacity) {
    const std::vector<InstanceRun> runs = visibleRuns(f, cells, 12.0 * f.pixelScale, true);
    drawLineBatch(f, merged, opacity, DiffKind::Segments, false, &runs);
}

} // namespace buildout
