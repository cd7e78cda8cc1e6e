#include "store/sqlite/migrations.h"

#include <string>

namespace tldmon::store::sqlite {
namespace {

constexpr Migration kMigrations[] = {
#include "store/sqlite_migrations.inc"
};

constexpr const char kCreateVersionTable[] =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT";
constexpr const char kMaxVersion[] = "SELECT coalesce(max(version), 0) FROM schema_version";
constexpr const char kRecordVersion[] =
    "INSERT INTO schema_version (version, name) VALUES (?1, ?2)";

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> MigrateTo(SqliteDb& db, int target) {
  Result<Transaction> txn = Transaction::Begin(db);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(db.Exec(kCreateVersionTable));
  int current = 0;
  {
    Result<Stmt> st = db.Prepare(kMaxVersion);
    if (!st.ok()) return st.status();
    Result<bool> row = st->Step();
    if (!row.ok()) return row.status();
    current = static_cast<int>(st->Int(0));
  }
  if (current > LatestSchemaVersion())
    return FailedPrecondition("store '" + db.path() + "' has schema version " +
                              std::to_string(current) + ", newer than the " +
                              std::to_string(LatestSchemaVersion()) +
                              " this tldmon supports; use a newer tldmon");
  for (const Migration& m : kMigrations) {
    if (m.version <= current || m.version > target) continue;
    Status s = db.Exec(m.sql);
    if (!s.ok())
      return Status(s.code(), "migration " + std::string(m.name) + " failed: " + s.message());
    Result<Stmt> st = db.Prepare(kRecordVersion);
    if (!st.ok()) return st.status();
    st->Bind(1, static_cast<std::int64_t>(m.version)).Bind(2, m.name);
    TLDMON_RETURN_IF_ERROR(st->Run());
  }
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  return current;
}

Result<int> SchemaVersion(SqliteDb& db) {
  Result<Stmt> exists = db.Prepare(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'");
  if (!exists.ok()) return exists.status();
  Result<bool> row = exists->Step();
  if (!row.ok()) return row.status();
  if (exists->Int(0) == 0) return 0;
  Result<Stmt> st = db.Prepare(kMaxVersion);
  if (!st.ok()) return st.status();
  row = st->Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(st->Int(0));
}

Result<int> Migrate(SqliteDb& db) { return MigrateTo(db, LatestSchemaVersion()); }

}  // namespace tldmon::store::sqlite
