// Two scenarios on one frame: side by side (two maps, one camera), swipe (A left of a divider, B right
// of it) or diff (one map coloured by how each asset differs). Shared by the GUI, snapshots and video
// export, so every output shows the same picture. Titles, legend and divider handle are drawn by
// drawComparisonOverlay (render/comparison_overlay.h).
#pragma once

#include "core/diff_view.h"
#include "core/view/comparison_view.h"
#include "render/gl_objects.h"
#include "render/map_renderer.h"
#include "render/offscreen_target.h"

#include <memory>

namespace buildout {

class ComparisonCompositor {
public:
    /// Needs a current OpenGL 3.3 context. Throws std::runtime_error.
    ComparisonCompositor();
    ~ComparisonCompositor();
    ComparisonCompositor(const ComparisonCompositor&) = delete;
    ComparisonCompositor& operator=(const ComparisonCompositor&) = delete;

    /// Draws A and B compared into the bound framebuffer of `width` x `height` (clearing it). `spec`'s
    /// camera is used as it is for each map (side by side: for a map of half the width). Leaves the
    /// same framebuffer bound and its whole viewport set. `samples`: MSAA of the intermediate images.
    void draw(MapRenderer& a, MapRenderer& b, const ComparisonView& view, const FrameSpec& spec, int width, int height,
              int samples = 4);

    /// The diff at the last drawn date (diff mode only; recomputed when the day or a scenario changes).
    const ScenarioDiff* diff() const { return diffValid_ ? &diff_ : nullptr; }
    const DiffView* diffView() const { return diffValid_ ? &diffView_ : nullptr; }
    /// Computes (or reuses) the diff of the renderers' scenarios at t and sets both renderers' colours.
    void updateDiff(MapRenderer& a, MapRenderer& b, TimeDays t);

private:
    gl::Program composite_;
    gl::VertexArray vao_;
    std::unique_ptr<OffscreenTarget> first_, second_;

    const Scenario* diffA_ = nullptr;
    const Scenario* diffB_ = nullptr;
    Day diffDay_ = kNoDay;
    bool diffValid_ = false;
    ScenarioDiff diff_;
    DiffView diffView_;

    OffscreenTarget& target(std::unique_ptr<OffscreenTarget>& slot, int width, int height, int samples);
    /// Draws the target's resolved image into the viewport (x, 0, w, h) of framebuffer `fbo`, sampling
    /// the horizontal texture range u0..u1.
    void blit(OffscreenTarget& src, GLuint fbo, int x, int w, int h, float u0, float u1);
};

} // namespace buildout
