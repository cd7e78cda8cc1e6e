// ReconcileState: fits an EngineState to a configuration that changed since
// the state was made — `tldmon admin entity add|update|remove` and `probe
// add` edit the store's configuration between two runs or between two ticks
// of a running `tldmon serve` (which then re-opens its pipeline from the
// store), and a scenario's `reconfigure` edits the running engine's. Every
// one of them goes through Engine::Restore, which applies this mapping, so
// the scenarios exercise the path serve runs:
//   - state of entities no longer configured is dropped (their stored
//     history stays in the store);
//   - entities configured since get a fresh state;
//   - an entity's name-server IP counters are kept per (ns, ip) pair that
//     still exists, in the configured order; new pairs start from zero
//     (slam-algorithms.md §8);
//   - probes appended since (ProbeIndex is append-only, store.h) get a fresh
//     ProbeState.
// A state that already fits is returned unchanged. A state with more probes
// than configured is returned as is, so Restore rejects it (probes are never
// removed or renumbered, store.h: that is damage, not a configuration change).
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
