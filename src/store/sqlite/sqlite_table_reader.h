// SqliteTableReader: reads the CopiedTables (store/table_copy.h) of a
// SQLite store row by row, in key order, for `tldmon admin migrate`. It
// has its own read-only connection and holds one read transaction from
// Open to destruction, so every table it reads comes from the same state
// of the database (WAL: writers are not blocked, and not seen).
//
// Pull-style (Start, then Next until false): a verification walks it in
// step with the PostgreSQL side. Not thread-safe.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "store/sqlite/sqlite_db.h"
#include "store/table_copy.h"

namespace tldmon::store {

class SqliteTableReader {
 public:
  // `path`: the store's database file; its schema must be migrated (open
  // the SqliteStore first).
  static Result<std::unique_ptr<SqliteTableReader>> Open(const std::string& path);
  ~SqliteTableReader();
  SqliteTableReader(const SqliteTableReader&) = delete;
  SqliteTableReader& operator=(const SqliteTableReader&) = delete;

  // Starts reading `table` (ending the table read before).
  Status Start(const CopiedTable& table);
  // The next row into `row`; false after the last.
  Result<bool> Next(CopyRow& row);
  // The distinct UTC days (midnights) of table.day_column, ascending.
  Result<std::vector<UnixSeconds>> Days(const CopiedTable& table);
  // Rows of `table` (for progress output).
  Result<std::int64_t> Count(const CopiedTable& table);

 private:
  explicit SqliteTableReader(std::unique_ptr<sqlite::SqliteDb> db) : db_(std::move(db)) {}
  void Finish();

  std::unique_ptr<sqlite::SqliteDb> db_;
  sqlite3_stmt* stmt_ = nullptr;
  const CopiedTable* table_ = nullptr;
};

}  // namespace tldmon::store
