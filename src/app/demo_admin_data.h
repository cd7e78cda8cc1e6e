// What an operator imports with `tldmon admin` in a real deployment, seeded
// for the demo so every MoSAPI endpoint has something to answer
// (docs/operations.md "tldmon demo"): Domain METRICA reports of the three
// days before `now` for every demo entity (mosapi-api.md §6.11; a client's
// first METRICA call is `domainList/latest`, and a 404 there makes some
// registry scripts abort their whole run), and the registrars' RDAP base URL
// list (§6.13) with the demo registrar in it.
//
// Idempotent: an entity that already has a METRICA report, or a store that
// already has an RDAP base URL list, is left as it is (the operator may have
// imported real data). The caller holds the engine lock.
#pragma once

#include <span>

#include "core/monitoring_config.h"
#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace tldmon::app {

// Days of METRICA reports seeded per entity (the days before `now`).
inline constexpr int kDemoMetricaDays = 3;

// Returns whether anything was written.
Result<bool> EnsureDemoAdminData(store::Store& store, std::span<const EntityConfig> entities,
                                 UnixSeconds now);

}  // namespace tldmon::app
