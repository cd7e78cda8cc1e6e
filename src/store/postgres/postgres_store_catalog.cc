// PostgresStore: what report writes and reads keep in memory — the catalog
// of entities, probes and parameters, the string dictionary — and the day
// partitions of the report tables.
#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "store/entity_config_codec.h"
#include "store/postgres/advisory_locks.h"
#include "store/postgres/postgres_store.h"
#include "store/probe_data_days.h"

namespace tldmon::store {

using postgres::AdvisoryKey;
using postgres::AdvisoryLock;
using postgres::PgFormat;
using postgres::PgParam;
using postgres::PgTransaction;

namespace {}  // namespace

std::string PostgresStore::PartitionName(const std::string& table, UnixSeconds day) {
  const std::int64_t n = day / kDaySeconds;
  return table + (n < 0 ? "_m" + std::to_string(-n) : "_d" + std::to_string(n));
}

std::optional<UnixSeconds> PostgresStore::PartitionDay(std::string_view table,
                                                       std::string_view name) {
  if (name.size() < table.size() + 3 || !name.starts_with(table) || name[table.size()] != '_')
    return std::nullopt;
  const char sign = name[table.size() + 1];
  if (sign != 'd' && sign != 'm') return std::nullopt;
  std::int64_t n = 0;
  for (const char c : name.substr(table.size() + 2)) {
    if (c < '0' || c > '9' || n > (std::numeric_limits<std::int64_t>::max() / kDaySeconds) / 10)
      return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return (sign == 'm' ? -n : n) * kDaySeconds;
}

Status PostgresStore::RefreshCatalog() const {
  auto gen = conn_->Exec("SELECT value FROM change_generation WHERE id = 1");
  if (!gen.ok()) return gen.status();
  if (gen->rows() != 1) return Internal("the change_generation row is missing");
  const auto generation = static_cast<std::uint64_t>(gen->Int(0, 0));
  if (catalog_.generation == generation) return Status::Ok();

  Catalog fresh;
  fresh.generation = generation;
  auto params = ReadSlaParams();
  if (!params.ok()) return params.status();
  fresh.params = *params;
  auto probes = conn_->Exec("SELECT count(*) FROM probe");
  if (!probes.ok()) return probes.status();
  fresh.probe_count = static_cast<std::size_t>(probes->Int(0, 0));
  auto r = conn_->Exec("SELECT id, active, body FROM entity", {}, PgFormat::kBinary);
  if (!r.ok()) return r.status();
  for (int row = 0; row < r->rows(); ++row) {
    EntityRow e;
    e.row_id = r->Int(row, 0);
    e.active = r->Bool(row, 1);
    if (!DecodeEntityConfig(r->bytes(row, 2), e.config))
      return Internal("malformed entity configuration");
    fresh.by_row.emplace(e.row_id, e.config.id);
    fresh.by_id.emplace(e.config.id, std::move(e));
  }
  catalog_ = std::move(fresh);
  return Status::Ok();
}

Status PostgresStore::LoadDictionaryTail() const { return LoadDictionaryTail(*conn_, dict_); }

Status PostgresStore::LoadDictionaryTail(postgres::PgConn& c, Dictionary& dict) {
  auto r = c.Exec("SELECT id, text FROM dict WHERE id > $1 ORDER BY id",
                  {PgParam(static_cast<std::int64_t>(dict.size()))});
  if (!r.ok()) return r.status();
  for (int row = 0; row < r->rows(); ++row)
    if (!dict.LoadStored(static_cast<std::uint64_t>(r->Int(row, 0)), std::string(r->text(row, 1))))
      return Internal("damaged dict table: codes must be dense and texts unique");
  return Status::Ok();
}

Status PostgresStore::InternPending() {
  std::vector<std::string> texts;
  for (const auto& [code, text] : dict_.Pending()) texts.emplace_back(text);
  dict_.RollbackPending();
  if (texts.empty()) return Status::Ok();
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  // Codes are dense: one host appends at a time. Under the lock, first
  // catch up with what other hosts appended.
  TLDMON_RETURN_IF_ERROR(conn_
                             ->Exec("SELECT pg_advisory_xact_lock($1)",
                                    {PgParam(AdvisoryKey(AdvisoryLock::kDictionary))})
                             .status());
  TLDMON_RETURN_IF_ERROR(LoadDictionaryTail());
  for (const std::string& text : texts) {
    const std::size_t before = dict_.size();
    const std::uint64_t code = dict_.Intern(text);
    if (dict_.size() == before) continue;  // another host added it meanwhile
    TLDMON_RETURN_IF_ERROR(conn_
                               ->Exec("INSERT INTO dict (id, text) VALUES ($1, $2)",
                                      {PgParam(static_cast<std::int64_t>(code)), PgParam(text)})
                               .status());
  }
  Status committed = txn->Commit();
  if (!committed.ok()) {
    dict_.RollbackPending();
    return committed;
  }
  dict_.CommitPending();
  return Status::Ok();
}

Status PostgresStore::EnsurePartitions(const char* table, const std::set<UnixSeconds>& days) {
  std::vector<UnixSeconds> missing;
  for (UnixSeconds day : days)
    if (!partitions_.contains({table, day})) missing.push_back(day);
  if (missing.empty()) return Status::Ok();
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  // Two hosts creating the same partition at once would fail on the
  // catalog's unique index despite IF NOT EXISTS.
  TLDMON_RETURN_IF_ERROR(conn_
                             ->Exec("SELECT pg_advisory_xact_lock($1)",
                                    {PgParam(AdvisoryKey(AdvisoryLock::kPartitions))})
                             .status());
  for (UnixSeconds day : missing) {
    // Identifiers cannot be parameters; these are built from integers only.
    const std::string upper = day > std::numeric_limits<UnixSeconds>::max() - kDaySeconds
                                  ? std::string("MAXVALUE")
                                  : std::to_string(day + kDaySeconds);
    TLDMON_RETURN_IF_ERROR(conn_->ExecScript(
        "CREATE TABLE IF NOT EXISTS " + PartitionName(table, day) + " PARTITION OF " + table +
        " FOR VALUES FROM (" + std::to_string(day) + ") TO (" + upper + ")"));
  }
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  for (UnixSeconds day : missing) partitions_.emplace(table, day);
  return Status::Ok();
}

}  // namespace tldmon::store
