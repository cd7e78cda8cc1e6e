// PostgresStore: the Store on PostgreSQL, for several `serve` hosts sharing
// one database (issue 13; DESIGN.md "Several hosts"; ../shared/spec/scale.md).
// It passes the whole store contract suite, as SqliteStore does.
//
// Configuration reads go to the database: another host may change it at
// any time. Only what every report write and read needs is cached (the
// Catalog, keyed by the change generation, and the append-only dictionary).
// Writes, and reads that need the catalog, use the store's own connection
// under a mutex, as SqliteStore uses its one database handle; reads that
// need no more than an entity's row id use a pool of connections beside it
// (postgres/pg_pool.h), so the API's reads neither queue one by one nor
// wait for the engine's commit. Thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/thread_annotations.h"
#include "store/dictionary.h"
#include "store/postgres/leader_lease.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_pool.h"
#include "store/report_codec.h"
#include "store/store.h"
#include "store/table_copy.h"

namespace tldmon::store {

class PostgresStore final : public Store {
 public:
  // Connects (a libpq connection string or postgresql:// URI) and brings the
  // schema up to date (store/postgres/pg_migrations.h).
  //
  // `idle_in_transaction`: the server ends a transaction of this store's
  // connection that waits longer than this for its next statement. A
  // leader's cycle commit holds the lease row locked (the fence) until it
  // commits; if the leader is then paused or cut off, this is what frees
  // the row for the takeover. serve passes the lease ttl.
  //
  // `read_connections`: the pool of connections the reads that need no
  // store state use (postgres/pg_pool.h): results, records, reports of one
  // entity. They run side by side and never wait for the store's own
  // connection, which carries the writes.
  static Result<std::unique_ptr<PostgresStore>> Open(
      const std::string& conninfo,
      std::chrono::milliseconds idle_in_transaction = std::chrono::milliseconds(15000),
      std::size_t read_connections = kDefaultReadConnections);
  static constexpr std::size_t kDefaultReadConnections = 4;
  // How long a read waits for a pooled connection before Unavailable.
  static constexpr std::chrono::milliseconds kReadConnectionWait{5000};
  ~PostgresStore() override;

  // Fencing (issue 13): once set, every engine write (CommitCycle,
  // CommitFalsePositive) first renews `lease` for `epoch` inside its
  // transaction and rolls back if the lease is no longer this holder's, so
  // a stale leader can never write. The leader's elector sets it on taking
  // the lease and clears it on losing it. Without a fence (one host, admin
  // tools, tests) engine writes are unfenced; they still publish. A
  // follower sets epoch 0, which no lease ever has: its engine writes are
  // all refused. `lease` must outlive the store or the next call.
  void SetEngineFence(const postgres::LeaderLease* lease, std::int64_t epoch);
  // The read connections' use, for /metrics.
  postgres::PgPool::Stats ReadPoolStats() const { return reads_->stats(); }
  void ClearEngineFence();

  Status PutSlaParams(const engine::SlaParams& params) override;
  Result<engine::SlaParams> LoadSlaParams() const override;
  Status PutEntities(std::span<const EntityConfig> entities) override;
  Status PutEntitiesWithRecords(std::span<const EntityConfig> entities,
                                std::span<const RecordChange> records) override;
  Status RemoveEntity(const EntityId& id) override;
  Result<std::vector<EntityConfig>> LoadEntities() const override;
  Result<std::optional<EntityConfig>> EntityConfigAt(const EntityId& id,
                                                     UnixSeconds t) const override;
  Result<ProbeIndex> AddProbe(const ProbeNode& probe) override;
  Status UpdateProbe(ProbeIndex index, const ProbeNode& probe) override;
  Status SetProbeEnabled(ProbeIndex index, bool enabled) override;
  Result<std::vector<ProbeRecord>> LoadProbes() const override;

  // ---- Moving a SQLite installation here (`tldmon admin migrate`,
  // store/store_migration.h; postgres_store_import.cc) ----
  // What is copied: the parts re-encoded through the Store's types, and
  // the CopiedTables (store/table_copy.h) row for row.
  struct ImportSource {
    engine::SlaParams params = engine::SlaParams::Defaults();
    std::vector<ProbeRecord> probes;    // by ProbeIndex
    std::vector<EntityRowCopy> entities;
    std::optional<engine::EngineState> state;  // nullopt before the first cycle
    std::uint64_t change_generation = 0;
    // The UTC days of a partitioned table's rows (CopiedTable::day_column).
    std::function<Result<std::vector<UnixSeconds>>(const CopiedTable&)> days;
    // Hands every row of a table to the visitor, in any order.
    std::function<Status(const CopiedTable&, const RowVisitor&)> rows;
  };
  // Writes all of `source` in one transaction: on any failure nothing is
  // left but empty day partitions. FailedPrecondition naming a table if
  // this store holds anything already (a migration never merges). Entity
  // row ids are kept; the id sequences continue after the copied ids. The
  // publish generation rises, so followers already running reload.
  Status Import(const ImportSource& source);
  // Every row of `table`, ascending by its key (text keys bytewise, as
  // SQLite orders them), read through a cursor in pages.
  Status ReadTableRows(const CopiedTable& table, const RowVisitor& visit) const;
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
  Result<std::vector<NsIpCycleVerdict>> NsIpVerdicts(const EntityId& entity, UnixSeconds from,
                                                     UnixSeconds to) const override;
  Status ForEachNsIpRtt(const EntityId& entity, UnixSeconds from, UnixSeconds to,
                        const std::function<void(const NsIpRtt&)>& visit) const override;
  Status ForEachProbeRtt(const EntityId& entity, UnixSeconds from, UnixSeconds to,
                         const std::function<void(const ProbeCycleRtt&)>& visit) const override;
  Result<std::vector<NsidChange>> NsidChanges(const EntityId& entity,
                                              UnixSeconds to) const override;
  Status KeepMonthlyFigures(std::span<const MonthlyFiguresRow> rows) override;
  Result<std::vector<MonthlyFiguresRow>> KeptMonthlyFigures(const EntityId& entity) const override;
  Status RecordAlerts(const engine::AlertTrackerState& state,
                      std::span<const StoredAlertEvent> events) override;
  Result<std::optional<engine::AlertTrackerState>> LoadAlertTracker() const override;
  Result<std::vector<StoredAlertEvent>> AlertEventsAfter(std::int64_t after,
                                                         std::size_t limit) const override;
  Result<std::int64_t> AlertCursor(std::string_view channel) const override;
  Status SetAlertCursor(std::string_view channel, std::int64_t delivered) override;
  Status RecordAlertDelivery(std::string_view channel,
                             std::optional<std::int64_t> delivered_through,
                             std::span<const AlertDelivery> log) override;
  Result<std::vector<AlertDelivery>> AlertDeliveries(std::string_view channel,
                                                     std::size_t limit) const override;
  Result<std::int64_t> LastAlertEventId() const override;
  Status RecordSourceAlerts(std::string_view source, std::string_view state,
                            std::span<const StoredAlertEvent> events) override;
  Result<std::optional<std::string>> SourceAlertState(std::string_view source) const override;
  Result<std::vector<bool>> CycleProbeOnline(TestKind test, UnixSeconds cycle) const override;
  Result<std::vector<engine::Incident>> Incidents(const EntityId& entity,
                                                  Service service) const override;
  Result<std::vector<FalsePositiveChange>> FalsePositiveHistory(const EntityId& entity,
                                                                Service service) const override;
  Result<std::uint64_t> ChangeGeneration() const override;
  Result<RecordWriteOutcome> WriteRecords(std::span<const RecordChange> changes) override;
  Result<RecordWriteOutcome> WriteDataRecords(std::span<const RecordChange> changes) override;
  Result<std::optional<std::string>> GetRecord(std::string_view kind,
                                               std::string_view key) const override;
  Result<std::vector<std::vector<KeyedRecord>>> ReadRecords(
      std::span<const RecordQuery> queries) const override;

 private:
  PostgresStore(std::unique_ptr<postgres::PgConn> conn, std::unique_ptr<postgres::PgPool> reads);
  Status BumpChangeGeneration() REQUIRES(mu_);
  // The sla_param rows of `p` (inside the caller's transaction).
  Status WriteSlaParams(const engine::SlaParams& p) REQUIRES(mu_);
  // FailedPrecondition naming the first table that holds a row.
  Status CheckEmpty() REQUIRES(mu_);
  Status CopyTableIn(const CopiedTable& table, const ImportSource& source) REQUIRES(mu_);
  Status WriteEntity(const EntityConfig& e) REQUIRES(mu_);
  Status WriteProbe(ProbeIndex index, const ProbeNode& p) REQUIRES(mu_);
  Status ApplyRecordChanges(std::span<const RecordChange> changes, RecordWriteOutcome& outcome)
      REQUIRES(mu_);
  // WriteRecords (configuration: raises the change generation) and
  // WriteDataRecords (does not).
  Result<RecordWriteOutcome> WriteRecordsIn(std::span<const RecordChange> changes,
                                            bool configuration) EXCLUDES(mu_);
  Result<std::vector<ProbeRecord>> ReadProbes() const REQUIRES(mu_);
  // The entity's row id, active or removed; nullopt when unknown.
  Result<std::optional<std::int64_t>> EntityRowId(const EntityId& id) const REQUIRES(mu_);
  Status AppendAlertEvents(std::span<const StoredAlertEvent> events) REQUIRES(mu_);
  Result<std::int64_t> ReadAlertCursor(std::string_view channel) const REQUIRES(mu_);
  Status MoveAlertCursor(std::string_view channel, std::int64_t delivered) REQUIRES(mu_);

  // ---- probe data (postgres_store_catalog.cc, postgres_store_reports.cc) ----
  struct EntityRow {
    std::int64_t row_id = 0;
    EntityConfig config;
    bool active = true;
  };
  // What validating and decoding reports needs from the configuration,
  // reloaded when the change generation moves (another host may edit).
  struct Catalog {
    std::optional<std::uint64_t> generation;
    std::map<EntityId, EntityRow> by_id;
    std::unordered_map<std::int64_t, EntityId> by_row;
    std::size_t probe_count = 0;
    engine::SlaParams params;
  };
  Status RefreshCatalog() const REQUIRES(mu_);
  Result<engine::SlaParams> ReadSlaParams() const REQUIRES(mu_);
  // Appends dictionary rows another host wrote since this one last looked.
  Status LoadDictionaryTail() const REQUIRES(mu_);
  static Status LoadDictionaryTail(postgres::PgConn& c, Dictionary& dict);
  // Gives every text pending in dict_ a code in the database (its own
  // transaction, under an advisory lock) and commits them in dict_.
  Status InternPending() REQUIRES(mu_);
  // Creates the day partitions of report_batch (or report_chunk) that the
  // given cycles fall in, where missing.
  Status EnsurePartitions(const char* table, const std::set<UnixSeconds>& days) REQUIRES(mu_);
  // "report_batch_d20454": the partition of `table` for the UTC day
  // starting at `day` (days since 1970; "_m" for days before it), and back.
  static std::string PartitionName(const std::string& table, UnixSeconds day);
  static std::optional<UnixSeconds> PartitionDay(std::string_view table, std::string_view name);
  // Compacts one (test, chunk) in its own transaction, under the day's
  // exclusive advisory lock (report writes of that day hold it shared).
  Status CompactChunk(TestKind test, UnixSeconds chunk_start, CompactionOutcome& outcome)
      REQUIRES(mu_);
  // PutReportsLocked, again once after forgetting the known partitions if
  // a partition was missing.
  Result<PutOutcome> PutReportsRetrying(std::span<const ProbeReport> reports,
                                        std::vector<bool>* duplicate) REQUIRES(mu_);
  Result<PutOutcome> PutReportsLocked(std::span<const ProbeReport> reports,
                                      std::vector<bool>* duplicate) REQUIRES(mu_);
  static Result<bool> IsCompacted(postgres::PgConn& c, TestKind test, UnixSeconds chunk_start);
  static Result<std::vector<ChunkRecord>> LoadChunk(postgres::PgConn& c, TestKind test,
                                                    UnixSeconds chunk_start,
                                                    std::int64_t entity_row);
  Status DecodeInto(std::int64_t entity_row, ProbeIndex probe, TestKind test, UnixSeconds cycle,
                    std::string_view body, std::vector<ProbeReport>& out) const REQUIRES(mu_);
  using BatchVisitor = std::function<Status(ProbeIndex, std::span<const BatchEntry>)>;
  static Status ForEachReportBatch(postgres::PgConn& c, TestKind test, UnixSeconds cycle,
                                   const BatchVisitor& visit);
  Status AddDayStorage(const DayStorage& d) REQUIRES(mu_);

  // ---- engine results (postgres_store_engine.cc) ----
  // The configuration of an entity ever configured (removed ones too, as
  // SqliteStore's CommitCycle checks), or nullptr.
  const EntityConfig* AnyConfig(const EntityId& id) const REQUIRES(mu_);
  // The entity's row id; NotFound for an entity never configured.
  Result<std::int64_t> KnownRow(const EntityId& id) const REQUIRES(mu_);
  Result<std::array<UnixSeconds, kTestKindCount>> ReadLastCycles() const REQUIRES(mu_);
  // Reads entity_state into state_blobs_ (inside the caller's transaction).
  Status ReadStateBlobs() const REQUIRES(mu_);
  // First statements of an engine write transaction: the fence, then the
  // publish (which row-locks publish_state until the commit); reloads
  // state_blobs_ if another leader committed since this host last looked.
  // Returns the generation being published.
  Result<std::int64_t> StartEngineWrite() REQUIRES(mu_);
  // Writes the entity_state rows whose blob differs from state_blobs_;
  // `written` gets them, for the cache after COMMIT.
  Status WriteStateDiff(const engine::EngineState& state,
                        std::unordered_map<std::int64_t, std::string>& written,
                        std::vector<std::int64_t>& removed) REQUIRES(mu_);
  Status WriteCycleRows(const engine::CycleOutput& out) REQUIRES(mu_);
  Status WriteGlobals(const engine::EngineState& state) REQUIRES(mu_);
  // The (cycle, body) rows of ns_ip_rtt or probe_rtt for one entity in
  // [from, to), ascending; `decode` (store/rtt_codec.h) false: damaged.
  Status ForEachRttBody(const char* table, const EntityId& entity, UnixSeconds from, UnixSeconds to,
                        const std::function<bool(UnixSeconds, std::string_view)>& decode) const
      EXCLUDES(mu_);

  // ---- reads on pooled connections (postgres_store_reads.cc) ----
  // The entity's row id (rows are never deleted, so a cached id stays
  // true); NotFound for an entity never configured.
  Result<std::int64_t> ReadRowId(postgres::PgConn& c, const EntityId& id) const
      EXCLUDES(read_mu_);
  // Decodes one entity's report bodies with the read side's dictionary,
  // which catches up from `c` when a body holds a code it lacks.
  struct RawReport {
    ProbeIndex probe;
    std::string body;
  };
  Status DecodeRead(postgres::PgConn& c, const EntityId& entity, TestKind test, UnixSeconds cycle,
                    std::span<const RawReport> raw, std::vector<ProbeReport>& out) const
      EXCLUDES(read_mu_);

  std::unique_ptr<postgres::PgPool> reads_;
  mutable Mutex read_mu_;
  mutable std::map<EntityId, std::int64_t> read_rows_ GUARDED_BY(read_mu_);
  mutable Dictionary read_dict_ GUARDED_BY(read_mu_);

  mutable Mutex mu_;
  // The entity_state blobs as of publish generation state_generation_.
  mutable std::unordered_map<std::int64_t, std::string> state_blobs_ GUARDED_BY(mu_);
  mutable std::optional<std::int64_t> state_generation_ GUARDED_BY(mu_);
  const postgres::LeaderLease* fence_lease_ GUARDED_BY(mu_) = nullptr;
  std::int64_t fence_epoch_ GUARDED_BY(mu_) = 0;
  mutable Catalog catalog_ GUARDED_BY(mu_);
  mutable Dictionary dict_ GUARDED_BY(mu_);
  // Partitions known to exist, as (table, day).
  std::set<std::pair<std::string, UnixSeconds>> partitions_ GUARDED_BY(mu_);
  std::unique_ptr<postgres::PgConn> conn_ GUARDED_BY(mu_);
};

}  // namespace tldmon::store
