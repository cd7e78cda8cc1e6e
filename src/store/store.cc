#include "store/store.h"

namespace tldmon::store {

std::string IncidentIdOf(const engine::Incident& incident) {
  // mosapi-api.md §6.5: incidentID = "<startTime>.<eventId>".
  return std::to_string(incident.start_time) + "." + std::to_string(incident.event_id);
}

}  // namespace tldmon::store
