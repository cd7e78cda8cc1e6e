#include "ingest/cycle_pipeline.h"

#include <algorithm>
#include <string>
#include <utility>

#include "documents/render_alert.h"
#include "ingest/cycle_documents.h"
#include "ingest/month_archive.h"

namespace tldmon::ingest {
namespace {

// First start of a `delay` cycle at or after t.
UnixSeconds AlignUp(UnixSeconds t, int delay) { return CycleStart(t + delay - 1, delay); }

constexpr std::array<TestKind, 4> kProcessingOrder = {TestKind::kDns, TestKind::kRdds,
                                                      TestKind::kRdap, TestKind::kEpp};

}  // namespace

Result<std::unique_ptr<CyclePipeline>> CyclePipeline::Open(store::Store* store,
                                                           documents::DocumentStore* documents,
                                                           const Clock* clock,
                                                           PipelineOptions options) {
  if (store == nullptr || clock == nullptr)
    return InvalidArgument("pipeline needs a store and a clock");
  auto params = store->LoadSlaParams();
  if (!params.ok()) return params.status();
  auto entities = store->LoadEntities();
  if (!entities.ok()) return entities.status();
  auto records = store->LoadProbes();
  if (!records.ok()) return records.status();
  std::vector<ProbeNode> probes;
  std::vector<bool> enabled;
  for (const store::ProbeRecord& r : *records) {
    probes.push_back(r.node);
    enabled.push_back(r.enabled);
  }

  std::unique_ptr<engine::Engine> eng;
  bool restored = false;
  auto state = store->LoadEngineState();
  if (state.ok()) {
    // The configuration may have changed since the state was committed
    // (`tldmon admin entity ...`, `probe add`): Restore fits the state to it,
    // the same path a scenario's `reconfigure` takes (engine.h).
    auto r = engine::Engine::Restore(*params, *entities, probes, std::move(*state));
    if (!r.ok())
      return Internal("cannot restore the engine from the store: " + r.status().ToString());
    eng = std::make_unique<engine::Engine>(std::move(*r));
    restored = true;
  } else if (state.status().code() == StatusCode::kNotFound) {
    eng = std::make_unique<engine::Engine>(*params, *entities, probes);
  } else {
    return state.status();
  }

  std::unique_ptr<engine::AlertTracker> alerts;
  if (options.alerts) {
    auto saved = store->LoadAlertTracker();
    if (!saved.ok()) return saved.status();
    alerts = std::make_unique<engine::AlertTracker>(*options.alerts,
                                                    saved->value_or(engine::AlertTrackerState{}));
  }
  std::unique_ptr<CyclePipeline> p(new CyclePipeline(store, documents, clock, options,
                                                     std::move(eng), std::move(enabled), restored));
  p->alerts_ = std::move(alerts);
  if (documents != nullptr) documents->Publish(AllDocuments(*p->engine_, clock->Now()));
  return p;
}

CyclePipeline::CyclePipeline(store::Store* store, documents::DocumentStore* documents,
                             const Clock* clock, PipelineOptions options,
                             std::unique_ptr<engine::Engine> engine,
                             std::vector<bool> probe_enabled, bool restored)
    : store_(store),
      documents_(documents),
      clock_(clock),
      options_(options),
      engine_(std::move(engine)),
      probe_enabled_(std::move(probe_enabled)),
      restored_(restored) {
  bool epp = false;
  for (const EntityConfig& e : engine_->entities()) epp = epp || e.IsEnabled(Service::kEpp);
  for (TestKind k : kProcessingOrder)
    if (k != TestKind::kEpp || epp) tests_.push_back(k);

  // The engine state says which minute it recorded last. (Minutes are
  // recorded only as far as a processed cycle needs them and each cycle is
  // committed right after, so that is the end of its latest cycle.)
  const engine::EngineState& st = engine_->state();
  const bool any = st.last_minute != engine::kNever;
  next_minute_ = any ? st.last_minute + 60 : AlignUp(options_.start, 60);
  for (TestKind k : kProcessingOrder) {
    const int delay = engine_->params().CycleSeconds(k);
    const UnixSeconds last = st.last_cycle[static_cast<std::size_t>(k)];
    // A kind not started yet begins where the recorded minutes continue
    // (after a restore) or at the configured start (fresh).
    next_cycle_[static_cast<std::size_t>(k)] =
        last != engine::kNever ? last + delay : AlignUp(any ? next_minute_ : options_.start, delay);
  }
}

Result<store::PutOutcome> CyclePipeline::AcceptReports(std::span<const ProbeReport> reports) {
  const auto needs_address = [](const ProbeReport& r) {
    return r.test == TestKind::kDns && std::any_of(r.metrics.begin(), r.metrics.end(),
                                                   [](const Metric& m) { return m.ip.empty(); });
  };
  if (std::none_of(reports.begin(), reports.end(), needs_address))
    return store_->PutReports(reports);
  std::vector<ProbeReport> addressed(reports.begin(), reports.end());
  for (ProbeReport& r : addressed) {
    const EntityConfig* e = r.test == TestKind::kDns ? engine_->FindEntity(r.entity) : nullptr;
    if (e == nullptr) continue;  // the store refuses an unknown entity with its reason
    for (Metric& m : r.metrics) {
      if (!m.ip.empty() || m.target >= e->name_servers.size()) continue;
      const std::vector<std::string>& ips = e->name_servers[m.target].ips;
      if (m.ip_index < ips.size()) m.ip = ips[m.ip_index];
    }
  }
  return store_->PutReports(addressed);
}

namespace {

// Fits one stored report to `e`, the configuration in force (ProcessDue).
bool FitReport(ProbeReport& r, const EntityConfig& e) {
  if (r.test != TestKind::kDns) return true;
  for (Metric& m : r.metrics) {
    const bool in_range =
        m.target < e.name_servers.size() && m.ip_index < e.name_servers[m.target].ips.size();
    if (m.ip.empty()) {
      if (!in_range) return false;
      continue;
    }
    if (in_range && e.name_servers[m.target].ips[m.ip_index] == m.ip) continue;
    // The list changed since intake: the value belongs to its address.
    int places = 0;
    for (std::size_t n = 0; n < e.name_servers.size(); ++n) {
      const std::vector<std::string>& ips = e.name_servers[n].ips;
      for (std::size_t i = 0; i < ips.size(); ++i) {
        if (ips[i] != m.ip) continue;
        ++places;
        m.target = static_cast<std::uint16_t>(n);
        m.ip_index = static_cast<std::uint16_t>(i);
      }
    }
    if (places != 1) return false;
  }
  return true;
}

}  // namespace

Result<NamedIntake> CyclePipeline::AcceptNamedReports(std::span<const NamedProbeReport> reports) {
  NamedIntake intake;
  std::vector<ProbeReport> matched;
  for (const NamedProbeReport& r : reports) {
    const EntityConfig* in_force = engine_->FindEntity(r.entity);
    if (in_force == nullptr) {
      intake.refused.push_back("report of probe " + std::to_string(r.probe) + " for " +
                               r.entity.Path() + " refused: the entity is not monitored");
      continue;
    }
    auto m = MatchReport(r, *in_force);
    if (m.ok())
      matched.push_back(std::move(*m));
    else
      intake.refused.push_back(m.status().message());
  }
  if (!matched.empty()) {
    auto put = store_->PutReports(matched);
    if (!put.ok()) return put.status();
    intake.stored = *put;
  }
  return intake;
}

Result<store::PutOutcome> CyclePipeline::AcceptProbeMinutes(
    UnixSeconds minute, std::span<const ProbeMinuteSample> samples) {
  auto put = store_->PutProbeMinutes(minute, samples);
  if (put.ok() && options_.deliveries != nullptr)
    for (const ProbeMinuteSample& s : samples) options_.deliveries->Delivered(s.probe, minute);
  return put;
}

std::vector<ProbeIndex> CyclePipeline::ProbesOnlineBefore() const {
  std::vector<ProbeIndex> online;
  const auto& probes = engine_->state().probes;
  for (ProbeIndex p = 0; p < probes.size(); ++p) {
    const bool in_service = p >= probe_enabled_.size() || probe_enabled_[p];
    if (in_service && probes[p].last_minute != engine::kNever && (probes[p].minute_bits & 1) != 0)
      online.push_back(p);
  }
  return online;
}

UnixSeconds CyclePipeline::ResumePoint() const {
  UnixSeconds r = next_minute_;
  for (TestKind k : tests_) r = std::min(r, NextCycle(k));
  return r;
}

Status CyclePipeline::RecordMinutesThrough(UnixSeconds last_minute) {
  while (next_minute_ <= last_minute) {
    auto samples = store_->ProbeMinutes(next_minute_);
    if (!samples.ok()) return samples.status();
    // A probe the operator disabled counts as manually offline (§3.2).
    for (ProbeMinuteSample& s : *samples)
      if (s.probe < probe_enabled_.size() && !probe_enabled_[s.probe]) s.manual_online = false;
    TLDMON_RETURN_IF_ERROR(engine_->RecordProbeMinute(next_minute_, *samples));
    next_minute_ += 60;
  }
  return Status::Ok();
}

Status CyclePipeline::ProcessCycle(TestKind test, UnixSeconds cycle, UnixSeconds now,
                                   ProcessOutcome* outcome) {
  const int delay = engine_->params().CycleSeconds(test);
  TLDMON_RETURN_IF_ERROR(RecordMinutesThrough(cycle + delay - 60));
  auto reports = store_->CycleReports(test, cycle);
  if (!reports.ok()) return reports.status();
  std::vector<ProbeReport>& fitting = *reports;
  std::erase_if(fitting, [&](ProbeReport& r) {
    const EntityConfig* e = engine_->FindEntity(r.entity);
    // An entity removed since intake: its reports have no place either.
    const bool refused = e == nullptr || !FitReport(r, *e);
    if (refused) ++outcome->reports_refused;
    return refused;
  });
  auto out = engine_->ProcessCycle(test, cycle, fitting);
  if (!out.ok()) return out.status();
  // A month's final figures, kept before the cycle commits: a crash in
  // between processes the cycle again and writes them again (idempotent).
  if (IsLastCycleOfMonth(cycle, delay)) {
    TLDMON_RETURN_IF_ERROR(store_->KeepMonthlyFigures(MonthArchive(*engine_, test, cycle, now)));
  }
  // Alert events, likewise before the cycle commits: a replay after a crash
  // finds the tracker already past this cycle and records nothing twice.
  if (alerts_ != nullptr) {
    std::vector<store::StoredAlertEvent> events;
    for (const engine::AlertEvent& e : alerts_->Observe(*engine_, *out)) {
      ++(e.firing ? outcome->alerts_fired : outcome->alerts_resolved);
      events.push_back(
          {0, cycle, e.alert.key.Fingerprint(), e.firing, documents::RenderAlertEvent(e, cycle)});
    }
    TLDMON_RETURN_IF_ERROR(store_->RecordAlerts(alerts_->state(), events));
  }
  TLDMON_RETURN_IF_ERROR(store_->CommitCycle(*out, engine_->state()));
  next_cycle_[static_cast<std::size_t>(test)] = cycle + delay;

  ++outcome->cycles;
  ++outcome->per_test[static_cast<std::size_t>(test)];
  for (const engine::IncidentChange& c : out->incidents) {
    if (c.kind == engine::IncidentChangeKind::kOpened) ++outcome->incidents_opened;
    if (c.kind == engine::IncidentChangeKind::kClosed) ++outcome->incidents_closed;
  }
  if (documents_ != nullptr && options_.publish_documents)
    documents_->Publish(CycleDocuments(*engine_, *out, now));
  return Status::Ok();
}

Result<ProcessOutcome> CyclePipeline::ProcessDue(UnixSeconds now) {
  if (!failed_.ok())
    return FailedPrecondition("pipeline stopped after an error; reopen it: " + failed_.ToString());
  ProcessOutcome outcome;
  // Due: the cycle's last second plus the grace period has passed, or what
  // the delivery tracker says (catch-up rule, early completion).
  const auto due = [&](TestKind k, UnixSeconds cycle) {
    const int delay = engine_->params().CycleSeconds(k);
    if (options_.deliveries == nullptr) return cycle + delay - 1 + options_.grace_seconds <= now;
    return options_.deliveries->MayProcess(cycle + delay, delay, options_.grace_seconds, now,
                                           probe_enabled_);
  };
  // Test kinds interleaved, the cycle that ends first next: the engine
  // keeps the probe minutes of the last hour only (EngineState::
  // recorded_minutes), so after a long backlog (serve down for hours, a
  // new leader taking over) one kind must not run hours ahead of another.
  for (;;) {
    std::optional<TestKind> next;
    UnixSeconds next_end = 0;
    for (TestKind k : tests_) {
      const UnixSeconds c = NextCycle(k);
      if (!due(k, c)) continue;
      const UnixSeconds e = c + engine_->params().CycleSeconds(k);
      if (!next || e < next_end) {
        next = k;
        next_end = e;
      }
    }
    if (!next) break;
    const UnixSeconds c = NextCycle(*next);
    if (Status s = ProcessCycle(*next, c, now, &outcome); !s.ok()) {
      failed_ = Status(s.code(), std::string(TestKindName(*next)) + " cycle " + std::to_string(c) +
                                     ": " + s.message());
      return failed_;
    }
  }
  return outcome;
}

Result<ProcessOutcome> CyclePipeline::ProcessDue() { return ProcessDue(clock_->Now()); }

Result<engine::IncidentChange> CyclePipeline::SetFalsePositive(const EntityId& entity,
                                                               Service service,
                                                               std::string_view incident_id,
                                                               bool on, std::string_view who,
                                                               UnixSeconds now) {
  if (!failed_.ok())
    return FailedPrecondition("pipeline stopped after an error; reopen it: " + failed_.ToString());
  if (who.empty()) return InvalidArgument("a false-positive change needs the operator's name");
  auto change = engine_->SetFalsePositive(entity, service, incident_id, on, now);
  if (!change.ok()) return change.status();
  store::FalsePositiveChange fp;
  fp.entity = entity;
  fp.service = service;
  fp.incident_id = std::string(incident_id);
  fp.on = on;
  fp.time = now;
  fp.who = std::string(who);
  const auto it = engine_->state().entities.find(entity);
  if (it == engine_->state().entities.end()) return Internal("engine lost " + entity.Path());
  if (Status s = store_->CommitFalsePositive(fp, it->second); !s.ok()) {
    failed_ = s;  // the engine holds a flag the store does not
    return s;
  }
  if (documents_ != nullptr && options_.publish_documents) {
    if (const EntityConfig* e = engine_->FindEntity(entity)) {
      documents::DocumentBatch batch;
      const Service services[] = {service};
      AddEntityDocuments(*engine_, *e, services, now, IncidentDocs::kAll, {}, &batch);
      documents_->Publish(std::move(batch));
    }
  }
  return change;
}

}  // namespace tldmon::ingest
