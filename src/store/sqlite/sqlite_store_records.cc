// SqliteStore: keyed records (store/keyed_record.h) in the table keyed_record
// (migration 3, docs/formats/store-schema.md "Keyed records"). Records touch
// none of the caches, so these methods need no Refresh().
#include <mutex>

#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace tldmon::store {

using sqlite::Stmt;
using sqlite::Transaction;

namespace {

constexpr const char kPutRecord[] =
    "INSERT INTO keyed_record (kind, record_key, bytes) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (kind, record_key) DO UPDATE SET bytes = excluded.bytes";
constexpr const char kDeleteRecord[] =
    "DELETE FROM keyed_record WHERE kind = ?1 AND record_key = ?2";
constexpr const char kDeleteKind[] = "DELETE FROM keyed_record WHERE kind = ?1";
constexpr const char kDeleteRange[] =
    "DELETE FROM keyed_record WHERE kind = ?1 AND record_key >= ?2 AND record_key < ?3";
constexpr const char kGetRecord[] =
    "SELECT bytes FROM keyed_record WHERE kind = ?1 AND record_key = ?2";
constexpr const char kListKind[] =
    "SELECT record_key, bytes FROM keyed_record WHERE kind = ?1 ORDER BY record_key";
constexpr const char kListRange[] =
    "SELECT record_key, bytes FROM keyed_record"
    " WHERE kind = ?1 AND record_key >= ?2 AND record_key < ?3 ORDER BY record_key";

// sqlite3_bind_blob with a null pointer binds NULL, and an empty string_view
// may have one: an empty record must be an empty BLOB.
std::string_view NonNull(std::string_view bytes) {
  return bytes.data() != nullptr ? bytes : std::string_view("", 0);
}

// A deferred read transaction: every SELECT inside it sees the database as of
// the first one (WAL snapshot), so several queries read one consistent state.
class ReadSnapshot {
 public:
  static Result<ReadSnapshot> Begin(sqlite::SqliteDb& db) {
    TLDMON_RETURN_IF_ERROR(db.Exec("BEGIN DEFERRED"));
    return ReadSnapshot(&db);
  }
  ReadSnapshot(ReadSnapshot&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  ReadSnapshot& operator=(ReadSnapshot&&) = delete;
  ~ReadSnapshot() {
    // Nothing was written, so ending it cannot lose anything or fail usefully.
    if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
  }

 private:
  explicit ReadSnapshot(sqlite::SqliteDb* db) : db_(db) {}
  sqlite::SqliteDb* db_;
};

Status ApplyChange(sqlite::SqliteDb& db, const RecordChange& c, RecordWriteOutcome& outcome) {
  switch (c.op) {
    case RecordChange::Op::kPut: {
      TLDMON_SQLITE_STMT(st, db, kPutRecord);
      st.Bind(1, c.kind).Bind(2, c.key).BindBlob(3, NonNull(c.bytes));
      TLDMON_RETURN_IF_ERROR(st.Run());
      ++outcome.put;
      return Status::Ok();
    }
    case RecordChange::Op::kDelete: {
      TLDMON_SQLITE_STMT(st, db, kDeleteRecord);
      st.Bind(1, c.kind).Bind(2, c.key);
      TLDMON_RETURN_IF_ERROR(st.Run());
      outcome.deleted += static_cast<std::size_t>(st.Changes());
      return Status::Ok();
    }
    case RecordChange::Op::kDeletePrefix: {
      if (c.key.empty()) {
        TLDMON_SQLITE_STMT(st, db, kDeleteKind);
        st.Bind(1, c.kind);
        TLDMON_RETURN_IF_ERROR(st.Run());
        outcome.deleted += static_cast<std::size_t>(st.Changes());
        return Status::Ok();
      }
      const std::string end = KeyPrefixEnd(c.key);
      TLDMON_SQLITE_STMT(st, db, kDeleteRange);
      st.Bind(1, c.kind).Bind(2, c.key).Bind(3, std::string_view(end));
      TLDMON_RETURN_IF_ERROR(st.Run());
      outcome.deleted += static_cast<std::size_t>(st.Changes());
      return Status::Ok();
    }
  }
  return Internal("unknown record change");
}

Status ReadQuery(sqlite::SqliteDb& db, const RecordQuery& q, std::vector<KeyedRecord>& out) {
  const std::string end = q.key_prefix.empty() ? std::string() : KeyPrefixEnd(q.key_prefix);
  TLDMON_SQLITE_STMT(st, db, q.key_prefix.empty() ? kListKind : kListRange);
  st.Bind(1, q.kind);
  if (!q.key_prefix.empty()) st.Bind(2, q.key_prefix).Bind(3, std::string_view(end));
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({std::string(st.Text(0)), std::string(st.Blob(1))});
  }
  return Status::Ok();
}

}  // namespace

// ---------------------------------------------------------------------------
// Public class: lock and forward.

Result<RecordWriteOutcome> SqliteStore::WriteRecords(std::span<const RecordChange> changes) {
  MutexLock lock(impl_->mu);
  return impl_->WriteRecords(changes, /*configuration=*/true);
}

Result<RecordWriteOutcome> SqliteStore::WriteDataRecords(std::span<const RecordChange> changes) {
  MutexLock lock(impl_->mu);
  return impl_->WriteRecords(changes, /*configuration=*/false);
}

Result<std::optional<std::string>> SqliteStore::GetRecord(std::string_view kind,
                                                          std::string_view key) const {
  MutexLock lock(impl_->mu);
  return impl_->GetRecord(kind, key);
}

Result<std::vector<std::vector<KeyedRecord>>> SqliteStore::ReadRecords(
    std::span<const RecordQuery> queries) const {
  MutexLock lock(impl_->mu);
  return impl_->ReadRecords(queries);
}

// ---------------------------------------------------------------------------

Result<RecordWriteOutcome> SqliteStoreImpl::WriteRecords(std::span<const RecordChange> changes,
                                                         bool configuration) {
  TLDMON_RETURN_IF_ERROR(ValidateRecordChanges(changes));
  RecordWriteOutcome outcome;
  if (changes.empty()) return outcome;
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(ApplyRecordChanges(changes, outcome));
  if (configuration) TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  return outcome;
}

Status SqliteStoreImpl::ApplyRecordChanges(std::span<const RecordChange> changes,
                                           RecordWriteOutcome& outcome) {
  for (const RecordChange& c : changes) TLDMON_RETURN_IF_ERROR(ApplyChange(*db_, c, outcome));
  return Status::Ok();
}

Result<std::optional<std::string>> SqliteStoreImpl::GetRecord(std::string_view kind,
                                                              std::string_view key) {
  TLDMON_RETURN_IF_ERROR(ValidateRecordKind(kind));
  TLDMON_RETURN_IF_ERROR(ValidateRecordKey(key));
  TLDMON_SQLITE_STMT(st, *db_, kGetRecord);
  st.Bind(1, kind).Bind(2, key);
  Result<bool> row = st.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(std::string(st.Blob(0)));
}

Result<std::vector<std::vector<KeyedRecord>>> SqliteStoreImpl::ReadRecords(
    std::span<const RecordQuery> queries) {
  TLDMON_RETURN_IF_ERROR(ValidateRecordQueries(queries));
  std::vector<std::vector<KeyedRecord>> out(queries.size());
  // One statement is a snapshot by itself; several need a read transaction.
  std::optional<ReadSnapshot> snapshot;
  if (queries.size() > 1) {
    Result<ReadSnapshot> begun = ReadSnapshot::Begin(*db_);
    if (!begun.ok()) return begun.status();
    snapshot.emplace(std::move(begun).value());
  }
  for (std::size_t i = 0; i < queries.size(); ++i) {
    TLDMON_RETURN_IF_ERROR(ReadQuery(*db_, queries[i], out[i]));
  }
  return out;
}

}  // namespace tldmon::store
