// SessionStore: where the live cookie sessions are kept (mosapi-api.md
// §4.2). Two kinds:
//   SessionTable        in this process's memory: one host (the default); a
//                       restart logs everyone out and clients log in again
//                       (they already re-login once on 401, §10.2);
//   SharedSessionStore  in PostgreSQL with a local cache: several hosts
//                       behind one name, where a session made on one host
//                       works on every other and a logout ends it on all.
//
// Rules both keep: a session id is 160 random bits as 40 upper-case hex
// characters; a session lives `lifetime` seconds from login (absolute, not
// sliding); an account holds at most `max_per_account` sessions and a new
// login ends its oldest; a session is bound to the entity it logged in to.
// Neither keeps a usable cookie value: sessions are keyed by a BLAKE2b
// digest of the id.
//
// Thread-safe: every member function may be called concurrently.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/entity_id.h"
#include "core/status.h"
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
  std::string id;  // the cookie value; not kept by the store (only its digest)
  Session session;
  std::size_t evicted = 0;  // older sessions of the account this login ended
};

// True for exactly 40 characters of [0-9A-F].
bool IsWellFormedSessionId(std::string_view id);
// A fresh id from libsodium's generator (EnsureSodium first).
std::string NewSessionId();
// The key a session is stored under: BLAKE2b-256 of the id.
std::string SessionKey(std::string_view id);

// Where a shared store may look for a session (SharedSessionStore).
enum class SessionLookup {
  kAnywhere,    // this host's cache, then the database
  kCachedOnly,  // this host's cache alone: no database round trip
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;

  // Starts a session for `username` at `entity`, ending the account's oldest
  // sessions beyond the limit. Internal if libsodium is unusable,
  // Unavailable when a shared store cannot reach its database.
  virtual Result<NewSession> Create(std::string_view username, const EntityId& entity,
                                    UnixSeconds now) = 0;
  // The live session with this id bound to `entity`; nullopt for a
  // malformed, unknown, expired or other-entity id.
  std::optional<Session> Find(std::string_view id, const EntityId& entity, UnixSeconds now) {
    return FindSession(id, entity, now, SessionLookup::kAnywhere);
  }
  // The same, looking only where `how` allows: the Authenticator asks a
  // source that presented too many unknown cookies to be served from the
  // cache alone, so forged cookies cannot turn into database load.
  virtual std::optional<Session> FindSession(std::string_view id, const EntityId& entity,
                                             UnixSeconds now, SessionLookup how) = 0;
  // Ends the live session with this id bound to `entity` and returns it;
  // nullopt when there is none (unknown, expired, already ended, other entity).
  virtual std::optional<Session> End(std::string_view id, const EntityId& entity,
                                     UnixSeconds now) = 0;
  // Ends every session of an account (password change, account removed).
  virtual std::size_t EndAllOf(std::string_view username) = 0;
  // Purges every session expired at `now`; returns how many. The server
  // calls it periodically so idle expired sessions do not accumulate.
  virtual std::size_t Sweep(UnixSeconds now) = 0;
  // Live sessions (for /metrics and tests).
  virtual std::size_t size() const = 0;
};

}  // namespace tldmon::auth
