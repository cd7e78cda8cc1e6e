// Reads back an alert event's JSON (documents/render_alert.h, the body the
// store's queue keeps) for the channels that do not send it as it is: the
// Alertmanager form and the mail text are made from the parsed fields.
// Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "engine/alert_tracker.h"

namespace tldmon::alerts {

struct ParsedAlertEvent {
  engine::AlertEvent event;    // the alert, firing or resolved, ends_at
  bool test = false;           // kind "test": `tldmon admin alert test`
  UnixSeconds cycle = 0;
  std::string dashboard_link;  // paths on the tldmon server
  std::string mosapi_link;     // empty when the event has none
};

// InvalidArgument naming the field when the body is not an event of
// formatVersion 1.
Result<ParsedAlertEvent> ParseAlertEvent(std::string_view body);

std::optional<engine::AlertKind> ParseAlertKind(std::string_view name);
std::optional<engine::AlertSeverity> ParseAlertSeverity(std::string_view name);

// The event of `tldmon admin alert test --entity E`: kind "test", severity
// info, firing (never resolved: Alertmanager lets it go when its endsAt
// passes), with the entity's links. Same fields as a real event.
std::string RenderTestEvent(const EntityId& entity, UnixSeconds now);

}  // namespace tldmon::alerts
