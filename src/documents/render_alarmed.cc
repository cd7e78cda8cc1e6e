#include "documents/render_alarmed.h"

#include "documents/json_writer.h"

namespace tldmon::documents {

std::string_view AlarmedValue(const engine::ServiceSummary& summary) {
  if (!summary.enabled) return "Disabled";
  if (summary.alarmed == "Yes") return "Yes";
  if (summary.alarmed == "No") return "No";
  const engine::Incident* latest =
      summary.week_incidents.empty() ? nullptr : summary.week_incidents.back();
  return latest != nullptr && latest->active() && !latest->false_positive ? "Yes" : "No";
}

std::string RenderAlarmed(const Envelope& env, std::string_view alarmed) {
  std::string out;
  JsonWriter w(&out);
  w.Reserve(80);
  w.BeginObject();
  WriteEnvelope(w, env);
  w.Field("alarmed", alarmed);
  w.EndObject();
  w.Flush();
  return out;
}

std::string RenderDowntime(const Envelope& env, int downtime_minutes) {
  std::string out;
  JsonWriter w(&out);
  w.Reserve(80);
  w.BeginObject();
  WriteEnvelope(w, env);
  w.FieldInt("downtime", downtime_minutes);
  w.EndObject();
  w.Flush();
  return out;
}

}  // namespace tldmon::documents
