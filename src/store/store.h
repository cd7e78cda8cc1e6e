// Store: the one storage seam (DESIGN.md "Storage"). Everything tldmon keeps
// across restarts goes through this interface: configuration (SlaParams,
// entities, probes), probe data (reports, per-minute probe status inputs) and
// engine results (verdicts, the EngineState, the false-positive history), and
// opaque keyed records for the modules above it (access control, admin data).
//
// Implementations: SqliteStore (store/sqlite/sqlite_store.h) now, a
// PostgresStore later; both must pass the contract suite in
// store_contract_test.cc, which is the executable form of this contract.
//
// Error model (house rule 4): every method returns Status/Result and never
// throws. InvalidArgument = the caller's input is inconsistent (the message
// names the offending item); NotFound = unknown entity/probe; AlreadyExists =
// a different value for a key already stored; FailedPrecondition = the
// operation does not fit the stored state (e.g. a cycle committed twice);
// IoError/Unavailable = the database failed or is busy. A failed write
// changes nothing: every mutating method is one transaction.
//
// Thread-safety: implementations are thread-safe (calls may come from the
// engine thread and API threads at once); they serialize internally.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity_id.h"
#include "core/monitoring_config.h"
#include "core/probe_minute.h"
#include "core/probe_report.h"
#include "core/service.h"
#include "core/status.h"
#include "core/time.h"
#include "engine/alert_tracker.h"
#include "engine/engine.h"
#include "engine/engine_state.h"
#include "engine/sla_params.h"
#include "store/keyed_record.h"

namespace tldmon::store {

// Outcome of an idempotent batch write: how many items were new and how many
// were exact repeats of stored items (a repeat is not an error).
struct PutOutcome {
  std::size_t inserted = 0;
  std::size_t duplicates = 0;
  friend bool operator==(const PutOutcome&, const PutOutcome&) = default;
};

// A probe as configured. Its position in LoadProbes() is its ProbeIndex for
// ever: probes are appended, updated or disabled, never removed or renumbered.
struct ProbeRecord {
  ProbeNode node;
  bool enabled = true;
  friend bool operator==(const ProbeRecord&, const ProbeRecord&) = default;
};

// A stored per-cycle service verdict (ServiceVerdict carries no cycle).
struct CycleVerdict {
  UnixSeconds cycle = 0;  // cycle start
  engine::ServiceVerdict verdict;
};

// Store::NsIpVerdicts leaves verdict.udp/tcp empty: RTTs are kept apart
// (NsIpRtts), as only the dashboard reads them.
struct NsIpCycleVerdict {
  UnixSeconds cycle = 0;
  engine::NsIpVerdict verdict;
};

// The RTTs of one NS-IP in one DNS cycle (engine::NsIpVerdict::udp/tcp).
struct NsIpRtt {
  UnixSeconds cycle = 0;
  std::uint16_t ns = 0, ip = 0;
  engine::RttSummary udp, tcp;
  friend bool operator==(const NsIpRtt&, const NsIpRtt&) = default;
};

// One probe's RTTs over an entity's NS-IPs in one DNS cycle
// (engine::EntityProbeRtts).
struct ProbeCycleRtt {
  UnixSeconds cycle = 0;
  engine::ProbeRtt rtt;
  friend bool operator==(const ProbeCycleRtt&, const ProbeCycleRtt&) = default;
};

// A stored engine::NsidSighting (the entity is the query's).
struct NsidChange {
  UnixSeconds cycle = 0;
  std::uint16_t ns = 0, ip = 0;
  ProbeIndex probe = 0;
  std::string nsid;
  friend bool operator==(const NsidChange&, const NsidChange&) = default;
};

// An entity's monthly document as of the last cycle of a UTC month of one
// test kind (ingest/month_archive.h): the dashboard's past months. The
// store keeps the body as it is.
struct MonthlyFiguresRow {
  EntityId entity;
  UnixSeconds month = 0;  // MonthStart
  TestKind test = TestKind::kDns;
  std::string body;
  friend bool operator==(const MonthlyFiguresRow&, const MonthlyFiguresRow&) = default;
};

// The delivery log's bound (Store::RecordAlertDelivery).
inline constexpr std::int64_t kMaxAlertDeliveries = 100000;

// One alert event as the store keeps it (table alert_event): the durable
// queue the alert channels deliver from, in id order.
struct StoredAlertEvent {
  std::int64_t id = 0;  // assigned by RecordAlerts, ascending
  UnixSeconds cycle = 0;
  std::string fingerprint;
  bool firing = true;
  std::string body;     // JSON (docs/alerts.md)
  friend bool operator==(const StoredAlertEvent&, const StoredAlertEvent&) = default;
};

// One outcome of one alert event on one channel (table alert_delivery, the
// delivery log): "delivered", "muted" (not to be sent there: the entity's
// alert settings or a maintenance window) or "failed" (retried later).
struct AlertDelivery {
  std::int64_t id = 0;  // assigned by RecordAlertDelivery, ascending
  std::string channel;
  std::int64_t event_id = 0;
  UnixSeconds at = 0;
  std::string outcome;
  std::string detail;   // the receiver's answer, the mute reason, the error
  friend bool operator==(const AlertDelivery&, const AlertDelivery&) = default;
};

// One operator action on an incident's false-positive flag (slam-algorithms.md
// §7: "last setting wins"); the history of these is the audit trail.
struct FalsePositiveChange {
  EntityId entity;
  Service service = Service::kDns;
  std::string incident_id;  // "<startTime>.<eventId>" (mosapi-api.md §6.5)
  bool on = true;           // flag set (true) or cleared (false)
  UnixSeconds time = 0;     // when the operator changed it
  std::string who;          // operator account, non-empty
  friend bool operator==(const FalsePositiveChange&, const FalsePositiveChange&) = default;
};

struct CompactionOutcome {
  std::size_t reports = 0;  // reports moved from the recent form into chunks
  std::size_t chunks = 0;   // compressed chunks written
};

// The probe reports the store holds for one UTC day, in either form
// (`tldmon admin status`, docs/formats/store-schema.md "probe_data_day").
// Bytes are the encoded blobs (report batches; zstd frames of chunks),
// without the database's page and index overhead.
struct DayStorage {
  UnixSeconds day = 0;  // UTC midnight
  std::int64_t raw_reports = 0;
  std::int64_t raw_metrics = 0;
  std::int64_t raw_bytes = 0;
  std::int64_t compacted_reports = 0;
  std::int64_t compacted_metrics = 0;
  std::int64_t compacted_bytes = 0;
  friend bool operator==(const DayStorage&, const DayStorage&) = default;
};

struct RetentionOutcome {
  std::size_t days = 0;      // days whose probe data was deleted
  std::int64_t reports = 0;  // reports deleted (both forms)
};

// "<startTime>.<eventId>", the MoSAPI incidentID of an incident.
std::string IncidentIdOf(const engine::Incident& incident);

// The checks of Store::PutEntities every backend makes before it writes:
// each entity Validate()s, no id twice in one call.
Status ValidateEntityBatch(std::span<const EntityConfig> entities);

class Store {
 public:
  virtual ~Store() = default;

  // ---- Configuration -----------------------------------------------------

  // Replaces the deployment's SLA parameters; they must Validate().
  virtual Status PutSlaParams(const engine::SlaParams& params) = 0;
  // The stored parameters, or SlaParams::Defaults() if none were ever stored.
  virtual Result<engine::SlaParams> LoadSlaParams() const = 0;

  // Inserts or replaces entities (all-or-nothing). Each must Validate(); an id
  // twice in one call is InvalidArgument. Re-adding a removed entity revives
  // it with its old history.
  virtual Status PutEntities(std::span<const EntityConfig> entities) = 0;
  // PutEntities and WriteRecords(records) in one transaction, raising the
  // change generation once: an edit that adds an entity with its access
  // record (admin entity add) is stored whole or not at all.
  virtual Status PutEntitiesWithRecords(std::span<const EntityConfig> entities,
                                        std::span<const RecordChange> records) = 0;
  // Stops monitoring an entity; its stored history stays readable.
  // NotFound if the entity is unknown or already removed.
  virtual Status RemoveEntity(const EntityId& id) = 0;
  // The active entities, ascending by EntityId.
  virtual Result<std::vector<EntityConfig>> LoadEntities() const = 0;
  // The entity's configuration in force at `t` (a cycle start), active or
  // removed. PutEntities keeps every configuration as a version in force
  // from its effective time: its latest config_times entry (the change time,
  // slam-algorithms.md §5), or from the beginning when it has none; a put
  // with the same effective time replaces that version. nullopt when no
  // version is in force at `t` (before the first one, or an entity stored
  // before migration 5 and not put since). NotFound for an unknown entity.
  // ICANN renders each measurement with the configuration of its cycle
  // (mosapi-api.md §6.10); reports refer to name servers by the index they had then.
  virtual Result<std::optional<EntityConfig>> EntityConfigAt(const EntityId& id,
                                                             UnixSeconds t) const = 0;

  // Appends a probe (must Validate(); names are unique: AlreadyExists) and
  // returns its ProbeIndex, which never changes.
  virtual Result<ProbeIndex> AddProbe(const ProbeNode& probe) = 0;
  // Replaces the configuration of an existing probe (NotFound if out of range).
  virtual Status UpdateProbe(ProbeIndex index, const ProbeNode& probe) = 0;
  virtual Status SetProbeEnabled(ProbeIndex index, bool enabled) = 0;
  // Every probe ever added, indexed by ProbeIndex.
  virtual Result<std::vector<ProbeRecord>> LoadProbes() const = 0;

  // ---- Probe data --------------------------------------------------------

  // Stores probe reports, idempotent on (probe, entity, test, cycle): an equal
  // report already stored counts as a duplicate; a different one for the same
  // key fails the whole batch with AlreadyExists. The batch is all-or-nothing:
  // a report with an unknown/removed entity, a probe index out of range, a
  // cycle not aligned to its test's cycle length, a test of a service the
  // entity does not have enabled, or a metric target/IP index outside the
  // entity's configuration fails with InvalidArgument naming the report
  // ("report #3 (probe 7, ry/example, dns, cycle 1767225600): ...").
  virtual Result<PutOutcome> PutReports(std::span<const ProbeReport> reports) = 0;
  // As PutReports, but a report whose key is already stored counts as a
  // duplicate whether or not it is equal (the first copy wins: what a probe
  // re-measured after a crash cannot replace what it delivered before), and
  // `duplicate` (resized to reports.size()) says which reports were.
  // Probe ingest uses it to acknowledge every item on its own.
  virtual Result<PutOutcome> PutReportsFirstWins(std::span<const ProbeReport> reports,
                                                 std::vector<bool>* duplicate) = 0;

  // Stores the status inputs of the minute starting at `minute` (aligned to
  // 60 s), idempotent on (minute, probe) like PutReports.
  virtual Result<PutOutcome> PutProbeMinutes(UnixSeconds minute,
                                             std::span<const ProbeMinuteSample> samples) = 0;

  // Packs the reports of the UTC day starting at `day` (a midnight) into
  // compressed chunks. The day must be finished: some test kind's committed
  // last cycle must start at or after the next midnight (FailedPrecondition
  // otherwise). Idempotent and resumable; reports that arrive for a compacted
  // day later are still accepted and are packed by the next call. Reads never
  // see the difference.
  virtual Result<CompactionOutcome> CompactDay(UnixSeconds day) = 0;

  // The oldest UTC day that still has reports in the recent (uncompacted)
  // form, nullopt if none: the next candidate for CompactDay. A report that
  // arrives late for a compacted day makes that day a candidate again.
  virtual Result<std::optional<UnixSeconds>> OldestRawDay() const = 0;

  // Deletes the raw probe data — reports in both forms and probe minutes —
  // of every cycle before `before` (a UTC midnight), in one transaction:
  // the retention period (slam-algorithms.md §1: ICANN keeps probe results
  // 90 days). Verdicts, incidents, CycleProbeOnline and the engine state
  // stay, so every document but the measurement objects of those cycles is
  // unchanged. Only whole days the engine has finished are deleted:
  // `before` is lowered to the midnight at or before the oldest last
  // committed cycle of any test kind, and nothing is deleted before the
  // first CommitCycle. Days without probe data are no work.
  virtual Result<RetentionOutcome> DropProbeDataBefore(UnixSeconds before) = 0;

  // Per-day storage of probe reports, ascending by day; days holding none
  // are left out.
  virtual Result<std::vector<DayStorage>> StorageByDay() const = 0;

  // Reports of one (test, cycle) for all entities, ascending by (entity, probe).
  virtual Result<std::vector<ProbeReport>> CycleReports(TestKind test, UnixSeconds cycle) const = 0;
  // Reports of one (entity, test, cycle), ascending by probe.
  virtual Result<std::vector<ProbeReport>> EntityCycleReports(const EntityId& entity, TestKind test,
                                                              UnixSeconds cycle) const = 0;
  // Status inputs of one minute, ascending by probe.
  virtual Result<std::vector<ProbeMinuteSample>> ProbeMinutes(UnixSeconds minute) const = 0;

  // ---- Engine results ----------------------------------------------------

  // Commits one processed cycle in one transaction: the verdicts and NS-IP
  // verdicts of `output`, its probe_online flags, and `state` (the engine's
  // state right after processing the cycle; state.last_cycle[output.test]
  // must equal output.cycle). Either all of it lands or nothing does.
  // A cycle at or before the last committed one of its test kind is
  // FailedPrecondition. Verdicts for unknown entities, services of another
  // test kind, NS/IP indexes outside the entity's configuration, a verdict
  // twice, or state for unknown entities or probes are InvalidArgument.
  virtual Status CommitCycle(const engine::CycleOutput& output,
                             const engine::EngineState& state) = 0;

  // Records an operator's false-positive change together with the entity's
  // state after Engine::SetFalsePositive (atomically). The state must hold the
  // incident with the flag as changed; FailedPrecondition before any cycle
  // was committed.
  virtual Status CommitFalsePositive(const FalsePositiveChange& change,
                                     const engine::EntityState& entity_state) = 0;

  // Exactly the EngineState last committed (CommitCycle, CommitFalsePositive);
  // NotFound before the first CommitCycle.
  virtual Result<engine::EngineState> LoadEngineState() const = 0;

  // Verdicts of one (entity, service) with cycle start in [from, to),
  // ascending by cycle. NotFound for an entity never configured.
  virtual Result<std::vector<CycleVerdict>> Verdicts(const EntityId& entity, Service service,
                                                     UnixSeconds from, UnixSeconds to) const = 0;
  // NS-IP verdicts of one entity with cycle start in [from, to), ascending by
  // (cycle, ns, ip).
  virtual Result<std::vector<NsIpCycleVerdict>> NsIpVerdicts(const EntityId& entity,
                                                             UnixSeconds from,
                                                             UnixSeconds to) const = 0;
  // Hands `visit` the NS-IP RTTs CommitCycle stored for one entity with
  // cycle start in [from, to), ascending by (cycle, ns, ip); a pair without
  // an RTT in a cycle has none. A visitor, not a vector: a month of 8 pairs
  // is 345,600 of them, read for one chart (docs/dashboard.md). NotFound for
  // an entity never configured.
  virtual Status ForEachNsIpRtt(const EntityId& entity, UnixSeconds from, UnixSeconds to,
                                const std::function<void(const NsIpRtt&)>& visit) const = 0;
  // The same, collected (tests, small ranges).
  Result<std::vector<NsIpRtt>> NsIpRtts(const EntityId& entity, UnixSeconds from,
                                        UnixSeconds to) const;
  // The per-probe RTTs CommitCycle stored for one entity with cycle start
  // in [from, to), ascending by (cycle, probe). NotFound for an entity never
  // configured.
  virtual Status ForEachProbeRtt(const EntityId& entity, UnixSeconds from, UnixSeconds to,
                                 const std::function<void(const ProbeCycleRtt&)>& visit) const = 0;
  // The same, collected (tests, small ranges).
  Result<std::vector<ProbeCycleRtt>> ProbeRtts(const EntityId& entity, UnixSeconds from,
                                               UnixSeconds to) const;
  // Every NSID sighting of one entity with cycle start before `to`,
  // ascending by (cycle, ns, ip, probe): the history up to then, so a reader
  // knows which instance each probe saw when a range starts. NotFound for an
  // entity never configured.
  virtual Result<std::vector<NsidChange>> NsidChanges(const EntityId& entity,
                                                      UnixSeconds to) const = 0;
  // Keeps (or replaces) monthly documents, in one transaction. Engine data,
  // not configuration: the change generation does not move.
  // InvalidArgument for an unknown entity or a month that is not a month start.
  virtual Status KeepMonthlyFigures(std::span<const MonthlyFiguresRow> rows) = 0;
  // One entity's kept monthly documents, ascending by (month, test).
  // NotFound for an entity never configured.
  virtual Result<std::vector<MonthlyFiguresRow>> KeptMonthlyFigures(const EntityId& entity) const = 0;
  // ---- Alerts (issue 12) ----
  // Replaces the alert tracker's state and appends `events` (their ids are
  // ignored and assigned, ascending), in one transaction. Engine data: the
  // change generation does not move.
  virtual Status RecordAlerts(const engine::AlertTrackerState& state,
                              std::span<const StoredAlertEvent> events) = 0;
  // The last recorded tracker state; nullopt before the first RecordAlerts.
  virtual Result<std::optional<engine::AlertTrackerState>> LoadAlertTracker() const = 0;
  // Events with id > `after`, ascending, at most `limit`.
  virtual Result<std::vector<StoredAlertEvent>> AlertEventsAfter(std::int64_t after,
                                                                 std::size_t limit) const = 0;
  // A channel's delivery cursor: the last event id it is done with (0 for a
  // channel never seen). SetAlertCursor never moves a cursor back
  // (InvalidArgument), so a late writer cannot make a channel repeat.
  virtual Result<std::int64_t> AlertCursor(std::string_view channel) const = 0;
  virtual Status SetAlertCursor(std::string_view channel, std::int64_t delivered) = 0;
  // Appends `log` (ids assigned) and, when `delivered_through` is set, moves
  // `channel`'s cursor there (as SetAlertCursor), in one transaction: the
  // log never says "delivered" for an event the cursor did not pass. Keeps
  // the newest kMaxAlertDeliveries rows.
  virtual Status RecordAlertDelivery(std::string_view channel,
                                     std::optional<std::int64_t> delivered_through,
                                     std::span<const AlertDelivery> log) = 0;
  // The delivery log, newest first, at most `limit`; `channel` empty: all.
  virtual Result<std::vector<AlertDelivery>> AlertDeliveries(std::string_view channel,
                                                             std::size_t limit) const = 0;
  // The id of the newest alert event; 0 when there is none.
  virtual Result<std::int64_t> LastAlertEventId() const = 0;
  // An alert source other than the engine (`source`: "tlsa"): replaces its
  // opaque state and appends its events, in one transaction, as
  // RecordAlerts does for the engine's tracker.
  virtual Status RecordSourceAlerts(std::string_view source, std::string_view state,
                                    std::span<const StoredAlertEvent> events) = 0;
  // The state last recorded for `source`; nullopt before the first.
  virtual Result<std::optional<std::string>> SourceAlertState(std::string_view source) const = 0;
  // CycleOutput::probe_online of a committed cycle (NotFound if not committed).
  virtual Result<std::vector<bool>> CycleProbeOnline(TestKind test, UnixSeconds cycle) const = 0;
  // Incidents of one (entity, service) as last committed, ascending start.
  virtual Result<std::vector<engine::Incident>> Incidents(const EntityId& entity,
                                                          Service service) const = 0;
  // False-positive changes of one (entity, service), oldest first.
  virtual Result<std::vector<FalsePositiveChange>> FalsePositiveHistory(const EntityId& entity,
                                                                        Service service) const = 0;

  // ---- Change generation -------------------------------------------------

  // A counter that every configuration edit raises by one in the edit's own
  // transaction: PutSlaParams, PutEntities(WithRecords), RemoveEntity, AddProbe,
  // UpdateProbe, SetProbeEnabled, CommitFalsePositive and WriteRecords (keyed
  // records are the configuration of the modules above: accounts, access,
  // admin data). Probe data and CommitCycle do not raise it. So whoever reads
  // a new value also reads the whole edit, and a failed edit changes neither
  // (docs/operations.md "Several processes on one data directory": a running
  // serve polls it). 0 for a new store.
  virtual Result<std::uint64_t> ChangeGeneration() const = 0;

  // ---- Keyed records (store/keyed_record.h) ------------------------------
  // Opaque bytes under (kind, key) for modules the store must not know; they
  // never interact with the data above.

  // Applies `changes` in order in one transaction: all of them or none.
  // Anything ValidateRecordChanges rejects is InvalidArgument naming the
  // change, before anything is written.
  virtual Result<RecordWriteOutcome> WriteRecords(std::span<const RecordChange> changes) = 0;
  // The same for records that are data, not configuration (RRI uploads,
  // src/rri): one transaction, the same checks, but the change generation
  // stays, so that a registry's upload does not make every serve host
  // re-read its configuration (and does not make a concurrent admin edit
  // answer "the configuration has just changed").
  virtual Result<RecordWriteOutcome> WriteDataRecords(std::span<const RecordChange> changes) = 0;
  // The bytes of (kind, key); nullopt if there is no such record.
  virtual Result<std::optional<std::string>> GetRecord(std::string_view kind,
                                                       std::string_view key) const = 0;
  // For each query, its records ascending by key (bytewise), all read from
  // one consistent state: a concurrent WriteRecords is seen entirely or not
  // at all. InvalidArgument for an invalid kind or prefix.
  virtual Result<std::vector<std::vector<KeyedRecord>>> ReadRecords(
      std::span<const RecordQuery> queries) const = 0;

  // Conveniences over the three above (store.cc); each is one transaction.
  Status PutRecord(std::string_view kind, std::string_view key, std::string_view bytes);
  // NotFound if there is no such record.
  Status DeleteRecord(std::string_view kind, std::string_view key);
  Result<std::vector<KeyedRecord>> ListRecords(std::string_view kind,
                                               std::string_view key_prefix = {}) const;
  // Makes `records` the whole content of `kind`, atomically. A key twice is
  // InvalidArgument.
  Status ReplaceRecords(std::string_view kind, std::span<const KeyedRecord> records);
};

}  // namespace tldmon::store
