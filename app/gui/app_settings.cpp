// Settings persistence with nlohmann-json.
#include "app/gui/app_settings.h"

#include "core/output_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

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
void readLayer(const json& j, const char* key, LayerSettings& l) {
    if (!j.contains(key) || !j[key].is_object()) return;
    l.visible = j[key].value("visible", l.visible);
    l.opacity = std::clamp(j[key].value("opacity", l.opacity), 0.0f, 1.0f);
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
        r.windowWidth = std::clamp(j.value("window_width", r.windowWidth), 640, 16384);
        r.windowHeight = std::clamp(j.value("window_height", r.windowHeight), 400, 16384);
        if (j.contains("layers")) {
            const json& l = j["layers"];
            readLayer(l, "datacenters", r.map.datacenters);
            readLayer(l, "power_plants", r.map.powerPlants);
            readLayer(l, "transmission", r.map.transmission);
            readLayer(l, "superclusters", r.map.superclusters);
            readLayer(l, "zones", r.map.zones);
            readLayer(l, "basemap", r.map.basemap);
        }
        r.map.labels = j.value("labels", r.map.labels);
        r.map.maxLabels = std::clamp(j.value("max_labels", r.map.maxLabels), 0, 100);
        r.map.datacenterColor = static_cast<ColorBy>(std::clamp(j.value("color_by", 0), 0, 2));
        if (j.contains("screenshot_folder") && j["screenshot_folder"].is_string())
            r.screenshotFolder = j["screenshot_folder"].get<std::string>();
        if (j.contains("recent") && j["recent"].is_array())
            for (const auto& v : j["recent"])
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
    return writeFileAtomically(path, j.dump(2) + "\n", &why);
}

void addRecent(AppSettings& s, const std::string& p) {
    s.recent.erase(std::remove(s.recent.begin(), s.recent.end(), p), s.recent.end());
    s.recent.insert(s.recent.begin(), p);
    if (s.recent.size() > 8) s.recent.resize(8);
}

} // namespace buildout
