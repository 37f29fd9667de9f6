// What the map shows of a scenario, as the GUI's input handling and panels need it: the map frame,
// the operator colours, the labels the last frame placed and the merged (dense) level it drew. Plain
// pointers into whoever owns them — MapRenderer in the app (render/map_view.h builds one from it), or a
// ScenarioMapView in tools and tests that draw nothing — so UI logic needs no GL context.
#pragma once

#include "core/scenario.h"
#include "core/view/dense_layers.h"
#include "core/view/frame_spec.h"
#include "core/view/map_style.h"
#include "core/view/named_views.h"

#include <memory>
#include <vector>

#include <glm/vec2.hpp>

namespace buildout {

struct LegendFacts;

struct MapView {
    const Scenario* scenario = nullptr;               ///< null: nothing loaded (every other pointer null too)
    const MapFrame* frame = nullptr;                  ///< where world kilometres are anchored
    const OperatorPalette* operators = nullptr;       ///< colour group of each campus, legend order
    const LegendFacts* legendFacts = nullptr;         ///< what the legend lists (core/view/legend.h)
    const std::vector<PlacedLabel>* labels = nullptr; ///< placed by the last frame; null: none
    const DenseLayers* denseLayers = nullptr;         ///< merged levels of the scenario; null: none built
    const DenseLevel* mergedCampuses = nullptr; ///< the level whose campuses the last frame merged, or null
    DenseView dense;                            ///< what the last frame merged (legend, pick heights)
    glm::dvec2 choroplethRange{1, 0};           ///< min > max: no choropleth in the last frame
    bool diffColors = false;                    ///< the last frame coloured assets as a comparison diff

    bool loaded() const { return scenario != nullptr && frame != nullptr; }
};

/// The static part of a MapView computed on the CPU alone (map frame, operator palette and, on request,
/// the dense layers): what MapRenderer::setScenario derives, for code that draws nothing. Labels stay
/// empty; `useMergedLevel` says which merged level a (hypothetical) frame drew.
class ScenarioMapView {
public:
    /// `clusterThreshold` as MapRenderer::setClusterThreshold (negative: no dense layers at all).
    explicit ScenarioMapView(std::shared_ptr<const Scenario> scenario, int clusterThreshold = -1);
    const MapFrame& frame() const { return frame_; }
    const DenseLayers& denseLayers() const { return dense_; }
    /// Pretends the last frame drew campuses merged at `level` (-1: unmerged), as the renderer reports it.
    void useMergedLevel(int level);
    MapView view() const;

private:
    std::shared_ptr<const Scenario> scenario_;
    MapFrame frame_;
    OperatorPalette operators_;
    DenseLayers dense_;
    DenseView denseView_;
    std::vector<PlacedLabel> labels_;
};

} // namespace buildout
