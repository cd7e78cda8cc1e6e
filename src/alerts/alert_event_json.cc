#include "alerts/alert_event_json.h"

#include <nlohmann/json.hpp>

namespace tldmon::alerts {
namespace {

using nlohmann::json;

Status Bad(std::string_view what) {
  return InvalidArgument("alert event: " + std::string(what));
}

}  // namespace

std::optional<engine::AlertKind> ParseAlertKind(std::string_view name) {
  for (int k = 0; k < engine::kAlertKindCount; ++k)
    if (engine::AlertKindName(static_cast<engine::AlertKind>(k)) == name)
      return static_cast<engine::AlertKind>(k);
  return std::nullopt;
}

std::optional<engine::AlertSeverity> ParseAlertSeverity(std::string_view name) {
  for (auto s : {engine::AlertSeverity::kInfo, engine::AlertSeverity::kWarning,
                 engine::AlertSeverity::kCritical})
    if (engine::AlertSeverityName(s) == name) return s;
  return std::nullopt;
}

Result<ParsedAlertEvent> ParseAlertEvent(std::string_view body) {
  const json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Bad("not a JSON object");
  if (j.value("formatVersion", 0) != 1) return Bad("formatVersion is not 1");
  ParsedAlertEvent p;
  engine::ActiveAlert& a = p.event.alert;
  const std::string kind = j.value("kind", "");
  if (kind == "test") {
    p.test = true;
  } else if (auto k = ParseAlertKind(kind)) {
    a.key.kind = *k;
  } else {
    return Bad("unknown kind '" + kind + "'");
  }
  const auto severity = ParseAlertSeverity(j.value("severity", ""));
  if (!severity) return Bad("unknown severity");
  a.severity = *severity;
  const std::string status = j.value("status", "");
  if (status != "firing" && status != "resolved") return Bad("status is not firing or resolved");
  p.event.firing = status == "firing";
  if (j.contains("entity") && j["entity"].is_string()) {
    auto e = EntityId::Parse(j["entity"].get<std::string>());
    if (!e.ok()) return Bad("entity: " + e.status().message());
    a.key.entity = *e;
  }
  if (j.contains("service") && j["service"].is_string()) {
    auto s = ParseServicePath(j["service"].get<std::string>());
    if (!s) return Bad("unknown service");
    a.key.service = *s;
  }
  if (j.contains("step") && j["step"].is_number_integer()) a.key.step = j["step"].get<int>();
  if (j.contains("incidentID") && j["incidentID"].is_string())
    a.key.subject = j["incidentID"].get<std::string>();
  if (j.contains("probe") && j["probe"].is_string()) a.key.subject = j["probe"].get<std::string>();
  if (j.contains("tlsaName") && j["tlsaName"].is_string())
    a.key.subject = j["tlsaName"].get<std::string>();
  a.summary = j.value("summary", "");
  if (!j.contains("startsAt") || !j["startsAt"].is_number_integer()) return Bad("no startsAt");
  a.starts_at = j["startsAt"].get<UnixSeconds>();
  if (j.contains("endsAt") && j["endsAt"].is_number_integer())
    p.event.ends_at = j["endsAt"].get<UnixSeconds>();
  p.cycle = j.value("cycle", UnixSeconds{0});
  if (j.contains("links") && j["links"].is_object()) {
    p.dashboard_link = j["links"].value("dashboard", "");
    p.mosapi_link = j["links"].value("mosapi", "");
  }
  return p;
}

std::string RenderTestEvent(const EntityId& entity, UnixSeconds now) {
  const json j = {{"formatVersion", 1},
                  {"fingerprint", "test/" + entity.Path()},
                  {"status", "firing"},
                  {"kind", "test"},
                  {"severity", "info"},
                  {"entity", entity.Path()},
                  {"service", nullptr},
                  {"summary", "tldmon test alert for " + entity.Path() +
                                  " (tldmon admin alert test): this channel works"},
                  {"startsAt", now},
                  {"endsAt", nullptr},
                  {"cycle", now},
                  {"links", {{"dashboard", "/ui/#/entity/" + entity.Path()}}}};
  return j.dump();
}

}  // namespace tldmon::alerts
