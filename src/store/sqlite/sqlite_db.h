// Thin RAII layer over the SQLite C API for SqliteStore: a connection with a
// cache of prepared statements, statements with typed bind/column helpers and
// automatic reset, and a write transaction that rolls back unless committed.
// Not thread-safe: SqliteStore's mutex guards every use.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"
#include "core/time.h"

namespace tldmon::store::sqlite {

// Maps an SQLite result code to the tldmon error model: BUSY/LOCKED are
// Unavailable (another writer holds the lock past the busy timeout),
// CONSTRAINT is InvalidArgument, everything else IoError.
Status SqliteError(int rc, std::string_view what, sqlite3* db);

// A prepared statement owned by a SqliteDb's cache. Use it through Stmt.
class CachedStmt {
 public:
  CachedStmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~CachedStmt() { sqlite3_finalize(stmt_); }
  CachedStmt(const CachedStmt&) = delete;
  CachedStmt& operator=(const CachedStmt&) = delete;
  sqlite3* db() const { return db_; }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

// A use of a cached statement: parameters bound by 1-based index; reset and
// unbound when the Stmt goes away, so no read keeps a snapshot open.
class Stmt {
 public:
  explicit Stmt(CachedStmt* s) : s_(s) {}
  ~Stmt();
  Stmt(Stmt&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;

  Stmt& Bind(int i, std::int64_t v);
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view text);
  Stmt& BindBlob(int i, std::string_view bytes);
  // engine::kNever (and nullopt) are NULL: the schema's "no time".
  Stmt& BindTime(int i, UnixSeconds t);
  Stmt& BindOptTime(int i, const std::optional<UnixSeconds>& t);
  Stmt& BindNull(int i);

  // Steps once: true = a row is available, false = done.
  Result<bool> Step();
  // Steps to completion and resets, so the Stmt can be bound and run again
  // (for statements whose rows, if any, are not needed).
  Status Run();
  // Rows changed by the last Run().
  int Changes() const { return sqlite3_changes(s_->db()); }

  std::int64_t Int(int col) const { return sqlite3_column_int64(s_->get(), col); }
  double Real(int col) const { return sqlite3_column_double(s_->get(), col); }
  bool IsNull(int col) const { return sqlite3_column_type(s_->get(), col) == SQLITE_NULL; }
  int Type(int col) const { return sqlite3_column_type(s_->get(), col); }
  std::string_view Text(int col) const;
  std::string_view Blob(int col) const;
  UnixSeconds Time(int col) const;  // NULL -> engine::kNever
  std::optional<UnixSeconds> OptTime(int col) const;

 private:
  CachedStmt* s_;
};

class SqliteDb {
 public:
  // Opens (creating if needed) the database file at `path`; the directory
  // must exist. Sets the busy timeout; pragmas are the caller's business.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path, int busy_timeout_ms);
  // Opens the existing database at `path` for reading only (NotFound if
  // there is none). A WAL database needs its -shm file, which a reader
  // without write access to the directory cannot create (SQLite fails with
  // SQLITE_READONLY_CANTINIT or CANTOPEN); then the file is opened as
  // immutable: nobody can be writing to it through that directory, so the
  // main file is all there is.
  static Result<std::unique_ptr<SqliteDb>> OpenReadOnly(const std::string& path,
                                                        int busy_timeout_ms);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Runs one or more statements without results.
  Status Exec(std::string_view sql);
  // The cached prepared statement for `sql`. `sql` must outlive the SqliteDb
  // (string literals): the cache is keyed by its address and never copies it.
  Result<Stmt> Prepare(const char* sql);
  // Runs a single-value query ("PRAGMA journal_mode") and returns its text.
  Result<std::string> QueryText(const char* sql);

  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::unordered_map<const char*, std::unique_ptr<CachedStmt>> cache_;
};

// BEGIN IMMEDIATE ... COMMIT. IMMEDIATE takes the write lock up front, so a
// busy database fails at Begin (after the busy timeout) rather than midway.
// Destroying an uncommitted Transaction rolls back.
class Transaction {
 public:
  static Result<Transaction> Begin(SqliteDb& db);
  Transaction(Transaction&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(SqliteDb* db) : db_(db) {}
  SqliteDb* db_;
};

}  // namespace tldmon::store::sqlite

// Declares `Stmt& var` for the cached statement `sql` of SqliteDb `db`, or
// returns the preparation error from the enclosing function.
#define TLDMON_SQLITE_STMT(var, db, sql)                                            \
  ::tldmon::Result<::tldmon::store::sqlite::Stmt> var##_result = (db).Prepare(sql); \
  if (!var##_result.ok()) return var##_result.status();                             \
  ::tldmon::store::sqlite::Stmt& var = *var##_result
