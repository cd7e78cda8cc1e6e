// Text forms of dates used by Domain METRICA (mosapi-api.md §5, §6.11):
// "YYYY-MM-DD" report dates and RFC 3339 date-times such as
// "2018-12-13T23:20:50.52Z" (`domainListGenerationDate`).
//
// Pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace tldmon::admin {

// "2025-01-01".
std::string FormatDate(const CivilDate& date);

// Parses an RFC 3339 §5.6 `date-time`: "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)",
// with a real calendar date (years 1970–9999), hours ≤ 23, minutes ≤ 59,
// seconds ≤ 60 (leap second), 1–9 fraction digits, offsets up to ±23:59; 'T'
// and 'Z' may be lower case (RFC 3339 §5.6 note). Returns the instant in Unix
// seconds (fraction dropped, offset applied), nullopt if malformed.
std::optional<UnixSeconds> ParseRfc3339(std::string_view text);

}  // namespace tldmon::admin
