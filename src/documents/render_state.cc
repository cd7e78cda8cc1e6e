#include "documents/render_state.h"

#include <array>

#include "documents/json_writer.h"

namespace tldmon::documents {
namespace {

// SLAM's JSON encoder sorts keys, so testedServices is alphabetical
// (mosapi-api.md §6.2 example).
constexpr std::array<Service, kServiceCount> kKeyOrder = {
    Service::kDns, Service::kDnssec, Service::kEpp, Service::kRdap, Service::kRdds};

const engine::ServiceSummary& Of(std::span<const engine::ServiceSummary, kServiceCount> s,
                                 Service service) {
  return s[static_cast<std::size_t>(Index(service))];
}

}  // namespace

std::string RenderState(const EntityId& entity, const Envelope& env,
                        std::span<const engine::ServiceSummary, kServiceCount> services) {
  // The TLD status is decided over the v2 service set even for v1 (see header).
  bool down = false;
  for (Service s : kKeyOrder) {
    if (!ServiceInTree(entity.kind, ApiVersion::kV2, s)) continue;
    const engine::ServiceSummary& sum = Of(services, s);
    if (sum.enabled && IsDown(sum.status)) down = true;
  }

  std::string out;
  JsonWriter w(&out);
  w.Reserve(512);
  w.BeginObject();
  WriteEnvelope(w, env);
  WriteEntityField(w, entity);
  w.Field("status", down ? "Down" : "Up");
  w.Key("testedServices");
  w.BeginObject();
  for (Service s : kKeyOrder) {
    if (!ServiceInTree(entity.kind, env.version, s)) continue;
    const engine::ServiceSummary& sum = Of(services, s);
    w.Key(JsonKey(s));
    w.BeginObject();
    if (!sum.enabled) {
      // Exactly this, no threshold or incidents (mosapi-api.md §6.2).
      w.Field("status", "Disabled");
      w.EndObject();
      continue;
    }
    w.Field("status", StatusLabel(sum.status, env.version));
    w.Key("emergencyThreshold");
    w.Threshold(sum.emergency_threshold);
    w.Key("incidents");
    w.BeginArray();
    for (const engine::Incident* inc : sum.week_incidents) {
      if (inc != nullptr) WriteIncidentSummary(w, *inc);
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  w.Flush();
  return out;
}

}  // namespace tldmon::documents
