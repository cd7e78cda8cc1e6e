// The test configuration a probe pulls, built from the store: every
// monitored entity as the probe should test it (RDDS and RDAP only for
// probes that test them) and the test numbers from the SLA parameters.
#pragma once

#include <vector>

#include "core/monitoring_config.h"
#include "engine/sla_params.h"
#include "probewire/probe_config_wire.h"
#include "store/store.h"

namespace tldmon::probeapi {

probewire::ProbeConfig BuildProbeConfig(const std::vector<EntityConfig>& entities,
                                        const store::ProbeRecord& probe,
                                        const engine::SlaParams& params, UnixSeconds generated);

}  // namespace tldmon::probeapi
