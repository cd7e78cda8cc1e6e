// PostgresStore: what the reads on pooled connections need from the store
// (postgres/pg_pool.h): an entity's row id, and a dictionary to decode
// report bodies with. Both are the read side's own, under read_mu_, so a
// read never takes mu_, which a write (the engine's cycle commit, an
// ingest batch) holds for its whole transaction.
#include "store/postgres/postgres_store.h"
#include "store/report_validation.h"

namespace tldmon::store {

using postgres::PgConn;
using postgres::PgParam;

Result<std::int64_t> PostgresStore::ReadRowId(PgConn& c, const EntityId& id) const {
  {
    MutexLock lock(read_mu_);
    auto it = read_rows_.find(id);
    if (it != read_rows_.end()) return it->second;
  }
  // Active or removed: reads of a removed entity's history go on working,
  // as they do through the catalog.
  auto r = c.Exec("SELECT id FROM entity WHERE kind = $1 AND name = $2",
                  {PgParam(static_cast<int>(id.kind)), PgParam(id.id)});
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return NotFound("unknown entity " + id.Path());
  const std::int64_t row = r->Int(0, 0);
  MutexLock lock(read_mu_);
  read_rows_.emplace(id, row);
  return row;
}

Status PostgresStore::DecodeRead(PgConn& c, const EntityId& entity, TestKind test,
                                 UnixSeconds cycle, std::span<const RawReport> raw,
                                 std::vector<ProbeReport>& out) const {
  MutexLock lock(read_mu_);
  for (const RawReport& body : raw) {
    ProbeReport r;
    r.probe = body.probe;
    r.entity = entity;
    r.test = test;
    r.cycle = cycle;
    if (!DecodeReportBody(body.body, read_dict_, r)) {
      // The codes were added after this host's read side last looked. The
      // query runs under read_mu_: rare, and other reads then wait for the
      // codes anyway.
      TLDMON_RETURN_IF_ERROR(LoadDictionaryTail(c, read_dict_));
      if (!DecodeReportBody(body.body, read_dict_, r))
        return Internal("damaged report body (" + DescribeReport(r) + ")");
    }
    out.push_back(std::move(r));
  }
  return Status::Ok();
}

}  // namespace tldmon::store
