// Engine construction, configuration, probe minutes and false positives.
// Cycle processing is in engine_cycle.cc, read-only figures in
// engine_queries.cc.
#include "engine/engine.h"

#include <map>
#include <set>
#include <string>
#include <utility>

#include "engine/probe_online.h"
#include "engine/state_reconcile.h"

namespace tldmon::engine {
namespace {

std::vector<NsIpState> FreshNsIps(const EntityConfig& e) {
  std::vector<NsIpState> out;
  for (const NameServer& ns : e.name_servers) {
    for (const std::string& ip : ns.ips) out.push_back(NsIpState{ns.name, ip});
  }
  return out;
}

EntityState FreshEntityState(const EntityConfig& e) {
  EntityState s;
  s.ns_ips = FreshNsIps(e);
  return s;
}

Status ValidateConfig(const std::vector<EntityConfig>& entities,
                      const std::vector<ProbeNode>& probes) {
  std::set<EntityId> ids;
  for (const EntityConfig& e : entities) {
    TLDMON_RETURN_IF_ERROR(e.Validate());
    if (!ids.insert(e.id).second) return InvalidArgument("duplicate entity " + e.id.Path());
  }
  std::set<std::string> names;
  for (const ProbeNode& p : probes) {
    TLDMON_RETURN_IF_ERROR(p.Validate());
    if (!names.insert(p.name).second) return InvalidArgument("duplicate probe " + p.name);
  }
  return Status::Ok();
}

// Whether a stored (ns, ip) list is exactly the configured one.
bool SameNsIps(const std::vector<NsIpState>& stored, const EntityConfig& e) {
  std::size_t k = 0;
  for (const NameServer& ns : e.name_servers) {
    for (const std::string& ip : ns.ips) {
      if (k >= stored.size() || stored[k].ns != ns.name || stored[k].ip != ip) return false;
      ++k;
    }
  }
  return k == stored.size();
}

}  // namespace

Engine::Engine(SlaParams params, std::vector<EntityConfig> entities, std::vector<ProbeNode> probes)
    : params_(std::move(params)), entities_(std::move(entities)), probes_(std::move(probes)) {
  state_.probes.resize(probes_.size());
  for (const EntityConfig& e : entities_) state_.entities.emplace(e.id, FreshEntityState(e));
  Reindex();
}

void Engine::Reindex() { index_ = EntityIndex::Build(entities_); }

const EntityConfig* Engine::FindEntity(const EntityId& id) const {
  const std::uint32_t i = index_.Find(id);
  return i == EntityIndex::kNotFound ? nullptr : &entities_[i];
}

Result<Engine> Engine::Restore(SlaParams params, std::vector<EntityConfig> entities,
                               std::vector<ProbeNode> probes, EngineState state) {
  TLDMON_RETURN_IF_ERROR(params.Validate());
  TLDMON_RETURN_IF_ERROR(ValidateConfig(entities, probes));
  state = ReconcileState(std::move(state), entities, probes.size());
  if (state.probes.size() != probes.size()) {
    return InvalidArgument("state has " + std::to_string(state.probes.size()) +
                           " probes, configuration has " + std::to_string(probes.size()));
  }
  Engine engine(std::move(params), std::move(entities), std::move(probes));
  for (const auto& [id, es] : state.entities) {
    const EntityConfig* e = engine.FindEntity(id);
    // ReconcileState fitted these; a mismatch is a bug in it, not bad input.
    if (e == nullptr || !SameNsIps(es.ns_ips, *e))
      return Internal("state of " + id.Path() + " does not fit after reconciling");
    for (const ServiceState& ss : es.services) {
      for (const Incident& inc : ss.incidents) {
        if (inc.event_id >= state.next_event_id) {
          return InvalidArgument("state of " + id.Path() + " has incident " + inc.Id() +
                                 " with an event id not below next_event_id");
        }
      }
    }
  }
  engine.state_ = std::move(state);
  return engine;
}

Status Engine::RecordProbeMinute(UnixSeconds minute, std::span<const ProbeMinuteSample> samples) {
  if (FloorMod(minute, 60) != 0) {
    return InvalidArgument("minute " + std::to_string(minute) + " is not a multiple of 60");
  }
  if (state_.last_minute != kNever && minute <= state_.last_minute) {
    return FailedPrecondition("minute " + std::to_string(minute) +
                              " is not after the last recorded minute " +
                              std::to_string(state_.last_minute));
  }
  std::vector<const ProbeMinuteSample*>& by_probe = scratch_.samples;
  by_probe.assign(probes_.size(), nullptr);
  for (const ProbeMinuteSample& s : samples) {
    if (s.probe >= probes_.size()) {
      return InvalidArgument("probe index " + std::to_string(s.probe) + " out of range");
    }
    if (by_probe[s.probe] != nullptr) {
      return InvalidArgument("probe index " + std::to_string(s.probe) + " sampled twice");
    }
    by_probe[s.probe] = &s;
  }
  for (std::size_t p = 0; p < probes_.size(); ++p) {
    AdvanceProbeMinute(state_.probes[p], minute, by_probe[p], params_.probe_online_delay_seconds);
  }
  state_.recorded_minutes =
      ShiftMinuteHistory(state_.recorded_minutes, state_.last_minute, minute) | 1U;
  state_.last_minute = minute;
  return Status::Ok();
}

Result<IncidentChange> Engine::SetFalsePositive(const EntityId& entity, Service service,
                                                std::string_view incident_id, bool on,
                                                UnixSeconds now) {
  auto it = state_.entities.find(entity);
  if (it == state_.entities.end()) return NotFound("unknown entity " + entity.Path());
  ServiceState& ss = it->second.services[static_cast<std::size_t>(Index(service))];
  for (Incident& inc : ss.incidents) {
    if (inc.Id() != incident_id) continue;
    // §7: the last setting wins; setting the same value again is no change.
    if (inc.false_positive != on) {
      inc.false_positive = on;
      inc.fp_update_time = now;
    }
    return IncidentChange{
        entity, service,
        on ? IncidentChangeKind::kFalsePositiveSet : IncidentChangeKind::kFalsePositiveCleared,
        inc};
  }
  return NotFound("no incident " + std::string(incident_id) + " for " + entity.Path() + " " +
                  std::string(PathName(service)));
}

}  // namespace tldmon::engine
