// startDate/endDate query parameters (mosapi-api.md §6.11, §7). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/api_error.h"
#include "api/query.h"
#include "core/time.h"

namespace tldmon::api {

// Which spellings a parameter accepts.
enum class DateForms {
  kDateOnly,            // "YYYY-MM-DD" (METRICA, §6.11)
  kDateOrUnixSeconds,   // also a plain decimal Unix time ("1767225600")
};

struct DateParam {
  UnixSeconds seconds = 0;  // midnight UTC for the date form
  bool is_date = false;
};

// "YYYY-MM-DD" (a real calendar date, year 1970–9999) → midnight UTC; with
// kDateOrUnixSeconds also 1–11 decimal digits without sign. nullopt otherwise.
std::optional<DateParam> ParseDateParam(std::string_view text, DateForms forms);

struct DateRange {
  UnixSeconds start = 0;
  UnixSeconds end = 0;
};

struct DateRangeResult {
  DateRange range;
  ApiErrorKind error = ApiErrorKind::kNone;
  std::string description;  // the offending value(s)
  bool ok() const { return error == ApiErrorKind::kNone; }
};

// The startDate/endDate pair of `query`, checked in the order of §6.11's
// project default: startDate syntax (2013), endDate syntax (2014), order
// (2012), span (2011: end − start > max_days days). A missing endDate is
// today (midnight UTC of `now`), a missing startDate is endDate − max_days.
DateRangeResult ParseDateRange(const QueryParams& query, UnixSeconds now, DateForms forms,
                               int max_days = 31);

}  // namespace tldmon::api
