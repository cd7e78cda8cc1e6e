// Internals of SqliteStore (not part of the Store contract). The public class
// takes `mu` and forwards; every method here requires `mu` held. Split over
// sqlite_store.cc (open, caches, configuration), sqlite_store_reports.cc
// (probe data), sqlite_store_engine.cc (engine results) and
// sqlite_store_records.cc (keyed records).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/thread_annotations.h"
#include "store/dictionary.h"
#include "store/report_codec.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"
#include "store/table_copy.h"

namespace tldmon::store {

class SqliteStoreImpl {
 public:
  explicit SqliteStoreImpl(std::unique_ptr<sqlite::SqliteDb> db) : db_(std::move(db)) {}

  // Serializes every call of SqliteStore: the public methods below require
  // it (Init runs before the store is shared).
  Mutex mu;

  // Sets and verifies the pragmas, migrates, loads the caches.
  Status Init();
  // For a read-only connection: checks the schema version, loads the caches.
  Status InitReadOnly();

  Status PutSlaParams(const engine::SlaParams& params) REQUIRES(mu);
  Result<engine::SlaParams> LoadSlaParams() REQUIRES(mu);
  Status PutEntities(std::span<const EntityConfig> entities,
                     std::span<const RecordChange> records = {}) REQUIRES(mu);
  Status RemoveEntity(const EntityId& id) REQUIRES(mu);
  Result<std::vector<EntityConfig>> LoadEntities() REQUIRES(mu);
  Result<std::vector<EntityRowCopy>> EntityRows() REQUIRES(mu);
  Result<std::optional<EntityConfig>> EntityConfigAt(const EntityId& id, UnixSeconds t)
      REQUIRES(mu);
  Result<ProbeIndex> AddProbe(const ProbeNode& probe) REQUIRES(mu);
  Status UpdateProbe(ProbeIndex index, const ProbeNode& probe) REQUIRES(mu);
  Status SetProbeEnabled(ProbeIndex index, bool enabled) REQUIRES(mu);
  Result<std::vector<ProbeRecord>> LoadProbes() REQUIRES(mu);

  // `duplicate` null: a different report for a stored key fails the batch;
  // otherwise the first copy wins and duplicate[i] marks each repeat.
  Result<PutOutcome> PutReports(std::span<const ProbeReport> reports,
                                std::vector<bool>* duplicate = nullptr) REQUIRES(mu);
  Result<PutOutcome> PutProbeMinutes(UnixSeconds minute, std::span<const ProbeMinuteSample> samples)
      REQUIRES(mu);
  Result<CompactionOutcome> CompactDay(UnixSeconds day) REQUIRES(mu);
  Result<std::optional<UnixSeconds>> OldestRawDay() REQUIRES(mu);
  Result<RetentionOutcome> DropProbeDataBefore(UnixSeconds before) REQUIRES(mu);
  Result<std::vector<DayStorage>> StorageByDay() REQUIRES(mu);
  Result<std::vector<ProbeReport>> CycleReports(TestKind test, UnixSeconds cycle) REQUIRES(mu);
  Result<std::vector<ProbeReport>> EntityCycleReports(const EntityId& entity, TestKind test,
                                                      UnixSeconds cycle) REQUIRES(mu);
  Result<std::vector<ProbeMinuteSample>> ProbeMinutes(UnixSeconds minute) REQUIRES(mu);

  Status CommitCycle(const engine::CycleOutput& output, const engine::EngineState& state)
      REQUIRES(mu);
  Status CommitFalsePositive(const FalsePositiveChange& change,
                             const engine::EntityState& entity_state) REQUIRES(mu);
  Result<engine::EngineState> LoadEngineState() REQUIRES(mu);
  Result<std::vector<CycleVerdict>> Verdicts(const EntityId& entity, Service service,
                                             UnixSeconds from, UnixSeconds to) REQUIRES(mu);
  Status ForEachNsIpRtt(const EntityId& entity, UnixSeconds from, UnixSeconds to,
                        const std::function<void(const NsIpRtt&)>& visit) REQUIRES(mu);
  // CommitCycle's ns_ip_rtt rows (inside its transaction).
  Status WriteNsIpRtts(const engine::CycleOutput& out);
  // ---- per-probe RTTs and NSID sightings (sqlite_store_probe_rtt.cc) ----
  // The records of a per-(entity, cycle) table of varint bodies (ns_ip_rtt,
  // probe_rtt): `select_sql` selects (cycle, body) for ?1 entity row,
  // [?2, ?3); `decode` (store/rtt_codec.h) returns false for a damaged
  // body. Internal for a damaged row, NotFound for an unknown entity.
  Status ForEachVarintRecord(const char* select_sql, const EntityId& entity, UnixSeconds from,
                             UnixSeconds to,
                             const std::function<bool(UnixSeconds, std::string_view)>& decode)
      REQUIRES(mu);
  Status ForEachProbeRtt(const EntityId& entity, UnixSeconds from, UnixSeconds to,
                         const std::function<void(const ProbeCycleRtt&)>& visit) REQUIRES(mu);
  Result<std::vector<NsidChange>> NsidChanges(const EntityId& entity, UnixSeconds to) REQUIRES(mu);
  Status KeepMonthlyFigures(std::span<const MonthlyFiguresRow> rows) REQUIRES(mu);
  Result<std::vector<MonthlyFiguresRow>> KeptMonthlyFigures(const EntityId& entity) REQUIRES(mu);
  // ---- alerts (sqlite_store_alerts.cc) ----
  Status RecordAlerts(const engine::AlertTrackerState& state,
                      std::span<const StoredAlertEvent> events) REQUIRES(mu);
  Result<std::optional<engine::AlertTrackerState>> LoadAlertTracker() REQUIRES(mu);
  Result<std::vector<StoredAlertEvent>> AlertEventsAfter(std::int64_t after, std::size_t limit)
      REQUIRES(mu);
  Result<std::int64_t> AlertCursor(std::string_view channel) REQUIRES(mu);
  Status SetAlertCursor(std::string_view channel, std::int64_t delivered) REQUIRES(mu);
  Status MoveAlertCursor(std::string_view channel, std::int64_t delivered) REQUIRES(mu);
  Status RecordAlertDelivery(std::string_view channel,
                             std::optional<std::int64_t> delivered_through,
                             std::span<const AlertDelivery> log) REQUIRES(mu);
  Result<std::vector<AlertDelivery>> AlertDeliveries(std::string_view channel, std::size_t limit)
      REQUIRES(mu);
  Result<std::int64_t> LastAlertEventId() REQUIRES(mu);
  Status AppendAlertEvents(std::span<const StoredAlertEvent> events) REQUIRES(mu);
  Status RecordSourceAlerts(std::string_view source, std::string_view state,
                            std::span<const StoredAlertEvent> events) REQUIRES(mu);
  Result<std::optional<std::string>> SourceAlertState(std::string_view source) REQUIRES(mu);
  // CommitCycle's probe_rtt and nsid_sighting rows (inside its transaction).
  Status WriteProbeRtts(const engine::CycleOutput& out) REQUIRES(mu);
  Result<std::vector<NsIpCycleVerdict>> NsIpVerdicts(const EntityId& entity, UnixSeconds from,
                                                     UnixSeconds to) REQUIRES(mu);
  Result<std::vector<bool>> CycleProbeOnline(TestKind test, UnixSeconds cycle) REQUIRES(mu);
  Result<std::vector<engine::Incident>> Incidents(const EntityId& entity, Service service)
      REQUIRES(mu);
  Result<std::vector<FalsePositiveChange>> FalsePositiveHistory(const EntityId& entity,
                                                                Service service) REQUIRES(mu);

  Result<std::uint64_t> ChangeGeneration() REQUIRES(mu);

  // ---- keyed records (sqlite_store_records.cc) ----
  // `configuration`: raise the change generation (WriteRecords) or not
  // (WriteDataRecords).
  Result<RecordWriteOutcome> WriteRecords(std::span<const RecordChange> changes,
                                          bool configuration) REQUIRES(mu);
  // Applies validated `changes` inside the caller's transaction.
  Status ApplyRecordChanges(std::span<const RecordChange> changes, RecordWriteOutcome& outcome)
      REQUIRES(mu);
  Result<std::optional<std::string>> GetRecord(std::string_view kind, std::string_view key)
      REQUIRES(mu);
  Result<std::vector<std::vector<KeyedRecord>>> ReadRecords(std::span<const RecordQuery> queries)
      REQUIRES(mu);

 private:
  struct EntityRow {
    std::int64_t row_id = 0;
    EntityConfig config;
    bool active = true;
  };

  // Raises the change generation by one; call inside the edit's write
  // transaction, right before its Commit (store.h ChangeGeneration).
  Status BumpChangeGeneration() REQUIRES(mu);

  // ---- caches (sqlite_store.cc) ----
  // Reloads every cache if another connection committed since the last look
  // (PRAGMA data_version); call first in every method, inside the write
  // transaction for writes so no other writer can slip in between.
  Status Refresh();
  Status LoadCaches();
  Status LoadParams();
  Status LoadEntityCache();
  Status LoadProbeCache();
  Status LoadDictionary();
  Status LoadCompacted();
  // The entity of a row id, or nullptr.
  const EntityId* EntityOfRow(std::int64_t row) const;
  // Known entity (active or removed) or nullptr.
  const EntityRow* FindEntity(const EntityId& id) const;
  Status WriteEntity(const EntityConfig& e, std::int64_t& row_id);
  // Keeps `e` as the version in force from its effective time
  // (sqlite_store_config_versions.cc; Store::EntityConfigAt).
  Status WriteConfigVersion(const EntityConfig& e, std::int64_t row_id);
  // Inserts or updates the probe row and replaces its addresses.
  Status WriteProbe(ProbeIndex index, const ProbeNode& p);

  // ---- reports (sqlite_store_reports.cc) ----
  using ReportBatchVisitor =
      std::function<Status(ProbeIndex probe, std::span<const BatchEntry> entries)>;
  // Calls `visit` for every uncompacted report_batch row of (test, cycle);
  // stops at the first error.
  Status ForEachReportBatch(TestKind test, UnixSeconds cycle, const ReportBatchVisitor& visit);
  // The records of one entity's compacted chunk (empty if there is none).
  Result<std::vector<ChunkRecord>> LoadChunk(TestKind test, UnixSeconds chunk_start,
                                             std::int64_t entity_row);
  Status CompactChunk(TestKind test, UnixSeconds chunk_start, CompactionOutcome& outcome);

  // ---- per-day storage counters (sqlite_store_storage.cc) ----
  // Adds `delta` (field by field; `day` is the key) to the day's row of
  // probe_data_day; call inside the write transaction that changed the data.
  Status AddDayStorage(const DayStorage& delta);
  // Fills probe_data_day from the stored reports if migration 5 asked for
  // it (probe_data_day_rebuild), in one transaction.
  Status RebuildDayStorageIfAsked();
  Status DecodeRow(std::int64_t entity_row, ProbeIndex probe, TestKind test, UnixSeconds cycle,
                   std::string_view body, std::vector<ProbeReport>& out) const;
  Status AppendChunkReports(std::int64_t entity_row, TestKind test, UnixSeconds cycle,
                            std::string_view blob, std::vector<ProbeReport>& out) const;

  // ---- engine state (sqlite_store_engine.cc) ----
  // Makes committed_ reflect the database (loading it once).
  Status EnsureCommitted();
  Result<std::optional<engine::EngineState>> ReadEngineState();
  Status WriteGlobals(const engine::EngineState& state);
  Status WriteProbeStates(const std::vector<engine::ProbeState>& before,
                          const std::vector<engine::ProbeState>& after);
  Status WriteEntityState(std::int64_t row, const engine::EntityState* before,
                          const engine::EntityState& after);
  Status WriteIncident(std::int64_t row, int service, std::size_t pos,
                       const engine::Incident& incident);
  // Writes every part of `after` that differs from committed_ (all of it if
  // nothing was committed) and reports which entities changed or vanished.
  Status WriteStateDiff(const engine::EngineState& after, std::vector<EntityId>& changed,
                        std::vector<EntityId>& removed);
  // After COMMIT: makes committed_ equal `after` by copying only what changed.
  void ApplyToCommitted(const engine::EngineState& after, const std::vector<EntityId>& changed,
                        const std::vector<EntityId>& removed);
  // Everything CommitCycle can reject before writing (see Store::CommitCycle).
  Status CheckCycle(const engine::CycleOutput& output, const engine::EngineState& state);

  std::unique_ptr<sqlite::SqliteDb> db_;
  std::int64_t data_version_ = -1;

  engine::SlaParams params_ = engine::SlaParams::Defaults();
  std::unordered_map<EntityId, EntityRow> entities_;  // every entity ever configured
  std::unordered_map<std::int64_t, EntityId> entity_of_row_;
  std::vector<ProbeRecord> probes_;  // indexed by ProbeIndex
  Dictionary dict_;
  std::set<std::pair<int, UnixSeconds>> compacted_;  // (test, chunk_start)

  // The EngineState as last committed (nullopt: none yet), valid once
  // committed_loaded_; lets CommitCycle write only what changed.
  std::optional<engine::EngineState> committed_;
  bool committed_loaded_ = false;
};

}  // namespace tldmon::store
