#include "sim/scenario_plan.h"

#include <algorithm>
#include <string>
#include <tuple>

namespace tldmon::sim {
namespace {

Status LineError(const Scenario& sc, int line, const std::string& msg) {
  return InvalidArgument(sc.file + ":" + std::to_string(line) + ": " + msg);
}

void Mark(const Scenario& sc, ScenarioPlan& plan, UnixSeconds minute, ProbeIndex p,
          std::uint8_t bit) {
  auto& flags = plan.minute_flags[minute];
  if (flags.empty()) flags.assign(sc.probes.size(), 0);
  flags[p] |= bit;
}

// One cycle of a summary step that asks for an exact online count.
struct CountedCycle {
  UnixSeconds cycle_end;
  int kind;
  std::size_t step;
  UnixSeconds cycle;
  bool operator<(const CountedCycle& o) const {
    return std::tie(cycle_end, kind, step, cycle) < std::tie(o.cycle_end, o.kind, o.step, o.cycle);
  }
};

}  // namespace

std::uint8_t ScenarioPlan::Flags(UnixSeconds minute, ProbeIndex p) const {
  const auto it = minute_flags.find(minute);
  return it == minute_flags.end() ? 0 : it->second[p];
}

std::vector<ProbeIndex> ScenarioPlan::Available(const Scenario& sc, TestKind kind,
                                                UnixSeconds cycle, int seconds) const {
  std::vector<ProbeIndex> out;
  for (std::size_t p = 0; p < sc.probes.size(); ++p) {
    if (!ProbeRunsTest(sc.probes[p], kind)) continue;
    bool online = true;
    for (UnixSeconds m = cycle; m < cycle + seconds && online; m += 60)
      online = Flags(m, static_cast<ProbeIndex>(p)) == 0;
    if (online) out.push_back(static_cast<ProbeIndex>(p));
  }
  return out;
}

Result<ScenarioPlan> PlanScenario(const Scenario& sc) {
  ScenarioPlan plan;
  plan.end = sc.start;
  plan.kind_end.fill(sc.start);
  for (auto& per_entity : plan.sequence) per_entity.resize(sc.entities.size());

  // Cycles of every step; cycles of one (kind, entity) follow each other.
  for (std::size_t i = 0; i < sc.steps.size(); ++i) {
    const Step& s = sc.steps[i];
    const int d = sc.params.CycleSeconds(s.kind);
    const UnixSeconds last = s.first_cycle + (s.repeat - 1) * d;
    plan.last_cycle.push_back(last);
    plan.end = std::max(plan.end, last + d);
    const int k = static_cast<int>(s.kind);
    plan.kind_end[static_cast<std::size_t>(k)] =
        std::max(plan.kind_end[static_cast<std::size_t>(k)], last + d);
    plan.sequence[static_cast<std::size_t>(k)][s.entity].push_back(i);
  }

  // Explicit probe status lines.
  for (const ProbeStatusLine& l : sc.probe_status) {
    const std::uint8_t bit = l.kind == ProbeStatusLine::Kind::kOffline       ? kManualOffline
                             : l.kind == ProbeStatusLine::Kind::kUnreachable ? kUnreachable
                                                                             : kCheckFail;
    for (UnixSeconds m = l.from; m <= l.to && m < plan.end; m += 60)
      for (ProbeIndex p : l.probes) Mark(sc, plan, m, p, bit);
  }

  // Raw lines marked offline: offline in the last minute of each cycle.
  std::vector<CountedCycle> counted;
  for (std::size_t i = 0; i < sc.steps.size(); ++i) {
    const Step& s = sc.steps[i];
    const int d = sc.params.CycleSeconds(s.kind);
    for (std::int64_t r = 0; r < s.repeat; ++r) {
      const UnixSeconds cycle = s.first_cycle + r * d;
      if (s.raw) {
        for (const RawProbeLine& l : s.raw_lines)
          if (l.offline)
            for (ProbeIndex p : l.probes) Mark(sc, plan, cycle + d - 60, p, kManualOffline);
      } else if (s.summary.online) {
        counted.push_back({cycle + d - 1, static_cast<int>(s.kind), i, cycle});
      }
    }
  }

  // Summary steps with online=N take the first N available probes; the rest
  // go offline in the cycle's last minute (a probe offline for one minute is
  // offline for the whole cycle, slam-algorithms.md §3).
  std::sort(counted.begin(), counted.end());
  for (const CountedCycle& c : counted) {
    const Step& s = sc.steps[c.step];
    const int d = sc.params.CycleSeconds(s.kind);
    const std::vector<ProbeIndex> avail = plan.Available(sc, s.kind, c.cycle, d);
    const int want = *s.summary.online;
    if (static_cast<int>(avail.size()) < want)
      return LineError(sc, s.line,
                       "online=" + std::to_string(want) + " but only " +
                           std::to_string(avail.size()) +
                           " probes are online through the cycle starting " +
                           FormatIso8601(c.cycle) + " (other lines make the rest offline)");
    for (std::size_t k = static_cast<std::size_t>(want); k < avail.size(); ++k)
      Mark(sc, plan, c.cycle + d - 60, avail[k], kManualOffline);
  }
  for (const CountedCycle& c : counted) {
    const Step& s = sc.steps[c.step];
    const int d = sc.params.CycleSeconds(s.kind);
    const auto n = plan.Available(sc, s.kind, c.cycle, d).size();
    if (static_cast<int>(n) != *s.summary.online)
      return LineError(sc, s.line,
                       "online=" + std::to_string(*s.summary.online) +
                           " cannot hold in the cycle "
                           "starting " +
                           FormatIso8601(c.cycle) + ": steps overlapping in time leave " +
                           std::to_string(n) +
                           " probes online; give them compatible online counts");
  }

  for (std::size_t i = 0; i < sc.actions.size(); ++i) {
    const Action& a = sc.actions[i];
    if (a.kind == Action::Kind::kReconfigure) {
      UnixSeconds t = sc.start;
      if (a.anchor) {
        const Step& s = sc.steps[*a.anchor];
        t = plan.last_cycle[*a.anchor] + sc.params.CycleSeconds(s.kind);
      }
      plan.reconfigs.emplace_back(a.reconfigure.at.value_or(t), i);
      continue;
    }
    const Step& s = sc.steps[*a.anchor];
    plan.after_cycle[{static_cast<int>(s.kind), plan.last_cycle[*a.anchor]}].push_back(i);
  }
  std::stable_sort(plan.reconfigs.begin(), plan.reconfigs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return plan;
}

}  // namespace tldmon::sim
