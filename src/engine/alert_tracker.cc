#include "engine/alert_tracker.h"

#include <algorithm>
#include <utility>

#include "engine/round3.h"

namespace tldmon::engine {

std::string_view AlertKindName(AlertKind kind) {
  switch (kind) {
    case AlertKind::kIncident:
      return "incident";
    case AlertKind::kBudget:
      return "budget";
    case AlertKind::kSlrAtRisk:
      return "slrAtRisk";
    case AlertKind::kProbesBelowMinimum:
      return "probesBelowMinimum";
    case AlertKind::kProbeOffline:
      return "probeOffline";
    case AlertKind::kTlsa:
      return "tlsa";
  }
  return "unknown";
}

std::string_view AlertSeverityName(AlertSeverity s) {
  switch (s) {
    case AlertSeverity::kInfo:
      return "info";
    case AlertSeverity::kWarning:
      return "warning";
    case AlertSeverity::kCritical:
      return "critical";
  }
  return "unknown";
}

std::string AlertKey::Fingerprint() const {
  std::string out(AlertKindName(kind));
  if (kind == AlertKind::kProbeOffline) return out + "/" + subject;
  if (kind == AlertKind::kTlsa) return out + "/" + entity.Path() + "/" + subject;
  if (kind != AlertKind::kProbesBelowMinimum) out += "/" + entity.Path();
  out += "/" + std::string(PathName(service));
  if (kind == AlertKind::kBudget) out += "/" + std::to_string(step);
  if (kind == AlertKind::kIncident) out += "/" + subject;
  return out;
}

namespace {

// A condition that holds after the cycle.
using Condition = ActiveAlert;

std::string Percent(double v) {
  std::string s;
  AppendRound3(v, &s);
  return s + " %";
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

// Whether an alert belongs to what a cycle of `test` decides.
bool InScope(const AlertKey& key, TestKind test) {
  if (key.kind == AlertKind::kProbeOffline) return test == TestKind::kDns;
  return TestKindOf(key.service) == test;
}

// The SLA's RTT ratios of a service (slam-algorithms.md §9): RDDS pools its
// two interfaces, as RSM does.
std::vector<std::pair<std::string_view, RttRatio>> SlaRtts(const Engine& engine, const EntityId& id,
                                                           Service s) {
  switch (s) {
    case Service::kDns:
      return {{"DNS UDP", engine.MonthlyRtt(id, RttKind::kDnsUdp)},
              {"DNS TCP", engine.MonthlyRtt(id, RttKind::kDnsTcp)}};
    case Service::kRdds:
      return {{"RDDS", engine.MonthlyRddsRtt(id)}};
    case Service::kRdap:
      return {{"RDAP", engine.MonthlyRtt(id, RttKind::kRdap)}};
    default:
      return {};
  }
}

void ServiceConditions(const Engine& engine, const AlertRules& rules, const EntityConfig& e,
                       Service s, UnixSeconds cycle, std::vector<Condition>& out) {
  const std::string what = Upper(PathName(s)) + " of " + e.id.Path();
  const ServiceSummary sum = engine.Summarize(e.id, s);
  for (const Incident* inc : sum.week_incidents) {
    if (!inc->active() || inc->false_positive) continue;
    out.push_back({{AlertKind::kIncident, e.id, s, 0, inc->Id()}, AlertSeverity::kCritical,
                   what + ": incident " + inc->Id() + ", alarmed", inc->start_time, {}});
  }
  for (const int step : rules.budget_steps) {
    if (sum.emergency_threshold < step) break;
    const AlertSeverity severity = step >= 75   ? AlertSeverity::kCritical
                                   : step >= 25 ? AlertSeverity::kWarning
                                                : AlertSeverity::kInfo;
    out.push_back({{AlertKind::kBudget, e.id, s, step, {}}, severity,
                   what + ": " + Percent(sum.emergency_threshold) +
                       " of the rolling-week emergency threshold used (" +
                       std::to_string(sum.downtime_minutes) + " of " +
                       std::to_string(engine.params().Of(s).rollweek_sla_minutes) +
                       " min), past " + std::to_string(step) + " %",
                   cycle, {}});
  }
  // §8/§9: the month's downtime against its SLR, and the RTT ratios.
  std::string risk;
  const MonthlyFigures m = engine.Monthly(e.id, s);
  if (m.month != 0 && (!m.downtime_met || (m.downtime_slr_minutes > 0 &&
                                           static_cast<long>(m.downtime_minutes) * 100 >=
                                               static_cast<long>(rules.slr_risk_percent) *
                                                   m.downtime_slr_minutes)))
    risk = std::to_string(m.downtime_minutes) + " min down this month (SLR " +
           std::to_string(m.downtime_slr_minutes) + " min)";
  const double allowed = engine.params().rtt_failed_percent_allowed;
  for (const auto& [name, r] : SlaRtts(engine, e.id, s)) {
    if (r.performed == 0) continue;
    if (r.met && r.pfailed * 100 < allowed * rules.slr_risk_percent) continue;
    risk += (risk.empty() ? "" : "; ") + std::string(name) + " RTT " + Percent(r.pfailed) +
            " over the limit (SLR " + Percent(allowed) + ")";
  }
  if (!risk.empty())
    out.push_back({{AlertKind::kSlrAtRisk, e.id, s, 0, {}}, AlertSeverity::kWarning,
                   what + ": monthly SLR at risk: " + risk, cycle, {}});
}

}  // namespace

AlertTracker::AlertTracker(AlertRules rules, AlertTrackerState state)
    : rules_(std::move(rules)), state_(std::move(state)) {
  std::sort(rules_.budget_steps.begin(), rules_.budget_steps.end());
}

std::vector<AlertEvent> AlertTracker::Observe(const Engine& engine, const CycleOutput& out) {
  const UnixSeconds cycle = out.cycle;
  std::vector<Condition> now;
  for (const EntityConfig& e : engine.entities())
    for (Service s : kAllServices)
      if (s != Service::kEpp && TestKindOf(s) == out.test && e.IsEnabled(s))
        ServiceConditions(engine, rules_, e, s, cycle, now);

  // §3: a service's cycles are inconclusive below its minimum of online
  // probes. Every verdict of a service carries the same count.
  for (Service s : kAllServices) {
    const auto v = std::find_if(out.verdicts.begin(), out.verdicts.end(),
                                [&](const ServiceVerdict& x) { return x.service == s; });
    if (v == out.verdicts.end()) continue;
    const int min = engine.params().Of(s).min_online;
    if (v->online < min)
      now.push_back({{AlertKind::kProbesBelowMinimum, {}, s, 0, {}}, AlertSeverity::kCritical,
                     Upper(PathName(s)) + ": " + std::to_string(v->online) +
                         " probes online, the minimum is " + std::to_string(min) +
                         ": its cycles are Up-inconclusive",
                     cycle, {}});
  }

  // Every probe runs the DNS test, so DNS cycles tell who is online.
  if (out.test == TestKind::kDns) {
    const std::vector<ProbeNode>& probes = engine.probes();
    for (std::size_t p = 0; p < probes.size(); ++p) {
      const bool online = p < out.probe_online.size() && out.probe_online[p];
      // A probe never seen online counts from its first observed cycle.
      auto [it, first] = state_.probe_last_online.try_emplace(probes[p].name, cycle);
      if (online) it->second = cycle;
      const UnixSeconds offline_for = cycle - it->second;
      if (!online && offline_for >= rules_.probe_offline_seconds)
        now.push_back({{AlertKind::kProbeOffline, {}, Service::kDns, 0, probes[p].name},
                       AlertSeverity::kWarning,
                       "probe " + probes[p].name + " offline for " +
                           std::to_string(offline_for / 60) + " min",
                       it->second + 60, {}});
    }
  }

  std::vector<AlertEvent> fired, resolved;
  std::sort(now.begin(), now.end(), [](const Condition& a, const Condition& b) { return a.key < b.key; });
  for (Condition& c : now) {
    auto it = state_.active.find(c.key);
    if (it != state_.active.end()) {
      // Still there (or back inside the hold-down): no news; the summary
      // follows the figures.
      it->second.absent_since.reset();
      it->second.summary = std::move(c.summary);
      it->second.severity = c.severity;
      continue;
    }
    // A copy: `now` stays intact for the presence check below.
    fired.push_back({c, true, std::nullopt});
    state_.active.emplace(c.key, c);
  }
  for (auto it = state_.active.begin(); it != state_.active.end();) {
    ActiveAlert& a = it->second;
    const bool present = std::binary_search(
        now.begin(), now.end(), a, [](const Condition& x, const Condition& y) { return x.key < y.key; });
    if (present || !InScope(a.key, out.test)) {
      ++it;
      continue;
    }
    if (!a.absent_since) a.absent_since = cycle;
    if (cycle - *a.absent_since < rules_.hold_down_seconds) {
      ++it;
      continue;
    }
    resolved.push_back({a, false, a.absent_since});
    it = state_.active.erase(it);
  }
  fired.insert(fired.end(), std::make_move_iterator(resolved.begin()),
               std::make_move_iterator(resolved.end()));
  return fired;
}

}  // namespace tldmon::engine
