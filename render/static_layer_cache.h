// A picture of the layers that do not change with time (background gradient, land, borders), kept
// while the camera is still, so that a frame that only advances time copies it instead of drawing the
// land and ~25k border segments again. On a software rasteriser those layers are most of a frame.
//
// Contract: the cache holds the colour samples of exactly what MapRenderer draws first into a cleared
// target (no depth writes), so copying it into the target gives bit-identical pixels to drawing them.
// It is used only when the frame goes to a framebuffer object with an RGBA8 colour buffer (what
// OffscreenTarget makes); anything else is drawn directly.
#pragma once

#include "core/view/camera.h"
#include "render/gl_objects.h"

#include <cstdint>

namespace buildout {

/// Everything the static layers' pixels depend on. Two frames with equal keys have equal static pixels.
struct StaticLayerKey {
    /// What the basemap draws (BasemapLayer::pictureHash: its geometry on the map plane; 0: background only).
    /// Not the scenario: two scenarios on the same basemap (a switch between US scenarios, a reload)
    /// share the picture, so the frame that swaps one in does not redraw the land and borders.
    std::uint64_t basemap = 0;
    CameraState camera;
    int width = 0, height = 0, samples = 0;
    float pixelScale = 1;
    bool basemapVisible = true;
    float basemapOpacity = 1;
    bool transparentBackground = false;
    std::uint64_t regionColors = 0; ///< BasemapLayer::regionColorsHash (the choropleth's colours)

    bool operator==(const StaticLayerKey& o) const;
};

class StaticLayerCache {
public:
    enum class Action {
        Direct,  ///< draw the static layers straight into the target (camera moving, or cache unusable)
        Capture, ///< draw them into the cache, then copy (the key held still, or changed after a still spell)
        Copy,    ///< copy the cached picture
    };

    /// Chooses what to do for a frame with `key` drawn into the draw framebuffer `targetFbo`. The cache
    /// is filled once a key repeats, or at once when the key changes after frames that copied it (a
    /// one-off change); a moving camera pays no extra copy after its first frame.
    Action plan(const StaticLayerKey& key, GLuint targetFbo);

    /// Binds the cache's framebuffer (allocated for the key's size and samples) for drawing.
    void beginCapture();
    /// Ahead of time, in two frames: binds the framebuffer for drawing part `part` of the picture of
    /// `key` (0: the lower half of its rows, 1: the upper half), with a scissor on those rows (left
    /// enabled). Once both parts were drawn for the same key, in order, later frames with that key copy
    /// the picture (MapRenderer captures a scenario's static layers so before swapping it in, half a
    /// frame's drawing of them at a time). False, binding nothing, when the cache is off or unusable, or
    /// for a part 1 whose part 0 was of another key.
    bool beginCaptureAhead(const StaticLayerKey& key, int part);
    /// Allocates (and clears, so that its memory is touched) the picture for a later beginCaptureAhead of
    /// that size and samples, holding no picture yet. Keeps the bound framebuffer. On llvmpipe a new
    /// 960x540 4x picture's first drawing costs ~35 ms more than later ones: paid here, a frame earlier.
    void reserve(int width, int height, int samples);
    /// Copies the cached colour into `targetFbo` and leaves `targetFbo` bound for drawing. Returns false
    /// (and disables the cache for good) if the driver refused the copy; the caller then draws directly.
    bool copyTo(GLuint targetFbo);

    void setEnabled(bool enabled);
    bool enabled() const { return enabled_; }
    /// A picture is held (captured, not invalidated since).
    bool hasPicture() const { return valid_; }
    void invalidate();

private:
    bool enabled_ = true;
    bool broken_ = false; ///< the driver refused a copy once: never try again
    bool valid_ = false;  ///< the picture matches cachedKey_
    StaticLayerKey cachedKey_, lastKey_;
    bool haveLastKey_ = false;
    StaticLayerKey aheadKey_; ///< of the picture being captured ahead (beginCaptureAhead)
    int aheadParts_ = 0;      ///< its parts drawn so far
    bool lastCopied_ = false; ///< the last plan was a Copy (the frames before this one held still)
    int allocWidth_ = 0, allocHeight_ = 0, allocSamples_ = -1;
    gl::Framebuffer fbo_;
    gl::Renderbuffer color_;

    void allocate(int width, int height, int samples);
};

} // namespace buildout
