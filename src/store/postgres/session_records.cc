#include "store/postgres/session_records.h"

#include <utility>

#include "store/postgres/advisory_locks.h"

namespace tldmon::store::postgres {
namespace {

constexpr char kHex[] = "0123456789abcdef";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

SessionRecord RecordAt(const PgResult& r, int row) {
  // Columns: key, username, entity, created, expires.
  return SessionRecord{std::string(r.bytes(row, 0)), std::string(r.text(row, 1)),
                       std::string(r.text(row, 2)), r.Int(row, 3), r.Int(row, 4)};
}

const Status& StatusOf(const Status& s) { return s; }
template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.status();
}

}  // namespace

template <typename Op>
auto SessionRecords::Locked(Op op) -> decltype(op()) {
  std::lock_guard lock(mu_);
  auto r = op();
  if (!StatusOf(r).ok() && StatusOf(r).code() == StatusCode::kUnavailable && !conn_->ok()) r = op();
  return r;
}

std::string SessionKeyHex(std::string_view key) {
  std::string hex;
  hex.reserve(2 * key.size());
  for (unsigned char b : key) {
    hex += kHex[b >> 4];
    hex += kHex[b & 0x0f];
  }
  return hex;
}

std::optional<std::string> SessionKeyFromHex(std::string_view hex) {
  if (hex.empty() || hex.size() % 2 != 0) return std::nullopt;
  std::string key;
  key.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = HexValue(hex[i]), lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    key += static_cast<char>((hi << 4) | lo);
  }
  return key;
}

Result<std::unique_ptr<SessionRecords>> SessionRecords::Open(const std::string& conninfo) {
  // A login or a cookie check waits at most a few seconds for the database;
  // the caller then answers as it does when the database is down.
  auto conn = PgConn::Connect(conninfo, {{"connect_timeout", "5"},
                                         {"application_name", "tldmon-sessions"},
                                         {"options", "-c statement_timeout=5000"}});
  if (!conn.ok()) return conn.status();
  (*conn)->set_reconnect(true);
  return std::unique_ptr<SessionRecords>(new SessionRecords(std::move(*conn)));
}

Status SessionRecords::Announce(const std::vector<std::string>& keys) {
  for (const std::string& key : keys)
    TLDMON_RETURN_IF_ERROR(
        conn_->Exec("SELECT pg_notify($1, $2)", {kSessionChannel, SessionKeyHex(key)}).status());
  return Status::Ok();
}

Result<std::vector<std::string>> SessionRecords::Insert(const SessionRecord& record,
                                                        std::size_t max_per_account) {
  return Locked([&]() -> Result<std::vector<std::string>> {
    auto tx = PgTransaction::Begin(*conn_);
    if (!tx.ok()) return tx.status();
    // Two hosts logging the same account in at once must not both keep the
    // account's last slot: one waits for the other's commit.
    TLDMON_RETURN_IF_ERROR(
        conn_
            ->Exec("SELECT pg_advisory_xact_lock($1::bigint | (hashtext($2)::bigint & 4294967295))",
                   {AdvisoryKey(AdvisoryLock::kAccount), record.username})
            .status());
    const std::int64_t keep =
        static_cast<std::int64_t>(max_per_account > 0 ? max_per_account - 1 : 0);
    auto evicted = conn_->Exec(
        "DELETE FROM api_session WHERE key IN (SELECT key FROM api_session WHERE username = $1"
        " ORDER BY seq DESC OFFSET $2) RETURNING key",
        {record.username, keep}, PgFormat::kBinary);
    if (!evicted.ok()) return evicted.status();
    std::vector<std::string> keys;
    for (int i = 0; i < evicted->rows(); ++i) keys.emplace_back(evicted->bytes(i, 0));
    TLDMON_RETURN_IF_ERROR(
        conn_
            ->Exec("INSERT INTO api_session (key, username, entity, created, expires)"
                   " VALUES ($1, $2, $3, $4, $5)",
                   {PgParam::Bytes(record.key), record.username, record.entity, record.created,
                    record.expires})
            .status());
    TLDMON_RETURN_IF_ERROR(Announce(keys));
    TLDMON_RETURN_IF_ERROR(tx->Commit());
    return keys;
  });
}

Result<std::optional<SessionRecord>> SessionRecords::Get(std::string_view key) {
  return Locked([&]() -> Result<std::optional<SessionRecord>> {
    auto r = conn_->Exec(
        "SELECT key, username, entity, created, expires FROM api_session WHERE key = $1",
        {PgParam::Bytes(key)}, PgFormat::kBinary);
    if (!r.ok()) return r.status();
    if (r->rows() == 0) return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(RecordAt(*r, 0));
  });
}

Result<std::optional<SessionRecord>> SessionRecords::Delete(std::string_view key,
                                                            std::string_view entity,
                                                            std::int64_t now) {
  return Locked([&]() -> Result<std::optional<SessionRecord>> {
    auto tx = PgTransaction::Begin(*conn_);
    if (!tx.ok()) return tx.status();
    auto r = conn_->Exec(
        "DELETE FROM api_session WHERE key = $1 AND entity = $2 AND expires > $3"
        " RETURNING key, username, entity, created, expires",
        {PgParam::Bytes(key), entity, now}, PgFormat::kBinary);
    if (!r.ok()) return r.status();
    if (r->rows() == 0) return std::optional<SessionRecord>();
    SessionRecord record = RecordAt(*r, 0);
    TLDMON_RETURN_IF_ERROR(Announce({record.key}));
    TLDMON_RETURN_IF_ERROR(tx->Commit());
    return std::optional<SessionRecord>(std::move(record));
  });
}

Result<std::vector<std::string>> SessionRecords::DeleteAccount(std::string_view username) {
  return Locked([&]() -> Result<std::vector<std::string>> {
    auto tx = PgTransaction::Begin(*conn_);
    if (!tx.ok()) return tx.status();
    auto r = conn_->Exec("DELETE FROM api_session WHERE username = $1 RETURNING key", {username},
                         PgFormat::kBinary);
    if (!r.ok()) return r.status();
    std::vector<std::string> keys;
    for (int i = 0; i < r->rows(); ++i) keys.emplace_back(r->bytes(i, 0));
    TLDMON_RETURN_IF_ERROR(Announce(keys));
    TLDMON_RETURN_IF_ERROR(tx->Commit());
    return keys;
  });
}

Result<std::int64_t> SessionRecords::DeleteExpired(std::int64_t now) {
  return Locked([&]() -> Result<std::int64_t> {
    auto r = conn_->Exec("DELETE FROM api_session WHERE expires <= $1", {now});
    if (!r.ok()) return r.status();
    return r->affected();
  });
}

Result<std::int64_t> SessionRecords::Count() {
  return Locked([&]() -> Result<std::int64_t> {
    auto r = conn_->Exec("SELECT count(*) FROM api_session");
    if (!r.ok()) return r.status();
    return r->Int(0, 0);
  });
}

Result<LockoutRecord> SessionRecords::GetLockout(std::string_view username) {
  return Locked([&]() -> Result<LockoutRecord> {
    auto r = conn_->Exec(
        "SELECT consecutive_failures, locked_until FROM login_lockout WHERE username = $1",
        {username});
    if (!r.ok()) return r.status();
    if (r->rows() == 0) return LockoutRecord{};
    return LockoutRecord{static_cast<int>(r->Int(0, 0)), r->Int(0, 1)};
  });
}

Result<LockoutRecord> SessionRecords::UpdateLockout(
    std::string_view username, const std::function<LockoutRecord(LockoutRecord)>& change) {
  return Locked([&]() -> Result<LockoutRecord> {
    auto tx = PgTransaction::Begin(*conn_);
    if (!tx.ok()) return tx.status();
    // The row exists before it is locked, so a first failure on two hosts at
    // once is counted twice instead of once.
    TLDMON_RETURN_IF_ERROR(conn_
                               ->Exec("INSERT INTO login_lockout VALUES ($1, 0, 0)"
                                      " ON CONFLICT (username) DO NOTHING",
                                      {username})
                               .status());
    auto r = conn_->Exec(
        "SELECT consecutive_failures, locked_until FROM login_lockout WHERE username = $1"
        " FOR UPDATE",
        {username});
    if (!r.ok()) return r.status();
    if (r->rows() != 1) return Internal("login_lockout: the row just made is missing");
    const LockoutRecord next = change(LockoutRecord{static_cast<int>(r->Int(0, 0)), r->Int(0, 1)});
    TLDMON_RETURN_IF_ERROR(
        conn_
            ->Exec("UPDATE login_lockout SET consecutive_failures = $2, locked_until = $3"
                   " WHERE username = $1",
                   {username, next.consecutive_failures, next.locked_until})
            .status());
    TLDMON_RETURN_IF_ERROR(tx->Commit());
    return next;
  });
}

Status SessionRecords::DeleteLockout(std::string_view username) {
  return Locked([&]() -> Status {
    return conn_->Exec("DELETE FROM login_lockout WHERE username = $1", {username}).status();
  });
}

Result<std::int64_t> SessionRecords::CountLockouts() {
  return Locked([&]() -> Result<std::int64_t> {
    auto r = conn_->Exec("SELECT count(*) FROM login_lockout");
    if (!r.ok()) return r.status();
    return r->Int(0, 0);
  });
}

}  // namespace tldmon::store::postgres
