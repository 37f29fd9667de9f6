// The map frame (where world kilometres are anchored) and the named views: national, each region,
// each supercluster. Usable from the CLI (`--view NAME`) and the GUI.
#pragma once

#include "core/scenario.h"
#include "core/view/camera.h"

#include <string>
#include <vector>

namespace buildout {

/// Converts map-plane metres to world kilometres around a fixed origin (float precision stays good).
struct MapFrame {
    glm::dvec2 originMeters{0, 0};
    BoxXY nationalBoxMeters; ///< what the national view shows (the nation's main landmass)
    glm::dvec2 toWorld(glm::dvec2 meters) const { return (meters - originMeters) / 1000.0; }
    glm::dvec2 toMeters(glm::dvec2 km) const { return km * 1000.0 + originMeters; }
};

MapFrame makeMapFrame(const Scenario& scenario);

struct NamedView {
    std::string id;    ///< `national`, a region id (`TX`), or a supercluster id
    std::string label; ///< for menus
    CameraState camera;
};

/// All named views for a viewport of `aspect` (width / height).
std::vector<NamedView> namedViews(const Scenario& scenario, const MapFrame& frame, double aspect);
/// The view `id` (case-insensitive); false when there is none.
bool findNamedView(const Scenario& scenario, const MapFrame& frame, double aspect, const std::string& id,
                   CameraState& out);

} // namespace buildout
