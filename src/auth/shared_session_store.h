// SharedSessionStore: the MoSAPI sessions of several hosts, in PostgreSQL
// (store/postgres/session_records.h), with a cache on each host so that a
// client's requests cost no database round trip once its session is known
// here. A session made on host A works on host B at once (B finds it in
// the database on its first request); a logout, an eviction by a newer
// login or a password change on any host ends it everywhere: the host that
// deletes it sends NOTIFY tldmon_session and every other host drops it from
// its cache.
//
// The cache only trusts what it could not have missed: entries are kept
// while the listener's connection is up; every (re)connect empties the
// cache, and a read from the database is cached only if no notification
// and no reconnect came while it ran. While the listener is down, cached
// sessions still work (their expiry is checked here) and new ones are
// looked up in the database: a host cut off from the database keeps its
// known clients served, at the price that a logout on another host reaches
// it only when it reconnects (docs/operations.md).
//
// Unknown cookies: a key the database does not hold is remembered as
// absent (ids are random and only ever made at login, so an absent key
// never appears later); a client looping on an ended or expired cookie
// costs one lookup, not one per request. A flood of *different* forged
// cookies is the Authenticator's to stop (SessionLookup::kCachedOnly for a
// source over its limit).
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "auth/session_store.h"
#include "core/thread_annotations.h"
#include "store/postgres/pg_listener.h"
#include "store/postgres/session_records.h"

namespace tldmon::auth {

class SharedSessionStore final : public SessionStore {
 public:
  // Connects (fails when the database cannot be reached) and starts the
  // listener.
  static Result<std::unique_ptr<SharedSessionStore>> Open(const std::string& conninfo,
                                                          UnixSeconds lifetime,
                                                          int max_per_account);
  ~SharedSessionStore() override;

  Result<NewSession> Create(std::string_view username, const EntityId& entity,
                            UnixSeconds now) override;
  std::optional<Session> FindSession(std::string_view id, const EntityId& entity, UnixSeconds now,
                                     SessionLookup how) override;
  std::optional<Session> End(std::string_view id, const EntityId& entity, UnixSeconds now) override;
  std::size_t EndAllOf(std::string_view username) override;
  std::size_t Sweep(UnixSeconds now) override;
  // Live sessions of every host (from the database; this host's cache when
  // the database cannot be reached).
  std::size_t size() const override;

  // Sessions in this host's cache, and whether the listener is connected
  // (tests, metrics).
  std::size_t cached() const;
  bool listening() const { return listening_.load(); }
  // Session lookups that went to the database (tests, metrics).
  std::uint64_t database_lookups() const { return database_lookups_.load(); }

  // Most keys remembered as absent; the set is emptied when full.
  static constexpr std::size_t kMaxAbsent = 65536;

 private:
  SharedSessionStore(std::unique_ptr<store::postgres::SessionRecords> records, UnixSeconds lifetime,
                     int max_per_account);
  void Forget(const std::vector<std::string>& keys);
  void StartListening(const std::string& conninfo);

  const UnixSeconds lifetime_;
  const std::size_t max_per_account_;
  const std::unique_ptr<store::postgres::SessionRecords> records_;

  mutable Mutex mu_;
  std::unordered_map<std::string, Session> cache_ GUARDED_BY(mu_);  // by SessionKey
  std::unordered_set<std::string> absent_ GUARDED_BY(mu_);          // keys not in the database
  std::atomic<std::uint64_t> database_lookups_{0};
  // Rises on every notification batch and (re)connect: a database read
  // that saw it change may be stale and is not cached.
  std::uint64_t invalidations_ GUARDED_BY(mu_) = 0;
  std::atomic<bool> listening_{false};
  std::unique_ptr<store::postgres::PgListener> listener_;  // last: stops first
};

}  // namespace tldmon::auth
