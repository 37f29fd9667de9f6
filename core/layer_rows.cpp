// Cell-level parsing and checks for every layer kind.
#include "layer_rows.h"

#include "huge_pages.h"
#include "table_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <optional>
#include <set>

namespace buildout {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// Strict finite number: the whole (trimmed) cell must be a decimal number. No NaN, inf or overflow.
bool parseNumber(std::string_view s, double& out, std::string& why) {
    s = trim(s);
    if (s.empty()) {
        why = "empty";
        return false;
    }
    if (s.front() == '+') s.remove_prefix(1);
    const auto res = std::from_chars(s.data(), s.data() + s.size(), out);
    if (res.ec == std::errc::result_out_of_range) {
        why = "number out of range";
        return false;
    }
    if (res.ec != std::errc() || res.ptr != s.data() + s.size()) {
        why = "not a number";
        return false;
    }
    if (!std::isfinite(out)) {
        why = "not a finite number";
        return false;
    }
    return true;
}

std::vector<std::string> splitIds(std::string_view s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find(';', start);
        if (end == std::string_view::npos) end = s.size();
        std::string_view part = trim(s.substr(start, end - start));
        if (!part.empty()) out.emplace_back(part);
        start = end + 1;
    }
    return out;
}

/// Columns each kind defines; everything else becomes an attribute.
const std::set<std::string>& definedColumns(LayerKind kind) {
    static const std::set<std::string> kLife = {"announced", "permitted", "construction", "online",
                                                "retired",   "cancelled", "status"};
    auto with = [&](std::initializer_list<const char*> cols) {
        std::set<std::string> s(kLife);
        for (const char* c : cols) s.insert(c);
        return s;
    };
    static const std::set<std::string> kDc = with({"id", "name", "operator", "lat", "lon", "capacity_mw",
                                                   "location_precision", "source", "capacity_basis"});
    static const std::set<std::string> kPp = with({"id", "name", "owner", "fuel", "lat", "lon", "capacity_mw",
                                                   "serves", "location_precision", "source"});
    static const std::set<std::string> kTx = with({"id", "name", "kv", "capacity_mw", "current", "from_lat",
                                                   "from_lon", "to_lat", "to_lon", "source"});
    static const std::set<std::string> kSc = with({"id", "name", "members", "compute", "source"});
    static const std::set<std::string> kZn = with({"id", "name", "designated", "kind", "source"});
    static const std::set<std::string> kSe = {"id", "date", "metric", "value", "source"};
    switch (kind) {
    case LayerKind::Datacenters: return kDc;
    case LayerKind::PowerPlants: return kPp;
    case LayerKind::Transmission: return kTx;
    case LayerKind::Superclusters: return kSc;
    case LayerKind::Zones: return kZn;
    case LayerKind::Series: return kSe;
    }
    return kSe;
}

// One line per group reads better than one name per line.
// clang-format off
/// The columns that layer kinds define. The first Lifecycle::kStageCount follow Lifecycle's stage order.
enum class Col {
    Announced, Permitted, Construction, Online, Retired, Cancelled, // stage dates
    Status, Id, Name, Source, Operator, Owner, Fuel, Lat, Lon, CapacityMw, LocationPrecision, Serves, Kv,
    Current, FromLat, FromLon, ToLat, ToLon, Members, Compute, Designated, Kind, Date, Metric, Value,
    CapacityBasis, Count
};
constexpr std::size_t kColCount = static_cast<std::size_t>(Col::Count);
static_assert(static_cast<int>(Col::Status) == Lifecycle::kStageCount);

/// Lower-case names of the columns after the stages (whose names come from Lifecycle::stageColumn).
constexpr const char* kNamesAfterStages[] = {
    "status", "id", "name", "source", "operator", "owner", "fuel", "lat", "lon", "capacity_mw",
    "location_precision", "serves", "kv", "current", "from_lat", "from_lon", "to_lat", "to_lon",
    "members", "compute", "designated", "kind", "date", "metric", "value", "capacity_basis"};
// clang-format on
static_assert(std::size(kNamesAfterStages) == kColCount - Lifecycle::kStageCount);

Col stageCol(int stage) {
    return static_cast<Col>(stage);
}

/// Header indices of one file's columns, found once per file: looking each cell's column up by name cost
/// a quarter of a large load (docs/benchmarks.md).
struct ResolvedColumns {
    std::array<int, kColCount> index{}; ///< by Col; -1 when the file has no such column
    std::vector<int> attributes;        ///< columns the layer kind does not define, in file order

    ResolvedColumns(const TableHeader& h, LayerKind kind) {
        for (int s = 0; s < Lifecycle::kStageCount; ++s)
            index[static_cast<std::size_t>(s)] = h.find(Lifecycle::stageColumn(s));
        for (std::size_t i = Lifecycle::kStageCount; i < kColCount; ++i)
            index[i] = h.find(kNamesAfterStages[i - Lifecycle::kStageCount]);
        const auto& defined = definedColumns(kind);
        for (std::size_t i = 0; i < h.lowerColumns.size(); ++i)
            if (!defined.count(h.lowerColumns[i])) attributes.push_back(static_cast<int>(i));
    }
    int operator[](Col c) const { return index[static_cast<std::size_t>(c)]; }
};

/// Reads the cells of one row, reporting problems with the row's line and the cell's column.
class Cells {
public:
    Cells(const TableRow& row, const TableHeader& header, const ResolvedColumns& cols, LayerReadContext& ctx)
        : row_(row), header_(header), cols_(cols), ctx_(ctx) {}

    int line() const { return row_.line; }
    const TableGeometry& geometry() const { return row_.geometry(); }
    /// True once any cell of the row had an error: the row's entity must not be added.
    bool failed() const { return failed_; }

    void error(int col, const std::string& msg) {
        ctx_.diag.error(ctx_.display, row_.line, msg, col >= 0 && ctx_.csvColumns ? col + 1 : 0);
        failed_ = true;
    }
    void warning(int col, const std::string& msg) {
        ctx_.diag.warning(ctx_.display, row_.line, msg, col >= 0 && ctx_.csvColumns ? col + 1 : 0);
    }

    int col(Col c) const { return cols_[c]; }
    std::string text(Col name) const {
        const int c = col(name);
        return c < 0 ? std::string() : std::string(trim(row_.field(c)));
    }

    /// Required non-empty id.
    std::string id() {
        std::string v = text(Col::Id);
        if (v.empty()) error(col(Col::Id), "missing id");
        return v;
    }

    static constexpr double kMaxCellValue = 1e12;

    /// Optional number; NaN when empty. `minValue` bounds it from below.
    double number(Col name, double minValue, const char* what) {
        const int c = col(name);
        if (c < 0) return kUnknown;
        const std::string_view cell = trim(row_.field(c));
        if (cell.empty()) return kUnknown;
        double v;
        std::string why;
        if (!parseNumber(cell, v, why)) {
            error(c, std::string("bad ") + what + " '" + std::string(cell) + "': " + why);
            return kUnknown;
        }
        if (v < minValue) {
            error(c, std::string(what) + " must not be negative (" + std::string(cell) + ")");
            return kUnknown;
        }
        // No real plant, line or cluster comes near 1e12 (MW, kV or H100e); far larger values would turn
        // totals into infinity. docs/security.md states the bound.
        if (v > kMaxCellValue) {
            error(c, std::string(what) + " '" + std::string(cell) + "' is implausibly large (limit 1e12)");
            return kUnknown;
        }
        return v;
    }

    Day date(Col name) {
        const int c = col(name);
        if (c < 0) return kNoDay;
        std::string_view cell = row_.field(c);
        if (trim(cell).empty()) return kNoDay;
        // Dates are strict (spec "Dates"): blanks around them are an error; only a line end is dropped.
        while (!cell.empty() && (cell.back() == '\r' || cell.back() == '\n')) cell.remove_suffix(1);
        std::string why;
        auto d = parseDate(cell, &why);
        if (!d) {
            error(c, std::string("bad date '") + std::string(cell) + "' in column " + header_.columns[
                         static_cast<std::size_t>(c)] + ": " + why);
            return kNoDay;
        }
        return d->day;
    }

    Lifecycle lifecycle(Day asOf) {
        Lifecycle life;
        for (int s = 0; s < Lifecycle::kStageCount; ++s)
            life.dates[static_cast<std::size_t>(s)] = date(stageCol(s));
        const int sc = col(Col::Status);
        std::optional<Status> stated;
        if (sc >= 0) {
            const std::string_view cell = trim(row_.field(sc));
            if (!cell.empty()) {
                stated = parseStatusWord(cell);
                if (!stated)
                    error(sc, "unknown status '" + std::string(cell) +
                                  "' (expected announced, permitted, construction, operating, retired or cancelled)");
            }
        }
        // Dates must not go backwards in stage order; retired and cancelled both come after the rest.
        Day last = kNoDay;
        int lastStage = -1;
        for (int s = 0; s < Lifecycle::Retired; ++s) {
            const Day d = life.dates[static_cast<std::size_t>(s)];
            if (d == kNoDay) continue;
            if (last != kNoDay && d < last)
                error(col(stageCol(s)), std::string(Lifecycle::stageColumn(s)) + " date " + formatDate(d) +
                                            " is before " + Lifecycle::stageColumn(lastStage) + " date " +
                                            formatDate(last));
            last = d;
            lastStage = s;
        }
        for (int s : {int(Lifecycle::Retired), int(Lifecycle::Cancelled)}) {
            const Day d = life.dates[static_cast<std::size_t>(s)];
            if (d != kNoDay && last != kNoDay && d < last)
                error(col(stageCol(s)), std::string(Lifecycle::stageColumn(s)) + " date " + formatDate(d) +
                                            " is before " + Lifecycle::stageColumn(lastStage) + " date " +
                                            formatDate(last));
        }
        if (life.dates[Lifecycle::Cancelled] != kNoDay && life.dates[Lifecycle::Online] != kNoDay)
            error(col(Col::Cancelled), "a cancelled project cannot have an online date");
        if (life.dates[Lifecycle::Cancelled] != kNoDay && life.dates[Lifecycle::Retired] != kNoDay)
            error(col(Col::Cancelled), "a project cannot be both retired and cancelled");
        if (stated) {
            if (!life.hasDates()) life.undatedStatus = *stated;
            else if (asOf != kNoDay && !failed_) {
                const Status atAsOf = life.statusAt(asOf);
                if (atAsOf != *stated)
                    warning(sc, std::string("status '") + statusName(*stated) + "' contradicts the dates, which give '" +
                                    statusName(atAsOf) + "' at as_of " + formatDate(asOf));
            }
        }
        return life;
    }

    /// Point from lat/lon columns or a Point geometry.
    bool point(LonLat& out) {
        const int latC = col(Col::Lat), lonC = col(Col::Lon);
        if (latC >= 0 || lonC >= 0) {
            const std::string_view la = trim(row_.field(latC)), lo = trim(row_.field(lonC));
            if (latC < 0 || lonC < 0 || la.empty() || lo.empty()) {
                if (row_.geometry().type != TableGeometry::Type::Point) {
                    error(latC >= 0 ? (la.empty() ? latC : lonC) : lonC, "missing coordinates (lat and lon)");
                    return false;
                }
            } else {
                double lat, lon;
                std::string why;
                if (!parseNumber(la, lat, why)) {
                    error(latC, "bad lat '" + std::string(la) + "': " + why);
                    return false;
                }
                if (!parseNumber(lo, lon, why)) {
                    error(lonC, "bad lon '" + std::string(lo) + "': " + why);
                    return false;
                }
                return checkLonLat({lon, lat}, latC, lonC, out);
            }
        }
        const TableGeometry& g = row_.geometry();
        if (g.type == TableGeometry::Type::Point && !g.parts.empty() && !g.parts[0].empty())
            return checkLonLat(g.parts[0][0], -1, -1, out);
        if (g.type != TableGeometry::Type::None)
            error(-1, "expected a Point geometry, found " + g.typeName);
        else
            error(-1, "missing location: give lat and lon columns or a Point geometry");
        return false;
    }

    /// A coordinate for a message: fixed-point as before, but %g for absurd magnitudes (1e300 would
    /// otherwise print 300 digits).
    static std::string degrees(double v) {
        if (std::fabs(v) < 1e9) return std::to_string(v);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v);
        return buf;
    }

    bool checkLonLat(LonLat p, int latC, int lonC, LonLat& out) {
        bool ok = true;
        if (p.lat < -90 || p.lat > 90) {
            error(latC, "latitude " + degrees(p.lat) + " out of range [-90, 90]");
            ok = false;
        }
        if (p.lon < -180 || p.lon > 180) {
            error(lonC, "longitude " + degrees(p.lon) + " out of range [-180, 180]");
            ok = false;
        }
        out = p;
        return ok;
    }

    LocationPrecision precision() {
        const int c = col(Col::LocationPrecision);
        const std::string v = lower(text(Col::LocationPrecision));
        if (v.empty() || v == "exact") return LocationPrecision::Exact;
        if (v == "approximate") return LocationPrecision::Approximate;
        error(c, "location_precision must be 'exact' or 'approximate', not '" + v + "'");
        return LocationPrecision::Exact;
    }

    /// Optional `capacity_basis` (docs/format.md): facility, it, grid or generation; blank = unstated.
    CapacityBasis capacityBasis() {
        const std::string v = text(Col::CapacityBasis);
        if (const auto b = parseCapacityBasis(v)) return *b;
        error(col(Col::CapacityBasis),
              "capacity_basis must be 'facility', 'it', 'grid' or 'generation' (or blank), not '" + v + "'");
        return CapacityBasis::Unstated;
    }

    void attributes(std::vector<Attribute>& out) {
        for (const int i : cols_.attributes) {
            const std::string_view v = row_.field(i);
            if (!v.empty()) out.push_back({header_.columns[static_cast<std::size_t>(i)], std::string(v)});
        }
    }

    void base(EntityBase& e, Day asOf) {
        e.id = id();
        e.name = text(Col::Name);
        e.source = text(Col::Source);
        e.life = lifecycle(asOf);
        e.origin = {ctx_.fileIndex, row_.line};
        attributes(e.attributes);
    }

    LayerReadContext& ctx() { return ctx_; }

private:
    const TableRow& row_;
    const TableHeader& header_;
    const ResolvedColumns& cols_;
    LayerReadContext& ctx_;
    bool failed_ = false;
};

std::optional<Fuel> parseFuel(const std::string& v) {
    for (int i = 0; i < kFuelCount; ++i)
        if (v == fuelName(static_cast<Fuel>(i))) return static_cast<Fuel>(i);
    return std::nullopt;
}

/// Checks uniqueness of an id within its kind and records it.
bool registerId(Scenario& s, EntityKind kind, const std::string& id, int index, Cells& cells) {
    auto& table = s.idIndex[static_cast<int>(kind)];
    auto [it, inserted] = table.emplace(id, index);
    if (!inserted) {
        cells.error(cells.col(Col::Id), std::string("duplicate ") + kindName(kind) + " id '" + id + "'");
        return false;
    }
    return true;
}

bool requireColumns(const TableHeader& h, LayerReadContext& ctx, std::initializer_list<const char*> cols,
                    const char* kind) {
    bool ok = true;
    for (const char* c : cols)
        if (h.find(c) < 0) {
            ctx.diag.error(ctx.display, 1, std::string("missing required column '") + c + "' for " + kind);
            ok = false;
        }
    return ok;
}

/// Reserves room for `rows` more entities of a kind and their ids, so that a large layer does not move
/// every entity each time a vector grows (benchmarks: docs/benchmarks.md). Capped, because the hint
/// counts records before they are checked: a file of junk lines must not reserve without bound.
void reserveRows(Scenario& s, LayerReadContext& ctx, LayerKind kind, std::size_t rows) {
    rows = std::min<std::size_t>(rows, std::size_t{1} << 20);
    if (rows == 0) return;
    // Fresh vectors of this size take thousands of page faults as they fill: see huge_pages.h.
    auto reserve = [&](auto& items) {
        const bool fresh = items.capacity() < items.size() + rows;
        items.reserve(items.size() + rows);
        if (fresh) adviseHugePages(items.data() + items.size(), rows * sizeof(items[0]));
    };
    auto grow = [&](auto& items, EntityKind k) {
        reserve(items);
        auto& ids = s.idIndex[static_cast<int>(k)];
        ids.reserve(ids.size() + rows);
    };
    switch (kind) {
    case LayerKind::Datacenters: grow(s.datacenters, EntityKind::Datacenter); break;
    case LayerKind::PowerPlants: grow(s.powerPlants, EntityKind::PowerPlant); break;
    case LayerKind::Transmission: grow(s.lines, EntityKind::Transmission); break;
    case LayerKind::Superclusters: grow(s.superclusters, EntityKind::Supercluster); break;
    case LayerKind::Zones: grow(s.zones, EntityKind::Zone); break;
    case LayerKind::Series:
        reserve(ctx.samples);
        break;
    }
}

/// The columns a layer kind cannot do without; reported at line 1 (the header), all of them.
bool checkRequiredColumns(const TableHeader& h, LayerKind kind, LayerReadContext& ctx) {
    // A GeoJSON layer's columns are its features' properties: an empty FeatureCollection has none and is
    // a valid empty layer. (Features without properties still fail row by row: "missing id".)
    if (!ctx.csvColumns && h.columns.empty()) return true;
    switch (kind) {
    case LayerKind::Datacenters:
        return requireColumns(h, ctx, {"id"}, "datacenters");
    case LayerKind::PowerPlants:
        return requireColumns(h, ctx, {"id", "fuel"}, "power_plants");
    case LayerKind::Transmission:
        return requireColumns(h, ctx, {"id", "kv"}, "transmission");
    case LayerKind::Superclusters:
        return requireColumns(h, ctx, {"id", "members"}, "superclusters");
    case LayerKind::Zones:
        return requireColumns(h, ctx, {"id"}, "zones");
    case LayerKind::Series:
        return requireColumns(h, ctx, {"id", "date", "metric", "value"}, "series");
    }
    return false;
}

// One reader per layer kind. Each reads every cell of its row first, so that all of a row's problems are
// reported (in column-reading order), and adds the entity only when none was an error and its id is new.
// `asOf` is the manifest's as_of day (kNoDay when absent), against which a stated status is checked.

void readDatacenterRow(Cells& cells, Day asOf) {
    Scenario& s = cells.ctx().scenario;
    Datacenter d;
    cells.base(d, asOf);
    d.operatorName = cells.text(Col::Operator);
    d.capacityMw = cells.number(Col::CapacityMw, 0, "capacity_mw");
    d.basis = cells.capacityBasis();
    d.precision = cells.precision();
    const bool placed = cells.point(d.position);
    if (cells.failed() || !placed) return;
    const int index = static_cast<int>(s.datacenters.size());
    if (!registerId(s, EntityKind::Datacenter, d.id, index, cells)) return;
    s.datacenters.push_back(std::move(d));
}

void readPowerPlantRow(Cells& cells, Day asOf) {
    LayerReadContext& ctx = cells.ctx();
    Scenario& s = ctx.scenario;
    PowerPlant p;
    cells.base(p, asOf);
    p.owner = cells.text(Col::Owner);
    const std::string fuel = lower(cells.text(Col::Fuel));
    if (fuel.empty())
        cells.error(cells.col(Col::Fuel), "missing fuel");
    else if (auto f = parseFuel(fuel))
        p.fuel = *f;
    else
        cells.error(cells.col(Col::Fuel), "unknown fuel '" + fuel +
                                              "' (expected nuclear, gas, coal, oil, solar, wind, hydro, "
                                              "storage, geothermal, fusion or other)");
    p.capacityMw = cells.number(Col::CapacityMw, 0, "capacity_mw");
    p.precision = cells.precision();
    const bool placed = cells.point(p.position);
    const std::vector<std::string> serves = splitIds(cells.text(Col::Serves));
    if (cells.failed() || !placed) return;
    const int index = static_cast<int>(s.powerPlants.size());
    if (!registerId(s, EntityKind::PowerPlant, p.id, index, cells)) return;
    // The datacenters a plant serves may come in a later file: resolved by the loader.
    for (const auto& id : serves)
        ctx.refs.push_back(
            {EntityKind::PowerPlant, index, id, ctx.fileIndex, cells.line(), PendingRef::Role::Serves});
    s.powerPlants.push_back(std::move(p));
}

/// A line's path from from_lat/from_lon/to_lat/to_lon (degrees): one straight segment. Nothing is added
/// when a coordinate is missing, bad or out of range (each is reported).
void readEndpointPath(Cells& cells, TransmissionLine& l) {
    double v[4];
    const char* names[4] = {"from_lat", "from_lon", "to_lat", "to_lon"};
    const Col cols[4] = {Col::FromLat, Col::FromLon, Col::ToLat, Col::ToLon};
    bool ok = true;
    for (int i = 0; i < 4; ++i) {
        v[i] = cells.number(cols[i], -1e9, names[i]);
        if (!isKnown(v[i])) {
            if (!cells.failed()) cells.error(cells.col(cols[i]), std::string("missing ") + names[i]);
            ok = false;
        }
    }
    LonLat a, b;
    if (ok && cells.checkLonLat({v[1], v[0]}, cells.col(Col::FromLat), cells.col(Col::FromLon), a) &&
        cells.checkLonLat({v[3], v[2]}, cells.col(Col::ToLat), cells.col(Col::ToLon), b))
        l.paths.push_back({a, b});
}

/// A line's paths: a (Multi)LineString geometry wins over endpoint columns. Every path needs two points
/// and every point must be a valid lon/lat (the first bad point of a path is reported).
void readLinePaths(Cells& cells, TransmissionLine& l) {
    const TableGeometry& g = cells.geometry();
    if (g.type == TableGeometry::Type::Line)
        l.paths = g.parts;
    else if (cells.col(Col::FromLat) >= 0)
        readEndpointPath(cells, l);
    else if (g.type != TableGeometry::Type::None)
        cells.error(-1, "expected a LineString or MultiLineString geometry, found " + g.typeName);
    else
        cells.error(-1, "missing line geometry: give a LineString or from_lat/from_lon/to_lat/to_lon");
    for (const auto& path : l.paths) {
        if (path.size() < 2) cells.error(-1, "a line needs at least two points");
        for (const LonLat& p : path) {
            LonLat ignored;
            if (!cells.checkLonLat(p, -1, -1, ignored)) break;
        }
    }
}

void readTransmissionRow(Cells& cells, Day asOf) {
    Scenario& s = cells.ctx().scenario;
    TransmissionLine l;
    cells.base(l, asOf);
    l.kv = cells.number(Col::Kv, 0, "kv");
    if (!isKnown(l.kv) && !cells.failed()) cells.error(cells.col(Col::Kv), "missing kv (voltage class)");
    l.capacityMw = cells.number(Col::CapacityMw, 0, "capacity_mw");
    const std::string cur = lower(cells.text(Col::Current));
    if (cur == "hvdc" || cur == "dc")
        l.current = Current::HVDC;
    else if (!cur.empty() && cur != "ac")
        cells.error(cells.col(Col::Current), "current must be 'AC' or 'HVDC', not '" + cur + "'");
    readLinePaths(cells, l);
    if (cells.failed()) return;
    const int index = static_cast<int>(s.lines.size());
    if (!registerId(s, EntityKind::Transmission, l.id, index, cells)) return;
    s.lines.push_back(std::move(l));
}

void readSuperclusterRow(Cells& cells, Day asOf) {
    LayerReadContext& ctx = cells.ctx();
    Scenario& s = ctx.scenario;
    Supercluster c;
    cells.base(c, asOf);
    c.compute = cells.number(Col::Compute, 0, "compute");
    const std::vector<std::string> members = splitIds(cells.text(Col::Members));
    if (members.empty() && !cells.failed())
        cells.error(cells.col(Col::Members), "a supercluster needs members");
    if (cells.failed()) return;
    const int index = static_cast<int>(s.superclusters.size());
    if (!registerId(s, EntityKind::Supercluster, c.id, index, cells)) return;
    // Members are datacenter ids, possibly of a later file: resolved by the loader.
    for (const auto& id : members)
        ctx.refs.push_back(
            {EntityKind::Supercluster, index, id, ctx.fileIndex, cells.line(), PendingRef::Role::Member});
    s.superclusters.push_back(std::move(c));
}

/// A zone's polygons from a (Multi)Polygon geometry, whose parts are rings grouped by ringsPerPolygon.
/// False (reported) when the row has no polygon geometry; ring problems are reported but still read.
bool readZonePolygons(Cells& cells, Zone& z) {
    const TableGeometry& g = cells.geometry();
    if (g.type != TableGeometry::Type::Polygon) {
        cells.error(-1, g.type == TableGeometry::Type::None
                            ? std::string("missing zone geometry: a zone needs a Polygon or MultiPolygon")
                            : "expected a Polygon or MultiPolygon geometry, found " + g.typeName);
        return false;
    }
    std::size_t part = 0;
    for (int rings : g.ringsPerPolygon) {
        Polygon poly;
        for (int r = 0; r < rings && part < g.parts.size(); ++r)
            poly.rings.push_back(g.parts[part++]);
        for (const auto& ring : poly.rings)
            for (const LonLat& p : ring) {
                LonLat ignored;
                if (!cells.checkLonLat(p, -1, -1, ignored)) break;
            }
        // A closed ring repeats its first point: four points make the smallest, a triangle.
        if (!poly.rings.empty() && poly.rings[0].size() < 4)
            cells.error(-1, "a polygon ring needs at least four points");
        z.polygons.push_back(std::move(poly));
    }
    return true;
}

void readZoneRow(Cells& cells, Day asOf) {
    Scenario& s = cells.ctx().scenario;
    Zone z;
    cells.base(z, asOf);
    z.zoneKind = cells.text(Col::Kind);
    z.designated = cells.date(Col::Designated);
    if (!readZonePolygons(cells, z)) return;
    // A designation date is when the zone takes effect: it stands in for `online` when that is not given.
    if (z.designated != kNoDay && z.life.dates[Lifecycle::Online] == kNoDay) {
        const Day prior = std::max({z.life.dates[Lifecycle::Announced], z.life.dates[Lifecycle::Permitted],
                                    z.life.dates[Lifecycle::Construction]});
        if (prior != kNoDay && z.designated < prior)
            cells.error(cells.col(Col::Designated), "designated date is before the zone's earlier stages");
        z.life.dates[Lifecycle::Online] = z.designated;
    }
    if (cells.failed()) return;
    const int index = static_cast<int>(s.zones.size());
    if (!registerId(s, EntityKind::Zone, z.id, index, cells)) return;
    s.zones.push_back(std::move(z));
}

/// A series row is one sample (id, metric, date, value); its metric and target are checked by the loader
/// once every file is read, so it is only kept here.
void readSeriesRow(Cells& cells) {
    LayerReadContext& ctx = cells.ctx();
    PendingSample p;
    p.id = cells.text(Col::Id);
    if (p.id.empty()) cells.error(cells.col(Col::Id), "missing id");
    p.metric = cells.text(Col::Metric);
    if (p.metric.empty()) cells.error(cells.col(Col::Metric), "missing metric");
    const std::string dateText = cells.text(Col::Date);
    if (dateText.empty())
        cells.error(cells.col(Col::Date), "missing date");
    else
        p.t = cells.date(Col::Date);
    p.value = cells.number(Col::Value, -1e308, "value");
    if (!isKnown(p.value) && !cells.failed()) cells.error(cells.col(Col::Value), "missing value");
    if (cells.failed()) return;
    p.file = ctx.fileIndex;
    p.line = cells.line();
    ctx.samples.push_back(std::move(p));
}

void readRow(LayerKind kind, Cells& cells, Day asOf) {
    switch (kind) {
    case LayerKind::Datacenters:
        readDatacenterRow(cells, asOf);
        break;
    case LayerKind::PowerPlants:
        readPowerPlantRow(cells, asOf);
        break;
    case LayerKind::Transmission:
        readTransmissionRow(cells, asOf);
        break;
    case LayerKind::Superclusters:
        readSuperclusterRow(cells, asOf);
        break;
    case LayerKind::Zones:
        readZoneRow(cells, asOf);
        break;
    case LayerKind::Series:
        readSeriesRow(cells);
        break;
    }
}

} // namespace

void readLayerFile(const LayerEntry& layer, LayerReadContext& ctx) {
    const Day asOf = ctx.scenario.manifest.asOf;
    // Set by onHeader, which readTable calls before any row.
    const TableHeader* header = nullptr;
    std::optional<ResolvedColumns> columns;
    auto onHeader = [&](const TableHeader& h) {
        header = &h;
        columns.emplace(h, layer.kind);
        reserveRows(ctx.scenario, ctx, layer.kind, h.rowCountHint);
        return checkRequiredColumns(h, layer.kind, ctx);
    };
    auto onRow = [&](const TableRow& row) {
        Cells cells(row, *header, *columns, ctx);
        readRow(layer.kind, cells, asOf);
    };
    readTable(layer.resolved, ctx.display, ctx.diag, onHeader, onRow, ctx.read);
}

} // namespace buildout
