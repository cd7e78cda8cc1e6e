// LeaderLease: which `serve` host runs the engine, through a lease row in
// PostgreSQL with an expiry and an epoch (issue 13; ../shared/spec/scale.md
// §2.3). Not session advisory locks: a paused or half-dead holder keeps
// those for hours under default TCP keepalives, they do not work behind
// PgBouncer, and the holder is not told when it loses one.
//
//   * TryAcquire takes the row when it is absent or expired, raising the
//     epoch by one: the epoch only grows, so it is a fencing token.
//   * Renew (every ttl/3) extends the holder's own unexpired row; 0 rows
//     means the lease is lost: step down at once.
//   * Fence is the first statement of every engine write transaction: the
//     same renew, inside the transaction. It row-locks the lease until the
//     commit, so a takeover cannot interleave: a concurrent TryAcquire waits,
//     then finds the renewed expiry and refuses. A stale leader (paused past
//     its expiry, or partitioned) finds 0 rows, gets FailedPrecondition and
//     must roll back: nothing it writes lands.
//   * Resign on a clean shutdown lets a follower take over at once instead
//     of after the ttl.
//
// Expiry is judged by the database's clock (clock_timestamp()) only, so the
// hosts' clocks may disagree. A holder must also stop acting by its local
// trust deadline (TrustDeadline: the attempt's start + ttl - margin, on the
// monotonic clock), in case its renew cannot reach the database at all.
//
// A leader's connection should set idle_in_transaction_session_timeout
// (LeaderSessionSettings): a holder paused inside a fenced transaction
// would otherwise keep the row locked, and the takeover waiting, for as
// long as the pause lasts.
//
// Stateless apart from its names: one object per host and lease name;
// the connection passed in must not be used by another thread meanwhile.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "store/postgres/pg_conn.h"

namespace tldmon::store::postgres {

struct LeaseView {
  std::string holder;
  std::int64_t epoch = 0;
  bool live = false;           // unexpired at the database's clock
  double expires_in_s = 0;     // negative once expired
};

class LeaderLease {
 public:
  // `name`: the lease ("engine"); `holder`: this process, unique among the
  // hosts (host name, pid and a random part); `ttl`: how long a grant or a
  // renewal lasts (default 15 s: docs/operations.md).
  LeaderLease(std::string name, std::string holder, std::chrono::milliseconds ttl);

  // The new epoch when this holder took the lease; nullopt when another
  // holder's lease is live (or the row is locked by a fenced transaction
  // for longer than the ttl).
  Result<std::optional<std::int64_t>> TryAcquire(PgConn& conn) const;
  // True when the lease was extended; false when it is no longer ours.
  Result<bool> Renew(PgConn& conn, std::int64_t epoch) const;
  // Inside an open transaction: renew or fail with FailedPrecondition ("not
  // the engine leader"). The caller rolls back on any error.
  Status Fence(PgConn& conn, std::int64_t epoch) const;
  // Gives the lease up now if it is still ours (not an error otherwise).
  Status Resign(PgConn& conn, std::int64_t epoch) const;
  // The row as it stands; nullopt before anyone took it.
  Result<std::optional<LeaseView>> Current(PgConn& conn) const;

  // When a grant or renewal whose statement started at `attempt_start` stops
  // being trustworthy locally: attempt_start + ttl - margin (ttl/5).
  std::chrono::steady_clock::time_point TrustDeadline(
      std::chrono::steady_clock::time_point attempt_start) const;

  // SET statements for a leader's connection (idle_in_transaction_session_
  // timeout = ttl).
  std::string LeaderSessionSettings() const;

  const std::string& holder() const { return holder_; }
  std::chrono::milliseconds ttl() const { return ttl_; }

 private:
  std::string name_, holder_;
  std::chrono::milliseconds ttl_;
  std::string ttl_interval_;  // "15000 milliseconds"
};

}  // namespace tldmon::store::postgres
