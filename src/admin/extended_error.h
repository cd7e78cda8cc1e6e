// HTTP/400 "extended error" answers of MoSAPI (mosapi-api.md §7): a result
// code, a short message and a description of the offending value, rendered as
// {"resultCode": n, "message": "...", "description": "..."} (§5).
//
// The messages are the project defaults of §7. Plain values; thread-compatible.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace tldmon::admin {

// The result codes tldmon emits (§7). 2016 is known to exist but is not
// emitted (its meaning is unknown).
enum class ResultCode : int {
  kInvalidInput = 2001,  // provisional, maintenance windows only
  kEndTimeNotAfterStart = 2007,
  kDateRangeTooLong = 2011,
  kEndDateBeforeStartDate = 2012,
  kInvalidStartDate = 2013,
  kInvalidEndDate = 2014,
};

// "Invalid input", "endTime must be after startTime", "Date range exceeds 31
// days", "endDate is before startDate", "Invalid startDate", "Invalid endDate".
std::string_view ResultCodeMessage(ResultCode code);

// Longest description kept (bytes); longer ones are cut at a UTF-8 boundary
// and end in "...", so an attacker-sized value never comes back in full.
inline constexpr std::size_t kMaxDescriptionBytes = 200;

struct ExtendedError {
  ResultCode code = ResultCode::kInvalidInput;
  std::string description;  // the offending value, or what is wrong with it

  int result_code() const { return static_cast<int>(code); }
  std::string_view message() const { return ResultCodeMessage(code); }
  friend bool operator==(const ExtendedError&, const ExtendedError&) = default;
};

// {"resultCode":2013,"message":"Invalid startDate","description":"2025-13-01"}
// resultCode is a JSON number (§5 project default). The description is
// truncated to kMaxDescriptionBytes; invalid UTF-8 in it is replaced (U+FFFD).
std::string RenderExtendedError(const ExtendedError& error);

}  // namespace tldmon::admin
