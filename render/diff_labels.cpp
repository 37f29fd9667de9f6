// Placing the diff map's labels: largest |ΔMW| first, then the largest assets whose timing differs.
#include "render/diff_labels.h"

#include "core/diff_view.h"
#include "core/view/comparison_view.h"
#include "render/overlay_painter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace buildout {

namespace {

struct Candidate {
    const AssetChange* change;
    double priority; ///< MW: |ΔMW|, or the asset's size for a change of timing only
};

glm::dvec2 positionOf(const Scenario& s, EntityKind kind, int index) {
    const auto i = static_cast<std::size_t>(index);
    return kind == EntityKind::Datacenter ? s.datacenters[i].xy : s.powerPlants[i].xy;
}

/// What differs, in words: "+600 MW", "−400 MW", "online 18 months later", "only in B, 900 MW".
std::string detailOf(const AssetChange& c, DiffClass cls) {
    char buf[96];
    const double d = c.deltaMw();
    if (cls == DiffClass::OnlyB || cls == DiffClass::OnlyA) {
        const double mw = cls == DiffClass::OnlyB ? c.mwB : c.mwA;
        if (isKnown(mw)) std::snprintf(buf, sizeof buf, "only in %s, %.0f MW", cls == DiffClass::OnlyB ? "B" : "A", mw);
        else std::snprintf(buf, sizeof buf, "only in %s", cls == DiffClass::OnlyB ? "B" : "A");
    } else if (std::abs(d) > 0.5) {
        std::snprintf(buf, sizeof buf, "%s%.0f MW in B", d > 0 ? "+" : "\xE2\x88\x92", std::abs(d));
    } else if (c.onlineA != kNoDay && c.onlineB != kNoDay && c.onlineA != c.onlineB) {
        const int months = static_cast<int>(std::lround((c.onlineB - c.onlineA) / 30.44));
        std::snprintf(buf, sizeof buf, "online %d months %s in B", std::abs(months), months > 0 ? "later" : "earlier");
    } else {
        std::snprintf(buf, sizeof buf, "%s in A, %s in B", statusName(c.statusA), statusName(c.statusB));
    }
    return buf;
}

bool overlaps(const glm::vec4& a, const glm::vec4& b) { return a.x < b.z && b.x < a.z && a.y < b.w && b.y < a.w; }

} // namespace

void queueDiffLabels(OverlayPainter& p, const ScenarioDiff& diff, const Scenario& a, const Scenario& b,
                     const MapFrame& frame, const FrameSpec& spec, int width, int height) {
    const MapSettings& set = spec.settings;
    std::vector<Candidate> candidates;
    for (const auto* list : {&diff.added, &diff.removed, &diff.changed})
        for (const AssetChange& c : *list) {
            if (c.kind != EntityKind::Datacenter && c.kind != EntityKind::PowerPlant) continue;
            if (c.kind == EntityKind::Datacenter && !set.datacenters.visible) continue;
            if (c.kind == EntityKind::PowerPlant && !set.powerPlants.visible) continue;
            const double d = std::abs(c.deltaMw());
            const double size = std::max(isKnown(c.mwA) ? c.mwA : 0.0, isKnown(c.mwB) ? c.mwB : 0.0);
            // A change of capacity outranks a change of timing of the same size.
            candidates.push_back({&c, d > 0.5 ? d * 2.0 : size});
        }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) { return x.priority > y.priority; });

    const float px = spec.pixelScale;
    // The map labels' look (map_labels.cpp), so diff labels read as the map's own.
    const TextStyle title{.sizePx = 15.0f * px, .color = style::kLabelText, .halo = style::kLabelHalo,
                          .haloPx = 2.6f * px, .weight = FontWeight::SemiBold};
    TextStyle detail{.sizePx = 12.0f * px, .color = style::kLabelText, .halo = style::kLabelHalo,
                     .haloPx = 2.6f * px, .weight = FontWeight::SemiBold};

    const double aspect = static_cast<double>(width) / std::max(height, 1);
    const glm::mat4 vp = spec.camera.viewProjection(aspect);
    const glm::vec2 size(static_cast<float>(width), static_cast<float>(height));
    std::vector<glm::vec4> taken;
    int placed = 0;
    for (const Candidate& cand : candidates) {
        if (placed >= set.maxLabels) break;
        const AssetChange& c = *cand.change;
        const bool fromA = c.indexA >= 0 && c.statusA != Status::Absent && c.statusA != Status::Cancelled;
        const DiffClass cls = !fromA ? DiffClass::OnlyB
                            : (c.statusB == Status::Absent || c.statusB == Status::Cancelled) ? DiffClass::OnlyA
                            : c.deltaMw() > 0.5 ? DiffClass::LargerInB
                            : c.deltaMw() < -0.5 ? DiffClass::SmallerInB : DiffClass::OtherTiming;
        const glm::dvec2 xy = fromA ? positionOf(a, c.kind, c.indexA) : positionOf(b, c.kind, c.indexB);
        const double mw = fromA ? c.mwA : c.mwB;
        // Above the column's top (its drawn height at t), or just above a plant's glyph.
        const double liftKm = c.kind == EntityKind::Datacenter
                                  ? (set.columnHeightByCapacity ? (isKnown(mw) ? mw : 120.0) : kUniformColumnMw) * kKmPerMw * set.columnScale
                                  : 0.0;
        const glm::vec4 clip = vp * glm::vec4(glm::vec2(frame.toWorld(xy)), static_cast<float>(liftKm), 1.0f);
        if (clip.w <= 0.0f) continue;
        const glm::vec2 ndc = glm::vec2(clip) / clip.w;
        const glm::vec2 anchor((ndc.x * 0.5f + 0.5f) * size.x, (0.5f - ndc.y * 0.5f) * size.y);
        const std::string name = c.name.empty() ? c.id : c.name;
        const std::string what = detailOf(c, cls);
        const glm::vec2 t1 = p.measure(name, title), t2 = p.measure(what, detail);
        const float w = std::max(t1.x, t2.x), h = t1.y + t2.y;
        const glm::vec2 tl(anchor.x - w * 0.5f, anchor.y - 8.0f * px - h);
        const glm::vec4 box(tl.x - 4 * px, tl.y - 2 * px, tl.x + w + 4 * px, tl.y + h + 2 * px);
        if (box.x < 0 || box.y < 0 || box.z > size.x || box.w > size.y) continue;
        if (std::any_of(taken.begin(), taken.end(), [&](const glm::vec4& o) { return overlaps(box, o); })) continue;
        taken.push_back(box);
        // The detail line takes the class colour, lightened so it reads on the dark map.
        detail.color = glm::mix(diffClassColor(cls), glm::vec4(1.0f), 0.45f);
        p.text(name, glm::vec2(anchor.x, tl.y), TextAnchor::Top, title);
        p.text(what, glm::vec2(anchor.x, tl.y + t1.y), TextAnchor::Top, detail);
        ++placed;
    }
}

} // namespace buildout
