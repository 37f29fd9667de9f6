// The render manifest: the settings that decide an export's pictures and one hash per frame.
#include "app/export/export_manifest.h"

#include "app/export/h264_encoder.h"
#include "app/export/video_encoder.h"
#include "core/date.h"
#include "core/tour.h"

#include <nlohmann/json.hpp>
#include <xxhash.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <new>
#include <utility>

namespace buildout {

std::uint64_t frameHash(const std::uint8_t* rgba, std::size_t size, RowOrder rows, std::size_t rowBytes) {
    if (rows == RowOrder::TopFirst || rowBytes == 0) return XXH3_64bits(rgba, size);
    // The rows from the last in memory (the top of the picture) to the first: the same stream of bytes.
    XXH3_state_t* state = XXH3_createState();
    if (!state) throw std::bad_alloc();
    XXH3_64bits_reset(state);
    for (std::size_t end = size; end >= rowBytes; end -= rowBytes)
        XXH3_64bits_update(state, rgba + (end - rowBytes), rowBytes);
    const std::uint64_t h = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    return h;
}

namespace {

using OrderedJson = nlohmann::ordered_json;

/// The format as the manifest names it.
const char* formatId(ExportFormat f) {
    switch (f) {
    case ExportFormat::Mp4:
        return "mp4";
    case ExportFormat::PngSequence:
        return "png";
    case ExportFormat::ProRes:
        return "prores4444";
    case ExportFormat::Gif:
        return "gif";
    case ExportFormat::WebP:
        return "webp";
    }
    return "?";
}

/// A scenario as the manifest names it: id, title and content hash.
OrderedJson scenarioEntry(const Scenario& scenario) {
    return {{"id", scenario.manifest.id},
            {"title", scenario.manifest.title},
            {"hash", "fnv1a64:" + hex64(scenario.contentHash)}};
}

OrderedJson tourEntry(const ExportSettings& s) {
    if (!s.tour) return nullptr;
    const std::string text = tourToJson(*s.tour);
    return {{"title", s.tour->title},
            {"beats", s.tour->beats.size()},
            {"hash", "fnv1a64:" + hex64(fnv1a64(text.data(), text.size()))}};
}

/// The narration (`--audio`) by file name and content hash (its path differs between machines), or null.
OrderedJson narrationEntry(const ExportSettings& s) {
    if (s.audio.empty()) return nullptr;
    std::ifstream in(s.audio, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return {{"file", std::filesystem::path(s.audio).filename().string()},
            {"bytes", bytes.size()},
            {"hash", "fnv1a64:" + hex64(fnv1a64(bytes.data(), bytes.size()))}};
}

/// The chapters written into the MP4/MOV: first frame and title of each (empty for a PNG folder).
OrderedJson chaptersEntry(const ExportSettings& s, const ExportPlan& plan) {
    OrderedJson chapters = OrderedJson::array();
    if (s.format == ExportFormat::PngSequence) return chapters;
    for (const ChapterMark& c : plan.chapters())
        chapters.push_back({{"frame", c.frame}, {"title", c.title}});
    return chapters;
}

/// Layers and styling (MapSettings) into the settings entry `st`.
void addMapSettings(OrderedJson& st, const MapSettings& map) {
    OrderedJson layers = OrderedJson::object();
    const std::pair<const char*, const LayerSettings*> ls[] = {{"basemap", &map.basemap},
                                                               {"datacenters", &map.datacenters},
                                                               {"power_plants", &map.powerPlants},
                                                               {"transmission", &map.transmission},
                                                               {"superclusters", &map.superclusters},
                                                               {"zones", &map.zones}};
    for (const auto& [name, l] : ls)
        layers[name] = {{"visible", l->visible}, {"opacity", l->opacity}};
    st["layers"] = layers;
    st["labels"] = map.labels;
    st["color_by"] = map.datacenterColor == ColorBy::Status      ? "status"
                     : map.datacenterColor == ColorBy::Precision ? "precision"
                                                                 : "operator";
    st["max_labels"] = map.maxLabels;
    st["min_mw"] = map.minMw;
    st["column_scale"] = map.columnScale;
    st["glyph_scale"] = map.glyphScale;
    st["choropleth"] = map.choroplethMetric;
}

/// The encoder's arguments after the program name, with OUTPUT for the file (paths and the program
/// differ between machines; the arguments decide the encoding).
std::vector<std::string> manifestEncoderArgs(const ExportSettings& s, const ExportPlan& plan) {
    SinkSettings ss;
    ss.format = s.format;
    ss.quality = s.quality;
    ss.width = s.width;
    ss.height = s.height;
    ss.fps = s.fps;
    ss.ffmpeg = "ffmpeg";
    ss.frames = s.frameCount();
    if (!s.audio.empty()) ss.audio = "NARRATION"; // named in "narration" (by file name and hash)
    if (!plan.chapters().empty()) ss.chaptersFile = "CHAPTERS"; // listed in "chapters"
    const std::vector<std::string> args = ffmpegArgs(ss, "OUTPUT");
    return std::vector<std::string>(args.begin() + 1, args.end());
}

/// Everything that decides the pictures and their encoding. Sizes in pixels, durations in seconds.
OrderedJson settingsEntry(const ExportSettings& s, const ExportPlan& plan) {
    OrderedJson st;
    st["format"] = formatId(s.format);
    st["quality"] = s.quality == ExportQuality::High ? "high" : "draft";
    st["width"] = s.width;
    st["height"] = s.height;
    st["fps"] = s.fps;
    st["frames"] = plan.frameCount();
    st["duration_s"] = static_cast<double>(plan.frameCount()) / s.fps;
    if (!s.tour) {
        st["from"] = formatDate(static_cast<Day>(std::floor(s.from)));
        st["to"] = formatDate(static_cast<Day>(std::floor(s.to)));
        st["event_hold_s"] = s.eventHoldSeconds;
    }
    if (s.camera)
        st["camera"] = {{"target_km", {s.camera->target.x, s.camera->target.y}},
                        {"distance_km", s.camera->distanceKm},
                        {"heading", s.camera->headingDeg},
                        {"tilt", s.camera->tiltDeg}};
    else
        st["view"] = s.view;
    addMapSettings(st, s.map);
    st["overlay"] = overlayListString(s.overlay);
    st["background"] = s.transparent ? "transparent" : "map";
    st["msaa_samples"] = s.samples();
    if (s.format == ExportFormat::Mp4) { // encoded in this process; ffmpeg copies the packets
        OrderedJson h264 = OrderedJson::object();
        for (const auto& [key, value] : h264EncoderOptions(s.quality, s.fps))
            h264[key] = value;
        st["h264_encoder"] = h264;
    }
    if (s.format != ExportFormat::PngSequence) st["encoder_args"] = manifestEncoderArgs(s, plan);
    return st;
}

/// Each frame's simulated time (days, 6 decimals) and the hash of its pixels.
OrderedJson framesEntry(const std::vector<std::uint64_t>& hashes, const ExportPlan& plan) {
    OrderedJson frames = OrderedJson::array();
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        const ExportFrame f = plan.frame(static_cast<int>(i));
        char t[32];
        std::snprintf(t, sizeof t, "%.6f", f.spec.time);
        frames.push_back({{"t", std::string(t)}, {"hash", hex64(hashes[i])}});
    }
    return frames;
}

} // namespace

std::string manifestJson(const ExportSettings& s, const Scenario& scenario, const std::string& renderer,
                         const std::vector<std::uint64_t>& hashes, const ExportPlan& plan) {
    OrderedJson m;
    m["format"] = "buildout-render-manifest";
    m["version"] = 1;
    m["scenario"] = scenarioEntry(scenario);
    // A comparison video records B and the mode: the same settings with another B are another video.
    if (s.compare) {
        OrderedJson b = scenarioEntry(*s.compare);
        b["mode"] = compareModeName(s.compareView.mode);
        b["swipe"] = s.compareView.swipe;
        m["compare"] = b;
    }
    m["tour"] = tourEntry(s);
    m["settings"] = settingsEntry(s, plan);
    m["narration"] = narrationEntry(s);
    m["chapters"] = chaptersEntry(s, plan);
    m["renderer"] = renderer;
    m["frame_hash"] = "xxh3_64 of the RGBA8 pixels, top row first, before encoding";
    m["frames"] = framesEntry(hashes, plan);
    return m.dump(1) + "\n";
}

} // namespace buildout
