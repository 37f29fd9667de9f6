// The plain per-frame description of a map: what to draw (layer settings), when (time) and from where
// (camera), plus what a frame reports back (placed labels, the merged level it drew). No GL: the GUI's
// state, the tour player, the export plan and the CLI build these, and render/ draws them.
#pragma once

#include "core/scenario.h"
#include "core/view/camera.h"
#include "core/view/map_style.h"

#include <string>

#include <glm/vec2.hpp>

namespace buildout {

struct LayerSettings {
    bool visible = true;
    float opacity = 1.0f; ///< 0..1
};

/// What to draw and how; edited by the GUI's layer panel and set from the CLI's --layers.
struct MapSettings {
    LayerSettings basemap, datacenters, powerPlants, transmission, superclusters, zones;
    ColorBy datacenterColor = ColorBy::Operator;
    bool labels = true;
    int maxLabels = 12;              ///< label density: at most this many site labels (clusters extra)
    std::string choroplethMetric;    ///< region series metric to colour regions by; empty = none
    float columnScale = 1.0f;        ///< multiplies column height
    bool columnHeightByCapacity = true; ///< false: every campus the same height (colour and lifecycle only)
    bool glyphSizeByCapacity = true;    ///< false: every plant glyph the same size
    float glyphScale = 1.0f;         ///< multiplies plant glyph size
    double minMw = 0;                ///< hide campuses below this capacity at t
    /// Campus filters: bit (1 << Status) per status shown; bit i per operator group of OperatorPalette
    /// (bit kOtherOperatorsBit for the rest).
    unsigned statusMask = 0x7Fu;
    unsigned operatorMask = 0xFFFFFFFFu;
    static constexpr int kOtherOperatorsBit = 30;
    bool campusFiltersActive() const { return (statusMask & 0x7Eu) != 0x7Eu || operatorMask != 0xFFFFFFFFu; }
};

struct FrameSpec {
    TimeDays time = 0;
    CameraState camera;
    MapSettings settings;
    /// Pixels per "point at 1080p": 1 for a 1080p frame, 2 for 4K, the monitor's content scale in the GUI.
    float pixelScale = 1.0f;
    /// Clear to transparent (alpha 0) and skip the background gradient, for video with alpha (ProRes
    /// 4444) and transparent PNGs. Colours then end up premultiplied by alpha.
    bool transparentBackground = false;
    /// Draw over what the framebuffer holds (no clear, no background; depth kept): the comparison diff
    /// map draws the assets only in B over A's map this way.
    bool keepContents = false;
};

/// A label the renderer placed in the last frame (for GUI hit-testing and tests).
struct PlacedLabel {
    EntityRef entity;
    glm::vec2 minPx, maxPx;
};

/// What the last frame merged (for the legend); cellKm 0 when nothing was.
struct DenseView {
    double cellKm = 0;      ///< cells of merged campuses
    double plantCellKm = 0; ///< cells of merged plants (coarser: kDensePlantLevelStep)
    double lineCellKm = 0;  ///< cells between which lines are merged (coarser)
    bool campuses = false, plants = false, lines = false;
    float campusHeightScale = 1.0f; ///< merged columns' heights relative to single campuses
    float plantMwScale = 1.0f;
    int level = -1; ///< index into denseLayers().levels
};
/// Column height scale: 1 GW stands 170 km tall, so a gigawatt campus reads across the whole nation
/// while a 100 MW site is still a visible stub.
inline constexpr float kKmPerMw = 0.17f;
/// MapRenderer::setClusterThreshold's default: more campuses, plants or lines than this are merged at wide zoom.
inline constexpr int kDefaultClusterThreshold = 5000;
/// Paths (borders, transmission) have a simplified copy within this distance (km) of the full path, used
/// at zooms where it is under half a pixel.
inline constexpr double kCoarseToleranceKm = 1.0;
/// The capacity every column and glyph is drawn as when sizing by capacity is off.
inline constexpr float kUniformColumnMw = 300.0f;
inline constexpr float kUniformGlyphMw = 400.0f;

} // namespace buildout
