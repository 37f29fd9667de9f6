// Lifecycle of a scenario entity: status at time t from its dated stages (spec "Lifecycle").
#pragma once

#include "date.h"

#include <array>
#include <optional>
#include <string_view>

namespace buildout {

/// What an entity is at a moment. Absent: before its first known date.
enum class Status : unsigned char { Absent, Announced, Permitted, Construction, Operating, Retired, Cancelled };
inline constexpr int kStatusCount = 6; ///< statuses an entity can be in while present (all but Absent)

/// `announced`, `permitted`, `construction`, `operating`, `retired`, `cancelled` (`absent` for Absent).
const char* statusName(Status s);
/// The spec's status words, case-insensitive, including synonyms (`proposed`, `under construction`,
/// `operational`, `in service`, `online`...). Nullopt when the word is not one of them.
std::optional<Status> parseStatusWord(std::string_view word);
/// Index 0..5 of a present status (Announced = 0), for per-status tables.
inline int statusIndex(Status s) { return static_cast<int>(s) - 1; }
inline Status statusFromIndex(int i) { return static_cast<Status>(i + 1); }

struct Lifecycle {
    /// The dated stages, in the order the spec requires them to be non-decreasing.
    enum Stage { Announced, Permitted, Construction, Online, Retired, Cancelled, kStageCount };
    static const char* stageColumn(int stage); ///< CSV column name of a stage

    std::array<Day, kStageCount> dates{kNoDay, kNoDay, kNoDay, kNoDay, kNoDay, kNoDay};
    /// Status for the whole scenario when no date is known (from the `status` column, else Operating).
    Status undatedStatus = Status::Operating;

    bool hasDates() const;
    /// Earliest known date, or kNoDay when undated.
    Day firstDate() const;
    /// Absent before the first known date, then the status of the latest stage reached.
    Status statusAt(TimeDays t) const;
};

} // namespace buildout
