// PostgreSQL schema migrations: the numbered files
// src/store/migrations/postgresql/NNNN_name.sql, compiled into the binary,
// applied versions recorded in schema_version, as for SQLite
// (store/sqlite/migrations.h). The dialects differ, so the two sets are
// numbered apart.
//
// Several hosts may start at once against one database: Migrate() holds a
// transaction-scoped advisory lock while it works, so exactly one applies
// the pending migrations and the others then find nothing to do. (A short
// critical section in one transaction is what advisory locks are good for;
// leadership is not, see leader_lease.h.)
#pragma once

#include <span>
#include <string_view>

#include "core/status.h"
#include "store/postgres/pg_conn.h"

namespace tldmon::store::postgres {

struct PgMigration {
  int version;
  std::string_view name;
  std::string_view sql;
};

std::span<const PgMigration> PgMigrations();
int LatestPgSchemaVersion();

// Brings the database to LatestPgSchemaVersion() in one transaction. A
// database newer than this binary is FailedPrecondition, untouched.
// Returns the version it had before.
Result<int> MigratePg(PgConn& conn);
// Up to `version` only (tests of an older schema).
Result<int> MigratePgTo(PgConn& conn, int version);
// The recorded version (0 without a schema_version table).
Result<int> PgSchemaVersion(PgConn& conn);

}  // namespace tldmon::store::postgres
