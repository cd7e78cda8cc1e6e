// Per-service alarm and downtime objects: GET B/monitoring/<service>/alarmed
// and .../downtime (mosapi-api.md §6.3, §6.4). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "engine/engine.h"
#include "documents/render_common.h"

namespace tldmon::documents {

// "Yes", "No" or "Disabled" for a service summary: "Disabled" when the
// service is not enabled; otherwise summary.alarmed when it is "Yes" or "No";
// otherwise derived by SLAM's rule (mosapi-api.md §9.3): "Yes" iff the latest
// incident of the rolling week is open and not a false positive.
std::string_view AlarmedValue(const engine::ServiceSummary& summary);

// {"version","lastUpdateApiDatabase","alarmed":"Yes|No|Disabled"}.
// A disabled service keeps this document (200, "Disabled") as SLAM writes it.
std::string RenderAlarmed(const Envelope& env, std::string_view alarmed);

// {"version","lastUpdateApiDatabase","downtime":<minutes>}. SLAM deletes the
// file of a disabled service, so the caller publishes nothing then (404).
std::string RenderDowntime(const Envelope& env, int downtime_minutes);

}  // namespace tldmon::documents
