// TextSpriteAtlas: pictures of overlay texts drawn once and then copied, for OverlayPainter.
//
// Shading text from distance fields costs a software rasteriser a loop over glyphs and four samples per
// pixel for small text; a label that stays put from one frame to the next (an export's title, legend
// and sources, a label over a campus whose capacity is steady) need not pay that every frame. The
// painter draws such a text once into a rectangle of this atlas (premultiplied RGBA8, transparent
// around it) and from then on copies the rectangle texel for texel: one texture fetch per pixel.
//
// A text is cached from its second appearance within kCandidateFlushes flushes, so texts that change
// every frame (a running date, an animated figure, a label during a camera flight) are drawn directly,
// as before, and cost only a hash. The key holds everything that decides the pixels: the string, the
// style, the anchor and the exact fractional part of the position; the whole-pixel part only moves the
// copy, so the copy equals direct drawing up to 8-bit rounding of the premultiplied colour. (One more
// difference, not the atlas's: the text shader is not quite seamless where two glyph slices of a line
// meet, and a pixel centre within the rasteriser's 1/256 px of such a seam can fall to the other slice
// when the text is drawn elsewhere. In the render tests' scene that is a few dozen pixels of a 640x360
// frame, up to 11/255 apart; tests/render/test_text_sprites.cpp states the bounds.)
//
// Space is taken in shelves (rows) and never freed one by one: when a text does not fit, it is drawn
// directly and the atlas is emptied at the end of the flush (and grown, the first time, from 2048 to
// 4096 texels a side), so the next frames fill it afresh.
// Needs a current OpenGL 3.3 context for the GL calls (texture(), bindTarget()); the bookkeeping is plain.
#pragma once

#include "render/gl_objects.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace buildout {

/// Everything that decides a text's pixels, apart from the whole-pixel part of its position.
struct TextSpriteKey {
    std::string text;
    float style[11] = {};       ///< size px, fill RGBA, halo RGBA, halo px, weight
    std::int32_t anchor = 0;    ///< TextAnchor
    float fracX = 0, fracY = 0; ///< fractional part of the position, px (0..1)
    bool operator==(const TextSpriteKey&) const = default;
};
struct TextSpriteKeyHash {
    std::size_t operator()(const TextSpriteKey& k) const;
};

class TextSpriteAtlas {
public:
    /// A cached text: its rectangle in the atlas (texels, y down like the painter's pixels) and where
    /// that rectangle's top-left corner goes relative to the whole-pixel part of the text's position.
    struct Sprite {
        glm::ivec2 atlasOrigin{0}, size{0};
        glm::ivec2 offset{0};
    };

    /// The cached picture of `key`, or null.
    const Sprite* find(const TextSpriteKey& key);
    /// Records that `key` is drawn now; true when it was also drawn within the last kCandidateFlushes
    /// flushes (so caching it is likely to pay).
    bool repeated(const TextSpriteKey& key);
    /// Room for a `size` rectangle (texels) and an entry for `key` with `offset`; null when the atlas is
    /// full (it is then emptied at the next endFlush()).
    const Sprite* insert(TextSpriteKey key, glm::ivec2 size, glm::ivec2 offset);

    /// Makes the texture and framebuffer at the current size if needed (the framebuffer bindings are
    /// kept); false when they cannot be made (the caller then draws its texts directly).
    bool prepare();
    /// prepare(), then binds the atlas as GL_FRAMEBUFFER (its multisampled buffer when the targets are
    /// multisampled: see useSamples), with the shelves opened since the last call emptied.
    bool bindTarget();
    /// After drawing into a multisampled atlas: resolves the rectangle `min`..`max` (texels, y down)
    /// into the texture. Nothing when the atlas is single-sampled.
    void resolve(glm::ivec2 min, glm::ivec2 max);
    /// The sample count of the targets the copies go to. Texts are drawn into the atlas with the same
    /// multisampling as the target (as OverlayPainter's pictures are), so that the copy matches direct
    /// drawing; a change empties the atlas at the next endFlush().
    void useSamples(int samples);
    GLuint texture() const { return texture_.get(); }
    /// Side of the texture, texels (it is square; 0 before prepare()).
    int side() const { return textureSide_; }
    /// Number of texts cached (for tests and statistics).
    std::size_t size() const { return sprites_.size(); }

    /// Ends one painter flush: empties the atlas if a text did not fit, forgets old candidates.
    void endFlush();
    /// Empties the atlas and forgets every candidate.
    void clear();

    /// A text counts as repeated when drawn again within this many flushes (a frame flushes a few
    /// times: labels, overlay, captions).
    static constexpr std::uint64_t kCandidateFlushes = 16;

private:
    struct Shelf {
        int y, height, x;
    };
    std::optional<glm::ivec2> allocate(glm::ivec2 size);

    std::unordered_map<TextSpriteKey, Sprite, TextSpriteKeyHash> sprites_;
    std::unordered_map<TextSpriteKey, std::uint64_t, TextSpriteKeyHash> candidates_; ///< last flush seen
    std::vector<Shelf> shelves_;
    int nextShelfY_ = 0;
    std::uint64_t flushes_ = 0;
    bool full_ = false; ///< a text did not fit since the last endFlush()
    /// Rows (y down, height) of shelves opened since the last bindTarget(), which empties them. Only a
    /// shelf's rows are ever read, so the atlas is cleared a shelf at a time as it fills, rather than all
    /// of the 2048^2 multisampled atlas (80 MB) in the first frame that caches a text.
    std::vector<glm::ivec2> rowsToClear_;
    int samples_ = 0; ///< of the multisampled buffer texts are drawn into (0 or 1: none)
    int requestedSamples_ = 0;
    int side_ = 2048;     ///< texels; grows to kMaxSide
    int textureSide_ = 0; ///< the side the texture was made with (0: none yet)
    static constexpr int kMaxSide = 4096;
    gl::Texture texture_;
    gl::Framebuffer fbo_;
    gl::Renderbuffer msColor_;
    gl::Framebuffer msFbo_;
};

} // namespace buildout
