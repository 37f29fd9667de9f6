// Strict ISO 8601 calendar date parsing and civil-date arithmetic.
#include "date.h"

#include <cmath>
#include <cstdio>

namespace buildout {

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain description).
Day daysFromCivil(int year, int month, int day) {
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int mp = (month + 9) % 12;
    const int doy = (153 * mp + 2) / 5 + day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate civilFromDays(Day days) {
    const int z = days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

namespace {

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

bool digits(std::string_view s, size_t pos, size_t count, int& out) {
    if (pos + count > s.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

} // namespace

std::optional<ParsedDate> parseDate(std::string_view s, std::string* why) {
    auto fail = [&](const char* reason) -> std::optional<ParsedDate> {
        if (why) *why = reason;
        return std::nullopt;
    };
    int y = 0, m = 1, d = 1;
    if (s.size() != 4 && s.size() != 7 && s.size() != 10)
        return fail("expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
    if (!digits(s, 0, 4, y)) return fail("expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
    if (y < 1000) return fail("year must have four digits (1000-9999)");
    DatePrecision p = DatePrecision::Year;
    if (s.size() >= 7) {
        if (s[4] != '-' || !digits(s, 5, 2, m)) return fail("expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
        if (m < 1 || m > 12) return fail("month out of range (01-12)");
        p = DatePrecision::Month;
    }
    if (s.size() == 10) {
        if (s[7] != '-' || !digits(s, 8, 2, d)) return fail("expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
        if (d < 1 || d > daysInMonth(y, m)) return fail("day out of range for that month");
        p = DatePrecision::Full;
    }
    return ParsedDate{daysFromCivil(y, m, d), p};
}

std::string formatDate(Day day) {
    const CivilDate c = civilFromDays(day);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
}

double decimalYear(TimeDays t) {
    const Day whole = static_cast<Day>(std::floor(t));
    const int y = civilFromDays(whole).year;
    const Day start = daysFromCivil(y, 1, 1);
    const Day next = daysFromCivil(y + 1, 1, 1);
    return y + (t - start) / static_cast<double>(next - start);
}

TimeDays timeFromDecimalYear(double year) {
    const int y = static_cast<int>(std::floor(year));
    const Day start = daysFromCivil(y, 1, 1);
    const Day next = daysFromCivil(y + 1, 1, 1);
    return start + (year - y) * (next - start);
}

} // namespace buildout
