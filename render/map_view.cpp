// MapView from a MapRenderer: pointers to what it keeps on the CPU side.
#include "render/map_view.h"

namespace buildout {

MapView mapView(const MapRenderer& renderer) {
    MapView v;
    v.scenario = renderer.scenario();
    if (!v.scenario) return v;
    v.frame = &renderer.mapFrame();
    v.operators = &renderer.operatorPalette();
    v.legendFacts = &renderer.legendFacts();
    v.labels = &renderer.placedLabels();
    v.denseLayers = &renderer.denseLayers();
    v.mergedCampuses = renderer.mergedCampuses();
    v.dense = renderer.denseView();
    v.choroplethRange = renderer.choroplethRange();
    v.diffColors = renderer.diffColorsActive();
    return v;
}

} // namespace buildout
