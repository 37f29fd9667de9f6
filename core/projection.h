// Projection from WGS84 lon/lat to the scenario's map plane, through PROJ.
//
// One Projection owns its own PROJ context, so each thread (e.g. a loader worker) can make its own;
// a single instance must not be shared between threads.
#pragma once

#include "geometry.h"

#include <memory>
#include <string>
#include <vector>

namespace buildout {

class Projection {
public:
    /// `crs`: anything PROJ understands (`EPSG:5070`, a PROJ string, WKT). Throws std::runtime_error with
    /// PROJ's message when the CRS is unknown or no transformation from WGS84 exists.
    explicit Projection(const std::string& crs);
    ~Projection();
    Projection(const Projection&) = delete;
    Projection& operator=(const Projection&) = delete;

    /// Map-plane coordinates in the CRS's units (metres for EPSG:5070). Non-finite on failure.
    glm::dvec2 forward(LonLat p) const;
    /// Projects many points in one PROJ call (in place: lon -> x, lat -> y).
    void forwardInPlace(std::vector<glm::dvec2>& lonLatToXY) const;
    LonLat inverse(glm::dvec2 xy) const;

    const std::string& crs() const { return crs_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string crs_;
};

} // namespace buildout
