#include "store/probe_data_days.h"

#include <algorithm>
#include <string>

namespace tldmon::store {

Status CheckDayCompactable(UnixSeconds day, const LastCycles& last) {
  if (FloorMod(day, kDaySeconds) != 0)
    return InvalidArgument("day " + std::to_string(day) + " is not a UTC midnight");
  UnixSeconds newest = engine::kNever;
  for (UnixSeconds c : last) newest = std::max(newest, c);
  if (newest < day + kDaySeconds)
    return FailedPrecondition(
        "day " + FormatIso8601(day) + " is not finished: the newest committed cycle is " +
        (newest == engine::kNever ? std::string("none") : FormatIso8601(newest)));
  return Status::Ok();
}

std::optional<UnixSeconds> RetentionCutoff(UnixSeconds before, const LastCycles& last) {
  std::optional<UnixSeconds> slowest;
  for (UnixSeconds c : last)
    if (c != engine::kNever) slowest = slowest ? std::min(*slowest, c) : c;
  if (!slowest) return std::nullopt;
  return std::min(before, DayOf(*slowest));
}

}  // namespace tldmon::store
