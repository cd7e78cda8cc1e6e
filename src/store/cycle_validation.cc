#include "store/cycle_validation.h"

#include <algorithm>
#include <string>

namespace tldmon::store {

namespace {

bool ValidService(Service s) { return static_cast<int>(s) < kServiceCount; }
bool ValidStatus(CycleStatus s) {
  return static_cast<int>(s) <= static_cast<int>(CycleStatus::kUpInconclusiveReconfig);
}

}  // namespace

Status CheckCycleOutput(const engine::CycleOutput& out, const engine::EngineState& state,
                        UnixSeconds last, const EntityLookup& find, std::size_t probe_count,
                        const engine::SlaParams& params) {
  const auto ti = static_cast<std::size_t>(out.test);
  const std::string what =
      std::string(TestKindName(out.test)) + " cycle " + std::to_string(out.cycle);
  if (last != engine::kNever && out.cycle <= last)
    return FailedPrecondition(what + " is at or before the last committed " +
                              std::string(TestKindName(out.test)) + " cycle " +
                              std::to_string(last));
  const int delay = params.CycleSeconds(out.test);
  if (FloorMod(out.cycle, delay) != 0)
    return InvalidArgument(what + " is not aligned to the cycle length of " +
                           std::to_string(delay) + " s");
  if (state.last_cycle[ti] != out.cycle)
    return InvalidArgument(what + ": the engine state records " +
                           std::to_string(state.last_cycle[ti]) + " as its last processed cycle");
  for (std::size_t i = 0; i < out.verdicts.size(); ++i) {
    const engine::ServiceVerdict& v = out.verdicts[i];
    const std::string where = what + ", verdict #" + std::to_string(i) + ": ";
    if (find(v.entity) == nullptr)
      return InvalidArgument(where + "unknown entity " + v.entity.Path());
    if (!ValidService(v.service) || TestKindOf(v.service) != out.test)
      return InvalidArgument(where + "service " + std::to_string(static_cast<int>(v.service)) +
                             " is not tested by the " + std::string(TestKindName(out.test)) +
                             " test");
    if (!ValidStatus(v.status)) return InvalidArgument(where + "invalid status");
  }
  for (std::size_t i = 0; i < out.ns_ips.size(); ++i) {
    const engine::NsIpVerdict& v = out.ns_ips[i];
    const std::string where = what + ", NS-IP verdict #" + std::to_string(i) + ": ";
    if (out.test != TestKind::kDns)
      return InvalidArgument(where + "NS-IP verdicts belong to DNS cycles");
    const EntityConfig* e = find(v.entity);
    if (e == nullptr) return InvalidArgument(where + "unknown entity " + v.entity.Path());
    const auto& nss = e->name_servers;
    if (v.ns >= nss.size() || v.ip >= nss[v.ns].ips.size())
      return InvalidArgument(where + v.entity.Path() + " has no name-server IP (" +
                             std::to_string(v.ns) + ", " + std::to_string(v.ip) + ")");
    if (!ValidStatus(v.status)) return InvalidArgument(where + "invalid status");
  }
  for (std::size_t i = 0; i < out.probe_rtts.size(); ++i) {
    const engine::EntityProbeRtts& v = out.probe_rtts[i];
    const std::string where = what + ", probe RTTs #" + std::to_string(i) + ": ";
    if (out.test != TestKind::kDns) return InvalidArgument(where + "RTTs belong to DNS cycles");
    if (find(v.entity) == nullptr)
      return InvalidArgument(where + "unknown entity " + v.entity.Path());
    for (const engine::ProbeRtt& p : v.probes)
      if (p.probe >= probe_count)
        return InvalidArgument(where + "probe " + std::to_string(p.probe) + " is not configured");
  }
  for (std::size_t i = 0; i < out.nsids.size(); ++i) {
    const engine::NsidSighting& v = out.nsids[i];
    const std::string where = what + ", NSID sighting #" + std::to_string(i) + ": ";
    if (out.test != TestKind::kDns) return InvalidArgument(where + "NSIDs belong to DNS cycles");
    if (find(v.entity) == nullptr)
      return InvalidArgument(where + "unknown entity " + v.entity.Path());
    if (v.probe >= probe_count)
      return InvalidArgument(where + "probe " + std::to_string(v.probe) + " is not configured");
  }
  for (const auto& [id, es] : state.entities)
    if (find(id) == nullptr)
      return InvalidArgument(what + ": engine state for unknown entity " + id.Path());
  if (state.probes.size() > probe_count)
    return InvalidArgument(what + ": engine state has " + std::to_string(state.probes.size()) +
                           " probes but only " + std::to_string(probe_count) + " are configured");
  return Status::Ok();
}

Status CheckFalsePositiveState(const FalsePositiveChange& c,
                               const engine::EntityState& entity_state) {
  const auto& incidents = entity_state.services[static_cast<std::size_t>(c.service)].incidents;
  auto inc = std::find_if(incidents.begin(), incidents.end(), [&](const engine::Incident& i) {
    return IncidentIdOf(i) == c.incident_id;
  });
  const std::string what =
      c.entity.Path() + " " + std::string(JsonKey(c.service)) + " incident " + c.incident_id;
  if (inc == incidents.end()) return InvalidArgument("the entity state has no " + what);
  if (inc->false_positive != c.on)
    return InvalidArgument("the entity state does not carry the change: " + what +
                           (c.on ? " is not flagged" : " is still flagged") + " false positive");
  return Status::Ok();
}

}  // namespace tldmon::store
