// SqliteStore: the default Store (DESIGN.md "Storage"): one database file in
// WAL mode, zero set-up. Pragmas and durability are documented in
// docs/formats/store-schema.md "SQLite settings":
//   journal_mode=WAL, synchronous=NORMAL — a committed transaction survives a
//   crash of the tldmon process; after an OS crash or power loss the last
//   transactions before it may be rolled back, never half-applied;
//   foreign_keys=ON, busy_timeout (Options), cache_size 64 MiB.
//
// Ownership and threads: the store owns its connection; every method is
// thread-safe (one internal mutex). One process should write engine results
// (the engine leader): the store keeps the last committed EngineState in
// memory to write only what changed. Other processes may share the file
// (e.g. `tldmon admin` changing configuration); a change they commit is
// noticed through SQLite's data_version and reloaded before the next call.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"
#include "store/table_copy.h"

namespace tldmon::store {

class SqliteStoreImpl;

class SqliteStore final : public Store {
 public:
  struct Options {
    // How long a call waits for another connection's write lock before
    // failing with Unavailable.
    int busy_timeout_ms = 5000;
    // Read an existing store without writing anything, not even the -shm
    // file or a migration (`tldmon admin status` on a directory it may not
    // write). Every mutating call then fails with FailedPrecondition; a
    // store whose schema is not exactly this binary's is refused.
    bool read_only = false;
  };

  // Opens or creates the database at `path` and migrates it to the newest
  // schema. IoError if the directory does not exist or the file is not a
  // usable database; FailedPrecondition if its schema is newer than this
  // binary's.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, Options options);
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path) {
    return Open(path, Options());
  }
  ~SqliteStore() override;

  Status PutSlaParams(const engine::SlaParams& params) override;
  Result<engine::SlaParams> LoadSlaParams() const override;
  Status PutEntities(std::span<const EntityConfig> entities) override;
  Status PutEntitiesWithRecords(std::span<const EntityConfig> entities,
                                std::span<const RecordChange> records) override;
  Status RemoveEntity(const EntityId& id) override;
  Result<std::vector<EntityConfig>> LoadEntities() const override;
  // Every entity ever configured with its row id, removed ones included,
  // ascending by row id: what `tldmon admin migrate` copies
  // (store/store_migration.h).
  Result<std::vector<EntityRowCopy>> EntityRows() const;
  Result<std::optional<EntityConfig>> EntityConfigAt(const EntityId& id,
                                                     UnixSeconds t) const override;
  Result<ProbeIndex> AddProbe(const ProbeNode& probe) override;
  Status UpdateProbe(ProbeIndex index, const ProbeNode& probe) override;
  Status SetProbeEnabled(ProbeIndex index, bool enabled) override;
  Result<std::vector<ProbeRecord>> LoadProbes() const override;

  Result<PutOutcome> PutReports(std::span<const ProbeReport> reports) override;
  Result<PutOutcome> PutReportsFirstWins(std::span<const ProbeReport> reports,
                                         std::vector<bool>* duplicate) override;
  Result<PutOutcome> PutProbeMinutes(UnixSeconds minute,
                                     std::span<const ProbeMinuteSample> samples) override;
  Result<CompactionOutcome> CompactDay(UnixSeconds day) override;
  Result<std::optional<UnixSeconds>> OldestRawDay() const override;
  Result<RetentionOutcome> DropProbeDataBefore(UnixSeconds before) override;
  Result<std::vector<DayStorage>> StorageByDay() const override;
  Result<std::vector<ProbeReport>> CycleReports(TestKind test, UnixSeconds cycle) const override;
  Result<std::vector<ProbeReport>> EntityCycleReports(const EntityId& entity, TestKind test,
                                                      UnixSeconds cycle) const override;
  Result<std::vector<ProbeMinuteSample>> ProbeMinutes(UnixSeconds minute) const override;

  Status CommitCycle(const engine::CycleOutput& output, const engine::EngineState& state) override;
  Status CommitFalsePositive(const FalsePositiveChange& change,
                             const engine::EntityState& entity_state) override;
  Result<engine::EngineState> LoadEngineState() const override;
  Result<std::vector<CycleVerdict>> Verdicts(const EntityId& entity, Service service,
                                             UnixSeconds from, UnixSeconds to) const override;
  Status ForEachNsIpRtt(const EntityId& entity, UnixSeconds from, UnixSeconds to,
                        const std::function<void(const NsIpRtt&)>& visit) const override;
  Status ForEachProbeRtt(const EntityId& entity, UnixSeconds from, UnixSeconds to,
                         const std::function<void(const ProbeCycleRtt&)>& visit) const override;
  Result<std::vector<NsidChange>> NsidChanges(const EntityId& entity,
                                              UnixSeconds to) const override;
  Status KeepMonthlyFigures(std::span<const MonthlyFiguresRow> rows) override;
  Status RecordAlerts(const engine::AlertTrackerState& state,
                      std::span<const StoredAlertEvent> events) override;
  Result<std::optional<engine::AlertTrackerState>> LoadAlertTracker() const override;
  Result<std::vector<StoredAlertEvent>> AlertEventsAfter(std::int64_t after,
                                                         std::size_t limit) const override;
  Result<std::int64_t> AlertCursor(std::string_view channel) const override;
  Status SetAlertCursor(std::string_view channel, std::int64_t delivered) override;
  Status RecordAlertDelivery(std::string_view channel, std::optional<std::int64_t> delivered_through,
                             std::span<const AlertDelivery> log) override;
  Result<std::vector<AlertDelivery>> AlertDeliveries(std::string_view channel,
                                                     std::size_t limit) const override;
  Result<std::int64_t> LastAlertEventId() const override;
  Status RecordSourceAlerts(std::string_view source, std::string_view state,
                            std::span<const StoredAlertEvent> events) override;
  Result<std::optional<std::string>> SourceAlertState(std::string_view source) const override;
  Result<std::vector<MonthlyFiguresRow>> KeptMonthlyFigures(const EntityId& entity) const override;
  Result<std::vector<NsIpCycleVerdict>> NsIpVerdicts(const EntityId& entity, UnixSeconds from,
                                                     UnixSeconds to) const override;
  Result<std::vector<bool>> CycleProbeOnline(TestKind test, UnixSeconds cycle) const override;
  Result<std::vector<engine::Incident>> Incidents(const EntityId& entity,
                                                  Service service) const override;
  Result<std::vector<FalsePositiveChange>> FalsePositiveHistory(const EntityId& entity,
                                                                Service service) const override;

  // Change generation: sqlite_store_generation.cc.
  Result<std::uint64_t> ChangeGeneration() const override;

  // Keyed records: sqlite_store_records.cc.
  Result<RecordWriteOutcome> WriteRecords(std::span<const RecordChange> changes) override;
  Result<RecordWriteOutcome> WriteDataRecords(std::span<const RecordChange> changes) override;
  Result<std::optional<std::string>> GetRecord(std::string_view kind,
                                               std::string_view key) const override;
  Result<std::vector<std::vector<KeyedRecord>>> ReadRecords(
      std::span<const RecordQuery> queries) const override;

 private:
  explicit SqliteStore(std::unique_ptr<SqliteStoreImpl> impl);
  std::unique_ptr<SqliteStoreImpl> impl_;
};

}  // namespace tldmon::store
