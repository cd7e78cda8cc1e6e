// Probe data is kept, compacted and deleted by UTC day (Store::CompactDay,
// DropProbeDataBefore). The rules both stores apply, from the last
// committed cycle of each test kind (engine::EngineState::last_cycle).
#pragma once

#include <array>
#include <optional>

#include "core/probe_report.h"
#include "core/status.h"
#include "core/time.h"
#include "engine/engine_state.h"

namespace tldmon::store {

inline constexpr UnixSeconds kDaySeconds = 86400;

// The UTC midnight at or before t.
constexpr UnixSeconds DayOf(UnixSeconds t) { return t - FloorMod(t, kDaySeconds); }

using LastCycles = std::array<UnixSeconds, kTestKindCount>;

// CompactDay's preconditions: `day` is a UTC midnight (InvalidArgument) and
// some test kind has committed a cycle after the day (FailedPrecondition).
Status CheckDayCompactable(UnixSeconds day, const LastCycles& last);

// Where DropProbeDataBefore(before) stops: the earlier of `before` and the
// day of the test kind furthest behind (its reports are still needed);
// nullopt when nothing was committed. `before` must be a UTC midnight.
std::optional<UnixSeconds> RetentionCutoff(UnixSeconds before, const LastCycles& last);

}  // namespace tldmon::store
