// Reads back what is in the default (window) framebuffer, e.g. for a GUI screenshot with panels.
#pragma once

#include "core/image.h"

namespace buildout {

/// The bound window framebuffer's back buffer, `width` x `height`, rows top to bottom.
Image captureWindowFramebuffer(int width, int height);

/// Waits until the GPU has done everything asked of it so far (diagnostics only: it stalls the pipeline).
void waitForGpu();

/// Binds the window framebuffer and clears it to the map's background colour (behind the GUI).
void clearWindow(int width, int height);

} // namespace buildout
