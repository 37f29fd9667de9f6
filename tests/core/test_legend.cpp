// The legend's entries (core/view/legend.h, no GL) for the render test scene: which headings and rows it
// shows for which settings, scenario and merged view, and the symbols they describe.
#include "core/power_balance.h"
#include "core/view/legend.h"
#include "test_support.h"

#include <algorithm>
#include <set>

using namespace buildout;
using namespace buildout::test;

namespace {

/// The render test scene (tests/data/render/scene): every layer kind, four fuels, an approximate campus and
/// one of undisclosed capacity, and a regional series `dc_twh` (TWh) for the choropleth.
struct Scene {
    Loaded loaded = loadData("render/scene");
    OperatorPalette palette;

    Scene() {
        REQUIRE_LOADED(loaded);
        palette = makeOperatorPalette(loaded.scenario());
    }
    const Scenario& scenario() const { return loaded.scenario(); }
    LegendInputs inputs() const {
        LegendInputs in;
        in.scenario = &scenario();
        in.operators = &palette;
        return in;
    }
};

std::vector<std::string> headings(const std::vector<LegendEntry>& entries) {
    std::vector<std::string> out;
    for (const LegendEntry& e : entries)
        if (e.heading) out.push_back(e.text);
    return out;
}

/// The rows (not headings) under `heading`, up to the next heading.
std::vector<LegendEntry> rowsUnder(const std::vector<LegendEntry>& entries, const std::string& heading) {
    std::vector<LegendEntry> out;
    bool in = false;
    for (const LegendEntry& e : entries) {
        if (e.heading)
            in = e.text == heading;
        else if (in)
            out.push_back(e);
    }
    return out;
}

std::vector<std::string> texts(const std::vector<LegendEntry>& rows) {
    std::vector<std::string> out;
    for (const LegendEntry& e : rows)
        out.push_back(e.text);
    return out;
}

const LegendEntry* find(const std::vector<LegendEntry>& entries, const std::string& text) {
    for (const LegendEntry& e : entries)
        if (!e.heading && e.text == text) return &e;
    return nullptr;
}
// A pointer into a temporary list would dangle (ASan caught one): refuse rvalues.
const LegendEntry* find(std::vector<LegendEntry>&& entries, const std::string& text) = delete;

bool startsWith(const std::string& s, const std::string& prefix) {
    return s.rfind(prefix, 0) == 0;
}

bool anyStartsWith(const std::vector<LegendEntry>& entries, const std::string& prefix) {
    return std::any_of(entries.begin(), entries.end(),
                       [&](const LegendEntry& e) { return !e.heading && startsWith(e.text, prefix); });
}

} // namespace

TEST_CASE("legend: no scenario, no entries", "[legend]") {
    CHECK(legendEntries(LegendInputs{}, MapSettings{}).empty());
}

TEST_CASE("legend: one heading per visible layer with entities, in the map's order", "[legend]") {
    const Scene scene;
    MapSettings set;
    CHECK(headings(legendEntries(scene.inputs(), set)) ==
          std::vector<std::string>{"DATACENTER CAMPUSES", "POWER PLANTS (area = MW)", "TRANSMISSION",
                                   "SUPERCLUSTERS", "AI ECONOMIC ZONES"});
    set.powerPlants.visible = false;
    set.zones.visible = false;
    CHECK(headings(legendEntries(scene.inputs(), set)) ==
          std::vector<std::string>{"DATACENTER CAMPUSES", "TRANSMISSION", "SUPERCLUSTERS"});

    // A scenario without entities of any kind has no headings at all.
    const Loaded minimal = loadData("valid/minimal");
    REQUIRE_LOADED(minimal);
    const OperatorPalette palette = makeOperatorPalette(minimal.scenario());
    LegendInputs in;
    in.scenario = &minimal.scenario();
    in.operators = &palette;
    CHECK(legendEntries(in, MapSettings{}).empty());
}

TEST_CASE("legend: fuel rows only for the fuels the scenario has, each with its glyph", "[legend]") {
    const Scene scene;
    const std::vector<LegendEntry> rows =
        rowsUnder(legendEntries(scene.inputs(), MapSettings{}), "POWER PLANTS (area = MW)");
    // The scene's plants burn gas, split atoms, and catch sun and wind: in the order of the Fuel enum.
    std::set<int> fuels;
    for (const PowerPlant& p : scene.scenario().powerPlants)
        fuels.insert(static_cast<int>(p.fuel));
    REQUIRE(fuels.size() == 4);
    REQUIRE(rows.size() == fuels.size());
    auto fuel = fuels.begin();
    for (const LegendEntry& e : rows) {
        const Fuel f = static_cast<Fuel>(*fuel++);
        INFO(e.text);
        CHECK(e.fuel == f);
        CHECK(e.shape == 'g');
        CHECK(e.symbol == LegendSymbol::FuelGlyph);
        CHECK(e.swatch == style::fuelColor(f));
        std::string name = fuelName(f);
        CHECK(e.text.size() == name.size());
        CHECK(e.text.substr(1) == name.substr(1)); // capitalised
    }
    CHECK(texts(rows) == std::vector<std::string>{"Nuclear", "Gas", "Solar", "Wind"});
    CHECK_FALSE(find(rows, "Coal"));
    CHECK_FALSE(find(rows, "Hydro"));
}

TEST_CASE("legend: campus colours follow the colouring chosen", "[legend]") {
    const Scene scene;
    MapSettings set;
    SECTION("by operator: one swatch per operator group, no 'other' row when every campus has a group") {
        set.datacenterColor = ColorBy::Operator;
        const std::vector<LegendEntry> rows =
            rowsUnder(legendEntries(scene.inputs(), set), "DATACENTER CAMPUSES");
        REQUIRE(scene.palette.groups.size() == 3);
        REQUIRE(rows.size() >= 3);
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(rows[i].text == scene.palette.groups[i]);
            CHECK(rows[i].symbol == LegendSymbol::Swatch);
            CHECK(rows[i].swatch == scene.palette.color(static_cast<int>(i)));
        }
        CHECK_FALSE(find(rows, "Other operators"));
    }
    SECTION("by status") {
        set.datacenterColor = ColorBy::Status;
        const std::vector<LegendEntry> rows =
            rowsUnder(legendEntries(scene.inputs(), set), "DATACENTER CAMPUSES");
        REQUIRE(rows.size() >= 3);
        CHECK(texts({rows.begin(), rows.begin() + 3}) ==
              std::vector<std::string>{"Construction", "Operating", "Retired"});
        CHECK(rows[1].swatch == style::statusColor(Status::Operating));
    }
    SECTION("by location precision") {
        set.datacenterColor = ColorBy::Precision;
        const std::vector<LegendEntry> rows =
            rowsUnder(legendEntries(scene.inputs(), set), "DATACENTER CAMPUSES");
        REQUIRE(rows.size() >= 2);
        CHECK(texts({rows.begin(), rows.begin() + 2}) ==
              std::vector<std::string>{"Exact location", "Approximate location"});
    }
}

TEST_CASE("legend: the column's stages, and the marks the scene needs", "[legend]") {
    const Scene scene;
    const std::vector<LegendEntry> rows =
        rowsUnder(legendEntries(scene.inputs(), MapSettings{}), "DATACENTER CAMPUSES");
    const LegendEntry* operating = find(rows, "Operating (height = MW)");
    const LegendEntry* building = find(rows, "Under construction");
    const LegendEntry* announced = find(rows, "Announced (outline)");
    const LegendEntry* retired = find(rows, "Retired (faded)");
    REQUIRE(operating);
    REQUIRE(building);
    REQUIRE(announced);
    REQUIRE(retired);
    CHECK(operating->symbol == LegendSymbol::ColumnOperating);
    CHECK(building->symbol == LegendSymbol::ColumnBuilding);
    CHECK(building->swatch.a == Approx(0.5f));
    CHECK(announced->symbol == LegendSymbol::ColumnAnnounced);
    CHECK(announced->shape == 'o');
    CHECK(retired->symbol == LegendSymbol::ColumnRetired);
    CHECK(retired->swatch.a == Approx(0.25f));
    // "quiet" has no capacity and no series; "grow" is at an approximate location.
    const LegendEntry* hatched = find(rows, "Capacity not disclosed (hatched)");
    REQUIRE(hatched);
    CHECK(hatched->symbol == LegendSymbol::Hatched);
    const LegendEntry* disc = find(rows, "Approximate location (disc)");
    REQUIRE(disc);
    CHECK(disc->symbol == LegendSymbol::ApproximateDisc);
    CHECK_FALSE(anyStartsWith(rows, "Merged"));
}

TEST_CASE("legend: merged rows when the last frame merged, with cells and scale", "[legend]") {
    const Scene scene;
    LegendInputs in = scene.inputs();
    in.dense.cellKm = 25.0;
    in.dense.plantCellKm = 50.0;
    in.dense.lineCellKm = 100.0;
    in.dense.campuses = in.dense.plants = in.dense.lines = true;
    in.dense.campusHeightScale = 0.25f;
    in.dense.plantMwScale = 1.0f;
    in.dense.level = 1;
    const std::vector<LegendEntry> entries = legendEntries(in, MapSettings{});
    // Each row list is named: find() returns a pointer into it.
    const std::vector<LegendEntry> campusRows = rowsUnder(entries, "DATACENTER CAMPUSES");
    const std::vector<LegendEntry> plantRows = rowsUnder(entries, "POWER PLANTS (area = MW)");
    const std::vector<LegendEntry> lineRows = rowsUnder(entries, "TRANSMISSION");
    const LegendEntry* campuses = find(campusRows, "Merged in 25 km cells, height \xC3\xB7"
                                                   "4");
    REQUIRE(campuses);
    CHECK(campuses->symbol == LegendSymbol::MergedColumn);
    const LegendEntry* plants = find(plantRows, "Merged per fuel in 50 km cells");
    REQUIRE(plants);
    CHECK(plants->symbol == LegendSymbol::MergedPlant);
    const LegendEntry* lines = find(lineRows, "Merged between 100 km cells");
    REQUIRE(lines);
    CHECK(lines->symbol == LegendSymbol::MergedLine);

    // Only the kinds merged get the row.
    in.dense.plants = in.dense.lines = false;
    const std::vector<LegendEntry> some = legendEntries(in, MapSettings{});
    CHECK(anyStartsWith(rowsUnder(some, "DATACENTER CAMPUSES"), "Merged in"));
    CHECK_FALSE(anyStartsWith(rowsUnder(some, "POWER PLANTS (area = MW)"), "Merged"));
    CHECK_FALSE(anyStartsWith(rowsUnder(some, "TRANSMISSION"), "Merged"));
}

TEST_CASE("legend: transmission rows per voltage class, then the dashes of construction", "[legend]") {
    const Scene scene;
    const std::vector<LegendEntry> rows =
        rowsUnder(legendEntries(scene.inputs(), MapSettings{}), "TRANSMISSION");
    std::set<int> classes;
    for (const TransmissionLine& l : scene.scenario().lines)
        classes.insert(static_cast<int>(style::voltageClass(l.kv, l.current)));
    REQUIRE(rows.size() == classes.size() + 1);
    auto cls = classes.begin();
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const auto c = static_cast<style::VoltageClass>(*cls++);
        CHECK(rows[i].text == style::voltageClassName(c));
        CHECK(rows[i].symbol == LegendSymbol::VoltageLine);
        CHECK(rows[i].voltage == c);
        CHECK(rows[i].swatch == style::voltageColor(c));
    }
    const LegendEntry& dashed = rows.back();
    CHECK(dashed.text == "Under construction (dashed)");
    CHECK(dashed.symbol == LegendSymbol::DashedLine);
    CHECK(dashed.shape == 'd');
}

TEST_CASE("legend: the choropleth's metric, unit and range, only with a range", "[legend]") {
    const Scene scene;
    MapSettings set;
    set.choroplethMetric = "dc_twh";
    LegendInputs in = scene.inputs();
    CHECK(headings(legendEntries(in, set)).size() == 5); // no range yet: no choropleth rows
    in.choroplethRange = {5.0, 120.0};
    const std::vector<LegendEntry> entries = legendEntries(in, set);
    REQUIRE(headings(entries).back() == "dc_twh (TWh)");
    const std::vector<LegendEntry> rows = rowsUnder(entries, "dc_twh (TWh)");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].text == "5 to 120");
    CHECK(rows[0].symbol == LegendSymbol::ChoroplethRamp);
}

TEST_CASE("legend: the power margin in MW and GW, on the diverging ramp", "[legend][balance]") {
    const Scene scene;
    MapSettings set;
    set.choroplethMetric = kPowerMarginChoropleth;
    LegendInputs in = scene.inputs();
    in.choroplethRange = {-1000.0, 1000.0};
    const std::vector<LegendEntry> entries = legendEntries(in, set);
    REQUIRE(headings(entries).back() == "POWER MARGIN: DEDICATED SUPPLY - DEMAND");
    const std::vector<LegendEntry> rows = rowsUnder(entries, "POWER MARGIN: DEDICATED SUPPLY - DEMAND");
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].text == "+1 GW or more (surplus)");
    CHECK(rows[1].text == "+500 MW"); // under 1 GW in MW
    CHECK(rows[3].text == "-500 MW");
    CHECK(rows[4].text == "-1 GW or less (deficit)");
    // The swatches are the colours the map uses: blue surplus, red deficit, land at zero.
    CHECK(rows[0].swatch == style::divergingRamp(1.0));
    CHECK(rows[0].swatch.b > rows[0].swatch.r);
    CHECK(rows[4].swatch.r > rows[4].swatch.b);
    CHECK(rows[2].swatch == style::kLand);
}

TEST_CASE("legend: a cancelled-campus row only when the scenario has a cancelled campus") {
    const Scene scene; // no cancelled campus
    const auto entries = legendEntries(scene.inputs(), MapSettings{});
    CHECK(find(entries, "Cancelled (struck out, not counted)") == nullptr);

    const Loaded basis = loadData("valid/basis"); // campus `can` is cancelled on 2026-01-28
    REQUIRE_LOADED(basis);
    const OperatorPalette palette = makeOperatorPalette(basis.scenario());
    LegendInputs in;
    in.scenario = &basis.scenario();
    in.operators = &palette;
    const auto withCancelled = legendEntries(in, MapSettings{});
    const LegendEntry* row = find(withCancelled, "Cancelled (struck out, not counted)");
    REQUIRE(row != nullptr);
    CHECK(row->symbol == LegendSymbol::ColumnCancelled);
}

TEST_CASE("legend: the scenario's facts, made once, give the rows a scan gives", "[legend]") {
    const Scene scene;
    const LegendFacts facts = legendFacts(scene.scenario());
    CHECK_FALSE(facts.anyCancelled);
    CHECK(facts.anyUnknownCapacity); // "quiet"
    CHECK(facts.anyApproximate);     // "grow"
    CHECK(__builtin_popcountll(facts.fuels) == 4);
    CHECK(facts.voltageClasses != 0);
    LegendInputs withFacts = scene.inputs();
    withFacts.facts = &facts;
    const auto texts = [](const std::vector<LegendEntry>& entries) {
        std::vector<std::string> out;
        for (const LegendEntry& e : entries)
            out.push_back(e.text);
        return out;
    };
    CHECK(texts(legendEntries(withFacts, MapSettings{})) ==
          texts(legendEntries(scene.inputs(), MapSettings{})));
    // The rows follow the facts handed in, not a scan behind them: facts of nothing list no fuel.
    const LegendFacts none;
    withFacts.facts = &none;
    const auto bare = legendEntries(withFacts, MapSettings{});
    CHECK(find(bare, "Capacity not disclosed (hatched)") == nullptr);
    CHECK(rowsUnder(bare, "POWER PLANTS (area = MW)").empty());
}
