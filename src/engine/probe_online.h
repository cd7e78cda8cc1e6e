// Probe online determination (slam-algorithms.md §3): per minute a probe is
// ONLINE iff it is reachable, manually ONLINE and its automatic status (root
// SOA check with hysteresis) is ONLINE; per cycle it is online iff ONLINE in
// every minute of the cycle. Pure functions over ProbeState.
#pragma once

#include <cstdint>

#include "core/time.h"
#include "engine/engine.h"
#include "engine/engine_state.h"

namespace tldmon::engine {

// Minutes a bit history remembers (ProbeState::minute_bits).
inline constexpr int kMinuteHistory = 64;

// Shifts a minute bit history (bit i = minute last - 60*i) so that bit 0 is
// `minute` (> last, both multiples of 60), with the new bit 0 clear; minutes
// skipped in between are clear too.
std::uint64_t ShiftMinuteHistory(std::uint64_t bits, UnixSeconds last, UnixSeconds minute);

// Whether every minute of [first, first + 60*count) has its bit set in a
// history whose bit 0 is `last`. False when a minute lies after `last` or
// beyond the remembered history.
bool AllMinutesSet(std::uint64_t bits, UnixSeconds last, UnixSeconds first, int count);

// Advances one probe to `minute` (slam-algorithms.md §3). `sample` is null when
// the probe is absent from the minute's samples: OFFLINE that minute, and its
// run of successful checks is broken. Minutes skipped since the probe's last
// minute count as absent. Automatic hysteresis (project default of §3.1): once
// OFFLINE, ONLINE again at the first successful check taken at least
// `online_delay_seconds` after the first success of the current unbroken run.
void AdvanceProbeMinute(ProbeState& probe, UnixSeconds minute, const ProbeMinuteSample* sample,
                        int online_delay_seconds);

// Online for the whole cycle starting at `cycle` (every minute ONLINE; a
// minute never recorded counts as OFFLINE).
bool OnlineForCycle(const ProbeState& probe, UnixSeconds cycle, int cycle_seconds);

}  // namespace tldmon::engine
