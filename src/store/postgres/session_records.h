// SessionRecords: the MoSAPI sessions and login lockouts that several hosts
// share in PostgreSQL (migration 8). The auth module's SharedSessionStore
// and SharedLockoutLedger keep their logic; this class holds their SQL.
//
// Every deletion of a session names its key in NOTIFY tldmon_session, sent
// at the commit, so the other hosts drop it from their caches. A key goes
// out as 64 lower-case hex characters.
//
// Thread-safe: one connection, used under a mutex; a lost connection is
// re-made on the next call (PgConn::set_reconnect).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/postgres/pg_conn.h"

namespace tldmon::store::postgres {

inline constexpr const char kSessionChannel[] = "tldmon_session";

struct SessionRecord {
  std::string key;  // the digest of the cookie value (bytes)
  std::string username;
  std::string entity;  // "ry/example"
  std::int64_t created = 0;
  std::int64_t expires = 0;
};

struct LockoutRecord {
  int consecutive_failures = 0;
  std::int64_t locked_until = 0;
};

// The hex text a key travels as in a notification, and back (nullopt for
// anything else).
std::string SessionKeyHex(std::string_view key);
std::optional<std::string> SessionKeyFromHex(std::string_view hex);

class SessionRecords {
 public:
  static Result<std::unique_ptr<SessionRecords>> Open(const std::string& conninfo);

  // Stores `record` and, in the same transaction (serialised per account
  // across hosts), deletes the account's oldest sessions so that at most
  // `max_per_account` remain, the new one included. Returns the deleted
  // keys.
  Result<std::vector<std::string>> Insert(const SessionRecord& record, std::size_t max_per_account);
  Result<std::optional<SessionRecord>> Get(std::string_view key);
  // Deletes the session if it belongs to `entity` and is live at `now`;
  // returns it (nullopt: there was no such session).
  Result<std::optional<SessionRecord>> Delete(std::string_view key, std::string_view entity,
                                              std::int64_t now);
  // Deletes every session of the account; returns their keys.
  Result<std::vector<std::string>> DeleteAccount(std::string_view username);
  // Deletes the sessions dead at `now` (no notification: every host sees the
  // expiry itself); returns how many.
  Result<std::int64_t> DeleteExpired(std::int64_t now);
  // Sessions stored (expired ones until the next DeleteExpired).
  Result<std::int64_t> Count();

  // The account's lockout state ({} when it has none).
  Result<LockoutRecord> GetLockout(std::string_view username);
  // Replaces the account's state by change(current) under a row lock, so
  // two hosts counting failures of one account at once count both.
  Result<LockoutRecord> UpdateLockout(std::string_view username,
                                      const std::function<LockoutRecord(LockoutRecord)>& change);
  Status DeleteLockout(std::string_view username);
  Result<std::int64_t> CountLockouts();

 private:
  explicit SessionRecords(std::unique_ptr<PgConn> conn) : conn_(std::move(conn)) {}
  // Sends the notification for each key (inside the caller's transaction).
  Status Announce(const std::vector<std::string>& keys);
  // Runs `op` under the mutex, and once more when it failed because the
  // server had dropped the connection: libpq notices that only when a
  // statement fails (after a PostgreSQL restart), and the second try
  // reconnects (PgConn::set_reconnect).
  template <typename Op>
  auto Locked(Op op) -> decltype(op());

  std::mutex mu_;
  std::unique_ptr<PgConn> conn_;
};

}  // namespace tldmon::store::postgres
