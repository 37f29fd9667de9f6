// evaluate(scenario, t): the state of every entity at one moment, as plain arrays. This is the seam
// between the model and its views: the CLI, the inspector and the tests read it directly; the renderer
// evaluates the same rules on the GPU (render/shaders/lifecycle.glsl) from the static data, so its
// per-frame cost does not grow with the scenario; tests check that both agree.
#pragma once

#include "scenario.h"

#include <vector>

namespace buildout {

/// State of one placed entity at t.
struct EntityState {
    Status status = Status::Absent;
    double mw = kUnknown; ///< capacity at t (series or nameplate); NaN = unknown; 0 for clusters/zones
};

struct FrameState {
    TimeDays time = 0;
    std::vector<EntityState> datacenters, powerPlants, lines, superclusters, zones;
    /// Series values at t, index-aligned with Scenario::series.
    std::vector<double> seriesValues;
};

FrameState evaluate(const Scenario& scenario, TimeDays t);

} // namespace buildout
