// Incidents (slam-algorithms.md §7, E4, E5): FAIL consecutive Down cycles
// open one, starting at the cycle that completes the streak; inside it a Down
// cycle is recorded and resets the recovery count; RECOVER consecutive
// non-Down cycles (inconclusive included) close it at the end of the closing
// cycle. Pure functions over ServiceState.
#pragma once

#include <cstdint>
#include <vector>

#include "core/cycle_status.h"
#include "core/time.h"
#include "engine/engine_state.h"
#include "engine/sla_params.h"

namespace tldmon::engine {

enum class IncidentTransition { kNone, kOpened, kClosed };

// Adds a Down cycle to a run list, extending the last run when contiguous.
void AppendDownCycle(std::vector<CycleRun>& runs, UnixSeconds cycle, int cycle_seconds);

// Feeds one cycle's verdict to a service's state: updates last_cycle,
// last_status, the streak counters and the incident list. A new incident
// takes the id *next_event_id (which is then incremented). Returns what
// happened to the latest incident (service.incidents.back()).
IncidentTransition AdvanceIncidents(ServiceState& service, UnixSeconds cycle, CycleStatus status,
                                    const ServiceParams& params, std::uint64_t& next_event_id);

}  // namespace tldmon::engine
