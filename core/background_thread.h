// Background work (scenario loads, the dense-layer build) yields the CPU to the UI thread: on a two-core
// laptop a loader at the same priority as the frame loop makes every frame of the load late.
#pragma once

namespace buildout {

/// Lowers the calling thread's scheduling priority (Linux: nice +10 for this thread only, not the
/// process). Best effort: a failure leaves the priority as it was.
void lowerThisThreadPriority();

} // namespace buildout
