// OverlayPainter: a 2D immediate-mode painter for labels, legends, titles and captions drawn over the map
// in video frames and snapshots.
//
// Coordinates are PIXELS of the target: origin at the top-left corner, x right, y down; (0,0) is the
// top-left corner of the top-left pixel, so that pixel's centre is (0.5, 0.5). Sizes and widths are px.
// Colours are straight (not premultiplied) RGBA, each 0..1.
//
// Calls queue geometry; flush() draws everything queued, in call order (later calls on top), from one
// vertex buffer (one draw call per run of shapes, large text or small text). Everything is anti-aliased
// analytically (text from signed distance fields, four coverage samples per pixel under 14 px; shapes
// from exact distance functions), so output is crisp at any size and needs no MSAA (it works the same
// with it). A text's halo is drawn once around the union of its glyphs: halos of neighbouring glyphs do
// not double up and never cover a neighbour's fill.
//
// Text: one font family (Inter; Inter Display from FontAtlas::kLargeLevelMinPx = 32 px up, as Inter
// intends, so text whose size animates across 32 px changes face and gets ~9 % narrower; DejaVu Sans if
// Inter is missing), three weights. Each line is shaped by HarfBuzz as one run (kerning, ligatures,
// contextual alternates such as Inter's capital-height hyphens and arrows, marks, complex scripts; a
// right-to-left line is shown right to left, but a line mixing directions is not reordered by the
// bidirectional algorithm); characters the font lacks show as its "missing glyph" box.
#pragma once

#include "render/font_atlas.h"
#include "render/gl_objects.h"
#include "render/text_sprite_atlas.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace buildout {

/// Which point of the text's box `pos` names. The box spans the advance width of the widest line and,
/// vertically, from the first line's ascender to the last line's descender. Baseline* anchors name
/// the first line's baseline.
enum class TextAnchor {
    TopLeft,
    Top,
    TopRight,
    Left,
    Center,
    Right,
    BottomLeft,
    Bottom,
    BottomRight,
    BaselineLeft
};

struct TextStyle {
    float sizePx = 16;             ///< font size: px per em (Inter's capitals are ~0.73 em tall)
    glm::vec4 color{1, 1, 1, 1};   ///< fill
    glm::vec4 halo{0, 0, 0, 0.8f}; ///< outline drawn under the fill, around every glyph
    float haloPx = 0;              ///< outline width, px; 0 = none. Limited by the distance
                                   ///< field's reach: at least 3.5 px at 12 px, 7 px from 32 px
                                   ///< and 14 px from 96 px (more in between)
    FontWeight weight = FontWeight::Regular;
};

/// Overlays that usually look the same from one frame to the next (map labels under a still camera; the
/// title, legend and sources of a frame overlay) can be kept as a picture: see OverlayPainter::flush.
enum class OverlayCacheSlot { None = -1, MapLabels = 0, FrameOverlay = 1, Caption = 2 };

class OverlayPainter {
public:
    /// Needs a current OpenGL 3.3 core context (and it must be current whenever the painter is used or
    /// destroyed). Loads the fonts; throws std::runtime_error when no font is found or GL fails.
    OverlayPainter();
    ~OverlayPainter();
    OverlayPainter(const OverlayPainter&) = delete;
    OverlayPainter& operator=(const OverlayPainter&) = delete;

    /// Size of the text's box, px: x = advance width of the widest line (kerning included, halo not),
    /// y = ascender-to-descender height of all lines. An empty string measures (0, 0).
    glm::vec2 measure(std::string_view utf8, const TextStyle& style) const;
    /// Shapes `utf8` and rasterises its glyphs at `style`'s size, drawing nothing: a later text() or
    /// measure() of it costs no shaping or glyph work (MapRenderer warms a new scenario's labels so).
    void prepareText(std::string_view utf8, const TextStyle& style);
    /// Height of the font's ascender above the baseline, px (the distance from a TopLeft anchor's y to
    /// the first baseline).
    float ascent(const TextStyle& style) const;
    /// Queues text (UTF-8; invalid bytes show as U+FFFD; '\n' starts a new line, aligned to the anchor's
    /// side). Offsets from `pos` to each line's start and baseline are rounded to whole pixels, so text at
    /// whole-pixel positions has crisp baselines while text moving by fractions of a pixel moves smoothly.
    void text(std::string_view utf8, glm::vec2 pos, TextAnchor anchor, const TextStyle& style);

    /// Axis-aligned rectangle from `min` to `max` (px), optionally with rounded corners; the border lies
    /// inside the rectangle, `borderPx` wide, over the fill.
    void rect(glm::vec2 min, glm::vec2 max, glm::vec4 fill, float cornerRadiusPx = 0, glm::vec4 border = {},
              float borderPx = 0);
    /// Disc of `radiusPx`; the border lies inside the radius.
    void circle(glm::vec2 center, float radiusPx, glm::vec4 fill, glm::vec4 border = {}, float borderPx = 0);
    /// Segment with round caps. Solid: the caps extend widthPx/2 beyond a and b. dashPx > 0: dashes dashPx
    /// long (caps included) separated by gaps of dashPx, the first starting at a, all within a..b (the
    /// last one may be shorter). Widths under 1 px draw 1 px wide with proportionally less opacity.
    void line(glm::vec2 a, glm::vec2 b, float widthPx, glm::vec4 color, float dashPx = 0);
    /// Filled convex polygon (either winding), with an anti-aliased edge. Fewer than 3 points: nothing.
    void polygon(std::span<const glm::vec2> convexPoints, glm::vec4 fill);

    /// Draws everything queued into the bound framebuffer over the viewport (0, 0, width, height), then
    /// clears the queue. Sets the GL state it needs: viewport, blending on with premultiplied-alpha
    /// factors (GL_ONE, GL_ONE_MINUS_SRC_ALPHA; colour and alpha, so a transparent target ends up with
    /// premultiplied alpha), depth/stencil/scissor tests and face culling off, and its own program, vertex
    /// array and textures (units 0 and 1). It restores nothing.
    ///
    /// With a cache `slot`, identical queues flushed to that slot in consecutive frames are drawn once into
    /// a picture (transparent RGBA8 texture of the viewport's size) and then composited from it: a queue
    /// of text costs one textured triangle instead of four distance samples per glyph per pixel. The
    /// queue's content (every vertex, glyph record, batch and the viewport size) is the key, so any change
    /// is drawn fresh. The result equals direct drawing up to 8-bit rounding of the premultiplied picture
    /// (a unit or two per channel; with MSAA the picture is drawn multisampled like the target). Only for a
    /// framebuffer object target; the window draws directly.
    void flush(int viewportWidth, int viewportHeight, OverlayCacheSlot slot = OverlayCacheSlot::None);
    /// Draws a text into a small offscreen target of `samples` through every path (direct, sprite,
    /// picture), so that the driver's first-use costs of those paths (shader compiles, the sprite atlas)
    /// are paid now, e.g. before the GUI's first frame, not in the frame that first shows labels. Keeps
    /// the bound framebuffer; leaves a sprite and a small picture behind.
    void warmUp(int samples);
    /// Turns the picture cache on (default) or off, for tests and benchmarks that compare both paths.
    void setPictureCacheEnabled(bool enabled);
    /// Turns text sprites on (default) or off: a text drawn again with the same string, style, anchor
    /// and sub-pixel position is copied from a picture drawn once (render/text_sprite_atlas.h) instead
    /// of shaded from the distance fields; the result equals direct drawing up to 8-bit rounding.
    void setTextSpritesEnabled(bool enabled);
    /// Number of texts held as sprites (for tests and statistics).
    std::size_t cachedTextSprites() const { return sprites_.size(); }

    /// Number of vertices queued (for tests and statistics).
    std::size_t queuedVertices() const { return vertices_.size(); }
    /// The fonts in use, e.g. "Inter-Regular.otf, InterDisplay-Regular.otf, ...".
    const std::string& fontDescription() const { return atlas_->description(); }

private:
    /// One vertex of the single vertex buffer (triangles), drawn by its batch's program; `mode` selects
    /// text (glyph records first..last), rounded rectangle, line or plain coverage.
    struct Vertex {
        float x, y;                     ///< px
        float u, v;                     ///< mode-specific local coordinates
        float color[4];                 ///< straight RGBA
        float color2[4];                ///< border / halo, straight RGBA
        float params[4];                ///< mode-specific
        std::int32_t mode, first, last; ///< mode; text: range of glyph records
    };

    struct GlyphRecord {
        float originX, originY, pxPerTexel, spreadTexels; ///< screen position of the bitmap's corner
        float x0, y0, x1, y1;                             ///< atlas rectangle, texels
    };
    /// Programs: shapes, text with one sample per pixel, text with four, text sprites (see overlay.frag).
    enum Pass { kShapes = 0, kText = 1, kTextSupersampled = 2, kSprite = 3, kPassCount = 4 };
    /// A run of consecutive vertices drawn with one program.
    struct Batch {
        Pass pass;
        std::size_t first;
    };
    /// A cached picture of one slot's queue; see flush().
    struct Picture {
        gl::Texture color;        ///< resolved picture, composited
        gl::Framebuffer fbo;      ///< over `color`
        gl::Renderbuffer msColor; ///< drawn into when the target is multisampled (same edges as direct)
        gl::Framebuffer msFbo;
        int width = 0, height = 0, samples = 0;
        gl::Buffer rects; ///< triangles (px) covering the tiles the picture's content touches
        gl::VertexArray rectsVao;
        GLsizei rectVertices = 0;
        std::uint64_t lastKey = 0, cachedKey = 0;
        bool haveLast = false, valid = false;
    };
    static constexpr int kSlotCount = 3;

    void begin(Pass pass);
    /// Queues text laid out at `pos` (the body of text() without sprites).
    void layoutText(std::string_view utf8, glm::vec2 pos, TextAnchor anchor, const TextStyle& style);
    /// text() through the sprite atlas; false when the text is to be drawn directly instead.
    bool textAsSprite(std::string_view utf8, glm::vec2 pos, TextAnchor anchor, const TextStyle& style);
    /// Moves the vertices queued from `firstVertex` (and the glyph records from `firstGlyph`) by `delta` px.
    void translateQueued(std::size_t firstVertex, std::size_t firstGlyph, glm::vec2 delta);
    /// Draws the texts newly given sprites into the atlas (before the queue that copies them).
    void drawPendingSprites();
    /// Text layout: queues one shaped line with its pen at `origin` (px, on the baseline).
    struct InkedGlyph;
    void queueLine(const FontAtlas::ShapedLine& line, int face, glm::vec2 origin, const TextStyle& style,
                   Vertex proto);
    /// Glyph records of a line; fills `inked` with each inked glyph's reach and returns the halo width.
    float queueGlyphRecords(const FontAtlas::ShapedLine& line, int face, glm::vec2 origin,
                            const TextStyle& style, std::vector<InkedGlyph>& inked);
    /// The quads of a line: one slice per glyph, each covering the glyphs whose reach overlaps it.
    void queueSlices(const std::vector<InkedGlyph>& inked, std::int32_t firstRecord, Pass pass, Vertex proto);
    /// flush() without the sprite atlas's work: the picture cache or a direct draw of the queue.
    void flushQueue(int viewportWidth, int viewportHeight, OverlayCacheSlot slot);
    /// Draws the queue into the bound framebuffer and clears it (the body of flush without caching).
    void drawQueue(int viewportWidth, int viewportHeight);
    /// Uploads the glyph records and vertices and draws every batch (the queue stays).
    void drawBatches(int viewportWidth, int viewportHeight);
    std::uint64_t queueKey(int viewportWidth, int viewportHeight) const;
    void composite(const Picture& picture);
    /// Fills picture.rects with the tiles that the queued triangles touch.
    void coverQueuedTiles(Picture& picture) const;
    void clearQueue();
    void quad(const glm::vec2 corners[4], const glm::vec2 local[4], const Vertex& proto);

    std::unique_ptr<FontAtlas> atlas_;
    gl::Program programs_[kPassCount];
    gl::VertexArray vao_;
    gl::Buffer vbo_, glyphBuffer_;
    gl::Texture glyphTexture_;
    GLint maxGlyphRecords_ = 0;
    std::vector<Vertex> vertices_;
    std::vector<Batch> batches_;
    std::vector<GlyphRecord> glyphs_;
    Picture pictures_[kSlotCount];
    gl::Program compositeProgram_;
    bool pictureCacheEnabled_ = true;
    TextSpriteAtlas sprites_;
    std::vector<Vertex> pendingVertices_; ///< texts to draw into the atlas at the next flush (atlas px)
    std::vector<Batch> pendingBatches_;
    bool textSpritesEnabled_ = true;
};

} // namespace buildout
