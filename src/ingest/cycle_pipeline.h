// CyclePipeline: the per-cycle flow of the central side (DESIGN.md
// "Components and data flow"): ingest -> engine -> store -> documents.
//
//   AcceptReports / AcceptProbeMinutes   validate and store probe data
//                                        (Store::PutReports: all-or-nothing,
//                                        a repeat is a no-op)
//   ProcessDue(now)                      for each test kind in order (DNS,
//                                        RDDS, RDAP, then EPP if any entity
//                                        has it), every cycle whose last
//                                        second + grace <= now (or, with a
//                                        DeliveryTracker, the catch-up rule
//                                        of delivery_tracker.h): record the
//                                        cycle's probe minutes in the engine,
//                                        Engine::ProcessCycle with the stored
//                                        reports, Store::CommitCycle, then
//                                        render and publish the documents.
//
// The store is the only source of probe data for processing, and every
// processed cycle is committed with the engine state in one transaction, so
// a kill at any moment loses nothing: Open() restores the engine from
// Store::LoadEngineState() and continues with the first cycle (and probe
// minute) after the last committed one, producing exactly what an
// uninterrupted run would.
//
// Time comes only from the `now` arguments and the Clock (never the wall
// clock). Not thread-safe: one owner (the engine thread) calls every method;
// the Store and the DocumentStore are thread-safe for other readers.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/probe_minute.h"
#include "core/probe_report.h"
#include "core/status.h"
#include "core/time.h"
#include "documents/document_store.h"
#include "engine/alert_tracker.h"
#include "engine/engine.h"
#include "ingest/delivery_tracker.h"
#include "ingest/named_report.h"
#include "store/store.h"

namespace tldmon::ingest {

struct PipelineOptions {
  // Wait after a cycle's last second before processing it, so late probe
  // data is still counted (slam-algorithms.md §5 step 3: 120 s).
  UnixSeconds grace_seconds = 120;
  // Where monitoring begins when the store holds no engine state yet: the
  // first cycle of each test kind is the first one starting at or after it.
  // Ignored for test kinds the restored state has already processed.
  UnixSeconds start = 0;
  // Render and publish documents after each cycle (off for pure number
  // crunching, e.g. a simulation that only wants the final figures).
  bool publish_documents = true;
  // Delivery watermarks and the catch-up rule (delivery_tracker.h), owned by
  // the caller so that they outlive a re-open. Null: every cycle is
  // processed once its grace has passed (simulations, admin commands).
  DeliveryTracker* deliveries = nullptr;
  // Alert rules (engine/alert_tracker.h, docs/alerts.md): after each cycle
  // the pipeline records the alert events and the tracker's state in the
  // store (Store::RecordAlerts), before the cycle commits. nullopt: no alerts
  // (simulations, admin commands).
  std::optional<engine::AlertRules> alerts;
};

// What AcceptNamedReports did: the matched reports went to the store
// (`stored`), the others were refused, each with its reason.
struct NamedIntake {
  store::PutOutcome stored;
  std::vector<std::string> refused;  // one reason per refused report, in input order
};

// What one ProcessDue call did.
struct ProcessOutcome {
  int cycles = 0;                              // cycles processed, all test kinds
  std::array<int, kTestKindCount> per_test{};  // by TestKind
  int incidents_opened = 0;
  int incidents_closed = 0;
  int alerts_fired = 0;     // alert events recorded (alert_tracker.h)
  int alerts_resolved = 0;
  // Stored reports left out of their cycle because they no longer fit the
  // configuration in force (see ProcessDue).
  int reports_refused = 0;
};

class CyclePipeline {
 public:
  // Loads SlaParams, entities and probes from `store`, restores the engine
  // from its last committed state (or starts fresh at options.start) and, if
  // `documents` is given, publishes every entity's documents. `store`,
  // `documents` (may be null) and `clock` must outlive the pipeline.
  static Result<std::unique_ptr<CyclePipeline>> Open(store::Store* store,
                                                     documents::DocumentStore* documents,
                                                     const Clock* clock, PipelineOptions options);

  // Stores probe reports (see Store::PutReports for validation). Reports for
  // cycles already processed are stored but no longer change any verdict.
  // The indexes are those of the configuration the engine holds now; every
  // DNS metric is stored with the address its indexes name (Metric::ip), so
  // an edit of the name-server list before the cycle is processed cannot
  // move its value to another server (see ProcessDue).
  Result<store::PutOutcome> AcceptReports(std::span<const ProbeReport> reports);
  // Stores reports in their by-name form (named_report.h): each is matched
  // to its entity's configuration in force for its cycle — the one the
  // engine holds, which is the one that processes every cycle not yet
  // processed — and stored, or refused with a reason (an unknown entity, a
  // name server or address no longer configured, ...). Store errors (and a
  // matched batch the store rejects) fail the call.
  Result<NamedIntake> AcceptNamedReports(std::span<const NamedProbeReport> reports);
  // Stores one minute of probe status inputs (Store::PutProbeMinutes) and
  // advances the delivering probes' watermarks (PipelineOptions::deliveries).
  Result<store::PutOutcome> AcceptProbeMinutes(UnixSeconds minute,
                                               std::span<const ProbeMinuteSample> samples);

  // Processes every due cycle (see file comment). A cycle's stored reports
  // are first fitted to the configuration in force (an admin edit may have
  // landed between intake and processing, within the grace period): a DNS
  // metric whose address is no longer at its indexes is re-indexed to the
  // one place that address has now, and a report with a metric that has no
  // place (a removed server or address, an index out of range) is left out
  // of the cycle and counted in reports_refused - never attributed to
  // another server, and never a processing error that would stop the
  // engine on every tick. On error the failing cycle
  // is not committed, and since the engine may already have moved past what
  // the store holds, the pipeline refuses further work (FailedPrecondition):
  // the caller re-Open()s it from the store, which is always consistent.
  Result<ProcessOutcome> ProcessDue(UnixSeconds now);
  // ProcessDue(clock->Now()).
  Result<ProcessOutcome> ProcessDue();

  // Sets or clears an incident's false-positive flag (slam-algorithms.md §7),
  // stores it with the operator's name and republishes the entity.
  Result<engine::IncidentChange> SetFalsePositive(const EntityId& entity, Service service,
                                                  std::string_view incident_id, bool on,
                                                  std::string_view who, UnixSeconds now);

  // Start of the next cycle of `test` to process.
  UnixSeconds NextCycle(TestKind test) const { return next_cycle_[static_cast<std::size_t>(test)]; }
  // The first minute not yet recorded in the engine.
  UnixSeconds NextMinute() const { return next_minute_; }
  // The earliest time from which probe data still matters: min(NextMinute,
  // NextCycle of every processed kind). A feeder that restarts may resend
  // everything from here on (repeats are no-ops).
  UnixSeconds ResumePoint() const;
  // The probes in service that were online in the last recorded minute: the
  // ones a restarted serve waits for (DeliveryTracker::BeginCatchUp). Empty
  // before the first recorded minute.
  std::vector<ProbeIndex> ProbesOnlineBefore() const;
  // The test kinds this pipeline processes, in processing order.
  const std::vector<TestKind>& tests() const { return tests_; }

  const engine::Engine& engine() const { return *engine_; }
  // True iff Open() restored a committed state (false: started fresh).
  bool restored() const { return restored_; }

 private:
  CyclePipeline(store::Store* store, documents::DocumentStore* documents, const Clock* clock,
                PipelineOptions options, std::unique_ptr<engine::Engine> engine,
                std::vector<bool> probe_enabled, bool restored);

  // Records the probe minutes up to and including `last_minute`.
  Status RecordMinutesThrough(UnixSeconds last_minute);
  Status ProcessCycle(TestKind test, UnixSeconds cycle, UnixSeconds now, ProcessOutcome* outcome);

  store::Store* store_;
  documents::DocumentStore* documents_;
  const Clock* clock_;
  PipelineOptions options_;
  std::unique_ptr<engine::Engine> engine_;
  std::vector<bool> probe_enabled_;  // by ProbeIndex; disabled = manually offline
  std::unique_ptr<engine::AlertTracker> alerts_;  // null: options_.alerts is off
  bool restored_ = false;
  Status failed_;  // first processing error; non-OK = unusable (see ProcessDue)
  std::vector<TestKind> tests_;
  std::array<UnixSeconds, kTestKindCount> next_cycle_{};
  UnixSeconds next_minute_ = 0;
};

}  // namespace tldmon::ingest
