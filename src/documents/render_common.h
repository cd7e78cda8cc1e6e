// Pieces shared by every MoSAPI document renderer: the API version of a tree,
// the envelope fields, the entity id field and incident summaries
// (mosapi-api.md §5, §6.5). All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/cycle_status.h"
#include "core/entity_id.h"
#include "core/service.h"
#include "core/time.h"
#include "engine/engine_state.h"
#include "documents/json_writer.h"

namespace tldmon::documents {

// SLAM writes a `v1` and a `v2` tree (mosapi-api.md §2.2, §6.10).
enum class ApiVersion : std::uint8_t { kV1 = 1, kV2 = 2 };

// "v1" or "v2" (the path segment).
std::string_view VersionSegment(ApiVersion v);

// The two fields every SLAM-derived object starts with (mosapi-api.md §5).
struct Envelope {
  ApiVersion version = ApiVersion::kV2;
  // lastUpdateApiDatabase: when the monitoring data was last refreshed. A
  // parameter, never the clock (rendering is pure).
  UnixSeconds last_update = 0;
};

// Writes "version":n,"lastUpdateApiDatabase":t into the open object.
void WriteEnvelope(JsonWriter& w, const Envelope& env);
// Writes "tld":"<tld>" (registry) or "registrarID":<n> as a JSON number
// (registrar; mosapi-api.md §5 project default). A registrar id that is not
// a valid IANA id (EntityId::ValidateId) is a caller bug and renders as 0.
void WriteEntityField(JsonWriter& w, const EntityId& entity);

// Whether `service` exists in that entity kind's tree of that version:
// registries v2 all five services, v1 all but RDAP; registrars v2 RDDS and
// RDAP, v1 RDDS only (mosapi-api.md §2.2, §6.2, §6.10).
bool ServiceInTree(EntityKind kind, ApiVersion v, Service service);

// The cycle status label of that tree: v1 has no Up-inconclusive-reconfig and
// shows Up-inconclusive-no-data instead (mosapi-api.md §6.10).
std::string_view StatusLabel(CycleStatus s, ApiVersion v);

// "<startTime>.<eventID>" (mosapi-api.md §6.5), without needing engine.cc.
std::string IncidentIdOf(const engine::Incident& incident);

// {"incidentID","startTime","endTime","falsePositive","state"} with endTime
// null and state "Active" while the incident is open (mosapi-api.md §6.5).
void WriteIncidentSummary(JsonWriter& w, const engine::Incident& incident);

}  // namespace tldmon::documents
