// The CPU-only MapView of a scenario.
#include "core/view/map_view.h"

#include <cstddef>

namespace buildout {

ScenarioMapView::ScenarioMapView(std::shared_ptr<const Scenario> scenario, int clusterThreshold)
    : scenario_(std::move(scenario)) {
    if (!scenario_) return;
    frame_ = makeMapFrame(*scenario_);
    operators_ = makeOperatorPalette(*scenario_);
    if (clusterThreshold >= 0) dense_ = buildDenseLayers(*scenario_, frame_, operators_, clusterThreshold);
}

void ScenarioMapView::useMergedLevel(int level) {
    denseView_ = {};
    if (level < 0 || static_cast<std::size_t>(level) >= dense_.levels.size() || !dense_.campuses) return;
    const DenseLevel& l = dense_.levels[static_cast<std::size_t>(level)];
    denseView_.cellKm = l.cellKm;
    denseView_.campuses = true;
    denseView_.campusHeightScale = l.campusHeightScale;
    denseView_.plantMwScale = l.plantMwScale;
    denseView_.level = level;
}

MapView ScenarioMapView::view() const {
    MapView v;
    if (!scenario_) return v;
    v.scenario = scenario_.get();
    v.frame = &frame_;
    v.operators = &operators_;
    v.labels = &labels_;
    v.denseLayers = &dense_;
    v.dense = denseView_;
    if (denseView_.campuses && denseView_.level >= 0)
        v.mergedCampuses = &dense_.levels[static_cast<std::size_t>(denseView_.level)];
    return v;
}

} // namespace buildout
