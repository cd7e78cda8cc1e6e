#include "documents/render_alert.h"

#include "documents/document_paths.h"
#include "documents/json_writer.h"

namespace tldmon::documents {

std::string RenderAlertEvent(const engine::AlertEvent& event, UnixSeconds cycle) {
  const engine::ActiveAlert& a = event.alert;
  const engine::AlertKey& k = a.key;
  const bool about_entity =
      k.kind != engine::AlertKind::kProbesBelowMinimum && k.kind != engine::AlertKind::kProbeOffline;
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.FieldInt("formatVersion", 1);
  w.Field("fingerprint", k.Fingerprint());
  w.Field("status", event.firing ? "firing" : "resolved");
  w.Field("kind", engine::AlertKindName(k.kind));
  w.Field("severity", engine::AlertSeverityName(a.severity));
  w.Key("entity");
  if (about_entity) w.String(k.entity.Path());
  else w.Null();
  w.Key("service");
  if (k.kind == engine::AlertKind::kProbeOffline || k.kind == engine::AlertKind::kTlsa) w.Null();
  else w.String(PathName(k.service));
  if (k.kind == engine::AlertKind::kBudget) w.FieldInt("step", k.step);
  if (k.kind == engine::AlertKind::kProbeOffline) w.Field("probe", k.subject);
  if (k.kind == engine::AlertKind::kIncident) w.Field("incidentID", k.subject);
  if (k.kind == engine::AlertKind::kTlsa) w.Field("tlsaName", k.subject);
  w.Field("summary", a.summary);
  w.FieldInt("startsAt", a.starts_at);
  w.Key("endsAt");
  w.OptInt(event.ends_at);
  w.FieldInt("cycle", cycle);
  w.Key("links");
  w.BeginObject();
  if (about_entity) {
    w.Field("dashboard", "/ui/#/entity/" + k.entity.Path());
    if (k.kind != engine::AlertKind::kTlsa)
      w.Field("mosapi", "/" + (k.kind == engine::AlertKind::kIncident
                                 ? IncidentPath(k.entity, ApiVersion::kV2, k.service, k.subject)
                                 : StatePath(k.entity, ApiVersion::kV2)));
  } else {
    w.Field("dashboard", "/ui/#/probes");
  }
  w.EndObject();
  w.EndObject();
  return out;
}

}  // namespace tldmon::documents
