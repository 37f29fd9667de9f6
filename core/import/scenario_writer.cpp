// Scenario folder writing for `buildout import`.
#include "core/import/scenario_writer.h"

#include "core/scenario_loader.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace buildout {

namespace fs = std::filesystem;

namespace {

/// Writes `bytes` to `path` through a temporary name in the same folder; the rename happens only after a
/// checked write and close.
void writeAtomically(const fs::path& path, const std::string& bytes) {
    const fs::path tmp = path.string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw std::runtime_error(path.string() + ": error: cannot write");
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw std::runtime_error(path.string() + ": error: cannot rename into place: " + ec.message());
    }
}

std::string csvCell(const std::string& v) {
    if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
    std::string q = "\"";
    for (char c : v)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string stemOf(const std::string& file) {
    std::string s = normalizeWord(fs::path(file).stem().string());
    return s.empty() ? "table" : s;
}

/// A layer file name not yet used in `dir` (nor named in `manifest`).
std::string freeLayerName(const fs::path& dir, const std::string& base,
                          const nlohmann::ordered_json& manifest) {
    auto used = [&](const std::string& name) {
        if (fs::exists(dir / name)) return true;
        for (const auto& l : manifest.value("layers", nlohmann::ordered_json::array()))
            if (l.is_object() && l.value("file", "") == name) return true;
        return false;
    };
    std::string name = base + ".csv";
    for (int n = 2; used(name); ++n)
        name = base + "_" + std::to_string(n) + ".csv";
    return name;
}

nlohmann::ordered_json newManifest(const fs::path& dir, const ImportedLayer& layer,
                                   const LayerSource& source) {
    std::string id = normalizeWord(fs::absolute(dir).lexically_normal().filename().string());
    for (char& c : id)
        if (c == '_') c = '-';
    const int start = layer.minYear ? std::min(layer.minYear, 2020) : 2020;
    const int end = std::max(layer.maxYear + 1, 2035);
    return {{"format", "buildout-scenario"},
            {"version", 1},
            {"id", id.empty() ? "imported" : id},
            {"title", "Imported from " + source.tableFile},
            {"description", "Made by `buildout import` from " + source.tableFile + "."},
            {"time", {{"start", std::to_string(start)}, {"end", std::to_string(end) + "-12-31"}}},
            {"map", {{"basemap", "us-states"}, {"crs", "EPSG:5070"}}},
            {"metrics", {{"capacity_mw", {{"unit", "MW"}, {"interpolation", "step"}}}}},
            {"layers", nlohmann::ordered_json::array()},
            {"sources", nlohmann::ordered_json::array()}};
}

/// The manifest's record of where the layer came from.
nlohmann::ordered_json sourceEntry(const std::string& layerFile, const LayerSource& source) {
    nlohmann::ordered_json s = {
        {"id", fs::path(layerFile).stem().string()},
        {"title", source.attribution.empty() ? source.tableFile : source.attribution},
        {"note", "imported by buildout import from " + source.tableFile + " into " + layerFile}};
    if (!source.attribution.empty()) s["publisher"] = source.attribution;
    return s;
}

} // namespace

std::string toCsv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::ostringstream out;
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i)
            out << (i ? "," : "") << csvCell(cells[i]);
        out << "\n";
    };
    line(header);
    for (const auto& r : rows)
        line(r);
    return out.str();
}

std::set<std::string> existingIds(const std::string& dir, ImportKind kind) {
    std::set<std::string> ids;
    if (!fs::exists(fs::path(dir) / "scenario.json")) return ids;
    const LoadResult r = loadScenario(dir);
    if (!r.scenario)
        throw std::runtime_error(dir + ": error: the scenario there does not load (run `buildout validate " +
                                 dir + "`); fix it before adding a layer");
    if (kind == ImportKind::Datacenters)
        for (const auto& e : r.scenario->datacenters)
            ids.insert(e.id);
    if (kind == ImportKind::PowerPlants)
        for (const auto& e : r.scenario->powerPlants)
            ids.insert(e.id);
    if (kind == ImportKind::Transmission)
        for (const auto& e : r.scenario->lines)
            ids.insert(e.id);
    return ids;
}

std::string writeImportedLayer(const std::string& dirText, ImportKind kind, const ImportedLayer& layer,
                               const LayerSource& source, bool& createdFolder) {
    const fs::path dir(dirText);
    const fs::path manifestPath = dir / "scenario.json";
    const std::string base = stemOf(source.tableFile) + "_" + importKindName(kind);
    const std::string csv = toCsv(layer.header, layer.rows);
    std::error_code ec;
    if (fs::exists(manifestPath)) {
        // An existing scenario: the layer goes next to the others, then the manifest names it.
        std::ifstream in(manifestPath);
        nlohmann::ordered_json m = nlohmann::ordered_json::parse(in, nullptr, false);
        if (m.is_discarded() || !m.is_object())
            throw std::runtime_error(manifestPath.string() + ": error: not JSON");
        const std::string file = freeLayerName(dir, base, m);
        writeAtomically(dir / file, csv);
        m["layers"].push_back({{"kind", importKindName(kind)}, {"file", file}});
        if (!m.contains("sources")) m["sources"] = nlohmann::ordered_json::array();
        m["sources"].push_back(sourceEntry(file, source));
        writeAtomically(manifestPath, m.dump(2) + "\n");
        createdFolder = false;
        return file;
    }
    if (fs::exists(dir) && !(fs::is_directory(dir) && fs::is_empty(dir)))
        throw std::runtime_error(dirText + ": error: exists and is not a scenario folder (no scenario.json)");
    // A new scenario: built complete under a temporary name beside it, then renamed into place.
    nlohmann::ordered_json m = newManifest(dir, layer, source);
    const std::string file = base + ".csv";
    m["layers"].push_back({{"kind", importKindName(kind)}, {"file", file}});
    m["sources"].push_back(sourceEntry(file, source));
    const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
    const fs::path tmp = parent / (dir.filename().string() + ".import-tmp-" + std::to_string(::getpid()));
    fs::remove_all(tmp, ec);
    if (!fs::create_directories(tmp, ec) || ec)
        throw std::runtime_error(dirText + ": error: cannot create the folder: " + ec.message());
    try {
        writeAtomically(tmp / file, csv);
        writeAtomically(tmp / "scenario.json", m.dump(2) + "\n");
        if (fs::exists(dir)) fs::remove(dir); // the empty folder it replaces
        fs::rename(tmp, dir);
    } catch (...) {
        fs::remove_all(tmp, ec);
        throw;
    }
    createdFolder = true;
    return file;
}

} // namespace buildout
