// Text sprite atlas: shelf packing, the cache and candidate bookkeeping, and the atlas texture.
#include "render/text_sprite_atlas.h"

#include <algorithm>

namespace buildout {

std::size_t TextSpriteKeyHash::operator()(const TextSpriteKey& k) const {
    // FNV-1a over the string and the numbers (floats by their bits: keys compare by value, and equal
    // floats other than +0/-0 have equal bits; a -0 miss only costs a redraw).
    std::uint64_t h = 1469598103934665603ull;
    const auto mix = [&h](const void* data, std::size_t n) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < n; ++i)
            h = (h ^ bytes[i]) * 1099511628211ull;
    };
    mix(k.text.data(), k.text.size());
    mix(k.style, sizeof k.style);
    mix(&k.anchor, sizeof k.anchor);
    const float frac[2] = {k.fracX, k.fracY};
    mix(frac, sizeof frac);
    return static_cast<std::size_t>(h);
}

const TextSpriteAtlas::Sprite* TextSpriteAtlas::find(const TextSpriteKey& key) {
    const auto it = sprites_.find(key);
    return it == sprites_.end() ? nullptr : &it->second;
}

bool TextSpriteAtlas::repeated(const TextSpriteKey& key) {
    const auto [it, inserted] = candidates_.try_emplace(key, flushes_);
    if (inserted) return false;
    const bool recent = flushes_ - it->second <= kCandidateFlushes;
    it->second = flushes_;
    return recent;
}

std::optional<glm::ivec2> TextSpriteAtlas::allocate(glm::ivec2 size) {
    if (size.x <= 0 || size.y <= 0 || size.x > side_ || size.y > side_) return std::nullopt;
    // The lowest shelf that is tall enough (but not twice too tall) and has room; else a new shelf.
    Shelf* best = nullptr;
    for (Shelf& s : shelves_)
        if (s.height >= size.y && s.height <= 2 * size.y && side_ - s.x >= size.x &&
            (!best || s.height < best->height))
            best = &s;
    if (!best) {
        // Shelf heights are rounded up to 8 texels so that texts of nearly equal height share them.
        const int height = (size.y + 7) / 8 * 8;
        if (nextShelfY_ + height > side_) return std::nullopt;
        shelves_.push_back({nextShelfY_, height, 0});
        rowsToClear_.emplace_back(nextShelfY_, height);
        nextShelfY_ += height;
        best = &shelves_.back();
    }
    const glm::ivec2 origin(best->x, best->y);
    best->x += size.x + 1; // a texel of transparent gap between neighbours
    return origin;
}

const TextSpriteAtlas::Sprite* TextSpriteAtlas::insert(TextSpriteKey key, glm::ivec2 size,
                                                       glm::ivec2 offset) {
    if (full_) return nullptr; // emptied at endFlush(): texts queued this flush must stay valid until then
    const std::optional<glm::ivec2> origin = allocate(size);
    if (!origin) {
        full_ = true;
        return nullptr;
    }
    const auto [it, inserted] = sprites_.insert_or_assign(std::move(key), Sprite{*origin, size, offset});
    return &it->second;
}

bool TextSpriteAtlas::prepare() {
    if (textureSide_ == side_ && fbo_) return true;
    GLint drawFbo = 0, readFbo = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &drawFbo);
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &readFbo);
    fbo_.reset();
    texture_ = gl::makeTexture();
    glBindTexture(GL_TEXTURE_2D, texture_.get());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, side_, side_, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_2D, 0);
    fbo_ = gl::makeFramebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture_.get(), 0);
    const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(drawFbo));
    glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(readFbo));
    if (!complete) {
        fbo_.reset();
        texture_.reset();
        textureSide_ = 0;
        return false;
    }
    textureSide_ = side_;
    if (samples_ > 1) {
        msColor_ = gl::makeRenderbuffer();
        glBindRenderbuffer(GL_RENDERBUFFER, msColor_.get());
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_RGBA8, side_, side_);
        glBindRenderbuffer(GL_RENDERBUFFER, 0);
        msFbo_ = gl::makeFramebuffer();
        glBindFramebuffer(GL_FRAMEBUFFER, msFbo_.get());
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, msColor_.get());
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
            msFbo_.reset(), msColor_.reset();
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(drawFbo));
        glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(readFbo));
    } else {
        msFbo_.reset(), msColor_.reset();
    }
    return true;
}

bool TextSpriteAtlas::bindTarget() {
    if (!prepare()) return false;
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glClearColor(0, 0, 0, 0);
    if (!rowsToClear_.empty()) {
        glEnable(GL_SCISSOR_TEST);
        for (const GLuint fbo : {msFbo_.get(), fbo_.get()}) {
            if (fbo == 0) continue;
            glBindFramebuffer(GL_FRAMEBUFFER, fbo);
            for (const glm::ivec2 rows : rowsToClear_) { // GL counts rows from the bottom
                glScissor(0, textureSide_ - rows.x - rows.y, textureSide_, rows.y);
                glClear(GL_COLOR_BUFFER_BIT);
            }
        }
        rowsToClear_.clear();
    }
    glDisable(GL_SCISSOR_TEST);
    glBindFramebuffer(GL_FRAMEBUFFER, msFbo_ ? msFbo_.get() : fbo_.get());
    return true;
}

void TextSpriteAtlas::resolve(glm::ivec2 min, glm::ivec2 max) {
    if (!msFbo_) return;
    // GL counts rows from the bottom; the painter's pixels run down from the top.
    const int x0 = std::clamp(min.x, 0, side_), x1 = std::clamp(max.x, 0, side_);
    const int y0 = std::clamp(side_ - max.y, 0, side_), y1 = std::clamp(side_ - min.y, 0, side_);
    if (x1 <= x0 || y1 <= y0) return;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, msFbo_.get());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo_.get());
    glBlitFramebuffer(x0, y0, x1, y1, x0, y0, x1, y1, GL_COLOR_BUFFER_BIT, GL_NEAREST);
}

void TextSpriteAtlas::useSamples(int samples) {
    requestedSamples_ = samples > 1 ? samples : 0;
}

void TextSpriteAtlas::endFlush() {
    ++flushes_;
    if (requestedSamples_ != samples_) { // the targets' multisampling changed: draw texts afresh
        samples_ = requestedSamples_;
        textureSide_ = 0; // made again, with or without the multisampled buffer, at the next prepare()
        sprites_.clear();
        shelves_.clear();
        nextShelfY_ = 0;
        rowsToClear_.clear();
        full_ = false;
    }
    if (full_) {
        // Grow once when the atlas ran out while its texts were still in use, then start afresh.
        GLint maxSide = 0;
        glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxSide);
        if (side_ < kMaxSide && 2 * side_ <= maxSide) side_ *= 2;
        sprites_.clear();
        shelves_.clear();
        nextShelfY_ = 0;
        rowsToClear_.clear(); // (those shelves are gone; each new one is cleared as it opens)
        full_ = false;
    }
    if (flushes_ % 64 == 0)
        std::erase_if(candidates_, [this](const auto& c) { return flushes_ - c.second > kCandidateFlushes; });
}

void TextSpriteAtlas::clear() {
    sprites_.clear();
    candidates_.clear();
    shelves_.clear();
    nextShelfY_ = 0;
    rowsToClear_.clear();
    full_ = false;
}

} // namespace buildout
