// The edits of TLS access entries, shared by `tldmon admin tls` (the CLI,
// on the data directory) and the admin API of a running serve
// (admin/admin_api.h), so both answer alike: add (or extend) an entry,
// remove one, the change report of a bulk import, and the JSON shape of an
// entry and of the list with the DNS state serve saw.
//
// Each edit validates its input, reads the entity's entries, computes the
// new ones and writes them in one transaction (TlsAccessRepository), and
// says what changed. The read-modify-write is not atomic against another
// writer: callers serialize edits (the CLI and the admin API hold
// <data>/engine.lock around them). Thread-safe as far as the Store is.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "dane/tls_access.h"
#include "dane/tls_access_import.h"
#include "dane/tlsa_cache.h"
#include "store/store.h"

namespace tldmon::dane {

// {"domain", "roles": [...], "acl": [...]}.
nlohmann::json TlsAccessEntryJson(const TlsAccessEntry& entry);

struct TlsAccessAddRequest {
  std::string domain;                // as typed; checked and folded
  std::vector<std::string> roles;    // role names
  std::vector<std::string> allow;    // prefixes
};
struct TlsAccessAddOutcome {
  bool existed = false;  // the entity had an entry for the domain (it was extended)
  bool changed = false;  // something was written
  TlsAccessEntry entry;  // the entry as stored now
  // {"entity", "changed", "entry"} and a sentence for people.
  nlohmann::json Json(const EntityId& entity) const;
  std::string Text(const EntityId& entity) const;
};
// Adds the entry, or extends an existing one for the same domain with the
// roles and prefixes (never narrows it). InvalidArgument for a bad name,
// role or prefix; FailedPrecondition past kMaxTlsEntriesPerEntity. The
// caller checks that `entity` exists.
Result<TlsAccessAddOutcome> AddTlsAccess(store::Store& store, const EntityId& entity,
                                         const TlsAccessAddRequest& request);

// Removes the entity's entry for `domain`; returns the folded name.
// NotFound (naming `tldmon admin tls list`) when there is none.
Result<std::string> RemoveTlsAccess(store::Store& store, const EntityId& entity,
                                    std::string_view domain);

// The entries (of `only`, or of everyone) with the DNS state of each owner
// name when `states` knows it: {"entries": [{"entity", "domain", "roles",
// "acl", "dns": {"state", "records", "why"}}]} and the same as text.
struct TlsAccessListing {
  nlohmann::json json;
  std::string text;
};
TlsAccessListing ListTlsAccess(const TlsAccessTable& table, const std::optional<EntityId>& only,
                               const std::map<std::string, TlsaNameStatus>& states);

// A bulk import: per listed entity the domains added, removed and changed
// against `current`, applied in one transaction unless `dry_run` or nothing
// changes. The caller checks that every listed entity exists.
struct TlsAccessImportReport {
  std::size_t changes = 0;
  nlohmann::json json;  // {"dryRun", "changes", "submittedBy", "attestation", "entities": [...]}
  std::string text;     // a line per entity and a summary line
};
Result<TlsAccessImportReport> ImportTlsAccess(store::Store& store, const TlsAccessImport& import,
                                              bool dry_run);

}  // namespace tldmon::dane
