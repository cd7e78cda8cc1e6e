#include "app/network_setup.h"

#include <algorithm>
#include <string>
#include <vector>

namespace tldmon::app {

Status EnsureConfiguration(store::Store* store, const engine::SlaParams& params,
                           std::span<const EntityConfig> entities,
                           std::span<const ProbeNode> probes) {
  auto stored_entities = store->LoadEntities();
  if (!stored_entities.ok()) return stored_entities.status();
  std::vector<EntityConfig> wanted(entities.begin(), entities.end());
  std::sort(wanted.begin(), wanted.end(),
            [](const EntityConfig& a, const EntityConfig& b) { return a.id < b.id; });
  if (stored_entities->empty()) {
    TLDMON_RETURN_IF_ERROR(store->PutSlaParams(params));
    TLDMON_RETURN_IF_ERROR(store->PutEntities(wanted));
  } else if (*stored_entities != wanted) {
    return FailedPrecondition("the data directory holds a different set of entities (" +
                              std::to_string(stored_entities->size()) + " stored, " +
                              std::to_string(wanted.size()) +
                              " wanted); use another --data directory");
  }

  auto stored_probes = store->LoadProbes();
  if (!stored_probes.ok()) return stored_probes.status();
  if (stored_probes->size() > probes.size())
    return FailedPrecondition("the data directory holds more probes than wanted");
  for (std::size_t i = 0; i < stored_probes->size(); ++i)
    if (!((*stored_probes)[i].node == probes[i]))
      return FailedPrecondition("the data directory holds a different probe " +
                                (*stored_probes)[i].node.name + " at index " + std::to_string(i));
  // Probes are added one by one; a run killed in between left a prefix.
  for (std::size_t i = stored_probes->size(); i < probes.size(); ++i) {
    auto idx = store->AddProbe(probes[i]);
    if (!idx.ok()) return idx.status();
    if (*idx != i) return Internal("probe " + probes[i].name + " got index " + std::to_string(*idx));
  }
  return Status::Ok();
}

}  // namespace tldmon::app
