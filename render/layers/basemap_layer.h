// The basemap: land triangles per region (coloured from a one-texel-per-region texture, so a choropleth
// changes a few bytes, not the mesh), state borders and the national outline, each with a copy
// simplified within kCoarseToleranceKm for wide zooms. Drawn as part of the static layers, which
// MapRenderer may take from its cache.
#pragma once

#include "render/layers/layer_common.h"

#include <cstdint>

namespace buildout {

class BasemapLayer {
public:
    /// The CPU part of an upload (no GL: safe on a worker): land triangles and border segments.
    struct Prepared {
        std::vector<FillVertex> land;
        std::vector<LineInstance> borders, nation, bordersCoarse, nationCoarse;
        int regionCount = 0;
        std::uint64_t pictureHash = 0; ///< see pictureHash()
    };
    static Prepared prepare(const Scenario& s, const MapFrame& frame);
    /// Copies `p` into GL buffers (UI thread).
    void upload(const Prepared& p, const UnitMeshes& meshes);
    void clear();
    /// Recomputes the region colours for the frame's choropleth (none: land colour) and uploads them only
    /// when they changed. Returns the metric's range over the whole scenario (min > max: none).
    glm::dvec2 updateRegionColors(const Scenario& s, const FrameSpec& spec);
    /// The region colours' bytes, hashed (FNV-1a): part of the static-layer cache's key.
    std::uint64_t regionColorsHash() const { return regionColorsHash_; }
    /// Identifies what draw() draws apart from the colours: a hash of the regions' rings on the map plane
    /// (in world km, so the map frame's origin is in it) and which are the nation. Equal for two
    /// scenarios on the same basemap and projection; never 0 once uploaded.
    std::uint64_t pictureHash() const { return pictureHash_; }
    /// Land, then borders and outline (coarse copies where the frame says so). Blending is set by the caller.
    void draw(const LayerFrame& f, float opacity) const;

private:
    DrawBatch land_;                                            // triangles, FillVertex
    DrawBatch borders_, nation_, bordersCoarse_, nationCoarse_; // LineInstance
    gl::Texture regionColors_;
    int regionCount_ = 0;
    std::vector<std::uint8_t> regionRgba_; ///< what regionColors_ holds, to upload only on change
    std::uint64_t regionColorsHash_ = 0;
    std::uint64_t pictureHash_ = 0;
    std::uint64_t marginScaleHash_ = 0; ///< content hash marginScaleMw_ was computed for
    double marginScaleMw_ = 0;          ///< power-margin choropleth scale (MW)
};

} // namespace buildout
