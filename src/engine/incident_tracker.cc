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

namespace {

// Opens an incident at `cycle`, the cycle completing the FAIL streak (§7):
// it is the incident's first Down cycle; the earlier FAIL-1 Down cycles stay
// outside it.
void OpenIncident(ServiceState& service, UnixSeconds cycle, const ServiceParams& params,
                  std::uint64_t& next_event_id) {
  Incident incident;
  incident.event_id = next_event_id++;
  incident.start_time = cycle;
  AppendDownCycle(incident.down_cycles, cycle, params.cycle_seconds);
  service.incidents.push_back(std::move(incident));
  service.recover_streak = 0;
}

}  // namespace

IncidentTransition AdvanceIncidents(ServiceState& service, UnixSeconds cycle, CycleStatus status,
                                    const ServiceParams& params, std::uint64_t& next_event_id) {
  service.last_cycle = cycle;
  service.last_status = status;
  const bool down = IsDown(status);
  const bool in_incident = !service.incidents.empty() && service.incidents.back().active();
  // The trigger's condition, "the last FAIL values are all Down", is
  // followed in and out of incidents: a false-positive incident needs it.
  service.down_streak = down ? service.down_streak + 1 : 0;

  if (!in_incident) {
    service.recover_streak = 0;
    if (service.down_streak < params.fail_cycles) return IncidentTransition::kNone;
    OpenIncident(service, cycle, params, next_event_id);
    return IncidentTransition::kOpened;
  }

  Incident& incident = service.incidents.back();
  if (down) {
    service.recover_streak = 0;
    if (incident.false_positive && service.down_streak >= params.fail_cycles) {
      // §7, issue 8 C7: a new problem event replaces an active false-positive
      // incident (RSM get_incidents: "replace with current"). The FP incident
      // keeps its listing and ends with the previous cycle; the new one is a
      // normal incident starting at this cycle.
      incident.end_time = cycle - 1;
      OpenIncident(service, cycle, params, next_event_id);
      return IncidentTransition::kReplaced;
    }
    AppendDownCycle(incident.down_cycles, cycle, params.cycle_seconds);
    return IncidentTransition::kNone;
  }
  if (++service.recover_streak < params.recover_cycles) return IncidentTransition::kNone;
  incident.end_time = CycleEnd(cycle, params.cycle_seconds);
  service.recover_streak = 0;
  return IncidentTransition::kClosed;
}

}  // namespace tldmon::engine
