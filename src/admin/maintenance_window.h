// A maintenance window (mosapi-api.md §6.7, project default): a period,
// announced by a registry, during which SLAM's 10 % emergency-threshold alert
// is suppressed for RDDS, RDAP and EPP. It never changes downtime.
//
// Object: {"version":2,"scheduleID":"q1-rdds-upgrade","name":"…",
// "description":"…","startTime":1767225600,"endTime":1767232800}, times in
// Unix seconds UTC. The window covers [startTime, endTime).
//
// Plain data; pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "admin/extended_error.h"
#include "core/status.h"
#include "core/time.h"

namespace tldmon::admin {

// Limits of §6.7's project default (placeholders until the spec's numbers
// are known). Lengths of name/description count Unicode code points.
inline constexpr std::size_t kMaxScheduleIdLength = 64;
inline constexpr std::size_t kMaxWindowNameLength = 100;
inline constexpr std::size_t kMaxWindowDescriptionLength = 1000;
inline constexpr std::size_t kMaxMaintenanceRequestBytes = 64 * 1024;
inline constexpr UnixSeconds kMaxWindowTime = 253402300799;  // 9999-12-31T23:59:59Z

struct MaintenanceWindow {
  std::string schedule_id;  // 1–64 of [A-Za-z0-9._-], chosen by the client
  std::string name;         // 1–100 code points, no control characters
  std::string description;  // 0–1000 code points; tab, CR, LF allowed
  UnixSeconds start_time = 0;
  UnixSeconds end_time = 0;  // > start_time

  bool Covers(UnixSeconds t) const { return start_time <= t && t < end_time; }
  friend bool operator==(const MaintenanceWindow&, const MaintenanceWindow&) = default;
};

bool IsValidScheduleId(std::string_view id);

// nullopt if `window` satisfies every rule above; otherwise the HTTP/400
// answer: 2007 when only the time order is wrong (endTime <= startTime),
// 2001 for anything else (checked first).
std::optional<ExtendedError> CheckMaintenanceWindow(const MaintenanceWindow& window);

// The body of `PUT|POST .../maintenance/<scheduleID>`: a JSON object with
// name, description, startTime, endTime (required) and version (must be 2)
// and scheduleID (must equal `path_schedule_id`) optional; other members are
// rejected (a misspelt field must not be silently dropped). Body at most
// kMaxMaintenanceRequestBytes. Every failure is 2001 "Invalid input" with the
// offending field in the description, except endTime <= startTime (2007,
// description "startTime=…, endTime=…"), reported only once the body is
// otherwise valid.
Result<MaintenanceWindow, ExtendedError> ParseMaintenanceWindowRequest(std::string_view body,
                                                                 std::string_view path_schedule_id);

// The object above, compact, fields in that order.
std::string RenderMaintenanceWindow(const MaintenanceWindow& window);

}  // namespace tldmon::admin
