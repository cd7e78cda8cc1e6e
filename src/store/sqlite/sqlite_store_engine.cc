// SqliteStore: engine results — committed cycles, the persisted EngineState
// and the false-positive history.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "store/cycle_validation.h"
#include "store/engine_state_codec.h"
#include "store/rtt_codec.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace tldmon::store {

using sqlite::Transaction;

namespace {

bool ValidService(Service s) { return static_cast<int>(s) < kServiceCount; }
CycleStatus StatusFrom(std::int64_t v) { return static_cast<CycleStatus>(v); }

// uint64 <-> the int64 bit pattern SQLite stores (C++20: modular conversion).
std::int64_t Bits(std::uint64_t v) { return static_cast<std::int64_t>(v); }
std::uint64_t Unbits(std::int64_t v) { return static_cast<std::uint64_t>(v); }

bool SameScalars(const engine::ServiceState& a, const engine::ServiceState& b) {
  return a.last_cycle == b.last_cycle && a.last_status == b.last_status &&
         a.down_streak == b.down_streak && a.recover_streak == b.recover_streak;
}

// NsIpState::incident_down_cycles are encoded relative to the row's month
// (their first run starts in it), so the first distance stays small.
UnixSeconds NsIpRunBase(const engine::NsIpState& n) {
  return n.month == engine::kNever ? 0 : n.month;
}

std::string VerdictName(const engine::ServiceVerdict& v) {
  return v.entity.Path() + " " + std::string(JsonKey(v.service));
}

}  // namespace

// ---------------------------------------------------------------------------
// Reading the state.

Result<std::optional<engine::EngineState>> SqliteStoreImpl::ReadEngineState() {
  engine::EngineState s;
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT next_event_id, last_cycle_dns, last_cycle_rdds, last_cycle_rdap,"
                       " last_cycle_epp, last_minute, recorded_minutes"
                       " FROM engine_global WHERE singleton = 1");
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<engine::EngineState>();
    s.next_event_id = Unbits(st.Int(0));
    for (int t = 0; t < kTestKindCount; ++t)
      s.last_cycle[static_cast<std::size_t>(t)] = st.Time(1 + t);
    s.last_minute = st.Time(5);
    s.recorded_minutes = Unbits(st.Int(6));
  }
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT probe, auto_online, success_run_start, minute_bits, last_minute"
                       " FROM probe_state ORDER BY probe");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (st.Int(0) != static_cast<std::int64_t>(s.probes.size()))
        return Internal("damaged probe_state table: indexes must be dense");
      engine::ProbeState p;
      p.auto_online = st.Int(1) != 0;
      p.success_run_start = st.Time(2);
      p.minute_bits = Unbits(st.Int(3));
      p.last_minute = st.Time(4);
      s.probes.push_back(p);
    }
  }
  std::unordered_map<std::int64_t, engine::EntityState*> by_row;
  {
    TLDMON_SQLITE_STMT(st, *db_, "SELECT entity_id FROM entity_state");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      const EntityId* id = EntityOfRow(st.Int(0));
      if (id == nullptr) return Internal("entity_state of unknown entity row");
      by_row[st.Int(0)] = &s.entities[*id];
    }
  }
  auto state_of = [&](std::int64_t row) -> engine::EntityState* {
    auto it = by_row.find(row);
    return it == by_row.end() ? nullptr : it->second;
  };
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT entity_id, service, last_cycle, last_status, down_streak,"
                       " recover_streak FROM service_state");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      engine::EntityState* e = state_of(st.Int(0));
      if (e == nullptr) return Internal("damaged service_state table");
      engine::ServiceState& ss = e->services[static_cast<std::size_t>(st.Int(1))];
      ss.last_cycle = st.Time(2);
      ss.last_status = StatusFrom(st.Int(3));
      ss.down_streak = static_cast<int>(st.Int(4));
      ss.recover_streak = static_cast<int>(st.Int(5));
    }
  }
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT entity_id, service, pos, event_id, start_time, end_time,"
                       " false_positive, fp_update_time, down_cycles FROM incident"
                       " ORDER BY entity_id, service, pos");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      engine::EntityState* e = state_of(st.Int(0));
      if (e == nullptr) return Internal("damaged incident table");
      auto& list = e->services[static_cast<std::size_t>(st.Int(1))].incidents;
      if (st.Int(2) != static_cast<std::int64_t>(list.size()))
        return Internal("damaged incident table: positions must be dense");
      engine::Incident inc;
      inc.event_id = Unbits(st.Int(3));
      inc.start_time = st.Int(4);
      inc.end_time = st.OptTime(5);
      inc.false_positive = st.Int(6) != 0;
      inc.fp_update_time = st.OptTime(7);
      if (!DecodeDownCycles(inc.start_time, st.Blob(8), inc.down_cycles))
        return Internal("damaged incident down_cycles");
      list.push_back(std::move(inc));
    }
  }
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT entity_id, pos, ns, ip, month, month_down_cycles, last_status,"
                       " incident_down_cycles FROM ns_ip_state ORDER BY entity_id, pos");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      engine::EntityState* e = state_of(st.Int(0));
      if (e == nullptr || st.Int(1) != static_cast<std::int64_t>(e->ns_ips.size()))
        return Internal("damaged ns_ip_state table");
      engine::NsIpState n;
      n.ns = std::string(st.Text(2));
      n.ip = std::string(st.Text(3));
      n.month = st.Time(4);
      n.month_down_cycles = static_cast<int>(st.Int(5));
      n.last_status = StatusFrom(st.Int(6));
      if (!DecodeDownCycles(NsIpRunBase(n), st.Blob(7), n.incident_down_cycles))
        return Internal("damaged ns_ip_state incident_down_cycles");
      e->ns_ips.push_back(std::move(n));
    }
  }
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "SELECT entity_id, kind, month, performed, failed, expected FROM rtt_month");
    for (;;) {
      Result<bool> row = st.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      engine::EntityState* e = state_of(st.Int(0));
      const std::int64_t kind = st.Int(1);
      if (e == nullptr || kind < 0 || kind >= static_cast<std::int64_t>(e->rtt.size()))
        return Internal("damaged rtt_month table");
      engine::RttMonth& m = e->rtt[static_cast<std::size_t>(kind)];
      m.month = st.Time(2);
      m.performed = st.Int(3);
      m.failed = st.Int(4);
      m.expected = st.Int(5);
    }
  }
  return std::optional<engine::EngineState>(std::move(s));
}

Status SqliteStoreImpl::EnsureCommitted() {
  if (committed_loaded_) return Status::Ok();
  Result<std::optional<engine::EngineState>> s = ReadEngineState();
  if (!s.ok()) return s.status();
  committed_ = std::move(s).value();
  committed_loaded_ = true;
  return Status::Ok();
}

Result<engine::EngineState> SqliteStoreImpl::LoadEngineState() {
  TLDMON_RETURN_IF_ERROR(Refresh());
  // Read from the database, not the in-memory copy: this is the restart path
  // and must show exactly what is on disk.
  Result<std::optional<engine::EngineState>> s = ReadEngineState();
  if (!s.ok()) return s.status();
  if (!s->has_value()) return NotFound("no engine state has been committed yet");
  committed_ = **s;
  committed_loaded_ = true;
  return std::move(**s);
}

// ---------------------------------------------------------------------------
// Writing the state: only rows whose content differs from the last commit.

Status SqliteStoreImpl::WriteGlobals(const engine::EngineState& s) {
  TLDMON_SQLITE_STMT(st, *db_,
                     "INSERT INTO engine_global (singleton, next_event_id, last_cycle_dns,"
                     " last_cycle_rdds, last_cycle_rdap, last_cycle_epp, last_minute,"
                     " recorded_minutes)"
                     " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (singleton) DO UPDATE SET"
                     " next_event_id = excluded.next_event_id,"
                     " last_cycle_dns = excluded.last_cycle_dns,"
                     " last_cycle_rdds = excluded.last_cycle_rdds,"
                     " last_cycle_rdap = excluded.last_cycle_rdap,"
                     " last_cycle_epp = excluded.last_cycle_epp,"
                     " last_minute = excluded.last_minute,"
                     " recorded_minutes = excluded.recorded_minutes");
  st.Bind(1, Bits(s.next_event_id));
  for (int t = 0; t < kTestKindCount; ++t)
    st.BindTime(2 + t, s.last_cycle[static_cast<std::size_t>(t)]);
  st.BindTime(6, s.last_minute);
  st.Bind(7, Bits(s.recorded_minutes));
  return st.Run();
}

Status SqliteStoreImpl::WriteProbeStates(const std::vector<engine::ProbeState>& before,
                                         const std::vector<engine::ProbeState>& after) {
  for (std::size_t i = 0; i < after.size(); ++i) {
    if (i < before.size() && before[i] == after[i]) continue;
    const engine::ProbeState& p = after[i];
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO probe_state (probe, auto_online, success_run_start,"
                       " minute_bits, last_minute) VALUES (?1, ?2, ?3, ?4, ?5)"
                       " ON CONFLICT (probe) DO UPDATE SET auto_online = excluded.auto_online,"
                       " success_run_start = excluded.success_run_start,"
                       " minute_bits = excluded.minute_bits, last_minute = excluded.last_minute");
    st.Bind(1, static_cast<std::int64_t>(i))
        .Bind(2, static_cast<std::int64_t>(p.auto_online))
        .BindTime(3, p.success_run_start)
        .Bind(4, Bits(p.minute_bits))
        .BindTime(5, p.last_minute);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  if (before.size() > after.size()) {
    TLDMON_SQLITE_STMT(st, *db_, "DELETE FROM probe_state WHERE probe >= ?1");
    st.Bind(1, static_cast<std::int64_t>(after.size()));
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  return Status::Ok();
}

Status SqliteStoreImpl::WriteIncident(std::int64_t row, int service, std::size_t pos,
                                      const engine::Incident& inc) {
  const std::string runs = EncodeDownCycles(inc.start_time, inc.down_cycles);
  TLDMON_SQLITE_STMT(st, *db_,
                     "INSERT INTO incident (entity_id, service, pos, event_id, start_time,"
                     " end_time, false_positive, fp_update_time, down_cycles)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                     " ON CONFLICT (entity_id, service, pos) DO UPDATE SET"
                     " event_id = excluded.event_id, start_time = excluded.start_time,"
                     " end_time = excluded.end_time, false_positive = excluded.false_positive,"
                     " fp_update_time = excluded.fp_update_time,"
                     " down_cycles = excluded.down_cycles");
  st.Bind(1, row)
      .Bind(2, static_cast<std::int64_t>(service))
      .Bind(3, static_cast<std::int64_t>(pos))
      .Bind(4, Bits(inc.event_id))
      .Bind(5, static_cast<std::int64_t>(inc.start_time))
      .BindOptTime(6, inc.end_time)
      .Bind(7, static_cast<std::int64_t>(inc.false_positive))
      .BindOptTime(8, inc.fp_update_time)
      .BindBlob(9, runs);
  return st.Run();
}

Status SqliteStoreImpl::WriteEntityState(std::int64_t row, const engine::EntityState* before,
                                         const engine::EntityState& after) {
  if (before == nullptr) {
    TLDMON_SQLITE_STMT(st, *db_, "INSERT INTO entity_state (entity_id) VALUES (?1)");
    st.Bind(1, row);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  for (int s = 0; s < kServiceCount; ++s) {
    const auto& next = after.services[static_cast<std::size_t>(s)];
    const auto* prev = before != nullptr ? &before->services[static_cast<std::size_t>(s)] : nullptr;
    if (prev == nullptr || !SameScalars(*prev, next)) {
      TLDMON_SQLITE_STMT(st, *db_,
                         "INSERT INTO service_state (entity_id, service, last_cycle, last_status,"
                         " down_streak, recover_streak) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                         " ON CONFLICT (entity_id, service) DO UPDATE SET"
                         " last_cycle = excluded.last_cycle, last_status = excluded.last_status,"
                         " down_streak = excluded.down_streak,"
                         " recover_streak = excluded.recover_streak");
      st.Bind(1, row)
          .Bind(2, static_cast<std::int64_t>(s))
          .BindTime(3, next.last_cycle)
          .Bind(4, static_cast<std::int64_t>(next.last_status))
          .Bind(5, static_cast<std::int64_t>(next.down_streak))
          .Bind(6, static_cast<std::int64_t>(next.recover_streak));
      TLDMON_RETURN_IF_ERROR(st.Run());
    }
    const std::size_t old_count = prev != nullptr ? prev->incidents.size() : 0;
    for (std::size_t i = 0; i < next.incidents.size(); ++i)
      if (i >= old_count || prev->incidents[i] != next.incidents[i])
        TLDMON_RETURN_IF_ERROR(WriteIncident(row, s, i, next.incidents[i]));
    if (old_count > next.incidents.size()) {
      TLDMON_SQLITE_STMT(
          st, *db_, "DELETE FROM incident WHERE entity_id = ?1 AND service = ?2 AND pos >= ?3");
      st.Bind(1, row)
          .Bind(2, static_cast<std::int64_t>(s))
          .Bind(3, static_cast<std::int64_t>(next.incidents.size()));
      TLDMON_RETURN_IF_ERROR(st.Run());
    }
  }
  const std::size_t old_ns = before != nullptr ? before->ns_ips.size() : 0;
  for (std::size_t i = 0; i < after.ns_ips.size(); ++i) {
    if (i < old_ns && before->ns_ips[i] == after.ns_ips[i]) continue;
    const engine::NsIpState& n = after.ns_ips[i];
    const std::string runs = EncodeDownCycles(NsIpRunBase(n), n.incident_down_cycles);
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO ns_ip_state (entity_id, pos, ns, ip, month,"
                       " month_down_cycles, last_status, incident_down_cycles)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                       " ON CONFLICT (entity_id, pos) DO UPDATE SET ns = excluded.ns,"
                       " ip = excluded.ip, month = excluded.month,"
                       " month_down_cycles = excluded.month_down_cycles,"
                       " last_status = excluded.last_status,"
                       " incident_down_cycles = excluded.incident_down_cycles");
    st.Bind(1, row)
        .Bind(2, static_cast<std::int64_t>(i))
        .Bind(3, n.ns)
        .Bind(4, n.ip)
        .BindTime(5, n.month)
        .Bind(6, static_cast<std::int64_t>(n.month_down_cycles))
        .Bind(7, static_cast<std::int64_t>(n.last_status))
        .BindBlob(8, runs);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  if (old_ns > after.ns_ips.size()) {
    TLDMON_SQLITE_STMT(st, *db_, "DELETE FROM ns_ip_state WHERE entity_id = ?1 AND pos >= ?2");
    st.Bind(1, row).Bind(2, static_cast<std::int64_t>(after.ns_ips.size()));
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  for (std::size_t k = 0; k < after.rtt.size(); ++k) {
    if (before != nullptr && before->rtt[k] == after.rtt[k]) continue;
    const engine::RttMonth& m = after.rtt[k];
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO rtt_month (entity_id, kind, month, performed, failed, expected)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (entity_id, kind) DO UPDATE"
                       " SET month = excluded.month, performed = excluded.performed,"
                       " failed = excluded.failed, expected = excluded.expected");
    st.Bind(1, row)
        .Bind(2, static_cast<std::int64_t>(k))
        .BindTime(3, m.month)
        .Bind(4, m.performed)
        .Bind(5, m.failed)
        .Bind(6, m.expected);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  return Status::Ok();
}

Status SqliteStoreImpl::WriteStateDiff(const engine::EngineState& after,
                                       std::vector<EntityId>& changed,
                                       std::vector<EntityId>& removed) {
  static const engine::EngineState kEmpty;
  const engine::EngineState& before = committed_ ? *committed_ : kEmpty;
  TLDMON_RETURN_IF_ERROR(WriteGlobals(after));
  TLDMON_RETURN_IF_ERROR(WriteProbeStates(before.probes, after.probes));
  // Both maps are sorted by EntityId: walk them side by side.
  auto b = before.entities.begin();
  auto a = after.entities.begin();
  while (b != before.entities.end() || a != after.entities.end()) {
    if (a == after.entities.end() || (b != before.entities.end() && b->first < a->first)) {
      TLDMON_SQLITE_STMT(st, *db_, "DELETE FROM entity_state WHERE entity_id = ?1");
      st.Bind(1, FindEntity(b->first)->row_id);
      TLDMON_RETURN_IF_ERROR(st.Run());
      removed.push_back(b->first);
      ++b;
      continue;
    }
    const std::int64_t row = FindEntity(a->first)->row_id;
    if (b == before.entities.end() || a->first < b->first) {
      TLDMON_RETURN_IF_ERROR(WriteEntityState(row, nullptr, a->second));
      changed.push_back(a->first);
    } else {
      if (!(b->second == a->second)) {
        TLDMON_RETURN_IF_ERROR(WriteEntityState(row, &b->second, a->second));
        changed.push_back(a->first);
      }
      ++b;
    }
    ++a;
  }
  return Status::Ok();
}

void SqliteStoreImpl::ApplyToCommitted(const engine::EngineState& after,
                                       const std::vector<EntityId>& changed,
                                       const std::vector<EntityId>& removed) {
  if (!committed_) {
    committed_ = after;
    return;
  }
  committed_->next_event_id = after.next_event_id;
  committed_->last_cycle = after.last_cycle;
  committed_->last_minute = after.last_minute;
  committed_->recorded_minutes = after.recorded_minutes;
  committed_->probes = after.probes;
  for (const EntityId& id : removed) committed_->entities.erase(id);
  for (const EntityId& id : changed) committed_->entities[id] = after.entities.at(id);
}

// ---------------------------------------------------------------------------
// CommitCycle.

Status SqliteStoreImpl::CheckCycle(const engine::CycleOutput& out,
                                   const engine::EngineState& state) {
  const UnixSeconds last =
      committed_ ? committed_->last_cycle[static_cast<std::size_t>(out.test)] : engine::kNever;
  return CheckCycleOutput(
      out, state, last,
      [this](const EntityId& id) -> const EntityConfig* {
        const EntityRow* e = FindEntity(id);
        return e != nullptr ? &e->config : nullptr;
      },
      probes_.size(), params_);
}

Status SqliteStoreImpl::CommitCycle(const engine::CycleOutput& out,
                                    const engine::EngineState& state) {
  if (!IsValidTestKind(out.test)) return InvalidArgument("unknown test kind");
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(Refresh());
  TLDMON_RETURN_IF_ERROR(EnsureCommitted());
  TLDMON_RETURN_IF_ERROR(CheckCycle(out, state));
  const auto test = static_cast<std::int64_t>(out.test);
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO processed_cycle (test, cycle, probe_count, probe_online)"
                       " VALUES (?1, ?2, ?3, ?4)");
    const std::string bitmap = EncodeBitmap(out.probe_online);
    st.Bind(1, test)
        .Bind(2, static_cast<std::int64_t>(out.cycle))
        .Bind(3, static_cast<std::int64_t>(out.probe_online.size()))
        .BindBlob(4, bitmap);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  for (std::size_t i = 0; i < out.verdicts.size(); ++i) {
    const engine::ServiceVerdict& v = out.verdicts[i];
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO service_verdict (entity_id, service, cycle, status, online,"
                       " with_results, positive) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.Bind(1, FindEntity(v.entity)->row_id)
        .Bind(2, static_cast<std::int64_t>(v.service))
        .Bind(3, static_cast<std::int64_t>(out.cycle))
        .Bind(4, static_cast<std::int64_t>(v.status))
        .Bind(5, static_cast<std::int64_t>(v.online))
        .Bind(6, static_cast<std::int64_t>(v.with_results))
        .Bind(7, static_cast<std::int64_t>(v.positive));
    Status s = st.Run();
    // Checked here rather than up front: this is also what proves that a
    // failure in the middle of a cycle leaves nothing behind.
    if (s.code() == StatusCode::kInvalidArgument)
      return InvalidArgument("cycle " + std::to_string(out.cycle) + ", verdict #" +
                             std::to_string(i) + ": " + VerdictName(v) + " appears twice");
    TLDMON_RETURN_IF_ERROR(s);
  }
  for (std::size_t i = 0; i < out.ns_ips.size(); ++i) {
    const engine::NsIpVerdict& v = out.ns_ips[i];
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO ns_ip_verdict (entity_id, ns, ip, cycle, status, n_values,"
                       " n_down) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.Bind(1, FindEntity(v.entity)->row_id)
        .Bind(2, static_cast<std::int64_t>(v.ns))
        .Bind(3, static_cast<std::int64_t>(v.ip))
        .Bind(4, static_cast<std::int64_t>(out.cycle))
        .Bind(5, static_cast<std::int64_t>(v.status))
        .Bind(6, static_cast<std::int64_t>(v.values))
        .Bind(7, static_cast<std::int64_t>(v.down));
    Status s = st.Run();
    if (s.code() == StatusCode::kInvalidArgument)
      return InvalidArgument("cycle " + std::to_string(out.cycle) + ", NS-IP verdict #" +
                             std::to_string(i) + ": " + v.entity.Path() + " (" +
                             std::to_string(v.ns) + ", " + std::to_string(v.ip) +
                             ") appears twice");
    TLDMON_RETURN_IF_ERROR(s);
  }
  TLDMON_RETURN_IF_ERROR(WriteNsIpRtts(out));
  TLDMON_RETURN_IF_ERROR(WriteProbeRtts(out));
  std::vector<EntityId> changed, removed;
  TLDMON_RETURN_IF_ERROR(WriteStateDiff(state, changed, removed));
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  ApplyToCommitted(state, changed, removed);
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// False positives.

Status SqliteStoreImpl::CommitFalsePositive(const FalsePositiveChange& c,
                                            const engine::EntityState& entity_state) {
  if (!ValidService(c.service)) return InvalidArgument("unknown service");
  if (c.who.empty()) return InvalidArgument("a false-positive change must name who made it");
  Result<Transaction> txn = Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(Refresh());
  TLDMON_RETURN_IF_ERROR(EnsureCommitted());
  if (!committed_) return FailedPrecondition("no cycle has been committed yet");
  const EntityRow* e = FindEntity(c.entity);
  if (e == nullptr) return NotFound("unknown entity " + c.entity.Path());
  TLDMON_RETURN_IF_ERROR(CheckFalsePositiveState(c, entity_state));
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO false_positive_change (entity_id, service, incident_id, flag,"
                       " time, who) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.Bind(1, e->row_id)
        .Bind(2, static_cast<std::int64_t>(c.service))
        .Bind(3, c.incident_id)
        .Bind(4, static_cast<std::int64_t>(c.on))
        .Bind(5, static_cast<std::int64_t>(c.time))
        .Bind(6, c.who);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  auto before = committed_->entities.find(c.entity);
  const engine::EntityState* prev =
      before == committed_->entities.end() ? nullptr : &before->second;
  TLDMON_RETURN_IF_ERROR(WriteEntityState(e->row_id, prev, entity_state));
  TLDMON_RETURN_IF_ERROR(BumpChangeGeneration());
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  committed_->entities[c.entity] = entity_state;
  return Status::Ok();
}

Result<std::vector<FalsePositiveChange>> SqliteStoreImpl::FalsePositiveHistory(
    const EntityId& entity, Service service) {
  if (!ValidService(service)) return InvalidArgument("unknown service");
  TLDMON_RETURN_IF_ERROR(Refresh());
  const EntityRow* e = FindEntity(entity);
  if (e == nullptr) return NotFound("unknown entity " + entity.Path());
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT incident_id, flag, time, who FROM false_positive_change"
                     " WHERE entity_id = ?1 AND service = ?2 ORDER BY seq");
  st.Bind(1, e->row_id).Bind(2, static_cast<std::int64_t>(service));
  std::vector<FalsePositiveChange> out;
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({entity, service, std::string(st.Text(0)), st.Int(1) != 0, st.Int(2),
                   std::string(st.Text(3))});
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reads of results.

Result<std::vector<CycleVerdict>> SqliteStoreImpl::Verdicts(const EntityId& entity, Service service,
                                                            UnixSeconds from, UnixSeconds to) {
  if (!ValidService(service)) return InvalidArgument("unknown service");
  TLDMON_RETURN_IF_ERROR(Refresh());
  const EntityRow* e = FindEntity(entity);
  if (e == nullptr) return NotFound("unknown entity " + entity.Path());
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT cycle, status, online, with_results, positive FROM service_verdict"
                     " WHERE entity_id = ?1 AND service = ?2 AND cycle >= ?3 AND cycle < ?4"
                     " ORDER BY cycle");
  st.Bind(1, e->row_id)
      .Bind(2, static_cast<std::int64_t>(service))
      .Bind(3, static_cast<std::int64_t>(from))
      .Bind(4, static_cast<std::int64_t>(to));
  std::vector<CycleVerdict> out;
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    CycleVerdict v;
    v.cycle = st.Int(0);
    v.verdict.entity = entity;
    v.verdict.service = service;
    v.verdict.status = StatusFrom(st.Int(1));
    v.verdict.online = static_cast<int>(st.Int(2));
    v.verdict.with_results = static_cast<int>(st.Int(3));
    v.verdict.positive = static_cast<int>(st.Int(4));
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<NsIpCycleVerdict>> SqliteStoreImpl::NsIpVerdicts(const EntityId& entity,
                                                                    UnixSeconds from,
                                                                    UnixSeconds to) {
  TLDMON_RETURN_IF_ERROR(Refresh());
  const EntityRow* e = FindEntity(entity);
  if (e == nullptr) return NotFound("unknown entity " + entity.Path());
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT cycle, ns, ip, status, n_values, n_down FROM ns_ip_verdict"
                     " WHERE entity_id = ?1 AND cycle >= ?2 AND cycle < ?3 ORDER BY cycle, ns, ip");
  st.Bind(1, e->row_id)
      .Bind(2, static_cast<std::int64_t>(from))
      .Bind(3, static_cast<std::int64_t>(to));
  std::vector<NsIpCycleVerdict> out;
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    NsIpCycleVerdict v;
    v.cycle = st.Int(0);
    v.verdict.entity = entity;
    v.verdict.ns = static_cast<std::uint16_t>(st.Int(1));
    v.verdict.ip = static_cast<std::uint16_t>(st.Int(2));
    v.verdict.status = StatusFrom(st.Int(3));
    v.verdict.values = static_cast<int>(st.Int(4));
    v.verdict.down = static_cast<int>(st.Int(5));
    out.push_back(std::move(v));
  }
  return out;
}

Status SqliteStoreImpl::WriteNsIpRtts(const engine::CycleOutput& out) {
  for (const auto& [entity, body] : EncodeNsIpRttBodies(out)) {
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO ns_ip_rtt (entity_id, cycle, body) VALUES (?1, ?2, ?3)");
    st.Bind(1, FindEntity(entity)->row_id)
        .Bind(2, static_cast<std::int64_t>(out.cycle))
        .BindBlob(3, body);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  return Status::Ok();
}

Status SqliteStoreImpl::ForEachNsIpRtt(const EntityId& entity, UnixSeconds from, UnixSeconds to,
                                       const std::function<void(const NsIpRtt&)>& visit) {
  return ForEachVarintRecord(
      "SELECT cycle, body FROM ns_ip_rtt"
      " WHERE entity_id = ?1 AND cycle >= ?2 AND cycle < ?3 ORDER BY cycle",
      entity, from, to, [&](UnixSeconds cycle, std::string_view body) {
        return DecodeNsIpRttBody(cycle, body, visit);
      });
}

Result<std::vector<bool>> SqliteStoreImpl::CycleProbeOnline(TestKind test, UnixSeconds cycle) {
  if (!IsValidTestKind(test)) return InvalidArgument("unknown test kind");
  TLDMON_RETURN_IF_ERROR(Refresh());
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT probe_count, probe_online FROM processed_cycle"
                     " WHERE test = ?1 AND cycle = ?2");
  st.Bind(1, static_cast<std::int64_t>(test)).Bind(2, static_cast<std::int64_t>(cycle));
  Result<bool> row = st.Step();
  if (!row.ok()) return row.status();
  if (!*row)
    return NotFound(std::string(TestKindName(test)) + " cycle " + std::to_string(cycle) +
                    " has not been committed");
  std::vector<bool> bits;
  if (st.Int(0) < 0 || !DecodeBitmap(st.Blob(1), static_cast<std::size_t>(st.Int(0)), bits))
    return Internal("damaged processed_cycle row");
  return bits;
}

Result<std::vector<engine::Incident>> SqliteStoreImpl::Incidents(const EntityId& entity,
                                                                 Service service) {
  if (!ValidService(service)) return InvalidArgument("unknown service");
  TLDMON_RETURN_IF_ERROR(Refresh());
  const EntityRow* e = FindEntity(entity);
  if (e == nullptr) return NotFound("unknown entity " + entity.Path());
  TLDMON_SQLITE_STMT(
      st, *db_,
      "SELECT event_id, start_time, end_time, false_positive, fp_update_time,"
      " down_cycles FROM incident WHERE entity_id = ?1 AND service = ?2 ORDER BY pos");
  st.Bind(1, e->row_id).Bind(2, static_cast<std::int64_t>(service));
  std::vector<engine::Incident> out;
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    engine::Incident inc;
    inc.event_id = Unbits(st.Int(0));
    inc.start_time = st.Int(1);
    inc.end_time = st.OptTime(2);
    inc.false_positive = st.Int(3) != 0;
    inc.fp_update_time = st.OptTime(4);
    if (!DecodeDownCycles(inc.start_time, st.Blob(5), inc.down_cycles))
      return Internal("damaged incident down_cycles");
    out.push_back(std::move(inc));
  }
  return out;
}

}  // namespace tldmon::store
