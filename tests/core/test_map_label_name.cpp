// Map labels shorten a campus's name by its parenthetical only (core/view/map_style.h): what follows the
// parenthesis stays, so a label never reads as cut off ("Vantage Ashburn I" for "... I (VA1) Campus").
#include "core/view/map_style.h"

#include <catch2/catch.hpp>

using buildout::style::mapLabelName;

TEST_CASE("map labels: the parenthetical goes, the rest of the name stays", "[labels]") {
    CHECK(mapLabelName("Stargate Abilene (Lancium Clean Campus)") == "Stargate Abilene");
    CHECK(mapLabelName("Vantage Ashburn I (VA1) Campus") == "Vantage Ashburn I Campus");
    CHECK(mapLabelName("Project Rainier") == "Project Rainier");
    // Too short a name before the parenthesis: left whole (an "(A)" naming the site itself).
    CHECK(mapLabelName("QTS (Atlanta) DC1") == "QTS (Atlanta) DC1");
    // Never closed: cut at the parenthesis, as before.
    CHECK(mapLabelName("Hyperion campus (phase 2") == "Hyperion campus");
    // Only the first parenthetical goes; spaces after it are not doubled.
    CHECK(mapLabelName("Meta Prometheus (New Albany)   Ohio") == "Meta Prometheus Ohio");
    CHECK(mapLabelName("") == "");
}
