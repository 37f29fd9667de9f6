// Overlay painter: text(), and its path through the text sprite atlas (render/text_sprite_atlas.h).
#include "render/overlay_painter.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace buildout {

namespace {

TextSpriteKey spriteKey(std::string_view utf8, glm::vec2 frac, TextAnchor anchor, const TextStyle& style) {
    TextSpriteKey key;
    key.text.assign(utf8);
    const float values[11] = {style.sizePx,
                              style.color.r,
                              style.color.g,
                              style.color.b,
                              style.color.a,
                              style.halo.r,
                              style.halo.g,
                              style.halo.b,
                              style.halo.a,
                              style.haloPx,
                              static_cast<float>(static_cast<int>(style.weight))};
    std::copy(std::begin(values), std::end(values), std::begin(key.style));
    key.anchor = static_cast<std::int32_t>(anchor);
    // Exactly: text shading is sensitive to hundredths of a pixel (a slice edge crossing a pixel centre).
    key.fracX = frac.x, key.fracY = frac.y;
    return key;
}

} // namespace

void OverlayPainter::text(std::string_view utf8, glm::vec2 pos, TextAnchor anchor, const TextStyle& style) {
    if (utf8.empty() || !(style.sizePx > 0) ||
        (style.color.a <= 0 && (style.haloPx <= 0 || style.halo.a <= 0)))
        return;
    if (textSpritesEnabled_ && std::isfinite(pos.x) && std::isfinite(pos.y) &&
        textAsSprite(utf8, pos, anchor, style))
        return;
    layoutText(utf8, pos, anchor, style);
}

void OverlayPainter::setTextSpritesEnabled(bool enabled) {
    textSpritesEnabled_ = enabled;
    if (!enabled) sprites_.clear();
}

bool OverlayPainter::textAsSprite(std::string_view utf8, glm::vec2 pos, TextAnchor anchor,
                                  const TextStyle& style) {
    // The whole-pixel part of the position only moves the picture; the rest is in the key.
    const glm::vec2 whole = glm::floor(pos);
    TextSpriteKey key = spriteKey(utf8, pos - whole, anchor, style);
    const auto queueCopy = [&](const TextSpriteAtlas::Sprite& sprite) {
        const glm::vec2 a = whole + glm::vec2(sprite.offset), b = a + glm::vec2(sprite.size);
        const glm::vec2 t0(sprite.atlasOrigin), t1 = t0 + glm::vec2(sprite.size);
        const glm::vec2 corners[4] = {a, {b.x, a.y}, b, {a.x, b.y}};
        const glm::vec2 texels[4] = {t0, {t1.x, t0.y}, t1, {t0.x, t1.y}};
        Vertex proto{};
        begin(kSprite);
        quad(corners, texels, proto);
    };
    if (const TextSpriteAtlas::Sprite* sprite = sprites_.find(key)) {
        queueCopy(*sprite);
        return true;
    }
    if (!sprites_.repeated(key)) return false; // first sighting: may never come back
    if (!sprites_.prepare()) {
        textSpritesEnabled_ = false; // no framebuffer for the atlas: draw every text directly
        return false;
    }
    // Lay the text out at its fractional position (pos - whole is exact in float), then move it into its
    // rectangle of the atlas.
    const glm::vec2 frac = pos - whole;
    const std::size_t firstVertex = vertices_.size(), firstBatch = batches_.size(),
                      firstGlyph = glyphs_.size();
    layoutText(utf8, frac, anchor, style);
    if (vertices_.size() == firstVertex) return true; // no ink (spaces only)
    glm::vec2 lo(vertices_[firstVertex].x, vertices_[firstVertex].y), hi = lo;
    for (std::size_t i = firstVertex; i < vertices_.size(); ++i) {
        lo = glm::min(lo, glm::vec2(vertices_[i].x, vertices_[i].y));
        hi = glm::max(hi, glm::vec2(vertices_[i].x, vertices_[i].y));
    }
    const glm::ivec2 corner(glm::floor(lo)), size = glm::ivec2(glm::ceil(hi)) - corner;
    const TextSpriteAtlas::Sprite* sprite = sprites_.insert(std::move(key), size, corner);
    if (!sprite) { // the atlas is full this flush: draw it directly, where it belongs
        translateQueued(firstVertex, firstGlyph, whole);
        return true;
    }
    translateQueued(firstVertex, firstGlyph, glm::vec2(sprite->atlasOrigin - corner));
    const Pass pass = batches_.back().pass; // every line of a text is drawn by one program
    if (pendingBatches_.empty() || pendingBatches_.back().pass != pass)
        pendingBatches_.push_back({pass, pendingVertices_.size()});
    pendingVertices_.insert(pendingVertices_.end(),
                            vertices_.begin() + static_cast<std::ptrdiff_t>(firstVertex), vertices_.end());
    vertices_.resize(firstVertex);
    batches_.resize(firstBatch);
    queueCopy(*sprite);
    return true;
}

void OverlayPainter::translateQueued(std::size_t firstVertex, std::size_t firstGlyph, glm::vec2 delta) {
    // Text vertices carry their position twice (x, y and the local u, v the text shader reads).
    for (std::size_t i = firstVertex; i < vertices_.size(); ++i) {
        Vertex& v = vertices_[i];
        v.x += delta.x, v.y += delta.y, v.u += delta.x, v.v += delta.y;
    }
    for (std::size_t i = firstGlyph; i < glyphs_.size(); ++i)
        glyphs_[i].originX += delta.x, glyphs_[i].originY += delta.y;
}

void OverlayPainter::drawPendingSprites() {
    GLint samples = 0;
    glGetIntegerv(GL_SAMPLES, &samples); // of the target this flush draws into
    sprites_.useSamples(samples);
    if (pendingVertices_.empty()) return;
    GLint drawFbo = 0, readFbo = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &drawFbo);
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &readFbo);
    glm::vec2 lo(pendingVertices_[0].x, pendingVertices_[0].y), hi = lo;
    for (const Vertex& v : pendingVertices_)
        lo = glm::min(lo, glm::vec2(v.x, v.y)), hi = glm::max(hi, glm::vec2(v.x, v.y));
    // The pending texts share the glyph records of the queue; draw them alone, then restore the queue.
    std::swap(vertices_, pendingVertices_);
    std::swap(batches_, pendingBatches_);
    if (sprites_.bindTarget()) {
        drawBatches(sprites_.side(), sprites_.side());
        sprites_.resolve(glm::ivec2(glm::floor(lo)), glm::ivec2(glm::ceil(hi)));
    }
    std::swap(vertices_, pendingVertices_);
    std::swap(batches_, pendingBatches_);
    pendingVertices_.clear();
    pendingBatches_.clear();
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(drawFbo));
    glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(readFbo));
}

} // namespace buildout
