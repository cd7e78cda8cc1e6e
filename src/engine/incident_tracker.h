// Incidents (slam-algorithms.md §7, E4, E5): FAIL consecutive Down cycles
// open one, starting at the cycle that completes the streak; inside it a Down
// cycle is recorded and resets the recovery count; RECOVER consecutive
// non-Down cycles (inconclusive included) close it at the end of the closing
// cycle. While the open incident is a false positive, a Down cycle that ends
// FAIL consecutive Down cycles is a new problem event: the FP incident ends
// with the previous cycle and a new incident opens (§7 "replaced by the new
// one", issue 8 C7). Pure functions over ServiceState.
#pragma once

#include <cstdint>
#include <vector>

#include "core/cycle_status.h"
#include "core/time.h"
#include "engine/engine_state.h"
#include "engine/sla_params.h"

namespace tldmon::engine {

// kReplaced: the false-positive incident before the latest one was closed
// and the latest one opened, in this cycle.
enum class IncidentTransition { kNone, kOpened, kClosed, kReplaced };

// Adds a Down cycle to a run list, extending the last run when contiguous.
void AppendDownCycle(std::vector<CycleRun>& runs, UnixSeconds cycle, int cycle_seconds);

// Feeds one cycle's verdict to a service's state: updates last_cycle,
// last_status, the streak counters and the incident list. A new incident
// takes the id *next_event_id (which is then incremented). Returns what
// happened to the latest incident (service.incidents.back()) and, for
// kReplaced, to the one before it.
IncidentTransition AdvanceIncidents(ServiceState& service, UnixSeconds cycle, CycleStatus status,
                                    const ServiceParams& params, std::uint64_t& next_event_id);

}  // namespace tldmon::engine
