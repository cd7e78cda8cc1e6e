// PostgresStore: engine results — committed cycles, the engine state (one
// blob per entity, store/entity_state_codec.h), false positives, and their
// reads. Every write is fenced by the leader lease when a fence is set and
// publishes a generation for the followers (generation_follower.h).
#include <algorithm>
#include <set>
#include <utility>

#include "store/cycle_validation.h"
#include "store/engine_state_codec.h"
#include "store/entity_state_codec.h"
#include "store/postgres/generation_follower.h"
#include "store/postgres/pg_array.h"
#include "store/postgres/pg_copy.h"
#include "store/postgres/postgres_store.h"
#include "store/rtt_codec.h"

namespace tldmon::store {

using postgres::AsBigint;
using postgres::ByteaArray;
using postgres::IntArray;
using postgres::PgFormat;
using postgres::PgParam;
using postgres::PgTransaction;
using postgres::TextArray;

namespace {

bool ValidService(Service s) { return static_cast<int>(s) < kServiceCount; }
std::int64_t Bits(std::uint64_t v) { return static_cast<std::int64_t>(v); }
std::uint64_t Unbits(std::int64_t v) { return static_cast<std::uint64_t>(v); }
CycleStatus StatusFrom(std::int64_t v) { return static_cast<CycleStatus>(v); }

}  // namespace

void PostgresStore::SetEngineFence(const postgres::LeaderLease* lease, std::int64_t epoch) {
  MutexLock lock(mu_);
  fence_lease_ = lease;
  fence_epoch_ = epoch;
}

void PostgresStore::ClearEngineFence() {
  MutexLock lock(mu_);
  fence_lease_ = nullptr;
  fence_epoch_ = 0;
}

const EntityConfig* PostgresStore::AnyConfig(const EntityId& id) const {
  auto it = catalog_.by_id.find(id);
  return it == catalog_.by_id.end() ? nullptr : &it->second.config;
}

Result<std::int64_t> PostgresStore::KnownRow(const EntityId& id) const {
  auto it = catalog_.by_id.find(id);
  if (it == catalog_.by_id.end()) return NotFound("unknown entity " + id.Path());
  return it->second.row_id;
}

Result<std::array<UnixSeconds, kTestKindCount>> PostgresStore::ReadLastCycles() const {
  auto r = conn_->Exec(
      "SELECT last_cycle_dns, last_cycle_rdds, last_cycle_rdap, last_cycle_epp"
      " FROM engine_global WHERE id = 1");
  if (!r.ok()) return r.status();
  std::array<UnixSeconds, kTestKindCount> last;
  last.fill(engine::kNever);
  if (r->rows() == 1)
    for (int t = 0; t < kTestKindCount; ++t) last[static_cast<std::size_t>(t)] = r->Int(0, t);
  return last;
}

Status PostgresStore::ReadStateBlobs() const {
  auto r = conn_->Exec("SELECT entity_id, body FROM entity_state", {}, PgFormat::kBinary);
  if (!r.ok()) return r.status();
  state_blobs_.clear();
  for (int row = 0; row < r->rows(); ++row)
    state_blobs_.emplace(r->Int(row, 0), std::string(r->bytes(row, 1)));
  return Status::Ok();
}

Result<std::int64_t> PostgresStore::StartEngineWrite() {
  if (fence_lease_ != nullptr) TLDMON_RETURN_IF_ERROR(fence_lease_->Fence(*conn_, fence_epoch_));
  auto generation = postgres::PublishGeneration(*conn_, fence_epoch_);
  if (!generation.ok()) return generation.status();
  // publish_state is row-locked now: no other engine write can commit until
  // this one ends, so the blobs read here stay current.
  if (state_generation_ != *generation - 1) {
    state_generation_.reset();
    TLDMON_RETURN_IF_ERROR(ReadStateBlobs());
    state_generation_ = *generation - 1;
  }
  return *generation;
}

Status PostgresStore::WriteGlobals(const engine::EngineState& s) {
  return conn_
      ->Exec(
          "INSERT INTO engine_global (id, next_event_id, last_cycle_dns, last_cycle_rdds,"
          " last_cycle_rdap, last_cycle_epp, last_minute, recorded_minutes, probes)"
          " VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET"
          " next_event_id = EXCLUDED.next_event_id, last_cycle_dns = EXCLUDED.last_cycle_dns,"
          " last_cycle_rdds = EXCLUDED.last_cycle_rdds,"
          " last_cycle_rdap = EXCLUDED.last_cycle_rdap,"
          " last_cycle_epp = EXCLUDED.last_cycle_epp, last_minute = EXCLUDED.last_minute,"
          " recorded_minutes = EXCLUDED.recorded_minutes, probes = EXCLUDED.probes",
          {PgParam(Bits(s.next_event_id)), PgParam(AsBigint(s.last_cycle[0])),
           PgParam(AsBigint(s.last_cycle[1])), PgParam(AsBigint(s.last_cycle[2])),
           PgParam(AsBigint(s.last_cycle[3])), PgParam(AsBigint(s.last_minute)),
           PgParam(Bits(s.recorded_minutes)), PgParam::Bytes(EncodeProbeStates(s.probes))})
      .status();
}

Status PostgresStore::WriteStateDiff(const engine::EngineState& state,
                                     std::unordered_map<std::int64_t, std::string>& written,
                                     std::vector<std::int64_t>& removed) {
  std::vector<std::int64_t> rows;
  std::vector<std::string> bodies;
  std::set<std::int64_t> present;
  for (const auto& [id, es] : state.entities) {
    const std::int64_t row = catalog_.by_id.at(id).row_id;
    present.insert(row);
    std::string body = EncodeEntityState(es);
    auto it = state_blobs_.find(row);
    if (it != state_blobs_.end() && it->second == body) continue;
    rows.push_back(row);
    bodies.push_back(body);
    written.emplace(row, std::move(body));
  }
  for (const auto& [row, body] : state_blobs_)
    if (!present.contains(row)) removed.push_back(row);
  if (!rows.empty())
    TLDMON_RETURN_IF_ERROR(conn_
                               ->Exec("INSERT INTO entity_state (entity_id, body)"
                                      " SELECT * FROM unnest($1::bigint[], $2::bytea[])"
                                      " ON CONFLICT (entity_id) DO UPDATE SET body = EXCLUDED.body",
                                      {PgParam(IntArray(rows)), PgParam::Bytes(ByteaArray(bodies))})
                               .status());
  if (!removed.empty())
    TLDMON_RETURN_IF_ERROR(
        conn_
            ->Exec("DELETE FROM entity_state WHERE entity_id = ANY($1::bigint[])",
                   {PgParam(IntArray(removed))})
            .status());
  return Status::Ok();
}

Status PostgresStore::WriteCycleRows(const engine::CycleOutput& out) {
  const std::int64_t cycle = out.cycle;
  TLDMON_RETURN_IF_ERROR(
      conn_
          ->Exec("INSERT INTO processed_cycle (test, cycle, probe_count, probe_online)"
                 " VALUES ($1, $2, $3, $4)",
                 {PgParam(static_cast<int>(out.test)), PgParam(cycle),
                  PgParam(static_cast<std::int64_t>(out.probe_online.size())),
                  PgParam::Bytes(EncodeBitmap(out.probe_online))})
          .status());
  auto row = [&](const EntityId& id)
                 NO_THREAD_SAFETY_ANALYSIS { return catalog_.by_id.at(id).row_id; };
  // COPY for the two large sets of a cycle (for 1500 TLDs about 6,000
  // service verdicts and 12,000 NS-IP verdicts), where unnest's array
  // parsing cost more than the rows themselves.
  if (!out.verdicts.empty()) {
    auto copy = postgres::PgCopyIn::Start(
        *conn_,
        "COPY service_verdict (entity_id, service, cycle, status, online, with_results, positive)"
        " FROM STDIN");
    if (!copy.ok()) return copy.status();
    for (const engine::ServiceVerdict& v : out.verdicts) {
      postgres::AppendCopyInts(copy->row(),
                               {row(v.entity), static_cast<std::int64_t>(v.service), cycle,
                                static_cast<std::int64_t>(v.status), v.online, v.with_results,
                                v.positive});
      TLDMON_RETURN_IF_ERROR(copy->EndRow());
    }
    TLDMON_RETURN_IF_ERROR(copy->Finish());
  }
  if (!out.ns_ips.empty()) {
    auto copy = postgres::PgCopyIn::Start(
        *conn_,
        "COPY ns_ip_verdict (entity_id, ns, ip, cycle, status, n_values, n_down) FROM STDIN");
    if (!copy.ok()) return copy.status();
    for (const engine::NsIpVerdict& v : out.ns_ips) {
      postgres::AppendCopyInts(copy->row(), {row(v.entity), v.ns, v.ip, cycle,
                                             static_cast<std::int64_t>(v.status), v.values, v.down});
      TLDMON_RETURN_IF_ERROR(copy->EndRow());
    }
    TLDMON_RETURN_IF_ERROR(copy->Finish());
  }
  // Per-(entity, cycle) RTT bodies (store/rtt_codec.h).
  auto write_bodies = [&](const char* table, const std::vector<std::int64_t>& rows,
                          const std::vector<std::string>& bodies) NO_THREAD_SAFETY_ANALYSIS {
    if (rows.empty()) return Status::Ok();
    return conn_
        ->Exec(std::string("INSERT INTO ") + table +
                   " (entity_id, cycle, body) SELECT e, $3, b FROM unnest($1::bigint[],"
                   " $2::bytea[]) AS t(e, b)",
               {PgParam(IntArray(rows)), PgParam::Bytes(ByteaArray(bodies)), PgParam(cycle)})
        .status();
  };
  {
    std::vector<std::int64_t> rows;
    std::vector<std::string> bodies;
    for (auto& [id, body] : EncodeNsIpRttBodies(out)) {
      rows.push_back(row(id));
      bodies.push_back(std::move(body));
    }
    TLDMON_RETURN_IF_ERROR(write_bodies("ns_ip_rtt", rows, bodies));
  }
  {
    std::vector<std::int64_t> rows;
    std::vector<std::string> bodies;
    for (const engine::EntityProbeRtts& p : out.probe_rtts) {
      rows.push_back(row(p.entity));
      bodies.push_back(EncodeProbeRttBody(p));
    }
    TLDMON_RETURN_IF_ERROR(write_bodies("probe_rtt", rows, bodies));
  }
  if (!out.nsids.empty()) {
    std::vector<std::int64_t> e, ns, ip, probe;
    std::vector<std::string> nsid;
    for (const engine::NsidSighting& n : out.nsids) {
      e.push_back(row(n.entity));
      ns.push_back(n.ns);
      ip.push_back(n.ip);
      probe.push_back(static_cast<std::int64_t>(n.probe));
      nsid.push_back(n.nsid);
    }
    TLDMON_RETURN_IF_ERROR(
        conn_
            ->Exec("INSERT INTO nsid_sighting (entity_id, cycle, ns, ip, probe, nsid)"
                   " SELECT e, $6, n, i, p, s FROM unnest($1::bigint[], $2::integer[],"
                   " $3::integer[], $4::integer[], $5::text[]) AS t(e, n, i, p, s)",
                   {PgParam(IntArray(e)), PgParam(IntArray(ns)), PgParam(IntArray(ip)),
                    PgParam(IntArray(probe)), PgParam(TextArray(nsid)), PgParam(cycle)})
            .status());
  }
  return Status::Ok();
}

Status PostgresStore::CommitCycle(const engine::CycleOutput& out,
                                  const engine::EngineState& state) {
  if (!IsValidTestKind(out.test)) return InvalidArgument("unknown test kind");
  MutexLock lock(mu_);
  TLDMON_RETURN_IF_ERROR(RefreshCatalog());
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  auto generation = StartEngineWrite();
  if (!generation.ok()) return generation.status();
  auto last = ReadLastCycles();
  if (!last.ok()) return last.status();
  TLDMON_RETURN_IF_ERROR(CheckCycleOutput(
      out, state, (*last)[static_cast<std::size_t>(out.test)],
      [this](const EntityId& id) NO_THREAD_SAFETY_ANALYSIS { return AnyConfig(id); },
      catalog_.probe_count, catalog_.params));
  // A verdict twice is refused before anything is written (SqliteStore
  // finds it through its unique index; the message is the same).
  {
    std::set<std::pair<EntityId, Service>> seen;
    for (std::size_t i = 0; i < out.verdicts.size(); ++i)
      if (!seen.emplace(out.verdicts[i].entity, out.verdicts[i].service).second)
        return InvalidArgument("cycle " + std::to_string(out.cycle) + ", verdict #" +
                               std::to_string(i) + ": " + out.verdicts[i].entity.Path() + " " +
                               std::string(JsonKey(out.verdicts[i].service)) + " appears twice");
    std::set<std::tuple<EntityId, std::uint16_t, std::uint16_t>> pairs;
    for (std::size_t i = 0; i < out.ns_ips.size(); ++i) {
      const engine::NsIpVerdict& v = out.ns_ips[i];
      if (!pairs.emplace(v.entity, v.ns, v.ip).second)
        return InvalidArgument("cycle " + std::to_string(out.cycle) + ", NS-IP verdict #" +
                               std::to_string(i) + ": " + v.entity.Path() + " (" +
                               std::to_string(v.ns) + ", " + std::to_string(v.ip) +
                               ") appears twice");
    }
  }
  TLDMON_RETURN_IF_ERROR(WriteCycleRows(out));
  TLDMON_RETURN_IF_ERROR(WriteGlobals(state));
  std::unordered_map<std::int64_t, std::string> written;
  std::vector<std::int64_t> removed;
  TLDMON_RETURN_IF_ERROR(WriteStateDiff(state, written, removed));
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  for (std::int64_t row : removed) state_blobs_.erase(row);
  for (auto& [row, body] : written) state_blobs_[row] = std::move(body);
  state_generation_ = *generation;
  return Status::Ok();
}

Status PostgresStore::CommitFalsePositive(const FalsePositiveChange& c,
                                          const engine::EntityState& entity_state) {
  if (!ValidService(c.service)) return InvalidArgument("unknown service");
  if (c.who.empty()) return InvalidArgument("a false-positive change must name who made it");
  MutexLock lock(mu_);
  TLDMON_RETURN_IF_ERROR(RefreshCatalog());
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  auto committed = conn_->Exec("SELECT 1 FROM engine_global WHERE id = 1");
  if (!committed.ok()) return committed.status();
  if (committed->rows() == 0) return FailedPrecondition("no cycle has been committed yet");
  auto row = KnownRow(c.entity);
  if (!row.ok()) return row.status();
  TLDMON_RETURN_IF_ERROR(CheckFalsePositiveState(c, entity_state));
  auto generation = StartEngineWrite();
  if (!generation.ok()) return generation.status();
  TLDMON_RETURN_IF_ERROR(
      conn_
          ->Exec("INSERT INTO false_positive_change (entity_id, service, incident_id, flag, time,"
                 " who) VALUES ($1, $2, $3, $4, $5, $6)",
                 {PgParam(*row), PgParam(static_cast<int>(c.service)), PgParam(c.incident_id),
                  PgParam(c.on), PgParam(AsBigint(c.time)), PgParam(c.who)})
          .status());
  std::string body = EncodeEntityState(entity_state);
  TLDMON_RETURN_IF_ERROR(conn_
                             ->Exec("INSERT INTO entity_state (entity_id, body) VALUES ($1, $2)"
                                    " ON CONFLICT (entity_id) DO UPDATE SET body = EXCLUDED.body",
                                    {PgParam(*row), PgParam::Bytes(body)})
                             .status());
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  state_blobs_[*row] = std::move(body);
  state_generation_ = *generation;
  return Status::Ok();
}

Result<engine::EngineState> PostgresStore::LoadEngineState() const {
  MutexLock lock(mu_);
  // One snapshot for the globals, the entities and the generation they
  // belong to: the leader may commit meanwhile.
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(conn_->ExecScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
  TLDMON_RETURN_IF_ERROR(RefreshCatalog());
  auto generation = postgres::PublishedGeneration(*conn_);
  if (!generation.ok()) return generation.status();
  auto g = conn_->Exec(
      "SELECT next_event_id, last_cycle_dns, last_cycle_rdds, last_cycle_rdap, last_cycle_epp,"
      " last_minute, recorded_minutes, probes FROM engine_global WHERE id = 1",
      {}, PgFormat::kBinary);
  if (!g.ok()) return g.status();
  if (g->rows() == 0) return NotFound("no engine state has been committed yet");
  engine::EngineState s;
  s.next_event_id = Unbits(g->Int(0, 0));
  for (int t = 0; t < kTestKindCount; ++t)
    s.last_cycle[static_cast<std::size_t>(t)] = g->Int(0, 1 + t);
  s.last_minute = g->Int(0, 5);
  s.recorded_minutes = Unbits(g->Int(0, 6));
  if (!DecodeProbeStates(g->bytes(0, 7), s.probes)) return Internal("damaged engine_global.probes");
  TLDMON_RETURN_IF_ERROR(ReadStateBlobs());
  for (const auto& [row, body] : state_blobs_) {
    auto id = catalog_.by_row.find(row);
    if (id == catalog_.by_row.end()) return Internal("entity_state of unknown entity row");
    if (!DecodeEntityState(body, s.entities[id->second]))
      return Internal("damaged entity_state of " + id->second.Path());
  }
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  state_generation_ = *generation;
  return s;
}

// ---- Reads of results ----------------------------------------------------------

Result<std::vector<engine::Incident>> PostgresStore::Incidents(const EntityId& entity,
                                                               Service service) const {
  if (!ValidService(service)) return InvalidArgument("unknown service");
  auto c = reads_->Acquire();
  if (!c.ok()) return c.status();
  auto row = ReadRowId(**c, entity);
  if (!row.ok()) return row.status();
  auto r = (*c)->Exec("SELECT body FROM entity_state WHERE entity_id = $1", {PgParam(*row)},
                      PgFormat::kBinary);
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::vector<engine::Incident>();
  engine::EntityState s;
  if (!DecodeEntityState(r->bytes(0, 0), s)) return Internal("damaged entity_state row");
  return std::move(s.services[static_cast<std::size_t>(service)].incidents);
}

Result<std::vector<FalsePositiveChange>> PostgresStore::FalsePositiveHistory(
    const EntityId& entity, Service service) const {
  if (!ValidService(service)) return InvalidArgument("unknown service");
  auto c = reads_->Acquire();
  if (!c.ok()) return c.status();
  auto row = ReadRowId(**c, entity);
  if (!row.ok()) return row.status();
  auto r = (*c)->Exec(
      "SELECT incident_id, flag, time, who FROM false_positive_change"
      " WHERE entity_id = $1 AND service = $2 ORDER BY seq",
      {PgParam(*row), PgParam(static_cast<int>(service))});
  if (!r.ok()) return r.status();
  std::vector<FalsePositiveChange> out;
  for (int i = 0; i < r->rows(); ++i)
    out.push_back({entity, service, std::string(r->text(i, 0)), r->Bool(i, 1), r->Int(i, 2),
                   std::string(r->text(i, 3))});
  return out;
}

Result<std::vector<CycleVerdict>> PostgresStore::Verdicts(const EntityId& entity, Service service,
                                                          UnixSeconds from, UnixSeconds to) const {
  if (!ValidService(service)) return InvalidArgument("unknown service");
  auto c = reads_->Acquire();
  if (!c.ok()) return c.status();
  auto row = ReadRowId(**c, entity);
  if (!row.ok()) return row.status();
  auto r = (*c)->Exec(
      "SELECT cycle, status, online, with_results, positive FROM service_verdict"
      " WHERE entity_id = $1 AND service = $2 AND cycle >= $3 AND cycle < $4 ORDER BY cycle",
      {PgParam(*row), PgParam(static_cast<int>(service)), PgParam(AsBigint(from)),
       PgParam(AsBigint(to))},
      PgFormat::kBinary);
  if (!r.ok()) return r.status();
  std::vector<CycleVerdict> out;
  out.reserve(static_cast<std::size_t>(r->rows()));
  for (int i = 0; i < r->rows(); ++i) {
    CycleVerdict v;
    v.cycle = r->Int(i, 0);
    v.verdict.entity = entity;
    v.verdict.service = service;
    v.verdict.status = StatusFrom(r->Int(i, 1));
    v.verdict.online = static_cast<int>(r->Int(i, 2));
    v.verdict.with_results = static_cast<int>(r->Int(i, 3));
    v.verdict.positive = static_cast<int>(r->Int(i, 4));
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<NsIpCycleVerdict>> PostgresStore::NsIpVerdicts(const EntityId& entity,
                                                                  UnixSeconds from,
                                                                  UnixSeconds to) const {
  auto c = reads_->Acquire();
  if (!c.ok()) return c.status();
  auto row = ReadRowId(**c, entity);
  if (!row.ok()) return row.status();
  auto r = (*c)->Exec(
      "SELECT cycle, ns, ip, status, n_values, n_down FROM ns_ip_verdict"
      " WHERE entity_id = $1 AND cycle >= $2 AND cycle < $3 ORDER BY cycle, ns, ip",
      {PgParam(*row), PgParam(AsBigint(from)), PgParam(AsBigint(to))}, PgFormat::kBinary);
  if (!r.ok()) return r.status();
  std::vector<NsIpCycleVerdict> out;
  out.reserve(static_cast<std::size_t>(r->rows()));
  for (int i = 0; i < r->rows(); ++i) {
    NsIpCycleVerdict v;
    v.cycle = r->Int(i, 0);
    v.verdict.entity = entity;
    v.verdict.ns = static_cast<std::uint16_t>(r->Int(i, 1));
    v.verdict.ip = static_cast<std::uint16_t>(r->Int(i, 2));
    v.verdict.status = StatusFrom(r->Int(i, 3));
    v.verdict.values = static_cast<int>(r->Int(i, 4));
    v.verdict.down = static_cast<int>(r->Int(i, 5));
    out.push_back(std::move(v));
  }
  return out;
}

Status PostgresStore::ForEachRttBody(
    const char* table, const EntityId& entity, UnixSeconds from, UnixSeconds to,
    const std::function<bool(UnixSeconds, std::string_view)>& decode) const {
  auto c = reads_->Acquire();
  if (!c.ok()) return c.status();
  auto row = ReadRowId(**c, entity);
  if (!row.ok()) return row.status();
  auto r = (*c)->Exec(std::string("SELECT cycle, body FROM ") + table +
                           " WHERE entity_id = $1 AND cycle >= $2 AND cycle < $3 ORDER BY cycle",
                       {PgParam(*row), PgParam(AsBigint(from)), PgParam(AsBigint(to))},
                       PgFormat::kBinary);
  if (!r.ok()) return r.status();
  for (int i = 0; i < r->rows(); ++i)
    if (!decode(r->Int(i, 0), r->bytes(i, 1)))
      return Internal(std::string("damaged ") + table + " row of " + entity.Path() + " at cycle " +
                      std::to_string(r->Int(i, 0)));
  return Status::Ok();
}

Status PostgresStore::ForEachNsIpRtt(const EntityId& entity, UnixSeconds from, UnixSeconds to,
                                     const std::function<void(const NsIpRtt&)>& visit) const {
  return ForEachRttBody("ns_ip_rtt", entity, from, to,
                        [&](UnixSeconds cycle, std::string_view body) {
                          return DecodeNsIpRttBody(cycle, body, visit);
                        });
}

Status PostgresStore::ForEachProbeRtt(
    const EntityId& entity, UnixSeconds from, UnixSeconds to,
    const std::function<void(const ProbeCycleRtt&)>& visit) const {
  return ForEachRttBody("probe_rtt", entity, from, to,
                        [&](UnixSeconds cycle, std::string_view body) {
                          return DecodeProbeRttBody(cycle, body, visit);
                        });
}

Result<std::vector<NsidChange>> PostgresStore::NsidChanges(const EntityId& entity,
                                                           UnixSeconds to) const {
  auto c = reads_->Acquire();
  if (!c.ok()) return c.status();
  auto row = ReadRowId(**c, entity);
  if (!row.ok()) return row.status();
  auto r = (*c)->Exec(
      "SELECT cycle, ns, ip, probe, nsid FROM nsid_sighting WHERE entity_id = $1 AND cycle < $2"
      " ORDER BY cycle, ns, ip, probe",
      {PgParam(*row), PgParam(AsBigint(to))});
  if (!r.ok()) return r.status();
  std::vector<NsidChange> out;
  for (int i = 0; i < r->rows(); ++i)
    out.push_back({r->Int(i, 0), static_cast<std::uint16_t>(r->Int(i, 1)),
                   static_cast<std::uint16_t>(r->Int(i, 2)), static_cast<ProbeIndex>(r->Int(i, 3)),
                   std::string(r->text(i, 4))});
  return out;
}

Result<std::vector<bool>> PostgresStore::CycleProbeOnline(TestKind test, UnixSeconds cycle) const {
  if (!IsValidTestKind(test)) return InvalidArgument("unknown test kind");
  auto c = reads_->Acquire();
  if (!c.ok()) return c.status();
  auto r = (*c)->Exec(
      "SELECT probe_count, probe_online FROM processed_cycle WHERE test = $1 AND cycle = $2",
      {PgParam(static_cast<int>(test)), PgParam(AsBigint(cycle))}, PgFormat::kBinary);
  if (!r.ok()) return r.status();
  if (r->rows() == 0)
    return NotFound(std::string(TestKindName(test)) + " cycle " + std::to_string(cycle) +
                    " has not been committed");
  std::vector<bool> bits;
  if (r->Int(0, 0) < 0 ||
      !DecodeBitmap(r->bytes(0, 1), static_cast<std::size_t>(r->Int(0, 0)), bits))
    return Internal("damaged processed_cycle row");
  return bits;
}

}  // namespace tldmon::store
