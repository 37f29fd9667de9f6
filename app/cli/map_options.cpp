// Parsing of the map options shared by the rendering commands.
#include "app/cli/map_options.h"

#include "core/scenario_loader.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace buildout {

namespace fs = std::filesystem;

ImageSize parseImageSize(const std::string& text) {
    ImageSize s;
    char x = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c", &s.width, &x, &s.height, &extra) != 3 || (x != 'x' && x != 'X'))
        throw UsageError("bad --size '" + text + "' (expected WxH, e.g. 1920x1080)");
    if (s.width < 16 || s.height < 16 || s.width > 16384 || s.height > 16384)
        throw UsageError("--size " + text + " out of range (16..16384 per side)");
    return s;
}

void declareMapOptions(CliArgs& args) {
    args.text("layers", "LIST", "show only these layers: basemap,datacenters,power_plants,transmission,superclusters,zones")
        .flag("no-labels", "draw no place or site labels")
        .choice("color-by", {"operator", "status", "precision"}, "datacenter colours", "status")
        .text("choropleth", "METRIC|power-margin",
              "shade zones by this series metric, or regions by their power margin (docs/power-balance.md)");
}

void declareCompareOptions(CliArgs& args) {
    args.text("compare", "DIR", "a second scenario drawn with the first (docs/comparison.md)")
        .text("compare-mode", "side|swipe|diff", "how the two are drawn", "side") // checked by parseCompareOptions
        .text("swipe", "0..1", "the swipe divider's position across the frame", "0.5");
}

void applyMapOptions(const CliArgs& args, MapSettings& m) {
    if (auto layers = args.value("layers")) {
        LayerSettings* all[] = {&m.basemap, &m.datacenters, &m.powerPlants, &m.transmission, &m.superclusters, &m.zones};
        for (LayerSettings* l : all) l->visible = false;
        std::stringstream ss(*layers);
        std::string name;
        while (std::getline(ss, name, ',')) {
            if (name == "basemap") m.basemap.visible = true;
            else if (name == "datacenters") m.datacenters.visible = true;
            else if (name == "power_plants") m.powerPlants.visible = true;
            else if (name == "transmission") m.transmission.visible = true;
            else if (name == "superclusters") m.superclusters.visible = true;
            else if (name == "zones") m.zones.visible = true;
            else if (!name.empty())
                throw UsageError("unknown layer '" + name +
                                 "' in --layers (basemap, datacenters, power_plants, transmission, superclusters, zones)");
        }
    }
    if (args.flag("no-labels")) m.labels = false;
    if (auto c = args.value("color-by")) {
        if (*c == "operator") m.datacenterColor = ColorBy::Operator;
        else if (*c == "status") m.datacenterColor = ColorBy::Status;
        else if (*c == "precision") m.datacenterColor = ColorBy::Precision;
        else throw UsageError("--color-by must be operator, status or precision");
    }
    if (auto c = args.value("choropleth")) m.choroplethMetric = *c == "power-margin" ? "power_margin" : *c;
}

std::optional<CompareOptions> parseCompareOptions(const CliArgs& args) {
    const auto path = args.value("compare");
    if (!path) {
        if (args.value("compare-mode") || args.value("swipe")) throw UsageError("--compare-mode and --swipe need --compare DIR");
        return std::nullopt;
    }
    CompareOptions o;
    o.path = *path;
    if (auto m = args.value("compare-mode")) {
        auto mode = parseCompareMode(*m);
        if (!mode) throw UsageError("unknown --compare-mode '" + *m + "' (side, swipe, diff)");
        o.view.mode = *mode;
    }
    if (auto sw = args.value("swipe")) {
        char* end = nullptr;
        const double v = std::strtod(sw->c_str(), &end);
        if (end == sw->c_str() || *end != '\0' || !(v >= 0.0 && v <= 1.0))
            throw UsageError("--swipe must be a number from 0 to 1 (the divider's position across the frame)");
        o.view.swipe = static_cast<float>(v);
    }
    return o;
}

std::shared_ptr<const Scenario> loadComparisonScenario(const std::string& path) {
    if (!fs::is_directory(path)) {
        std::cerr << "buildout: error: comparison scenario '" << path << "' is not a folder\n";
        return nullptr;
    }
    LoadResult loaded = loadScenario(path);
    for (const Diagnostic& d : loaded.diagnostics.items()) std::cerr << formatDiagnostic(d) << "\n";
    if (!loaded.scenario) std::cerr << "buildout: error: comparison scenario '" << path << "' could not be loaded\n";
    return loaded.scenario;
}

} // namespace buildout
