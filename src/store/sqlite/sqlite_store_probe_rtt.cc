// The dashboard's history tables (migration 10, docs/formats/store-schema.md):
// per-probe RTTs and NSID sightings, written inside CommitCycle's
// transaction, and the kept monthly documents; read one entity at a time.
#include <algorithm>
#include <map>

#include "store/rtt_codec.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace tldmon::store {

Status SqliteStoreImpl::WriteProbeRtts(const engine::CycleOutput& out) {
  for (const engine::EntityProbeRtts& e : out.probe_rtts) {
    // Bound without a copy: the body must live until Run().
    const std::string body = EncodeProbeRttBody(e);
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO probe_rtt (entity_id, cycle, body) VALUES (?1, ?2, ?3)");
    st.Bind(1, FindEntity(e.entity)->row_id)
        .Bind(2, static_cast<std::int64_t>(out.cycle))
        .BindBlob(3, body);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  for (const engine::NsidSighting& n : out.nsids) {
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO nsid_sighting (entity_id, cycle, ns, ip, probe, nsid)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.Bind(1, FindEntity(n.entity)->row_id)
        .Bind(2, static_cast<std::int64_t>(out.cycle))
        .Bind(3, static_cast<std::int64_t>(n.ns))
        .Bind(4, static_cast<std::int64_t>(n.ip))
        .Bind(5, static_cast<std::int64_t>(n.probe))
        .Bind(6, n.nsid);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  return Status::Ok();
}

Status SqliteStoreImpl::ForEachVarintRecord(
    const char* select_sql, const EntityId& entity, UnixSeconds from, UnixSeconds to,
    const std::function<bool(UnixSeconds, std::string_view)>& decode) {
  TLDMON_RETURN_IF_ERROR(Refresh());
  const EntityRow* e = FindEntity(entity);
  if (e == nullptr) return NotFound("unknown entity " + entity.Path());
  TLDMON_SQLITE_STMT(st, *db_, select_sql);
  st.Bind(1, e->row_id)
      .Bind(2, static_cast<std::int64_t>(from))
      .Bind(3, static_cast<std::int64_t>(to));
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const UnixSeconds cycle = st.Int(0);
    if (!decode(cycle, st.Blob(1)))
      return Internal("damaged row of " + entity.Path() + " at cycle " + std::to_string(cycle) +
                      " (" + select_sql + ")");
  }
  return Status::Ok();
}

Status SqliteStoreImpl::ForEachProbeRtt(const EntityId& entity, UnixSeconds from, UnixSeconds to,
                                        const std::function<void(const ProbeCycleRtt&)>& visit) {
  return ForEachVarintRecord(
      "SELECT cycle, body FROM probe_rtt"
      " WHERE entity_id = ?1 AND cycle >= ?2 AND cycle < ?3 ORDER BY cycle",
      entity, from, to, [&](UnixSeconds cycle, std::string_view body) {
        return DecodeProbeRttBody(cycle, body, visit);
      });
}

Result<std::vector<NsidChange>> SqliteStoreImpl::NsidChanges(const EntityId& entity,
                                                             UnixSeconds to) {
  TLDMON_RETURN_IF_ERROR(Refresh());
  const EntityRow* e = FindEntity(entity);
  if (e == nullptr) return NotFound("unknown entity " + entity.Path());
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT cycle, ns, ip, probe, nsid FROM nsid_sighting"
                     " WHERE entity_id = ?1 AND cycle < ?2 ORDER BY cycle, ns, ip, probe");
  st.Bind(1, e->row_id).Bind(2, static_cast<std::int64_t>(to));
  std::vector<NsidChange> out;
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({st.Int(0), static_cast<std::uint16_t>(st.Int(1)),
                   static_cast<std::uint16_t>(st.Int(2)), static_cast<ProbeIndex>(st.Int(3)),
                   std::string(st.Text(4))});
  }
  return out;
}

Status SqliteStoreImpl::KeepMonthlyFigures(std::span<const MonthlyFiguresRow> rows) {
  TLDMON_RETURN_IF_ERROR(Refresh());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string where = "monthly figures #" + std::to_string(i) + ": ";
    if (FindEntity(rows[i].entity) == nullptr)
      return InvalidArgument(where + "unknown entity " + rows[i].entity.Path());
    if (MonthStart(rows[i].month) != rows[i].month)
      return InvalidArgument(where + std::to_string(rows[i].month) + " is not a month start");
    if (static_cast<int>(rows[i].test) >= kTestKindCount)
      return InvalidArgument(where + "unknown test kind");
  }
  Result<sqlite::Transaction> txn = sqlite::Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  for (const MonthlyFiguresRow& r : rows) {
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT OR REPLACE INTO monthly_figures (entity_id, month, test, body)"
                       " VALUES (?1, ?2, ?3, ?4)");
    st.Bind(1, FindEntity(r.entity)->row_id)
        .Bind(2, static_cast<std::int64_t>(r.month))
        .Bind(3, static_cast<std::int64_t>(r.test))
        .Bind(4, r.body);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  return txn->Commit();
}

Result<std::vector<MonthlyFiguresRow>> SqliteStoreImpl::KeptMonthlyFigures(const EntityId& entity) {
  TLDMON_RETURN_IF_ERROR(Refresh());
  const EntityRow* e = FindEntity(entity);
  if (e == nullptr) return NotFound("unknown entity " + entity.Path());
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT month, test, body FROM monthly_figures WHERE entity_id = ?1"
                     " ORDER BY month, test");
  st.Bind(1, e->row_id);
  std::vector<MonthlyFiguresRow> out;
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({entity, st.Int(0), static_cast<TestKind>(st.Int(1)), std::string(st.Text(2))});
  }
  return out;
}

}  // namespace tldmon::store
