// PostgresStore: compaction of finished days, retention by dropping day
// partitions, and the storage counters per day.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "store/chunk_compactor.h"
#include "store/postgres/advisory_locks.h"
#include "store/postgres/postgres_store.h"
#include "store/probe_data_days.h"

namespace tldmon::store {

using postgres::AdvisoryKey;
using postgres::AdvisoryLock;
using postgres::PgFormat;
using postgres::PgParam;
using postgres::PgTransaction;

Status PostgresStore::CompactChunk(TestKind test, UnixSeconds chunk_start,
                                   CompactionOutcome& outcome) {
  const int t = static_cast<int>(test);
  const UnixSeconds chunk_end = chunk_start + kChunkSeconds;
  {
    // Most chunks of most test kinds are empty or done: skip them without
    // taking the day's lock.
    auto any = conn_->Exec(
        "SELECT 1 FROM report_batch WHERE test = $1 AND cycle >= $2 AND cycle < $3 LIMIT 1",
        {PgParam(t), PgParam(chunk_start), PgParam(chunk_end)});
    if (!any.ok()) return any.status();
    if (any->rows() == 0) return Status::Ok();
  }
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  // Report writes of this day wait (they hold the lock shared), so no
  // report lands in the rows being replaced.
  TLDMON_RETURN_IF_ERROR(
      conn_
          ->Exec("SELECT pg_advisory_xact_lock($1)",
                 {PgParam(AdvisoryKey(AdvisoryLock::kDay, DayOf(chunk_start) / kDaySeconds))})
          .status());
  ChunkCompactor compactor(chunk_start);
  {
    auto r = conn_->Exec(
        "SELECT cycle, probe, reports FROM report_batch"
        " WHERE test = $1 AND cycle >= $2 AND cycle < $3",
        {PgParam(t), PgParam(chunk_start), PgParam(chunk_end)}, PgFormat::kBinary);
    if (!r.ok()) return r.status();
    for (int row = 0; row < r->rows(); ++row)
      TLDMON_RETURN_IF_ERROR(compactor.AddBatch(
          r->Int(row, 0), static_cast<ProbeIndex>(r->Int(row, 1)), r->bytes(row, 2)));
  }
  {
    auto r =
        conn_->Exec("SELECT entity_id, blob FROM report_chunk WHERE test = $1 AND chunk_start = $2",
                    {PgParam(t), PgParam(chunk_start)}, PgFormat::kBinary);
    if (!r.ok()) return r.status();
    for (int row = 0; row < r->rows(); ++row)
      TLDMON_RETURN_IF_ERROR(compactor.AddChunkRow(r->Int(row, 0), r->bytes(row, 1)));
  }
  auto groups = compactor.Finish();
  if (!groups.ok()) return groups.status();
  TLDMON_RETURN_IF_ERROR(conn_
                             ->Exec("DELETE FROM report_chunk WHERE test = $1 AND chunk_start = $2",
                                    {PgParam(t), PgParam(chunk_start)})
                             .status());
  for (const auto& [first_entity, blob] : *groups)
    TLDMON_RETURN_IF_ERROR(
        conn_
            ->Exec("INSERT INTO report_chunk (test, chunk_start, entity_id, blob)"
                   " VALUES ($1, $2, $3, $4)",
                   {PgParam(t), PgParam(chunk_start), PgParam(first_entity), PgParam::Bytes(blob)})
            .status());
  TLDMON_RETURN_IF_ERROR(AddDayStorage(compactor.delta()));
  TLDMON_RETURN_IF_ERROR(
      conn_
          ->Exec("DELETE FROM report_batch WHERE test = $1 AND cycle >= $2 AND cycle < $3",
                 {PgParam(t), PgParam(chunk_start), PgParam(chunk_end)})
          .status());
  TLDMON_RETURN_IF_ERROR(
      conn_
          ->Exec("INSERT INTO compacted_chunk (test, chunk_start) VALUES ($1, $2)"
                 " ON CONFLICT DO NOTHING",
                 {PgParam(t), PgParam(chunk_start)})
          .status());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  outcome.reports += compactor.moved();
  outcome.chunks += compactor.entities();
  return Status::Ok();
}

Result<CompactionOutcome> PostgresStore::CompactDay(UnixSeconds day) {
  MutexLock lock(mu_);
  auto last = ReadLastCycles();
  if (!last.ok()) return last.status();
  TLDMON_RETURN_IF_ERROR(CheckDayCompactable(day, *last));
  TLDMON_RETURN_IF_ERROR(EnsurePartitions("report_chunk", {day}));
  // One transaction per chunk keeps the day's lock short: ingestion goes on
  // while a day is compacted, and an interrupted run resumes where it stopped.
  CompactionOutcome outcome;
  for (int t = 0; t < kTestKindCount; ++t)
    for (UnixSeconds c = day; c < day + kDaySeconds; c += kChunkSeconds)
      TLDMON_RETURN_IF_ERROR(CompactChunk(static_cast<TestKind>(t), c, outcome));
  return outcome;
}

Result<RetentionOutcome> PostgresStore::DropProbeDataBefore(UnixSeconds before) {
  if (FloorMod(before, kDaySeconds) != 0)
    return InvalidArgument("day " + std::to_string(before) + " is not a UTC midnight");
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  auto last = ReadLastCycles();
  if (!last.ok()) return last.status();
  RetentionOutcome outcome;
  const std::optional<UnixSeconds> cutoff = RetentionCutoff(before, *last);
  if (!cutoff) return outcome;
  {
    auto r = conn_->Exec(
        "SELECT count(*), coalesce(sum(raw_reports + compacted_reports), 0)::bigint"
        " FROM probe_data_day WHERE day < $1 AND (raw_reports > 0 OR compacted_reports > 0)",
        {PgParam(*cutoff)});
    if (!r.ok()) return r.status();
    outcome.days = static_cast<std::size_t>(r->Int(0, 0));
    outcome.reports = r->Int(0, 1);
  }
  // Whole days go with their partitions: no row-by-row delete, no dead
  // tuples left for vacuum.
  for (const char* table : {"report_batch", "report_chunk"}) {
    auto r = conn_->Exec(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        " WHERE i.inhparent = $1::regclass",
        {PgParam(table)});
    if (!r.ok()) return r.status();
    for (int row = 0; row < r->rows(); ++row) {
      const std::string name(r->text(row, 0));
      const std::optional<UnixSeconds> day = PartitionDay(table, name);
      if (!day) return Internal("partition " + name + " of " + table + " is not one of ours");
      // Identifiers cannot be parameters; `name` is one PartitionDay parsed.
      if (*day < *cutoff) TLDMON_RETURN_IF_ERROR(conn_->ExecScript("DROP TABLE " + name));
    }
  }
  for (const char* sql :
       {"DELETE FROM compacted_chunk WHERE chunk_start < $1",
        "DELETE FROM probe_minute WHERE minute < $1", "DELETE FROM probe_data_day WHERE day < $1"})
    TLDMON_RETURN_IF_ERROR(conn_->Exec(sql, {PgParam(*cutoff)}).status());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  std::erase_if(partitions_, [&](const auto& p) { return p.second < *cutoff; });
  return outcome;
}

Result<std::vector<DayStorage>> PostgresStore::StorageByDay() const {
  MutexLock lock(mu_);
  auto r = conn_->Exec(
      "SELECT day, raw_reports, raw_metrics, raw_bytes, compacted_reports, compacted_metrics,"
      " compacted_bytes FROM probe_data_day WHERE raw_reports > 0 OR compacted_reports > 0"
      " ORDER BY day");
  if (!r.ok()) return r.status();
  std::vector<DayStorage> out;
  for (int row = 0; row < r->rows(); ++row)
    out.push_back({r->Int(row, 0), r->Int(row, 1), r->Int(row, 2), r->Int(row, 3), r->Int(row, 4),
                   r->Int(row, 5), r->Int(row, 6)});
  return out;
}

Result<std::optional<UnixSeconds>> PostgresStore::OldestRawDay() const {
  MutexLock lock(mu_);
  auto r = conn_->Exec("SELECT min(cycle) FROM report_batch");
  if (!r.ok()) return r.status();
  if (r->rows() == 0 || r->null(0, 0)) return std::optional<UnixSeconds>();
  return std::optional<UnixSeconds>(DayOf(r->Int(0, 0)));
}

}  // namespace tldmon::store
