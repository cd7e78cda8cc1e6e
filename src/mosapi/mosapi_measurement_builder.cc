#include "mosapi/mosapi_measurement_builder.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "documents/render_measurement.h"

namespace tldmon::mosapi {

Result<std::shared_ptr<const Representation>> MeasurementBuilder::Build(
    const MonitoringConfig& config, const EntityConfig& entity, Service service,
    documents::ApiVersion version, UnixSeconds cycle) {
  using Found = std::shared_ptr<const Representation>;
  const int cycle_seconds = config.CycleSeconds(service);
  if (service == Service::kEpp || !documents::ServiceInTree(entity.id.kind, version, service) ||
      cycle_seconds <= 0 || FloorMod(cycle, cycle_seconds) != 0)
    return Found();

  const std::string key =
      MeasurementCache::Key(entity.id, service, static_cast<int>(version), cycle);
  if (Found hit = cache_.Find(key)) return hit;

  Result<std::vector<store::CycleVerdict>> verdict =
      store_.Verdicts(entity.id, service, cycle, cycle + 1);
  if (!verdict.ok()) return verdict.status();
  if (verdict->empty()) return Found();
  const TestKind test = TestKindOf(service);
  // Committed with the verdict, in the same transaction (store.h CommitCycle).
  Result<std::vector<bool>> online = store_.CycleProbeOnline(test, cycle);
  if (!online.ok()) return online.status();
  Result<std::vector<ProbeReport>> reports = store_.EntityCycleReports(entity.id, test, cycle);
  if (!reports.ok()) return reports.status();
  Result<std::optional<EntityConfig>> then = store_.EntityConfigAt(entity.id, cycle);
  if (!then.ok()) return then.status();
  const EntityConfig& in_force = then->has_value() ? **then : entity;

  documents::MeasurementInput in;
  in.entity = &in_force;
  in.service = service;
  in.cycle = cycle;
  in.status = verdict->front().verdict.status;
  in.probes = config.probes;
  in.probe_order = config.probe_order;
  in.probe_online = &*online;
  in.reports = *reports;
  in.params = &config.params;
  in.min_ns = in_force.min_ns.At(cycle);
  const UnixSeconds cycle_end = cycle + cycle_seconds;
  std::string body;
  const Status rendered =
      documents::AppendMeasurement(documents::Envelope{version, cycle_end}, in, &body);
  // InvalidArgument: no such object in this tree (checked above already).
  if (!rendered.ok()) return Found();
  Found object = Representation::FromString(std::move(body), cycle_end);
  cache_.Insert(key, object);
  return object;
}

}  // namespace tldmon::mosapi
