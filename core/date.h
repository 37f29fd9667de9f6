// Calendar dates and continuous scenario time.
//
// A calendar day is stored as days since 1970-01-01 (proleptic Gregorian). Scenario time
// that animates is a double in the same unit, so 0.5 is noon of 1970-01-01. All date
// parsing is strict: only `YYYY`, `YYYY-MM` and `YYYY-MM-DD` are accepted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace buildout {

/// Days since 1970-01-01.
using Day = std::int32_t;
/// Continuous scenario time in days since 1970-01-01.
using TimeDays = double;

/// Marks a lifecycle date that is not known ("never").
inline constexpr Day kNoDay = INT32_MIN;

struct CivilDate {
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..31
};

Day daysFromCivil(int year, int month, int day);
CivilDate civilFromDays(Day days);

enum class DatePrecision { Year, Month, Full };

struct ParsedDate {
    Day day = 0;
    DatePrecision precision = DatePrecision::Full;
};

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (years 1000..9999). `2027` means 2027-01-01.
/// Returns nullopt and sets `why` (if given) for anything else, including surrounding blanks.
std::optional<ParsedDate> parseDate(std::string_view text, std::string* why = nullptr);

/// `YYYY-MM-DD`.
std::string formatDate(Day day);

/// Decimal year of a time, e.g. 2026.5 for early July 2026 (for chart axes).
double decimalYear(TimeDays t);
/// Inverse of decimalYear.
TimeDays timeFromDecimalYear(double year);

} // namespace buildout
