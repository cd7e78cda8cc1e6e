// Edits of the persisted access configuration (auth::AuthSnapshot) that
// `tldmon admin password|account|allow|role` and the demo's account set-up
// make. Each edit validates its input and either changes the snapshot or
// returns an error leaving it untouched; the caller saves the result with
// auth::AccessRepository::Save (one transaction). The snapshot stays sorted
// as the repository keeps it (entities by id, accounts by user name).
//
// Pure and thread-safe (on distinct snapshots).
#pragma once

#include <string>
#include <string_view>

#include "auth/access_records.h"
#include "core/status.h"

namespace tldmon::app {

// The entity's access record, created with auth::DefaultRoles and an empty
// allow-list when it has none.
auth::EntityAccessRecord& EntityAccess(auth::AuthSnapshot* snapshot, const EntityId& entity);
// Null when the entity has no record.
const auth::EntityAccessRecord* FindEntityAccess(const auth::AuthSnapshot& snapshot,
                                                 const EntityId& entity);

// Creates the account or replaces its hash. AlreadyExists if the user name
// belongs to another entity; InvalidArgument for a bad user name.
Status SetAccount(auth::AuthSnapshot* snapshot, std::string_view username, const EntityId& entity,
                  std::string password_hash);
// NotFound if there is no such account.
Status RemoveAccount(auth::AuthSnapshot* snapshot, std::string_view username);

// Adds a prefix ("192.0.2.0/24", "2001:db8::/32", a single address) to the
// allow-list; false when it was already there (no change).
Result<bool> AddAllowed(auth::AuthSnapshot* snapshot, const EntityId& entity,
                        std::string_view prefix);
// NotFound when the prefix is not in the list.
Status RemoveAllowed(auth::AuthSnapshot* snapshot, const EntityId& entity, std::string_view prefix);

// Grants a role by its NSp name ("MoSAPI - TLD SLAM Data"); false when the
// entity already had it.
Result<bool> GrantRole(auth::AuthSnapshot* snapshot, const EntityId& entity, std::string_view role);
// NotFound when the entity does not have the role.
Status RevokeRole(auth::AuthSnapshot* snapshot, const EntityId& entity, std::string_view role);

}  // namespace tldmon::app
