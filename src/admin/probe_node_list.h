// The probe node list (mosapi-api.md §6.8, project default): the source
// addresses of the probe nodes, so contracted parties can allow-list them.
//
// Pure and thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/monitoring_config.h"
#include "core/time.h"

namespace tldmon::admin {

// {"version":2,"lastUpdateApiDatabase":<n>,"probeNodes":[{"city":"<probe
// name>","ipv4":[...],"ipv6":[...]},...]}, compact. `city` is the probe name
// used in measurements; nodes sorted by it (byte order); a family the probe
// does not test (ProbeNode::ipv4/ipv6 false) is an empty array; addresses in
// their provisioned order.
std::string RenderProbeNodeList(const std::vector<ProbeNode>& probes,
                                UnixSeconds last_update_api_database);

}  // namespace tldmon::admin
