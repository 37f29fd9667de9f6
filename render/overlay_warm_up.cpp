// OverlayPainter::warmUp: the driver's one-time costs of the painter's paths, paid before the first frame.
#include "render/offscreen_target.h"
#include "render/overlay_painter.h"

namespace buildout {

void OverlayPainter::warmUp(int samples) {
    // One text and a leader line flushed four times into a small target run every path a map label
    // takes: shaded from the distance fields (1st), drawn into the text-sprite atlas and copied from it
    // (2nd), captured into a cached picture (3rd) and composited from it (4th). On llvmpipe the first use
    // of each compiles shader variants and makes the atlas, ~70 ms in all, which would otherwise land in
    // the frame that first shows a scenario's labels.
    GLint previous = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous);
    {
        constexpr int kWidth = 256, kHeight = 64;
        OffscreenTarget target(kWidth, kHeight, samples);
        TextStyle style;
        style.sizePx = 15;
        style.haloPx = 2.6f;
        for (int i = 0; i < 4; ++i) {
            target.bindForDrawing();
            text("Warm-up 2026: 1.2 GW", glm::vec2(8, 8), TextAnchor::TopLeft, style);
            line(glm::vec2(8, 44), glm::vec2(200, 44), 1.2f, glm::vec4(1, 1, 1, 0.7f));
            flush(kWidth, kHeight, OverlayCacheSlot::MapLabels);
        }
        target.resolve();
    }
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
}

} // namespace buildout
