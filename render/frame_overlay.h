// Broadcast-style overlays drawn into a frame (snapshots, video, presentation): title, date, key
// figures, legend, caption and source line. Sizes are relative to the output (points at 1080p times
// FrameSpec::pixelScale), never the GUI's panels.
#pragma once

#include "core/totals_timeline.h"
#include "render/map_renderer.h"
#include "render/overlay_painter.h"

#include <string>
#include <vector>

namespace buildout {

struct OverlayOptions {
    bool title = true;
    bool date = true;
    bool figures = true;  ///< operating / under construction / planned GW at t
    bool legend = true;
    bool sources = true;
    std::string caption;  ///< drawn as a lower-third when non-empty
    std::string captionTitle;
};

/// Text of the broadcast overlays: `sizePt` points at 1080p times `px`, with a thin dark halo.
TextStyle overlayTextStyle(float sizePt, FontWeight weight, glm::vec4 color, float px);
/// "JANUARY".."DECEMBER" for month 1..12.
const char* overlayMonthName(int month);

/// Draws the overlays for `spec` on top of what MapRenderer::draw produced (same framebuffer).
void drawFrameOverlay(MapRenderer& renderer, const TotalsTimeline& totals, const FrameSpec& spec,
                      const OverlayOptions& options, int width, int height);

/// The rectangles (pixels: x0, y0, x1, y1, a small gap included) that drawFrameOverlay's title, date and
/// figures, legend, caption and source line take in a frame of `width` x `height`, so that map labels keep
/// clear of them.
std::vector<glm::vec4> frameOverlayAreas(MapRenderer& renderer, const FrameSpec& spec,
                                         const OverlayOptions& o, int width, int height);
/// renderer.setLabelKeepOut(frameOverlayAreas(...)): call before MapRenderer::draw for a frame that will get
/// drawFrameOverlay with the same options.
void reserveFrameOverlay(MapRenderer& renderer, const FrameSpec& spec, const OverlayOptions& o, int width,
                         int height);

} // namespace buildout
