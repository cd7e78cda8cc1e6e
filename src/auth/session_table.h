// SessionTable: the live cookie sessions (mosapi-api.md §4.2). In memory only:
// a restart of the server logs everyone out, and clients simply log in again
// (they already re-login once on 401, §10.2).
//
// Rules: a session id is 160 random bits as 40 upper-case hex characters; a
// session lives `lifetime` seconds from login (absolute, not sliding); an
// account holds at most `max_per_account` sessions and a new login ends its
// oldest; a session is bound to the entity it logged in to.
//
// Thread-safe: every member function may be called concurrently.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/entity_id.h"
#include "core/status.h"
#include "core/thread_annotations.h"
#include "core/time.h"

namespace tldmon::auth {

inline constexpr std::size_t kSessionIdBytes = 20;  // 160 bits
inline constexpr std::size_t kSessionIdHexLength = 2 * kSessionIdBytes;

struct Session {
  std::string username;
  EntityId entity;
  UnixSeconds created = 0;
  UnixSeconds expires = 0;  // first second at which the session is dead
};

struct NewSession {
  std::string id;  // the cookie value; not kept by the table (only its digest)
  Session session;
  std::size_t evicted = 0;  // older sessions of the account this login ended
};

// True for exactly 40 characters of [0-9A-F].
bool IsWellFormedSessionId(std::string_view id);

class SessionTable {
 public:
  SessionTable(UnixSeconds lifetime, int max_per_account);
  SessionTable(const SessionTable&) = delete;
  SessionTable& operator=(const SessionTable&) = delete;

  // Starts a session for `username` at `entity`, ending the account's oldest
  // sessions beyond max_per_account. Internal if libsodium is unusable.
  Result<NewSession> Create(std::string_view username, const EntityId& entity, UnixSeconds now);

  // The live session with this id bound to `entity`; nullopt for a malformed,
  // unknown, expired (purged here) or other-entity id.
  std::optional<Session> Find(std::string_view id, const EntityId& entity, UnixSeconds now);

  // Ends the live session with this id bound to `entity` and returns it;
  // nullopt when there is none (unknown, expired, already ended, other entity).
  std::optional<Session> End(std::string_view id, const EntityId& entity, UnixSeconds now);

  // Ends every session of an account (password change, account removed).
  std::size_t EndAllOf(std::string_view username);

  // Purges every session expired at `now`; returns how many. The server calls
  // it periodically so idle expired sessions do not accumulate.
  std::size_t Sweep(UnixSeconds now);

  std::size_t size() const;

 private:
  // Sessions are keyed by a BLAKE2b digest of the id, so the table never
  // holds a usable cookie value.
  static std::string Key(std::string_view id);
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
