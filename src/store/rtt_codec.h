// The bodies of the ns_ip_rtt and probe_rtt rows (docs/formats/store-
// schema.md, SQLite migrations 9 and 10): one row per (entity, DNS cycle),
// its body a run of varint tuples. Shared by every Store; pure functions.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/monitoring_config.h"
#include "engine/engine.h"
#include "store/store.h"

namespace tldmon::store {

// Per entity of the cycle with any NS-IP RTT: (ns, ip, udp n/p50/p95,
// tcp n/p50/p95) per pair.
std::map<EntityId, std::string> EncodeNsIpRttBodies(const engine::CycleOutput& out);
// (probe, transport, n, p50, p95) per probe of the entity.
std::string EncodeProbeRttBody(const engine::EntityProbeRtts& rtts);

// Visit each tuple of a body; false if the body is damaged.
bool DecodeNsIpRttBody(UnixSeconds cycle, std::string_view body,
                       const std::function<void(const NsIpRtt&)>& visit);
bool DecodeProbeRttBody(UnixSeconds cycle, std::string_view body,
                        const std::function<void(const ProbeCycleRtt&)>& visit);

}  // namespace tldmon::store
