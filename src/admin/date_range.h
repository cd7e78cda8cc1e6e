// The optional startDate/endDate pair of list endpoints, validated in the
// order of mosapi-api.md §6.11's project default, with the HTTP/400 codes of
// §7:
//   1. startDate syntax            → 2013 "Invalid startDate"
//   2. endDate syntax              → 2014 "Invalid endDate"
//   3. endDate before startDate    → 2012 "endDate is before startDate"
//   4. endDate − startDate > 31 d  → 2011 "Date range exceeds 31 days"
// A missing endDate is "now" (for dates: today, UTC); a missing startDate is
// endDate − 31 days. Shared by METRICA `domainLists` (YYYY-MM-DD) and the
// incident list's optional filters (Unix seconds, see docs/formats/
// metrica-import.md "Date ranges" for why the 31-day rule applies there too).
//
// Pure and thread-safe; "now" is a parameter.
#pragma once

#include <optional>
#include <string_view>

#include "admin/extended_error.h"
#include "core/status.h"
#include "core/time.h"

namespace tldmon::admin {

inline constexpr int kMaxDateRangeDays = 31;

enum class DateForm {
  kCalendarDate,  // "YYYY-MM-DD", a real calendar date, years 1970–9999 (METRICA)
  kUnixSeconds,   // 1–12 decimal digits, no sign, at most 253402300799 (9999-12-31T23:59:59Z)
};

// Both ends inclusive. For kCalendarDate each end is the date's midnight UTC,
// so a date D is in the range iff start ≤ midnight(D) ≤ end.
struct DateRange {
  UnixSeconds start = 0;
  UnixSeconds end = 0;
  bool Contains(UnixSeconds t) const { return start <= t && t <= end; }
  friend bool operator==(const DateRange&, const DateRange&) = default;
};

// `start_text` / `end_text` are the raw query values; nullopt = parameter
// absent (present but empty is a syntax error). On error, `description` is
// the offending value for 2013/2014 and "startDate=…, endDate=…" (defaulted
// ends marked "(default)") for 2011/2012.
Result<DateRange, ExtendedError> ValidateDateRange(std::optional<std::string_view> start_text,
                                             std::optional<std::string_view> end_text,
                                             DateForm form, UnixSeconds now);

// One parameter in the given form (midnight UTC for a date); nullopt if
// malformed.
std::optional<UnixSeconds> ParseDateParameter(std::string_view text, DateForm form);

}  // namespace tldmon::admin
