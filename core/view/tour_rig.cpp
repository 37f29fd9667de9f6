// The tour player: beats resolved to cameras and map settings, layer cross-fades between beats, and the
// picture at any second of the tour.
#include "core/view/tour_rig.h"

#include "core/date.h"
#include "core/projection.h"
#include "core/view/map_style.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>

namespace buildout {

bool resolveTourCamera(const TourCamera& c, const Scenario& scenario, const MapFrame& frame, double aspect,
                       CameraState& out, std::string& why) {
    CameraState cam;
    if (!c.explicitTarget) {
        if (!findNamedView(scenario, frame, aspect, c.view, cam)) {
            why = "unknown view '" + c.view + "' (national, a region id such as TX, or a supercluster id)";
            return false;
        }
        if (c.distanceKm)
            cam.distanceKm = *c.distanceKm;
        else
            cam.distanceKm /= c.zoom;
    } else {
        try {
            const Projection proj(scenario.manifest.crs);
            const glm::dvec2 xy = proj.forward(LonLat{c.lon, c.lat});
            if (!std::isfinite(xy.x) || !std::isfinite(xy.y)) {
                why = "the camera position cannot be projected to the scenario's map";
                return false;
            }
            cam.target = frame.toWorld(xy);
        } catch (const std::exception& e) {
            why = e.what();
            return false;
        }
        cam.distanceKm = c.distanceKm.value_or(cam.distanceKm);
    }
    if (c.headingDeg) cam.headingDeg = *c.headingDeg;
    if (c.tiltDeg) cam.tiltDeg = *c.tiltDeg;
    out = cam;
    return true;
}

TourCamera tourCameraFromState(const CameraState& cam, const Scenario& scenario, const MapFrame& frame) {
    TourCamera c;
    c.explicitTarget = true;
    try {
        const Projection proj(scenario.manifest.crs);
        const LonLat ll = proj.inverse(frame.toMeters(cam.target));
        c.lon = ll.lon;
        c.lat = ll.lat;
    } catch (const std::exception&) {
        c.explicitTarget = false;
        c.view = "national";
    }
    c.distanceKm = std::clamp(cam.distanceKm, 10.0, 50000.0);
    c.headingDeg = std::fmod(cam.headingDeg, 360.0);
    c.tiltDeg = std::clamp(cam.tiltDeg, 0.0, 80.0);
    return c;
}

namespace {

template <class M> auto* layerOf(M& m, int k) {
    decltype(&m.basemap) all[kTourLayerCount] = {&m.basemap,      &m.datacenters,   &m.powerPlants,
                                                 &m.transmission, &m.superclusters, &m.zones};
    return all[k];
}

ColorBy colorByName(const std::string& n) {
    if (n == "status") return ColorBy::Status;
    if (n == "precision") return ColorBy::Precision;
    return ColorBy::Operator;
}

const char* colorByString(ColorBy c) {
    switch (c) {
    case ColorBy::Status:
        return "status";
    case ColorBy::Precision:
        return "precision";
    default:
        return "operator";
    }
}

/// Cross-fades layer settings: a layer switched on fades in, one switched off fades out.
MapSettings blendMaps(const MapSettings& a, const MapSettings& b, double u) {
    MapSettings out = b;
    for (int k = 0; k < kTourLayerCount; ++k) {
        const LayerSettings& la = *layerOf(a, k);
        const LayerSettings& lb = *layerOf(b, k);
        const float ea = la.visible ? la.opacity : 0.0f, eb = lb.visible ? lb.opacity : 0.0f;
        const float e = ea + (eb - ea) * static_cast<float>(u);
        LayerSettings& lo = *layerOf(out, k);
        lo.visible = e > 0.002f;
        lo.opacity = e;
    }
    if (u < 0.5) {
        out.labels = a.labels;
        out.datacenterColor = a.datacenterColor;
        out.choroplethMetric = a.choroplethMetric;
    }
    return out;
}

} // namespace

void applyBeatLayers(const TourBeat& beat, MapSettings& map) {
    for (int k = 0; k < kTourLayerCount; ++k) {
        const TourLayerSetting& l = beat.layers[static_cast<std::size_t>(k)];
        LayerSettings& dst = *layerOf(map, k);
        if (l.visible) dst.visible = *l.visible;
        if (l.opacity) dst.opacity = std::clamp(*l.opacity, 0.0f, 1.0f);
    }
    if (beat.labels) map.labels = *beat.labels;
    if (beat.colorBy) map.datacenterColor = colorByName(*beat.colorBy);
    if (beat.choropleth) map.choroplethMetric = *beat.choropleth;
}

void recordBeatLayers(const MapSettings& map, TourBeat& beat) {
    for (int k = 0; k < kTourLayerCount; ++k) {
        const LayerSettings& l = *layerOf(map, k);
        beat.layers[static_cast<std::size_t>(k)].visible = l.visible;
        beat.layers[static_cast<std::size_t>(k)].opacity =
            l.opacity < 0.999f ? std::optional<float>(std::round(l.opacity * 100.0f) / 100.0f) : std::nullopt;
    }
    beat.labels = map.labels;
    beat.colorBy = colorByString(map.datacenterColor);
    if (!map.choroplethMetric.empty()) beat.choropleth = map.choroplethMetric;
}

TourRig::TourRig(const Tour& tour, const Scenario& scenario, const MapFrame& frame, double aspect,
                 const CameraState& baseCamera, const MapSettings& baseMap, Diagnostics& diag)
    : tour_(tour) {
    CameraState cam = baseCamera;
    MapSettings map = baseMap;
    const std::string& file = tour.file.empty() ? std::string("tour") : tour.file;
    if (!tour.scenarioId.empty() && tour.scenarioId != scenario.manifest.id)
        diag.warning(file, 0,
                     "the tour was made for scenario '" + tour.scenarioId + "', not '" +
                         scenario.manifest.id + "'");
    const TimeDays start = scenario.manifest.start, end = scenario.manifest.end + 1.0;
    for (const TourBeat& b : tour.beats) {
        if (b.camera) {
            std::string why;
            if (!resolveTourCamera(*b.camera, scenario, frame, aspect, cam, why)) {
                diag.error(file, b.cameraLine ? b.cameraLine : b.line, why);
                ok_ = false;
            }
        }
        applyBeatLayers(b, map);
        if (b.from < start || b.to >= end)
            diag.warning(file, b.dateLine ? b.dateLine : b.line,
                         "date " + formatDate(static_cast<Day>(std::floor(b.from))) +
                             " is outside the scenario's time range (" + formatDate(scenario.manifest.start) +
                             " to " + formatDate(scenario.manifest.end) + ")");
        cameras_.push_back(cam);
        maps_.push_back(map);
    }
    if (tour.beats.empty()) {
        diag.error(file, 0, "the tour has no beats");
        ok_ = false;
    }
}

double TourRig::holdStart(int beat) const {
    double s = 0;
    for (int i = 0; i <= beat && i < static_cast<int>(tour_.beats.size()); ++i) {
        s += tour_.beats[static_cast<std::size_t>(i)].transitionSeconds;
        if (i < beat) s += tour_.beats[static_cast<std::size_t>(i)].holdSeconds;
    }
    return s;
}

ExportFrame TourRig::at(double seconds) const {
    ExportFrame f;
    if (tour_.beats.empty()) return f;
    const TourPosition pos = evaluateTour(tour_, seconds);
    const std::size_t b = static_cast<std::size_t>(pos.beat);
    f.spec.time = pos.time;
    if (pos.transition && b > 0) {
        f.spec.camera = interpolateCamera(cameras_[b - 1], cameras_[b], pos.progress);
        f.spec.settings = blendMaps(maps_[b - 1], maps_[b], easeInOut(pos.progress));
    } else {
        f.spec.camera = cameras_[b];
        f.spec.settings = maps_[b];
        if (!pos.transition) {
            f.captionTitle = tour_.beats[b].captionTitle;
            f.captionText = tour_.beats[b].captionText;
        }
    }
    return f;
}

} // namespace buildout
