// SqliteStore: probe reports, probe minutes and day compaction.
#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>

#include "store/chunk_compactor.h"
#include "store/chunk_group.h"
#include "store/probe_data_days.h"
#include "store/report_codec.h"
#include "store/report_validation.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace tldmon::store {

using sqlite::Transaction;

namespace {

// Forgets dictionary codes handed out in a transaction that did not commit.
class PendingCodes {
 public:
  explicit PendingCodes(Dictionary& dict) : dict_(dict) {}
  ~PendingCodes() {
    if (!committed_) dict_.RollbackPending();
  }
  void Committed() {
    dict_.CommitPending();
    committed_ = true;
  }

 private:
  Dictionary& dict_;
  bool committed_ = false;
};

}  // namespace

Result<std::vector<ChunkRecord>> SqliteStoreImpl::LoadChunk(TestKind test, UnixSeconds chunk_start,
                                                            std::int64_t entity_row) {
  // The entity's frame is in the group row with the greatest first entity
  // at or below it (chunk_group.h).
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT entity_id, blob FROM report_chunk"
                     " WHERE test = ?1 AND chunk_start = ?2 AND entity_id <= ?3"
                     " ORDER BY entity_id DESC LIMIT 1");
  st.Bind(1, static_cast<std::int64_t>(test)).Bind(2, chunk_start).Bind(3, entity_row);
  Result<bool> row = st.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::vector<ChunkRecord>();
  Result<std::vector<ChunkFrameView>> frames = ParseChunkRow(st.Int(0), st.Blob(1));
  if (!frames.ok()) return frames.status();
  for (const ChunkFrameView& f : *frames)
    if (f.entity == entity_row) return DecodeChunk(chunk_start, f.frame);
  return std::vector<ChunkRecord>();
}

Result<PutOutcome> SqliteStoreImpl::PutReports(std::span<const ProbeReport> reports,
                                               std::vector<bool>* duplicate) {
  if (duplicate != nullptr) duplicate->assign(reports.size(), false);
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(Refresh());

  // Validate the whole batch before writing anything (all-or-nothing), and
  // group it by (test, cycle, probe): one report_batch row per group.
  using GroupKey = std::tuple<int, UnixSeconds, ProbeIndex>;
  std::map<GroupKey, std::vector<std::size_t>> groups;
  std::vector<std::int64_t> rows(reports.size());
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const ProbeReport& r = reports[i];
    const EntityRow* e = FindEntity(r.entity);
    if (e != nullptr && !e->active) e = nullptr;
    Status s = CheckReport(r, e != nullptr ? &e->config : nullptr, probes_.size(), params_);
    if (!s.ok())
      return InvalidArgument("report #" + std::to_string(i) + " (" + DescribeReport(r) +
                             "): " + s.message());
    rows[i] = e->row_id;
    groups[{static_cast<int>(r.test), r.cycle, r.probe}].push_back(i);
  }

  PendingCodes codes(dict_);
  PutOutcome out;
  std::map<UnixSeconds, DayStorage> days;  // storage counters, by day
  std::vector<BatchEntry> parsed;
  using ChunkKey = std::tuple<int, UnixSeconds, std::int64_t>;  // (test, chunk_start, entity)
  std::map<ChunkKey, std::vector<ChunkRecord>> chunks;
  for (const auto& [key, members] : groups) {
    const auto& [test, cycle, probe] = key;
    // What is stored already for this (test, cycle, probe): earlier writes...
    std::vector<std::string> blobs;
    std::map<std::int64_t, std::string_view> stored;
    std::int64_t next_seq = 0;
    {
      TLDMON_SQLITE_STMT(st, *db_,
                         "SELECT seq, reports FROM report_batch"
                         " WHERE test = ?1 AND cycle = ?2 AND probe = ?3");
      st.Bind(1, static_cast<std::int64_t>(test))
          .Bind(2, static_cast<std::int64_t>(cycle))
          .Bind(3, static_cast<std::int64_t>(probe));
      for (;;) {
        Result<bool> row = st.Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        next_seq = std::max(next_seq, st.Int(0) + 1);
        blobs.emplace_back(st.Blob(1));
      }
    }
    for (const std::string& blob : blobs) {
      if (!ParseReportBatch(blob, parsed)) return Internal("damaged report_batch row");
      for (const BatchEntry& e : parsed) stored.emplace(e.entity, e.body);
    }
    // ... and, for a compacted chunk, the entity's chunk (decoded once per
    // call: a probe resending a whole compacted day touches each many times).
    const bool compacted = compacted_.contains({test, ChunkStart(cycle)});

    std::map<std::int64_t, std::string> fresh;  // new in this call, by entity
    std::int64_t fresh_metrics = 0;
    for (std::size_t i : members) {
      const ProbeReport& r = reports[i];
      std::string body = EncodeReportBody(r, dict_);
      std::optional<std::string_view> existing;
      if (auto it = stored.find(rows[i]); it != stored.end()) existing = it->second;
      if (auto it = fresh.find(rows[i]); it != fresh.end()) existing = it->second;
      if (!existing && compacted) {
        const ChunkKey ck{test, ChunkStart(cycle), rows[i]};
        auto it = chunks.find(ck);
        if (it == chunks.end()) {
          Result<std::vector<ChunkRecord>> loaded = LoadChunk(r.test, ChunkStart(cycle), rows[i]);
          if (!loaded.ok()) return loaded.status();
          it = chunks.emplace(ck, std::move(loaded).value()).first;
        }
        // Records are ascending by (cycle, probe).
        auto rec =
            std::lower_bound(it->second.begin(), it->second.end(), std::pair{cycle, probe},
                             [](const ChunkRecord& c, const std::pair<UnixSeconds, ProbeIndex>& k) {
                               return std::pair{c.cycle, c.probe} < k;
                             });
        if (rec != it->second.end() && rec->cycle == cycle && rec->probe == probe)
          existing = rec->body;
      }
      if (!existing) {
        fresh.emplace(rows[i], std::move(body));
        fresh_metrics += static_cast<std::int64_t>(r.metrics.size());
        ++out.inserted;
      } else if (*existing == body || duplicate != nullptr) {
        ++out.duplicates;
        if (duplicate != nullptr) (*duplicate)[i] = true;
      } else {
        return AlreadyExists("report #" + std::to_string(i) + " (" + DescribeReport(r) +
                             ") differs from the report already stored for its"
                             " (probe, entity, test, cycle)");
      }
    }
    if (fresh.empty()) continue;
    std::vector<BatchEntry> entries;
    entries.reserve(fresh.size());
    for (const auto& [entity, body] : fresh) entries.push_back({entity, body});
    const std::string blob = EncodeReportBatch(entries);
    TLDMON_SQLITE_STMT(insert, *db_,
                       "INSERT INTO report_batch (test, cycle, probe, seq, reports)"
                       " VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.Bind(1, static_cast<std::int64_t>(test))
        .Bind(2, static_cast<std::int64_t>(cycle))
        .Bind(3, static_cast<std::int64_t>(probe))
        .Bind(4, next_seq)
        .BindBlob(5, blob);
    TLDMON_RETURN_IF_ERROR(insert.Run());
    DayStorage& day = days[DayOf(cycle)];
    day.raw_reports += static_cast<std::int64_t>(fresh.size());
    day.raw_metrics += fresh_metrics;
    day.raw_bytes += static_cast<std::int64_t>(blob.size());
  }
  for (auto& [start, delta] : days) {
    delta.day = start;
    TLDMON_RETURN_IF_ERROR(AddDayStorage(delta));
  }
  for (const auto& [code, text] : dict_.Pending()) {
    TLDMON_SQLITE_STMT(st, *db_, "INSERT INTO dict (id, text) VALUES (?1, ?2)");
    st.Bind(1, static_cast<std::int64_t>(code)).Bind(2, text);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  codes.Committed();
  return out;
}

Result<PutOutcome> SqliteStoreImpl::PutProbeMinutes(UnixSeconds minute,
                                                    std::span<const ProbeMinuteSample> samples) {
  if (FloorMod(minute, 60) != 0)
    return InvalidArgument("minute " + std::to_string(minute) + " is not aligned to 60 s");
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(Refresh());
  for (std::size_t i = 0; i < samples.size(); ++i)
    if (samples[i].probe >= probes_.size())
      return InvalidArgument("sample #" + std::to_string(i) + " (minute " + std::to_string(minute) +
                             "): probe index " + std::to_string(samples[i].probe) +
                             " out of range (" + std::to_string(probes_.size()) +
                             " probes configured)");
  PutOutcome out;
  TLDMON_SQLITE_STMT(insert, *db_,
                     "INSERT INTO probe_minute (minute, probe, check_ok, manual_online, reachable)"
                     " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const ProbeMinuteSample& s = samples[i];
    insert.Bind(1, static_cast<std::int64_t>(minute))
        .Bind(2, static_cast<std::int64_t>(s.probe))
        .Bind(3, static_cast<std::int64_t>(s.check_ok))
        .Bind(4, static_cast<std::int64_t>(s.manual_online))
        .Bind(5, static_cast<std::int64_t>(s.reachable));
    TLDMON_RETURN_IF_ERROR(insert.Run());
    if (insert.Changes() == 1) {
      ++out.inserted;
      continue;
    }
    TLDMON_SQLITE_STMT(existing, *db_,
                       "SELECT check_ok, manual_online, reachable FROM probe_minute"
                       " WHERE minute = ?1 AND probe = ?2");
    existing.Bind(1, static_cast<std::int64_t>(minute)).Bind(2, static_cast<std::int64_t>(s.probe));
    Result<bool> row = existing.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Internal("probe minute insert ignored but no row found");
    if ((existing.Int(0) != 0) != s.check_ok || (existing.Int(1) != 0) != s.manual_online ||
        (existing.Int(2) != 0) != s.reachable)
      return AlreadyExists("sample #" + std::to_string(i) + " (minute " + std::to_string(minute) +
                           ", probe " + std::to_string(s.probe) +
                           ") differs from the sample already stored");
    ++out.duplicates;
  }
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  return out;
}

Result<std::vector<ProbeMinuteSample>> SqliteStoreImpl::ProbeMinutes(UnixSeconds minute) {
  TLDMON_RETURN_IF_ERROR(Refresh());
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT probe, check_ok, manual_online, reachable FROM probe_minute"
                     " WHERE minute = ?1 ORDER BY probe");
  st.Bind(1, static_cast<std::int64_t>(minute));
  std::vector<ProbeMinuteSample> out;
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ProbeMinuteSample s;
    s.probe = static_cast<ProbeIndex>(st.Int(0));
    s.check_ok = st.Int(1) != 0;
    s.manual_online = st.Int(2) != 0;
    s.reachable = st.Int(3) != 0;
    out.push_back(s);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reads.

Status SqliteStoreImpl::DecodeRow(std::int64_t entity_row, ProbeIndex probe, TestKind test,
                                  UnixSeconds cycle, std::string_view body,
                                  std::vector<ProbeReport>& out) const {
  const EntityId* id = EntityOfRow(entity_row);
  if (id == nullptr) return Internal("report of unknown entity row " + std::to_string(entity_row));
  ProbeReport r;
  r.probe = probe;
  r.entity = *id;
  r.test = test;
  r.cycle = cycle;
  if (!DecodeReportBody(body, dict_, r))
    return Internal("damaged report body (" + DescribeReport(r) + ")");
  out.push_back(std::move(r));
  return Status::Ok();
}

Status SqliteStoreImpl::AppendChunkReports(std::int64_t entity_row, TestKind test,
                                           UnixSeconds cycle, std::string_view blob,
                                           std::vector<ProbeReport>& out) const {
  Result<std::vector<ChunkRecord>> records = DecodeChunk(ChunkStart(cycle), blob);
  if (!records.ok()) return records.status();
  for (const ChunkRecord& rec : *records)
    if (rec.cycle == cycle)
      TLDMON_RETURN_IF_ERROR(DecodeRow(entity_row, rec.probe, test, cycle, rec.body, out));
  return Status::Ok();
}

Status SqliteStoreImpl::ForEachReportBatch(TestKind test, UnixSeconds cycle,
                                           const ReportBatchVisitor& visit) {
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT probe, reports FROM report_batch WHERE test = ?1 AND cycle = ?2");
  st.Bind(1, static_cast<std::int64_t>(test)).Bind(2, static_cast<std::int64_t>(cycle));
  std::vector<BatchEntry> entries;
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (!ParseReportBatch(st.Blob(1), entries)) return Internal("damaged report_batch row");
    TLDMON_RETURN_IF_ERROR(visit(static_cast<ProbeIndex>(st.Int(0)), entries));
  }
  return Status::Ok();
}

Result<std::vector<ProbeReport>> SqliteStoreImpl::CycleReports(TestKind test, UnixSeconds cycle) {
  if (!IsValidTestKind(test)) return InvalidArgument("unknown test kind");
  TLDMON_RETURN_IF_ERROR(Refresh());
  std::vector<ProbeReport> out;
  const Status batches = ForEachReportBatch(
      test, cycle, [&](ProbeIndex probe, std::span<const BatchEntry> entries) -> Status {
        for (const BatchEntry& e : entries)
          TLDMON_RETURN_IF_ERROR(DecodeRow(e.entity, probe, test, cycle, e.body, out));
        return Status::Ok();
      });
  TLDMON_RETURN_IF_ERROR(batches);
  if (compacted_.contains({static_cast<int>(test), ChunkStart(cycle)})) {
    TLDMON_SQLITE_STMT(
        st, *db_, "SELECT entity_id, blob FROM report_chunk WHERE test = ?1 AND chunk_start = ?2");
    st.Bind(1, static_cast<std::int64_t>(test)).Bind(2, ChunkStart(cycle));
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Result<std::vector<ChunkFrameView>> frames = ParseChunkRow(st.Int(0), st.Blob(1));
      if (!frames.ok()) return frames.status();
      for (const ChunkFrameView& f : *frames)
        TLDMON_RETURN_IF_ERROR(AppendChunkReports(f.entity, test, cycle, f.frame, out));
    }
  }
  std::sort(out.begin(), out.end(), [](const ProbeReport& a, const ProbeReport& b) {
    return std::tie(a.entity, a.probe) < std::tie(b.entity, b.probe);
  });
  return out;
}

Result<std::vector<ProbeReport>> SqliteStoreImpl::EntityCycleReports(const EntityId& entity,
                                                                     TestKind test,
                                                                     UnixSeconds cycle) {
  if (!IsValidTestKind(test)) return InvalidArgument("unknown test kind");
  TLDMON_RETURN_IF_ERROR(Refresh());
  const EntityRow* e = FindEntity(entity);
  if (e == nullptr) return NotFound("unknown entity " + entity.Path());
  std::vector<ProbeReport> out;
  TLDMON_RETURN_IF_ERROR(ForEachReportBatch(
      test, cycle, [&](ProbeIndex probe, std::span<const BatchEntry> entries) -> Status {
        const BatchEntry* found = FindInBatch(entries, e->row_id);
        return found == nullptr ? Status::Ok()
                                : DecodeRow(e->row_id, probe, test, cycle, found->body, out);
      }));
  if (compacted_.contains({static_cast<int>(test), ChunkStart(cycle)})) {
    Result<std::vector<ChunkRecord>> records = LoadChunk(test, ChunkStart(cycle), e->row_id);
    if (!records.ok()) return records.status();
    for (const ChunkRecord& rec : *records)
      if (rec.cycle == cycle)
        TLDMON_RETURN_IF_ERROR(DecodeRow(e->row_id, rec.probe, test, cycle, rec.body, out));
  }
  std::sort(out.begin(), out.end(),
            [](const ProbeReport& a, const ProbeReport& b) { return a.probe < b.probe; });
  return out;
}

// ---------------------------------------------------------------------------
// Compaction.

Status SqliteStoreImpl::CompactChunk(TestKind test, UnixSeconds chunk_start,
                                     CompactionOutcome& outcome) {
  const auto t = static_cast<std::int64_t>(test);
  const UnixSeconds chunk_end = chunk_start + kChunkSeconds;
  {
    // Most chunks of most test kinds are empty or done: skip them without
    // taking the write lock.
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT 1 FROM report_batch WHERE test = ?1 AND cycle >= ?2 AND cycle < ?3"
                       " LIMIT 1");
    st.Bind(1, t).Bind(2, chunk_start).Bind(3, chunk_end);
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(Refresh());
  ChunkCompactor compactor(chunk_start);
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT cycle, probe, reports FROM report_batch"
                       " WHERE test = ?1 AND cycle >= ?2 AND cycle < ?3");
    st.Bind(1, t).Bind(2, chunk_start).Bind(3, chunk_end);
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      TLDMON_RETURN_IF_ERROR(
          compactor.AddBatch(st.Int(0), static_cast<ProbeIndex>(st.Int(1)), st.Blob(2)));
    }
  }
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT entity_id, blob FROM report_chunk"
                       " WHERE test = ?1 AND chunk_start = ?2");
    st.Bind(1, t).Bind(2, chunk_start);
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      TLDMON_RETURN_IF_ERROR(compactor.AddChunkRow(st.Int(0), st.Blob(1)));
    }
  }
  auto groups = compactor.Finish();
  if (!groups.ok()) return groups.status();
  {
    TLDMON_SQLITE_STMT(st, *db_, "DELETE FROM report_chunk WHERE test = ?1 AND chunk_start = ?2");
    st.Bind(1, t).Bind(2, chunk_start);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  for (const auto& [first_entity, blob] : *groups) {
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO report_chunk (test, chunk_start, entity_id, blob)"
                       " VALUES (?1, ?2, ?3, ?4)");
    st.Bind(1, t).Bind(2, chunk_start).Bind(3, first_entity).BindBlob(4, blob);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  TLDMON_RETURN_IF_ERROR(AddDayStorage(compactor.delta()));
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "DELETE FROM report_batch WHERE test = ?1 AND cycle >= ?2 AND cycle < ?3");
    st.Bind(1, t).Bind(2, chunk_start).Bind(3, chunk_end);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO compacted_chunk (test, chunk_start) VALUES (?1, ?2)"
                       " ON CONFLICT DO NOTHING");
    st.Bind(1, t).Bind(2, chunk_start);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  compacted_.emplace(static_cast<int>(test), chunk_start);
  outcome.reports += compactor.moved();
  outcome.chunks += compactor.entities();
  return Status::Ok();
}

Result<CompactionOutcome> SqliteStoreImpl::CompactDay(UnixSeconds day) {
  TLDMON_RETURN_IF_ERROR(Refresh());
  TLDMON_RETURN_IF_ERROR(EnsureCommitted());
  LastCycles last;
  last.fill(engine::kNever);
  if (committed_) last = committed_->last_cycle;
  TLDMON_RETURN_IF_ERROR(CheckDayCompactable(day, last));
  // One transaction per chunk keeps the write lock short: ingestion goes on
  // while a day is compacted, and an interrupted run resumes where it stopped.
  CompactionOutcome outcome;
  for (int t = 0; t < kTestKindCount; ++t)
    for (UnixSeconds c = day; c < day + kDaySeconds; c += kChunkSeconds)
      TLDMON_RETURN_IF_ERROR(CompactChunk(static_cast<TestKind>(t), c, outcome));
  return outcome;
}

}  // namespace tldmon::store
