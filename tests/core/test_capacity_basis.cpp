// Capacity basis (docs/format.md "Capacity basis"): parsing, the facility-demand rule, and the totals of
// summarize(), summaryToJson() and TotalsTimeline on tests/data/valid/basis, worked out by hand.
//
// The basis scenario (assumptions.pue = 1.25):
//   fac  facility   1000 MW  announced 2024, construction 2024-06, online 2025
//   itc  it          200 MW  announced 2024, online 2025; capacity_mw series 2025: 200, 2028: 400
//   gen  generation 4500 MW  announced 2024, construction 2025, online 2026 (Homer-City-like on-site plant)
//   grd  grid        300 MW  announced 2024, construction 2025 (a utility contract)
//   uns  (blank)     100 MW  announced 2024, online 2027 (read as facility power)
//   can  facility    900 MW  announced 2024, cancelled 2026-01-28
// basis-nopue: the same rows without the PUE, so IT is shown apart instead of converted.
#include "core/capacity_basis.h"
#include "core/power_format.h"
#include "core/summary.h"
#include "core/totals_timeline.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

using namespace buildout;
using namespace buildout::test;

namespace {

Day day(int y, int m = 1, int d = 1) {
    return daysFromCivil(y, m, d);
}

const StatusTotals& dcTotals(const Summary& s, Status st) {
    return s
        .kinds[static_cast<std::size_t>(EntityKind::Datacenter)][static_cast<std::size_t>(statusIndex(st))];
}
const BasisTotals& basisTotals(const Summary& s, Status st, CapacityBasis b) {
    return s.datacenterBasis[static_cast<std::size_t>(statusIndex(st))][static_cast<std::size_t>(b)];
}

bool anyOnLine(const Loaded& l, const std::string& file, int line) {
    for (const Diagnostic& d : l.result.diagnostics.items())
        if (d.line == line && d.file.size() >= file.size() &&
            d.file.compare(d.file.size() - file.size(), file.size(), file) == 0)
            return true;
    return false;
}

const Scenario& basis() {
    static const Loaded l = loadData("valid/basis");
    INFO(l.report());
    REQUIRE(l.ok());
    return l.scenario();
}

} // namespace

TEST_CASE("capacity_basis words are case-insensitive and anything else is refused") {
    CHECK(parseCapacityBasis("facility") == CapacityBasis::Facility);
    CHECK(parseCapacityBasis("IT") == CapacityBasis::It);
    CHECK(parseCapacityBasis(" Generation ") == CapacityBasis::Generation);
    CHECK(parseCapacityBasis("GRID") == CapacityBasis::Grid);
    CHECK(parseCapacityBasis("") == CapacityBasis::Unstated);
    CHECK_FALSE(parseCapacityBasis("it load").has_value());
    CHECK_FALSE(parseCapacityBasis("unstated").has_value()); // blank is how a row says it; the word is not
}

TEST_CASE("a bad capacity_basis is an error at its line and column") {
    const Loaded l = loadData("invalid/capacity_basis");
    REQUIRE_REFUSED(l, 2);
    CHECK_FALSE(anyOnLine(l, "datacenters.csv", 2));
    CHECK_FALSE(anyOnLine(l, "datacenters.csv", 3));
    CHECK_ERROR(l, "datacenters.csv", 4, 5, "capacity_basis must be", "IT-load");
    CHECK_ERROR(l, "datacenters.csv", 5, 5, "capacity_basis must be", "nameplate");
}

TEST_CASE("facilityDemand: facility as is, IT times the PUE, grid and generation apart") {
    CapacityAssumptions pue;
    pue.pue = 1.3;
    const CapacityAssumptions none;
    CHECK(facilityDemand(CapacityBasis::Facility, 500, none).mw == 500);
    CHECK(facilityDemand(CapacityBasis::Unstated, 500, none).how == DemandCount::AsStated);
    CHECK(facilityDemand(CapacityBasis::It, 1000, pue).mw == Approx(1300));
    CHECK(facilityDemand(CapacityBasis::It, 1000, pue).how == DemandCount::Converted);
    CHECK(facilityDemand(CapacityBasis::It, 1000, none).how == DemandCount::Apart);
    CHECK(std::isnan(facilityDemand(CapacityBasis::It, 1000, none).mw));
    CHECK(facilityDemand(CapacityBasis::Grid, 2400, pue).how == DemandCount::Apart);
    CHECK(facilityDemand(CapacityBasis::Generation, 4500, pue).how == DemandCount::Apart);
    CHECK(facilityDemand(CapacityBasis::Facility, kUnknown, pue).how == DemandCount::Unknown);
    CHECK(demandNote(CapacityBasis::It, pue) == "IT \xC3\x97 PUE 1.3");
    CHECK(demandNote(CapacityBasis::Facility, pue).empty());
}

TEST_CASE("the manifest's assumptions: a PUE below 1 is an error") {
    TempDir dir;
    dir.write("scenario.json", R"({"format":"buildout-scenario","version":1,"id":"x","title":"x",
        "time":{"start":"2024","end":"2030"},"assumptions":{"pue":0.8},
        "layers":[{"kind":"datacenters","file":"d.csv"}]})");
    dir.write("d.csv", "id,lat,lon\na,32,-99\n");
    const Loaded l = loadDir(dir.str());
    REQUIRE_REFUSED(l, 1);
    CHECK(l.has(Severity::Error, "scenario.json", 2, 0, {"pue", "between 1 and 10"}));
    CHECK(basis().manifest.assumptions.pue == 1.25);
}

TEST_CASE("summarize adds facility demand only, and keeps every basis apart") {
    const Scenario& s = basis();
    SECTION("2025-06: IT converted, generation and grid under construction apart") {
        const Summary sum = summarize(s, day(2025, 6));
        CHECK(dcTotals(sum, Status::Operating).count == 2);
        CHECK(dcTotals(sum, Status::Operating).mw == Approx(1000 + 200 * 1.25));
        CHECK(dcTotals(sum, Status::Operating).apartCount == 0);
        CHECK(dcTotals(sum, Status::Construction).count == 2);
        CHECK(dcTotals(sum, Status::Construction).mw == 0);
        CHECK(dcTotals(sum, Status::Construction).apartCount == 2);
        CHECK(basisTotals(sum, Status::Construction, CapacityBasis::Generation).mw == 4500);
        CHECK(basisTotals(sum, Status::Construction, CapacityBasis::Grid).mw == 300);
        CHECK(dcTotals(sum, Status::Announced).mw == Approx(100 + 900));
    }
    SECTION("2026-06: the generation row operates but adds nothing; the cancelled campus is apart") {
        const Summary sum = summarize(s, day(2026, 6));
        CHECK(dcTotals(sum, Status::Operating).count == 3);
        CHECK(dcTotals(sum, Status::Operating).mw == Approx(1250));
        CHECK(dcTotals(sum, Status::Operating).apartCount == 1);
        CHECK(basisTotals(sum, Status::Operating, CapacityBasis::It).mw == 200);
        CHECK(basisTotals(sum, Status::Operating, CapacityBasis::Generation).count == 1);
        CHECK(dcTotals(sum, Status::Cancelled).count == 1);
        CHECK(dcTotals(sum, Status::Cancelled).mw == 900);
        CHECK(dcTotals(sum, Status::Announced).count == 1);
        CHECK(dcTotals(sum, Status::Announced).mw == 100);
        CHECK(sum.operatorDatacenterMw.at("OpA") == Approx(1250));
        CHECK(sum.operatorDatacenterMw.at("OpB") == 0);
        CHECK(sum.regionDatacenterMw.at("VA") == Approx(250));
    }
    SECTION("2028-06: the IT series step is converted too") {
        const Summary sum = summarize(s, day(2028, 6));
        CHECK(dcTotals(sum, Status::Operating).count == 4);
        CHECK(dcTotals(sum, Status::Operating).mw == Approx(1000 + 400 * 1.25 + 100));
        CHECK(basisTotals(sum, Status::Operating, CapacityBasis::Unstated).mw == 100);
    }
    SECTION("without a PUE, IT is not converted but shown apart") {
        const Loaded l = loadData("valid/basis-nopue");
        REQUIRE_LOADED(l);
        const Summary sum = summarize(l.scenario(), day(2026, 6));
        CHECK(dcTotals(sum, Status::Operating).mw == 1000);
        CHECK(dcTotals(sum, Status::Operating).apartCount == 2);
        CHECK(basisTotals(sum, Status::Operating, CapacityBasis::It).mw == 200);
    }
}

TEST_CASE("info --json totals and the totals timeline give the same facility demand at every date") {
    const Scenario& s = basis();
    const TotalsTimeline timeline(s);
    for (int y = 2024; y <= 2030; ++y)
        for (int m : {1, 7}) {
            INFO(y << "-" << m);
            const Summary sum = summarize(s, day(y, m));
            const nlohmann::json j = summaryToJson(sum);
            const DatacenterTotals tl = timeline.at(day(y, m));
            for (int st = 0; st < kStatusCount; ++st) {
                const char* name = statusName(statusFromIndex(st));
                const auto& entry = j["kinds"]["datacenters"][name];
                CHECK(entry["mw"].get<double>() == Approx(dcTotals(sum, statusFromIndex(st)).mw));
                CHECK(tl.mw[static_cast<std::size_t>(st)] == Approx(entry["mw"].get<double>()).margin(1e-6));
                double byBasis = 0;
                for (const auto& [b, v] : entry["by_basis"].items())
                    byBasis += v["count"].get<int>();
                CHECK(byBasis == entry["count"].get<int>());
            }
        }
    CHECK(summaryToJson(summarize(s, day(2026)))["assumptions"]["pue"] == 1.25);
}

TEST_CASE("info text names the bases it keeps apart and the PUE it converts with") {
    const Scenario& s = basis();
    const std::string text = summaryToText(summarize(s, day(2026, 6)), s);
    CHECK(text.find("facility demand") != std::string::npos);
    CHECK(text.find("incl. 200 MW IT load \xC3\x97 PUE 1.25 = 250 MW") != std::string::npos);
    CHECK(text.find("apart: 4.50 GW generation (1)") != std::string::npos);
}

TEST_CASE("formatPower shows figures under 1 GW in MW") {
    CHECK(formatPower(48, 1) == "48 MW");
    CHECK(formatPower(48) == "48 MW");
    CHECK(formatPower(999.4, 1) == "999 MW");
    CHECK(formatPower(999.6, 1) == "1.0 GW");
    CHECK(formatPower(1250) == "1.25 GW");
    CHECK(formatPower(12400, 1) == "12 GW");
    CHECK(formatPower(2.5) == "2.5 MW");
    CHECK(formatPower(-300, 1, true) == "-300 MW");
    CHECK(formatPower(1500, 1, true) == "+1.5 GW");
    CHECK(formatPower(kUnknown) == "unknown");
}
