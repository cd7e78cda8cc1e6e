#include "engine/state_reconcile.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tldmon::engine {

EngineState ReconcileState(EngineState state, std::span<const EntityConfig> entities,
                           std::size_t probe_count) {
  if (state.probes.size() < probe_count) state.probes.resize(probe_count);

  std::map<EntityId, EntityState> fitted;
  for (const EntityConfig& e : entities) {
    EntityState es;
    auto old = state.entities.find(e.id);
    if (old != state.entities.end()) es = std::move(old->second);
    std::map<std::pair<std::string, std::string>, NsIpState> kept;
    for (NsIpState& n : es.ns_ips) kept.emplace(std::make_pair(n.ns, n.ip), std::move(n));
    es.ns_ips.clear();
    for (const NameServer& ns : e.name_servers) {
      for (const std::string& ip : ns.ips) {
        auto it = kept.find({ns.name, ip});
        es.ns_ips.push_back(it != kept.end() ? std::move(it->second) : NsIpState{ns.name, ip});
      }
    }
    fitted.emplace(e.id, std::move(es));
  }
  state.entities = std::move(fitted);
  return state;
}

}  // namespace tldmon::engine
