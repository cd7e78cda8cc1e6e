// PostgresStore: keyed records (store/keyed_record.h) in the table
// keyed_record (PostgreSQL migration 3), keys compared bytewise.
#include "store/postgres/postgres_store.h"

namespace tldmon::store {

using postgres::PgConn;
using postgres::PgFormat;
using postgres::PgParam;
using postgres::PgTransaction;

namespace {

// A prefix selects with starts_with(), not a range up to KeyPrefixEnd(): the
// range's end may not be valid UTF-8, which PostgreSQL's text refuses.
constexpr const char kListKind[] =
    "SELECT record_key, bytes FROM keyed_record WHERE kind = $1 ORDER BY record_key";
constexpr const char kListPrefix[] =
    "SELECT record_key, bytes FROM keyed_record"
    " WHERE kind = $1 AND record_key >= $2 AND starts_with(record_key, $2) ORDER BY record_key";

}  // namespace

Status PostgresStore::ApplyRecordChanges(std::span<const RecordChange> changes,
                                         RecordWriteOutcome& outcome) {
  for (const RecordChange& c : changes) {
    switch (c.op) {
      case RecordChange::Op::kPut: {
        TLDMON_RETURN_IF_ERROR(
            conn_
                ->Exec("INSERT INTO keyed_record (kind, record_key, bytes) VALUES ($1, $2, $3)"
                       " ON CONFLICT (kind, record_key) DO UPDATE SET bytes = EXCLUDED.bytes",
                       {PgParam(c.kind), PgParam(c.key), PgParam::Bytes(c.bytes)})
                .status());
        ++outcome.put;
        break;
      }
      case RecordChange::Op::kDelete: {
        auto r = conn_->Exec("DELETE FROM keyed_record WHERE kind = $1 AND record_key = $2",
                             {PgParam(c.kind), PgParam(c.key)});
        if (!r.ok()) return r.status();
        outcome.deleted += static_cast<std::size_t>(r->affected());
        break;
      }
      case RecordChange::Op::kDeletePrefix: {
        auto r = conn_->Exec(
            "DELETE FROM keyed_record WHERE kind = $1 AND record_key >= $2 AND"
            " starts_with(record_key, $2)",
            {PgParam(c.kind), PgParam(c.key)});
        if (!r.ok()) return r.status();
        outcome.deleted += static_cast<std::size_t>(r->affected());
        break;
      }
    }
  }
  return Status::Ok();
}

Result<RecordWriteOutcome> PostgresStore::WriteRecords(std::span<const RecordChange> changes) {
  return WriteRecordsIn(changes, /*configuration=*/true);
}

Result<RecordWriteOutcome> PostgresStore::WriteDataRecords(std::span<const RecordChange> changes) {
  return WriteRecordsIn(changes, /*configuration=*/false);
}

Result<RecordWriteOutcome> PostgresStore::WriteRecordsIn(std::span<const RecordChange> changes,
                                                         bool configuration) {
  TLDMON_RETURN_IF_ERROR(ValidateRecordChanges(changes));
  RecordWriteOutcome outcome;
  if (changes.empty()) return outcome;
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(ApplyRecordChanges(changes, outcome));
  if (configuration) TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  return outcome;
}

Result<std::optional<std::string>> PostgresStore::GetRecord(std::string_view kind,
                                                            std::string_view key) const {
  TLDMON_RETURN_IF_ERROR(ValidateRecordKind(kind));
  TLDMON_RETURN_IF_ERROR(ValidateRecordKey(key));
  auto c = reads_->Acquire();
  if (!c.ok()) return c.status();
  auto r = (*c)->Exec("SELECT bytes FROM keyed_record WHERE kind = $1 AND record_key = $2",
                       {PgParam(kind), PgParam(key)}, PgFormat::kBinary);
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::optional<std::string>();
  return std::optional<std::string>(std::string(r->bytes(0, 0)));
}

Result<std::vector<std::vector<KeyedRecord>>> PostgresStore::ReadRecords(
    std::span<const RecordQuery> queries) const {
  TLDMON_RETURN_IF_ERROR(ValidateRecordQueries(queries));
  std::vector<std::vector<KeyedRecord>> out(queries.size());
  auto c = reads_->Acquire();
  if (!c.ok()) return c.status();
  PgConn& conn = **c;
  // Several queries read one snapshot: a repeatable-read transaction.
  std::optional<PgTransaction> snapshot;
  if (queries.size() > 1) {
    auto txn = PgTransaction::Begin(conn);
    if (!txn.ok()) return txn.status();
    snapshot.emplace(std::move(*txn));
    TLDMON_RETURN_IF_ERROR(
        conn.ExecScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  }
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const RecordQuery& q = queries[i];
    auto r = q.key_prefix.empty()
                 ? conn.Exec(kListKind, {PgParam(q.kind)}, PgFormat::kBinary)
                 : conn.Exec(kListPrefix, {PgParam(q.kind), PgParam(q.key_prefix)},
                               PgFormat::kBinary);
    if (!r.ok()) return r.status();
    for (int row = 0; row < r->rows(); ++row) {
      out[i].push_back({std::string(r->text(row, 0)), std::string(r->bytes(row, 1))});
    }
  }
  return out;
}

}  // namespace tldmon::store
