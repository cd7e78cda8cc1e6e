// PostgresStore: taking in a whole SQLite installation (`tldmon admin
// migrate`, store/store_migration.h) and reading tables back for its
// verification.
#include <set>
#include <string>

#include "store/entity_config_codec.h"
#include "store/entity_state_codec.h"
#include "store/postgres/generation_follower.h"
#include "store/postgres/pg_copy.h"
#include "store/postgres/postgres_store.h"

namespace tldmon::store {

using postgres::PgFormat;
using postgres::PgParam;
using postgres::PgTransaction;

namespace {

// Tables besides the CopiedTables that a used store has rows in.
constexpr const char* kOtherTables[] = {"entity", "probe", "sla_param", "engine_global",
                                        "entity_state"};

// Sequences of the bigserial columns whose ids are copied.
constexpr std::pair<const char*, const char*> kSerials[] = {{"entity", "id"},
                                                            {"alert_event", "id"},
                                                            {"alert_delivery", "id"},
                                                            {"false_positive_change", "seq"}};

std::string ColumnList(const CopiedTable& t) {
  std::string out;
  for (const CopyColumn& c : t.columns) out += (out.empty() ? "" : ", ") + std::string(c.name);
  return out;
}

// The key in SQLite's order: text bytewise.
std::string OrderBy(const CopiedTable& t) {
  std::string out;
  for (std::string_view k : t.key) {
    out += (out.empty() ? "" : ", ") + std::string(k);
    for (const CopyColumn& c : t.columns)
      if (c.name == k && c.type == CellType::kText) out += " COLLATE \"C\"";
  }
  return out;
}

}  // namespace

Status PostgresStore::CheckEmpty() {
  std::vector<std::string> tables(std::begin(kOtherTables), std::end(kOtherTables));
  for (const CopiedTable& t : CopiedTables()) tables.emplace_back(t.name);
  for (const std::string& t : tables) {
    // Table names come from the lists above, never from input.
    auto r = conn_->Exec("SELECT 1 FROM " + t + " LIMIT 1");
    if (!r.ok()) return r.status();
    if (r->rows() > 0)
      return FailedPrecondition("the PostgreSQL store is not empty (table " + t +
                                " has rows); a migration only fills a new database");
  }
  return Status::Ok();
}

Status PostgresStore::CopyTableIn(const CopiedTable& table, const ImportSource& source) {
  auto copy = postgres::PgCopyIn::Start(
      *conn_, "COPY " + std::string(table.name) + " (" + ColumnList(table) + ") FROM STDIN");
  if (!copy.ok()) return copy.status();
  TLDMON_RETURN_IF_ERROR(source.rows(table, [&](const CopyRow& row) -> Status {
    std::string& out = copy->row();
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (c > 0) out += '\t';
      const Cell& cell = row.at(c);
      if (cell.null) {
        postgres::AppendCopyNull(out);
        continue;
      }
      switch (table.columns[c].type) {
        case CellType::kInt:
          out += std::to_string(cell.i);
          break;
        case CellType::kBool:
          out += cell.i != 0 ? "t" : "f";
          break;
        case CellType::kText:
          postgres::AppendCopyText(out, cell.s);
          break;
        case CellType::kBytes:
          postgres::AppendCopyBytea(out, cell.s);
          break;
      }
    }
    return copy->EndRow();
  }));
  return copy->Finish();
}

Status PostgresStore::Import(const ImportSource& source) {
  TLDMON_RETURN_IF_ERROR(source.params.Validate());
  MutexLock lock(mu_);
  TLDMON_RETURN_IF_ERROR(CheckEmpty());
  // Partitions first: EnsurePartitions commits on its own.
  for (const CopiedTable& t : CopiedTables()) {
    if (t.day_column.empty()) continue;
    auto days = source.days(t);
    if (!days.ok()) return days.status();
    const std::string name(t.name);
    TLDMON_RETURN_IF_ERROR(
        EnsurePartitions(name.c_str(), std::set<UnixSeconds>(days->begin(), days->end())));
  }

  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  // Checked again inside: another migration into the same database at once
  // must not merge with this one (the lock is held to the commit).
  TLDMON_RETURN_IF_ERROR(conn_->Exec("LOCK TABLE entity IN EXCLUSIVE MODE").status());
  TLDMON_RETURN_IF_ERROR(CheckEmpty());
  TLDMON_RETURN_IF_ERROR(WriteSlaParams(source.params));
  for (std::size_t i = 0; i < source.probes.size(); ++i) {
    TLDMON_RETURN_IF_ERROR(WriteProbe(static_cast<ProbeIndex>(i), source.probes[i].node));
    if (!source.probes[i].enabled)
      TLDMON_RETURN_IF_ERROR(conn_
                                 ->Exec("UPDATE probe SET enabled = false WHERE idx = $1",
                                        {PgParam(static_cast<std::int64_t>(i))})
                                 .status());
  }
  std::unordered_map<EntityId, std::int64_t> row_of;
  for (const EntityRowCopy& e : source.entities) {
    row_of.emplace(e.config.id, e.row);
    TLDMON_RETURN_IF_ERROR(
        conn_
            ->Exec("INSERT INTO entity (id, kind, name, active, body) VALUES ($1, $2, $3, $4, $5)",
                   {PgParam(e.row), PgParam(static_cast<int>(e.config.id.kind)),
                    PgParam(e.config.id.id), PgParam(e.active),
                    PgParam::Bytes(EncodeEntityConfig(e.config))})
            .status());
  }
  for (const CopiedTable& t : CopiedTables()) TLDMON_RETURN_IF_ERROR(CopyTableIn(t, source));
  if (source.state.has_value()) {
    TLDMON_RETURN_IF_ERROR(WriteGlobals(*source.state));
    for (const auto& [id, es] : source.state->entities) {
      auto row = row_of.find(id);
      if (row == row_of.end())
        return InvalidArgument("the engine state names " + id.Path() +
                               ", which is not among the entities");
      TLDMON_RETURN_IF_ERROR(
          conn_
              ->Exec("INSERT INTO entity_state (entity_id, body) VALUES ($1, $2)",
                     {PgParam(row->second), PgParam::Bytes(EncodeEntityState(es))})
              .status());
    }
  }
  TLDMON_RETURN_IF_ERROR(conn_
                             ->Exec("UPDATE change_generation SET value = $1 WHERE id = 1",
                                    {PgParam(static_cast<std::int64_t>(source.change_generation))})
                             .status());
  for (const auto& [table, column] : kSerials) {
    const std::string t(table), c(column);
    TLDMON_RETURN_IF_ERROR(conn_
                               ->Exec("SELECT setval(pg_get_serial_sequence('" + t + "', '" + c +
                                      "'), COALESCE(max(" + c + "), 0) + 1, false) FROM " + t)
                               .status());
  }
  auto published = postgres::PublishGeneration(*conn_, 0);
  if (!published.ok()) return published.status();
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  // Everything cached describes the empty store it was.
  catalog_ = Catalog();
  dict_.Clear();
  state_blobs_.clear();
  state_generation_.reset();
  return Status::Ok();
}

Status PostgresStore::ReadTableRows(const CopiedTable& table, const RowVisitor& visit) const {
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(conn_
                             ->Exec("DECLARE table_rows NO SCROLL CURSOR FOR SELECT " +
                                    ColumnList(table) + " FROM " + std::string(table.name) +
                                    " ORDER BY " + OrderBy(table))
                             .status());
  CopyRow row(table.columns.size());
  for (;;) {
    // Binary results: bytea arrives as its bytes, integers and booleans
    // as PgResult::Int reads them.
    auto page = conn_->Exec("FETCH 2000 FROM table_rows", {}, PgFormat::kBinary);
    if (!page.ok()) return page.status();
    if (page->rows() == 0) break;
    for (int r = 0; r < page->rows(); ++r) {
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const int col = static_cast<int>(c);
        Cell& cell = row[c];
        cell.null = page->null(r, col);
        cell.i = 0;
        cell.s.clear();
        if (cell.null) continue;
        if (table.columns[c].type == CellType::kInt || table.columns[c].type == CellType::kBool)
          cell.i = page->Int(r, col);
        else
          cell.s.assign(page->bytes(r, col));
      }
      TLDMON_RETURN_IF_ERROR(visit(row));
    }
  }
  return txn->Commit();
}

}  // namespace tldmon::store
