// Dashboard operator accounts (docs/dashboard.md "Accounts"): people who run
// tldmon and see every entity, or only a set of them, on the dashboard, and
// may mark false positives and edit maintenance windows there. Entity
// accounts (the MoSAPI accounts of auth/) log in to the dashboard as they
// are; these are the extra accounts MoSAPI has no place for.
//
// Stored in the Store's keyed records, kind "web.operator", key the user
// name, bytes a small JSON object {"hash": <Argon2id string>, "entities":
// ["ry/example", ...]} (empty list: every entity). `tldmon admin operator`
// edits them; serve reads them on every access reload.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity_id.h"
#include "core/status.h"
#include "store/store.h"

namespace tldmon::web {

inline constexpr std::string_view kOperatorKind = "web.operator";

struct OperatorAccount {
  std::string username;
  std::string password_hash;      // Argon2id (auth/password_hash.h); never a password
  std::vector<EntityId> entities;  // the entities it sees; empty: every entity
  friend bool operator==(const OperatorAccount&, const OperatorAccount&) = default;
};

std::string EncodeOperator(const OperatorAccount& account);
// InvalidArgument naming `username` when the bytes are not a valid record.
Result<OperatorAccount> DecodeOperator(std::string_view username, std::string_view bytes);

// Every operator account, by user name. Internal for a damaged record.
Result<std::vector<OperatorAccount>> LoadOperators(const store::Store& store);
// Creates or replaces one (validated: user name, hash, entity ids).
Status PutOperator(store::Store& store, const OperatorAccount& account);
// NotFound when there is no such operator.
Status RemoveOperator(store::Store& store, std::string_view username);

}  // namespace tldmon::web
