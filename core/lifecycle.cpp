// Status of an entity at a time, and the spec's status vocabulary.
#include "lifecycle.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace buildout {

const char* statusName(Status s) {
    switch (s) {
    case Status::Absent: return "absent";
    case Status::Announced: return "announced";
    case Status::Permitted: return "permitted";
    case Status::Construction: return "construction";
    case Status::Operating: return "operating";
    case Status::Retired: return "retired";
    case Status::Cancelled: return "cancelled";
    }
    return "absent";
}

std::optional<Status> parseStatusWord(std::string_view word) {
    std::string w;
    w.reserve(word.size());
    for (char c : word) w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    // Trim blanks so " operating" in a hand-edited CSV is not rejected.
    const auto b = w.find_first_not_of(" \t");
    const auto e = w.find_last_not_of(" \t");
    w = b == std::string::npos ? std::string() : w.substr(b, e - b + 1);
    if (w == "announced" || w == "proposed") return Status::Announced;
    if (w == "permitted") return Status::Permitted;
    if (w == "construction" || w == "under construction" || w == "under-construction") return Status::Construction;
    if (w == "operating" || w == "operational" || w == "in service" || w == "online") return Status::Operating;
    if (w == "retired") return Status::Retired;
    if (w == "cancelled") return Status::Cancelled;
    return std::nullopt;
}

const char* Lifecycle::stageColumn(int stage) {
    static constexpr const char* kNames[kStageCount] = {"announced", "permitted", "construction",
                                                        "online",    "retired",   "cancelled"};
    return kNames[stage];
}

bool Lifecycle::hasDates() const {
    return std::any_of(dates.begin(), dates.end(), [](Day d) { return d != kNoDay; });
}

Day Lifecycle::firstDate() const {
    Day first = kNoDay;
    for (Day d : dates)
        if (d != kNoDay && (first == kNoDay || d < first)) first = d;
    return first;
}

Status Lifecycle::statusAt(TimeDays t) const {
    if (!hasDates()) return undatedStatus;
    // Dates are validated non-decreasing in stage order, so the latest stage reached is the last
    // stage whose date is <= t. (Retired and Cancelled are alternatives; whichever is reached last wins.)
    int reached = -1;
    Day reachedDay = kNoDay;
    for (int s = 0; s < kStageCount; ++s) {
        const Day d = dates[static_cast<size_t>(s)];
        if (d != kNoDay && d <= t && (reached < 0 || d >= reachedDay)) {
            reached = s;
            reachedDay = d;
        }
    }
    if (reached < 0) return Status::Absent;
    static constexpr Status kStageStatus[kStageCount] = {Status::Announced, Status::Permitted,
                                                         Status::Construction, Status::Operating,
                                                         Status::Retired, Status::Cancelled};
    return kStageStatus[reached];
}

} // namespace buildout
