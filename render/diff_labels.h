// Labels of the diff map: the assets that differ most between A and B at t, each with its name and
// what differs (ΔMW, or how much later or earlier it comes online), placed over its column or glyph.
// They replace the map's own labels in diff mode, whose figures would be A's alone.
#pragma once

#include "core/diff.h"
#include "core/view/frame_spec.h"
#include "core/view/named_views.h"

namespace buildout {

class OverlayPainter;

/// Queues up to `spec.settings.maxLabels` labels on `painter` (does not flush). `frame` is A's map frame
/// (where world kilometres are anchored); the camera is spec.camera at width / height.
void queueDiffLabels(OverlayPainter& painter, const ScenarioDiff& diff, const Scenario& a, const Scenario& b,
                     const MapFrame& frame, const FrameSpec& spec, int width, int height);

} // namespace buildout
