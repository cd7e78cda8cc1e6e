// SQLite schema migrations: the numbered files src/store/migrations/sqlite/
// NNNN_name.sql, compiled into the binary at build time. Applied versions are
// recorded in the table schema_version (docs/formats/store-schema.md).
#pragma once

#include <span>
#include <string_view>

#include "core/status.h"
#include "store/sqlite/sqlite_db.h"

namespace tldmon::store::sqlite {

struct Migration {
  int version;            // NNNN: 1, 2, 3... without gaps
  std::string_view name;  // "0001_config_and_probe_data"
  std::string_view sql;
};

// Every migration this binary knows, ascending by version.
std::span<const Migration> Migrations();
// The newest schema version this binary knows.
int LatestSchemaVersion();

// Brings the database to LatestSchemaVersion() in one transaction (all
// pending migrations land or none). A database whose recorded version is
// newer than this binary's is FailedPrecondition and left untouched.
// Returns the version the database had before.
Result<int> Migrate(SqliteDb& db);

// The recorded schema version without changing anything (0 for a database
// without a schema_version table).
Result<int> SchemaVersion(SqliteDb& db);

// Applies migrations up to `version` only; for tests that build a database
// as an older tldmon would have left it.
Result<int> MigrateTo(SqliteDb& db, int version);

}  // namespace tldmon::store::sqlite
