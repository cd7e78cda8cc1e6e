// ReconcileState: fits a persisted EngineState to a configuration that was
// changed while no engine was running on it — `tldmon admin entity
// add|update|remove` and `probe add` edit the store's configuration between
// two runs (or between two ticks of a running `tldmon serve`, which then
// re-opens its pipeline from the store). Engine::Restore refuses a state that
// does not fit; reconciling first applies the mapping Engine::UpdateConfig
// applies to a running engine:
//   - state of entities no longer configured is dropped (their stored
//     history stays in the store);
//   - entities configured since get a fresh state;
//   - an entity's name-server IP counters are kept per (ns, ip) pair that
//     still exists, in the configured order; new pairs start from zero
//     (slam-algorithms.md §8);
//   - probes appended since (ProbeIndex is append-only, store.h) get a fresh
//     ProbeState.
// A state that already fits is returned unchanged. A state with more probes
// than configured is returned as is, so Restore still rejects it (probes are
// never removed: that is damage, not a configuration change).
//
// Pure function of plain data; thread-safe.
#pragma once

#include <cstddef>
#include <span>

#include "core/monitoring_config.h"
#include "engine/engine_state.h"

namespace tldmon::engine {

EngineState ReconcileState(EngineState state, std::span<const EntityConfig> entities,
                           std::size_t probe_count);

}  // namespace tldmon::engine
