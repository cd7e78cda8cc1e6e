// SqliteStore: storage per day (probe_data_day) and the retention of raw
// probe data. Compaction itself is in sqlite_store_reports.cc.
#include <algorithm>
#include <map>
#include <optional>

#include "store/chunk_group.h"
#include "store/probe_data_days.h"
#include "store/report_codec.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace tldmon::store {

using sqlite::Transaction;

Status SqliteStoreImpl::AddDayStorage(const DayStorage& d) {
  TLDMON_SQLITE_STMT(st, *db_,
                     "INSERT INTO probe_data_day (day, raw_reports, raw_metrics, raw_bytes,"
                     " compacted_reports, compacted_metrics, compacted_bytes)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (day) DO UPDATE SET"
                     " raw_reports = raw_reports + excluded.raw_reports,"
                     " raw_metrics = raw_metrics + excluded.raw_metrics,"
                     " raw_bytes = raw_bytes + excluded.raw_bytes,"
                     " compacted_reports = compacted_reports + excluded.compacted_reports,"
                     " compacted_metrics = compacted_metrics + excluded.compacted_metrics,"
                     " compacted_bytes = compacted_bytes + excluded.compacted_bytes");
  st.Bind(1, d.day)
      .Bind(2, d.raw_reports)
      .Bind(3, d.raw_metrics)
      .Bind(4, d.raw_bytes)
      .Bind(5, d.compacted_reports)
      .Bind(6, d.compacted_metrics)
      .Bind(7, d.compacted_bytes);
  return st.Run();
}

Status SqliteStoreImpl::RebuildDayStorageIfAsked() {
  {
    TLDMON_SQLITE_STMT(st, *db_, "SELECT count(*) FROM probe_data_day_rebuild");
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (st.Int(0) == 0) return Status::Ok();
  }
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  std::map<UnixSeconds, DayStorage> days;
  {
    TLDMON_SQLITE_STMT(st, *db_, "SELECT cycle, reports FROM report_batch");
    std::vector<BatchEntry> entries;
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (!ParseReportBatch(st.Blob(1), entries)) return Internal("damaged report_batch row");
      DayStorage& d = days[DayOf(st.Int(0))];
      d.raw_reports += static_cast<std::int64_t>(entries.size());
      d.raw_bytes += static_cast<std::int64_t>(st.Blob(1).size());
      for (const BatchEntry& e : entries) {
        const std::optional<std::uint64_t> metrics = ReportBodyMetricCount(e.body);
        if (!metrics) return Internal("damaged report body in report_batch");
        d.raw_metrics += static_cast<std::int64_t>(*metrics);
      }
    }
  }
  {
    TLDMON_SQLITE_STMT(st, *db_, "SELECT chunk_start, entity_id, blob FROM report_chunk");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      DayStorage& d = days[DayOf(st.Int(0))];
      d.compacted_bytes += static_cast<std::int64_t>(st.Blob(2).size());
      Result<std::vector<ChunkFrameView>> frames = ParseChunkRow(st.Int(1), st.Blob(2));
      if (!frames.ok()) return frames.status();
      for (const ChunkFrameView& f : *frames) {
        Result<std::vector<ChunkRecord>> records = DecodeChunk(st.Int(0), f.frame);
        if (!records.ok()) return records.status();
        d.compacted_reports += static_cast<std::int64_t>(records->size());
        for (const ChunkRecord& rec : *records) {
          const std::optional<std::uint64_t> metrics = ReportBodyMetricCount(rec.body);
          if (!metrics) return Internal("damaged report body in report_chunk");
          d.compacted_metrics += static_cast<std::int64_t>(*metrics);
        }
      }
    }
  }
  TLDMON_RETURN_IF_ERROR(db_->Exec("DELETE FROM probe_data_day"));
  for (auto& [day, d] : days) {
    d.day = day;
    TLDMON_RETURN_IF_ERROR(AddDayStorage(d));
  }
  TLDMON_RETURN_IF_ERROR(db_->Exec("DELETE FROM probe_data_day_rebuild"));
  return txn->Commit();
}

Result<std::vector<DayStorage>> SqliteStoreImpl::StorageByDay() {
  TLDMON_RETURN_IF_ERROR(Refresh());
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT day, raw_reports, raw_metrics, raw_bytes, compacted_reports,"
                     " compacted_metrics, compacted_bytes FROM probe_data_day"
                     " WHERE raw_reports > 0 OR compacted_reports > 0 ORDER BY day");
  std::vector<DayStorage> out;
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({st.Int(0), st.Int(1), st.Int(2), st.Int(3), st.Int(4), st.Int(5), st.Int(6)});
  }
  return out;
}

Result<std::optional<UnixSeconds>> SqliteStoreImpl::OldestRawDay() {
  TLDMON_RETURN_IF_ERROR(Refresh());
  std::optional<UnixSeconds> oldest;
  // One index probe per test kind (the key starts with (test, cycle)).
  for (int t = 0; t < kTestKindCount; ++t) {
    TLDMON_SQLITE_STMT(st, *db_, "SELECT min(cycle) FROM report_batch WHERE test = ?1");
    st.Bind(1, static_cast<std::int64_t>(t));
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (*row && !st.IsNull(0)) {
      const UnixSeconds day = DayOf(st.Int(0));
      oldest = oldest ? std::min(*oldest, day) : day;
    }
  }
  return oldest;
}

Result<RetentionOutcome> SqliteStoreImpl::DropProbeDataBefore(UnixSeconds before) {
  if (FloorMod(before, kDaySeconds) != 0)
    return InvalidArgument("day " + std::to_string(before) + " is not a UTC midnight");
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(Refresh());
  TLDMON_RETURN_IF_ERROR(EnsureCommitted());
  RetentionOutcome outcome;
  if (!committed_) return outcome;
  const std::optional<UnixSeconds> bound = RetentionCutoff(before, committed_->last_cycle);
  if (!bound) return outcome;
  const UnixSeconds cutoff = *bound;
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT count(*), total(raw_reports + compacted_reports)"
                       " FROM probe_data_day WHERE day < ?1"
                       " AND (raw_reports > 0 OR compacted_reports > 0)");
    st.Bind(1, cutoff);
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    outcome.days = static_cast<std::size_t>(st.Int(0));
    outcome.reports = static_cast<std::int64_t>(st.Real(1));
  }
  for (int t = 0; t < kTestKindCount; ++t) {
    for (const char* sql : {"DELETE FROM report_batch WHERE test = ?1 AND cycle < ?2",
                            "DELETE FROM report_chunk WHERE test = ?1 AND chunk_start < ?2",
                            "DELETE FROM compacted_chunk WHERE test = ?1 AND chunk_start < ?2"}) {
      TLDMON_SQLITE_STMT(st, *db_, sql);
      st.Bind(1, static_cast<std::int64_t>(t)).Bind(2, cutoff);
      TLDMON_RETURN_IF_ERROR(st.Run());
    }
  }
  for (const char* sql : {"DELETE FROM probe_minute WHERE minute < ?1",
                          "DELETE FROM probe_data_day WHERE day < ?1"}) {
    TLDMON_SQLITE_STMT(st, *db_, sql);
    st.Bind(1, cutoff);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  std::erase_if(compacted_, [cutoff](const auto& key) { return key.second < cutoff; });
  return outcome;
}

}  // namespace tldmon::store
