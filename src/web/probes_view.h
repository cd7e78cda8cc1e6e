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

Result<std::string> ProbesViewJson(const store::Store& store, int hours, UnixSeconds now);

}  // namespace tldmon::web
