#include "store/sqlite/sqlite_table_reader.h"

#include "core/time.h"

namespace tldmon::store {
namespace {

std::string SelectSql(const CopiedTable& t) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    sql += (i == 0 ? "" : ", ") + std::string(t.columns[i].name);
  sql += " FROM " + std::string(t.name) + " ORDER BY ";
  for (std::size_t i = 0; i < t.key.size(); ++i)
    sql += (i == 0 ? "" : ", ") + std::string(t.key[i]);
  return sql;
}

Status Error(sqlite3* db, const std::string& what) {
  return Internal("SQLite: " + what + ": " + sqlite3_errmsg(db));
}

// Runs a one-column integer query, collecting its rows.
Result<std::vector<std::int64_t>> Ints(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
    return Error(db, "prepare '" + sql + "'");
  std::vector<std::int64_t> out;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) out.push_back(sqlite3_column_int64(st, 0));
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return Error(db, sql);
  return out;
}

}  // namespace

Result<std::unique_ptr<SqliteTableReader>> SqliteTableReader::Open(const std::string& path) {
  auto db = sqlite::SqliteDb::OpenReadOnly(path, 5000);
  if (!db.ok()) return db.status();
  // A read transaction begins at its first read; BEGIN alone takes no
  // snapshot, so read once at once.
  TLDMON_RETURN_IF_ERROR((*db)->Exec("BEGIN; SELECT count(*) FROM sqlite_schema"));
  return std::unique_ptr<SqliteTableReader>(new SqliteTableReader(std::move(*db)));
}

SqliteTableReader::~SqliteTableReader() {
  Finish();
  (void)db_->Exec("COMMIT");
}

void SqliteTableReader::Finish() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
  stmt_ = nullptr;
  table_ = nullptr;
}

Status SqliteTableReader::Start(const CopiedTable& table) {
  Finish();
  const std::string sql = SelectSql(table);
  if (sqlite3_prepare_v2(db_->raw(), sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
    stmt_ = nullptr;
    return Error(db_->raw(), "prepare '" + sql + "'");
  }
  table_ = &table;
  return Status::Ok();
}

Result<bool> SqliteTableReader::Next(CopyRow& row) {
  if (stmt_ == nullptr) return FailedPrecondition("no table started");
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_DONE) return false;
  if (rc != SQLITE_ROW) return Error(db_->raw(), "reading " + std::string(table_->name));
  row.resize(table_->columns.size());
  for (std::size_t c = 0; c < table_->columns.size(); ++c) {
    Cell& cell = row[c];
    const int col = static_cast<int>(c);
    cell.null = sqlite3_column_type(stmt_, col) == SQLITE_NULL;
    cell.i = 0;
    cell.s.clear();
    if (cell.null) continue;
    switch (table_->columns[c].type) {
      case CellType::kInt:
      case CellType::kBool:
        cell.i = sqlite3_column_int64(stmt_, col);
        break;
      case CellType::kText:
      case CellType::kBytes: {
        // Blob first, then its length (sqlite3 column API order rules).
        const void* p = table_->columns[c].type == CellType::kText
                            ? static_cast<const void*>(sqlite3_column_text(stmt_, col))
                            : sqlite3_column_blob(stmt_, col);
        const int n = sqlite3_column_bytes(stmt_, col);
        if (p != nullptr) cell.s.assign(static_cast<const char*>(p), static_cast<std::size_t>(n));
        break;
      }
    }
  }
  return true;
}

Result<std::vector<UnixSeconds>> SqliteTableReader::Days(const CopiedTable& table) {
  if (table.day_column.empty()) return std::vector<UnixSeconds>{};
  const std::string c(table.day_column);
  const std::string day = std::to_string(kSecondsPerDay);
  // Floor division, also for times before 1970.
  return Ints(db_->raw(), "SELECT DISTINCT " + c + " - ((" + c + " % " + day + ") + " + day +
                              ") % " + day + " AS d FROM " + std::string(table.name) +
                              " ORDER BY d");
}

Result<std::int64_t> SqliteTableReader::Count(const CopiedTable& table) {
  auto n = Ints(db_->raw(), "SELECT count(*) FROM " + std::string(table.name));
  if (!n.ok()) return n.status();
  return n->empty() ? 0 : n->front();
}

}  // namespace tldmon::store
