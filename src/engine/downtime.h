// Downtime, rolling week and emergencyThreshold (slam-algorithms.md §8, E4,
// E6, E7). Downtime is derived from the incidents on demand, so setting or
// clearing a false-positive flag changes every figure immediately.
#pragma once

#include <span>
#include <string_view>

#include "core/time.h"
#include "engine/engine_state.h"

namespace tldmon::engine {

// An inclusive range of seconds [from, to].
struct TimeWindow {
  UnixSeconds from = 0;
  UnixSeconds to = 0;
};

// §8: the rolling week after the cycle starting at `cycle`:
// [cycle_end - rollweek_seconds + 1, cycle_end].
TimeWindow RollingWeek(UnixSeconds cycle, int cycle_seconds, int rollweek_seconds);

// Down cycles of a run whose start lies inside the window.
std::int64_t RunCyclesInWindow(const CycleRun& run, int cycle_seconds, const TimeWindow& w);

// §8 get_downtime: cycle_seconds for every Down cycle inside a non-false-
// positive incident and inside the window, floored to whole minutes. Down
// cycles outside incidents count nothing. `incidents` ascending, as stored.
int DowntimeMinutes(std::span<const Incident> incidents, int cycle_seconds, const TimeWindow& w);

// §8: round3(downtime * 100 / sla) as RSM's sprintf("%.3f") on the double
// quotient (round3.h): 1 of 240 => 0.417, 10 of 240 => 4.167, 15 of 1440 =>
// 1.042, and the exact binary tie 1 of 320 = 0.3125 => 0.312 (even digit).
double EmergencyThresholdPercent(int downtime_minutes, int sla_minutes);

// mosapi-api.md §6.3: "Disabled" if the service is not monitored; "Yes" iff
// the latest incident is active and not a false positive; else "No".
std::string_view Alarmed(bool enabled, std::span<const Incident> incidents);

}  // namespace tldmon::engine
