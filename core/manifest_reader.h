// Reads and checks scenario.json (spec "Layout"); layer files are read separately.
#pragma once

#include "diagnostics.h"
#include "scenario.h"

#include <string>
#include <vector>

namespace buildout {

enum class LayerKind { Datacenters, PowerPlants, Transmission, Superclusters, Zones, Series };
const char* layerKindName(LayerKind kind);

struct LayerEntry {
    LayerKind kind = LayerKind::Datacenters;
    std::string file;     ///< as written in the manifest (relative to the scenario folder)
    std::string resolved; ///< absolute path, checked to stay inside the folder
    int line = 0;         ///< manifest line of the entry
};

struct ManifestReadResult {
    bool ok = false;
    Manifest manifest;
    std::vector<LayerEntry> layers;
    std::string basemapFile; ///< resolved path when map.basemap is a file, else empty
    /// Event focus ids with their manifest line, checked once the entities are known.
    std::vector<std::pair<std::string, int>> focusIds;
    /// `region_groups`: inline groups (resolved against the basemap by the loader), or the name of a
    /// groups file shipped with the built-in basemap (`regionGroupsName`, at manifest line regionGroupsLine).
    RegionGroupSet regionGroups;
    std::string regionGroupsName;
    int regionGroupsLine = 0;
};

/// `text` is the manifest's content, `display` its name in messages, `folder` the scenario folder.
ManifestReadResult readManifest(const std::string& text, const std::string& display, const std::string& folder,
                                Diagnostics& diag);

} // namespace buildout
