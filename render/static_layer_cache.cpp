// Static-layer picture cache; see the header for the contract.
#include "render/static_layer_cache.h"

#include <algorithm>

namespace buildout {

bool StaticLayerKey::operator==(const StaticLayerKey& o) const {
    const CameraState& a = camera;
    const CameraState& b = o.camera;
    return basemap == o.basemap && a.target == b.target && a.distanceKm == b.distanceKm &&
           a.headingDeg == b.headingDeg && a.tiltDeg == b.tiltDeg && a.fovYDeg == b.fovYDeg &&
           width == o.width && height == o.height && samples == o.samples && pixelScale == o.pixelScale &&
           basemapVisible == o.basemapVisible && basemapOpacity == o.basemapOpacity &&
           transparentBackground == o.transparentBackground && regionColors == o.regionColors;
}

StaticLayerCache::Action StaticLayerCache::plan(const StaticLayerKey& key, GLuint targetFbo) {
    if (!enabled_ || broken_ || targetFbo == 0) {
        haveLastKey_ = false;
        lastCopied_ = false;
        return Action::Direct;
    }
    if (valid_ && key == cachedKey_) {
        lastCopied_ = true;
        return Action::Copy;
    }
    const bool repeated = haveLastKey_ && key == lastKey_;
    // A change after a still spell (a scenario swapped in, a layer toggled, a jump to a view) is most
    // likely a one-off: captured at once, so that the next frame copies instead of drawing the land a
    // second time. A change after a change (the camera moving) is drawn directly until it holds still.
    const bool afterStill = lastCopied_;
    lastCopied_ = false;
    lastKey_ = key;
    haveLastKey_ = true;
    if (!repeated && !afterStill) return Action::Direct;
    cachedKey_ = key;
    valid_ = true; // filled by the caller between beginCapture() and copyTo()
    return Action::Capture;
}

void StaticLayerCache::allocate(int width, int height, int samples) {
    if (fbo_ && width == allocWidth_ && height == allocHeight_ && samples == allocSamples_) return;
    color_ = gl::makeRenderbuffer();
    glBindRenderbuffer(GL_RENDERBUFFER, color_.get());
    if (samples > 0)
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, width, height);
    else
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    fbo_ = gl::makeFramebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.get());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_.get());
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) broken_ = true;
    allocWidth_ = width;
    allocHeight_ = height;
    allocSamples_ = samples;
}

void StaticLayerCache::beginCapture() {
    allocate(cachedKey_.width, cachedKey_.height, cachedKey_.samples);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.get());
    glViewport(0, 0, cachedKey_.width, cachedKey_.height);
}

void StaticLayerCache::reserve(int width, int height, int samples) {
    if (!enabled_ || broken_) return;
    valid_ = false;
    GLint bound = 0, scissor = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &bound);
    glGetIntegerv(GL_SCISSOR_TEST, &scissor);
    allocate(width, height, samples);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.get());
    glDisable(GL_SCISSOR_TEST);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    if (scissor) glEnable(GL_SCISSOR_TEST);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(bound));
}

bool StaticLayerCache::beginCaptureAhead(const StaticLayerKey& key, int part) {
    if (!enabled_ || broken_) return false;
    if (part == 0) {
        aheadKey_ = key;
        aheadParts_ = 0;
        valid_ = false;
    } else if (aheadParts_ != 1 || !(aheadKey_ == key)) {
        return false;
    }
    cachedKey_ = key;
    beginCapture();
    // At a multiple of 64 rows (llvmpipe's tile), where a scissor edge leaves every pixel as drawn whole:
    // at row 90 of 180 one edge pixel of the land came out 2/255 apart.
    const int lower = std::max(64, (key.height / 2 + 32) / 64 * 64);
    glEnable(GL_SCISSOR_TEST);
    glScissor(0, part == 0 ? 0 : lower, key.width, part == 0 ? lower : key.height - lower);
    aheadParts_ = part + 1;
    if (part == 1) { // whole once this part is drawn (the caller draws it next)
        valid_ = true;
        haveLastKey_ = false;
    }
    return true;
}

bool StaticLayerCache::copyTo(GLuint targetFbo) {
    if (broken_) {
        valid_ = false;
        glBindFramebuffer(GL_FRAMEBUFFER, targetFbo);
        return false;
    }
    while (glGetError() != GL_NO_ERROR) {
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.get());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, targetFbo);
    glBlitFramebuffer(0, 0, cachedKey_.width, cachedKey_.height, 0, 0, cachedKey_.width, cachedKey_.height,
                      GL_COLOR_BUFFER_BIT, GL_NEAREST);
    const bool ok = glGetError() == GL_NO_ERROR; // e.g. a target whose colour format is not RGBA8
    glBindFramebuffer(GL_FRAMEBUFFER, targetFbo);
    if (!ok) {
        broken_ = true;
        valid_ = false;
    }
    return ok;
}

void StaticLayerCache::setEnabled(bool enabled) {
    enabled_ = enabled;
    if (!enabled) invalidate();
}

void StaticLayerCache::invalidate() {
    valid_ = false;
    haveLastKey_ = false;
}

} // namespace buildout
