#include "store/postgres/pg_migrations.h"

#include <string>

namespace tldmon::store::postgres {
namespace {

constexpr PgMigration kMigrations[] = {
#include "store/postgres_migrations.inc"
};

// pg_advisory_xact_lock's key: "tldm" in ASCII.
constexpr const char kLock[] = "SELECT pg_advisory_xact_lock(1953260653)";
constexpr const char kCreateVersionTable[] =
    "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL)";
constexpr const char kMaxVersion[] = "SELECT coalesce(max(version), 0) FROM schema_version";

}  // namespace

std::span<const PgMigration> PgMigrations() { return kMigrations; }

int LatestPgSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> MigratePgTo(PgConn& conn, int target) {
  auto txn = PgTransaction::Begin(conn);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(conn.Exec(kLock).status());
  TLDMON_RETURN_IF_ERROR(conn.ExecScript(kCreateVersionTable));
  auto max = conn.Exec(kMaxVersion);
  if (!max.ok()) return max.status();
  const int current = static_cast<int>(max->Int(0, 0));
  if (current > LatestPgSchemaVersion()) {
    return FailedPrecondition("the PostgreSQL store has schema version " + std::to_string(current) +
                              ", newer than the " + std::to_string(LatestPgSchemaVersion()) +
                              " this tldmon supports; use a newer tldmon");
  }
  for (const PgMigration& m : kMigrations) {
    if (m.version <= current || m.version > target) continue;
    if (Status s = conn.ExecScript(m.sql); !s.ok()) {
      return Status(s.code(), "migration " + std::string(m.name) + " failed: " + s.message());
    }
    TLDMON_RETURN_IF_ERROR(conn.Exec("INSERT INTO schema_version (version, name) VALUES ($1, $2)",
                                     {m.version, std::string(m.name)})
                               .status());
  }
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  return current;
}

Result<int> MigratePg(PgConn& conn) { return MigratePgTo(conn, LatestPgSchemaVersion()); }

Result<int> PgSchemaVersion(PgConn& conn) {
  auto exists = conn.Exec("SELECT to_regclass('schema_version') IS NOT NULL");
  if (!exists.ok()) return exists.status();
  if (!exists->Bool(0, 0)) return 0;
  auto max = conn.Exec(kMaxVersion);
  if (!max.ok()) return max.status();
  return static_cast<int>(max->Int(0, 0));
}

}  // namespace tldmon::store::postgres
