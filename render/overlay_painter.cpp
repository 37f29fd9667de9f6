// Overlay painter: text layout, shape tessellation and the batched draw.
#include "render/overlay_painter.h"

#include "render/shader_sources.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <string>

namespace buildout {

namespace {

enum Mode : std::int32_t { kModeText = 0, kModeRoundRect = 1, kModeLine = 2, kModePlain = 3 };

/// Below this size text is shaded with four coverage samples per pixel (see overlay.frag): stems are
/// about a pixel wide there. Above it one sample is as good and half the cost on software rasterisers.
constexpr float kSupersampleBelowPx = 14.0f;
/// Extra outline (px) for small light text: blending in gamma space makes light text on dark look thinner
/// than its design (and dark text on light bolder); this restores the apparent weight at label sizes and
/// fades out by 24 px.
float dilationFor(float sizePx, glm::vec4 color) {
    const float luma = 0.2126f * color.r + 0.7152f * color.g + 0.0722f * color.b;
    return luma > 0.5f ? std::clamp((24.0f - sizePx) / 12.0f, 0.0f, 1.0f) * 0.08f : 0.0f;
}

std::vector<std::string_view> splitLines(std::string_view s) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    for (;;) {
        const std::size_t nl = s.find('\n', start);
        std::string_view line =
            s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return lines;
}

/// Horizontal position of `pos` in the text's box: 0 left, 0.5 centre, 1 right.
float anchorFractionX(TextAnchor anchor) {
    switch (anchor) {
    case TextAnchor::Top:
    case TextAnchor::Center:
    case TextAnchor::Bottom:
        return 0.5f;
    case TextAnchor::TopRight:
    case TextAnchor::Right:
    case TextAnchor::BottomRight:
        return 1;
    default:
        return 0;
    }
}

/// Top of the text's box for an anchor at y = `y`; `ascentPx`: first baseline below the top.
float boxTop(TextAnchor anchor, float y, float boxHeight, float ascentPx) {
    switch (anchor) {
    case TextAnchor::Left:
    case TextAnchor::Center:
    case TextAnchor::Right:
        return y - boxHeight * 0.5f;
    case TextAnchor::BottomLeft:
    case TextAnchor::Bottom:
    case TextAnchor::BottomRight:
        return y - boxHeight;
    case TextAnchor::BaselineLeft:
        return y - ascentPx;
    default:
        return y;
    }
}

void setColor(float out[4], glm::vec4 c) {
    out[0] = c.r;
    out[1] = c.g;
    out[2] = c.b;
    out[3] = c.a;
}

} // namespace

OverlayPainter::OverlayPainter() : atlas_(std::make_unique<FontAtlas>()) {
    // For benchmarks (docs/benchmarks.md): BUILDOUT_NO_TEXT_SPRITES=1 draws every text directly.
    if (const char* off = std::getenv("BUILDOUT_NO_TEXT_SPRITES"); off && *off && *off != '0')
        textSpritesEnabled_ = false;
    const std::string fragment = shaderSource("overlay.frag");
    const std::size_t version = fragment.find("#version");
    const std::size_t afterVersion = version == std::string::npos ? 0 : fragment.find('\n', version) + 1;
    static constexpr const char* kNames[kPassCount] = {"overlay (shapes)", "overlay (text)",
                                                       "overlay (small text)", "overlay (text sprites)"};
    for (int pass = 0; pass < kPassCount; ++pass) {
        std::string source = fragment;
        source.insert(afterVersion, "#define OVERLAY_PASS " + std::to_string(pass) + "\n");
        gl::Program& program = programs_[pass];
        program = gl::Program(kNames[pass], shaderSource("overlay.vert"), source);
        program.use();
        glUniform1i(program.uniform("uAtlas"), 0);
        glUniform1i(program.uniform("uGlyphs"), 1);
        glUniform1i(program.uniform("uSprites"), 2);
    }
    compositeProgram_ = gl::Program("overlay picture", shaderSource("overlay_picture.vert"),
                                    shaderSource("overlay_picture.frag"));
    compositeProgram_.use();
    glUniform1i(compositeProgram_.uniform("uPicture"), 0);
    glUseProgram(0);

    GLint maxTexels = 0;
    glGetIntegerv(GL_MAX_TEXTURE_BUFFER_SIZE, &maxTexels);
    maxGlyphRecords_ = std::max(maxTexels / 2, 1);

    vao_ = gl::makeVertexArray();
    vbo_ = gl::makeBuffer();
    glyphBuffer_ = gl::makeBuffer();
    glyphTexture_ = gl::makeTexture();
    glBindVertexArray(vao_.get());
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.get());
    const auto stride = static_cast<GLsizei>(sizeof(Vertex));
    const auto at = [](std::size_t offset) { return reinterpret_cast<const void*>(offset); };
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, x)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, u)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, color)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, color2)));
    glEnableVertexAttribArray(4);
    glVertexAttribPointer(4, 4, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, params)));
    glEnableVertexAttribArray(5);
    glVertexAttribIPointer(5, 3, GL_INT, stride, at(offsetof(Vertex, mode)));
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    gl::checkErrors("overlay painter setup");
}

OverlayPainter::~OverlayPainter() = default;

glm::vec2 OverlayPainter::measure(std::string_view utf8, const TextStyle& style) const {
    if (utf8.empty() || !(style.sizePx > 0)) return {0, 0};
    const int face = atlas_->face(style.weight, style.sizePx);
    const auto& m = atlas_->metrics(face);
    const auto lines = splitLines(utf8);
    float width = 0;
    for (std::string_view line : lines)
        width = std::max(width, atlas_->shape(face, line).advance);
    const float height = static_cast<float>(lines.size() - 1) * m.lineHeight + m.ascender - m.descender;
    return glm::vec2(width, height) * style.sizePx;
}

void OverlayPainter::prepareText(std::string_view utf8, const TextStyle& style) {
    if (utf8.empty() || !(style.sizePx > 0)) return;
    const int face = atlas_->face(style.weight, style.sizePx);
    for (std::string_view line : splitLines(utf8))
        for (const FontAtlas::ShapedGlyph& g : atlas_->shape(face, line).glyphs)
            atlas_->glyph(face, g.glyph, style.sizePx);
}

float OverlayPainter::ascent(const TextStyle& style) const {
    if (!(style.sizePx > 0)) return 0;
    return atlas_->metrics(atlas_->face(style.weight, style.sizePx)).ascender * style.sizePx;
}

void OverlayPainter::begin(Pass pass) {
    if (batches_.empty() || batches_.back().pass != pass) batches_.push_back({pass, vertices_.size()});
}

void OverlayPainter::quad(const glm::vec2 corners[4], const glm::vec2 local[4], const Vertex& proto) {
    static constexpr int kOrder[6] = {0, 1, 2, 0, 2, 3};
    for (int k : kOrder) {
        Vertex v = proto;
        v.x = corners[k].x;
        v.y = corners[k].y;
        v.u = local[k].x;
        v.v = local[k].y;
        vertices_.push_back(v);
    }
}

void OverlayPainter::layoutText(std::string_view utf8, glm::vec2 pos, TextAnchor anchor,
                                const TextStyle& style) {
    const float size = style.sizePx;
    const int face = atlas_->face(style.weight, size);
    const auto& m = atlas_->metrics(face);
    const glm::vec2 box = measure(utf8, style);
    const float hx = anchorFractionX(anchor);
    const float top = boxTop(anchor, pos.y, box.y, m.ascender * size);

    Vertex proto{};
    proto.mode = kModeText;
    setColor(proto.color, style.color);
    setColor(proto.color2, style.halo);
    proto.params[1] = dilationFor(size, style.color);

    const auto lines = splitLines(utf8);
    for (std::size_t li = 0; li < lines.size(); ++li) {
        const FontAtlas::ShapedLine& line = atlas_->shape(face, lines[li]);
        const float width = line.advance * size;
        // Offsets from `pos` are whole pixels: text at whole-pixel positions gets crisp baselines, and text
        // that moves by fractions of a pixel (animated labels) still moves smoothly.
        const float penX = pos.x + std::round(-hx * width);
        const float baseline =
            pos.y + std::round(top - pos.y + (m.ascender + static_cast<float>(li) * m.lineHeight) * size);
        queueLine(line, face, {penX, baseline}, style, proto);
    }
}

/// A glyph's reach on screen: the box its ink and halo can touch, px, and its pen position.
struct OverlayPainter::InkedGlyph {
    float x0, y0, x1, y1;
    float pen;
};

void OverlayPainter::queueLine(const FontAtlas::ShapedLine& line, int face, glm::vec2 origin,
                               const TextStyle& style, Vertex proto) {
    std::vector<InkedGlyph> inked;
    const auto firstRecord = static_cast<std::int32_t>(glyphs_.size());
    const float halo = queueGlyphRecords(line, face, origin, style, inked);
    if (inked.empty()) return;
    const float reach = halo + 1.5f; // halo, anti-aliasing ramp and sample offsets
    for (InkedGlyph& g : inked) {
        g.x0 -= reach;
        g.y0 -= reach;
        g.x1 += reach;
        g.y1 += reach;
    }
    proto.params[0] = halo;
    queueSlices(inked, firstRecord, style.sizePx < kSupersampleBelowPx ? kTextSupersampled : kText, proto);
}

float OverlayPainter::queueGlyphRecords(const FontAtlas::ShapedLine& line, int face, glm::vec2 origin,
                                        const TextStyle& style, std::vector<InkedGlyph>& inked) {
    const float size = style.sizePx;
    float halo = 0;
    for (const FontAtlas::ShapedGlyph& shaped : line.glyphs) {
        const FontAtlas::GlyphSdf& sdf = atlas_->glyph(face, shaped.glyph, size);
        if (!sdf.hasInk) continue;
        if (static_cast<GLint>(glyphs_.size()) >= maxGlyphRecords_) {
            static bool warned = false;
            if (!warned) std::cerr << "buildout: too much overlay text in one frame; the rest is not drawn\n";
            warned = true;
            continue;
        }
        const float scale = size / sdf.basePx; // px per texel
        // The distance field reaches `spread` texels beyond the ink; keep a pixel for anti-aliasing.
        halo =
            style.haloPx > 0 ? std::min(style.haloPx, std::max(sdf.spreadTexels * scale - 1.0f, 0.0f)) : 0.0f;
        const float pen = origin.x + shaped.pen * size;
        GlyphRecord r{};
        r.originX = origin.x + (shaped.pen + shaped.dx) * size + sdf.left * scale;
        r.originY = (origin.y - shaped.dy * size) - sdf.top * scale;
        r.pxPerTexel = scale;
        r.spreadTexels = sdf.spreadTexels;
        r.x0 = sdf.x0;
        r.y0 = sdf.y0;
        r.x1 = sdf.x1;
        r.y1 = sdf.y1;
        glyphs_.push_back(r);
        const float inset = sdf.spreadTexels * scale;
        inked.push_back({r.originX + inset, r.originY + inset, r.originX + (sdf.x1 - sdf.x0) * scale - inset,
                         r.originY + (sdf.y1 - sdf.y0) * scale - inset, pen});
    }
    return halo;
}

void OverlayPainter::queueSlices(const std::vector<InkedGlyph>& inked, std::int32_t firstRecord, Pass pass,
                                 Vertex proto) {
    // Split the line into side-by-side slices, one per glyph, bounded by the pen positions; each slice
    // is drawn once and evaluates every glyph whose reach overlaps it.
    const std::size_t n = inked.size();
    std::vector<float> bound(n + 1);
    float minX = inked[0].x0, maxX = inked[0].x1;
    for (const InkedGlyph& g : inked) {
        minX = std::min(minX, g.x0);
        maxX = std::max(maxX, g.x1);
    }
    bound[0] = minX;
    bound[n] = maxX;
    for (std::size_t k = 1; k < n; ++k)
        bound[k] = std::clamp(inked[k].pen, bound[k - 1], maxX);
    std::vector<std::int32_t> lo(n, std::numeric_limits<std::int32_t>::max()), hi(n, -1);
    std::vector<float> sliceY0(n, 1e30f), sliceY1(n, -1e30f);
    for (std::size_t j = 0; j < n; ++j) {
        const InkedGlyph& g = inked[j];
        // slices k with bound[k] < g.x1 and bound[k+1] > g.x0
        auto k0 =
            static_cast<std::size_t>(std::upper_bound(bound.begin(), bound.end(), g.x0) - bound.begin());
        k0 = k0 > 0 ? k0 - 1 : 0;
        for (std::size_t k = k0; k < n && bound[k] < g.x1; ++k) {
            if (bound[k + 1] <= g.x0) continue;
            lo[k] = std::min(lo[k], static_cast<std::int32_t>(j));
            hi[k] = std::max(hi[k], static_cast<std::int32_t>(j));
            sliceY0[k] = std::min(sliceY0[k], g.y0);
            sliceY1[k] = std::max(sliceY1[k], g.y1);
        }
    }
    begin(pass);
    for (std::size_t k = 0; k < n; ++k) {
        if (hi[k] < 0 || bound[k + 1] <= bound[k]) continue;
        proto.first = firstRecord + lo[k];
        proto.last = firstRecord + hi[k];
        const glm::vec2 c[4] = {{bound[k], sliceY0[k]},
                                {bound[k + 1], sliceY0[k]},
                                {bound[k + 1], sliceY1[k]},
                                {bound[k], sliceY1[k]}};
        quad(c, c, proto);
    }
}

void OverlayPainter::rect(glm::vec2 min, glm::vec2 max, glm::vec4 fill, float cornerRadiusPx,
                          glm::vec4 border, float borderPx) {
    const glm::vec2 lo = glm::min(min, max), hi = glm::max(min, max);
    const glm::vec2 half = (hi - lo) * 0.5f, centre = (lo + hi) * 0.5f;
    const float limit = std::min(half.x, half.y);
    borderPx = std::clamp(borderPx, 0.0f, limit);
    if (borderPx <= 0 || border.a <= 0) borderPx = 0;
    if (half.x <= 0 || half.y <= 0 || (fill.a <= 0 && borderPx <= 0)) return;
    Vertex proto{};
    proto.mode = kModeRoundRect;
    setColor(proto.color, fill);
    setColor(proto.color2, border);
    proto.params[0] = half.x;
    proto.params[1] = half.y;
    proto.params[2] = std::clamp(cornerRadiusPx, 0.0f, limit);
    proto.params[3] = borderPx;
    const glm::vec2 a = lo - 1.0f, b = hi + 1.0f; // one pixel of margin for the anti-aliased edge
    const glm::vec2 c[4] = {a, {b.x, a.y}, b, {a.x, b.y}};
    const glm::vec2 l[4] = {c[0] - centre, c[1] - centre, c[2] - centre, c[3] - centre};
    begin(kShapes);
    quad(c, l, proto);
}

void OverlayPainter::circle(glm::vec2 center, float radiusPx, glm::vec4 fill, glm::vec4 border,
                            float borderPx) {
    if (!(radiusPx > 0)) return;
    rect(center - radiusPx, center + radiusPx, fill, radiusPx, border, borderPx);
}

void OverlayPainter::line(glm::vec2 a, glm::vec2 b, float widthPx, glm::vec4 color, float dashPx) {
    if (!(widthPx > 0) || color.a <= 0) return;
    const glm::vec2 d = b - a;
    const float len = glm::length(d);
    const glm::vec2 dir = len > 1e-6f ? d / len : glm::vec2(1, 0);
    const glm::vec2 nrm(-dir.y, dir.x);
    const float width = std::max(widthPx, 1.0f);
    const float hw = width * 0.5f, m = hw + 1.0f;
    Vertex proto{};
    proto.mode = kModeLine;
    setColor(proto.color, color);
    proto.params[0] = len;
    proto.params[1] = hw;
    proto.params[2] = std::max(dashPx, 0.0f);
    proto.params[3] = std::min(widthPx, 1.0f);
    const glm::vec2 c[4] = {a - dir * m - nrm * m, b + dir * m - nrm * m, b + dir * m + nrm * m,
                            a - dir * m + nrm * m};
    const glm::vec2 l[4] = {{-m, -m}, {len + m, -m}, {len + m, m}, {-m, m}};
    begin(kShapes);
    quad(c, l, proto);
}

void OverlayPainter::polygon(std::span<const glm::vec2> convexPoints, glm::vec4 fill) {
    if (fill.a <= 0) return;
    std::vector<glm::vec2> p;
    p.reserve(convexPoints.size());
    for (glm::vec2 q : convexPoints)
        if (p.empty() || glm::distance(p.back(), q) > 1e-4f) p.push_back(q);
    while (p.size() > 1 && glm::distance(p.front(), p.back()) <= 1e-4f)
        p.pop_back();
    const std::size_t n = p.size();
    if (n < 3) return;
    float area = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const glm::vec2 a = p[i], b = p[(i + 1) % n];
        area += a.x * b.y - b.x * a.y;
    }
    if (std::abs(area) < 1e-6f) return;
    const float side = area > 0 ? 1.0f : -1.0f;
    // Outward edge normals, then per-vertex offsets that move each edge by half a pixel (mitred, limited).
    std::vector<glm::vec2> edgeNormal(n), offset(n);
    for (std::size_t i = 0; i < n; ++i) {
        const glm::vec2 e = glm::normalize(p[(i + 1) % n] - p[i]);
        edgeNormal[i] = side * glm::vec2(e.y, -e.x);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const glm::vec2 n0 = edgeNormal[(i + n - 1) % n], n1 = edgeNormal[i];
        glm::vec2 v = n0 + n1;
        const float len = glm::length(v);
        v = len > 1e-6f ? v / len : n1;
        const float cosHalf = std::max(glm::dot(v, n1), 0.25f); // limit the mitre to 4x at sharp corners
        offset[i] = v * (0.5f / cosHalf);
    }
    Vertex proto{};
    proto.mode = kModePlain;
    setColor(proto.color, fill);
    begin(kShapes);
    auto emit = [&](glm::vec2 q, float coverage) {
        Vertex v = proto;
        v.x = q.x;
        v.y = q.y;
        v.u = coverage;
        vertices_.push_back(v);
    };
    for (std::size_t i = 1; i + 1 < n; ++i) { // interior fan, shrunk by half a pixel
        emit(p[0] - offset[0], 1);
        emit(p[i] - offset[i], 1);
        emit(p[i + 1] - offset[i + 1], 1);
    }
    for (std::size_t i = 0; i < n; ++i) { // one-pixel fringe: coverage 1 inside to 0 outside
        const std::size_t j = (i + 1) % n;
        const glm::vec2 in0 = p[i] - offset[i], in1 = p[j] - offset[j], out0 = p[i] + offset[i],
                        out1 = p[j] + offset[j];
        emit(in0, 1);
        emit(in1, 1);
        emit(out1, 0);
        emit(in0, 1);
        emit(out1, 0);
        emit(out0, 0);
    }
}

void OverlayPainter::clearQueue() {
    vertices_.clear();
    batches_.clear();
    glyphs_.clear();
}

void OverlayPainter::setPictureCacheEnabled(bool enabled) {
    pictureCacheEnabled_ = enabled;
    if (!enabled)
        for (Picture& p : pictures_)
            p.valid = p.haveLast = false;
}

std::uint64_t OverlayPainter::queueKey(int viewportWidth, int viewportHeight) const {
    // FNV-1a over the bytes of the queue. Vertex and GlyphRecord are all 4-byte fields (no padding), so
    // their bytes are their values.
    static_assert(sizeof(Vertex) == 19 * 4 && sizeof(GlyphRecord) == 8 * 4, "padding would enter the key");
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const void* data, std::size_t n) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < n; ++i)
            h = (h ^ bytes[i]) * 1099511628211ull;
    };
    const std::int64_t dims[2] = {viewportWidth, viewportHeight};
    mix(dims, sizeof dims);
    mix(vertices_.data(), vertices_.size() * sizeof(Vertex));
    mix(glyphs_.data(), glyphs_.size() * sizeof(GlyphRecord));
    for (const Batch& b : batches_) {
        const std::uint64_t fields[2] = {static_cast<std::uint64_t>(b.pass), b.first};
        mix(fields, sizeof fields);
    }
    return h;
}

/// Premultiplied-alpha "over" blending, no depth/stencil/scissor/culling: the state every overlay draw uses.
static void setCompositingState() {
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
}

void OverlayPainter::coverQueuedTiles(Picture& picture) const {
    // Tiles of 32 px touched by any queued triangle's bounding box, merged into runs per tile row. A
    // full-frame copy costs a software rasteriser about as much as drawing the text it replaces.
    constexpr int kTile = 32;
    const int w = picture.width, h = picture.height;
    const int nx = (w + kTile - 1) / kTile, ny = (h + kTile - 1) / kTile;
    std::vector<char> touched(static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny), 0);
    for (std::size_t i = 0; i + 2 < vertices_.size(); i += 3) {
        float x0 = vertices_[i].x, x1 = x0, y0 = vertices_[i].y, y1 = y0;
        for (std::size_t k = i + 1; k < i + 3; ++k) {
            x0 = std::min(x0, vertices_[k].x), x1 = std::max(x1, vertices_[k].x);
            y0 = std::min(y0, vertices_[k].y), y1 = std::max(y1, vertices_[k].y);
        }
        if (!(x1 >= 0 && y1 >= 0 && x0 < static_cast<float>(w) && y0 < static_cast<float>(h))) continue;
        const int tx0 = std::max(0, static_cast<int>(x0) / kTile),
                  tx1 = std::min(nx - 1, static_cast<int>(x1) / kTile);
        const int ty0 = std::max(0, static_cast<int>(y0) / kTile),
                  ty1 = std::min(ny - 1, static_cast<int>(y1) / kTile);
        for (int ty = ty0; ty <= ty1; ++ty)
            for (int tx = tx0; tx <= tx1; ++tx)
                touched[static_cast<std::size_t>(ty * nx + tx)] = 1;
    }
    std::vector<float> tris;
    for (int ty = 0; ty < ny; ++ty)
        for (int tx = 0; tx < nx;) {
            if (!touched[static_cast<std::size_t>(ty * nx + tx)]) {
                ++tx;
                continue;
            }
            int end = tx;
            while (end < nx && touched[static_cast<std::size_t>(ty * nx + end)])
                ++end;
            const float ax = static_cast<float>(tx * kTile),
                        bx = static_cast<float>(std::min(end * kTile, w));
            const float ay = static_cast<float>(ty * kTile),
                        by = static_cast<float>(std::min((ty + 1) * kTile, h));
            tris.insert(tris.end(), {ax, ay, bx, ay, bx, by, ax, ay, bx, by, ax, by});
            tx = end;
        }
    if (!picture.rects) {
        picture.rects = gl::makeBuffer();
        picture.rectsVao = gl::makeVertexArray();
        glBindVertexArray(picture.rectsVao.get());
        glBindBuffer(GL_ARRAY_BUFFER, picture.rects.get());
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
        glBindVertexArray(0);
    }
    glBindBuffer(GL_ARRAY_BUFFER, picture.rects.get());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(tris.size() * sizeof(float)),
                 tris.empty() ? nullptr : tris.data(), GL_STATIC_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    picture.rectVertices = static_cast<GLsizei>(tris.size() / 2);
}

void OverlayPainter::composite(const Picture& picture) {
    if (picture.rectVertices == 0) return;
    glViewport(0, 0, picture.width, picture.height);
    setCompositingState();
    compositeProgram_.use();
    glUniform2f(compositeProgram_.uniform("uViewport"), static_cast<float>(picture.width),
                static_cast<float>(picture.height));
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, picture.color.get());
    glBindVertexArray(picture.rectsVao.get());
    glDrawArrays(GL_TRIANGLES, 0, picture.rectVertices);
    glBindVertexArray(0);
}

void OverlayPainter::flush(int viewportWidth, int viewportHeight, OverlayCacheSlot slot) {
    drawPendingSprites();
    flushQueue(viewportWidth, viewportHeight, slot);
    sprites_.endFlush();
}

void OverlayPainter::flushQueue(int viewportWidth, int viewportHeight, OverlayCacheSlot slot) {
    if (vertices_.empty() || viewportWidth <= 0 || viewportHeight <= 0) {
        clearQueue();
        return;
    }
    GLint boundFbo = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &boundFbo);
    const int index = static_cast<int>(slot);
    if (!pictureCacheEnabled_ || index < 0 || index >= kSlotCount || boundFbo == 0) {
        drawQueue(viewportWidth, viewportHeight);
        return;
    }
    Picture& pic = pictures_[index];
    const std::uint64_t key = queueKey(viewportWidth, viewportHeight);
    if (pic.valid && key == pic.cachedKey && pic.width == viewportWidth && pic.height == viewportHeight) {
        clearQueue();
        composite(pic);
        return;
    }
    const bool repeated = pic.haveLast && key == pic.lastKey;
    pic.lastKey = key;
    pic.haveLast = true;
    if (!repeated) { // changing from frame to frame (or new): a picture would be thrown away at once
        drawQueue(viewportWidth, viewportHeight);
        return;
    }
    GLint samples = 0;
    glGetIntegerv(GL_SAMPLES, &samples);
    if (!pic.fbo || pic.width != viewportWidth || pic.height != viewportHeight || pic.samples != samples) {
        pic.color = gl::makeTexture();
        glBindTexture(GL_TEXTURE_2D, pic.color.get());
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, viewportWidth, viewportHeight, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        pic.fbo = gl::makeFramebuffer();
        glBindFramebuffer(GL_FRAMEBUFFER, pic.fbo.get());
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, pic.color.get(), 0);
        bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
        pic.msColor.reset();
        pic.msFbo.reset();
        if (samples > 1 && complete) {
            pic.msColor = gl::makeRenderbuffer();
            glBindRenderbuffer(GL_RENDERBUFFER, pic.msColor.get());
            glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, viewportWidth,
                                             viewportHeight);
            glBindRenderbuffer(GL_RENDERBUFFER, 0);
            pic.msFbo = gl::makeFramebuffer();
            glBindFramebuffer(GL_FRAMEBUFFER, pic.msFbo.get());
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                                      pic.msColor.get());
            complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
        }
        pic.width = viewportWidth;
        pic.height = viewportHeight;
        pic.samples = samples;
        if (!complete) {
            pic.fbo.reset();
            glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(boundFbo));
            drawQueue(viewportWidth, viewportHeight);
            return;
        }
    }
    glBindFramebuffer(GL_FRAMEBUFFER, pic.msFbo ? pic.msFbo.get() : pic.fbo.get());
    glViewport(0, 0, viewportWidth, viewportHeight);
    glDisable(GL_SCISSOR_TEST);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    coverQueuedTiles(pic);
    drawQueue(viewportWidth, viewportHeight);
    if (pic.msFbo) { // resolve the samples into the picture
        glBindFramebuffer(GL_READ_FRAMEBUFFER, pic.msFbo.get());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, pic.fbo.get());
        glBlitFramebuffer(0, 0, viewportWidth, viewportHeight, 0, 0, viewportWidth, viewportHeight,
                          GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    pic.cachedKey = key;
    pic.valid = true;
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(boundFbo));
    composite(pic);
}

void OverlayPainter::drawQueue(int viewportWidth, int viewportHeight) {
    drawBatches(viewportWidth, viewportHeight);
    clearQueue();
}

void OverlayPainter::drawBatches(int viewportWidth, int viewportHeight) {
    if (glyphs_.empty()) glyphs_.push_back({}); // the buffer texture must not be empty

    glActiveTexture(GL_TEXTURE0);
    atlas_->upload();
    glActiveTexture(GL_TEXTURE1);
    glBindBuffer(GL_TEXTURE_BUFFER, glyphBuffer_.get());
    glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(glyphs_.size() * sizeof(GlyphRecord)),
                 glyphs_.data(), GL_STREAM_DRAW);
    glBindTexture(GL_TEXTURE_BUFFER, glyphTexture_.get());
    glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA32F, glyphBuffer_.get());
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
    glActiveTexture(GL_TEXTURE2);
    glBindTexture(GL_TEXTURE_2D, sprites_.texture());
    glActiveTexture(GL_TEXTURE0);

    glBindVertexArray(vao_.get());
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.get());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices_.size() * sizeof(Vertex)),
                 vertices_.data(), GL_STREAM_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, 0);

    glViewport(0, 0, viewportWidth, viewportHeight);
    setCompositingState();
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    for (std::size_t b = 0; b < batches_.size(); ++b) {
        const std::size_t first = batches_[b].first;
        const std::size_t end = b + 1 < batches_.size() ? batches_[b + 1].first : vertices_.size();
        if (end <= first) continue;
        const gl::Program& program = programs_[batches_[b].pass];
        program.use();
        glUniform2f(program.uniform("uViewport"), static_cast<float>(viewportWidth),
                    static_cast<float>(viewportHeight));
        glUniform2f(program.uniform("uAtlasSize"), static_cast<float>(atlas_->width()),
                    static_cast<float>(atlas_->height()));
        if (batches_[b].pass == kSprite)
            glUniform1f(program.uniform("uSpriteSide"), static_cast<float>(sprites_.side()));
        glDrawArrays(GL_TRIANGLES, static_cast<GLint>(first), static_cast<GLsizei>(end - first));
    }
    glBindVertexArray(0);
    gl::checkErrors("overlay painter flush");
}

} // namespace buildout
