// The probes page (docs/dashboard.md "GET /ui/api/probes"): every probe
// node as configured, whether it was online in the last committed DNS cycle
// (slam-algorithms.md §3), and its online history over the last `hours`:
// per DNS cycle (sampled to at most kMaxColumns columns) 1 online, 0
// offline, -1 no committed cycle.
#pragma once

#include <string>

#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace tldmon::web {

// A probe node's last push to /probe/v1/ (probeapi's figures).
struct ProbeDelivery {
  std::int64_t last_push = 0;     // Unix seconds
  std::int64_t newest_cycle = 0;  // the newest cycle that push carried
  std::int64_t outbox_depth = 0;  // items it said were still queued
};

// `deliveries` by probe name; empty when the probes are simulated.
Result<std::string> ProbesViewJson(const store::Store& store, int hours, UnixSeconds now,
                                   const std::map<std::string, ProbeDelivery>& deliveries = {});

}  // namespace tldmon::web
