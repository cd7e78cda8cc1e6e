// Engine: the pure SLA logic (DESIGN.md "The engine is pure"). Given the
// configuration in force, the probe results of a cycle and the previous
// state, it returns the cycle's verdicts, incident transitions and counters.
// No I/O, no clock, no locks; deterministic. Not thread-safe: one owner.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/monitoring_config.h"
#include "core/probe_minute.h"
#include "core/probe_report.h"
#include "core/status.h"
#include "engine/engine_state.h"
#include "engine/entity_index.h"
#include "engine/ns_ip_verdict.h"
#include "engine/probe_verdict.h"
#include "engine/sla_params.h"

namespace tldmon::engine {

// ProbeMinuteSample is probe-facing vocabulary (core/probe_minute.h). This
// alias keeps `engine::ProbeMinuteSample` compiling in modules outside this
// change (sim/network, bench); new code writes tldmon::ProbeMinuteSample.
using ProbeMinuteSample = ::tldmon::ProbeMinuteSample;

struct ServiceVerdict {
  EntityId entity;
  Service service = Service::kDns;
  CycleStatus status = CycleStatus::kUp;
  int online = 0;        // probes online for the whole cycle (capable of the test)
  int with_results = 0;  // of those, probes with a result
  int positive = 0;      // of those, probes whose test was positive
};

struct NsIpVerdict {
  EntityId entity;
  std::uint16_t ns = 0;      // index in EntityConfig::name_servers
  std::uint16_t ip = 0;      // index in that name server's ips
  CycleStatus status = CycleStatus::kUp;
  int values = 0;            // n: values from all probes
  int down = 0;              // of those, down
  RttSummary udp, tcp;       // the RTT values among them, by transport
};

// Every probe with an RTT for one entity in one DNS cycle, by probe index.
struct EntityProbeRtts {
  EntityId entity;
  std::vector<ProbeRtt> probes;
};

enum class IncidentChangeKind { kOpened, kClosed, kFalsePositiveSet, kFalsePositiveCleared };

struct IncidentChange {
  EntityId entity;
  Service service = Service::kDns;
  IncidentChangeKind kind = IncidentChangeKind::kOpened;
  Incident incident;  // the incident after the change
};

struct CycleOutput {
  TestKind test = TestKind::kDns;
  UnixSeconds cycle = 0;
  std::vector<bool> probe_online;          // indexed by ProbeIndex: online the whole cycle
  std::vector<ServiceVerdict> verdicts;    // one per (entity, enabled service of this test)
  std::vector<NsIpVerdict> ns_ips;         // DNS cycles only
  std::vector<EntityProbeRtts> probe_rtts; // DNS cycles only; entities with an RTT
  std::vector<NsidSighting> nsids;         // DNS cycles only; changes only
  std::vector<IncidentChange> incidents;   // opened/closed in this cycle
};

// What MoSAPI shows for one service after the latest cycle (documents use it).
struct ServiceSummary {
  bool enabled = false;
  CycleStatus status = CycleStatus::kUp;      // latest cycle value
  int downtime_minutes = 0;                   // rolling week
  double emergency_threshold = 0;             // round3(downtime*100/SLA)
  std::string alarmed;                        // "Yes", "No" or "Disabled"
  // Overlapping the rolling week, ascending. Pointers into the engine's
  // state: valid until the next non-const call on the Engine.
  std::vector<const Incident*> week_incidents;
};

// Monthly figures for reports and the dashboard (slam-algorithms.md §8, §9).
struct MonthlyFigures {
  UnixSeconds month = 0;
  int downtime_minutes = 0;       // incident-gated; DNS writes 0 on a month's first cycle
  int downtime_slr_minutes = 0;
  bool downtime_met = true;
};

struct RttRatio {
  std::int64_t performed = 0, failed = 0, expected = 0;
  std::int64_t cycles_left = 0;
  double pfailed = 0;       // 100*failed/(performed + cycles_left*expected)
  bool met = true;          // pfailed <= allowed
};

// Monthly downtime of one name-server IP (slam-algorithms.md §8, E9): Down
// NS-IP cycles of the month, not incident-gated.
struct NsIpMonthly {
  std::string ns;
  std::string ip;
  UnixSeconds month = 0;
  int downtime_minutes = 0;        // Down NS-IP cycles x cycle length in minutes
  int downtime_slr_minutes = 432;  // SlaParams::ns_downtime_slr_minutes
  bool downtime_met = true;        // downtime <= SLR (432 met, 433 breached)
  CycleStatus last_status = CycleStatus::kUp;
};

class Engine {
 public:
  // Starts from an empty state. Configs must be Validate()d.
  Engine(SlaParams params, std::vector<EntityConfig> entities, std::vector<ProbeNode> probes);
  // The one way a configuration reaches an engine that has run before:
  // resumes from `state` (the last committed one after a restart, or the
  // running engine's own state after an admin edit or a scenario's
  // `reconfigure`/`sla`) under a configuration that may have changed since
  // the state was made. The state is first fitted to the configuration by
  // ReconcileState (state_reconcile.h: removed entities dropped, new ones
  // fresh, NS-IP counters kept per (ns, ip), appended probes fresh);
  // entities whose configuration changed carry the change time in
  // config_times, so the cycles from that minute on are
  // Up-inconclusive-reconfig (slam-algorithms.md §5). Errors (InvalidArgument):
  // invalid parameters or configuration, a state with more probes than
  // configured (probes are never removed: that is damage), an incident whose
  // event id is not below next_event_id.
  static Result<Engine> Restore(SlaParams params, std::vector<EntityConfig> entities,
                                std::vector<ProbeNode> probes, EngineState state);

  // Records the status inputs of every probe for the minute starting at
  // `minute`. Minutes must be fed in ascending order; a probe absent from
  // `samples` is OFFLINE for that minute. Errors (state unchanged): minute not
  // a multiple of 60 or a probe index out of range or repeated =>
  // InvalidArgument; minute not after the previous one => FailedPrecondition.
  // Minutes may be skipped: a skipped minute is OFFLINE for every probe and
  // counts as not recorded. The engine remembers the last 64 minutes, so a
  // cycle must be processed within 64 minutes (of recorded time) of its start.
  Status RecordProbeMinute(UnixSeconds minute, std::span<const ProbeMinuteSample> samples);

  // Processes one cycle of one test kind: every report with that test and
  // cycle (any order; reports for other cycles are rejected). Cycles of a
  // test kind must be processed in ascending order without gaps once
  // started; every minute of the cycle must have been recorded.
  // Errors leave the state unchanged: FailedPrecondition for a gap, a repeat
  // or unrecorded minutes; InvalidArgument for EPP (no test, never a
  // verdict), a misaligned cycle, a report of another test or cycle, an
  // unknown entity, a probe or metric target/IP index out of range, or two
  // reports of one probe for one entity. Reports for a service the entity
  // does not have enabled, or from a probe not capable of the test, are
  // ignored.
  Result<CycleOutput> ProcessCycle(TestKind test, UnixSeconds cycle,
                                   std::span<const ProbeReport> reports);

  // Sets or clears the false-positive flag of an incident; downtime figures
  // derived afterwards exclude (or include again) its Down cycles.
  Result<IncidentChange> SetFalsePositive(const EntityId& entity, Service service,
                                          std::string_view incident_id, bool on,
                                          UnixSeconds now);

  // Figures as of the last processed cycle of the service's test kind.
  ServiceSummary Summarize(const EntityId& entity, Service service) const;
  MonthlyFigures Monthly(const EntityId& entity, Service service) const;
  // One RTT item kind; for RDDS43 and RDDS80 these are the per-interface
  // counters, while the SLA figure is MonthlyRddsRtt.
  RttRatio MonthlyRtt(const EntityId& entity, RttKind kind) const;
  // The RDDS RTT ratio over RDDS43 and RDDS80 items together, as RSM keeps
  // it (slam-algorithms.md §9; docs/spec-map.md, issue 8 C4).
  RttRatio MonthlyRddsRtt(const EntityId& entity) const;
  // One element per configured (ns, ip) pair, in configuration order; empty
  // for an unknown entity. As of the last processed DNS cycle.
  std::vector<NsIpMonthly> MonthlyNsIp(const EntityId& entity) const;

  const EngineState& state() const { return state_; }
  const SlaParams& params() const { return params_; }
  const std::vector<EntityConfig>& entities() const { return entities_; }
  const std::vector<ProbeNode>& probes() const { return probes_; }
  const EntityConfig* FindEntity(const EntityId& id) const;

 private:
  SlaParams params_;
  std::vector<EntityConfig> entities_;
  std::vector<ProbeNode> probes_;
  EngineState state_;

  // Derived from entities_ on every configuration change.
  EntityIndex index_;
  // Scratch reused by ProcessCycle/RecordProbeMinute so the hot path does not
  // allocate once warmed up; contents are meaningless between calls.
  struct Scratch {
    std::vector<std::uint32_t> report_entity;  // per report: position in entities_
    std::vector<std::uint32_t> bucket_start;   // per entity: first slot in report_order
    std::vector<std::uint32_t> report_order;   // report indexes grouped by entity, by probe
    std::vector<NsOutcome> ns;
    std::vector<NsIpCount> ns_ip;
    std::vector<std::vector<int>> rtt_udp, rtt_tcp;  // per NS-IP pair: this cycle's RTTs
    std::vector<int> probe_rtts;                     // one probe's RTTs
    std::vector<const ProbeMinuteSample*> samples;
  };
  Scratch scratch_;

  Status CheckCycle(TestKind test, UnixSeconds cycle) const;
  Status GroupReports(TestKind test, UnixSeconds cycle, std::span<const ProbeReport> reports);
  void Reindex();
};

}  // namespace tldmon::engine
