#include "probe/outbox.h"

#include <sqlite3.h>

#include <utility>

namespace tldmon::probe {
namespace {

Status SqlError(sqlite3* db, std::string_view what) {
  const int rc = db ? sqlite3_errcode(db) : SQLITE_ERROR;
  std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no database");
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return Unavailable(std::move(message));
  return IoError(std::move(message));
}

// A prepared statement, finalized on scope exit. The outbox runs a handful of
// statements a few times per second at most, so no statement cache.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  Status error(std::string_view what) const { return SqlError(db_, what); }
  void Bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void Bind(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string Text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE .. COMMIT; rolls back unless committed. IMMEDIATE takes the
// write lock up front, so a busy database fails (after the busy timeout)
// before anything is half done.
class WriteTransaction {
 public:
  explicit WriteTransaction(sqlite3* db) : db_(db) {
    began_ = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  ~WriteTransaction() {
    if (began_ && !committed_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  Status Began() const { return began_ ? Status::Ok() : SqlError(db_, "outbox: begin"); }
  Status Commit() {
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return SqlError(db_, "outbox: commit");
    }
    committed_ = true;
    return Status::Ok();
  }

 private:
  sqlite3* db_;
  bool began_ = false;
  bool committed_ = false;
};

// seq orders the queue (AUTOINCREMENT: never reused, so Put order holds
// across deletes); `key` is the result's identity.
constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS outbox ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  key TEXT NOT NULL UNIQUE,"
    "  kind INTEGER NOT NULL,"
    "  time INTEGER NOT NULL,"
    "  payload TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS outbox_time ON outbox(time);"
    "CREATE TABLE IF NOT EXISTS agent_state ("
    "  name TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL) WITHOUT ROWID;";

}  // namespace

std::string Outbox::PathIn(const std::string& data_dir) { return data_dir + "/outbox.db"; }

Result<std::unique_ptr<Outbox>> Outbox::Open(const std::string& path, OutboxOptions options) {
  sqlite3* db = nullptr;
  const int flags = options.read_only ? SQLITE_OPEN_READONLY
                                      : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status status = (options.read_only && rc == SQLITE_CANTOPEN)
                        ? NotFound("no outbox at " + path)
                        : SqlError(db, "outbox: open " + path);
    sqlite3_close(db);
    return status;
  }
  std::unique_ptr<Outbox> outbox(new Outbox(db));
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  if (!options.read_only) {
    // See the header: WAL + NORMAL survives a killed process.
    if (Status s = outbox->Exec("PRAGMA journal_mode=WAL"); !s.ok()) return s;
    if (Status s = outbox->Exec("PRAGMA synchronous=NORMAL"); !s.ok()) return s;
    if (Status s = outbox->Exec(kSchema); !s.ok()) return s;
  }
  return outbox;
}

Outbox::~Outbox() { sqlite3_close(db_); }

Status Outbox::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = std::string("outbox: ") + (err ? err : "error") + " in " + sql;
    sqlite3_free(err);
    return IoError(std::move(message));
  }
  return Status::Ok();
}

Result<bool> Outbox::Put(const OutboxItem& item) {
  Result<std::size_t> n = PutAll({item});
  if (!n.ok()) return n.status();
  return *n == 1;
}

Result<std::size_t> Outbox::PutAll(const std::vector<OutboxItem>& items) {
  WriteTransaction tx(db_);
  if (Status s = tx.Began(); !s.ok()) return s;
  Statement insert(db_,
                   "INSERT OR IGNORE INTO outbox(key, kind, time, payload) VALUES(?1, ?2, ?3, ?4)");
  if (!insert.ok()) return insert.error("outbox: prepare insert");
  std::size_t added = 0;
  for (const OutboxItem& item : items) {
    insert.Bind(1, item.key);
    insert.Bind(2, static_cast<std::int64_t>(item.kind));
    insert.Bind(3, item.time);
    insert.Bind(4, item.payload);
    if (insert.Step() != SQLITE_DONE) return insert.error("outbox: insert");
    added += static_cast<std::size_t>(sqlite3_changes(db_));
    insert.Reset();
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return added;
}

Result<std::vector<OutboxItem>> Outbox::Peek(std::size_t max_items) {
  Statement select(db_, "SELECT key, kind, time, payload FROM outbox ORDER BY seq LIMIT ?1");
  if (!select.ok()) return select.error("outbox: prepare peek");
  select.Bind(1, static_cast<std::int64_t>(max_items));
  std::vector<OutboxItem> items;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    OutboxItem item;
    item.key = select.Text(0);
    item.kind = select.Int(1) == 1 ? OutboxKind::kMinute : OutboxKind::kReport;
    item.time = select.Int(2);
    item.payload = select.Text(3);
    items.push_back(std::move(item));
  }
  if (rc != SQLITE_DONE) return select.error("outbox: peek");
  return items;
}

Result<std::size_t> Outbox::Ack(const std::vector<std::string>& keys) {
  if (keys.empty()) return std::size_t{0};
  WriteTransaction tx(db_);
  if (Status s = tx.Began(); !s.ok()) return s;
  Statement del(db_, "DELETE FROM outbox WHERE key = ?1");
  if (!del.ok()) return del.error("outbox: prepare ack");
  std::size_t deleted = 0;
  for (const std::string& key : keys) {
    del.Bind(1, key);
    if (del.Step() != SQLITE_DONE) return del.error("outbox: ack");
    deleted += static_cast<std::size_t>(sqlite3_changes(db_));
    del.Reset();
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return deleted;
}

Result<std::size_t> Outbox::Expire(UnixSeconds now, std::int64_t max_age_seconds,
                                   std::size_t max_rows) {
  WriteTransaction tx(db_);
  if (Status s = tx.Began(); !s.ok()) return s;
  std::size_t deleted = 0;
  {
    Statement old(db_, "DELETE FROM outbox WHERE time < ?1");
    if (!old.ok()) return old.error("outbox: prepare expire");
    old.Bind(1, now - max_age_seconds);
    if (old.Step() != SQLITE_DONE) return old.error("outbox: expire");
    deleted += static_cast<std::size_t>(sqlite3_changes(db_));
  }
  if (max_rows > 0) {
    // The oldest by queue order go first: the newest results matter most
    // to a central side that is catching up.
    Statement over(db_,
                   "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox ORDER BY seq "
                   "LIMIT max(0, (SELECT count(*) FROM outbox) - ?1))");
    if (!over.ok()) return over.error("outbox: prepare bound");
    over.Bind(1, static_cast<std::int64_t>(max_rows));
    if (over.Step() != SQLITE_DONE) return over.error("outbox: bound");
    deleted += static_cast<std::size_t>(sqlite3_changes(db_));
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return deleted;
}

Result<std::size_t> Outbox::Depth() {
  Statement count(db_, "SELECT count(*) FROM outbox");
  if (!count.ok()) return count.error("outbox: prepare depth");
  if (count.Step() != SQLITE_ROW) return count.error("outbox: depth");
  return static_cast<std::size_t>(count.Int(0));
}

Status Outbox::SetState(std::string_view name, std::string_view value) {
  Statement upsert(db_,
                   "INSERT INTO agent_state(name, value) VALUES(?1, ?2) "
                   "ON CONFLICT(name) DO UPDATE SET value = excluded.value");
  if (!upsert.ok()) return upsert.error("outbox: prepare state");
  upsert.Bind(1, name);
  upsert.Bind(2, value);
  if (upsert.Step() != SQLITE_DONE) return upsert.error("outbox: set state");
  return Status::Ok();
}

Result<std::optional<std::string>> Outbox::GetState(std::string_view name) {
  Statement select(db_, "SELECT value FROM agent_state WHERE name = ?1");
  if (!select.ok()) return select.error("outbox: prepare state");
  select.Bind(1, name);
  const int rc = select.Step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return select.error("outbox: get state");
  return std::optional<std::string>(select.Text(0));
}

Result<std::vector<std::pair<std::string, std::string>>> Outbox::AllState() {
  Statement select(db_, "SELECT name, value FROM agent_state ORDER BY name");
  if (!select.ok()) return select.error("outbox: prepare state");
  std::vector<std::pair<std::string, std::string>> pairs;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) pairs.emplace_back(select.Text(0), select.Text(1));
  if (rc != SQLITE_DONE) return select.error("outbox: state");
  return pairs;
}

}  // namespace tldmon::probe
