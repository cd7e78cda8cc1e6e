#include "alerts/alertmanager_payload.h"

namespace tldmon::alerts {

std::string AlertmanagerName(engine::AlertKind kind) {
  std::string name(engine::AlertKindName(kind));
  if (!name.empty()) name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return "Tldmon" + name;
}

nlohmann::json AlertmanagerAlert(const engine::ActiveAlert& alert, std::optional<UnixSeconds> ended_at,
                                 UnixSeconds now, int valid_for_seconds,
                                 std::string_view public_url) {
  using nlohmann::json;
  const engine::AlertKey& k = alert.key;
  json labels = {{"alertname", AlertmanagerName(k.kind)},
                 {"severity", std::string(engine::AlertSeverityName(alert.severity))},
                 {"fingerprint", k.Fingerprint()}};
  const bool about_entity = k.kind != engine::AlertKind::kProbesBelowMinimum &&
                            k.kind != engine::AlertKind::kProbeOffline;
  std::string page = "/ui/#/probes";
  if (about_entity) {
    labels["entity"] = k.entity.Path();
    labels[k.entity.kind == EntityKind::kRegistry ? "tld" : "registrarID"] = k.entity.id;
    page = "/ui/#/entity/" + k.entity.Path();
  }
  if (k.kind != engine::AlertKind::kProbeOffline && k.kind != engine::AlertKind::kTlsa)
    labels["service"] = std::string(PathName(k.service));
  if (k.kind == engine::AlertKind::kTlsa) labels["tlsaName"] = k.subject;
  if (k.kind == engine::AlertKind::kBudget) labels["step"] = std::to_string(k.step);
  if (k.kind == engine::AlertKind::kIncident) {
    labels["incidentID"] = k.subject;
    page = "/ui/#/incident/" + k.entity.Path() + "/" + std::string(PathName(k.service)) + "/" + k.subject;
  }
  if (k.kind == engine::AlertKind::kProbeOffline) labels["probe"] = k.subject;
  std::string base(public_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return {{"labels", std::move(labels)},
          {"annotations", {{"summary", alert.summary}}},
          {"startsAt", FormatIso8601(alert.starts_at)},
          {"endsAt", FormatIso8601(ended_at.value_or(now + valid_for_seconds))},
          {"generatorURL", base + page}};
}

}  // namespace tldmon::alerts
