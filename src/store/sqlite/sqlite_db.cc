#include "store/sqlite/sqlite_db.h"

#include <filesystem>
#include <system_error>

#include "engine/engine_state.h"

namespace tldmon::store::sqlite {

Status SqliteError(int rc, std::string_view what, sqlite3* db) {
  std::string msg(what);
  msg += ": ";
  msg += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Unavailable(msg);
    case SQLITE_CONSTRAINT:
      return InvalidArgument(msg);
    default:
      return IoError(msg);
  }
}

Stmt::~Stmt() {
  if (s_ != nullptr) {
    sqlite3_reset(s_->get());
    sqlite3_clear_bindings(s_->get());
  }
}

Stmt& Stmt::Bind(int i, std::int64_t v) {
  sqlite3_bind_int64(s_->get(), i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(s_->get(), i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view text) {
  // SQLITE_STATIC: every caller keeps the bytes alive until the step.
  sqlite3_bind_text(s_->get(), i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::BindBlob(int i, std::string_view bytes) {
  sqlite3_bind_blob(s_->get(), i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::BindTime(int i, UnixSeconds t) {
  return t == engine::kNever ? BindNull(i) : Bind(i, static_cast<std::int64_t>(t));
}
Stmt& Stmt::BindOptTime(int i, const std::optional<UnixSeconds>& t) {
  return t ? Bind(i, static_cast<std::int64_t>(*t)) : BindNull(i);
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(s_->get(), i);
  return *this;
}

Result<bool> Stmt::Step() {
  const int rc = sqlite3_step(s_->get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(rc, sqlite3_sql(s_->get()), s_->db());
}

Status Stmt::Run() {
  Result<bool> r = Step();
  while (r.ok() && *r) r = Step();
  sqlite3_reset(s_->get());
  return r.ok() ? Status::Ok() : r.status();
}

std::string_view Stmt::Text(int col) const {
  const auto* p = sqlite3_column_text(s_->get(), col);
  const int n = sqlite3_column_bytes(s_->get(), col);
  return p == nullptr
             ? std::string_view()
             : std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

std::string_view Stmt::Blob(int col) const {
  const void* p = sqlite3_column_blob(s_->get(), col);
  const int n = sqlite3_column_bytes(s_->get(), col);
  return p == nullptr ? std::string_view()
                      : std::string_view(static_cast<const char*>(p), static_cast<std::size_t>(n));
}

UnixSeconds Stmt::Time(int col) const { return IsNull(col) ? engine::kNever : Int(col); }

std::optional<UnixSeconds> Stmt::OptTime(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path, int busy_timeout_ms) {
  // SQLite's own message for a missing directory is "unable to open database
  // file"; say what is actually wrong.
  const std::filesystem::path p(path);
  const std::filesystem::path dir =
      p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return IoError("cannot open store '" + path + "': directory '" + dir.string() +
                   "' does not exist");
  sqlite3* db = nullptr;
  // NOMUTEX: SqliteStore serializes all use of the connection itself.
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteError(rc, "cannot open store '" + path + "'", db);
    sqlite3_close(db);
    return IoError(s.message());
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  return std::unique_ptr<SqliteDb>(new SqliteDb(db, path));
}

namespace {

// RFC 8089 file URI for sqlite3_open_v2 with SQLITE_OPEN_URI: only the
// characters SQLite's URI parser treats specially are percent-encoded.
std::string FileUri(const std::string& path, std::string_view query) {
  const std::string absolute = std::filesystem::absolute(path).string();
  std::string uri = "file:";
  for (const char c : absolute) {
    if (c == '%' || c == '?' || c == '#') {
      constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[static_cast<unsigned char>(c) >> 4];
      uri += kHex[static_cast<unsigned char>(c) & 0x0f];
    } else {
      uri += c;
    }
  }
  uri += '?';
  uri += query;
  return uri;
}

Result<sqlite3*> OpenUri(const std::string& path, std::string_view query) {
  sqlite3* db = nullptr;
  const int flags =
      SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(FileUri(path, query).c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteError(rc, "cannot open store '" + path + "' for reading", db);
    sqlite3_close(db);
    return IoError(s.message());
  }
  return db;
}

}  // namespace

Result<std::unique_ptr<SqliteDb>> SqliteDb::OpenReadOnly(const std::string& path,
                                                         int busy_timeout_ms) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return NotFound("no store at '" + path + "'");
  Result<sqlite3*> db = OpenUri(path, "mode=ro");
  if (!db.ok()) return db.status();
  sqlite3_busy_timeout(*db, busy_timeout_ms);
  // The first read is what touches the -shm file.
  const int rc = sqlite3_exec(*db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return std::unique_ptr<SqliteDb>(new SqliteDb(*db, path));
  const int primary = sqlite3_extended_errcode(*db) & 0xff;
  if (primary != SQLITE_READONLY && primary != SQLITE_CANTOPEN) {
    Status s = SqliteError(rc, "cannot read store '" + path + "'", *db);
    sqlite3_close(*db);
    return s;
  }
  sqlite3_close(*db);
  db = OpenUri(path, "immutable=1");
  if (!db.ok()) return db.status();
  return std::unique_ptr<SqliteDb>(new SqliteDb(*db, path));
}

SqliteDb::~SqliteDb() {
  cache_.clear();  // finalize statements before closing
  sqlite3_close(db_);
}

Status SqliteDb::Exec(std::string_view sql) {
  const std::string s(sql);
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  Status base = SqliteError(rc, "", nullptr);
  return Status(base.code(), "SQL failed on '" + path_ + "': " + msg);
}

Result<Stmt> SqliteDb::Prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(rc, std::string("prepare '") + sql + "'", db_);
    it = cache_.emplace(sql, std::make_unique<CachedStmt>(db_, stmt)).first;
  }
  return Stmt(it->second.get());
}

Result<std::string> SqliteDb::QueryText(const char* sql) {
  Result<Stmt> st = Prepare(sql);
  if (!st.ok()) return st.status();
  Result<bool> row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::string();
  return std::string(st->Text(0));
}

Result<Transaction> Transaction::Begin(SqliteDb& db) {
  TLDMON_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
}

Status Transaction::Commit() {
  Status s = db_->Exec("COMMIT");
  if (!s.ok()) return s;  // the destructor rolls back
  db_ = nullptr;
  return Status::Ok();
}

}  // namespace tldmon::store::sqlite
