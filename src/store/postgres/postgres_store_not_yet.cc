// PostgresStore: the methods not yet ported from SqliteStore (see
// postgres_store.h). Each says so rather than pretending.
#include "store/postgres/postgres_store.h"

namespace tldmon::store {

Status PostgresStore::NotYet(const char* what) {
  return FailedPrecondition(std::string("Store::") + what + " is not yet on PostgreSQL (issue 13)");
}

Result<CompactionOutcome> PostgresStore::CompactDay(UnixSeconds /*day*/) {
  return NotYet("CompactDay");
}

Result<RetentionOutcome> PostgresStore::DropProbeDataBefore(UnixSeconds /*before*/) {
  return NotYet("DropProbeDataBefore");
}

Status PostgresStore::CommitCycle(const engine::CycleOutput& /*output*/, const engine::EngineState& /*state*/) {
  return NotYet("CommitCycle");
}

Status PostgresStore::CommitFalsePositive(const FalsePositiveChange& /*change*/, const engine::EntityState& /*entity_state*/) {
  return NotYet("CommitFalsePositive");
}

Result<engine::EngineState> PostgresStore::LoadEngineState() const {
  return NotYet("LoadEngineState");
}

Result<std::vector<CycleVerdict>> PostgresStore::Verdicts(const EntityId& /*entity*/, Service /*service*/, UnixSeconds /*from*/, UnixSeconds /*to*/) const {
  return NotYet("Verdicts");
}

Result<std::vector<NsIpCycleVerdict>> PostgresStore::NsIpVerdicts(const EntityId& /*entity*/, UnixSeconds /*from*/, UnixSeconds /*to*/) const {
  return NotYet("NsIpVerdicts");
}

Status PostgresStore::ForEachNsIpRtt(const EntityId& /*entity*/, UnixSeconds /*from*/, UnixSeconds /*to*/, const std::function<void(const NsIpRtt&)>& /*visit*/) const {
  return NotYet("ForEachNsIpRtt");
}

Status PostgresStore::ForEachProbeRtt(const EntityId& /*entity*/, UnixSeconds /*from*/, UnixSeconds /*to*/, const std::function<void(const ProbeCycleRtt&)>& /*visit*/) const {
  return NotYet("ForEachProbeRtt");
}

Result<std::vector<NsidChange>> PostgresStore::NsidChanges(const EntityId& /*entity*/, UnixSeconds /*to*/) const {
  return NotYet("NsidChanges");
}

Result<std::vector<bool>> PostgresStore::CycleProbeOnline(TestKind /*test*/, UnixSeconds /*cycle*/) const {
  return NotYet("CycleProbeOnline");
}

Result<std::vector<engine::Incident>> PostgresStore::Incidents(const EntityId& /*entity*/, Service /*service*/) const {
  return NotYet("Incidents");
}

Result<std::vector<FalsePositiveChange>> PostgresStore::FalsePositiveHistory(const EntityId& /*entity*/, Service /*service*/) const {
  return NotYet("FalsePositiveHistory");
}

}  // namespace tldmon::store
