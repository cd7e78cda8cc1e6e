#include "engine/incident_tracker.h"

namespace tldmon::engine {

void AppendDownCycle(std::vector<CycleRun>& runs, UnixSeconds cycle, int cycle_seconds) {
  if (!runs.empty()) {
    CycleRun& last = runs.back();
    if (last.first + static_cast<UnixSeconds>(last.count) * cycle_seconds == cycle) {
      ++last.count;
      return;
    }
  }
  runs.push_back(CycleRun{cycle, 1});
}

IncidentTransition AdvanceIncidents(ServiceState& service, UnixSeconds cycle, CycleStatus status,
                                    const ServiceParams& params, std::uint64_t& next_event_id) {
  service.last_cycle = cycle;
  service.last_status = status;
  const bool down = IsDown(status);
  const bool in_incident = !service.incidents.empty() && service.incidents.back().active();

  if (!in_incident) {
    service.recover_streak = 0;
    if (!down) {
      service.down_streak = 0;
      return IncidentTransition::kNone;
    }
    if (++service.down_streak < params.fail_cycles) return IncidentTransition::kNone;
    // §7: the cycle completing the FAIL streak starts the incident and is its
    // first Down cycle; the earlier FAIL-1 Down cycles stay outside it.
    Incident incident;
    incident.event_id = next_event_id++;
    incident.start_time = cycle;
    AppendDownCycle(incident.down_cycles, cycle, params.cycle_seconds);
    service.incidents.push_back(std::move(incident));
    service.down_streak = 0;
    return IncidentTransition::kOpened;
  }

  Incident& incident = service.incidents.back();
  if (down) {
    AppendDownCycle(incident.down_cycles, cycle, params.cycle_seconds);
    service.recover_streak = 0;
    return IncidentTransition::kNone;
  }
  if (++service.recover_streak < params.recover_cycles) return IncidentTransition::kNone;
  incident.end_time = CycleEnd(cycle, params.cycle_seconds);
  service.recover_streak = 0;
  service.down_streak = 0;
  return IncidentTransition::kClosed;
}

}  // namespace tldmon::engine
