// The entity page's RTT charts and table (docs/dashboard.md "GET
// /ui/api/entity/…/rtt"): per name-server IP and transport, the median and
// 95th percentile of the RTTs of every probe, per cycle as the engine
// stored them (Store::NsIpRtts), downsampled to at most kRttPoints
// columns for the range; and the any53-style table of 24 h / 7 d / 30 d.
//
// Downsampling: a column covers `step` seconds (whole minutes); its median
// is the median of its cycles' medians, its p95 the 95th percentile
// (nearest rank) of its cycles' p95s, its n the sum of the cycles' RTT
// counts. The table's figures are built the same way over every NS-IP.
// Columns without a cycle are null (a gap in the chart).
#pragma once

#include <string>

#include "core/entity_id.h"
#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace tldmon::web {

inline constexpr int kRttPoints = 720;

// NotFound for an entity the store does not know.
Result<std::string> RttViewJson(const store::Store& store, const EntityId& entity, int days,
                                UnixSeconds now);

}  // namespace tldmon::web
