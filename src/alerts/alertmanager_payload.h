// One alert in the form Prometheus Alertmanager's v2 API takes
// (POST /api/v2/alerts, a JSON array of these; docs/alerts.md
// "Alertmanager"): labels identify the alert and route it, annotations
// describe it, startsAt/endsAt are RFC 3339.
//
// Alertmanager resolves an alert by itself when `endsAt` has passed, and a
// firing alert sent without `endsAt` after its resolve_timeout (5 minutes by
// default). So a firing alert carries endsAt = now + `valid_for` and the
// channel re-sends the firing set before that runs out; a resolved one
// carries the time its condition ended.
//
// Labels (all strings): alertname ("TldmonIncident", "TldmonBudget",
// "TldmonSlrAtRisk", "TldmonProbesBelowMinimum", "TldmonProbeOffline"),
// severity, fingerprint, and as they apply entity, tld or registrarID,
// service, step, incidentID, probe. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "engine/alert_tracker.h"

namespace tldmon::alerts {

// `public_url`: the tldmon server as people reach it ("https://tldmon.example");
// the dashboard link becomes generatorURL.
nlohmann::json AlertmanagerAlert(const engine::ActiveAlert& alert, std::optional<UnixSeconds> ended_at,
                                 UnixSeconds now, int valid_for_seconds,
                                 std::string_view public_url);

// "TldmonIncident" for AlertKind::kIncident, …
std::string AlertmanagerName(engine::AlertKind kind);

}  // namespace tldmon::alerts
