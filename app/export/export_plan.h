// What every frame of an export shows, decided before anything is drawn: frame i's time, camera, layers
// and caption depend only on the settings, the scenario and i (simulated time; the wall clock never
// enters). With a tour the beats decide, through the tour player (core/view/tour_rig.h, which the GUI's
// presentation mode uses too); without one, time runs linearly from `from` to `to` with the chosen view,
// pausing on each scenario event (with its caption) when captions are on.
//
// Pure C++ (core only, no GL): the plan is tested without a GL context. Drawing a planned frame's
// overlays is app/export/export_overlay.h.
#pragma once

#include "app/export/export_format.h"
#include "core/diagnostics.h"
#include "core/scenario.h"
#include "core/tour.h"
#include "core/view/camera.h"
#include "core/view/comparison_view.h"
#include "core/view/frame_spec.h"
#include "core/view/tour_rig.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace buildout {

/// Overlays drawn into exported frames (sizes relative to the output resolution).
struct OverlaySet {
    bool title = true, date = true, figures = true, legend = true, captions = true, sources = true;
    bool any() const { return title || date || figures || legend || captions || sources; }
};
/// `title,date,figures,legend,captions,sources`, `all` or `none`. Throws std::invalid_argument naming
/// the unknown item.
OverlaySet parseOverlayList(const std::string& list);
std::string overlayListString(const OverlaySet& o);

struct ExportSettings {
    std::string output; ///< file (.mp4 / .mov) or folder (PNG sequence)
    ExportFormat format = ExportFormat::Mp4;
    ExportQuality quality = ExportQuality::Draft;
    int width = 1920, height = 1080, fps = 30;
    /// Seconds. Without a tour: the length of the video. With a tour: 0 plays it at its own pace; any
    /// other value stretches or squeezes the whole tour to that length.
    double durationSeconds = 30;
    TimeDays from = 0, to = 0;         ///< without a tour: the time range shown (inclusive)
    std::string view = "national";     ///< named view (the camera when `camera` is unset)
    std::optional<CameraState> camera; ///< explicit camera (the GUI's current view)
    MapSettings map;                   ///< layers and styling (a tour's beats change them)
    OverlaySet overlay;
    bool transparent = false;      ///< transparent background (ProRes 4444, PNG)
    double eventHoldSeconds = 2.0; ///< without a tour, with captions on: pause on each event
    std::optional<Tour> tour;
    std::string manifestPath; ///< write a manifest of settings and frame hashes here ("" = none)
    std::string audio;        ///< narration muxed from frame 0, cut or padded to the video ("" = none)
    std::string ffmpeg = "ffmpeg";
    /// A second scenario compared with the first in every frame (side by side, swipe or diff as
    /// `compareView` says); null = a plain export. The named view is then framed for one map's aspect.
    std::shared_ptr<const Scenario> compare;
    ComparisonView compareView;

    int samples() const { return quality == ExportQuality::High ? 4 : 0; }
    /// The tour's or the range's length in seconds and the exact number of frames (round(fps x s)).
    double effectiveDuration() const;
    int frameCount() const;
};

/// Checks sizes, fps, duration and the format/background combination. Returns "" when fine.
std::string validateExportSettings(const ExportSettings& s);

/// A caption shown from frame `first` up to (not including) frame `end`.
struct CaptionCue {
    int first = 0, end = 0;
    std::string title, text;
};

/// A chapter of an MP4/MOV export: one per beat (a tour's beat, or a scenario event without a tour),
/// starting at `frame` and lasting until the next one starts (the last: to the end).
struct ChapterMark {
    int frame = 0;
    std::string title;
};

class ExportPlan {
public:
    /// Throws std::runtime_error with FILE:LINE lines when a tour cannot be resolved, or when the view
    /// is unknown.
    ExportPlan(const ExportSettings& settings, std::shared_ptr<const Scenario> scenario);
    int frameCount() const { return frames_; }
    ExportFrame frame(int index) const;
    /// Caption runs over the whole export, for the WebVTT sidecar (empty when captions are off).
    std::vector<CaptionCue> captionCues() const;
    /// One chapter per beat, in order of their first frames.
    const std::vector<ChapterMark>& chapters() const { return chapters_; }
    const std::vector<Diagnostic>& warnings() const { return warnings_; }
    /// Remarks on the settings, e.g. event pauses shortened to fit the duration.
    const std::vector<std::string>& notes() const { return notes_; }

private:
    /// With a tour: resolves it (throws with its errors) and scales its seconds onto the video's.
    void planTour(const Scenario& sc, const MapFrame& mapFrame, double aspect);
    /// Without a tour: the running frames over from..to and a pause on each event.
    void planRange(const Scenario& sc);

    ExportSettings s_;
    std::shared_ptr<const Scenario> scenario_;
    int frames_ = 0;
    std::optional<TourRig> rig_;
    double tourScale_ = 1.0; ///< tour seconds per video second
    CameraState camera_;
    // Without a tour: running frames and event holds.
    struct Hold {
        int beforeRunning; ///< inserted before this running frame
        int frames;
        TimeDays time;
        std::string title, text;
    };
    std::vector<Hold> holds_;
    int running_ = 0;
    double delta_ = 0; ///< days per running frame
    std::vector<Diagnostic> warnings_;
    std::vector<std::string> notes_;
    std::vector<ChapterMark> chapters_;
};

/// The chapters as an FFMETADATA file (timebase 1/fps, in frames; titles escaped), for ffmpeg's
/// `-f ffmetadata -i FILE -map_chapters N`. `frames` is the video's length. "" when there are none.
std::string ffmetadataChapters(const std::vector<ChapterMark>& chapters, int frames, int fps);

/// WebVTT text for the cues at `fps` (timestamps from frame numbers).
std::string webVtt(const std::vector<CaptionCue>& cues, int fps);

} // namespace buildout
