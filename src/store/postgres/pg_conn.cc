#include "store/postgres/pg_conn.h"

#include <unistd.h>

#include <charconv>
#include <vector>

namespace tldmon::store::postgres {

std::int64_t PgResult::affected() const {
  const char* n = PQcmdTuples(r_.get());
  std::int64_t v = 0;
  if (n != nullptr) std::from_chars(n, n + std::char_traits<char>::length(n), v);
  return v;
}

std::int64_t PgResult::Int(int row, int col) const {
  const std::string_view t = text(row, col);
  if (PQfformat(r_.get(), col) == 1) {
    // Binary: big-endian two's complement of 2, 4 or 8 bytes.
    std::uint64_t v = 0;
    for (const char c : t) v = v << 8 | static_cast<unsigned char>(c);
    const unsigned bits = static_cast<unsigned>(t.size()) * 8;
    if (bits > 0 && bits < 64 && (v >> (bits - 1)) != 0) v |= ~std::uint64_t{0} << bits;
    return static_cast<std::int64_t>(v);
  }
  std::int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

bool PgResult::Bool(int row, int col) const {
  const std::string_view t = text(row, col);
  if (PQfformat(r_.get(), col) == 1) return !t.empty() && t[0] != 0;
  return t == "t";
}

Result<std::unique_ptr<PgConn>> PgConn::Connect(
    const std::string& conninfo, const std::vector<std::pair<std::string, std::string>>& options) {
  // "dbname" with expand_dbname: the whole conninfo or URI is expanded
  // first, and the keywords after it override what it said.
  std::vector<const char*> keys{"dbname"}, values{conninfo.c_str()};
  // application_name gets "/<pid>": pg_stat_activity then says which
  // process of which host holds a connection (and a test can cut one
  // host's connections off with pg_terminate_backend).
  std::vector<std::string> named;
  named.reserve(options.size());
  for (const auto& [k, v] : options) {
    keys.push_back(k.c_str());
    named.push_back(k == "application_name" ? v + "/" + std::to_string(::getpid()) : v);
    values.push_back(named.back().c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* c = PQconnectdbParams(keys.data(), values.data(), /*expand_dbname=*/1);
  if (c == nullptr) return Unavailable("PostgreSQL: out of memory making a connection");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string why = PQerrorMessage(c);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    PQfinish(c);
    return Unavailable("PostgreSQL: cannot connect: " + why);
  }
  // Our own notices (e.g. "relation already exists, skipping") are not
  // errors; keep them off stderr.
  PQsetNoticeProcessor(
      c, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<PgConn>(new PgConn(c));
}

PgConn::~PgConn() { PQfinish(conn_); }

Status PgConn::Error(PGresult* r, std::string_view what) const {
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = r != nullptr ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
  if (message.empty()) message = PQerrorMessage(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  const std::string text = "PostgreSQL: " + std::string(what) + ": " + message;
  const std::string_view s = state != nullptr ? state : "";
  if (PQstatus(conn_) != CONNECTION_OK || s.starts_with("08") || s == "57P01" || s == "57P02" ||
      s == "57P03") {
    return Unavailable(text);  // connection lost, admin shutdown, cannot connect now
  }
  if (s == "55P03") return Unavailable(text);  // lock_not_available: lock_timeout passed
  if (s == "23505") return AlreadyExists(text);
  if (s == "40001" || s == "40P01") return FailedPrecondition(text);
  return Internal(text);
}

Status PgConn::Revive(std::string_view what) {
  if (PQstatus(conn_) == CONNECTION_OK) return Status::Ok();
  if (!reconnect_ || in_transaction_) {
    return Unavailable("PostgreSQL: " + std::string(what) + ": the connection was lost");
  }
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn_);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return Unavailable("PostgreSQL: cannot reconnect: " + why);
  }
  return Status::Ok();
}

Result<PgResult> PgConn::Exec(std::string_view sql, std::span<const PgParam> params,
                              PgFormat format) {
  // PQexecParams needs a terminated string.
  const std::string statement(sql);
  Result<PgResult> r = ExecOnce(statement, params, format);
  if (!r.ok() && retry_reads_ && reconnect_ && !in_transaction_ &&
      PQstatus(conn_) != CONNECTION_OK)
    return ExecOnce(statement, params, format);  // Revive reconnects first
  return r;
}

Result<PgResult> PgConn::ExecOnce(const std::string& statement, std::span<const PgParam> params,
                                  PgFormat format) {
  TLDMON_RETURN_IF_ERROR(Revive(std::string_view(statement).substr(0, 60)));
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  values.reserve(params.size());
  for (const PgParam& p : params) {
    values.push_back(p.null() ? nullptr : p.value().data());
    lengths.push_back(static_cast<int>(p.value().size()));
    formats.push_back(p.binary() ? 1 : 0);
  }
  PGresult* r = PQexecParams(conn_, statement.c_str(), static_cast<int>(params.size()), nullptr,
                             values.data(), lengths.data(), formats.data(),
                             format == PgFormat::kBinary ? 1 : 0);
  const ExecStatusType st = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    Status s = Error(r, statement.substr(0, 60));
    PQclear(r);
    return s;
  }
  return PgResult(r);
}

Status PgConn::ExecScript(std::string_view sql) {
  TLDMON_RETURN_IF_ERROR(Revive(sql.substr(0, 60)));
  const std::string text(sql);
  PGresult* r = PQexec(conn_, text.c_str());
  const ExecStatusType st = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  Status s = Status::Ok();
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) s = Error(r, "script");
  PQclear(r);
  return s;
}

Result<PgTransaction> PgTransaction::Begin(PgConn& conn) {
  TLDMON_RETURN_IF_ERROR(conn.ExecScript("BEGIN"));
  conn.in_transaction_ = true;
  return PgTransaction(&conn);
}

PgTransaction::~PgTransaction() {
  if (conn_ == nullptr) return;
  if (conn_->ok()) (void)conn_->ExecScript("ROLLBACK");
  conn_->in_transaction_ = false;
}

Status PgTransaction::Commit() {
  PgConn* c = conn_;
  conn_ = nullptr;
  c->in_transaction_ = false;
  // COMMIT of a transaction that already failed "succeeds" with the tag
  // ROLLBACK: that is a failed commit, and must not read as a success.
  PGresult* r = PQexec(c->raw(), "COMMIT");
  const bool ok = r != nullptr && PQresultStatus(r) == PGRES_COMMAND_OK &&
                  std::string_view(PQcmdStatus(r)) == "COMMIT";
  const bool lost = PQstatus(c->raw()) != CONNECTION_OK;
  std::string why = ok ? ""
                    : (r != nullptr && PQresultStatus(r) == PGRES_COMMAND_OK)
                        ? "the transaction had failed and was rolled back"
                        : PQerrorMessage(c->raw());
  PQclear(r);
  if (ok) return Status::Ok();
  while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
  if (lost) return Unavailable("PostgreSQL: COMMIT: " + why);
  return Internal("PostgreSQL: COMMIT: " + why);
}

}  // namespace tldmon::store::postgres
