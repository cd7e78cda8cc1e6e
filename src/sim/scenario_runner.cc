#include "sim/scenario_runner.h"

#include <array>
#include <ostream>

#include "engine/engine.h"
#include "sim/scenario_check.h"
#include "sim/scenario_expect_keys.h"
#include "sim/scenario_parser.h"
#include "sim/scenario_plan.h"
#include "sim/scenario_synth.h"

namespace tldmon::sim {
namespace {

constexpr std::array<TestKind, 3> kKinds = {TestKind::kDns, TestKind::kRdds, TestKind::kRdap};

class Run {
 public:
  Run(const Scenario& sc, const ScenarioPlan& plan, bool verbose)
      : sc_(sc),
        plan_(plan),
        verbose_(verbose),
        entities_(sc.entities),
        version_(sc.entities.size(), 0),
        engine_(sc.params, sc.entities, sc.probes) {
    for (std::size_t k = 0; k < kKinds.size(); ++k) pos_[k].assign(sc.entities.size(), 0);
  }

  ScenarioOutcome Go() {
    std::vector<ProbeMinuteSample> samples(sc_.probes.size());
    for (UnixSeconds minute = sc_.start; minute < plan_.end; minute += 60) {
      for (std::size_t p = 0; p < samples.size(); ++p) {
        const std::uint8_t f = plan_.Flags(minute, static_cast<ProbeIndex>(p));
        samples[p].probe = static_cast<ProbeIndex>(p);
        samples[p].check_ok = (f & kCheckFail) == 0;
        samples[p].manual_online = (f & kManualOffline) == 0;
        samples[p].reachable = (f & kUnreachable) == 0;
      }
      if (Status s = engine_.RecordProbeMinute(minute, samples); !s.ok())
        return Stop(sc_.file + ": engine rejected the probe minute " + FormatIso8601(minute) +
                    ": " + s.ToString());
      if (!ApplyReconfigs(minute + 59)) return std::move(outcome_);
      for (std::size_t k = 0; k < kKinds.size(); ++k)
        if (!Cycle(k, minute)) return std::move(outcome_);
    }
    outcome_.ok = outcome_.failures.empty();
    return std::move(outcome_);
  }

 private:
  ScenarioOutcome Stop(std::string message) {
    outcome_.failures.push_back(std::move(message));
    outcome_.ok = false;
    return std::move(outcome_);
  }
  // Records the failure and tells the caller to stop; the outcome stays in
  // place for Go() to return (Stop() would move it out, losing the message).
  bool Fail(std::string message) {
    outcome_.failures.push_back(std::move(message));
    outcome_.ok = false;
    return false;
  }

  // Reconfigurations that happen no later than `until` take effect now,
  // before the cycles ending at `until` are processed. The engine is
  // re-opened on the new configuration from its own state through
  // Engine::Restore: exactly what `tldmon serve` does with the committed
  // state after an admin edit (ingest/cycle_pipeline.h Open), so a scenario
  // specifies the path serve runs.
  bool ApplyReconfigs(UnixSeconds until) {
    while (next_reconfig_ < plan_.reconfigs.size() &&
           plan_.reconfigs[next_reconfig_].first <= until) {
      const auto [t, action] = plan_.reconfigs[next_reconfig_++];
      const Action& a = sc_.actions[action];
      const std::size_t e = a.reconfigure.entity;
      if (a.reconfigure.version) {
        std::vector<UnixSeconds> times = std::move(entities_[e].config_times);
        entities_[e] = sc_.Config(e, *a.reconfigure.version);
        entities_[e].config_times = std::move(times);
        version_[e] = *a.reconfigure.version;
      }
      entities_[e].config_times.push_back(t);
      auto reopened =
          engine::Engine::Restore(engine_.params(), entities_, sc_.probes, engine_.state());
      if (!reopened.ok())
        return Fail(sc_.file + ":" + std::to_string(a.line) +
                    ": engine rejected the reconfiguration: " + reopened.status().ToString());
      engine_ = std::move(*reopened);
    }
    return true;
  }

  // Processes the cycle of kind kKinds[k] that ends with `minute`, if any step
  // covers it, then the actions anchored to it.
  bool Cycle(std::size_t k, UnixSeconds minute) {
    const TestKind kind = kKinds[k];
    const int d = sc_.params.CycleSeconds(kind);
    if (FloorMod(minute + 60, d) != 0) return true;
    const UnixSeconds cycle = minute + 60 - d;
    if (cycle < sc_.start || cycle >= plan_.kind_end[static_cast<std::size_t>(kind)]) return true;
    reports_.clear();
    int line = 0;
    for (std::size_t e = 0; e < sc_.entities.size(); ++e) {
      const auto& seq = plan_.sequence[static_cast<std::size_t>(kind)][e];
      std::size_t& pos = pos_[k][e];
      while (pos < seq.size() && plan_.last_cycle[seq[pos]] < cycle) ++pos;
      if (pos == seq.size() || sc_.steps[seq[pos]].first_cycle > cycle) continue;
      const Step& step = sc_.steps[seq[pos]];
      if (line == 0) line = step.line;
      if (step.version != version_[e])
        return Fail(sc_.file + ":" + std::to_string(step.line) + ": the step is written for " +
                    VersionName(step.version) + " of " + sc_.entities[e].id.Path() +
                    ", but its cycle starting " + FormatIso8601(cycle) + " runs under " +
                    VersionName(version_[e]) +
                    " (a reconfigure's at= must come before the cycles written after it)");
      if (Status s = SynthesizeReports(sc_, plan_, step, cycle, reports_); !s.ok())
        return Fail(s.message());
    }
    auto out = engine_.ProcessCycle(kind, cycle, reports_);
    if (!out.ok())
      return Fail(sc_.file + ":" + std::to_string(line) + ": engine rejected the " +
                  std::string(TestKindName(kind)) + " cycle starting " + FormatIso8601(cycle) +
                  ": " + out.status().ToString());
    const auto it = plan_.after_cycle.find({static_cast<int>(kind), cycle});
    if (it == plan_.after_cycle.end()) return true;
    for (std::size_t action : it->second) {
      const Action& a = sc_.actions[action];
      if (a.kind == Action::Kind::kExpect)
        Expect(a, *out);
      else if (a.kind == Action::Kind::kFalsePositive)
        FalsePositive(a, cycle + d);
      else if (a.kind == Action::Kind::kSla && !ChangeSla(a))
        return false;
    }
    return true;
  }

  // New SLA parameters for the cycles processed from now on, through the
  // same Engine::Restore as every configuration change.
  bool ChangeSla(const Action& a) {
    auto reopened = engine::Engine::Restore(a.sla.params, entities_, sc_.probes, engine_.state());
    if (!reopened.ok())
      return Fail(sc_.file + ":" + std::to_string(a.line) +
                  ": engine rejected the SLA parameters: " + reopened.status().ToString());
    engine_ = std::move(*reopened);
    return true;
  }

  void Expect(const Action& a, const engine::CycleOutput& out) {
    checks_.clear();
    EvaluateExpectation(sc_, engine_, out, a, checks_);
    for (CheckOutcome& c : checks_) {
      ++outcome_.checks;
      if (c.ok) {
        if (verbose_) outcome_.passed.push_back(std::move(c.message));
      } else {
        ++outcome_.failed;
        outcome_.failures.push_back(std::move(c.message));
      }
    }
  }

  // A failed flag change is reported and the run goes on: later checks show
  // its consequences.
  void FalsePositive(const Action& a, UnixSeconds default_now) {
    const FalsePositiveAction& f = a.false_positive;
    const EntityId& id = sc_.entities[f.entity].id;
    std::string incident_id = f.incident_id;
    const auto it = engine_.state().entities.find(id);
    if (it != engine_.state().entities.end()) {
      int matches = 0;
      for (const engine::Incident& i :
           it->second.services[static_cast<std::size_t>(Index(f.service))].incidents)
        if (IncidentIdMatches(f.incident_id, i.Id()) && ++matches == 1) incident_id = i.Id();
      if (matches > 1) {
        outcome_.failures.push_back(sc_.file + ":" + std::to_string(a.line) + ": incident id " +
                                    f.incident_id + " matches more than one incident");
        return;
      }
    }
    auto r = engine_.SetFalsePositive(id, f.service, incident_id, f.on, f.at.value_or(default_now));
    if (!r.ok())
      outcome_.failures.push_back(
          sc_.file + ":" + std::to_string(a.line) +
          ": engine rejected the false-positive flag: " + r.status().ToString());
  }

  static std::string VersionName(std::size_t v) {
    return v == 0 ? std::string("the header's configuration")
                  : "configuration version " + std::to_string(v);
  }

  const Scenario& sc_;
  const ScenarioPlan& plan_;
  const bool verbose_;
  std::vector<EntityConfig> entities_;  // as reconfigured
  std::vector<std::size_t> version_;    // per entity: configuration version in force
  engine::Engine engine_;
  std::array<std::vector<std::size_t>, kKinds.size()> pos_;  // per kind, entity: step in sequence
  std::size_t next_reconfig_ = 0;
  std::vector<ProbeReport> reports_;
  std::vector<CheckOutcome> checks_;
  ScenarioOutcome outcome_;
};

}  // namespace

ScenarioOutcome RunScenario(const Scenario& sc, bool verbose) {
  auto plan = PlanScenario(sc);
  if (!plan.ok()) {
    ScenarioOutcome o;
    o.failures.push_back(plan.status().message());
    return o;
  }
  Run run(sc, *plan, verbose);
  return run.Go();
}

ScenarioOutcome RunScenarioFile(const std::string& path, bool verbose) {
  auto sc = LoadScenarioFile(path);
  if (!sc.ok()) {
    ScenarioOutcome o;
    o.failures.push_back(sc.status().message());
    return o;
  }
  return RunScenario(*sc, verbose);
}

int RunScenarioFiles(std::span<const std::string> paths, std::ostream& out, bool verbose) {
  int passed = 0, failed = 0;
  for (const std::string& path : paths) {
    const ScenarioOutcome o = RunScenarioFile(path, verbose);
    if (o.ok) {
      ++passed;
      out << "PASS " << path << " (" << o.checks << " checks)\n";
    } else {
      ++failed;
      out << "FAIL " << path << " (";
      if (o.failed > 0)
        out << o.failed << " of " << o.checks << " checks failed";
      else
        out << "error";
      out << ")\n";
    }
    for (const std::string& m : o.passed) out << "  ok   " << m << "\n";
    for (const std::string& m : o.failures) out << "  " << m << "\n";
  }
  out << passed << " passed, " << failed << " failed\n";
  return failed == 0 && passed > 0 ? 0 : 1;
}

}  // namespace tldmon::sim
