// Puts a simulated network's configuration into a store, idempotently: the
// first run seeds SlaParams, entities and probes; a run killed half-way
// through seeding is completed by the next one; a store that holds another
// configuration is refused, so a resumed simulation never silently mixes
// two networks.
#pragma once

#include <span>

#include "core/monitoring_config.h"
#include "core/status.h"
#include "engine/sla_params.h"
#include "store/store.h"

namespace tldmon::app {

Status EnsureConfiguration(store::Store* store, const engine::SlaParams& params,
                           std::span<const EntityConfig> entities,
                           std::span<const ProbeNode> probes);

}  // namespace tldmon::app
