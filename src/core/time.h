// Time vocabulary. All times are Unix seconds, UTC. Cycles are epoch-aligned
// (slam-algorithms.md §2): a cycle is named by its start.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tldmon {

using UnixSeconds = std::int64_t;

inline constexpr UnixSeconds kSecondsPerDay = 86400;
// An upper bound for "until now and on" ranges.
inline constexpr UnixSeconds kEndOfTime = INT64_MAX;

// Floor modulo, correct for negative t as well.
constexpr std::int64_t FloorMod(std::int64_t a, std::int64_t b) {
  std::int64_t r = a % b;
  return r < 0 ? r + b : r;
}

// cycle_start(t) = t - (t mod delay)    (slam-algorithms.md §2)
constexpr UnixSeconds CycleStart(UnixSeconds t, int delay) { return t - FloorMod(t, delay); }
// cycle_end(t) = cycle_start(t) + delay - 1: the cycle's last second.
constexpr UnixSeconds CycleEnd(UnixSeconds t, int delay) {
  return CycleStart(t, delay) + delay - 1;
}

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// UTC calendar date of t (proleptic Gregorian).
CivilDate ToCivilDate(UnixSeconds t);
// Unix seconds of 00:00:00 UTC on the given date.
UnixSeconds FromCivilDate(const CivilDate& d);
// First second of the UTC month containing t, and of the month after it.
UnixSeconds MonthStart(UnixSeconds t);
UnixSeconds NextMonthStart(UnixSeconds t);

// "2026-01-01T00:00:00Z". Seconds precision.
std::string FormatIso8601(UnixSeconds t);
// Accepts "YYYY-MM-DDTHH:MM:SSZ", "YYYY-MM-DDTHH:MMZ", "YYYY-MM-DD" (midnight)
// or a plain integer of Unix seconds. nullopt when malformed or out of range.
std::optional<UnixSeconds> ParseTime(std::string_view text);
// Strict "YYYY-MM-DD" with a real calendar date.
std::optional<CivilDate> ParseDate(std::string_view text);

}  // namespace tldmon
