// The demo's MoSAPI accounts (docs/operations.md "tldmon demo"): for every
// demo entity the conventional user (`example_ry`, `9999_rr`, ...,
// auth::DefaultUsername) with the password "demo", the allow-list
// 127.0.0.0/8 and ::1/128 (loopback only), and every role. Idempotent:
// accounts that exist keep their password (an operator may have changed it);
// missing prefixes and roles are added.
#pragma once

#include <span>
#include <string_view>

#include "auth/password_hash.h"
#include "core/entity_id.h"
#include "core/status.h"
#include "store/store.h"

namespace tldmon::app {

inline constexpr std::string_view kDemoPassword = "demo";
// The dashboard operator every demo has (docs/dashboard.md), password kDemoPassword.
inline constexpr std::string_view kDemoOperator = "operator";

// Saves the access configuration (one transaction) if anything was missing;
// returns whether it changed. The caller holds the engine lock.
Result<bool> EnsureDemoAccess(store::Store& store, std::span<const EntityId> entities,
                              const auth::PwhashLimits& pwhash);

}  // namespace tldmon::app
