// The persistent access-control configuration as plain records, in the shape
// the Store persists them (one row per account, one per entity). What NSp
// holds for MoSAPI (mosapi-api.md §4.1): accounts with passwords, the IP
// prefixes each entity may connect from, and the roles granted to it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auth/ip_prefix.h"
#include "auth/role.h"
#include "core/entity_id.h"
#include "core/status.h"

namespace tldmon::auth {

// A password account. The account acts for exactly one entity and has the
// roles that entity is configured with.
struct AccountRecord {
  std::string username;  // unique across all entities
  EntityId entity;
  std::string password_hash;  // Argon2id string (password_hash.h); never a password
  friend bool operator==(const AccountRecord&, const AccountRecord&) = default;
};

// Per-entity access: the source allow-list (IPv4 and IPv6 prefixes) and the
// role grants. An entity without a record, or with an empty allow-list,
// admits nobody (docs/auth.md).
struct EntityAccessRecord {
  EntityId entity;
  std::vector<IpPrefix> allow_list;
  RoleSet roles;
  friend bool operator==(const EntityAccessRecord&, const EntityAccessRecord&) = default;
};

// Everything the Authenticator persists; sessions and rate-limit counters are
// deliberately not part of it (they live in memory only).
struct AuthSnapshot {
  std::vector<EntityAccessRecord> entities;  // sorted by entity
  std::vector<AccountRecord> accounts;       // sorted by username
};

// The conventional user name of an entity's account: "<tld>_ry" for a
// registry (mosapi-api.md §4.1, e.g. "example_ry"), "<ianaId>_rr" for a
// registrar. Accounts may be given other names; this is what `admin` offers.
std::string DefaultUsername(const EntityId& entity);

// 1..64 characters of [A-Za-z0-9._@-]: no colon (RFC 7617 forbids it in a
// Basic user-id), no blanks or control characters.
Status ValidateUsername(std::string_view username);

}  // namespace tldmon::auth
