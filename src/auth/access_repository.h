// AccessRepository: persists the Authenticator's configuration (AuthSnapshot)
// in the Store's keyed records (store/keyed_record.h), so `tldmon admin` can
// edit accounts and allow-lists and `tldmon serve` restores them on start:
//   kind "auth.entity"   key: entity path ("ry/example")  one EntityAccessRecord
//   kind "auth.account"  key: user name ("example_ry")    one AccountRecord
// bytes as access_records_codec.h encodes them (docs/formats/store-schema.md).
//
// Ownership and threads: holds a reference to `store`, which must outlive it;
// as thread-safe as the Store (all Store implementations are).
#pragma once

#include <optional>
#include <string_view>

#include "auth/access_records.h"
#include "core/status.h"
#include "store/store.h"

namespace tldmon::auth {

inline constexpr std::string_view kEntityAccessKind = "auth.entity";
inline constexpr std::string_view kAccountKind = "auth.account";

class AccessRepository {
 public:
  explicit AccessRepository(store::Store& store) : store_(store) {}

  // Everything saved, sorted as Authenticator::Snapshot sorts (entities by
  // id, accounts by user name); empty if nothing was ever saved. Both kinds
  // are read from one consistent state. A record that does not decode, or
  // whose key is not its entity path / user name, is Internal naming the
  // kind and key (a damaged store; nothing is half-loaded).
  Result<AuthSnapshot> Load() const;

  // Replaces everything stored by `snapshot` in one transaction. Fails with
  // InvalidArgument, writing nothing, if a record cannot be encoded
  // (access_records_codec.h) or an entity or user name appears twice.
  Status Save(const AuthSnapshot& snapshot);

  // Stores `entity` (Store::PutEntities) and, when given, its access record
  // in one transaction: `admin entity add` never leaves an entity without
  // the access record it was given, or a record without its entity.
  Status PutEntityWithAccess(const EntityConfig& entity,
                             const std::optional<EntityAccessRecord>& access);

 private:
  store::Store& store_;
};

}  // namespace tldmon::auth
