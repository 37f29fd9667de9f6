// Drawing an export frame's overlays: the broadcast overlays of render/frame_overlay.h and the caption
// as a lower third. Needs the GL context the frame is drawn in; the plan that decides what a frame
// shows (app/export/export_plan.h) does not.
#pragma once

#include "app/export/export_plan.h"
#include "core/totals_timeline.h"
#include "render/map_renderer.h"

namespace buildout {

/// Draws the chosen overlays for a frame: title, date, figures, legend and sources through
/// drawFrameOverlay, and the caption as a word-wrapped lower third that fits the frame. Sizes are points
/// at 1080p times frame.spec.pixelScale; `width` x `height` is the framebuffer in pixels.
void drawExportOverlay(MapRenderer& renderer, const TotalsTimeline& totals, const ExportFrame& frame,
                       const OverlaySet& overlay, int width, int height);

/// Before the map of that frame is drawn: map labels keep clear of the panels drawExportOverlay will draw
/// (reserveFrameOverlay; the caption's lower third is not reserved).
void reserveExportOverlay(MapRenderer& renderer, const ExportFrame& frame, const OverlaySet& overlay,
                          int width, int height);

} // namespace buildout
