// SqliteStore: opening, pragmas, caches and configuration. See
// sqlite_store_impl.h for the split of the implementation.
#include "store/sqlite/sqlite_store.h"

#include <algorithm>

#include "store/sla_param_codec.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace tldmon::store {

using sqlite::Transaction;

namespace {

constexpr std::int64_t kFamilyIpv4 = 4;
constexpr std::int64_t kFamilyIpv6 = 6;

}  // namespace

// ---------------------------------------------------------------------------
// Public class: lock and forward.

SqliteStore::SqliteStore(std::unique_ptr<SqliteStoreImpl> impl) : impl_(std::move(impl)) {}
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, Options options) {
  Result<std::unique_ptr<sqlite::SqliteDb>> db =
      options.read_only ? sqlite::SqliteDb::OpenReadOnly(path, options.busy_timeout_ms)
                        : sqlite::SqliteDb::Open(path, options.busy_timeout_ms);
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<SqliteStoreImpl>(std::move(db).value());
  TLDMON_RETURN_IF_ERROR(options.read_only ? impl->InitReadOnly() : impl->Init());
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(impl)));
}

#define TLDMON_LOCKED(call)  \
  MutexLock lock(impl_->mu); \
  return impl_->call

Status SqliteStore::PutSlaParams(const engine::SlaParams& p) { TLDMON_LOCKED(PutSlaParams(p)); }
Result<engine::SlaParams> SqliteStore::LoadSlaParams() const { TLDMON_LOCKED(LoadSlaParams()); }
Status SqliteStore::PutEntities(std::span<const EntityConfig> e) { TLDMON_LOCKED(PutEntities(e)); }
Status SqliteStore::PutEntitiesWithRecords(std::span<const EntityConfig> e,
                                           std::span<const RecordChange> r) {
  TLDMON_LOCKED(PutEntities(e, r));
}
Status SqliteStore::RemoveEntity(const EntityId& id) { TLDMON_LOCKED(RemoveEntity(id)); }
Result<std::vector<EntityConfig>> SqliteStore::LoadEntities() const {
  TLDMON_LOCKED(LoadEntities());
}

Result<std::vector<EntityRowCopy>> SqliteStore::EntityRows() const {
  TLDMON_LOCKED(EntityRows());
}
Result<std::optional<EntityConfig>> SqliteStore::EntityConfigAt(const EntityId& id,
                                                                UnixSeconds t) const {
  TLDMON_LOCKED(EntityConfigAt(id, t));
}
Result<ProbeIndex> SqliteStore::AddProbe(const ProbeNode& p) { TLDMON_LOCKED(AddProbe(p)); }
Status SqliteStore::UpdateProbe(ProbeIndex i, const ProbeNode& p) {
  TLDMON_LOCKED(UpdateProbe(i, p));
}
Status SqliteStore::SetProbeEnabled(ProbeIndex i, bool on) {
  TLDMON_LOCKED(SetProbeEnabled(i, on));
}
Result<std::vector<ProbeRecord>> SqliteStore::LoadProbes() const { TLDMON_LOCKED(LoadProbes()); }
Result<PutOutcome> SqliteStore::PutReports(std::span<const ProbeReport> r) {
  TLDMON_LOCKED(PutReports(r));
}
Result<PutOutcome> SqliteStore::PutReportsFirstWins(std::span<const ProbeReport> r,
                                                    std::vector<bool>* duplicate) {
  std::vector<bool> scratch;
  TLDMON_LOCKED(PutReports(r, duplicate != nullptr ? duplicate : &scratch));
}
Result<PutOutcome> SqliteStore::PutProbeMinutes(UnixSeconds minute,
                                                std::span<const ProbeMinuteSample> s) {
  TLDMON_LOCKED(PutProbeMinutes(minute, s));
}
Result<CompactionOutcome> SqliteStore::CompactDay(UnixSeconds day) {
  TLDMON_LOCKED(CompactDay(day));
}
Result<std::optional<UnixSeconds>> SqliteStore::OldestRawDay() const {
  TLDMON_LOCKED(OldestRawDay());
}
Result<RetentionOutcome> SqliteStore::DropProbeDataBefore(UnixSeconds before) {
  TLDMON_LOCKED(DropProbeDataBefore(before));
}
Result<std::vector<DayStorage>> SqliteStore::StorageByDay() const { TLDMON_LOCKED(StorageByDay()); }
Result<std::vector<ProbeReport>> SqliteStore::CycleReports(TestKind t, UnixSeconds c) const {
  TLDMON_LOCKED(CycleReports(t, c));
}
Result<std::vector<ProbeReport>> SqliteStore::EntityCycleReports(const EntityId& e, TestKind t,
                                                                 UnixSeconds c) const {
  TLDMON_LOCKED(EntityCycleReports(e, t, c));
}
Result<std::vector<ProbeMinuteSample>> SqliteStore::ProbeMinutes(UnixSeconds m) const {
  TLDMON_LOCKED(ProbeMinutes(m));
}
Status SqliteStore::CommitCycle(const engine::CycleOutput& o, const engine::EngineState& s) {
  TLDMON_LOCKED(CommitCycle(o, s));
}
Status SqliteStore::CommitFalsePositive(const FalsePositiveChange& c,
                                        const engine::EntityState& s) {
  TLDMON_LOCKED(CommitFalsePositive(c, s));
}
Result<engine::EngineState> SqliteStore::LoadEngineState() const {
  TLDMON_LOCKED(LoadEngineState());
}
Result<std::vector<CycleVerdict>> SqliteStore::Verdicts(const EntityId& e, Service s,
                                                        UnixSeconds from, UnixSeconds to) const {
  TLDMON_LOCKED(Verdicts(e, s, from, to));
}
Status SqliteStore::ForEachNsIpRtt(const EntityId& e, UnixSeconds from, UnixSeconds to,
                                   const std::function<void(const NsIpRtt&)>& visit) const {
  TLDMON_LOCKED(ForEachNsIpRtt(e, from, to, visit));
}
Status SqliteStore::ForEachProbeRtt(const EntityId& e, UnixSeconds from, UnixSeconds to,
                                    const std::function<void(const ProbeCycleRtt&)>& visit) const {
  TLDMON_LOCKED(ForEachProbeRtt(e, from, to, visit));
}
Result<std::vector<NsidChange>> SqliteStore::NsidChanges(const EntityId& e, UnixSeconds to) const {
  TLDMON_LOCKED(NsidChanges(e, to));
}
Status SqliteStore::RecordAlerts(const engine::AlertTrackerState& state,
                                 std::span<const StoredAlertEvent> events) {
  TLDMON_LOCKED(RecordAlerts(state, events));
}
Result<std::optional<engine::AlertTrackerState>> SqliteStore::LoadAlertTracker() const {
  TLDMON_LOCKED(LoadAlertTracker());
}
Result<std::vector<StoredAlertEvent>> SqliteStore::AlertEventsAfter(std::int64_t after,
                                                                   std::size_t limit) const {
  TLDMON_LOCKED(AlertEventsAfter(after, limit));
}
Result<std::int64_t> SqliteStore::AlertCursor(std::string_view channel) const {
  TLDMON_LOCKED(AlertCursor(channel));
}
Status SqliteStore::SetAlertCursor(std::string_view channel, std::int64_t delivered) {
  TLDMON_LOCKED(SetAlertCursor(channel, delivered));
}
Status SqliteStore::RecordAlertDelivery(std::string_view channel,
                                        std::optional<std::int64_t> delivered_through,
                                        std::span<const AlertDelivery> log) {
  TLDMON_LOCKED(RecordAlertDelivery(channel, delivered_through, log));
}
Result<std::vector<AlertDelivery>> SqliteStore::AlertDeliveries(std::string_view channel,
                                                                std::size_t limit) const {
  TLDMON_LOCKED(AlertDeliveries(channel, limit));
}
Result<std::int64_t> SqliteStore::LastAlertEventId() const { TLDMON_LOCKED(LastAlertEventId()); }
Status SqliteStore::RecordSourceAlerts(std::string_view source, std::string_view state,
                                       std::span<const StoredAlertEvent> events) {
  TLDMON_LOCKED(RecordSourceAlerts(source, state, events));
}
Result<std::optional<std::string>> SqliteStore::SourceAlertState(std::string_view source) const {
  TLDMON_LOCKED(SourceAlertState(source));
}
Status SqliteStore::KeepMonthlyFigures(std::span<const MonthlyFiguresRow> rows) {
  TLDMON_LOCKED(KeepMonthlyFigures(rows));
}
Result<std::vector<MonthlyFiguresRow>> SqliteStore::KeptMonthlyFigures(const EntityId& e) const {
  TLDMON_LOCKED(KeptMonthlyFigures(e));
}

Result<std::vector<NsIpCycleVerdict>> SqliteStore::NsIpVerdicts(const EntityId& e, UnixSeconds from,
                                                                UnixSeconds to) const {
  TLDMON_LOCKED(NsIpVerdicts(e, from, to));
}
Result<std::vector<bool>> SqliteStore::CycleProbeOnline(TestKind t, UnixSeconds c) const {
  TLDMON_LOCKED(CycleProbeOnline(t, c));
}
Result<std::vector<engine::Incident>> SqliteStore::Incidents(const EntityId& e, Service s) const {
  TLDMON_LOCKED(Incidents(e, s));
}
Result<std::vector<FalsePositiveChange>> SqliteStore::FalsePositiveHistory(const EntityId& e,
                                                                           Service s) const {
  TLDMON_LOCKED(FalsePositiveHistory(e, s));
}

#undef TLDMON_LOCKED

// ---------------------------------------------------------------------------
// Opening and caches.

Status SqliteStoreImpl::Init() {
  // WAL: readers never block the writer and vice versa; one file plus its
  // -wal/-shm companions. synchronous=NORMAL is safe in WAL against process
  // crashes (docs/formats/store-schema.md "Durability").
  Result<std::string> mode = db_->QueryText("PRAGMA journal_mode=WAL");
  if (!mode.ok()) {
    return IoError("cannot use '" + db_->path() + "' as a store: " + mode.status().message());
  }
  if (*mode != "wal")
    return IoError("cannot switch '" + db_->path() + "' to WAL mode (journal_mode is " + *mode +
                   ")");
  TLDMON_RETURN_IF_ERROR(
      db_->Exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;"
                " PRAGMA temp_store=MEMORY"));
  Result<std::string> fk = db_->QueryText("PRAGMA foreign_keys");
  if (!fk.ok()) return fk.status();
  if (*fk != "1") return Internal("this SQLite build cannot enforce foreign keys");
  Result<int> migrated = sqlite::Migrate(*db_);
  if (!migrated.ok()) return migrated.status();
  TLDMON_RETURN_IF_ERROR(Refresh());
  return RebuildDayStorageIfAsked();
}

Status SqliteStoreImpl::InitReadOnly() {
  Result<int> version = sqlite::SchemaVersion(*db_);
  if (!version.ok()) return version.status();
  if (*version != sqlite::LatestSchemaVersion())
    return FailedPrecondition(
        "store '" + db_->path() + "' has schema version " + std::to_string(*version) +
        ", not the " + std::to_string(sqlite::LatestSchemaVersion()) +
        " this tldmon reads without writing; " +
        (*version < sqlite::LatestSchemaVersion()
             ? "open it once with write access (tldmon serve, or any tldmon admin change) to "
               "upgrade it"
             : "use a newer tldmon"));
  return Refresh();
}

Status SqliteStoreImpl::Refresh() {
  Result<std::string> v = db_->QueryText("PRAGMA data_version");
  if (!v.ok()) return v.status();
  const std::int64_t version = std::stoll(*v);
  if (version == data_version_) return Status::Ok();
  TLDMON_RETURN_IF_ERROR(LoadCaches());
  data_version_ = version;
  return Status::Ok();
}

Status SqliteStoreImpl::LoadCaches() {
  committed_.reset();
  committed_loaded_ = false;
  TLDMON_RETURN_IF_ERROR(LoadParams());
  TLDMON_RETURN_IF_ERROR(LoadEntityCache());
  TLDMON_RETURN_IF_ERROR(LoadProbeCache());
  TLDMON_RETURN_IF_ERROR(LoadDictionary());
  return LoadCompacted();
}

Status SqliteStoreImpl::LoadParams() {
  engine::SlaParams p = engine::SlaParams::Defaults();
  TLDMON_SQLITE_STMT(st, *db_, "SELECT name, value FROM sla_param");
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::variant<std::int64_t, double> value;
    if (st.Type(1) == SQLITE_INTEGER) {
      value = st.Int(1);
    } else {
      value = st.Real(1);
    }
    Status s = ApplySlaParam(p, st.Text(0), value);
    // An unknown name can only come from a newer tldmon sharing the file;
    // its default applies here.
    if (!s.ok() && s.code() != StatusCode::kNotFound) return Internal("stored " + s.message());
  }
  params_ = p;
  return Status::Ok();
}

Status SqliteStoreImpl::LoadEntityCache() {
  entities_.clear();
  entity_of_row_.clear();
  std::unordered_map<std::int64_t, EntityRow*> by_row;
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT id, kind, name, active, cctld, enabled, dnssec, test_prefix,"
                       " rdds43_server, rdds80_url, rdap_base_url, test_domain, min_ns_initial"
                       " FROM entity");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      EntityRow e;
      e.row_id = st.Int(0);
      e.config.id.kind = st.Int(1) == 1 ? EntityKind::kRegistrar : EntityKind::kRegistry;
      e.config.id.id = std::string(st.Text(2));
      e.active = st.Int(3) != 0;
      e.config.cctld = st.Int(4) != 0;
      e.config.enabled = std::bitset<kServiceCount>(static_cast<unsigned long long>(st.Int(5)));
      e.config.dnssec = st.Int(6) != 0;
      e.config.test_prefix = std::string(st.Text(7));
      e.config.rdds43_server = std::string(st.Text(8));
      e.config.rdds80_url = std::string(st.Text(9));
      e.config.rdap_base_url = std::string(st.Text(10));
      e.config.test_domain = std::string(st.Text(11));
      e.config.min_ns.initial = static_cast<int>(st.Int(12));
      const EntityId id = e.config.id;
      auto [it, inserted] = entities_.emplace(id, std::move(e));
      if (!inserted) return Internal("entity " + id.Path() + " stored twice");
      by_row[it->second.row_id] = &it->second;
      entity_of_row_.emplace(it->second.row_id, id);
    }
  }
  // Child lists come back in key order, so positions arrive ascending; a gap
  // would mean a damaged database.
  auto entity_at = [&](std::int64_t row) -> EntityConfig* {
    auto it = by_row.find(row);
    return it == by_row.end() ? nullptr : &it->second->config;
  };
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT entity_id, ns_pos, name FROM entity_name_server"
                       " ORDER BY entity_id, ns_pos");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      EntityConfig* e = entity_at(st.Int(0));
      if (e == nullptr || st.Int(1) != static_cast<std::int64_t>(e->name_servers.size()))
        return Internal("damaged entity_name_server table");
      e->name_servers.push_back({std::string(st.Text(2)), {}});
    }
  }
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT entity_id, ns_pos, ip_pos, ip FROM entity_ns_ip"
                       " ORDER BY entity_id, ns_pos, ip_pos");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      EntityConfig* e = entity_at(st.Int(0));
      const std::int64_t ns = st.Int(1);
      if (e == nullptr || ns < 0 || ns >= static_cast<std::int64_t>(e->name_servers.size()) ||
          st.Int(2) !=
              static_cast<std::int64_t>(e->name_servers[static_cast<std::size_t>(ns)].ips.size()))
        return Internal("damaged entity_ns_ip table");
      e->name_servers[static_cast<std::size_t>(ns)].ips.emplace_back(st.Text(3));
    }
  }
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT entity_id, pos, at, min_ns FROM entity_min_ns_switch"
                       " ORDER BY entity_id, pos");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      EntityConfig* e = entity_at(st.Int(0));
      if (e == nullptr || st.Int(1) != static_cast<std::int64_t>(e->min_ns.switches.size()))
        return Internal("damaged entity_min_ns_switch table");
      e->min_ns.switches.emplace_back(st.Int(2), static_cast<int>(st.Int(3)));
    }
  }
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT entity_id, pos, at FROM entity_config_time ORDER BY entity_id, pos");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      EntityConfig* e = entity_at(st.Int(0));
      if (e == nullptr || st.Int(1) != static_cast<std::int64_t>(e->config_times.size()))
        return Internal("damaged entity_config_time table");
      e->config_times.push_back(st.Int(2));
    }
  }
  return Status::Ok();
}

Status SqliteStoreImpl::LoadProbeCache() {
  probes_.clear();
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT idx, name, enabled, ipv4, ipv6, rdds, rdap FROM probe ORDER BY idx");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (st.Int(0) != static_cast<std::int64_t>(probes_.size()))
        return Internal("damaged probe table: indexes must be dense");
      ProbeRecord p;
      p.node.name = std::string(st.Text(1));
      p.enabled = st.Int(2) != 0;
      p.node.ipv4 = st.Int(3) != 0;
      p.node.ipv6 = st.Int(4) != 0;
      p.node.rdds = st.Int(5) != 0;
      p.node.rdap = st.Int(6) != 0;
      probes_.push_back(std::move(p));
    }
  }
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT probe_idx, family, address FROM probe_address"
                     " ORDER BY probe_idx, family, pos");
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const std::int64_t idx = st.Int(0);
    if (idx < 0 || idx >= static_cast<std::int64_t>(probes_.size()))
      return Internal("damaged probe_address table");
    ProbeNode& n = probes_[static_cast<std::size_t>(idx)].node;
    (st.Int(1) == kFamilyIpv6 ? n.ipv6_addresses : n.ipv4_addresses).emplace_back(st.Text(2));
  }
  return Status::Ok();
}

Status SqliteStoreImpl::LoadDictionary() {
  dict_.Clear();
  TLDMON_SQLITE_STMT(st, *db_, "SELECT id, text FROM dict ORDER BY id");
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (!dict_.LoadStored(static_cast<std::uint64_t>(st.Int(0)), std::string(st.Text(1))))
      return Internal("damaged dict table: codes must be dense and texts unique");
  }
  return Status::Ok();
}

Status SqliteStoreImpl::LoadCompacted() {
  compacted_.clear();
  TLDMON_SQLITE_STMT(st, *db_, "SELECT test, chunk_start FROM compacted_chunk");
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    compacted_.emplace(static_cast<int>(st.Int(0)), st.Int(1));
  }
  return Status::Ok();
}

const EntityId* SqliteStoreImpl::EntityOfRow(std::int64_t row) const {
  auto it = entity_of_row_.find(row);
  return it == entity_of_row_.end() ? nullptr : &it->second;
}

const SqliteStoreImpl::EntityRow* SqliteStoreImpl::FindEntity(const EntityId& id) const {
  auto it = entities_.find(id);
  return it == entities_.end() ? nullptr : &it->second;
}

// ---------------------------------------------------------------------------
// SLA parameters.

Status SqliteStoreImpl::PutSlaParams(const engine::SlaParams& p) {
  TLDMON_RETURN_IF_ERROR(p.Validate());
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(Refresh());
  TLDMON_SQLITE_STMT(st, *db_,
                     "INSERT INTO sla_param (name, value) VALUES (?1, ?2)"
                     " ON CONFLICT (name) DO UPDATE SET value = excluded.value");
  const std::vector<SlaParamValue> values = FlattenSlaParams(p);
  for (const SlaParamValue& v : values) {
    st.Bind(1, v.name);
    if (const auto* i = std::get_if<std::int64_t>(&v.value)) {
      st.Bind(2, *i);
    } else {
      st.Bind(2, std::get<double>(v.value));
    }
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  params_ = p;
  return Status::Ok();
}

Result<engine::SlaParams> SqliteStoreImpl::LoadSlaParams() {
  TLDMON_RETURN_IF_ERROR(Refresh());
  return params_;
}

// ---------------------------------------------------------------------------
// Entities.

Status SqliteStoreImpl::WriteEntity(const EntityConfig& e, std::int64_t& row_id) {
  {
    TLDMON_SQLITE_STMT(
        st, *db_,
        "INSERT INTO entity (kind, name, active, cctld, enabled, dnssec, test_prefix,"
        " rdds43_server, rdds80_url, rdap_base_url, test_domain, min_ns_initial)"
        " VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        " ON CONFLICT (kind, name) DO UPDATE SET active = 1, cctld = excluded.cctld,"
        " enabled = excluded.enabled, dnssec = excluded.dnssec,"
        " test_prefix = excluded.test_prefix, rdds43_server = excluded.rdds43_server,"
        " rdds80_url = excluded.rdds80_url, rdap_base_url = excluded.rdap_base_url,"
        " test_domain = excluded.test_domain, min_ns_initial = excluded.min_ns_initial"
        " RETURNING id");
    st.Bind(1, static_cast<std::int64_t>(e.id.kind))
        .Bind(2, e.id.id)
        .Bind(3, static_cast<std::int64_t>(e.cctld))
        .Bind(4, static_cast<std::int64_t>(e.enabled.to_ullong()))
        .Bind(5, static_cast<std::int64_t>(e.dnssec))
        .Bind(6, e.test_prefix)
        .Bind(7, e.rdds43_server)
        .Bind(8, e.rdds80_url)
        .Bind(9, e.rdap_base_url)
        .Bind(10, e.test_domain)
        .Bind(11, static_cast<std::int64_t>(e.min_ns.initial));
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Internal("entity upsert returned no id");
    row_id = st.Int(0);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  for (const char* sql : {"DELETE FROM entity_name_server WHERE entity_id = ?1",
                          "DELETE FROM entity_min_ns_switch WHERE entity_id = ?1",
                          "DELETE FROM entity_config_time WHERE entity_id = ?1"}) {
    TLDMON_SQLITE_STMT(del, *db_, sql);
    del.Bind(1, row_id);
    TLDMON_RETURN_IF_ERROR(del.Run());
  }
  for (std::size_t n = 0; n < e.name_servers.size(); ++n) {
    {
      TLDMON_SQLITE_STMT(
          st, *db_, "INSERT INTO entity_name_server (entity_id, ns_pos, name) VALUES (?1, ?2, ?3)");
      st.Bind(1, row_id).Bind(2, static_cast<std::int64_t>(n)).Bind(3, e.name_servers[n].name);
      TLDMON_RETURN_IF_ERROR(st.Run());
    }
    for (std::size_t i = 0; i < e.name_servers[n].ips.size(); ++i) {
      TLDMON_SQLITE_STMT(st, *db_,
                         "INSERT INTO entity_ns_ip (entity_id, ns_pos, ip_pos, ip)"
                         " VALUES (?1, ?2, ?3, ?4)");
      st.Bind(1, row_id)
          .Bind(2, static_cast<std::int64_t>(n))
          .Bind(3, static_cast<std::int64_t>(i))
          .Bind(4, e.name_servers[n].ips[i]);
      TLDMON_RETURN_IF_ERROR(st.Run());
    }
  }
  for (std::size_t i = 0; i < e.min_ns.switches.size(); ++i) {
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO entity_min_ns_switch (entity_id, pos, at, min_ns)"
                       " VALUES (?1, ?2, ?3, ?4)");
    st.Bind(1, row_id)
        .Bind(2, static_cast<std::int64_t>(i))
        .Bind(3, static_cast<std::int64_t>(e.min_ns.switches[i].first))
        .Bind(4, static_cast<std::int64_t>(e.min_ns.switches[i].second));
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  for (std::size_t i = 0; i < e.config_times.size(); ++i) {
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO entity_config_time (entity_id, pos, at) VALUES (?1, ?2, ?3)");
    st.Bind(1, row_id)
        .Bind(2, static_cast<std::int64_t>(i))
        .Bind(3, static_cast<std::int64_t>(e.config_times[i]));
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  return Status::Ok();
}

Status SqliteStoreImpl::PutEntities(std::span<const EntityConfig> entities,
                                    std::span<const RecordChange> records) {
  TLDMON_RETURN_IF_ERROR(ValidateEntityBatch(entities));
  TLDMON_RETURN_IF_ERROR(ValidateRecordChanges(records));
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(Refresh());
  std::vector<std::int64_t> rows(entities.size());
  for (std::size_t i = 0; i < entities.size(); ++i) {
    TLDMON_RETURN_IF_ERROR(WriteEntity(entities[i], rows[i]));
    TLDMON_RETURN_IF_ERROR(WriteConfigVersion(entities[i], rows[i]));
  }
  RecordWriteOutcome outcome;
  TLDMON_RETURN_IF_ERROR(ApplyRecordChanges(records, outcome));
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  for (std::size_t i = 0; i < entities.size(); ++i) {
    entities_[entities[i].id] = EntityRow{rows[i], entities[i], true};
    entity_of_row_[rows[i]] = entities[i].id;
  }
  return Status::Ok();
}

Status SqliteStoreImpl::RemoveEntity(const EntityId& id) {
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(Refresh());
  auto it = entities_.find(id);
  if (it == entities_.end() || !it->second.active) return NotFound("no active entity " + id.Path());
  TLDMON_SQLITE_STMT(st, *db_, "UPDATE entity SET active = 0 WHERE id = ?1");
  st.Bind(1, it->second.row_id);
  TLDMON_RETURN_IF_ERROR(st.Run());
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  it->second.active = false;
  return Status::Ok();
}

Result<std::vector<EntityConfig>> SqliteStoreImpl::LoadEntities() {
  TLDMON_RETURN_IF_ERROR(Refresh());
  std::vector<EntityConfig> out;
  for (const auto& [id, row] : entities_)
    if (row.active) out.push_back(row.config);
  std::sort(out.begin(), out.end(),
            [](const EntityConfig& a, const EntityConfig& b) { return a.id < b.id; });
  return out;
}

Result<std::vector<EntityRowCopy>> SqliteStoreImpl::EntityRows() {
  TLDMON_RETURN_IF_ERROR(Refresh());
  std::vector<EntityRowCopy> out;
  for (const auto& [id, row] : entities_) out.push_back({row.row_id, row.config, row.active});
  std::sort(out.begin(), out.end(),
            [](const EntityRowCopy& a, const EntityRowCopy& b) { return a.row < b.row; });
  return out;
}

// ---------------------------------------------------------------------------
// Probes.

Status SqliteStoreImpl::WriteProbe(ProbeIndex index, const ProbeNode& p) {
  {
    // An upsert: a new probe starts enabled; an update keeps its enabled flag.
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO probe (idx, name, enabled, ipv4, ipv6, rdds, rdap)"
                       " VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6)"
                       " ON CONFLICT (idx) DO UPDATE SET name = excluded.name,"
                       " ipv4 = excluded.ipv4, ipv6 = excluded.ipv6,"
                       " rdds = excluded.rdds, rdap = excluded.rdap");
    st.Bind(1, static_cast<std::int64_t>(index))
        .Bind(2, p.name)
        .Bind(3, static_cast<std::int64_t>(p.ipv4))
        .Bind(4, static_cast<std::int64_t>(p.ipv6))
        .Bind(5, static_cast<std::int64_t>(p.rdds))
        .Bind(6, static_cast<std::int64_t>(p.rdap));
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  {
    TLDMON_SQLITE_STMT(del, *db_, "DELETE FROM probe_address WHERE probe_idx = ?1");
    del.Bind(1, static_cast<std::int64_t>(index));
    TLDMON_RETURN_IF_ERROR(del.Run());
  }
  for (const auto& [family, list] :
       {std::pair{kFamilyIpv4, &p.ipv4_addresses}, std::pair{kFamilyIpv6, &p.ipv6_addresses}}) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      TLDMON_SQLITE_STMT(st, *db_,
                         "INSERT INTO probe_address (probe_idx, family, pos, address)"
                         " VALUES (?1, ?2, ?3, ?4)");
      st.Bind(1, static_cast<std::int64_t>(index))
          .Bind(2, family)
          .Bind(3, static_cast<std::int64_t>(i))
          .Bind(4, (*list)[i]);
      TLDMON_RETURN_IF_ERROR(st.Run());
    }
  }
  return Status::Ok();
}

Result<ProbeIndex> SqliteStoreImpl::AddProbe(const ProbeNode& p) {
  TLDMON_RETURN_IF_ERROR(p.Validate());
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(Refresh());
  for (const ProbeRecord& r : probes_)
    if (r.node.name == p.name) return AlreadyExists("a probe named " + p.name + " already exists");
  const auto index = static_cast<ProbeIndex>(probes_.size());
  TLDMON_RETURN_IF_ERROR(WriteProbe(index, p));
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  probes_.push_back({p, true});
  return index;
}

Status SqliteStoreImpl::UpdateProbe(ProbeIndex index, const ProbeNode& p) {
  TLDMON_RETURN_IF_ERROR(p.Validate());
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(Refresh());
  if (index >= probes_.size()) return NotFound("no probe with index " + std::to_string(index));
  for (std::size_t i = 0; i < probes_.size(); ++i)
    if (i != index && probes_[i].node.name == p.name)
      return AlreadyExists("a probe named " + p.name + " already exists (index " +
                           std::to_string(i) + ")");
  TLDMON_RETURN_IF_ERROR(WriteProbe(index, p));
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  probes_[index].node = p;
  return Status::Ok();
}

Status SqliteStoreImpl::SetProbeEnabled(ProbeIndex index, bool enabled) {
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(Refresh());
  if (index >= probes_.size()) return NotFound("no probe with index " + std::to_string(index));
  TLDMON_SQLITE_STMT(st, *db_, "UPDATE probe SET enabled = ?2 WHERE idx = ?1");
  st.Bind(1, static_cast<std::int64_t>(index)).Bind(2, static_cast<std::int64_t>(enabled));
  TLDMON_RETURN_IF_ERROR(st.Run());
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  probes_[index].enabled = enabled;
  return Status::Ok();
}

Result<std::vector<ProbeRecord>> SqliteStoreImpl::LoadProbes() {
  TLDMON_RETURN_IF_ERROR(Refresh());
  return probes_;
}

}  // namespace tldmon::store
