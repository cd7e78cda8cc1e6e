#include "engine/downtime.h"

#include <algorithm>

#include "engine/round3.h"

namespace tldmon::engine {
namespace {

// Floor division for possibly negative numerators.
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

}  // namespace

TimeWindow RollingWeek(UnixSeconds cycle, int cycle_seconds, int rollweek_seconds) {
  const UnixSeconds end = CycleEnd(cycle, cycle_seconds);
  return {end - rollweek_seconds + 1, end};
}

std::int64_t RunCyclesInWindow(const CycleRun& run, int cycle_seconds, const TimeWindow& w) {
  if (run.count == 0 || w.to < w.from) return 0;
  // Cycle k of the run starts at first + k*delay; keep from <= start <= to.
  const std::int64_t lo = std::max<std::int64_t>(0, -FloorDiv(run.first - w.from, cycle_seconds));
  const std::int64_t hi = std::min<std::int64_t>(static_cast<std::int64_t>(run.count) - 1,
                                                 FloorDiv(w.to - run.first, cycle_seconds));
  return hi >= lo ? hi - lo + 1 : 0;
}

int DowntimeMinutes(std::span<const Incident> incidents, int cycle_seconds, const TimeWindow& w) {
  std::int64_t seconds = 0;
  for (auto it = incidents.rbegin(); it != incidents.rend(); ++it) {
    const Incident& incident = *it;
    if (incident.down_cycles.empty()) continue;
    const CycleRun& last = incident.down_cycles.back();
    const UnixSeconds last_down =
        last.first + (static_cast<UnixSeconds>(last.count) - 1) * cycle_seconds;
    // Incidents are ascending and disjoint: everything earlier ends before.
    if (last_down < w.from) break;
    if (incident.false_positive || incident.start_time > w.to) continue;
    for (const CycleRun& run : incident.down_cycles) {
      seconds += RunCyclesInWindow(run, cycle_seconds, w) * cycle_seconds;
    }
  }
  return static_cast<int>(seconds / 60);
}

double EmergencyThresholdPercent(int downtime_minutes, int sla_minutes) {
  if (sla_minutes <= 0 || downtime_minutes <= 0) return 0;
  // RSM divides in doubles and prints "%.3f" (round3.h): the quotient must
  // be the same double RSM's Perl computes before it is rounded.
  return Round3(static_cast<double>(downtime_minutes) * 100.0 / static_cast<double>(sla_minutes));
}

std::string_view Alarmed(bool enabled, std::span<const Incident> incidents) {
  if (!enabled) return "Disabled";
  if (!incidents.empty() && incidents.back().active() && !incidents.back().false_positive) {
    return "Yes";
  }
  return "No";
}

}  // namespace tldmon::engine
