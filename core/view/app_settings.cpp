// Settings persistence with nlohmann-json.
#include "core/view/app_settings.h"

#include "core/output_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace buildout {

namespace fs = std::filesystem;
using nlohmann::json;

std::string settingsPath() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    fs::path base = xdg && *xdg ? fs::path(xdg) : fs::path(home ? home : ".") / ".config";
    return (base / "buildout" / "settings.json").string();
}

namespace {
json layerJson(const LayerSettings& l) { return {{"visible", l.visible}, {"opacity", l.opacity}}; }

// Typed readers: a value of the wrong type keeps the default, a number is clamped to [lo, hi] before it is
// converted (nlohmann's own conversion of 1e30 to int is undefined behaviour). The file is untrusted.
double readNumber(const json& j, const char* key, double fallback, double lo, double hi) {
    if (!j.is_object()) return fallback;
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return fallback;
    const double v = it->get<double>();
    return v != v ? fallback : std::clamp(v, lo, hi);
}
int readInt(const json& j, const char* key, int fallback, int lo, int hi) {
    return static_cast<int>(readNumber(j, key, fallback, lo, hi));
}
bool readBool(const json& j, const char* key, bool fallback) {
    if (!j.is_object()) return fallback;
    const auto it = j.find(key);
    return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}
void readLayer(const json& layers, const char* key, LayerSettings& l) {
    if (!layers.is_object()) return;
    const auto it = layers.find(key);
    if (it == layers.end() || !it->is_object()) return;
    l.visible = readBool(*it, "visible", l.visible);
    l.opacity = static_cast<float>(readNumber(*it, "opacity", l.opacity, 0.0, 1.0));
}
} // namespace

AppSettings loadAppSettings(const std::string& path, std::string& warning) {
    AppSettings s;
    std::error_code ec;
    if (!fs::exists(path, ec)) return s;
    try {
        std::ifstream in(path);
        const json j = json::parse(in);
        AppSettings r;
        if (!j.is_object()) throw std::runtime_error("not a JSON object");
        r.windowWidth = readInt(j, "window_width", r.windowWidth, 640, 16384);
        r.windowHeight = readInt(j, "window_height", r.windowHeight, 400, 16384);
        if (j.contains("layers")) {
            const json& l = j.at("layers");
            readLayer(l, "datacenters", r.map.datacenters);
            readLayer(l, "power_plants", r.map.powerPlants);
            readLayer(l, "transmission", r.map.transmission);
            readLayer(l, "superclusters", r.map.superclusters);
            readLayer(l, "zones", r.map.zones);
            readLayer(l, "basemap", r.map.basemap);
        }
        r.map.labels = readBool(j, "labels", r.map.labels);
        r.map.maxLabels = readInt(j, "max_labels", r.map.maxLabels, 0, 100);
        r.map.datacenterColor = static_cast<ColorBy>(readInt(j, "color_by", 0, 0, 2));
        if (j.contains("screenshot_folder") && j.at("screenshot_folder").is_string())
            r.screenshotFolder = j.at("screenshot_folder").get<std::string>();
        if (j.contains("recent") && j.at("recent").is_array())
            for (const auto& v : j.at("recent"))
                if (v.is_string() && r.recent.size() < 8) r.recent.push_back(v.get<std::string>());
        return r;
    } catch (const std::exception& e) {
        warning = "settings file " + path + " is unreadable and was ignored (" + e.what() + ")";
        return s;
    }
}

bool saveAppSettings(const AppSettings& s, const std::string& path, std::string& why) {
    json j;
    j["window_width"] = s.windowWidth;
    j["window_height"] = s.windowHeight;
    j["layers"] = {{"datacenters", layerJson(s.map.datacenters)},   {"power_plants", layerJson(s.map.powerPlants)},
                   {"transmission", layerJson(s.map.transmission)}, {"superclusters", layerJson(s.map.superclusters)},
                   {"zones", layerJson(s.map.zones)},               {"basemap", layerJson(s.map.basemap)}};
    j["labels"] = s.map.labels;
    j["max_labels"] = s.map.maxLabels;
    j["color_by"] = static_cast<int>(s.map.datacenterColor);
    j["recent"] = s.recent;
    j["screenshot_folder"] = s.screenshotFolder;
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    // Paths need not be UTF-8 on Linux: replace invalid bytes rather than throw.
    return writeFileAtomically(path, j.dump(2, ' ', false, json::error_handler_t::replace) + "\n", &why);
}

void addRecent(AppSettings& s, const std::string& p) {
    s.recent.erase(std::remove(s.recent.begin(), s.recent.end(), p), s.recent.end());
    s.recent.insert(s.recent.begin(), p);
    if (s.recent.size() > 8) s.recent.resize(8);
}

} // namespace buildout
