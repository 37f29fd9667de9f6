// The scenario model: everything a scenario folder holds once loaded and validated (spec v1).
//
// A Scenario is an immutable value after loading: safe to read from several threads. Geometry is kept
// both in lon/lat (as given) and on the map plane (metres in the manifest's CRS, projected once at load).
#pragma once

#include "basemap.h"
#include "capacity_basis.h"
#include "date.h"
#include "geometry.h"
#include "lifecycle.h"
#include "region_groups.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace buildout {

/// The kinds of things a scenario places on the map, plus basemap regions (which series can target).
enum class EntityKind : unsigned char { Datacenter, PowerPlant, Transmission, Supercluster, Zone, Region };
inline constexpr int kMapKindCount = 5; ///< kinds with a lifecycle (all but Region)
/// Layer kind names as in the manifest: `datacenters`, `power_plants`, `transmission`, `superclusters`,
/// `zones`; `regions` for Region.
const char* kindName(EntityKind kind);

enum class Fuel : unsigned char { Nuclear, Gas, Coal, Oil, Solar, Wind, Hydro, Storage, Geothermal, Fusion, Other };
inline constexpr int kFuelCount = 11;
const char* fuelName(Fuel fuel);

enum class LocationPrecision : unsigned char { Exact, Approximate };
enum class Current : unsigned char { AC, HVDC };
enum class Interpolation : unsigned char { Step, Linear };

inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
inline bool isKnown(double v) { return !std::isnan(v); }

/// Where an entity was defined: index into Scenario::files and the 1-based line (or GeoJSON feature line).
struct Origin {
    int file = -1;
    int line = 0;
};

struct Attribute {
    std::string key; ///< column name as written in the file
    std::string value;
};

/// Fields every placed entity has.
struct EntityBase {
    std::string id;
    std::string name;   ///< empty when not given
    std::string source; ///< URL or citation
    Lifecycle life;
    double capacityMw = kUnknown; ///< nameplate MW; NaN = unknown (not zero)
    int capacitySeries = -1;      ///< index into Scenario::series of a `capacity_mw` series, or -1
    Origin origin;
    std::vector<Attribute> attributes; ///< columns the kind does not define, in file order
    const std::string& label() const { return name.empty() ? id : name; }
};

struct Datacenter : EntityBase {
    std::string operatorName;
    LonLat position;
    glm::dvec2 xy{0, 0};
    LocationPrecision precision = LocationPrecision::Exact;
    int region = -1; ///< basemap region index (point-in-polygon), -1 when outside every region
    CapacityBasis basis = CapacityBasis::Unstated; ///< what capacity_mw measures (capacity_basis.h)
};

struct PowerPlant : EntityBase {
    std::string owner;
    Fuel fuel = Fuel::Other;
    LonLat position;
    glm::dvec2 xy{0, 0};
    LocationPrecision precision = LocationPrecision::Exact;
    int region = -1;
    std::vector<int> serves; ///< datacenter indices
};

struct TransmissionLine : EntityBase {
    double kv = 0;
    Current current = Current::AC;
    std::vector<std::vector<LonLat>> paths; ///< one polyline per part (MultiLineString)
    std::vector<std::vector<glm::dvec2>> pathsXY;
};

struct Supercluster : EntityBase {
    std::vector<int> members;   ///< datacenter indices
    double compute = kUnknown;  ///< any unit (e.g. H100-equivalents); NaN = unknown
    int computeSeries = -1;     ///< index of a `compute` series for this cluster, or -1
};

struct Zone : EntityBase {
    std::string zoneKind; ///< the `kind` column (free text, e.g. "DOE site")
    Day designated = kNoDay;
    std::vector<Polygon> polygons;
    std::vector<PolygonXY> polygonsXY;
};

struct EntityRef {
    EntityKind kind = EntityKind::Datacenter;
    int index = -1;
};

struct SeriesSample {
    TimeDays t = 0;
    double value = 0;
};

/// The value of one metric of one entity or region over time, samples sorted by time.
struct Series {
    std::string targetId;
    EntityRef target;
    std::string metric;
    Interpolation interpolation = Interpolation::Step;
    std::vector<SeriesSample> samples;
    /// Step: the latest sample at or before t; linear: interpolated between neighbours. Before the first
    /// sample the first value holds, after the last the last.
    double valueAt(TimeDays t) const;
};

struct MetricDef {
    std::string name;
    std::string unit;
    Interpolation interpolation = Interpolation::Step;
};

struct ScenarioEvent {
    Day date = 0;
    std::string title;
    std::string text;
    std::vector<std::string> focus; ///< ids of entities or regions
    std::string notes;              ///< speaker notes: shown in the presenter view only, never exported
    int line = 0;
};

struct SourceInfo {
    std::string id, title, url;
};

struct Manifest {
    std::string id, title, description;
    Day start = 0, end = 0; ///< inclusive scenario range
    Day asOf = kNoDay;      ///< when the data was current; kNoDay when not given
    std::string basemap = "us-states";
    int basemapLine = 1; ///< manifest line of "map.basemap", for errors about it (1 when not given)
    std::string crs = "EPSG:5070";
    std::vector<MetricDef> metrics;
    std::vector<ScenarioEvent> events;
    std::vector<SourceInfo> sources;
    CapacityAssumptions assumptions; ///< the optional "assumptions" object (e.g. a PUE)
    const MetricDef* metric(const std::string& name) const;
};

struct Scenario {
    std::string directory;          ///< the folder as given by the user
    std::vector<std::string> files; ///< files read, as displayed in diagnostics (manifest first)
    std::uint64_t contentHash = 0;  ///< FNV-1a over the bytes of every file read, basemap included
    Manifest manifest;
    std::shared_ptr<const Basemap> basemap;

    std::vector<Datacenter> datacenters;
    std::vector<PowerPlant> powerPlants;
    std::vector<TransmissionLine> lines;
    std::vector<Supercluster> superclusters;
    std::vector<Zone> zones;
    std::vector<Series> series;
    /// Region groups (manifest `region_groups`) and the series whose `id` is a group id (target unused).
    RegionGroupSet regionGroups;
    std::vector<Series> groupSeries;

    /// Map-plane bounds of everything placed (not the basemap).
    BoxXY contentBounds;

    /// Looks an id up in one kind; -1 when absent.
    int find(EntityKind kind, const std::string& id) const;
    /// The entity base of a placed entity (not Region).
    const EntityBase& entity(EntityRef ref) const;
    /// Capacity in MW at t: the `capacity_mw` series when present, else the nameplate (NaN = unknown).
    double capacityAt(const EntityBase& e, TimeDays t) const;

    // Id lookup tables, one per kind (built by the loader).
    std::unordered_map<std::string, int> idIndex[kMapKindCount];
};

} // namespace buildout
