#include "documents/render_incident.h"

#include <algorithm>
#include <vector>

#include "documents/json_writer.h"

namespace tldmon::documents {

std::string RenderIncidentList(const Envelope& env, std::span<const engine::Incident> incidents) {
  std::vector<const engine::Incident*> sorted;
  sorted.reserve(incidents.size());
  for (const engine::Incident& inc : incidents) sorted.push_back(&inc);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const engine::Incident* a, const engine::Incident* b) {
                     return a->start_time < b->start_time;
                   });

  std::string out;
  JsonWriter w(&out);
  w.Reserve(64 + 110 * sorted.size());
  w.BeginObject();
  WriteEnvelope(w, env);
  w.Key("incidents");
  w.BeginArray();
  for (const engine::Incident* inc : sorted) WriteIncidentSummary(w, *inc);
  w.EndArray();
  w.EndObject();
  w.Flush();
  return out;
}

std::string RenderIncidentState(const Envelope& env, const engine::Incident& incident) {
  return RenderIncidentList(env, std::span<const engine::Incident>(&incident, 1));
}

std::string RenderFalsePositive(const Envelope& env, const engine::Incident& incident) {
  std::string out;
  JsonWriter w(&out);
  w.Reserve(112);
  w.BeginObject();
  WriteEnvelope(w, env);
  w.Key("falsePositive");
  w.Bool(incident.false_positive);
  w.Key("updateTime");
  w.OptInt(incident.fp_update_time);
  w.EndObject();
  w.Flush();
  return out;
}

std::string IncidentMeasurementName(UnixSeconds cycle, const engine::Incident& incident) {
  std::string name;
  AppendInt(cycle, &name);
  name.push_back('.');
  AppendInt(static_cast<std::int64_t>(incident.event_id), &name);
  name.append(".json");
  return name;
}

std::string RenderIncidentMeasurements(const Envelope& env, const engine::Incident& incident,
                                       int cycle_seconds, UnixSeconds last_cycle) {
  const UnixSeconds delay = cycle_seconds > 0 ? cycle_seconds : 60;
  const UnixSeconds last =
      incident.end_time.has_value() ? CycleStart(*incident.end_time, static_cast<int>(delay))
                                    : last_cycle;
  std::string out;
  JsonWriter w(&out);
  const UnixSeconds count = last >= incident.start_time ? (last - incident.start_time) / delay + 1 : 0;
  w.Reserve(static_cast<std::size_t>(64 + 32 * count));
  w.BeginObject();
  WriteEnvelope(w, env);
  w.Key("measurements");
  w.BeginArray();
  for (UnixSeconds c = incident.start_time; c <= last; c += delay) {
    w.String(IncidentMeasurementName(c, incident));
  }
  w.EndArray();
  w.EndObject();
  w.Flush();
  return out;
}

}  // namespace tldmon::documents
