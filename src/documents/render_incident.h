// Incident objects of a service (mosapi-api.md §6.5): the incident list,
// one incident's state, its falsePositive flag and its measurement list.
// Pure; thread-safe.
#pragma once

#include <span>
#include <string>

#include "core/time.h"
#include "engine/engine_state.h"
#include "documents/render_common.h"

namespace tldmon::documents {

// GET .../incidents (project default): {"version","lastUpdateApiDatabase",
// "incidents":[<summary>...]} with every given incident, ordered by startTime
// ascending (ties keep their input order).
std::string RenderIncidentList(const Envelope& env, std::span<const engine::Incident> incidents);

// GET .../incidents/<id>/state: the single incident inside an "incidents"
// array, as SLAM's state file has it.
std::string RenderIncidentState(const Envelope& env, const engine::Incident& incident);

// GET .../incidents/<id>/falsePositive: {"version","lastUpdateApiDatabase",
// "falsePositive":bool,"updateTime":<when the flag last changed>|null}.
std::string RenderFalsePositive(const Envelope& env, const engine::Incident& incident);

// GET .../incidents/<id>/measurements (project default):
// {"version","lastUpdateApiDatabase","measurements":["<cycle>.<eventID>.json",...]}
// listing every cycle of the incident, oldest first: from startTime up to the
// closing cycle (the one whose last second is endTime) or, while the incident
// is active, up to `last_cycle` (start of the last processed cycle of the
// service). SLAM copies exactly these cycles (update-api-data.pl).
std::string RenderIncidentMeasurements(const Envelope& env, const engine::Incident& incident,
                                       int cycle_seconds, UnixSeconds last_cycle);

// "<cycle>.<eventID>.json": one element of the list above.
std::string IncidentMeasurementName(UnixSeconds cycle, const engine::Incident& incident);

}  // namespace tldmon::documents
