// SessionTable: the live cookie sessions of one host, in memory
// (session_store.h has the rules and the shared alternative).
//
// Thread-safe: every member function may be called concurrently.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/session_store.h"
#include "core/entity_id.h"
#include "core/status.h"
#include "core/thread_annotations.h"
#include "core/time.h"

namespace tldmon::auth {

class SessionTable final : public SessionStore {
 public:
  SessionTable(UnixSeconds lifetime, int max_per_account);
  SessionTable(const SessionTable&) = delete;
  SessionTable& operator=(const SessionTable&) = delete;

  Result<NewSession> Create(std::string_view username, const EntityId& entity,
                            UnixSeconds now) override;
  std::optional<Session> FindSession(std::string_view id, const EntityId& entity, UnixSeconds now,
                                     SessionLookup how) override;
  std::optional<Session> End(std::string_view id, const EntityId& entity, UnixSeconds now) override;
  std::size_t EndAllOf(std::string_view username) override;
  std::size_t Sweep(UnixSeconds now) override;
  std::size_t size() const override;

 private:
  void EraseLocked(const std::string& key) REQUIRES(mu_);
  // The session under `key` if it is live and belongs to `entity`; an
  // expired one is erased on the way.
  const Session* LiveLocked(const std::string& key, const EntityId& entity, UnixSeconds now)
      REQUIRES(mu_);

  const UnixSeconds lifetime_;
  const std::size_t max_per_account_;

  mutable Mutex mu_;
  std::unordered_map<std::string, Session> by_key_ GUARDED_BY(mu_);
  // Keys of each account's sessions, oldest first.
  std::unordered_map<std::string, std::deque<std::string>> by_account_ GUARDED_BY(mu_);
};

}  // namespace tldmon::auth
