// TOUR.json: parsing with FILE:LINE diagnostics (through JsonDocument), saving, and evaluation in time.
#include "core/tour.h"

#include "core/json_document.h"
#include "core/output_file.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace buildout {

using nlohmann::json;

namespace {

constexpr const char* kLayerNames[kTourLayerCount] = {"basemap",      "datacenters",   "power_plants",
                                                      "transmission", "superclusters", "zones"};
constexpr double kMaxPhaseSeconds = 3600.0;

int layerIndex(const std::string& name) {
    for (int i = 0; i < kTourLayerCount; ++i)
        if (name == kLayerNames[i]) return i;
    return -1;
}

std::string layerList() {
    std::string s;
    for (int i = 0; i < kTourLayerCount; ++i)
        s += std::string(i ? ", " : "") + kLayerNames[i];
    return s;
}

void readCamera(JsonChecker& c, const json& v, const std::string& ptr, TourBeat& beat) {
    TourCamera cam;
    if (v.is_string()) {
        cam.view = v.get<std::string>();
        if (cam.view.empty())
            c.error(ptr,
                    "\"camera\" must name a view (national, a region id such as TX, or a supercluster id)");
        beat.camera = cam;
        return;
    }
    if (!v.is_object()) {
        c.error(ptr, "\"camera\" must be a view name or an object with \"view\" or \"lon\"/\"lat\"");
        return;
    }
    c.unknownKeys(v, ptr, {"view", "lon", "lat", "distance_km", "heading", "tilt", "zoom"}, "a camera");
    const bool hasView = c.string(v, ptr, "view", cam.view);
    const bool hasLon = v.contains("lon"), hasLat = v.contains("lat");
    if (hasView && (hasLon || hasLat)) {
        c.error(ptr, "a camera has either \"view\" or \"lon\"/\"lat\", not both");
        return;
    }
    if (hasView && cam.view.empty()) c.error(ptr + "/view", "\"view\" must not be empty");
    if (!hasView) {
        if (!hasLon || !hasLat) {
            c.error(ptr, "a camera needs \"view\", or \"lon\", \"lat\" and \"distance_km\"");
            return;
        }
        cam.explicitTarget = true;
        c.number(v, ptr, "lon", -180, 180, cam.lon);
        c.number(v, ptr, "lat", -90, 90, cam.lat);
        if (!v.contains("distance_km")) c.error(ptr, "an explicit camera needs \"distance_km\"");
        if (v.contains("zoom"))
            c.error(ptr + "/zoom", "\"zoom\" applies to a named view; give \"distance_km\" instead");
    }
    double d = 0;
    if (c.number(v, ptr, "distance_km", 10, 50000, d)) cam.distanceKm = d;
    if (c.number(v, ptr, "heading", -360, 360, d)) cam.headingDeg = d;
    if (c.number(v, ptr, "tilt", 0, 80, d)) cam.tiltDeg = d;
    if (hasView) c.number(v, ptr, "zoom", 0.05, 50, cam.zoom);
    beat.camera = cam;
}

void readLayers(JsonChecker& c, const json& v, const std::string& ptr, TourBeat& beat) {
    if (v.is_array()) {
        // The exact set of visible layers.
        for (TourLayerSetting& l : beat.layers)
            l.visible = false;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string p = ptr + "/" + std::to_string(i);
            if (!v[i].is_string()) {
                c.error(p, "\"layers\" lists layer names (" + layerList() + ")");
                continue;
            }
            const int k = layerIndex(v[i].get<std::string>());
            if (k < 0)
                c.error(p, "unknown layer \"" + v[i].get<std::string>() + "\" (" + layerList() + ")");
            else
                beat.layers[static_cast<std::size_t>(k)].visible = true;
        }
        return;
    }
    if (!v.is_object()) {
        c.error(ptr, "\"layers\" must be a list of visible layers or an object of layer settings");
        return;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string p = ptr + "/" + it.key();
        const int k = layerIndex(it.key());
        if (k < 0) {
            c.error(p, "unknown layer \"" + it.key() + "\" (" + layerList() + ")");
            continue;
        }
        TourLayerSetting& l = beat.layers[static_cast<std::size_t>(k)];
        if (it->is_boolean()) {
            l.visible = it->get<bool>();
        } else if (it->is_object()) {
            c.unknownKeys(*it, p, {"visible", "opacity"}, "a layer setting");
            if (auto vis = it->find("visible"); vis != it->end()) {
                if (vis->is_boolean())
                    l.visible = vis->get<bool>();
                else
                    c.error(p + "/visible", "\"visible\" must be true or false");
            }
            double o = 0;
            if (c.number(*it, p, "opacity", 0, 1, o)) l.opacity = static_cast<float>(o);
        } else {
            c.error(p,
                    "layer \"" + it.key() + "\" must be true, false or {\"visible\": ..., \"opacity\": ...}");
        }
    }
}

void readBeat(JsonChecker& c, const json& b, const std::string& ptr, TourBeat& beat) {
    beat.line = c.line(ptr);
    if (!b.is_object()) {
        c.error(ptr, "a beat must be an object");
        return;
    }
    c.unknownKeys(b, ptr,
                  {"date", "from", "to", "camera", "layers", "labels", "color_by", "choropleth", "caption",
                   "transition", "hold", "note", "notes"},
                  "a beat");
    const bool hasDate = b.contains("date"), hasFrom = b.contains("from"), hasTo = b.contains("to");
    Day d = 0, f = 0, t = 0;
    if (hasDate && (hasFrom || hasTo)) {
        c.error(ptr + "/date", "a beat has either \"date\" or \"from\"/\"to\", not both");
    } else if (hasDate) {
        beat.dateLine = c.line(ptr + "/date");
        if (c.date(b, ptr, "date", d)) beat.from = beat.to = d;
    } else if (hasFrom || hasTo) {
        beat.dateLine = c.line(ptr + (hasFrom ? "/from" : "/to"));
        if (!hasFrom || !hasTo)
            c.error(ptr + (hasFrom ? "/from" : "/to"), "a date range needs both \"from\" and \"to\"");
        const bool okF = c.date(b, ptr, "from", f), okT = c.date(b, ptr, "to", t);
        if (okF && okT) {
            if (t < f) c.error(ptr + "/to", "\"to\" is before \"from\"");
            beat.from = f;
            beat.to = t;
        }
    } else {
        c.error(ptr, "a beat needs \"date\" (or \"from\" and \"to\")");
    }
    if (auto it = b.find("camera"); it != b.end()) {
        beat.cameraLine = c.line(ptr + "/camera");
        readCamera(c, *it, ptr + "/camera", beat);
    }
    if (auto it = b.find("layers"); it != b.end()) readLayers(c, *it, ptr + "/layers", beat);
    if (auto it = b.find("labels"); it != b.end()) {
        if (it->is_boolean())
            beat.labels = it->get<bool>();
        else
            c.error(ptr + "/labels", "\"labels\" must be true or false");
    }
    std::string colorBy;
    if (c.string(b, ptr, "color_by", colorBy)) {
        if (colorBy == "operator" || colorBy == "status" || colorBy == "precision")
            beat.colorBy = colorBy;
        else
            c.error(ptr + "/color_by",
                    "\"color_by\" must be operator, status or precision, not \"" + colorBy + "\"");
    }
    std::string choropleth;
    if (c.string(b, ptr, "choropleth", choropleth))
        beat.choropleth = choropleth == "none" ? std::string() : choropleth == "power-margin" ? "power_margin" : choropleth;
    if (auto it = b.find("caption"); it != b.end()) {
        const std::string p = ptr + "/caption";
        if (it->is_string())
            beat.captionText = it->get<std::string>();
        else if (it->is_object()) {
            c.unknownKeys(*it, p, {"title", "text"}, "a caption");
            c.string(*it, p, "title", beat.captionTitle);
            c.string(*it, p, "text", beat.captionText);
        } else {
            c.error(p, "\"caption\" must be a string or {\"title\": ..., \"text\": ...}");
        }
    }
    c.number(b, ptr, "transition", 0, kMaxPhaseSeconds, beat.transitionSeconds);
    c.number(b, ptr, "hold", 0, kMaxPhaseSeconds, beat.holdSeconds);
    c.paragraphs(b, ptr, "notes", beat.notes);
}

nlohmann::ordered_json cameraJson(const TourCamera& cam) {
    const bool plain =
        !cam.explicitTarget && !cam.distanceKm && !cam.headingDeg && !cam.tiltDeg && cam.zoom == 1.0;
    if (plain) return cam.view;
    nlohmann::ordered_json o;
    if (cam.explicitTarget) {
        o["lon"] = std::round(cam.lon * 1e6) / 1e6;
        o["lat"] = std::round(cam.lat * 1e6) / 1e6;
    } else {
        o["view"] = cam.view;
        if (cam.zoom != 1.0) o["zoom"] = cam.zoom;
    }
    if (cam.distanceKm) o["distance_km"] = std::round(*cam.distanceKm * 10) / 10;
    if (cam.headingDeg) o["heading"] = std::round(*cam.headingDeg * 10) / 10;
    if (cam.tiltDeg) o["tilt"] = std::round(*cam.tiltDeg * 10) / 10;
    return o;
}

} // namespace

const char* tourLayerName(int layer) {
    return layer >= 0 && layer < kTourLayerCount ? kLayerNames[layer] : "?";
}

double Tour::durationSeconds() const {
    double s = 0;
    for (const TourBeat& b : beats)
        s += b.transitionSeconds + b.holdSeconds;
    return s;
}

bool parseTour(std::string_view text, const std::string& display, Tour& out, Diagnostics& diag) {
    out = Tour{};
    out.file = display;
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        diag.error(display, 1, "file is empty"); // line 1: every problem names a line
        return false;
    }
    JsonDocument doc;
    JsonError jerr;
    if (!parseJsonDocument(text, doc, jerr)) {
        diag.error(display, jerr.line, jerr.message, jerr.column);
        return false;
    }
    JsonChecker c(doc, display, diag);
    const json& root = doc.root;
    if (!root.is_object()) {
        c.error("", "a tour must be a JSON object with \"format\": \"buildout-tour\" and \"beats\"");
        return false;
    }
    c.unknownKeys(root, "", {"format", "version", "title", "scenario", "description", "beats"}, "the tour");
    std::string format;
    if (!root.contains("format"))
        c.error("", "missing required key \"format\" (\"buildout-tour\")");
    else if (c.string(root, "", "format", format) && format != "buildout-tour")
        c.error("/format", "\"format\" must be \"buildout-tour\", not \"" + format + "\"");
    if (auto it = root.find("version"); it == root.end())
        c.error("", "missing required key \"version\"");
    else if (!it->is_number_integer() || it->get<long long>() != 1)
        c.error("/version", "unsupported \"version\" " + it->dump() + " (this build reads version 1)");
    c.string(root, "", "title", out.title);
    c.string(root, "", "scenario", out.scenarioId);
    std::string description;
    c.string(root, "", "description", description);

    auto beats = root.find("beats");
    if (beats == root.end())
        c.error("", "missing required key \"beats\"");
    else if (!beats->is_array())
        c.error("/beats", "\"beats\" must be a list of beats");
    else if (beats->empty())
        c.error("/beats", "\"beats\" is empty: a tour needs at least one beat");
    else if (beats->size() > 10000)
        c.error("/beats", "too many beats (at most 10000)");
    else {
        out.beats.resize(beats->size());
        for (std::size_t i = 0; i < beats->size(); ++i)
            readBeat(c, (*beats)[i], "/beats/" + std::to_string(i), out.beats[i]);
        if (c.ok() && out.durationSeconds() <= 0)
            c.error("/beats", "the tour lasts 0 seconds: give beats a \"hold\" or \"transition\"");
    }
    return c.ok();
}

bool loadTour(const std::string& path, Tour& out, Diagnostics& diag) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        diag.error(path, 0, std::filesystem::exists(path, ec) ? "not a file" : "no such tour file");
        return false;
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > 16u * 1024u * 1024u) {
        diag.error(path, 1, ec ? "cannot read the file" : "file is too large for a tour (over 16 MiB)");
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diag.error(path, 1, "cannot open the file");
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return parseTour(ss.str(), path, out, diag);
}

std::string tourToJson(const Tour& tour) {
    using oj = nlohmann::ordered_json;
    oj root;
    root["format"] = "buildout-tour";
    root["version"] = 1;
    if (!tour.title.empty()) root["title"] = tour.title;
    if (!tour.scenarioId.empty()) root["scenario"] = tour.scenarioId;
    oj beats = oj::array();
    for (const TourBeat& b : tour.beats) {
        oj j;
        const Day from = static_cast<Day>(std::floor(b.from)), to = static_cast<Day>(std::floor(b.to));
        if (from == to)
            j["date"] = formatDate(from);
        else {
            j["from"] = formatDate(from);
            j["to"] = formatDate(to);
        }
        if (b.camera) j["camera"] = cameraJson(*b.camera);
        oj layers = oj::object();
        bool anyLayer = false;
        for (int k = 0; k < kTourLayerCount; ++k) {
            const TourLayerSetting& l = b.layers[static_cast<std::size_t>(k)];
            if (!l.visible && !l.opacity) continue;
            anyLayer = true;
            if (l.opacity) {
                oj o;
                if (l.visible) o["visible"] = *l.visible;
                o["opacity"] = std::round(static_cast<double>(*l.opacity) * 100) / 100;
                layers[kLayerNames[k]] = o;
            } else {
                layers[kLayerNames[k]] = *l.visible;
            }
        }
        if (anyLayer) j["layers"] = layers;
        if (b.labels) j["labels"] = *b.labels;
        if (b.colorBy) j["color_by"] = *b.colorBy;
        if (b.choropleth) j["choropleth"] = b.choropleth->empty() ? std::string("none") : *b.choropleth;
        if (!b.captionTitle.empty())
            j["caption"] = oj{{"title", b.captionTitle}, {"text", b.captionText}};
        else if (!b.captionText.empty())
            j["caption"] = b.captionText;
        j["transition"] = b.transitionSeconds;
        j["hold"] = b.holdSeconds;
        if (!b.notes.empty()) j["notes"] = b.notes;
        beats.push_back(j);
    }
    root["beats"] = beats;
    return root.dump(2) + "\n";
}

bool saveTour(const Tour& tour, const std::string& path, std::string* why) {
    return writeFileAtomically(path, tourToJson(tour), why);
}

double easeInOut(double u) {
    u = std::clamp(u, 0.0, 1.0);
    return u * u * (3.0 - 2.0 * u);
}

TourPosition evaluateTour(const Tour& tour, double seconds) {
    TourPosition pos;
    if (tour.beats.empty()) {
        pos.beat = -1;
        return pos;
    }
    double start = 0;
    for (std::size_t i = 0; i < tour.beats.size(); ++i) {
        const TourBeat& b = tour.beats[i];
        const TimeDays prevTo = i == 0 ? b.from : tour.beats[i - 1].to;
        pos.beat = static_cast<int>(i);
        if (b.transitionSeconds > 0 && seconds < start + b.transitionSeconds) {
            pos.transition = true;
            pos.progress = std::clamp((seconds - start) / b.transitionSeconds, 0.0, 1.0);
            pos.time = prevTo + (b.from - prevTo) * easeInOut(pos.progress);
            return pos;
        }
        start += b.transitionSeconds;
        if (b.holdSeconds > 0 && seconds < start + b.holdSeconds) {
            pos.transition = false;
            pos.progress = std::clamp((seconds - start) / b.holdSeconds, 0.0, 1.0);
            pos.time = b.from + (b.to - b.from) * pos.progress;
            return pos;
        }
        start += b.holdSeconds;
    }
    // At or past the end: the last beat's hold, finished.
    const TourBeat& last = tour.beats.back();
    pos.beat = static_cast<int>(tour.beats.size()) - 1;
    pos.transition = last.holdSeconds <= 0;
    pos.progress = 1.0;
    pos.time = last.to;
    return pos;
}

std::uint64_t fnv1a64(const void* data, std::size_t size, std::uint64_t h) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

std::string hex64(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

} // namespace buildout
