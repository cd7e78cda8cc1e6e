// The state object of a TLD or registrar: GET B/monitoring/state
// (mosapi-api.md §6.2). Pure; thread-safe.
#pragma once

#include <span>
#include <string>

#include "core/entity_id.h"
#include "core/service.h"
#include "engine/engine.h"
#include "documents/render_common.h"

namespace tldmon::documents {

// Renders the state document:
//   {"version","lastUpdateApiDatabase","tld"|"registrarID","status","testedServices":{...}}
// `services` is indexed by Index(Service); entries of services that do not
// exist in this tree (ServiceInTree) are ignored. testedServices keys come in
// SLAM's (alphabetical) order DNS, DNSSEC, EPP, RDAP, RDDS. A disabled service
// is exactly {"status":"Disabled"}; an enabled one is
// {"status","emergencyThreshold","incidents":[<week_incidents>]}.
//
// TLD status: "Down" iff a service is Down, else "Up". As in SLAM
// (update-api-data.pl computes it before dropping RDAP from the v1 copy), the
// v1 status also counts RDAP — documented quirk: a v1 state may say "Down"
// while every service it lists is up.
std::string RenderState(const EntityId& entity, const Envelope& env,
                        std::span<const engine::ServiceSummary, kServiceCount> services);

}  // namespace tldmon::documents
