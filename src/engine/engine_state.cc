#include "engine/engine_state.h"

#include <string>

namespace tldmon::engine {

// mosapi-api.md §6.5: incidentID = "<startTime>.<eventID>".
std::string Incident::Id() const {
  return std::to_string(start_time) + "." + std::to_string(event_id);
}

}  // namespace tldmon::engine
