// PostgresStore: opening, configuration, probes and the change generation.
#include "store/postgres/postgres_store.h"

#include <algorithm>
#include <limits>
#include <set>
#include <sstream>

#include "store/entity_config_codec.h"
#include "store/postgres/pg_migrations.h"
#include "store/sla_param_codec.h"

namespace tldmon::store {

using postgres::PgConn;
using postgres::PgFormat;
using postgres::PgParam;
using postgres::PgTransaction;

namespace {

std::string Lines(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += i + "\n";
  return out;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

// In force from the last change (slam-algorithms.md §5), or from the
// beginning when the configuration never changed (as SqliteStore).
std::int64_t EffectiveTime(const EntityConfig& e) {
  if (e.config_times.empty()) return std::numeric_limits<std::int64_t>::min();
  return *std::max_element(e.config_times.begin(), e.config_times.end());
}

}  // namespace

PostgresStore::PostgresStore(std::unique_ptr<PgConn> conn, std::unique_ptr<postgres::PgPool> reads)
    : reads_(std::move(reads)), conn_(std::move(conn)) {}
PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(
    const std::string& conninfo, std::chrono::milliseconds idle_in_transaction,
    std::size_t read_connections) {
  const postgres::PgPool::Options options = {
      {"application_name", "tldmon"},
      {"options", "-c idle_in_transaction_session_timeout=" +
                      std::to_string(idle_in_transaction.count())}};
  auto conn = PgConn::Connect(conninfo, options);
  if (!conn.ok()) return conn.status();
  auto migrated = postgres::MigratePg(**conn);
  if (!migrated.ok()) return migrated.status();
  // A PostgreSQL restart costs the statements in flight, not the store.
  (*conn)->set_reconnect(true);
  auto reads = std::make_unique<postgres::PgPool>(conninfo, options, read_connections,
                                                  kReadConnectionWait);
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(*conn), std::move(reads)));
}

Status PostgresStore::BumpChangeGeneration() {
  return conn_->Exec("UPDATE change_generation SET value = value + 1 WHERE id = 1").status();
}

Result<std::uint64_t> PostgresStore::ChangeGeneration() const {
  auto c = reads_->Acquire();
  if (!c.ok()) return c.status();
  auto r = (*c)->Exec("SELECT value FROM change_generation WHERE id = 1");
  if (!r.ok()) return r.status();
  if (r->rows() != 1) return Internal("the change_generation row is missing");
  return static_cast<std::uint64_t>(r->Int(0, 0));
}

// ---- SLA parameters --------------------------------------------------------

Status PostgresStore::PutSlaParams(const engine::SlaParams& p) {
  TLDMON_RETURN_IF_ERROR(p.Validate());
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(WriteSlaParams(p));
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  return txn->Commit();
}

Status PostgresStore::WriteSlaParams(const engine::SlaParams& p) {
  for (const SlaParamValue& v : FlattenSlaParams(p)) {
    const auto* i = std::get_if<std::int64_t>(&v.value);
    std::ostringstream real;
    if (i == nullptr) {
      real.precision(17);
      real << std::get<double>(v.value);
    }
    TLDMON_RETURN_IF_ERROR(
        conn_
            ->Exec("INSERT INTO sla_param (name, int_value, real_value) VALUES ($1, $2, $3)"
                   " ON CONFLICT (name) DO UPDATE SET int_value = EXCLUDED.int_value,"
                   " real_value = EXCLUDED.real_value",
                   {PgParam(v.name), i != nullptr ? PgParam(*i) : PgParam::Null(),
                    i == nullptr ? PgParam(real.str()) : PgParam::Null()})
            .status());
  }
  return Status::Ok();
}

Result<engine::SlaParams> PostgresStore::LoadSlaParams() const {
  MutexLock lock(mu_);
  return ReadSlaParams();
}

Result<engine::SlaParams> PostgresStore::ReadSlaParams() const {
  auto r = conn_->Exec("SELECT name, int_value, real_value FROM sla_param");
  if (!r.ok()) return r.status();
  engine::SlaParams p = engine::SlaParams::Defaults();
  for (int row = 0; row < r->rows(); ++row) {
    std::variant<std::int64_t, double> value;
    if (!r->null(row, 1)) {
      value = r->Int(row, 1);
    } else {
      value = std::stod(std::string(r->text(row, 2)));
    }
    Status s = ApplySlaParam(p, r->text(row, 0), value);
    // An unknown name can only come from a newer tldmon sharing the
    // database; its default applies here.
    if (!s.ok() && s.code() != StatusCode::kNotFound) return Internal("stored " + s.message());
  }
  return p;
}

// ---- Entities ----------------------------------------------------------------

Result<std::optional<std::int64_t>> PostgresStore::EntityRowId(const EntityId& id) const {
  auto r = conn_->Exec("SELECT id FROM entity WHERE kind = $1 AND name = $2",
                       {PgParam(static_cast<int>(id.kind)), PgParam(id.id)});
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(r->Int(0, 0));
}

Status PostgresStore::WriteEntity(const EntityConfig& e) {
  const std::string body = EncodeEntityConfig(e);
  auto r = conn_->Exec(
      "INSERT INTO entity (kind, name, active, body) VALUES ($1, $2, true, $3)"
      " ON CONFLICT (kind, name) DO UPDATE SET active = true, body = EXCLUDED.body RETURNING id",
      {PgParam(static_cast<int>(e.id.kind)), PgParam(e.id.id), PgParam::Bytes(body)});
  if (!r.ok()) return r.status();
  const std::int64_t id = r->Int(0, 0);
  return conn_
      ->Exec(
          "INSERT INTO entity_config_version (entity_id, effective, body) VALUES ($1, $2, $3)"
          " ON CONFLICT (entity_id, effective) DO UPDATE SET body = EXCLUDED.body",
          {PgParam(id), PgParam(EffectiveTime(e)), PgParam::Bytes(body)})
      .status();
}

Status PostgresStore::PutEntities(std::span<const EntityConfig> entities) {
  return PutEntitiesWithRecords(entities, {});
}

Status PostgresStore::PutEntitiesWithRecords(std::span<const EntityConfig> entities,
                                             std::span<const RecordChange> records) {
  TLDMON_RETURN_IF_ERROR(ValidateEntityBatch(entities));
  TLDMON_RETURN_IF_ERROR(ValidateRecordChanges(records));
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  for (const EntityConfig& e : entities) TLDMON_RETURN_IF_ERROR(WriteEntity(e));
  RecordWriteOutcome outcome;
  TLDMON_RETURN_IF_ERROR(ApplyRecordChanges(records, outcome));
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  return txn->Commit();
}

Status PostgresStore::RemoveEntity(const EntityId& id) {
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  auto r = conn_->Exec("UPDATE entity SET active = false WHERE kind = $1 AND name = $2 AND active",
                       {PgParam(static_cast<int>(id.kind)), PgParam(id.id)});
  if (!r.ok()) return r.status();
  if (r->affected() == 0) return NotFound("no active entity " + id.Path());
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  return txn->Commit();
}

Result<std::vector<EntityConfig>> PostgresStore::LoadEntities() const {
  MutexLock lock(mu_);
  auto r = conn_->Exec("SELECT body FROM entity WHERE active", {}, PgFormat::kBinary);
  if (!r.ok()) return r.status();
  std::vector<EntityConfig> out;
  for (int row = 0; row < r->rows(); ++row) {
    EntityConfig e;
    if (!DecodeEntityConfig(r->bytes(row, 0), e)) return Internal("malformed entity configuration");
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(),
            [](const EntityConfig& a, const EntityConfig& b) { return a.id < b.id; });
  return out;
}

Result<std::optional<EntityConfig>> PostgresStore::EntityConfigAt(const EntityId& id,
                                                                  UnixSeconds t) const {
  MutexLock lock(mu_);
  auto known = EntityRowId(id);
  if (!known.ok()) return known.status();
  if (!*known) return NotFound("unknown entity " + id.Path());
  auto r = conn_->Exec(
      "SELECT body FROM entity_config_version WHERE entity_id = $1 AND effective <= $2"
      " ORDER BY effective DESC LIMIT 1",
      {PgParam(**known), PgParam(static_cast<std::int64_t>(t))}, PgFormat::kBinary);
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::optional<EntityConfig>();
  EntityConfig config;
  if (!DecodeEntityConfig(r->bytes(0, 0), config))
    return Internal("malformed configuration version of " + id.Path());
  return std::optional<EntityConfig>(std::move(config));
}

// ---- Probes ------------------------------------------------------------------

Status PostgresStore::WriteProbe(ProbeIndex index, const ProbeNode& p) {
  // An upsert: a new probe starts enabled; an update keeps its enabled flag.
  return conn_
      ->Exec(
          "INSERT INTO probe (idx, name, enabled, ipv4, ipv6, rdds, rdap, ipv4_addresses,"
          " ipv6_addresses) VALUES ($1, $2, true, $3, $4, $5, $6, $7, $8)"
          " ON CONFLICT (idx) DO UPDATE SET name = EXCLUDED.name, ipv4 = EXCLUDED.ipv4,"
          " ipv6 = EXCLUDED.ipv6, rdds = EXCLUDED.rdds, rdap = EXCLUDED.rdap,"
          " ipv4_addresses = EXCLUDED.ipv4_addresses, ipv6_addresses = EXCLUDED.ipv6_addresses",
          {PgParam(static_cast<std::int64_t>(index)), PgParam(p.name), PgParam(p.ipv4),
           PgParam(p.ipv6), PgParam(p.rdds), PgParam(p.rdap), PgParam(Lines(p.ipv4_addresses)),
           PgParam(Lines(p.ipv6_addresses))})
      .status();
}

Result<std::vector<ProbeRecord>> PostgresStore::ReadProbes() const {
  auto r = conn_->Exec(
      "SELECT idx, name, enabled, ipv4, ipv6, rdds, rdap, ipv4_addresses, ipv6_addresses"
      " FROM probe ORDER BY idx");
  if (!r.ok()) return r.status();
  std::vector<ProbeRecord> out;
  for (int row = 0; row < r->rows(); ++row) {
    if (r->Int(row, 0) != static_cast<std::int64_t>(out.size()))
      return Internal("damaged probe table: indexes must be dense");
    ProbeRecord p;
    p.node.name = std::string(r->text(row, 1));
    p.enabled = r->Bool(row, 2);
    p.node.ipv4 = r->Bool(row, 3);
    p.node.ipv6 = r->Bool(row, 4);
    p.node.rdds = r->Bool(row, 5);
    p.node.rdap = r->Bool(row, 6);
    p.node.ipv4_addresses = SplitLines(r->text(row, 7));
    p.node.ipv6_addresses = SplitLines(r->text(row, 8));
    out.push_back(std::move(p));
  }
  return out;
}

Result<ProbeIndex> PostgresStore::AddProbe(const ProbeNode& p) {
  TLDMON_RETURN_IF_ERROR(p.Validate());
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  // Indexes are dense: serialize additions from every host.
  TLDMON_RETURN_IF_ERROR(conn_->ExecScript("LOCK TABLE probe IN SHARE ROW EXCLUSIVE MODE"));
  auto probes = ReadProbes();
  if (!probes.ok()) return probes.status();
  for (const ProbeRecord& r : *probes)
    if (r.node.name == p.name) return AlreadyExists("a probe named " + p.name + " already exists");
  const auto index = static_cast<ProbeIndex>(probes->size());
  TLDMON_RETURN_IF_ERROR(WriteProbe(index, p));
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  return index;
}

Status PostgresStore::UpdateProbe(ProbeIndex index, const ProbeNode& p) {
  TLDMON_RETURN_IF_ERROR(p.Validate());
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(conn_->ExecScript("LOCK TABLE probe IN SHARE ROW EXCLUSIVE MODE"));
  auto probes = ReadProbes();
  if (!probes.ok()) return probes.status();
  if (index >= probes->size()) return NotFound("no probe with index " + std::to_string(index));
  for (std::size_t i = 0; i < probes->size(); ++i)
    if (i != index && (*probes)[i].node.name == p.name)
      return AlreadyExists("a probe named " + p.name + " already exists (index " +
                           std::to_string(i) + ")");
  TLDMON_RETURN_IF_ERROR(WriteProbe(index, p));
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  return txn->Commit();
}

Status PostgresStore::SetProbeEnabled(ProbeIndex index, bool enabled) {
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  auto r = conn_->Exec("UPDATE probe SET enabled = $2 WHERE idx = $1",
                       {PgParam(static_cast<std::int64_t>(index)), PgParam(enabled)});
  if (!r.ok()) return r.status();
  if (r->affected() == 0) return NotFound("no probe with index " + std::to_string(index));
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  return txn->Commit();
}

Result<std::vector<ProbeRecord>> PostgresStore::LoadProbes() const {
  MutexLock lock(mu_);
  return ReadProbes();
}

}  // namespace tldmon::store
