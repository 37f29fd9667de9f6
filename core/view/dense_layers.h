// The dense layers: what a wide view draws instead of every campus, plant and line when a scenario has
// thousands of them (core/dense_aggregation groups them; this turns the groups into instances).
//
// At each level (a grid cell size), one column per cell of campuses (coloured by the operator with the
// most capacity there, stacked: operating solid, under construction translucent, planned as a ghost on
// top), one glyph per cell and fuel of plants (sized by the capacity built or being built; drawn from the
// next coarser level, kDensePlantLevelStep), and one line per pair of cells and voltage class of
// transmission (drawn in its class's style with the lifecycle of its most advanced line; drawn from the
// next coarser level, kDenseLineLevelStep). Capacities over time live
// in a texture of bands per group and knot, so time is still one uniform. No GL here: the renderer uploads
// the result once per scenario.
#pragma once

#include "core/dense_aggregation.h"
#include "core/geometry.h"
#include "core/view/map_instances.h"
#include "core/view/map_style.h"

#include <glm/mat4x4.hpp>

#include <cstddef>
#include <vector>

namespace buildout {

struct MapFrame;

/// Cell sizes of the levels, km: each twice the last, so every level's cells nest in the next.
inline const std::vector<double> kDenseCellKm = {12.5, 25.0, 50.0, 100.0, 200.0, 400.0};
/// Target size of a cell on screen, px at 1080p: a level is used from the zoom where its cells are at
/// least this wide, so merged columns stand apart.
inline constexpr double kDenseCellPx = 14.0;
/// Lines merge this many levels coarser than points: at a national view, local lines inside a metro
/// vanish under its merged columns and the corridors between metros stay readable.
inline constexpr int kDenseLineLevelStep = 1;
/// Plants merge this many levels coarser than campuses: one glyph per fuel and cell, and around a metro a
/// cell of campuses holds a dozen fuels, so at the campuses' cells the glyphs heap up over the columns
/// (and a software rasteriser spends a third of a national frame shading them). A plant serves a region
/// wider than a campus's cell anyway.
inline constexpr int kDensePlantLevelStep = 1;
/// Capacity of a campus or plant of unknown capacity in the bands (MW), as the columns draw them.
inline constexpr double kDenseUnknownCampusMw = 120.0;
inline constexpr double kDenseUnknownPlantMw = 250.0;
/// The largest merged column stands as tall as a campus of kMergedColumnMw (or the largest single campus,
/// if larger) would; the largest merged glyph is as big as a plant of kMergedGlyphMw (or the largest).
/// Culling's slab and glyph reach rely on these bounds.
inline constexpr double kMergedColumnMw = 5000.0;
inline constexpr double kMergedGlyphMw = 4000.0;

struct DenseLevel {
    double cellKm = 0;
    std::vector<PointInstance> campuses; ///< misc[0]: texel offset of knot 0 in the bands; misc[1]: members
    std::vector<PointInstance> plants;
    std::vector<LineInstance> lines;
    /// Column heights (and plant MW) of merged groups are multiplied by these, so that the tallest merged
    /// column at its peak is no taller than a 5 GW campus or the largest single one (sums of hundreds of
    /// campuses would otherwise leave the screen); 1 when already so.
    float campusHeightScale = 1.0f;
    float plantMwScale = 1.0f;
    /// The merged campuses, kept on the CPU for hit-testing and tooltips: centre (km), members
    /// (datacenter indices campusMembers[campusMemberStart[g] .. campusMemberStart[g + 1])) and the MW
    /// built or being built at each knot (campusBuiltMw[g * knots + k]).
    std::vector<glm::vec2> campusCenters;
    std::vector<std::uint32_t> campusMemberStart, campusMembers;
    std::vector<float> campusBuiltMw;
};

struct DenseLayers {
    bool campuses = false, plants = false, lines = false; ///< which kinds are merged (dense enough)
    KnotTimeline knots;                                   ///< in days since 1970 (core's TimeDays)
    std::vector<float> bands; ///< RGBA per (group, knot): operating, construction, planned MW, 0
    std::vector<DenseLevel> levels;
    bool any() const { return campuses || plants || lines; }
};

/// Merges the kinds of which the scenario has more than `threshold` (campuses, plants, lines).
/// `world` maps plane metres to the renderer's km; `palette` colours campuses by operator.
DenseLayers buildDenseLayers(const Scenario& s, const MapFrame& world, const OperatorPalette& palette,
                             int threshold);

/// MW built or being built in merged campus group `group` of `level` at t, as its column is drawn
/// (before the level's height scale).
float mergedCampusBuiltMw(const DenseLayers& layers, const DenseLevel& level, std::size_t group, TimeDays t);

/// The level to draw at `kmPerPixel` (at 1080p points: the frame's km per pixel times its pixel scale),
/// or -1 when cells would be too small on screen to be worth merging (draw every entity).
int denseLevelFor(const DenseLayers& layers, double kmPerPoint);

/// Width of the zoom band (in octaves of km per point) before each change of level in which the two
/// levels cross-fade, so zooming or a camera flight never makes merged columns pop.
inline constexpr double kDenseFadeOctaves = 0.25;

/// What a view draws of the dense layers: level `from` (-1: every entity) faded into level `to` by `t`
/// (0..1). Outside the fade bands t is 0 and `to` == `from`; `from` is then denseLevelFor's level.
struct DenseBlend {
    int from = -1, to = -1;
    float t = 0.0f;
    int dominant() const { return t < 0.5f ? from : to; }
};
DenseBlend denseBlendFor(const DenseLayers& layers, double kmPerPoint);

/// Most campuses a frame draws one by one: a zoom that would show more of them (a regional view of a
/// dense metro) draws the finest merged level instead, so a frame's cost is bounded by what is on
/// screen, not by where the zoom happens to be.
inline constexpr std::size_t kDenseOnScreenBudget = 8000;

/// Campuses (members of the finest level's merged groups) whose group centre is inside the frame of
/// `viewProj` (km plane, ground at z = 0), with a margin of `marginNdc` in clip units. 0 when nothing
/// is merged.
std::size_t campusesOnScreen(const DenseLayers& layers, const glm::mat4& viewProj, float marginNdc = 0.1f);

/// denseBlendFor, then the budget: a view that would draw every entity (fully or fading) while over
/// kDenseOnScreenBudget campuses are on screen draws the finest level.
DenseBlend denseBlendWithin(const DenseLayers& layers, double kmPerPoint, std::size_t onScreen);

} // namespace buildout
