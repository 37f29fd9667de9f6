// Static-layer picture cache; see the header for the contract.
#include "render/static_layer_cache.h"

namespace buildout {

bool StaticLayerKey::operator==(const StaticLayerKey& o) const {
    const CameraState& a = camera;
    const CameraState& b = o.camera;
    return basemap == o.basemap && a.target == b.target && a.distanceKm == b.distanceKm &&
           a.headingDeg == b.headingDeg && a.tiltDeg == b.tiltDeg && a.fovYDeg == b.fovYDeg && width == o.width &&
           height == o.height && samples == o.samples && pixelScale == o.pixelScale &&
           basemapVisible == o.basemapVisible && basemapOpacity == o.basemapOpacity &&
           transparentBackground == o.transparentBackground && regionColors == o.regionColors;
}

StaticLayerCache::Action StaticLayerCache::plan(const StaticLayerKey& key, GLuint targetFbo) {
    if (!enabled_ || broken_ || targetFbo == 0) {
        haveLastKey_ = false;
        return Action::Direct;
    }
    if (valid_ && key == cachedKey_) return Action::Copy;
    const bool repeated = haveLastKey_ && key == lastKey_;
    lastKey_ = key;
    haveLastKey_ = true;
    if (!repeated) return Action::Direct;
    cachedKey_ = key;
    valid_ = true; // filled by the caller between beginCapture() and copyTo()
    return Action::Capture;
}

void StaticLayerCache::allocate(int width, int height, int samples) {
    if (fbo_ && width == allocWidth_ && height == allocHeight_ && samples == allocSamples_) return;
    color_ = gl::makeRenderbuffer();
    glBindRenderbuffer(GL_RENDERBUFFER, color_.get());
    if (samples > 0) glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, width, height);
    else glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
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
