// Per-cycle service availability (slam-algorithms.md §5, E2): the guards in
// order (reconfig, no probes, no data) and the "> 49 %" rule. Pure functions.
#pragma once

#include <span>

#include "core/cycle_status.h"
#include "core/time.h"

namespace tldmon::engine {

// §5.1: a configuration change at tc makes every cycle overlapping
// [m, m + reconfig_seconds) Up-inconclusive-reconfig, where m is the start of
// the minute holding tc: RSM rounds the change time down to its minute
// (reconfig_time_start = cycle_start(config_time, 60), window end
// cycle_end(config_time + (RECONFIG_MINUTES - 1) * 60, 60)), so a change at
// 00:05:30 covers the DNS cycles 00:05 .. 00:24, not 00:25.
bool Reconfigured(std::span<const UnixSeconds> config_times, UnixSeconds cycle_start,
                  int cycle_seconds, int reconfig_seconds);

struct CycleCounts {
  int online = 0;        // capable probes online for the whole cycle
  int with_results = 0;  // of those, probes with a report
  int positive = 0;      // of those, probes whose test was positive
};

// §5: reconfig => 4; online < min_online => 3; with_results < min_online => 2
// (the caller processes cycles after the grace period, so there is no
// "wait" outcome); else Up iff 100*positive/with_results > limit (strictly:
// 50 % is Up, 49 % is Down with the default limit 49).
CycleStatus CycleVerdict(bool reconfigured, const CycleCounts& counts, int min_online,
                         double unavailability_limit);

}  // namespace tldmon::engine
