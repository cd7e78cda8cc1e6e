#include "engine/probe_online.h"

namespace tldmon::engine {

std::uint64_t ShiftMinuteHistory(std::uint64_t bits, UnixSeconds last, UnixSeconds minute) {
  if (last == kNever) return 0;
  const UnixSeconds shift = (minute - last) / 60;
  return shift >= kMinuteHistory ? 0 : bits << shift;
}

bool AllMinutesSet(std::uint64_t bits, UnixSeconds last, UnixSeconds first, int count) {
  if (last == kNever || count < 1) return false;
  const UnixSeconds final_minute = first + 60 * static_cast<UnixSeconds>(count - 1);
  if (final_minute > last) return false;
  const UnixSeconds oldest = (last - first) / 60;  // bit index of `first`
  if (oldest >= kMinuteHistory) return false;
  for (UnixSeconds m = first; m <= final_minute; m += 60) {
    if (((bits >> ((last - m) / 60)) & 1U) == 0) return false;
  }
  return true;
}

void AdvanceProbeMinute(ProbeState& probe, UnixSeconds minute, const ProbeMinuteSample* sample,
                        int online_delay_seconds) {
  const bool skipped = probe.last_minute != kNever && minute - probe.last_minute > 60;
  probe.minute_bits = ShiftMinuteHistory(probe.minute_bits, probe.last_minute, minute);
  probe.last_minute = minute;
  if (skipped) probe.success_run_start = kNever;
  if (sample == nullptr) {
    probe.success_run_start = kNever;
    return;
  }
  if (sample->check_ok) {
    if (probe.success_run_start == kNever) probe.success_run_start = minute;
    if (!probe.auto_online && minute - probe.success_run_start >= online_delay_seconds) {
      probe.auto_online = true;
    }
  } else {
    probe.auto_online = false;
    probe.success_run_start = kNever;
  }
  if (probe.auto_online && sample->manual_online && sample->reachable) probe.minute_bits |= 1U;
}

bool OnlineForCycle(const ProbeState& probe, UnixSeconds cycle, int cycle_seconds) {
  return AllMinutesSet(probe.minute_bits, probe.last_minute, cycle, cycle_seconds / 60);
}

}  // namespace tldmon::engine
