#include "engine/cycle_verdict.h"

namespace tldmon::engine {

bool Reconfigured(std::span<const UnixSeconds> config_times, UnixSeconds cycle_start,
                  int cycle_seconds, int reconfig_seconds) {
  const UnixSeconds cycle_end = cycle_start + cycle_seconds - 1;
  for (UnixSeconds tc : config_times) {
    const UnixSeconds from = CycleStart(tc, 60);
    if (from <= cycle_end && from + reconfig_seconds > cycle_start) return true;
  }
  return false;
}

CycleStatus CycleVerdict(bool reconfigured, const CycleCounts& counts, int min_online,
                         double unavailability_limit) {
  if (reconfigured) return CycleStatus::kUpInconclusiveReconfig;
  if (counts.online < min_online) return CycleStatus::kUpInconclusiveNoProbes;
  if (counts.with_results < min_online || counts.with_results <= 0) {
    return CycleStatus::kUpInconclusiveNoData;
  }
  // Compared without division so integer percentages are exact.
  return 100.0 * counts.positive > unavailability_limit * counts.with_results ? CycleStatus::kUp
                                                                              : CycleStatus::kDown;
}

}  // namespace tldmon::engine
