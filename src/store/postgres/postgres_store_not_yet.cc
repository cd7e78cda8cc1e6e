// PostgresStore: the methods not yet ported from SqliteStore (see
// postgres_store.h). Each says so rather than pretending.
#include "store/postgres/postgres_store.h"

namespace tldmon::store {

Status PostgresStore::NotYet(const char* what) {
  return FailedPrecondition(std::string("Store::") + what + " is not yet on PostgreSQL (issue 13)");
}

Result<PutOutcome> PostgresStore::PutReports(std::span<const ProbeReport> /*reports*/) {
  return NotYet("PutReports");
}

Result<PutOutcome> PostgresStore::PutReportsFirstWins(std::span<const ProbeReport> /*reports*/, std::vector<bool>* /*duplicate*/) {
  return NotYet("PutReportsFirstWins");
}

Result<PutOutcome> PostgresStore::PutProbeMinutes(UnixSeconds /*minute*/, std::span<const ProbeMinuteSample> /*samples*/) {
  return NotYet("PutProbeMinutes");
}

Result<CompactionOutcome> PostgresStore::CompactDay(UnixSeconds /*day*/) {
  return NotYet("CompactDay");
}

Result<std::optional<UnixSeconds>> PostgresStore::OldestRawDay() const {
  return NotYet("OldestRawDay");
}

Result<RetentionOutcome> PostgresStore::DropProbeDataBefore(UnixSeconds /*before*/) {
  return NotYet("DropProbeDataBefore");
}

Result<std::vector<DayStorage>> PostgresStore::StorageByDay() const {
  return NotYet("StorageByDay");
}

Result<std::vector<ProbeReport>> PostgresStore::CycleReports(TestKind /*test*/, UnixSeconds /*cycle*/) const {
  return NotYet("CycleReports");
}

Result<std::vector<ProbeReport>> PostgresStore::EntityCycleReports(const EntityId& /*entity*/, TestKind /*test*/, UnixSeconds /*cycle*/) const {
  return NotYet("EntityCycleReports");
}

Result<std::vector<ProbeMinuteSample>> PostgresStore::ProbeMinutes(UnixSeconds /*minute*/) const {
  return NotYet("ProbeMinutes");
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

Status PostgresStore::KeepMonthlyFigures(std::span<const MonthlyFiguresRow> /*rows*/) {
  return NotYet("KeepMonthlyFigures");
}

Result<std::vector<MonthlyFiguresRow>> PostgresStore::KeptMonthlyFigures(const EntityId& /*entity*/) const {
  return NotYet("KeptMonthlyFigures");
}

Status PostgresStore::RecordAlerts(const engine::AlertTrackerState& /*state*/, std::span<const StoredAlertEvent> /*events*/) {
  return NotYet("RecordAlerts");
}

Result<std::optional<engine::AlertTrackerState>> PostgresStore::LoadAlertTracker() const {
  return NotYet("LoadAlertTracker");
}

Result<std::vector<StoredAlertEvent>> PostgresStore::AlertEventsAfter(std::int64_t /*after*/, std::size_t /*limit*/) const {
  return NotYet("AlertEventsAfter");
}

Result<std::int64_t> PostgresStore::AlertCursor(std::string_view /*channel*/) const {
  return NotYet("AlertCursor");
}

Status PostgresStore::SetAlertCursor(std::string_view /*channel*/, std::int64_t /*delivered*/) {
  return NotYet("SetAlertCursor");
}

Status PostgresStore::RecordAlertDelivery(std::string_view /*channel*/, std::optional<std::int64_t> /*delivered_through*/, std::span<const AlertDelivery> /*log*/) {
  return NotYet("RecordAlertDelivery");
}

Result<std::vector<AlertDelivery>> PostgresStore::AlertDeliveries(std::string_view /*channel*/, std::size_t /*limit*/) const {
  return NotYet("AlertDeliveries");
}

Result<std::int64_t> PostgresStore::LastAlertEventId() const {
  return NotYet("LastAlertEventId");
}

Status PostgresStore::RecordSourceAlerts(std::string_view /*source*/, std::string_view /*state*/, std::span<const StoredAlertEvent> /*events*/) {
  return NotYet("RecordSourceAlerts");
}

Result<std::optional<std::string>> PostgresStore::SourceAlertState(std::string_view /*source*/) const {
  return NotYet("SourceAlertState");
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
