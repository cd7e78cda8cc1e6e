// PgConn: one libpq connection behind a small RAII layer of our own
// (../shared/spec/scale.md §6: Debian's libpqxx 6.4 has neither Asio nor
// pipeline mode). Parameterised statements only: a value never becomes SQL
// text. Blocking, like the Store interface it serves; the LISTEN side of the
// followers waits on socket() from an Asio loop.
//
// Errors map to Status by SQLSTATE: a lost or refused connection is
// Unavailable (the caller may reconnect and retry; ok() tells the two
// apart), so is a lock wait past lock_timeout; a unique violation
// AlreadyExists, a serialization failure or deadlock FailedPrecondition,
// anything else Internal with the server's message.
//
// Not thread-safe: one connection, one user at a time.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace tldmon::store::postgres {

// One statement parameter: text (PostgreSQL parses it for the column's
// type), binary bytes (for bytea), or NULL.
class PgParam {
 public:
  PgParam(std::string_view text) : value_(text) {}        // NOLINT: implicit on purpose
  PgParam(const char* text) : value_(text) {}             // NOLINT
  PgParam(const std::string& text) : value_(text) {}      // NOLINT
  PgParam(std::int64_t v) : value_(std::to_string(v)) {}  // NOLINT
  PgParam(int v) : value_(std::to_string(v)) {}           // NOLINT
  PgParam(bool v) : value_(v ? "t" : "f") {}              // NOLINT
  static PgParam Bytes(std::string_view bytes) {
    PgParam p{std::string_view(bytes)};
    p.binary_ = true;
    return p;
  }
  static PgParam Null() {
    PgParam p{std::string_view()};
    p.null_ = true;
    return p;
  }
  const std::string& value() const { return value_; }
  bool binary() const { return binary_; }
  bool null() const { return null_; }

 private:
  std::string value_;
  bool binary_ = false;
  bool null_ = false;
};

// An integer parameter of any 64-bit alias (UnixSeconds, counters) as the
// bigint it is bound as; spares PgParam's overloads an ambiguity.
inline std::int64_t AsBigint(std::int64_t v) { return v; }

// A statement's result rows, in text format except for columns asked as
// binary (bytea). Owns its PGresult.
class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r, &PQclear) {}
  int rows() const { return PQntuples(r_.get()); }
  // Rows changed by INSERT/UPDATE/DELETE.
  std::int64_t affected() const;
  bool null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string_view text(int row, int col) const {
    return {PQgetvalue(r_.get(), row, col),
            static_cast<std::size_t>(PQgetlength(r_.get(), row, col))};
  }
  // Integer and boolean columns in either format.
  std::int64_t Int(int row, int col) const;
  bool Bool(int row, int col) const;
  // A bytea column of a binary-format result: its bytes as they are.
  std::string_view bytes(int row, int col) const { return text(row, col); }

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> r_;
};

enum class PgFormat { kText, kBinary };

class PgConn {
 public:
  // Connects with a libpq connection string or URI. The password comes from
  // the string's passfile, PGPASSFILE or ~/.pgpass, never from the command
  // line (scale.md; docs/operations.md).
  // `options` override or add connection keywords ("connect_timeout",
  // "tcp_user_timeout", "options", ...) whether `conninfo` is key=value text
  // or a postgresql:// URI.
  static Result<std::unique_ptr<PgConn>> Connect(
      const std::string& conninfo,
      const std::vector<std::pair<std::string, std::string>>& options = {});
  ~PgConn();
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  // Runs one statement with $1.. parameters; results in `format`.
  Result<PgResult> Exec(std::string_view sql, std::span<const PgParam> params = {},
                        PgFormat format = PgFormat::kText);
  Result<PgResult> Exec(std::string_view sql, std::initializer_list<PgParam> params,
                        PgFormat format = PgFormat::kText) {
    return Exec(sql, std::span<const PgParam>(params.begin(), params.size()), format);
  }
  // Runs SQL text without parameters (may hold several statements: the
  // migrations).
  Status ExecScript(std::string_view sql);

  // Is the connection still up, as libpq last saw it?
  bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }
  // With `on`, a statement issued on a lost connection outside a transaction
  // first reconnects with the same parameters (PQreset): a store survives a
  // PostgreSQL restart. Inside a transaction it never does (the statements
  // after it would run outside the transaction): Unavailable, and the
  // transaction fails as a whole. Off by default: a connection with session
  // state (LISTEN) must see the loss instead.
  void set_reconnect(bool on) { reconnect_ = on; }
  // With `on` (and set_reconnect), Exec statements are taken to be reads: one
  // that fails because the connection was lost, outside a transaction, is
  // sent again once on a new connection. For the read pool (pg_pool.h): an
  // idle connection learns of a PostgreSQL restart only from its next
  // statement, which must not cost a request a 503. Never for writes: a
  // write may have landed before the connection broke.
  void set_retry_reads(bool on) { retry_reads_ = on; }
  // The server process's id (pg_terminate_backend in tests).
  int backend_pid() const { return PQbackendPID(conn_); }
  PGconn* raw() { return conn_; }

 private:
  friend class PgTransaction;
  explicit PgConn(PGconn* c) : conn_(c) {}
  Result<PgResult> ExecOnce(const std::string& statement, std::span<const PgParam> params,
                            PgFormat format);
  Status Error(PGresult* r, std::string_view what) const;
  // Before a statement: reconnects a lost connection when allowed.
  Status Revive(std::string_view what);

  PGconn* conn_;
  bool reconnect_ = false;
  bool retry_reads_ = false;
  bool in_transaction_ = false;  // between PgTransaction::Begin and its end
};

// BEGIN on construction; ROLLBACK on destruction unless Commit() was called.
class PgTransaction {
 public:
  static Result<PgTransaction> Begin(PgConn& conn);
  PgTransaction(PgTransaction&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
  PgTransaction& operator=(PgTransaction&&) = delete;
  ~PgTransaction();
  Status Commit();

 private:
  explicit PgTransaction(PgConn* c) : conn_(c) {}
  PgConn* conn_;
};

}  // namespace tldmon::store::postgres
