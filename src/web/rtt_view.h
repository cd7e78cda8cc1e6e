// The entity page's RTT charts and table (docs/dashboard.md "GET
// /ui/api/entity/…/rtt"): per name-server IP and transport, the median and
// 95th percentile of the RTTs of every probe, per cycle as the engine
// stored them (Store::NsIpRtts), downsampled onto an RttGrid
// (rtt_columns.h); and the any53-style table of 24 h / 7 d / 30 d, whose
// figures are built the same way over every NS-IP.
#pragma once

#include <string>

#include "core/entity_id.h"
#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace tldmon::web {

// NotFound for an entity the store does not know.
Result<std::string> RttViewJson(const store::Store& store, const EntityId& entity, int days,
                                UnixSeconds now);

}  // namespace tldmon::web
