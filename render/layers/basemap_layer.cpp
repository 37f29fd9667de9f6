// Basemap upload, choropleth colours and drawing.
#include "render/layers/basemap_layer.h"

#include "core/power_balance.h"
#include "core/tour.h"
#include "core/view/map_style.h"
#include "render/tessellate.h"

#include <algorithm>

namespace buildout {

void BasemapLayer::clear() {
    land_ = {}, borders_ = {}, nation_ = {}, bordersCoarse_ = {}, nationCoarse_ = {};
}

BasemapLayer::Prepared BasemapLayer::prepare(const Scenario& s, const MapFrame& frame) {
    Prepared out;
    auto& [land, borders, nation, bordersCoarse, nationCoarse, regionCount, pictureHash] = out;
    const LineInstance always = alwaysShown();
    regionCount = static_cast<int>(s.basemap->regions.size());
    std::uint64_t hash = fnv1a64(&regionCount, sizeof regionCount);
    for (std::size_t r = 0; r < s.basemap->regions.size(); ++r) {
        const Region& region = s.basemap->regions[r];
        for (const PolygonXY& poly : region.polygonsXY) {
            std::vector<std::vector<glm::dvec2>> rings;
            for (const auto& ring : poly.rings) {
                std::vector<glm::dvec2> kmRing;
                kmRing.reserve(ring.size());
                for (const auto& p : ring) {
                    kmRing.push_back(frame.toWorld(p));
                    hash = fnv1a64(&kmRing.back(), sizeof(glm::dvec2), hash);
                }
                const std::uint64_t ringEnd[2] = {r, region.isNation() ? 1u : 0u};
                hash = fnv1a64(ringEnd, sizeof ringEnd, hash);
                std::vector<glm::dvec3> line;
                for (const auto& p : kmRing)
                    line.emplace_back(p, 0.0);
                if (region.isNation()) {
                    appendPolyline(nation, line, 1.7f, style::kNationOutline, always);
                    appendPolyline(nationCoarse, coarsePath(kmRing, 0.0), 1.7f, style::kNationOutline,
                                   always);
                } else {
                    appendPolyline(borders, line, 0.9f, style::kStateBorder, always);
                    appendPolyline(bordersCoarse, coarsePath(kmRing, 0.0), 0.9f, style::kStateBorder, always);
                }
                rings.push_back(std::move(kmRing));
            }
            if (region.isNation()) continue;
            std::vector<glm::dvec2> tris;
            tessellatePolygon(rings, tris);
            for (const auto& p : tris)
                land.push_back(
                    {{static_cast<float>(p.x), static_cast<float>(p.y)}, static_cast<float>(r), {}, {}});
        }
    }
    pictureHash = hash == 0 ? 1 : hash;
    return out;
}

void BasemapLayer::upload(const Prepared& p, const UnitMeshes& meshes) {
    clear();
    if (!regionColors_) regionColors_ = gl::makeTexture();
    regionCount_ = p.regionCount;
    pictureHash_ = p.pictureHash;
    regionRgba_.clear(); // the first updateRegionColors uploads (a new scenario may reuse this layer)
    makeFillBatch(land_, p.land);
    makeLineBatch(borders_, meshes.lineQuad, p.borders);
    makeLineBatch(nation_, meshes.lineQuad, p.nation);
    makeLineBatch(bordersCoarse_, meshes.lineQuad, p.bordersCoarse);
    makeLineBatch(nationCoarse_, meshes.lineQuad, p.nationCoarse);
}

glm::dvec2 BasemapLayer::updateRegionColors(const Scenario& s, const FrameSpec& spec) {
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(std::max(regionCount_, 1)) * 4);
    std::vector<double> values(static_cast<std::size_t>(regionCount_), kUnknown);
    glm::dvec2 range{1, 0};
    const std::string& metric = spec.settings.choroplethMetric;
    const bool margin = metric == kPowerMarginChoropleth;
    if (margin) {
        // Group margins, on a symmetric scale computed once per scenario content.
        if (marginScaleHash_ != s.contentHash || marginScaleMw_ <= 0) {
            marginScaleMw_ = marginScaleMw(s);
            marginScaleHash_ = s.contentHash;
        }
        values = regionMarginsMw(s, spec.time);
        values.resize(static_cast<std::size_t>(regionCount_), kUnknown);
        range = {-marginScaleMw_, marginScaleMw_};
    } else if (!metric.empty()) {
        auto isRegionSeries = [&](const Series& ser) {
            return ser.target.kind == EntityKind::Region && ser.metric == metric &&
                   !s.basemap->regions[static_cast<std::size_t>(ser.target.index)].isNation();
        };
        // The legend's range spans the metric over the whole scenario, so colours do not drift with time.
        double lo = 1e300, hi = -1e300;
        for (const Series& ser : s.series) {
            if (!isRegionSeries(ser)) continue;
            values[static_cast<std::size_t>(ser.target.index)] = ser.valueAt(spec.time);
            for (const auto& smp : ser.samples)
                lo = std::min(lo, smp.value), hi = std::max(hi, smp.value);
        }
        if (lo <= hi) range = {lo, hi};
    }
    for (int r = 0; r < regionCount_; ++r) {
        glm::vec4 c = style::kLand;
        const double v = values[static_cast<std::size_t>(r)];
        if (isKnown(v) && range.x <= range.y) {
            const double span = std::max(range.y - range.x, 1e-12);
            c = margin ? style::divergingRamp(v / range.y)
                       : glm::mix(style::kLand, style::sequentialRamp((v - range.x) / span), 0.85f);
        }
        for (int k = 0; k < 4; ++k)
            rgba[static_cast<std::size_t>(r) * 4 + static_cast<std::size_t>(k)] =
                static_cast<std::uint8_t>(std::clamp(c[k], 0.0f, 1.0f) * 255.0f + 0.5f);
    }
    if (rgba == regionRgba_)
        return range; // unchanged (always, without a choropleth): no upload, cache stays valid
    regionRgba_ = std::move(rgba);
    regionColorsHash_ = fnv1a64(regionRgba_.data(), regionRgba_.size());
    glBindTexture(GL_TEXTURE_2D, regionColors_.get());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, std::max(regionCount_, 1), 1, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 regionRgba_.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    return range;
}

void BasemapLayer::draw(const LayerFrame& f, float opacity) const {
    const gl::Program& fill = f.programs->fill;
    fill.use();
    glUniformMatrix4fv(fill.uniform("uViewProj"), 1, GL_FALSE, &f.viewProj[0][0]);
    glUniform1f(fill.uniform("uTime"), f.time);
    glUniform1f(fill.uniform("uOpacity"), opacity);
    glUniform1i(fill.uniform("uRegionColors"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, regionColors_.get());
    glBindVertexArray(land_.vao.get());
    glDrawArrays(GL_TRIANGLES, 0, land_.count);
    drawLineBatch(f, f.coarse ? bordersCoarse_ : borders_, opacity, DiffKind::Segments, false);
    drawLineBatch(f, f.coarse ? nationCoarse_ : nation_, opacity, DiffKind::Segments, false);
}

} // namespace buildout
