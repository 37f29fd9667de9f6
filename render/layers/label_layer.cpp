// Map labels: the largest campuses and every supercluster, decluttered so none overlap, with halos so
// they read on any background. Sizes are points at 1080p, scaled by FrameSpec::pixelScale.
#include "render/map_renderer.h"

#include "core/power_format.h"
#include "render/overlay_painter.h"
#include "render/prepared_scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace buildout {

namespace {

std::string formatMw(double mw) {
    return formatPower(mw, 1);
}

std::string formatCompute(double v) {
    char buf[32];
    if (v >= 1e6)
        std::snprintf(buf, sizeof buf, "%.1fM", v / 1e6);
    else if (v >= 1e3)
        std::snprintf(buf, sizeof buf, "%.0fk", v / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

struct Candidate {
    EntityRef ref;
    glm::vec3 anchor; // world km
    std::string title, detail;
    double priority;
    glm::vec4 accent;
    int anchorSite = -1; ///< for clusters: the campus the label sits over (not labelled again)
};

bool overlaps(const glm::vec4& a, const glm::vec4& b) {
    return a.x < b.z && b.x < a.z && a.y < b.w && b.y < a.w;
}

/// Labels of the superclusters present at t: over each cluster's largest present campus, with what
/// operates and its accelerators. `heightScale`: merged columns' height scale (1 unmerged).
std::vector<Candidate> clusterCandidates(const Scenario& s, const MapFrame& frame_, const MapSettings& set,
                                         TimeDays t, double heightScale) {
    std::vector<Candidate> clusters;
    for (std::size_t i = 0; i < s.superclusters.size(); ++i) {
        const Supercluster& c = s.superclusters[i];
        const Status st = c.life.statusAt(t);
        if (st == Status::Absent || st == Status::Cancelled) continue;
        // The label sits over the cluster's largest present campus (a centroid of members a
        // continent apart would fall in empty country).
        int n = 0, operating = 0, unknown = 0;
        double mw = 0, largest = -1;
        glm::dvec2 anchor(0);
        int anchorSite = -1;
        for (int m : c.members) {
            const Datacenter& d = s.datacenters[static_cast<std::size_t>(m)];
            const Status ds = d.life.statusAt(t);
            if (ds == Status::Absent || ds == Status::Cancelled) continue;
            ++n;
            const double cap = s.capacityAt(d, t);
            const double drawn = facilityDemandMw(d, cap, s.manifest.assumptions); // the column's height
            if ((isKnown(drawn) ? drawn : 0.0) > largest) {
                largest = isKnown(drawn) ? drawn : 0.0;
                anchor = frame_.toWorld(d.xy);
                anchorSite = m;
            }
            if (ds == Status::Operating) {
                ++operating;
                // Facility demand only: an IT, grid or generation figure is not added as campus power.
                if (isKnown(drawn))
                    mw += drawn;
                else
                    ++unknown;
            }
        }
        if (n == 0) continue;
        std::string detail;
        if (operating == 0)
            detail = "no campus operating yet";
        else if (mw == 0 && unknown > 0)
            detail = std::to_string(operating) + " operating, capacity not disclosed";
        else
            detail = formatMw(mw) + " operating" +
                     (unknown > 0 ? " (+" + std::to_string(unknown) + " undisclosed)" : "");
        const double compute =
            c.computeSeries >= 0 ? s.series[static_cast<std::size_t>(c.computeSeries)].valueAt(t) : c.compute;
        if (isKnown(compute)) detail += "  \xC2\xB7  " + formatCompute(compute) + " accelerators";
        clusters.push_back(
            {{EntityKind::Supercluster, static_cast<int>(i)},
             glm::vec3(anchor, static_cast<float>(largest * kKmPerMw * set.columnScale * heightScale)),
             c.label(),
             detail,
             1e12 + mw,
             style::clusterColor(static_cast<int>(i)),
             anchorSite});
    }
    return clusters;
}

/// Labels of the ranked campuses present at t that the filters keep, highest priority first.
std::vector<Candidate> siteCandidates(const Scenario& s, const MapFrame& frame_,
                                      const OperatorPalette& operators_,
                                      const std::vector<int>& labelCandidates_, const MapSettings& set,
                                      TimeDays t, double heightScale) {
    std::vector<Candidate> sites;
    for (int idx : labelCandidates_) {
        const Datacenter& d = s.datacenters[static_cast<std::size_t>(idx)];
        const Status st = d.life.statusAt(t);
        if (st == Status::Absent || st == Status::Cancelled) continue;
        const double cap = s.capacityAt(d, t);
        if (isKnown(cap) && cap < set.minMw) continue;
        if (((set.statusMask >> static_cast<int>(st)) & 1u) == 0) continue;
        const int group = operators_.datacenterGroup[static_cast<std::size_t>(idx)];
        if (((set.operatorMask >> (group < 0 ? MapSettings::kOtherOperatorsBit : group)) & 1u) == 0) continue;
        // Height and rank follow the column, which stands for facility power (datacenter_layer.cpp).
        const double demand = facilityDemandMw(d, cap, s.manifest.assumptions);
        const double mw = isKnown(demand) ? demand : 0.0;
        // The figure on its own basis ("1.0 GW IT", "4.5 GW generation"), never passed off as facility power.
        std::string detail = isKnown(cap) ? formatMw(cap) : std::string("capacity not disclosed");
        if (isKnown(cap) && *capacityBasisSuffix(d.basis))
            detail += std::string(" ") + capacityBasisSuffix(d.basis);
        if (st != Status::Operating) detail += std::string("  \xC2\xB7  ") + statusName(st);
        const float h = static_cast<float>((set.columnHeightByCapacity ? mw : kUniformColumnMw) * kKmPerMw *
                                           set.columnScale * heightScale);
        const glm::dvec2 w = frame_.toWorld(d.xy);
        // Operating capacity ranks first; plans rank by their size but below anything built.
        const double prio = (st == Status::Operating ? 2.0 : 1.0) * mw;
        sites.push_back({{EntityKind::Datacenter, idx},
                         glm::vec3(w, h),
                         style::mapLabelName(d.label()),
                         detail,
                         prio,
                         operators_.color(operators_.datacenterGroup[static_cast<std::size_t>(idx)])});
    }
    std::stable_sort(sites.begin(), sites.end(),
                     [](const Candidate& a, const Candidate& b) { return a.priority > b.priority; });
    return sites;
}

/// The label texts' styles at `px` (pixel scale: 1 at 1080p).
struct LabelStyles {
    enum Which { Title, Detail, Cluster, Count };
    TextStyle at[Count];
    explicit LabelStyles(float px) {
        TextStyle& title = at[Title];
        title.sizePx = 15.0f * px;
        title.weight = FontWeight::SemiBold;
        title.color = style::kLabelText;
        title.halo = style::kLabelHalo;
        title.haloPx = 2.6f * px;
        at[Detail] = title;
        at[Detail].sizePx = 12.0f * px;
        at[Detail].weight = FontWeight::Regular;
        at[Detail].color = glm::vec4(0.78f, 0.83f, 0.90f, 1.0f);
        at[Cluster] = title;
        at[Cluster].sizePx = 17.0f * px;
        at[Cluster].weight = FontWeight::Bold;
    }
};

/// Places labels without overlaps: the first free spot of above, right, left and below the anchor.
struct LabelPlacer {
    OverlayPainter& p;
    const glm::mat4& vp;
    glm::vec2 vpSize;
    float px;
    const TextStyle& detailStyle;
    std::vector<PlacedLabel>& placed_;
    const std::vector<glm::vec4>& keepOut; ///< the frame overlay's panels (px): never under a label
    std::vector<glm::vec4> taken{};

    /// At the top of its column; when the overlay's panels leave no room there (a tall column reaching into
    /// the title), at its foot instead.
    bool place(const Candidate& c, const TextStyle& ts, float lift) {
        bool blockedByPanel = false;
        if (placeAt(c, c.anchor, ts, lift, blockedByPanel)) return true;
        if (!blockedByPanel || c.anchor.z <= 0.0f) return false;
        bool unused = false;
        return placeAt(c, glm::vec3(c.anchor.x, c.anchor.y, 0.0f), ts, lift, unused);
    }

    bool placeAt(const Candidate& c, glm::vec3 at, const TextStyle& ts, float lift, bool& blockedByPanel) {
        const glm::vec4 clip = vp * glm::vec4(at, 1.0f);
        if (clip.w <= 0.0f) return false;
        const glm::vec2 ndc = glm::vec2(clip) / clip.w;
        if (std::abs(ndc.x) > 1.05f || std::abs(ndc.y) > 1.05f) return false;
        const glm::vec2 anchor((ndc.x * 0.5f + 0.5f) * vpSize.x, (0.5f - ndc.y * 0.5f) * vpSize.y);
        const glm::vec2 t1 = p.measure(c.title, ts);
        const glm::vec2 t2 = p.measure(c.detail, detailStyle);
        const float w = std::max(t1.x, t2.x);
        const float h = t1.y + t2.y;
        // Try above, right, left of the anchor; first free spot wins.
        const glm::vec2 offsets[] = {{-w * 0.5f, -lift - h},
                                     {10.0f * px, -h * 0.5f},
                                     {-w - 10.0f * px, -h * 0.5f},
                                     {-w * 0.5f, 8.0f * px}};
        for (const glm::vec2 o : offsets) {
            const glm::vec2 tl = anchor + o;
            const glm::vec4 box(tl.x - 4 * px, tl.y - 2 * px, tl.x + w + 4 * px, tl.y + h + 2 * px);
            if (box.x < 0 || box.y < 0 || box.z > vpSize.x || box.w > vpSize.y) continue;
            if (std::any_of(keepOut.begin(), keepOut.end(),
                            [&](const glm::vec4& b) { return overlaps(box, b); })) {
                blockedByPanel = true;
                continue;
            }
            if (std::any_of(taken.begin(), taken.end(), [&](const glm::vec4& b) { return overlaps(box, b); }))
                continue;
            taken.push_back(box);
            const float cx = tl.x + w * 0.5f;
            // The leader runs from the anchor to the nearest edge of the label box, never through the text.
            const bool besideBox = anchor.x < box.x || anchor.x > box.z;
            const glm::vec2 lineEnd =
                besideBox ? glm::vec2(anchor.x < box.x ? box.x : box.z, std::clamp(anchor.y, box.y, box.w))
                          : glm::vec2(anchor.x, anchor.y < box.y ? box.y : box.w);
            if (glm::length(lineEnd - anchor) > 6.0f * px)
                p.line(anchor, lineEnd, 1.2f * px, glm::vec4(glm::vec3(c.accent), 0.7f));
            p.text(c.title, glm::vec2(cx, tl.y), TextAnchor::Top, ts);
            p.text(c.detail, glm::vec2(cx, tl.y + t1.y), TextAnchor::Top, detailStyle);
            placed_.push_back({c.ref, glm::vec2(box.x, box.y), glm::vec2(box.z, box.w)});
            return true;
        }
        return false;
    }
};

} // namespace

void MapRenderer::drawLabels(const FrameSpec& spec, const glm::mat4& vp, int width, int height) {
    const Scenario& s = *scenario_;
    const MapSettings& set = spec.settings;
    const float px = spec.pixelScale;
    const TimeDays t = spec.time;
    // Merged columns (dense layers) are scaled down; labels sit at the scaled height of their campus.
    const double heightScale = denseView_.campuses ? denseView_.campusHeightScale : 1.0;
    std::vector<Candidate> clusters, sites;
    if (set.superclusters.visible) clusters = clusterCandidates(s, frame_, set, t, heightScale);
    if (set.datacenters.visible)
        sites = siteCandidates(s, frame_, operators_, labelCandidates_, set, t, heightScale);

    OverlayPainter& p = painter();
    const LabelStyles styles(px);
    const TextStyle& titleStyle = styles.at[LabelStyles::Title];
    const TextStyle& detailStyle = styles.at[LabelStyles::Detail];
    const TextStyle& clusterStyle = styles.at[LabelStyles::Cluster];

    LabelPlacer placer{p,
                       vp,
                       glm::vec2(static_cast<float>(width), static_cast<float>(height)),
                       px,
                       detailStyle,
                       placed_,
                       labelKeepOut_};
    auto place = [&](const Candidate& c, const TextStyle& ts, float lift) {
        return placer.place(c, ts, lift);
    };
    std::vector<int> coveredSites;
    for (const Candidate& c : clusters)
        if (place(c, clusterStyle, 34.0f * px)) coveredSites.push_back(c.anchorSite);
    int placedSites = 0;
    for (const Candidate& c : sites) {
        if (placedSites >= set.maxLabels) break;
        if (std::find(coveredSites.begin(), coveredSites.end(), c.ref.index) != coveredSites.end()) continue;
        if (place(c, titleStyle, 6.0f * px)) ++placedSites;
    }
    // Under a still camera the labels change only when a site's figures or status do.
    p.flush(width, height, OverlayCacheSlot::MapLabels);
}

bool MapRenderer::warmLabelTexts(const PreparedScenario& p, std::size_t step) {
    constexpr std::size_t kWarmTextsPerStep = 1; // a text with new glyphs costs ~1 ms per glyph (SDF)
    if (step == 0) {
        warmTexts_.clear();
        const Scenario& s = *p.scenario;
        const MapSettings& set = lastLook_.settings;
        // A switch shows the scenario from its start; a reload keeps the time (clamped to the new range).
        const auto start = static_cast<TimeDays>(s.manifest.start),
                   end = static_cast<TimeDays>(s.manifest.end);
        const TimeDays times[] = {start, std::clamp(lastLook_.time, start, end)};
        for (TimeDays t : times) {
            if (set.superclusters.visible)
                for (const Candidate& c : clusterCandidates(s, p.frame, set, t, 1.0)) {
                    warmTexts_.emplace_back(c.title, LabelStyles::Cluster);
                    warmTexts_.emplace_back(c.detail, LabelStyles::Detail);
                }
            if (set.datacenters.visible)
                for (const Candidate& c :
                     siteCandidates(s, p.frame, p.operators, p.labelCandidates, set, t, 1.0)) {
                    warmTexts_.emplace_back(c.title, LabelStyles::Title);
                    warmTexts_.emplace_back(c.detail, LabelStyles::Detail);
                }
        }
        // Last first: the steps take texts from the back.
        std::reverse(warmTexts_.begin(), warmTexts_.end());
        return !warmTexts_.empty();
    }
    if (warmTexts_.empty()) return false;
    const LabelStyles styles(lastLook_.pixelScale);
    for (std::size_t i = 0; i < kWarmTextsPerStep && !warmTexts_.empty(); ++i) {
        painter().prepareText(warmTexts_.back().first, styles.at[warmTexts_.back().second]);
        warmTexts_.pop_back();
    }
    return true;
}

} // namespace buildout
