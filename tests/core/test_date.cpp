// Calendar arithmetic and strict date parsing (spec "Dates").
#include "core/date.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace buildout;

TEST_CASE("daysFromCivil: known days", "[date]") {
    CHECK(daysFromCivil(1970, 1, 1) == 0);
    CHECK(daysFromCivil(1970, 1, 2) == 1);
    CHECK(daysFromCivil(1969, 12, 31) == -1);
    CHECK(daysFromCivil(2000, 1, 1) == 10957);  // 30 years: 30*365 + 7 leap days (72..96)
    CHECK(daysFromCivil(2000, 3, 1) == 11017);  // + 31 (Jan) + 29 (Feb 2000 is leap)
    CHECK(daysFromCivil(2024, 1, 1) == 19723);
    CHECK(daysFromCivil(2026, 7, 1) == 19723 + 366 + 365 + 181); // 2024 leap, 2025, Jan..Jun 2026
    CHECK(daysFromCivil(1600, 1, 1) == -135140);
}

TEST_CASE("civilFromDays inverts daysFromCivil over many days", "[date]") {
    // Every day from 1600-01-01 to about 2400: each day maps to a valid date, one day after the previous.
    const Day first = daysFromCivil(1600, 1, 1);
    const Day last = daysFromCivil(2400, 12, 31);
    CivilDate prev = civilFromDays(first - 1);
    REQUIRE(prev.year == 1599);
    REQUIRE(prev.month == 12);
    REQUIRE(prev.day == 31);
    long mismatches = 0;
    for (Day d = first; d <= last; ++d) {
        const CivilDate c = civilFromDays(d);
        if (daysFromCivil(c.year, c.month, c.day) != d) ++mismatches;
        // Consecutive: same month and day+1, or the first of the next month / year.
        const bool nextDay = c.year == prev.year && c.month == prev.month && c.day == prev.day + 1;
        const bool nextMonth = c.year == prev.year && c.month == prev.month + 1 && c.day == 1;
        const bool nextYear = c.year == prev.year + 1 && c.month == 1 && c.day == 1 && prev.month == 12 && prev.day == 31;
        if (!(nextDay || nextMonth || nextYear)) ++mismatches;
        prev = c;
    }
    CHECK(mismatches == 0);
    CHECK(prev.year == 2400);
    CHECK(prev.month == 12);
    CHECK(prev.day == 31);
    // 800 whole years of the Gregorian cycle hold exactly 2 * 146097 days.
    CHECK(daysFromCivil(2400, 1, 1) - daysFromCivil(1600, 1, 1) == 2 * 146097);
}

TEST_CASE("leap years: Feb 29 and year lengths", "[date]") {
    auto yearLength = [](int y) { return daysFromCivil(y + 1, 1, 1) - daysFromCivil(y, 1, 1); };
    CHECK(yearLength(2023) == 365);
    CHECK(yearLength(2024) == 366);
    CHECK(yearLength(1900) == 365); // divisible by 100, not by 400
    CHECK(yearLength(2000) == 366); // divisible by 400
    CHECK(yearLength(2100) == 365);

    CHECK(parseDate("2024-02-29"));
    CHECK(parseDate("2000-02-29"));
    CHECK_FALSE(parseDate("2023-02-29"));
    CHECK_FALSE(parseDate("1900-02-29"));
    CHECK_FALSE(parseDate("2100-02-29"));
    CHECK(civilFromDays(daysFromCivil(2024, 2, 29)).day == 29);
    CHECK(civilFromDays(daysFromCivil(2024, 2, 29) + 1).month == 3);
}

TEST_CASE("parseDate accepts YYYY, YYYY-MM, YYYY-MM-DD", "[date]") {
    const auto y = parseDate("2027");
    REQUIRE(y);
    CHECK(y->day == daysFromCivil(2027, 1, 1));
    CHECK(y->precision == DatePrecision::Year);

    const auto m = parseDate("2027-06");
    REQUIRE(m);
    CHECK(m->day == daysFromCivil(2027, 6, 1));
    CHECK(m->precision == DatePrecision::Month);

    const auto d = parseDate("2027-06-15");
    REQUIRE(d);
    CHECK(d->day == daysFromCivil(2027, 6, 15));
    CHECK(d->precision == DatePrecision::Full);

    CHECK(parseDate("1000-01-01"));
    CHECK(parseDate("9999-12-31"));
    CHECK(parseDate("2027-12-31"));
    CHECK(parseDate("2027-04-30"));
}

TEST_CASE("parseDate rejects everything else", "[date]") {
    const char* bad[] = {"2027-13", "2027-00", "2027-02-30", "2027-04-31", "2027-01-00", "2027-01-32", "27",
                         " 2027", "2027 ", "2027\t", "\t2027", "", "0999", "999", "20270", "2027-1", "2027-1-1",
                         "2027/01/01", "2027-01-1", "2027-01-01T00:00", "2027-01-01Z", "-2027", "+2027", "２０２７",
                         "2O27", "2027-0x", "2027--1", "year"};
    for (const char* text : bad) {
        INFO("date text: '" << text << "'");
        std::string why;
        CHECK_FALSE(parseDate(text, &why));
        CHECK_FALSE(why.empty());
    }
    std::string why;
    CHECK_FALSE(parseDate("2027-13", &why));
    CHECK(why.find("month") != std::string::npos);
    CHECK_FALSE(parseDate("2027-02-30", &why));
    CHECK(why.find("day") != std::string::npos);
    CHECK_FALSE(parseDate("27", &why));
    CHECK(why.find("YYYY") != std::string::npos);
    // A NUL byte in the middle is not a date either.
    CHECK_FALSE(parseDate(std::string_view("2027\0", 5)));
}

TEST_CASE("formatDate writes YYYY-MM-DD", "[date]") {
    CHECK(formatDate(0) == "1970-01-01");
    CHECK(formatDate(daysFromCivil(2026, 7, 1)) == "2026-07-01");
    CHECK(formatDate(daysFromCivil(2024, 2, 29)) == "2024-02-29");
    CHECK(formatDate(daysFromCivil(1969, 12, 31)) == "1969-12-31");
    for (Day d = daysFromCivil(2020, 1, 1); d < daysFromCivil(2031, 1, 1); d += 17) {
        const auto back = parseDate(formatDate(d));
        REQUIRE(back);
        CHECK(back->day == d);
    }
}

TEST_CASE("decimalYear and its inverse", "[date]") {
    CHECK(decimalYear(daysFromCivil(2026, 1, 1)) == Approx(2026.0));
    // 2026-07-01 is day 181 of 365: 2026 + 181/365.
    CHECK(decimalYear(daysFromCivil(2026, 7, 1)) == Approx(2026.0 + 181.0 / 365.0));
    // Leap year: 2024-07-01 is day 182 of 366.
    CHECK(decimalYear(daysFromCivil(2024, 7, 1)) == Approx(2024.0 + 182.0 / 366.0));
    // Noon of the last day of 2023: 364.5 / 365 through the year.
    CHECK(decimalYear(daysFromCivil(2023, 12, 31) + 0.5) == Approx(2023.0 + 364.5 / 365.0));
    CHECK(decimalYear(daysFromCivil(1969, 7, 2)) == Approx(1969.0 + 182.0 / 365.0));

    CHECK(timeFromDecimalYear(2026.0) == Approx(daysFromCivil(2026, 1, 1)));
    CHECK(timeFromDecimalYear(2024.5) == Approx(daysFromCivil(2024, 1, 1) + 183.0)); // half of 366 days
    for (Day d = daysFromCivil(1990, 1, 1); d < daysFromCivil(2040, 1, 1); d += 7) {
        const double t = d + 0.25;
        CHECK(timeFromDecimalYear(decimalYear(t)) == Approx(t).margin(1e-6));
    }
    // Monotonic across a year boundary.
    CHECK(decimalYear(daysFromCivil(2025, 12, 31)) < decimalYear(daysFromCivil(2026, 1, 1)));
}
