// Side by side, swipe and diff maps of two scenarios.
#include "render/comparison_compositor.h"

#include "render/shader_library.h"

#include <algorithm>
#include <cmath>

namespace buildout {

ComparisonCompositor::ComparisonCompositor() {
    composite_ = makeProgram("composite");
    vao_ = gl::makeVertexArray();
}

ComparisonCompositor::~ComparisonCompositor() = default;

OffscreenTarget& ComparisonCompositor::target(std::unique_ptr<OffscreenTarget>& slot, int width, int height, int samples) {
    if (!slot || slot->width() != width || slot->height() != height || (slot->samples() > 0) != (samples > 1))
        slot = std::make_unique<OffscreenTarget>(width, height, samples);
    return *slot;
}

void ComparisonCompositor::blit(OffscreenTarget& src, GLuint fbo, int x, int w, int h, float u0, float u1) {
    src.resolve();
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glViewport(x, 0, w, h);
    glDisable(GL_BLEND);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    composite_.use();
    glUniform2f(composite_.uniform("uUvMin"), u0, 0.0f);
    glUniform2f(composite_.uniform("uUvMax"), u1, 1.0f);
    glUniform1i(composite_.uniform("uImage"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, src.texture());
    glBindVertexArray(vao_.get());
    glDrawArrays(GL_TRIANGLES, 0, 6);
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void ComparisonCompositor::updateDiff(MapRenderer& a, MapRenderer& b, TimeDays t) {
    const Scenario* sa = a.scenario();
    const Scenario* sb = b.scenario();
    if (!sa || !sb) {
        diffValid_ = false;
        return;
    }
    // Classes only change when a date passes: recompute once per day, not per frame.
    const Day day = static_cast<Day>(std::floor(t));
    if (diffValid_ && sa == diffA_ && sb == diffB_ && day == diffDay_ && a.diffColorsActive() && b.diffColorsActive())
        return;
    diff_ = diffScenarios(*sa, *sb, static_cast<TimeDays>(day) + 0.5);
    diffView_ = makeDiffView(diff_, *sa, *sb);
    diffA_ = sa, diffB_ = sb, diffDay_ = day, diffValid_ = true;
    auto colors = [](const std::vector<DiffClass>& classes) {
        std::vector<glm::vec4> out;
        out.reserve(classes.size());
        for (DiffClass c : classes) out.push_back(diffClassColor(c));
        return out;
    };
    a.setDiffColors(colors(diffView_.a.datacenters), colors(diffView_.a.powerPlants), colors(diffView_.a.lines));
    b.setDiffColors(colors(diffView_.b.datacenters), colors(diffView_.b.powerPlants), colors(diffView_.b.lines));
}

void ComparisonCompositor::draw(MapRenderer& a, MapRenderer& b, const ComparisonView& view, const FrameSpec& spec,
                                int width, int height, int samples) {
    GLint boundFbo = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &boundFbo);
    const auto fbo = static_cast<GLuint>(boundFbo);
    // Merged columns and glyphs of both maps at one scale, for this frame only (each map alone keeps its own).
    struct SharedDenseScales {
        MapRenderer &a, &b;
        SharedDenseScales(MapRenderer& ra, MapRenderer& rb) : a(ra), b(rb) { MapRenderer::shareDenseScales(a, b); }
        ~SharedDenseScales() { a.clearSharedDenseScales(), b.clearSharedDenseScales(); }
        SharedDenseScales(const SharedDenseScales&) = delete;
        SharedDenseScales& operator=(const SharedDenseScales&) = delete;
    } shared(a, b);
    if (view.mode != CompareMode::Diff) {
        a.clearDiffColors();
        b.clearDiffColors();
    }
    switch (view.mode) {
    case CompareMode::SideBySide: {
        const int split = sideBySideSplit(width);
        OffscreenTarget& left = target(first_, std::max(split, 1), height, samples);
        OffscreenTarget& right = target(second_, std::max(width - split, 1), height, samples);
        // Half the labels per half: the frame keeps the label density of one map.
        FrameSpec half = spec;
        half.settings.maxLabels = std::max(1, spec.settings.maxLabels / 2);
        left.bindForDrawing();
        a.draw(half, left.width(), height);
        right.bindForDrawing();
        b.draw(half, right.width(), height);
        blit(left, fbo, 0, split, height, 0.0f, 1.0f);
        blit(right, fbo, split, width - split, height, 0.0f, 1.0f);
        break;
    }
    case CompareMode::Swipe: {
        // A fills the frame; B, drawn with the same camera into an image of the same size, replaces the
        // part right of the divider.
        const int x = std::clamp(static_cast<int>(std::lround(view.swipe * static_cast<float>(width))), 0, width);
        OffscreenTarget& other = target(second_, width, height, samples);
        other.bindForDrawing();
        b.draw(spec, width, height);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, width, height);
        a.draw(spec, width, height);
        if (x < width)
            blit(other, fbo, x, width - x, height, static_cast<float>(x) / static_cast<float>(width), 1.0f);
        break;
    }
    case CompareMode::Diff: {
        updateDiff(a, b, spec.time);
        FrameSpec base = spec;
        base.settings.superclusters.visible = false; // the diff is about assets: no halos or arcs
        base.settings.zones.visible = false;
        // The map's own labels would give A's figures; the comparison overlay labels what differs instead.
        base.settings.labels = false;
        a.draw(base, width, height);
        // B's own assets (only in B at t) over A's map, depth-tested against A's columns.
        FrameSpec over = base;
        over.keepContents = true;
        over.settings.basemap.visible = false;
        over.settings.labels = false;
        b.draw(over, width, height);
        break;
    }
    }
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glViewport(0, 0, width, height);
    gl::checkErrors("ComparisonCompositor::draw");
}

} // namespace buildout
