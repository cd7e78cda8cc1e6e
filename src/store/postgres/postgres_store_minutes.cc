// PostgresStore: the probe minutes (PostgreSQL migration 5), idempotent on
// (minute, probe) as PutReports is on its key.
#include "store/postgres/postgres_store.h"

namespace tldmon::store {

using postgres::PgParam;
using postgres::PgTransaction;

Result<PutOutcome> PostgresStore::PutProbeMinutes(UnixSeconds minute,
                                                  std::span<const ProbeMinuteSample> samples) {
  if (FloorMod(minute, 60) != 0)
    return InvalidArgument("minute " + std::to_string(minute) + " is not aligned to 60 s");
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  auto count = conn_->Exec("SELECT count(*) FROM probe");
  if (!count.ok()) return count.status();
  const auto probes = static_cast<std::size_t>(count->Int(0, 0));
  for (std::size_t i = 0; i < samples.size(); ++i)
    if (samples[i].probe >= probes)
      return InvalidArgument("sample #" + std::to_string(i) + " (minute " + std::to_string(minute) +
                             "): probe index " + std::to_string(samples[i].probe) +
                             " out of range (" + std::to_string(probes) + " probes configured)");
  PutOutcome out;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const ProbeMinuteSample& s = samples[i];
    const PgParam at(static_cast<std::int64_t>(minute));
    const PgParam probe(static_cast<std::int64_t>(s.probe));
    auto inserted = conn_->Exec(
        "INSERT INTO probe_minute (minute, probe, check_ok, manual_online, reachable)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        {at, probe, PgParam(s.check_ok), PgParam(s.manual_online), PgParam(s.reachable)});
    if (!inserted.ok()) return inserted.status();
    if (inserted->affected() == 1) {
      ++out.inserted;
      continue;
    }
    auto existing = conn_->Exec(
        "SELECT check_ok, manual_online, reachable FROM probe_minute WHERE minute = $1 AND probe = $2",
        {at, probe});
    if (!existing.ok()) return existing.status();
    if (existing->rows() != 1) return Internal("probe minute insert ignored but no row found");
    if (existing->Bool(0, 0) != s.check_ok || existing->Bool(0, 1) != s.manual_online ||
        existing->Bool(0, 2) != s.reachable)
      return AlreadyExists("sample #" + std::to_string(i) + " (minute " + std::to_string(minute) +
                           ", probe " + std::to_string(s.probe) +
                           ") differs from the sample already stored");
    ++out.duplicates;
  }
  TLDMON_RETURN_IF_ERROR(txn->Commit());
  return out;
}

Result<std::vector<ProbeMinuteSample>> PostgresStore::ProbeMinutes(UnixSeconds minute) const {
  MutexLock lock(mu_);
  auto r = conn_->Exec(
      "SELECT probe, check_ok, manual_online, reachable FROM probe_minute"
      " WHERE minute = $1 ORDER BY probe",
      {PgParam(static_cast<std::int64_t>(minute))});
  if (!r.ok()) return r.status();
  std::vector<ProbeMinuteSample> out;
  for (int row = 0; row < r->rows(); ++row) {
    ProbeMinuteSample s;
    s.probe = static_cast<ProbeIndex>(r->Int(row, 0));
    s.check_ok = r->Bool(row, 1);
    s.manual_online = r->Bool(row, 2);
    s.reachable = r->Bool(row, 3);
    out.push_back(s);
  }
  return out;
}

}  // namespace tldmon::store
