// Signed-distance-field glyph atlas for the overlay painter: finds the UI fonts (Inter, else DejaVu Sans),
// shapes lines of text with HarfBuzz (kerning, ligatures, contextual alternates, marks and every script
// HarfBuzz supports, each line one run), reads face metrics with FreeType, and rasterises glyphs lazily,
// on first use, into one single-channel (GL_R8) texture of signed distance fields.
//
// Units: metrics are in em (multiply by the text size in px); atlas rectangles are in atlas texels.
// Each glyph is rasterised at one of three base sizes ("levels": 32, 64 and 128 px per em, for text under
// 32 px, under 96 px and above), so that small text is not minified too far and large text is not
// magnified too far: edges stay crisp and corners sharp from 10 px to 200 px and beyond.
#pragma once

#include "render/gl_objects.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace buildout {

enum class FontWeight { Regular, SemiBold, Bold };

class FontAtlas {
public:
    /// Text at or above this size (px) uses Inter Display where installed (and a larger SDF level).
    static constexpr float kLargeLevelMinPx = 32.0f;

    /// One rasterised glyph. A glyph without ink (space) has `hasInk == false` and nothing else is set.
    struct GlyphSdf {
        bool hasInk = false;
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0; ///< atlas rectangle (texels, rows top-down)
        float left = 0, top = 0;              ///< bitmap's top-left relative to the pen, in base px (y up)
        float basePx = 0;                     ///< size the glyph was rasterised at (px per em)
        float spreadTexels = 0;               ///< distance range stored: +-spread texels around the edge
    };
    struct FaceMetrics {
        float ascender = 0;   ///< em, above the baseline (positive)
        float descender = 0;  ///< em, below the baseline (negative)
        float lineHeight = 0; ///< em, baseline to baseline
    };

    /// Finds and opens the fonts (no GL needed yet). Lookup: `$BUILDOUT_FONT_DIR`, else the build-time
    /// BUILDOUT_FONT_DIR, for Inter-{Regular,SemiBold,Bold}.{otf,ttf} (and InterDisplay-* for large text);
    /// else /usr/share/fonts/truetype/dejavu/DejaVuSans(-Bold).ttf, with one note on stderr. Throws
    /// std::runtime_error naming the places searched when no font is found at all.
    FontAtlas();
    ~FontAtlas();
    FontAtlas(const FontAtlas&) = delete;
    FontAtlas& operator=(const FontAtlas&) = delete;

    /// Face used for `weight` at `sizePx`: an index for the other calls.
    int face(FontWeight weight, float sizePx) const;
    const FaceMetrics& metrics(int face) const;
    /// Glyph index of a Unicode code point (0, the "missing glyph" box, if the face lacks it), as the
    /// font's cmap says, before any shaping.
    std::uint32_t glyphIndex(int face, char32_t codepoint) const;
    /// Nominal horizontal advance of a glyph (before shaping adjusts it), em.
    float advance(int face, std::uint32_t glyph) const;

    /// One glyph of a shaped line, in visual order (left to right). Units: em; y up.
    struct ShapedGlyph {
        std::uint32_t glyph = 0; ///< glyph index in the face (what glyph() takes)
        float pen = 0;           ///< pen position at this glyph: sum of the shaped advances before it
        float dx = 0, dy = 0;    ///< offset of the glyph's origin from the pen (marks, positioning)
    };
    struct ShapedLine {
        std::vector<ShapedGlyph> glyphs;
        float advance = 0; ///< advance width of the whole line, em
    };
    /// Shapes one line of UTF-8 text (no '\n') with HarfBuzz: script and direction guessed from the text,
    /// the font's default features (kerning, ligatures, contextual alternates, ...). Invalid bytes become
    /// U+FFFD, tabs spaces; other control characters are dropped. Results are cached per face (the same
    /// strings are laid out every frame); the reference stays valid until the next call to shape().
    const ShapedLine& shape(int face, std::string_view utf8) const;
    /// SDF of a glyph for text of `sizePx`, rasterised now if it is new (then the texture needs upload()).
    const GlyphSdf& glyph(int face, std::uint32_t glyph, float sizePx);

    /// Brings the GL texture up to date with the glyphs rasterised so far. Needs a current GL context;
    /// binds the texture to the active texture unit.
    void upload();
    GLuint texture() const { return texture_.get(); }
    int width() const { return width_; }
    int height() const { return height_; }
    /// One line describing the fonts in use, e.g. "Inter-Regular.otf, Inter-SemiBold.otf, ...".
    const std::string& description() const { return description_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string description_;
    int width_ = 0, height_ = 0;
    std::vector<std::uint8_t> pixels_; ///< CPU copy of the atlas, width_ * height_
    int dirtyY0_ = 0, dirtyY1_ = 0;    ///< rows changed since the last upload
    int uploadedHeight_ = 0;           ///< height of the GL texture storage (0: none yet)
    gl::Texture texture_;
};

} // namespace buildout
