// Upload of the merged levels.
#include "render/layers/dense_batches.h"

#include <algorithm>

namespace buildout {

DenseBatches::DenseBatches() : bandsBuffer_(gl::makeBuffer()), bandsTexture_(gl::makeTexture()) {}

void DenseBatches::clear() {
    levels_.clear();
    info_ = {};
    clearShared();
}

DensePrepared DenseBatches::prepare(DenseLayers layers) {
    DensePrepared out;
    out.layers = std::move(layers);
    if (!out.layers.any()) return out;
    for (DenseLevel& level : out.layers.levels) {
        // In cell order, so a zoomed-in view draws only the merged groups near it (a fine level of a
        // uniform scenario has tens of thousands of groups nationwide).
        DensePrepared::Level b;
        b.campusCells = pointCellOrder(level.campuses);
        b.plantCells = pointCellOrder(level.plants);
        b.lineCells = segmentCellOrder(level.lines);
        b.campuses = b.campusCells.reordered(level.campuses);
        b.plants = b.plantCells.reordered(level.plants);
        b.lines = b.lineCells.reordered(level.lines);
        out.levels.push_back(std::move(b));
        // The instances go to the GPU; keep only the level's size and scales.
        level.campuses = {}, level.plants = {}, level.lines = {}; // (the CPU copy for hit-testing stays)
    }
    return out;
}

void DenseBatches::upload(DensePrepared prepared, const UnitMeshes& meshes) {
    beginUpload(std::move(prepared.layers));
    for (std::size_t l = 0; l < prepared.levels.size(); ++l)
        uploadLevel(prepared, l, meshes);
    finishUpload();
}

void DenseBatches::beginUpload(DenseLayers layers) {
    clear();
    info_ = std::move(layers); // (without the instance arrays: prepare moved them into the levels)
}

void DenseBatches::uploadLevel(const DensePrepared& prepared, std::size_t level, const UnitMeshes& meshes) {
    if (!info_.any()) return;
    const DensePrepared::Level& in = prepared.levels[level];
    Level b;
    b.campusCells = in.campusCells;
    b.plantCells = in.plantCells;
    b.lineCells = in.lineCells;
    makePointBatch(b.campuses, in.campuses);
    makeGlyphBatch(b.plants, meshes.quad, in.plants);
    makeLineBatch(b.lines, meshes.lineQuad, in.lines);
    levels_.push_back(std::move(b));
}

void DenseBatches::finishUpload() {
    if (!info_.any()) return;
    uploadTextureBuffer(bandsBuffer_, bandsTexture_, GL_RGBA32F, info_.bands, 4);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    info_.bands = {};
}

float DenseBatches::campusScaleAt(int level) const {
    if (level < 0) return 1.0f;
    const auto i = static_cast<std::size_t>(level);
    return i < sharedCampusScale_.size() ? sharedCampusScale_[i] : info_.levels[i].campusHeightScale;
}

float DenseBatches::plantScaleAt(int level) const {
    if (level < 0) return 1.0f;
    const auto i = static_cast<std::size_t>(level);
    return i < sharedPlantScale_.size() ? sharedPlantScale_[i] : info_.levels[i].plantMwScale;
}

void DenseBatches::share(DenseBatches& a, DenseBatches& b) {
    a.clearShared(), b.clearShared();
    const std::vector<DenseLevel>& la = a.info_.levels;
    const std::vector<DenseLevel>& lb = b.info_.levels;
    if (la.size() != lb.size()) return; // one of them merges nothing: nothing to match
    for (std::size_t l = 0; l < la.size(); ++l) {
        const float campus = std::min(la[l].campusHeightScale, lb[l].campusHeightScale);
        const float plant = std::min(la[l].plantMwScale, lb[l].plantMwScale);
        for (DenseBatches* d : {&a, &b})
            d->sharedCampusScale_.push_back(campus), d->sharedPlantScale_.push_back(plant);
    }
}

} // namespace buildout
