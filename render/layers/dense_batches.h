// The GPU side of the dense layers (core/view/dense_layers.h): per merged level, the merged campuses
// (points expanded by column_sprites.geom), plants (glyphs per cell and fuel) and lines (one per
// corridor and voltage class), and every merged group's MW bands in one RGBA32F texture buffer
// (texture unit 3) that the shaders read at the time uniform. The datacenter, plant and transmission
// layers draw these batches in place of their own at wide zooms.
#pragma once

#include "core/view/dense_layers.h"
#include "render/layers/layer_common.h"

#include <vector>

namespace buildout {

/// The CPU part of the dense layers' upload (no GL: safe on a worker): each level's instances in cell
/// order, and the layers (sizes, scales, bands).
struct DensePrepared {
    struct Level {
        std::vector<PointInstance> campuses, plants; ///< in campusCells / plantCells order
        std::vector<LineInstance> lines;             ///< in lineCells order
        SpatialCells campusCells, plantCells, lineCells;
    };
    DenseLayers layers;
    std::vector<Level> levels;
};

class DenseBatches {
public:
    DenseBatches(); ///< needs a current GL context (makes the bands texture)
    static DensePrepared prepare(DenseLayers layers);
    /// Uploads every level and keeps the layers without their instance arrays (sizes, scales, the merged
    /// campuses kept on the CPU for hit-testing).
    void upload(DensePrepared prepared, const UnitMeshes& meshes);
    /// upload in steps (for copies spread over frames): begin, each level in kLevelParts parts (0 to
    /// kLevelParts - 1, in order), finish.
    void beginUpload(DenseLayers layers); ///< (`layers` is large: moved in, not copied)
    /// Part 0: the level's cells (moved out of `prepared`); 1: its merged campuses; 2: its plants; 3: its
    /// lines. A fine level of a 100k uniform scenario took 42 ms in one piece on llvmpipe, a stall for
    /// the frame doing it.
    void uploadLevelPart(DensePrepared& prepared, std::size_t level, int part, const UnitMeshes& meshes);
    static constexpr int kLevelParts = 4;
    void finishUpload();
    /// finishUpload in parts: copies up to `maxFloats` more of the capacity bands (`done` counts what is
    /// copied: 0 at the first call) and returns true once all are, the texture made. At 100k uniform the
    /// bands took 41 ms to copy in one piece on llvmpipe.
    bool finishUploadPart(std::size_t& done, std::size_t maxFloats);
    void clear();
    const DenseLayers& info() const { return info_; }
    std::size_t levelCount() const { return levels_.size(); }
    const DrawBatch& campuses(int level) const { return levels_[static_cast<std::size_t>(level)].campuses; }
    const DrawBatch& plants(int level) const { return levels_[static_cast<std::size_t>(level)].plants; }
    const DrawBatch& lines(int level) const { return levels_[static_cast<std::size_t>(level)].lines; }
    GLuint bandsTexture() const { return bandsTexture_.get(); }
    /// The cell order of each batch's instances (culling: core/view/spatial_cells.h).
    const SpatialCells& campusCells(int level) const {
        return levels_[static_cast<std::size_t>(level)].campusCells;
    }
    const SpatialCells& plantCells(int level) const {
        return levels_[static_cast<std::size_t>(level)].plantCells;
    }
    const SpatialCells& lineCells(int level) const {
        return levels_[static_cast<std::size_t>(level)].lineCells;
    }

    /// Merged heights and plant sizes of `level` (1 for single entities, level < 0): the level's own, or
    /// the scales shared with a compared map.
    float campusScaleAt(int level) const;
    float plantScaleAt(int level) const;
    /// Both maps of a comparison draw each level at the smaller of their two scales.
    static void share(DenseBatches& a, DenseBatches& b);
    void clearShared() { sharedCampusScale_.clear(), sharedPlantScale_.clear(); }

private:
    struct Level {
        DrawBatch campuses, plants, lines;
        SpatialCells campusCells, plantCells, lineCells;
    };
    std::vector<Level> levels_;
    DenseLayers info_;
    std::vector<float> sharedCampusScale_, sharedPlantScale_; ///< per level; empty: the levels' own
    gl::Buffer bandsBuffer_;
    gl::Texture bandsTexture_;
};

} // namespace buildout
