// TLS access entries (dane-client-auth.md §1, §3; issue 10): per TLD or
// registrar, the entries the operator registered, each a domain name where
// the client's TLSA records are published, the roles it grants and the IP
// ACL its requests must come from. Stored as keyed records (kind
// "auth.tls", key the entity path, JSON as docs/formats/store-schema.md
// "auth.tls") so `tldmon admin tls` edits them and a running serve picks
// them up at its next poll of the change generation.
//
// Plain values and pure functions; TlsAccessRepository holds a reference to
// the Store, which must outlive it, and is as thread-safe as the Store.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "auth/ip_prefix.h"
#include "auth/role.h"
#include "core/entity_id.h"
#include "core/status.h"
#include "store/store.h"

namespace tldmon::dane {

inline constexpr std::string_view kTlsAccessKind = "auth.tls";
// Entries per entity: ample for one per RSP and role split (ICANN73: several
// RSPs per TLD), small enough that a request scans them in no time.
inline constexpr std::size_t kMaxTlsEntriesPerEntity = 32;

struct TlsAccessEntry {
  std::string domain;               // the TLSA owner name, lower case, no trailing dot
  auth::RoleSet roles;              // at least one
  std::vector<auth::IpPrefix> acl;  // at least one (an empty ACL would admit nobody)
  friend bool operator==(const TlsAccessEntry&, const TlsAccessEntry&) = default;
};

// Every entity's entries (entities without entries are absent).
using TlsAccessTable = std::map<EntityId, std::vector<TlsAccessEntry>>;

// The owner name, checked and folded to lower case: 2 to 127 labels of 1-63
// characters of [a-z0-9-_] (underscore labels allow "_client.rsp.example"),
// no label starting or ending with '-', at most 253 characters; one trailing
// dot is removed. Used verbatim as the TLSA query name (§1 decision 2).
Result<std::string> NormalizeTlsaOwnerName(std::string_view name);

// Checks one entry (name, at least one role, at least one prefix).
Status ValidateTlsAccessEntry(const TlsAccessEntry& entry);

Result<std::string> EncodeTlsAccessRecord(const EntityId& entity,
                                          const std::vector<TlsAccessEntry>& entries);
Result<std::vector<TlsAccessEntry>> DecodeTlsAccessRecord(const EntityId& entity,
                                                          std::string_view bytes);

class TlsAccessRepository {
 public:
  explicit TlsAccessRepository(store::Store& store) : store_(store) {}
  // Everything stored; a record that does not decode is Internal naming it.
  Result<TlsAccessTable> Load() const;
  // Replaces the entity's entries (none: removes the record); one
  // transaction, one change-generation step. Entries are validated, and a
  // domain may appear only once per entity.
  Status Put(const EntityId& entity, const std::vector<TlsAccessEntry>& entries);
  // Replaces several entities' entries in one transaction (bulk import).
  Status PutAll(const TlsAccessTable& changes);

 private:
  store::Store& store_;
};

}  // namespace tldmon::dane
