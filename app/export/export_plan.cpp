// Per-frame plan of an export (tours through core/view/tour_rig.h) and the WebVTT caption sidecar.
#include "app/export/export_plan.h"

#include "core/date.h"
#include "core/view/named_views.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace buildout {

// ---------------------------------------------------------------------------------------------------
// Settings

OverlaySet parseOverlayList(const std::string& list) {
    OverlaySet o;
    o.title = o.date = o.figures = o.legend = o.captions = o.sources = false;
    std::stringstream ss(list);
    std::string item;
    while (std::getline(ss, item, ',')) {
        if (item == "title")
            o.title = true;
        else if (item == "date")
            o.date = true;
        else if (item == "figures")
            o.figures = true;
        else if (item == "legend")
            o.legend = true;
        else if (item == "captions" || item == "caption")
            o.captions = true;
        else if (item == "sources")
            o.sources = true;
        else if (item == "all")
            o = OverlaySet{};
        else if (item == "none" || item.empty())
            continue;
        else
            throw std::invalid_argument(item);
    }
    return o;
}

std::string overlayListString(const OverlaySet& o) {
    std::string s;
    auto add = [&](bool on, const char* n) {
        if (on) s += (s.empty() ? "" : ",") + std::string(n);
    };
    add(o.title, "title");
    add(o.date, "date");
    add(o.figures, "figures");
    add(o.legend, "legend");
    add(o.captions, "captions");
    add(o.sources, "sources");
    return s.empty() ? "none" : s;
}

double ExportSettings::effectiveDuration() const {
    if (tour && durationSeconds <= 0) return tour->durationSeconds();
    return durationSeconds;
}

int ExportSettings::frameCount() const {
    const double n = std::round(effectiveDuration() * fps);
    return static_cast<int>(std::clamp(n, 1.0, 1e7));
}

std::string validateExportSettings(const ExportSettings& s) {
    if (s.output.empty()) return "no output name";
    if (s.width < 16 || s.height < 16 || s.width > 8192 || s.height > 8192)
        return "size " + std::to_string(s.width) + "x" + std::to_string(s.height) +
               " out of range (16..8192 per side)";
    if (s.format == ExportFormat::Mp4 && (s.width % 2 || s.height % 2))
        return "H.264 (yuv420p) needs an even width and height, not " + std::to_string(s.width) + "x" +
               std::to_string(s.height);
    if (s.fps < 1 || s.fps > 120) return "fps must be 1..120 (24, 25, 30 and 60 are the usual ones)";
    const double d = s.effectiveDuration();
    if (!(d > 0) || d > 24 * 3600) return "duration must be more than 0 and at most 24 hours";
    if (s.transparent && s.format == ExportFormat::Mp4)
        return "MP4 (H.264) has no alpha channel; use a .mov (ProRes 4444) or a PNG folder for a transparent "
               "background";
    if (!s.tour && s.to < s.from) return "the end date is before the start date";
    if (!s.audio.empty() && s.format == ExportFormat::PngSequence)
        return "a PNG folder has no sound track: --audio needs a video file (.mp4 or .mov)";
    return "";
}

// ---------------------------------------------------------------------------------------------------
// The plan

ExportPlan::ExportPlan(const ExportSettings& settings, std::shared_ptr<const Scenario> scenario)
    : s_(settings), scenario_(std::move(scenario)) {
    const Scenario& sc = *scenario_;
    const MapFrame mapFrame = makeMapFrame(sc);
    const double aspect = s_.compare ? comparisonMapAspect(s_.compareView.mode, s_.width, s_.height)
                                     : static_cast<double>(s_.width) / s_.height;
    if (s_.camera)
        camera_ = *s_.camera;
    else if (!findNamedView(sc, mapFrame, aspect, s_.view, camera_))
        throw std::runtime_error("unknown view '" + s_.view +
                                 "' (national, a region id such as TX, or a supercluster id)");
    else if (s_.compare && s_.compareView.mode == CompareMode::Diff)
        camera_ = withHorizontalInsets(camera_, aspect, 0.12, 0.0); // the diff legend, bottom left
    else if (!s_.compare && (s_.overlay.legend || s_.overlay.figures))
        // The legend (left) and the date and figures (right) cover the frame's edges: frame the named view
        // between them, as snapshots and presentation mode do.
        camera_ = withHorizontalInsets(camera_, aspect, s_.overlay.legend ? 0.08 : 0.0,
                                       s_.overlay.figures ? 0.05 : 0.0);
    frames_ = s_.frameCount();
    if (s_.tour)
        planTour(sc, mapFrame, aspect);
    else
        planRange(sc);
}

void ExportPlan::planTour(const Scenario& sc, const MapFrame& mapFrame, double aspect) {
    Diagnostics diag;
    rig_.emplace(*s_.tour, sc, mapFrame, aspect, camera_, s_.map, diag);
    std::string errors;
    for (const Diagnostic& d : diag.items()) {
        if (d.severity == Severity::Error)
            errors += (errors.empty() ? "" : "\n") + formatDiagnostic(d);
        else
            warnings_.push_back(d);
    }
    if (!rig_->ok()) throw std::runtime_error("the tour cannot be shown:\n" + errors);
    // Tour seconds per video second: the video's length (s) may stretch or squeeze the tour's own.
    const double tourLen = s_.tour->durationSeconds();
    const double videoLen = s_.effectiveDuration();
    tourScale_ = videoLen > 0 ? tourLen / videoLen : 1.0;
    // A chapter per beat, from the start of its transition (the first beat: frame 0).
    double start = 0; // tour seconds
    for (std::size_t i = 0; i < s_.tour->beats.size(); ++i) {
        const TourBeat& b = s_.tour->beats[i];
        const int frame = static_cast<int>(std::lround(start / tourScale_ * s_.fps));
        const std::string title = !b.captionTitle.empty() ? b.captionTitle
                                : !b.captionText.empty()  ? b.captionText
                                                          : "Beat " + std::to_string(i + 1);
        chapters_.push_back({std::clamp(frame, 0, std::max(frames_ - 1, 0)), title});
        start += b.transitionSeconds + b.holdSeconds;
    }
}

void ExportPlan::planRange(const Scenario& sc) {
    // No tour: the time range, pausing on each event when captions are on.
    std::vector<const ScenarioEvent*> events;
    for (const ScenarioEvent& e : sc.manifest.events)
        if (e.date >= s_.from && e.date <= s_.to) events.push_back(&e);
    std::stable_sort(events.begin(), events.end(),
                     [](const ScenarioEvent* a, const ScenarioEvent* b) { return a->date < b->date; });
    // Frames per event pause: the wanted hold (s), shortened so the pauses take at most half the video.
    int holdFrames = 0;
    if (s_.overlay.captions && s_.eventHoldSeconds > 0 && !events.empty()) {
        const double perEvent =
            std::min(s_.eventHoldSeconds, 0.5 * s_.effectiveDuration() / static_cast<double>(events.size()));
        holdFrames = static_cast<int>(std::floor(perEvent * s_.fps));
        if (perEvent < s_.eventHoldSeconds - 1e-9) {
            char buf[256];
            std::snprintf(buf, sizeof buf,
                          "%zu events in %.1f s: each pause is %.2f s instead of %.1f s (a longer duration "
                          "gives readable captions)",
                          events.size(), s_.effectiveDuration(), static_cast<double>(holdFrames) / s_.fps,
                          s_.eventHoldSeconds);
            notes_.push_back(buf);
        }
    }
    const std::vector<const ScenarioEvent*> all = events; // every event is a chapter, paused on or not
    if (holdFrames < 1) events.clear();
    // The other frames run through the range evenly; each pause goes before the first running frame at
    // or after its event's date.
    running_ = std::max(1, frames_ - holdFrames * static_cast<int>(events.size()));
    delta_ = running_ > 1 ? (s_.to - s_.from) / (running_ - 1) : 0.0;
    for (const ScenarioEvent* e : events) {
        int k = 0;
        if (delta_ > 0) k = static_cast<int>(std::ceil((e->date - s_.from) / delta_ - 1e-9));
        holds_.push_back(
            {std::clamp(k, 0, running_ - 1), holdFrames, static_cast<TimeDays>(e->date), e->title, e->text});
    }
    // Chapter j starts where event j's pause starts (after the j pauses before it), or without pauses on
    // the running frame that reaches its date.
    for (std::size_t j = 0; j < all.size(); ++j) {
        int k = 0;
        if (delta_ > 0) k = static_cast<int>(std::ceil((all[j]->date - s_.from) / delta_ - 1e-9));
        const int paused = events.empty() ? 0 : static_cast<int>(j) * holdFrames;
        chapters_.push_back({std::clamp(k, 0, running_ - 1) + paused, all[j]->title});
    }
    // The first chapter takes in the lead-up to its event (players start the chapter list at 0 anyway).
    if (!chapters_.empty()) chapters_.front().frame = 0;
}

ExportFrame ExportPlan::frame(int index) const {
    ExportFrame f;
    if (rig_) {
        // Simulated seconds: frame i is at i / fps of the video, scaled onto the tour.
        f = rig_->at(static_cast<double>(index) / s_.fps * tourScale_);
    } else {
        f.spec.camera = camera_;
        f.spec.settings = s_.map;
        int consumed = 0;
        bool held = false;
        for (const Hold& h : holds_) {
            const int start = h.beforeRunning + consumed;
            if (index < start) break;
            if (index < start + h.frames) {
                f.spec.time = h.time;
                f.captionTitle = h.title;
                f.captionText = h.text;
                held = true;
                break;
            }
            consumed += h.frames;
        }
        if (!held) f.spec.time = s_.from + static_cast<double>(index - consumed) * delta_;
    }
    if (!s_.overlay.captions) f.captionTitle.clear(), f.captionText.clear();
    f.spec.pixelScale = static_cast<float>(s_.height) / 1080.0f;
    f.spec.transparentBackground = s_.transparent;
    return f;
}

std::vector<CaptionCue> ExportPlan::captionCues() const {
    std::vector<CaptionCue> cues;
    if (!s_.overlay.captions) return cues;
    for (int i = 0; i < frames_; ++i) {
        const ExportFrame f = frame(i);
        const bool has = !f.captionTitle.empty() || !f.captionText.empty();
        if (!cues.empty() && cues.back().end == i && cues.back().title == f.captionTitle &&
            cues.back().text == f.captionText && has) {
            cues.back().end = i + 1;
        } else if (has) {
            cues.push_back({i, i + 1, f.captionTitle, f.captionText});
        }
    }
    return cues;
}

// ---------------------------------------------------------------------------------------------------
// Chapters

std::string ffmetadataChapters(const std::vector<ChapterMark>& chapters, int frames, int fps) {
    if (chapters.empty() || frames <= 0) return "";
    // FFMETADATA escapes '=', ';', '#', '\\' and newlines with a backslash.
    auto escaped = [](const std::string& t) {
        std::string out;
        for (char c : t) {
            if (c == '\r') continue;
            if (c == '=' || c == ';' || c == '#' || c == '\\' || c == '\n') out += '\\';
            out += c;
        }
        return out;
    };
    std::string out = ";FFMETADATA1\n";
    for (std::size_t i = 0; i < chapters.size(); ++i) {
        const int start = std::clamp(chapters[i].frame, 0, frames);
        const int end = i + 1 < chapters.size() ? std::clamp(chapters[i + 1].frame, start, frames) : frames;
        out += "\n[CHAPTER]\nTIMEBASE=1/" + std::to_string(fps) + "\nSTART=" + std::to_string(start) +
               "\nEND=" + std::to_string(end) + "\ntitle=" + escaped(chapters[i].title) + "\n";
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------
// WebVTT

namespace {

std::string vttTime(long long ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%03lld", ms / 3600000, (ms / 60000) % 60,
                  (ms / 1000) % 60, ms % 1000);
    return buf;
}

/// Cue text: no blank lines, no "-->", markup characters escaped.
std::string vttText(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '&')
            out += "&amp;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '\r')
            continue;
        else if (c == '\n')
            out += ' ';
        else
            out += c;
    }
    return out;
}

} // namespace

std::string webVtt(const std::vector<CaptionCue>& cues, int fps) {
    std::string out = "WEBVTT\n";
    int n = 0;
    for (const CaptionCue& c : cues) {
        const long long a = static_cast<long long>(c.first) * 1000 / fps;
        const long long b = static_cast<long long>(c.end) * 1000 / fps;
        out += "\n" + std::to_string(++n) + "\n" + vttTime(a) + " --> " + vttTime(b) + "\n";
        if (!c.title.empty()) out += vttText(c.title) + "\n";
        if (!c.text.empty()) out += vttText(c.text) + "\n";
    }
    return out;
}

} // namespace buildout
