// Upload of the merged levels.
#include "render/layers/dense_batches.h"

#include <algorithm>
#include <limits>

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
        for (int part = 0; part < kLevelParts; ++part)
            uploadLevelPart(prepared, l, part, meshes);
    finishUpload();
}

void DenseBatches::beginUpload(DenseLayers layers) {
    clear();
    info_ = std::move(layers); // (without the instance arrays: prepare moved them into the levels)
}

void DenseBatches::uploadLevelPart(DensePrepared& prepared, std::size_t level, int part,
                                   const UnitMeshes& meshes) {
    if (!info_.any()) return;
    DensePrepared::Level& in = prepared.levels[level];
    if (part == 0) {
        Level b;
        b.campusCells = std::move(in.campusCells);
        b.plantCells = std::move(in.plantCells);
        b.lineCells = std::move(in.lineCells);
        levels_.push_back(std::move(b));
    } else if (part == 1) {
        makePointBatch(levels_.back().campuses, in.campuses);
    } else if (part == 2) {
        makeGlyphBatch(levels_.back().plants, meshes.quad, in.plants);
    } else {
        makeLineBatch(levels_.back().lines, meshes.lineQuad, in.lines);
    }
}

void DenseBatches::finishUpload() {
    std::size_t done = 0;
    while (!finishUploadPart(done, std::numeric_limits<std::size_t>::max())) {
    }
}

bool DenseBatches::finishUploadPart(std::size_t& done, std::size_t maxFloats) {
    if (!info_.any()) return true;
    std::vector<float>& bands = info_.bands;
    if (bands.empty()) bands.assign(4, 0.0f); // a texture buffer must not be empty
    glBindBuffer(GL_TEXTURE_BUFFER, bandsBuffer_.get());
    if (done == 0)
        glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(bands.size() * sizeof(float)), nullptr,
                     GL_STATIC_DRAW);
    const std::size_t n = std::min(maxFloats, bands.size() - done);
    glBufferSubData(GL_TEXTURE_BUFFER, static_cast<GLintptr>(done * sizeof(float)),
                    static_cast<GLsizeiptr>(n * sizeof(float)), bands.data() + done);
    done += n;
    if (done < bands.size()) {
        glBindBuffer(GL_TEXTURE_BUFFER, 0);
        return false;
    }
    glBindTexture(GL_TEXTURE_BUFFER, bandsTexture_.get());
    glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA32F, bandsBuffer_.get());
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    bands = {};
    return true;
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
