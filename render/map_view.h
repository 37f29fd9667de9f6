// The GL-free MapView (core/view/map_view.h) of what a MapRenderer holds and last drew: the GUI's input
// handling and panels read the map through it, so they (and their tests) need no GL context.
#pragma once

#include "core/view/map_view.h"
#include "render/map_renderer.h"

namespace buildout {

/// Valid until the renderer's next setScenario or draw.
MapView mapView(const MapRenderer& renderer);

} // namespace buildout
