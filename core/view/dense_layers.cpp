// Instances of the dense layers from core's groups (see the header).
#include "core/view/dense_layers.h"

#include "core/huge_pages.h"
#include "core/polyline_simplify.h"
#include "core/view/frame_spec.h"
#include "core/view/named_views.h"

#include <algorithm>
#include <cmath>
#include <future>

namespace buildout {

namespace {

/// Knots over the scenario's range: about one every ten weeks for a 2024-2035 scenario; the shaders
/// interpolate between them, so merged columns grow smoothly.
constexpr int kKnots = 64;

/// The largest capacity an entity ever has (MW): its nameplate or the top of its capacity series.
double peakMw(const Scenario& s, const EntityBase& e, double unknownMw) {
    double peak = isKnown(e.capacityMw) ? e.capacityMw : 0.0;
    if (e.capacitySeries >= 0 && static_cast<std::size_t>(e.capacitySeries) < s.series.size())
        for (const SeriesSample& x : s.series[static_cast<std::size_t>(e.capacitySeries)].samples)
            peak = std::max(peak, x.value);
    return peak > 0 ? peak : unknownMw;
}

PointInstance groupInstance(glm::dvec2 center, std::size_t group, std::size_t members, int knots) {
    PointInstance pi{};
    pi.center[0] = static_cast<float>(center.x), pi.center[1] = static_cast<float>(center.y);
    for (float& d : pi.dates0)
        d = kNever;
    pi.dates1[0] = pi.dates1[1] = kNever;
    pi.misc[0] = static_cast<float>(group * static_cast<std::size_t>(knots));
    pi.misc[1] = static_cast<float>(members);
    return pi;
}

/// Appends a level's bands (offset by the texels already there) and returns the texel offset of group 0.
std::size_t appendBands(std::vector<float>& out, const PointGroups& g) {
    const std::size_t first = out.size() / 4;
    out.resize(out.size() + g.bands.size() * 4);
    float* dst = out.data() + first * 4;
    for (const CapacityBands& b : g.bands)
        *dst++ = b.operating, *dst++ = b.construction, *dst++ = b.planned, *dst++ = 0.0f;
    return first;
}

/// Factor on merged MW so that the peak `peakMw` shows as max(largest single, target) MW; at most 1.
float mergedScale(double peakMw, double largestSingle, double target) {
    const double cap = std::max(largestSingle, target);
    return peakMw > cap ? static_cast<float>(cap / peakMw) : 1.0f;
}

/// One line instance per edge of the vertex clustering, for every level.
std::vector<std::vector<LineInstance>> mergedLines(const Scenario& s, const MapFrame& world) {
    std::vector<std::vector<LineInstance>> out(kDenseCellKm.size());
    // The simplified paths (within kCoarseToleranceKm) are plenty for cells of 12.5 km and more.
    std::vector<PathPiece> pieces;
    std::vector<int> cls;
    for (std::size_t i = 0; i < s.lines.size(); ++i) {
        const TransmissionLine& line = s.lines[i];
        cls.push_back(static_cast<int>(style::voltageClass(line.kv, line.current)));
        for (const auto& path : line.pathsXY) {
            std::vector<glm::dvec2> km;
            km.reserve(path.size());
            for (const auto& p : path)
                km.push_back(world.toWorld(p));
            pieces.push_back({static_cast<int>(i), simplifyPolyline(km, kCoarseToleranceKm)});
        }
    }
    std::vector<const Lifecycle*> lives;
    for (std::size_t l = 0; l < kDenseCellKm.size(); ++l) {
        const PathGroups g = groupPaths(pieces, cls, kDenseCellKm[l]);
        std::vector<LineInstance>& level = out[l];
        level.reserve(g.size());
        for (std::size_t e = 0; e < g.size(); ++e) {
            lives.clear();
            for (std::uint32_t m = g.memberStart[e]; m < g.memberStart[e + 1]; ++m)
                lives.push_back(&s.lines[g.members[m]].life);
            LineInstance li{};
            setLifecycle(mergedLifecycle(lives), li.dates0, li.dates1, li.fixedStatus);
            const auto vc = static_cast<style::VoltageClass>(g.key[e]);
            li.a[0] = static_cast<float>(g.a[e].x), li.a[1] = static_cast<float>(g.a[e].y), li.a[2] = 0.05f;
            li.b[0] = static_cast<float>(g.b[e].x), li.b[1] = static_cast<float>(g.b[e].y), li.b[2] = 0.05f;
            li.style[0] = style::voltageWidthPx(vc);
            li.style[1] = 0.0f;
            li.style[2] = static_cast<float>(glm::length(g.b[e] - g.a[e]));
            setColor(li.color, style::voltageColor(vc));
            level.push_back(li);
        }
    }
    return out;
}

/// Fills each level's merged campuses (instances coloured by the cell's leading operator, the CPU copy
/// for hit-testing) and appends their bands to out.bands.
void fillMergedCampuses(DenseLayers& out, const std::vector<PointGroups>& campusLevels, const Scenario& s,
                        const OperatorPalette& palette, const std::vector<double>& campusPeak,
                        double largestCampus) {
    std::vector<double> byGroup(static_cast<std::size_t>(OperatorPalette::kDistinct) + 1);
    for (std::size_t l = 0; l < campusLevels.size(); ++l) {
        const PointGroups& g = campusLevels[l];
        const std::size_t offset = appendBands(out.bands, g);
        DenseLevel& level = out.levels[l];
        level.campusHeightScale = mergedScale(g.peakTotalMw, largestCampus, kMergedColumnMw);
        for (std::size_t gi = 0; gi < g.size(); ++gi) {
            // Colour of the operator with the most capacity in the cell; approximate when most are.
            std::fill(byGroup.begin(), byGroup.end(), 0.0);
            std::size_t approximate = 0;
            const std::size_t members = g.memberStart[gi + 1] - g.memberStart[gi];
            for (std::uint32_t m = g.memberStart[gi]; m < g.memberStart[gi + 1]; ++m) {
                const std::size_t i = g.members[m];
                const int op = i < palette.datacenterGroup.size() ? palette.datacenterGroup[i] : -1;
                byGroup[static_cast<std::size_t>(op + 1)] += campusPeak[i];
                approximate += s.datacenters[i].precision == LocationPrecision::Approximate ? 1 : 0;
            }
            // The named operator with the most capacity; grey ("other operators") only when none is named,
            // since "other" lumps many operators together and would outweigh each of them.
            const auto named = std::max_element(byGroup.begin() + 1, byGroup.end());
            const int top = *named > 0 ? static_cast<int>(named - byGroup.begin()) - 1 : -1;
            PointInstance pi = groupInstance(g.center[gi], gi, members, out.knots.count);
            pi.misc[0] += static_cast<float>(offset);
            pi.misc[3] = approximate * 2 > members ? 1.0f : 0.0f;
            setColor(pi.color, glm::vec4(glm::vec3(palette.color(top)), static_cast<float>(top + 1)));
            level.campuses.push_back(pi);
            level.campusCenters.emplace_back(g.center[gi]);
        }
        level.campusBuiltMw.reserve(g.bands.size());
        for (const CapacityBands& b : g.bands)
            level.campusBuiltMw.push_back(b.operating + b.construction);
        level.campusMemberStart = g.memberStart;
        level.campusMembers = g.members;
    }
}

/// Fills each level's merged plants (one glyph per cell and fuel) and appends their bands to out.bands.
void fillMergedPlants(DenseLayers& out, const std::vector<PointGroups>& plantLevels, double largestPlant) {
    for (std::size_t l = 0; l < plantLevels.size(); ++l) {
        const PointGroups& g = plantLevels[l];
        const std::size_t offset = appendBands(out.bands, g);
        DenseLevel& level = out.levels[l];
        level.plantMwScale = mergedScale(g.peakTotalMw, largestPlant, kMergedGlyphMw);
        for (std::size_t gi = 0; gi < g.size(); ++gi) {
            const Fuel f = static_cast<Fuel>(g.key[gi]);
            PointInstance pi =
                groupInstance(g.center[gi], gi, g.memberStart[gi + 1] - g.memberStart[gi], out.knots.count);
            pi.misc[0] += static_cast<float>(offset);
            pi.misc[3] = static_cast<float>(style::glyphShape(f));
            setColor(pi.color, style::fuelColor(f));
            level.plants.push_back(pi);
        }
    }
}

} // namespace

DenseLayers buildDenseLayers(const Scenario& s, const MapFrame& world, const OperatorPalette& palette,
                             int threshold) {
    DenseLayers out;
    const std::size_t limit = static_cast<std::size_t>(std::max(threshold, 0));
    out.campuses = s.datacenters.size() > limit;
    out.plants = s.powerPlants.size() > limit;
    out.lines = s.lines.size() > limit;
    if (!out.any()) return out;
    out.knots = KnotTimeline::over(static_cast<TimeDays>(s.manifest.start),
                                   static_cast<TimeDays>(s.manifest.end), kKnots);
    out.levels.resize(kDenseCellKm.size());
    for (std::size_t l = 0; l < kDenseCellKm.size(); ++l)
        out.levels[l].cellKm = kDenseCellKm[l];

    // Group first, so the bands texture can be sized (and given huge pages) before it is filled. Lines and
    // plants are grouped on other threads while this one groups the campuses (each reads the scenario only).
    auto linesFuture = std::async(out.lines ? std::launch::async : std::launch::deferred, [&] {
        return out.lines ? mergedLines(s, world) : std::vector<std::vector<LineInstance>>{};
    });
    double largestCampus = 1, largestPlant = 1;
    auto plantsFuture = std::async(out.plants ? std::launch::async : std::launch::deferred, [&] {
        std::vector<PointGroups> levels;
        if (!out.plants) return levels;
        std::vector<const EntityBase*> entities;
        std::vector<glm::dvec2> pos;
        std::vector<int> fuel;
        for (const PowerPlant& p : s.powerPlants) {
            entities.push_back(&p);
            pos.push_back(world.toWorld(p.xy));
            fuel.push_back(static_cast<int>(p.fuel));
            largestPlant = std::max(largestPlant, peakMw(s, p, kDenseUnknownPlantMw));
        }
        return groupPoints(s, entities, pos, fuel, kDenseCellKm, out.knots, kDenseUnknownPlantMw);
    });
    std::vector<PointGroups> campusLevels;
    std::vector<double> campusPeak(s.datacenters.size());
    if (out.campuses) {
        std::vector<glm::dvec2> pos;
        for (std::size_t i = 0; i < s.datacenters.size(); ++i) {
            pos.push_back(world.toWorld(s.datacenters[i].xy));
            campusPeak[i] = peakMw(s, s.datacenters[i], kDenseUnknownCampusMw);
            // Heights are facility power (campusBandsAt), so is the largest single column they are scaled to.
            const double facility = campusFacilityDemand(s, s.datacenters[i], campusPeak[i]).mw;
            if (isKnown(facility)) largestCampus = std::max(largestCampus, facility);
        }
        campusLevels = groupCampuses(s, pos, kDenseCellKm, out.knots, kDenseUnknownCampusMw);
    }
    std::vector<PointGroups> plantLevels = plantsFuture.get();
    std::size_t texels = 0;
    for (const auto* levels : {&campusLevels, &plantLevels})
        for (const PointGroups& g : *levels)
            texels += g.bands.size();
    // Instances carry the texel offset as a float, exact up to 2^24; beyond that (hundreds of thousands of
    // occupied cells) the points are drawn unmerged rather than with wrong bands.
    if (texels >= (std::size_t{1} << 24)) {
        out.campuses = out.plants = false;
        campusLevels.clear(), plantLevels.clear();
        texels = 0;
    }
    out.bands.reserve(texels * 4);
    adviseHugePages(out.bands.data(), texels * 4 * sizeof(float));

    fillMergedCampuses(out, campusLevels, s, palette, campusPeak, largestCampus);
    campusLevels = {};
    fillMergedPlants(out, plantLevels, largestPlant);
    plantLevels = {};

    if (out.lines) {
        std::vector<std::vector<LineInstance>> lines = linesFuture.get();
        for (std::size_t l = 0; l < lines.size(); ++l)
            out.levels[l].lines = std::move(lines[l]);
    }
    return out;
}

float mergedCampusBuiltMw(const DenseLayers& layers, const DenseLevel& level, std::size_t group, TimeDays t) {
    const KnotTimeline& k = layers.knots;
    const std::size_t knots = static_cast<std::size_t>(k.count);
    if (knots == 0 || (group + 1) * knots > level.campusBuiltMw.size()) return 0.0f;
    const double f = std::clamp((t - k.start) / k.step, 0.0, static_cast<double>(knots - 1));
    const std::size_t i = static_cast<std::size_t>(f);
    const std::size_t j = std::min(i + 1, knots - 1);
    const float* mw = level.campusBuiltMw.data() + group * knots;
    return mw[i] + (mw[j] - mw[i]) * static_cast<float>(f - static_cast<double>(i));
}

int denseLevelFor(const DenseLayers& layers, double kmPerPoint) {
    if (!layers.any() || layers.levels.empty()) return -1;
    const double wantKm = kDenseCellPx * kmPerPoint;
    // Below half the finest cell, merging would gain little over drawing every entity.
    if (wantKm < 0.5 * layers.levels.front().cellKm) return -1;
    for (std::size_t l = 0; l < layers.levels.size(); ++l)
        if (layers.levels[l].cellKm >= wantKm) return static_cast<int>(l);
    return static_cast<int>(layers.levels.size()) - 1;
}

DenseBlend denseBlendFor(const DenseLayers& layers, double kmPerPoint) {
    DenseBlend b;
    b.from = b.to = denseLevelFor(layers, kmPerPoint);
    if (!layers.any() || layers.levels.empty() || kmPerPoint <= 0) return b;
    // x: octaves of the wanted cell over the finest. Level n (n >= 1) is drawn for x in (n - 1, n], level 0
    // for x in [-1, 0], every entity below -1; the next choice takes over at the band's upper end.
    const double x = std::log2(kDenseCellPx * kmPerPoint / layers.levels.front().cellKm);
    const int last = static_cast<int>(layers.levels.size()) - 1;
    if (b.from >= last) return b;
    const double change = b.from < 0 ? -1.0 : static_cast<double>(b.from);
    if (x <= change - kDenseFadeOctaves) return b;
    b.to = b.from + 1;
    b.t = static_cast<float>(std::clamp((x - (change - kDenseFadeOctaves)) / kDenseFadeOctaves, 0.0, 1.0));
    return b;
}

std::size_t campusesOnScreen(const DenseLayers& layers, const glm::mat4& viewProj, float marginNdc) {
    if (!layers.campuses || layers.levels.empty()) return 0;
    const DenseLevel& finest = layers.levels.front();
    const float lim = 1.0f + marginNdc;
    std::size_t n = 0;
    for (std::size_t g = 0; g < finest.campusCenters.size() && g + 1 < finest.campusMemberStart.size(); ++g) {
        const glm::vec4 c = viewProj * glm::vec4(finest.campusCenters[g], 0.0f, 1.0f);
        if (c.w <= 0.0f) continue; // behind the camera
        if (std::abs(c.x) > lim * c.w || std::abs(c.y) > lim * c.w) continue;
        n += finest.campusMemberStart[g + 1] - finest.campusMemberStart[g];
    }
    return n;
}

DenseBlend denseBlendWithin(const DenseLayers& layers, double kmPerPoint, std::size_t onScreen) {
    DenseBlend b = denseBlendFor(layers, kmPerPoint);
    if (layers.levels.empty() || onScreen <= kDenseOnScreenBudget) return b;
    if (b.from < 0) b = DenseBlend{0, 0, 0.0f}; // (a fade from -1 to 0 settles on 0 as well)
    return b;
}

} // namespace buildout
