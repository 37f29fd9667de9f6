// Status at a time from lifecycle dates, and the status vocabulary (spec "Lifecycle").
#include "core/lifecycle.h"

#include <catch2/catch.hpp>

using namespace buildout;

namespace {
Day day(int y, int m = 1, int d = 1) { return daysFromCivil(y, m, d); }
} // namespace

TEST_CASE("parseStatusWord: the six words and their synonyms, any case", "[lifecycle]") {
    struct Case {
        const char* word;
        Status status;
    };
    const Case cases[] = {
        {"announced", Status::Announced},       {"Proposed", Status::Announced},
        {"PROPOSED", Status::Announced},        {"permitted", Status::Permitted},
        {"Permitted", Status::Permitted},       {"construction", Status::Construction},
        {"under construction", Status::Construction}, {"Under Construction", Status::Construction},
        {"under-construction", Status::Construction}, {"UNDER-CONSTRUCTION", Status::Construction},
        {"operating", Status::Operating},       {"Operational", Status::Operating},
        {"in service", Status::Operating},      {"In Service", Status::Operating},
        {"online", Status::Operating},          {"ONLINE", Status::Operating},
        {"retired", Status::Retired},           {"Retired", Status::Retired},
        {"cancelled", Status::Cancelled},       {"CANCELLED", Status::Cancelled},
    };
    for (const Case& c : cases) {
        INFO("word: " << c.word);
        const auto s = parseStatusWord(c.word);
        REQUIRE(s);
        CHECK(*s == c.status);
    }
    for (const char* bad : {"", "planned", "operatin", "in-service", "under  construction", "absent", "canceled x",
                            "construction!"}) {
        INFO("word: " << bad);
        CHECK_FALSE(parseStatusWord(bad));
    }
}

TEST_CASE("statusName and status indices", "[lifecycle]") {
    CHECK(std::string(statusName(Status::Announced)) == "announced");
    CHECK(std::string(statusName(Status::Permitted)) == "permitted");
    CHECK(std::string(statusName(Status::Construction)) == "construction");
    CHECK(std::string(statusName(Status::Operating)) == "operating");
    CHECK(std::string(statusName(Status::Retired)) == "retired");
    CHECK(std::string(statusName(Status::Cancelled)) == "cancelled");
    CHECK(std::string(statusName(Status::Absent)) == "absent");
    for (int i = 0; i < kStatusCount; ++i) CHECK(statusIndex(statusFromIndex(i)) == i);
    CHECK(statusIndex(Status::Announced) == 0);
    CHECK(statusIndex(Status::Cancelled) == 5);
}

TEST_CASE("Lifecycle::statusAt: absent before the first date, then the latest stage reached", "[lifecycle]") {
    Lifecycle life;
    life.dates[Lifecycle::Announced] = day(2024);
    life.dates[Lifecycle::Permitted] = day(2024, 6);
    life.dates[Lifecycle::Construction] = day(2025);
    life.dates[Lifecycle::Online] = day(2026, 3, 15);
    life.dates[Lifecycle::Retired] = day(2040);
    CHECK(life.hasDates());
    CHECK(life.firstDate() == day(2024));
    CHECK(life.statusAt(day(2023, 12, 31)) == Status::Absent);
    CHECK(life.statusAt(day(2024) - 0.5) == Status::Absent);
    CHECK(life.statusAt(day(2024)) == Status::Announced); // the day itself counts
    CHECK(life.statusAt(day(2024, 5, 31)) == Status::Announced);
    CHECK(life.statusAt(day(2024, 6)) == Status::Permitted);
    CHECK(life.statusAt(day(2025, 6)) == Status::Construction);
    CHECK(life.statusAt(day(2026, 3, 14)) == Status::Construction);
    CHECK(life.statusAt(day(2026, 3, 15)) == Status::Operating);
    CHECK(life.statusAt(day(2039, 12, 31)) == Status::Operating);
    CHECK(life.statusAt(day(2040)) == Status::Retired);
    CHECK(life.statusAt(day(2100)) == Status::Retired);
}

TEST_CASE("Lifecycle::statusAt: stages may be skipped or share a day", "[lifecycle]") {
    Lifecycle onlineOnly;
    onlineOnly.dates[Lifecycle::Online] = day(2027);
    CHECK(onlineOnly.firstDate() == day(2027));
    CHECK(onlineOnly.statusAt(day(2026)) == Status::Absent);
    CHECK(onlineOnly.statusAt(day(2027)) == Status::Operating);

    Lifecycle sameDay;
    sameDay.dates[Lifecycle::Announced] = day(2025, 3);
    sameDay.dates[Lifecycle::Construction] = day(2025, 3);
    CHECK(sameDay.statusAt(day(2025, 3)) == Status::Construction); // the later stage wins on a tie

    Lifecycle cancelled;
    cancelled.dates[Lifecycle::Announced] = day(2024);
    cancelled.dates[Lifecycle::Construction] = day(2025);
    cancelled.dates[Lifecycle::Cancelled] = day(2026);
    CHECK(cancelled.statusAt(day(2025, 6)) == Status::Construction);
    CHECK(cancelled.statusAt(day(2026)) == Status::Cancelled);
    CHECK(cancelled.statusAt(day(2030)) == Status::Cancelled);
}

TEST_CASE("Lifecycle: undated rows use the status column, else operate for the whole scenario", "[lifecycle]") {
    Lifecycle none;
    CHECK_FALSE(none.hasDates());
    CHECK(none.firstDate() == kNoDay);
    CHECK(none.undatedStatus == Status::Operating);
    CHECK(none.statusAt(day(1900)) == Status::Operating);
    CHECK(none.statusAt(day(2026)) == Status::Operating);
    CHECK(none.statusAt(day(2100)) == Status::Operating);

    Lifecycle stated;
    stated.undatedStatus = Status::Construction;
    CHECK(stated.statusAt(day(1900)) == Status::Construction);
    CHECK(stated.statusAt(day(2100)) == Status::Construction);

    // Once a date is known, the dates decide and undatedStatus no longer matters.
    stated.dates[Lifecycle::Online] = day(2027);
    CHECK(stated.statusAt(day(2026)) == Status::Absent);
    CHECK(stated.statusAt(day(2028)) == Status::Operating);
}

TEST_CASE("Lifecycle::stageColumn names the CSV columns", "[lifecycle]") {
    CHECK(std::string(Lifecycle::stageColumn(Lifecycle::Announced)) == "announced");
    CHECK(std::string(Lifecycle::stageColumn(Lifecycle::Permitted)) == "permitted");
    CHECK(std::string(Lifecycle::stageColumn(Lifecycle::Construction)) == "construction");
    CHECK(std::string(Lifecycle::stageColumn(Lifecycle::Online)) == "online");
    CHECK(std::string(Lifecycle::stageColumn(Lifecycle::Retired)) == "retired");
    CHECK(std::string(Lifecycle::stageColumn(Lifecycle::Cancelled)) == "cancelled");
}
