#include "documents/render_common.h"

#include <charconv>

namespace tldmon::documents {

std::string_view VersionSegment(ApiVersion v) { return v == ApiVersion::kV1 ? "v1" : "v2"; }

void WriteEnvelope(JsonWriter& w, const Envelope& env) {
  w.FieldInt("version", static_cast<std::int64_t>(env.version));
  w.FieldInt("lastUpdateApiDatabase", env.last_update);
}

void WriteEntityField(JsonWriter& w, const EntityId& entity) {
  if (!entity.is_registrar()) {
    w.Field("tld", entity.id);
    return;
  }
  // registrarID is a JSON number in SLAM's writer (mosapi-api.md §5).
  std::uint64_t iana = 0;
  const char* const end = entity.id.data() + entity.id.size();
  const auto r = std::from_chars(entity.id.data(), end, iana);
  if (r.ec != std::errc() || r.ptr != end) iana = 0;
  w.FieldInt("registrarID", static_cast<std::int64_t>(iana));
}

bool ServiceInTree(EntityKind kind, ApiVersion v, Service service) {
  if (kind == EntityKind::kRegistrar) {
    if (service == Service::kRdds) return true;
    return service == Service::kRdap && v == ApiVersion::kV2;
  }
  return service != Service::kRdap || v == ApiVersion::kV2;
}

std::string_view StatusLabel(CycleStatus s, ApiVersion v) {
  return v == ApiVersion::kV1 ? LabelV1(s) : Label(s);
}

std::string IncidentIdOf(const engine::Incident& incident) {
  std::string id;
  AppendInt(incident.start_time, &id);
  id.push_back('.');
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof(buf), incident.event_id);
  id.append(buf, static_cast<std::size_t>(r.ptr - buf));
  return id;
}

void WriteIncidentSummary(JsonWriter& w, const engine::Incident& incident) {
  w.BeginObject();
  w.Field("incidentID", IncidentIdOf(incident));
  w.FieldInt("startTime", incident.start_time);
  w.Key("endTime");
  if (incident.end_time.has_value()) {
    w.Int(*incident.end_time);
  } else {
    w.Null();
  }
  w.Key("falsePositive");
  w.Bool(incident.false_positive);
  w.Field("state", incident.end_time.has_value() ? "Resolved" : "Active");
  w.EndObject();
}

}  // namespace tldmon::documents
