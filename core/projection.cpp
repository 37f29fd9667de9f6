// PROJ-backed lon/lat <-> map-plane transforms.
#include "projection.h"

#include <proj.h>

#include <cmath>
#include <stdexcept>

namespace buildout {

struct Projection::Impl {
    PJ_CONTEXT* ctx = nullptr;
    PJ* pj = nullptr;
    ~Impl() {
        if (pj) proj_destroy(pj);
        if (ctx) proj_context_destroy(ctx);
    }
};

Projection::Projection(const std::string& crs) : impl_(std::make_unique<Impl>()), crs_(crs) {
    impl_->ctx = proj_context_create();
    if (!impl_->ctx) throw std::runtime_error("PROJ: cannot create a context");
    PJ* raw = proj_create_crs_to_crs(impl_->ctx, "EPSG:4326", crs.c_str(), nullptr);
    if (!raw) {
        const int err = proj_context_errno(impl_->ctx);
        throw std::runtime_error("unknown map CRS '" + crs + "' (" + proj_context_errno_string(impl_->ctx, err) + ")");
    }
    // Normalise axis order to lon/lat in and easting/northing out, whatever the CRS definitions say.
    impl_->pj = proj_normalize_for_visualization(impl_->ctx, raw);
    proj_destroy(raw);
    if (!impl_->pj) throw std::runtime_error("PROJ: cannot normalise the transformation to '" + crs + "'");
}

Projection::~Projection() = default;

glm::dvec2 Projection::forward(LonLat p) const {
    PJ_COORD c = proj_coord(p.lon, p.lat, 0, 0);
    c = proj_trans(impl_->pj, PJ_FWD, c);
    return {c.xy.x, c.xy.y};
}

void Projection::forwardInPlace(std::vector<glm::dvec2>& pts) const {
    if (pts.empty()) return;
    proj_trans_generic(impl_->pj, PJ_FWD, &pts[0].x, sizeof(glm::dvec2), pts.size(), &pts[0].y, sizeof(glm::dvec2),
                       pts.size(), nullptr, 0, 0, nullptr, 0, 0);
}

LonLat Projection::inverse(glm::dvec2 xy) const {
    PJ_COORD c = proj_coord(xy.x, xy.y, 0, 0);
    c = proj_trans(impl_->pj, PJ_INV, c);
    return {c.lp.lam, c.lp.phi};
}

} // namespace buildout
