// The entity page's per-probe RTTs (docs/dashboard.md "GET
// /ui/api/entity/…/probes"): for every probe, its median and p95 RTT over
// the entity's name-server IPs across the range (the engine's per-cycle
// figures, Store::ForEachProbeRtt, combined as in rtt_columns.h), slowest
// first (the higher of its UDP and TCP medians; ties by name), and the
// chart of one probe — the one asked for, or by default the slowest — next
// to the median of all probes, UDP and TCP apart.
#pragma once

#include <optional>
#include <string>

#include "core/entity_id.h"
#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace tldmon::web {

// NotFound for an entity the store does not know, or a `probe` name that is
// not a configured probe.
Result<std::string> ProbeRttViewJson(const store::Store& store, const EntityId& entity, int days,
                                     const std::optional<std::string>& probe, UnixSeconds now);

}  // namespace tldmon::web
