#include "app/admin_status.h"

#include <utility>
#include <vector>

#include "engine/state_reconcile.h"

namespace tldmon::app {

Result<std::unique_ptr<engine::Engine>> LoadCommittedEngine(const store::Store& store) {
  auto params = store.LoadSlaParams();
  if (!params.ok()) return params.status();
  auto entities = store.LoadEntities();
  if (!entities.ok()) return entities.status();
  auto records = store.LoadProbes();
  if (!records.ok()) return records.status();
  std::vector<ProbeNode> probes;
  for (const auto& r : *records) probes.push_back(r.node);
  auto state = store.LoadEngineState();
  if (state.status().code() == StatusCode::kNotFound)
    return std::make_unique<engine::Engine>(*params, *entities, probes);
  if (!state.ok()) return state.status();
  // Fit the state to configuration changed since (engine/state_reconcile.h).
  auto eng =
      engine::Engine::Restore(*params, *entities, probes,
                              engine::ReconcileState(std::move(*state), *entities, probes.size()));
  if (!eng.ok()) return eng.status();
  return std::make_unique<engine::Engine>(std::move(*eng));
}

}  // namespace tldmon::app
