// Tours (TOUR.json): an ordered list of beats that drives video export and presentation mode alike.
//
// Each beat names a date or a date range, a camera (a named view, optionally adjusted, or an explicit
// position), layer settings, a caption, and two durations: the transition from the previous beat and
// the hold on this one. The format is documented in docs/tours.md.
//
// Pure C++: the camera and layer settings here are plain descriptions; turning them into a CameraState
// and MapSettings (which live in render/) is the application's job. evaluateTour() answers "which
// beat, which phase, how far into it, what time" for any second of the tour, from the tour alone, so
// frame i of an export is always the same picture.
#pragma once

#include "core/date.h"
#include "core/diagnostics.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace buildout {

/// The six map layers a beat can switch, in the order of TourLayerNames.
enum class TourLayer : int { Basemap, Datacenters, PowerPlants, Transmission, Superclusters, Zones };
inline constexpr int kTourLayerCount = 6;
/// `basemap`, `datacenters`, `power_plants`, `transmission`, `superclusters`, `zones`.
const char* tourLayerName(int layer);

/// What a beat says about one layer; unset members keep the previous beat's value.
struct TourLayerSetting {
    std::optional<bool> visible;
    std::optional<float> opacity; ///< 0..1
    bool operator==(const TourLayerSetting&) const = default;
};

/// A beat's camera. Either a named view (`national`, a region id such as `TX`, a supercluster id),
/// optionally adjusted, or an explicit position (`lon`/`lat` of the point looked at).
struct TourCamera {
    std::string view;                 ///< named view id; empty when explicit
    bool explicitTarget = false;      ///< lon/lat given
    double lon = 0, lat = 0;          ///< degrees WGS84 (explicit only)
    std::optional<double> distanceKm; ///< explicit: required; named view: replaces the view's distance
    std::optional<double> headingDeg, tiltDeg;
    double zoom = 1.0; ///< named view: divides the distance (2 = twice as close)
    bool operator==(const TourCamera&) const = default;
};

struct TourBeat {
    TimeDays from = 0, to = 0;        ///< equal for a single date; the hold animates from `from` to `to`
    std::optional<TourCamera> camera; ///< unset: keep the previous beat's camera
    std::array<TourLayerSetting, kTourLayerCount> layers;
    std::optional<bool> labels;
    std::optional<std::string> colorBy; ///< `operator`, `status` or `precision`
    /// `choropleth`: a region metric, `power_margin`, or "" (`none`) to clear; unset: keep the previous.
    std::optional<std::string> choropleth;
    std::string captionTitle, captionText;
    std::string notes; ///< speaker notes: shown in the presenter view only, never in a frame or sidecar
    double transitionSeconds = 2.0; ///< flight from the previous beat (the first beat: a still)
    double holdSeconds = 4.0;
    // Lines in the tour file (1-based; 0 when the beat was made in the GUI).
    int line = 0, cameraLine = 0, dateLine = 0;
};

struct Tour {
    std::string file; ///< as given by the user, for diagnostics
    std::string title;
    std::string scenarioId; ///< the scenario the tour was made for (optional; a mismatch is a warning)
    std::vector<TourBeat> beats;

    /// Sum of every beat's transition and hold, seconds.
    double durationSeconds() const;
};

/// Parses a tour. Problems go to `diag` as FILE:LINE errors and warnings (unknown keys) with `display`
/// as the file name. Returns false when there is any error (then `out` is incomplete).
bool parseTour(std::string_view text, const std::string& display, Tour& out, Diagnostics& diag);
/// Reads and parses a file; a missing or unreadable file is an error too.
bool loadTour(const std::string& path, Tour& out, Diagnostics& diag);

/// The tour as TOUR.json text (what the GUI saves); parseTour(tourToJson(t)) gives t back.
std::string tourToJson(const Tour& tour);
/// Writes tourToJson atomically (temporary name, then rename). False and `why` on failure.
bool saveTour(const Tour& tour, const std::string& path, std::string* why = nullptr);

/// Where a tour is at a given second.
struct TourPosition {
    int beat = 0;            ///< index of the beat being flown to or held
    bool transition = false; ///< true: flying from beat-1 (or, for beat 0, a still before its hold)
    double progress = 0;     ///< 0..1 through the current phase (linear; ease it where wanted)
    TimeDays time = 0;       ///< scenario time at that second
};

/// Evaluates the tour at `seconds` from its start (clamped to the tour). Time: during a transition it
/// moves from the previous beat's `to` to this beat's `from` (eased in and out); during a hold from
/// `from` to `to` (linearly). An empty tour gives beat -1.
TourPosition evaluateTour(const Tour& tour, double seconds);

/// Smooth step: 0 at 0, 1 at 1, zero slope at both ends.
double easeInOut(double u);

/// 64-bit FNV-1a, for frame and file hashes in export manifests.
std::uint64_t fnv1a64(const void* data, std::size_t size, std::uint64_t seed = 14695981039346656037ull);
/// 16 lowercase hex digits.
std::string hex64(std::uint64_t v);

} // namespace buildout
