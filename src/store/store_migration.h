// Moving an installation from its SQLite store to a PostgreSQL one
// (`tldmon admin migrate`, issue 13; docs/operations.md "Moving from SQLite
// to PostgreSQL"), and checking that the copy is whole.
//
// The copy: SLA parameters, probes (same ProbeIndex), entities (same row
// ids, removed ones included) and the engine state through the Store's
// own types; every other table row for row (store/table_copy.h), reports
// in their compact encoding as they are. One PostgreSQL transaction: a
// failure leaves the target as empty as it was, and a second attempt can
// start over. The target must be empty: a migration never merges.
//
// The source must not change meanwhile: the caller stops `serve` and holds
// the data directory's engine.lock (src/app/admin_migrate.cc). The tables
// are read from one SQLite snapshot.
//
// The verification reads both stores back: every copied table row by row
// in key order (the first differences are named), and the re-encoded parts
// through the Store interface of each: SLA parameters, probes, entities,
// change generation, engine state, storage per day, incidents and
// false-positive history per entity and service, kept monthly figures, the
// alert tracker, and the decoded probe reports of one cycle per test kind
// and day.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace tldmon::store {

// Called every few thousand rows and at the end of each table: rows done
// of `total` (the source's count).
using MigrationProgress =
    std::function<void(std::string_view table, std::int64_t done, std::int64_t total)>;

struct TableCount {
  std::string table;
  std::int64_t rows = 0;
  std::int64_t bytes = 0;  // of text and blob values
};

// Copies the store at `sqlite_path` (opened as `from`) into `to`.
Result<std::vector<TableCount>> MigrateSqliteToPostgres(const std::string& sqlite_path,
                                                        const SqliteStore& from, PostgresStore& to,
                                                        const MigrationProgress& progress);

struct VerifyReport {
  std::int64_t rows_compared = 0;
  std::int64_t checks = 0;               // Store-level comparisons made
  std::vector<std::string> differences;  // empty: the copy is whole
  std::int64_t differing = 0;            // all differences found (some are not listed)
};

// Compares the two stores. A Status error means a store could not be read;
// differences go to the report (at most a few per table).
Result<VerifyReport> VerifyMigration(const std::string& sqlite_path, const SqliteStore& from,
                                     const PostgresStore& to, const MigrationProgress& progress);

}  // namespace tldmon::store
