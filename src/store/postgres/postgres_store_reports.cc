// PostgresStore: probe reports — writes (idempotent across hosts), reads,
// and the storage counters per day. The encoding and the rules are
// SqliteStore's (sqlite_store_reports.cc); what differs is how hosts are
// kept apart: advisory transaction locks per probe and per day
// (advisory_locks.h) and a dictionary that catches up with other hosts.
// Compaction, retention and the storage counters: postgres_store_storage.cc.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>

#include "store/chunk_group.h"
#include "store/postgres/advisory_locks.h"
#include "store/postgres/postgres_store.h"
#include "store/probe_data_days.h"
#include "store/report_validation.h"

namespace tldmon::store {

using postgres::AdvisoryKey;
using postgres::AdvisoryLock;
using postgres::AsBigint;
using postgres::PgFormat;
using postgres::PgParam;
using postgres::PgTransaction;

namespace {}  // namespace

Status PostgresStore::AddDayStorage(const DayStorage& d) {
  return conn_
      ->Exec(
          "INSERT INTO probe_data_day (day, raw_reports, raw_metrics, raw_bytes,"
          " compacted_reports, compacted_metrics, compacted_bytes)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (day) DO UPDATE SET"
          " raw_reports = probe_data_day.raw_reports + EXCLUDED.raw_reports,"
          " raw_metrics = probe_data_day.raw_metrics + EXCLUDED.raw_metrics,"
          " raw_bytes = probe_data_day.raw_bytes + EXCLUDED.raw_bytes,"
          " compacted_reports = probe_data_day.compacted_reports + EXCLUDED.compacted_reports,"
          " compacted_metrics = probe_data_day.compacted_metrics + EXCLUDED.compacted_metrics,"
          " compacted_bytes = probe_data_day.compacted_bytes + EXCLUDED.compacted_bytes",
          {PgParam(AsBigint(d.day)), PgParam(d.raw_reports), PgParam(d.raw_metrics),
           PgParam(d.raw_bytes), PgParam(d.compacted_reports), PgParam(d.compacted_metrics),
           PgParam(d.compacted_bytes)})
      .status();
}

Result<bool> PostgresStore::IsCompacted(postgres::PgConn& c, TestKind test,
                                        UnixSeconds chunk_start) {
  auto r = c.Exec("SELECT 1 FROM compacted_chunk WHERE test = $1 AND chunk_start = $2",
                       {PgParam(static_cast<int>(test)), PgParam(AsBigint(chunk_start))});
  if (!r.ok()) return r.status();
  return r->rows() > 0;
}

Result<std::vector<ChunkRecord>> PostgresStore::LoadChunk(postgres::PgConn& c, TestKind test,
                                                          UnixSeconds chunk_start,
                                                          std::int64_t entity_row) {
  // The entity's frame is in the group row with the greatest first entity
  // at or below it (chunk_group.h).
  auto r = c.Exec(
      "SELECT entity_id, blob FROM report_chunk WHERE test = $1 AND chunk_start = $2"
      " AND entity_id <= $3 ORDER BY entity_id DESC LIMIT 1",
      {PgParam(static_cast<int>(test)), PgParam(AsBigint(chunk_start)), PgParam(entity_row)},
      PgFormat::kBinary);
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::vector<ChunkRecord>();
  auto frames = ParseChunkRow(r->Int(0, 0), r->bytes(0, 1));
  if (!frames.ok()) return frames.status();
  for (const ChunkFrameView& f : *frames)
    if (f.entity == entity_row) return DecodeChunk(chunk_start, f.frame);
  return std::vector<ChunkRecord>();
}

Result<PutOutcome> PostgresStore::PutReports(std::span<const ProbeReport> reports) {
  MutexLock lock(mu_);
  return PutReportsRetrying(reports, nullptr);
}

Result<PutOutcome> PostgresStore::PutReportsFirstWins(std::span<const ProbeReport> reports,
                                                      std::vector<bool>* duplicate) {
  std::vector<bool> ignored;
  MutexLock lock(mu_);
  return PutReportsRetrying(reports, duplicate != nullptr ? duplicate : &ignored);
}

Result<PutOutcome> PostgresStore::PutReportsRetrying(std::span<const ProbeReport> reports,
                                                     std::vector<bool>* duplicate) {
  Result<PutOutcome> out = PutReportsLocked(reports, duplicate);
  // Another host's retention dropped a partition this one believed in (a
  // report for a day older than the retention period): create it again.
  if (!out.ok() && out.status().message().find("no partition of relation") != std::string::npos) {
    partitions_.clear();
    out = PutReportsLocked(reports, duplicate);
  }
  return out;
}

Result<PutOutcome> PostgresStore::PutReportsLocked(std::span<const ProbeReport> reports,
                                                   std::vector<bool>* duplicate) {
  if (duplicate != nullptr) duplicate->assign(reports.size(), false);
  TLDMON_RETURN_IF_ERROR(RefreshCatalog());
  // Validate the whole batch before writing anything (all-or-nothing), and
  // group it by (test, cycle, probe): one report_batch row per group.
  using GroupKey = std::tuple<int, UnixSeconds, ProbeIndex>;
  std::map<GroupKey, std::vector<std::size_t>> groups;
  std::vector<std::int64_t> rows(reports.size());
  std::set<UnixSeconds> days;
  std::set<ProbeIndex> probes;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const ProbeReport& r = reports[i];
    auto e = catalog_.by_id.find(r.entity);
    const EntityRow* row = e != catalog_.by_id.end() && e->second.active ? &e->second : nullptr;
    Status s = CheckReport(r, row != nullptr ? &row->config : nullptr, catalog_.probe_count,
                           catalog_.params);
    if (!s.ok())
      return InvalidArgument("report #" + std::to_string(i) + " (" + DescribeReport(r) +
                             "): " + s.message());
    rows[i] = row->row_id;
    groups[{static_cast<int>(r.test), r.cycle, r.probe}].push_back(i);
    days.insert(DayOf(r.cycle));
    probes.insert(r.probe);
  }
  // Encode first; texts the dictionary has never seen get their codes in a
  // transaction of their own (kept even if this batch then fails: the
  // dictionary only grows) and the bodies are encoded again with them.
  std::vector<std::string> bodies(reports.size());
  for (std::size_t i = 0; i < reports.size(); ++i) bodies[i] = EncodeReportBody(reports[i], dict_);
  if (!dict_.Pending().empty()) {
    TLDMON_RETURN_IF_ERROR(InternPending());
    for (std::size_t i = 0; i < reports.size(); ++i)
      bodies[i] = EncodeReportBody(reports[i], dict_);
    if (!dict_.Pending().empty()) {
      dict_.RollbackPending();
      return Internal("dictionary codes vanished while encoding reports");
    }
  }
  TLDMON_RETURN_IF_ERROR(EnsurePartitions("report_batch", days));

  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  // Shared day locks keep compaction out; probe locks order two hosts
  // storing the same probe's reports (sequence numbers, duplicates). Taken
  // in one order everywhere: no deadlock.
  for (UnixSeconds day : days)
    TLDMON_RETURN_IF_ERROR(conn_
                               ->Exec("SELECT pg_advisory_xact_lock_shared($1)",
                                      {PgParam(AdvisoryKey(AdvisoryLock::kDay, day / kDaySeconds))})
                               .status());
  for (ProbeIndex p : probes)
    TLDMON_RETURN_IF_ERROR(
        conn_
            ->Exec("SELECT pg_advisory_xact_lock($1)",
                   {PgParam(AdvisoryKey(AdvisoryLock::kProbe, static_cast<std::int64_t>(p)))})
            .status());

  PutOutcome out;
  std::map<UnixSeconds, DayStorage> day_storage;
  std::vector<BatchEntry> parsed;
  using ChunkKey = std::tuple<int, UnixSeconds, std::int64_t>;  // (test, chunk_start, entity)
  std::map<ChunkKey, std::vector<ChunkRecord>> chunks;
  std::map<std::pair<int, UnixSeconds>, bool> compacted;
  for (const auto& [key, members] : groups) {
    const auto& [test, cycle, probe] = key;
    auto stored_rows = conn_->Exec(
        "SELECT seq, reports FROM report_batch WHERE test = $1 AND cycle = $2 AND probe = $3",
        {PgParam(test), PgParam(AsBigint(cycle)), PgParam(static_cast<std::int64_t>(probe))},
        PgFormat::kBinary);
    if (!stored_rows.ok()) return stored_rows.status();
    std::map<std::int64_t, std::string_view> stored;
    std::int64_t next_seq = 0;
    for (int row = 0; row < stored_rows->rows(); ++row) {
      next_seq = std::max(next_seq, stored_rows->Int(row, 0) + 1);
      if (!ParseReportBatch(stored_rows->bytes(row, 1), parsed))
        return Internal("damaged report_batch row");
      for (const BatchEntry& e : parsed) stored.emplace(e.entity, e.body);
    }
    const std::pair<int, UnixSeconds> chunk{test, ChunkStart(cycle)};
    if (!compacted.contains(chunk)) {
      auto c = IsCompacted(*conn_, static_cast<TestKind>(test), chunk.second);
      if (!c.ok()) return c.status();
      compacted[chunk] = *c;
    }

    std::map<std::int64_t, std::string_view> fresh;  // new in this call, by entity
    std::int64_t fresh_metrics = 0;
    for (std::size_t i : members) {
      const ProbeReport& r = reports[i];
      std::optional<std::string_view> existing;
      if (auto it = stored.find(rows[i]); it != stored.end()) existing = it->second;
      if (auto it = fresh.find(rows[i]); it != fresh.end()) existing = it->second;
      if (!existing && compacted[chunk]) {
        const ChunkKey ck{test, chunk.second, rows[i]};
        auto it = chunks.find(ck);
        if (it == chunks.end()) {
          auto loaded = LoadChunk(*conn_, r.test, chunk.second, rows[i]);
          if (!loaded.ok()) return loaded.status();
          it = chunks.emplace(ck, std::move(loaded).value()).first;
        }
        for (const ChunkRecord& rec : it->second)
          if (rec.cycle == cycle && rec.probe == probe) existing = rec.body;
      }
      if (!existing) {
        fresh.emplace(rows[i], bodies[i]);
        fresh_metrics += static_cast<std::int64_t>(r.metrics.size());
        ++out.inserted;
      } else if (*existing == bodies[i] || duplicate != nullptr) {
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
    TLDMON_RETURN_IF_ERROR(conn_
                               ->Exec("INSERT INTO report_batch (test, cycle, probe, seq, reports)"
                                      " VALUES ($1, $2, $3, $4, $5)",
                                      {PgParam(test), PgParam(AsBigint(cycle)),
                                       PgParam(static_cast<std::int64_t>(probe)), PgParam(next_seq),
                                       PgParam::Bytes(blob)})
                               .status());
    DayStorage& day = day_storage[DayOf(cycle)];
    day.raw_reports += static_cast<std::int64_t>(fresh.size());
    day.raw_metrics += fresh_metrics;
    day.raw_bytes += static_cast<std::int64_t>(blob.size());
  }
  for (auto& [start, delta] : day_storage) {
    delta.day = start;
    TLDMON_RETURN_IF_ERROR(AddDayStorage(delta));
  }
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  return out;
}

// ---- Reads -------------------------------------------------------------------

Status PostgresStore::DecodeInto(std::int64_t entity_row, ProbeIndex probe, TestKind test,
                                 UnixSeconds cycle, std::string_view body,
                                 std::vector<ProbeReport>& out) const {
  auto id = catalog_.by_row.find(entity_row);
  if (id == catalog_.by_row.end())
    return Internal("report of unknown entity row " + std::to_string(entity_row));
  ProbeReport r;
  r.probe = probe;
  r.entity = id->second;
  r.test = test;
  r.cycle = cycle;
  if (!DecodeReportBody(body, dict_, r)) {
    // Another host may have added the codes since this one last looked.
    TLDMON_RETURN_IF_ERROR(LoadDictionaryTail());
    if (!DecodeReportBody(body, dict_, r))
      return Internal("damaged report body (" + DescribeReport(r) + ")");
  }
  out.push_back(std::move(r));
  return Status::Ok();
}

Status PostgresStore::ForEachReportBatch(postgres::PgConn& c, TestKind test, UnixSeconds cycle,
                                         const BatchVisitor& visit) {
  auto r =
      c.Exec("SELECT probe, reports FROM report_batch WHERE test = $1 AND cycle = $2",
                  {PgParam(static_cast<int>(test)), PgParam(AsBigint(cycle))}, PgFormat::kBinary);
  if (!r.ok()) return r.status();
  std::vector<BatchEntry> entries;
  for (int row = 0; row < r->rows(); ++row) {
    if (!ParseReportBatch(r->bytes(row, 1), entries)) return Internal("damaged report_batch row");
    TLDMON_RETURN_IF_ERROR(visit(static_cast<ProbeIndex>(r->Int(row, 0)), entries));
  }
  return Status::Ok();
}

Result<std::vector<ProbeReport>> PostgresStore::CycleReports(TestKind test,
                                                             UnixSeconds cycle) const {
  if (!IsValidTestKind(test)) return InvalidArgument("unknown test kind");
  MutexLock lock(mu_);
  TLDMON_RETURN_IF_ERROR(RefreshCatalog());
  std::vector<ProbeReport> out;
  const Status batches = ForEachReportBatch(
      *conn_, test, cycle,
      [&](ProbeIndex probe, std::span<const BatchEntry> entries)
          NO_THREAD_SAFETY_ANALYSIS -> Status {
            for (const BatchEntry& e : entries)
              TLDMON_RETURN_IF_ERROR(DecodeInto(e.entity, probe, test, cycle, e.body, out));
            return Status::Ok();
          });
  TLDMON_RETURN_IF_ERROR(batches);
  auto compacted = IsCompacted(*conn_, test, ChunkStart(cycle));
  if (!compacted.ok()) return compacted.status();
  if (*compacted) {
    auto r = conn_->Exec(
        "SELECT entity_id, blob FROM report_chunk WHERE test = $1 AND chunk_start = $2",
        {PgParam(static_cast<int>(test)), PgParam(AsBigint(ChunkStart(cycle)))}, PgFormat::kBinary);
    if (!r.ok()) return r.status();
    for (int row = 0; row < r->rows(); ++row) {
      auto frames = ParseChunkRow(r->Int(row, 0), r->bytes(row, 1));
      if (!frames.ok()) return frames.status();
      for (const ChunkFrameView& f : *frames) {
        auto records = DecodeChunk(ChunkStart(cycle), f.frame);
        if (!records.ok()) return records.status();
        for (const ChunkRecord& rec : *records)
          if (rec.cycle == cycle)
            TLDMON_RETURN_IF_ERROR(DecodeInto(f.entity, rec.probe, test, cycle, rec.body, out));
      }
    }
  }
  // Entity ids sort as SqliteStore's do (by kind, then name).
  std::sort(out.begin(), out.end(), [](const ProbeReport& a, const ProbeReport& b) {
    return std::tie(a.entity, a.probe) < std::tie(b.entity, b.probe);
  });
  return out;
}

Result<std::vector<ProbeReport>> PostgresStore::EntityCycleReports(const EntityId& entity,
                                                                   TestKind test,
                                                                   UnixSeconds cycle) const {
  if (!IsValidTestKind(test)) return InvalidArgument("unknown test kind");
  auto c = reads_->Acquire();
  if (!c.ok()) return c.status();
  auto row = ReadRowId(**c, entity);
  if (!row.ok()) return row.status();
  std::vector<RawReport> raw;
  TLDMON_RETURN_IF_ERROR(ForEachReportBatch(
      **c, test, cycle, [&](ProbeIndex probe, std::span<const BatchEntry> entries) -> Status {
        const BatchEntry* found = FindInBatch(entries, *row);
        if (found != nullptr) raw.push_back({probe, std::string(found->body)});
        return Status::Ok();
      }));
  auto compacted = IsCompacted(**c, test, ChunkStart(cycle));
  if (!compacted.ok()) return compacted.status();
  if (*compacted) {
    auto records = LoadChunk(**c, test, ChunkStart(cycle), *row);
    if (!records.ok()) return records.status();
    for (ChunkRecord& rec : *records)
      if (rec.cycle == cycle) raw.push_back({rec.probe, std::move(rec.body)});
  }
  std::vector<ProbeReport> out;
  TLDMON_RETURN_IF_ERROR(DecodeRead(**c, entity, test, cycle, raw, out));
  std::sort(out.begin(), out.end(),
            [](const ProbeReport& a, const ProbeReport& b) { return a.probe < b.probe; });
  return out;
}

}  // namespace tldmon::store
