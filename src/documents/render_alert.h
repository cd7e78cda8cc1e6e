// An alert event as JSON (docs/alerts.md "Payload"): what every channel
// sends, and what the store's event queue keeps. Links are paths on the
// tldmon server (the dashboard page and the MoSAPI document); a channel
// prefixes its configured public URL. Pure; thread-safe.
#pragma once

#include <string>

#include "core/time.h"
#include "engine/alert_tracker.h"

namespace tldmon::documents {

// {"formatVersion":1,"fingerprint","status":"firing"|"resolved","kind",
//  "severity","entity"|null,"service"|null,"step"?,"probe"?,"incidentID"?,"tlsaName"?,
//  "summary","startsAt","endsAt"|null,"cycle","links":{"dashboard","mosapi"?}}
std::string RenderAlertEvent(const engine::AlertEvent& event, UnixSeconds cycle);

}  // namespace tldmon::documents
