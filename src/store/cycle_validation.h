// The checks of Store::CommitCycle every backend makes before it writes
// (store.h): the cycle follows the last committed one and is aligned, the
// state records it, and every verdict, NS-IP verdict, RTT and NSID
// sighting names a configured entity, service, name-server IP and probe.
// Shared by SqliteStore and PostgresStore so both refuse the same cycles
// with the same messages.
#pragma once

#include <cstddef>
#include <functional>

#include "core/monitoring_config.h"
#include "core/status.h"
#include "core/time.h"
#include "engine/engine.h"
#include "engine/engine_state.h"
#include "engine/sla_params.h"
#include "store/store.h"

namespace tldmon::store {

// The active configuration of an entity, or nullptr if unknown.
using EntityLookup = std::function<const EntityConfig*(const EntityId&)>;

// `last_committed`: the last committed cycle of the output's test, or
// engine::kNever.
Status CheckCycleOutput(const engine::CycleOutput& out, const engine::EngineState& state,
                        UnixSeconds last_committed, const EntityLookup& find,
                        std::size_t probe_count, const engine::SlaParams& params);

// CommitFalsePositive's check of the state it is given: it holds the
// incident, flagged as the change says (InvalidArgument otherwise).
Status CheckFalsePositiveState(const FalsePositiveChange& change,
                               const engine::EntityState& entity_state);

}  // namespace tldmon::store
