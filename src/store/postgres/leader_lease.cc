#include "store/postgres/leader_lease.h"

#include <utility>

namespace tldmon::store::postgres {

LeaderLease::LeaderLease(std::string name, std::string holder, std::chrono::milliseconds ttl)
    : name_(std::move(name)),
      holder_(std::move(holder)),
      ttl_(ttl),
      ttl_interval_(std::to_string(ttl.count()) + " milliseconds") {}

Result<std::optional<std::int64_t>> LeaderLease::TryAcquire(PgConn& conn) const {
  auto txn = PgTransaction::Begin(conn);
  if (!txn.ok()) return txn.status();
  // A fenced transaction of the holder keeps the row locked; waiting longer
  // than a ttl for it would only delay this host's next attempt.
  TLDMON_RETURN_IF_ERROR(
      conn.Exec("SELECT set_config('lock_timeout', $1, true)", {std::to_string(ttl_.count())})
          .status());
  // One statement: insert the first row, or take an expired one. ON CONFLICT
  // DO UPDATE locks the row and judges the WHERE on its newest version, so of
  // two hosts racing exactly one wins.
  auto r = conn.Exec(
      "INSERT INTO leader_lease (name, holder, epoch, expires_at, acquired_at)"
      " VALUES ($1, $2, 1, clock_timestamp() + $3::interval, clock_timestamp())"
      " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder,"
      "   epoch = leader_lease.epoch + 1, expires_at = EXCLUDED.expires_at,"
      "   acquired_at = EXCLUDED.acquired_at"
      " WHERE leader_lease.expires_at < clock_timestamp()"
      " RETURNING epoch",
      {name_, holder_, ttl_interval_});
  if (!r.ok()) {
    // A lock wait past lock_timeout (Unavailable on a live connection): a
    // holder's fenced transaction is open right now.
    if (r.status().code() == StatusCode::kUnavailable && conn.ok()) return std::optional<std::int64_t>();
    return r.status();
  }
  if (r->rows() == 0) return std::optional<std::int64_t>();
  const std::int64_t epoch = r->Int(0, 0);
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  return std::optional<std::int64_t>(epoch);
}

namespace {
constexpr const char kRenew[] =
    "UPDATE leader_lease SET expires_at = clock_timestamp() + $3::interval"
    " WHERE name = $1 AND holder = $2 AND epoch = $4 AND expires_at > clock_timestamp()";
}  // namespace

Result<bool> LeaderLease::Renew(PgConn& conn, std::int64_t epoch) const {
  auto r = conn.Exec(kRenew, {name_, holder_, ttl_interval_, epoch});
  if (!r.ok()) return r.status();
  return r->affected() == 1;
}

Status LeaderLease::Fence(PgConn& conn, std::int64_t epoch) const {
  auto r = conn.Exec(kRenew, {name_, holder_, ttl_interval_, epoch});
  if (!r.ok()) return r.status();
  if (r->affected() != 1) {
    return FailedPrecondition("not the engine leader: lease '" + name_ + "' epoch " +
                              std::to_string(epoch) + " of " + holder_ +
                              " has expired or been taken over");
  }
  return Status::Ok();
}

Status LeaderLease::Resign(PgConn& conn, std::int64_t epoch) const {
  return conn
      .Exec("UPDATE leader_lease SET expires_at = clock_timestamp() - interval '1 millisecond'"
            " WHERE name = $1 AND holder = $2 AND epoch = $3",
            {name_, holder_, epoch})
      .status();
}

Result<std::optional<LeaseView>> LeaderLease::Current(PgConn& conn) const {
  auto r = conn.Exec(
      "SELECT holder, epoch, expires_at > clock_timestamp(),"
      " extract(epoch FROM expires_at - clock_timestamp())::float8"
      " FROM leader_lease WHERE name = $1",
      {name_});
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::optional<LeaseView>();
  LeaseView v;
  v.holder = std::string(r->text(0, 0));
  v.epoch = r->Int(0, 1);
  v.live = r->Bool(0, 2);
  v.expires_in_s = std::stod(std::string(r->text(0, 3)));
  return std::optional<LeaseView>(std::move(v));
}

std::chrono::steady_clock::time_point LeaderLease::TrustDeadline(
    std::chrono::steady_clock::time_point attempt_start) const {
  return attempt_start + ttl_ - ttl_ / 5;
}

std::string LeaderLease::LeaderSessionSettings() const {
  return "SET idle_in_transaction_session_timeout = " + std::to_string(ttl_.count());
}

}  // namespace tldmon::store::postgres
