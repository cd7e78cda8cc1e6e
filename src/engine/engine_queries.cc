// Engine read-only figures: rolling week, alarmed, monthly downtime, RTT
// ratios and NS-IP downtime (slam-algorithms.md §8, §9).
#include "engine/downtime.h"
#include "engine/engine.h"
#include "engine/ns_ip_verdict.h"
#include "engine/rtt_ratio.h"

namespace tldmon::engine {

ServiceSummary Engine::Summarize(const EntityId& entity, Service service) const {
  ServiceSummary s;
  const EntityConfig* e = FindEntity(entity);
  auto it = state_.entities.find(entity);
  s.enabled = e != nullptr && e->IsEnabled(service) && it != state_.entities.end();
  if (!s.enabled) {
    s.alarmed = std::string(Alarmed(false, {}));
    return s;
  }
  const ServiceState& ss = it->second.services[static_cast<std::size_t>(Index(service))];
  const ServiceParams& sp = params_.Of(service);
  s.status = ss.last_cycle == kNever ? CycleStatus::kUpInconclusiveNoData : ss.last_status;
  s.alarmed = std::string(Alarmed(true, ss.incidents));
  const UnixSeconds last = state_.last_cycle[static_cast<std::size_t>(TestKindOf(service))];
  if (last == kNever) return s;
  const TimeWindow week = RollingWeek(last, sp.cycle_seconds, params_.rollweek_seconds);
  s.downtime_minutes = DowntimeMinutes(ss.incidents, sp.cycle_seconds, week);
  s.emergency_threshold = EmergencyThresholdPercent(s.downtime_minutes, sp.rollweek_sla_minutes);
  for (const Incident& inc : ss.incidents) {
    const bool overlaps =
        inc.start_time <= week.to && (!inc.end_time.has_value() || *inc.end_time >= week.from);
    if (overlaps) s.week_incidents.push_back(&inc);
  }
  return s;
}

MonthlyFigures Engine::Monthly(const EntityId& entity, Service service) const {
  MonthlyFigures f;
  const ServiceParams& sp = params_.Of(service);
  f.downtime_slr_minutes = sp.downtime_slr_minutes;
  const UnixSeconds last = state_.last_cycle[static_cast<std::size_t>(TestKindOf(service))];
  auto it = state_.entities.find(entity);
  if (last == kNever || it == state_.entities.end()) return f;
  f.month = MonthStart(last);
  // §8: DNS writes 0 on the first cycle of each month (RSM resets its
  // "downtime > 0" trigger that way); the next cycle's value covers both.
  if (service == Service::kDns && last == f.month) {
    f.downtime_minutes = 0;
  } else {
    const ServiceState& ss = it->second.services[static_cast<std::size_t>(Index(service))];
    f.downtime_minutes = DowntimeMinutes(ss.incidents, sp.cycle_seconds,
                                         {f.month, CycleEnd(last, sp.cycle_seconds)});
  }
  f.downtime_met = f.downtime_minutes <= f.downtime_slr_minutes;
  return f;
}

RttRatio Engine::MonthlyRtt(const EntityId& entity, RttKind kind) const {
  auto it = state_.entities.find(entity);
  if (it == state_.entities.end()) return RttRatio{};
  const TestKind test = TestKindOf(kind);
  return ComputeRttRatio(it->second.rtt[static_cast<std::size_t>(kind)],
                         state_.last_cycle[static_cast<std::size_t>(test)],
                         params_.CycleSeconds(test), params_.rtt_failed_percent_allowed);
}

RttRatio Engine::MonthlyRddsRtt(const EntityId& entity) const {
  auto it = state_.entities.find(entity);
  if (it == state_.entities.end()) return RttRatio{};
  const auto& rtt = it->second.rtt;
  // §9 as RSM computes it (issue 8 C4): both interfaces in one ratio.
  return ComputeRttRatio(PoolRddsRtt(rtt[static_cast<std::size_t>(RttKind::kRdds43)],
                                     rtt[static_cast<std::size_t>(RttKind::kRdds80)]),
                         state_.last_cycle[static_cast<std::size_t>(TestKind::kRdds)],
                         params_.CycleSeconds(TestKind::kRdds), params_.rtt_failed_percent_allowed);
}

std::vector<NsIpMonthly> Engine::MonthlyNsIp(const EntityId& entity) const {
  std::vector<NsIpMonthly> out;
  auto it = state_.entities.find(entity);
  if (it == state_.entities.end()) return out;
  const UnixSeconds last = state_.last_cycle[static_cast<std::size_t>(TestKind::kDns)];
  const int cycle_seconds = params_.CycleSeconds(TestKind::kDns);
  const int cycle_minutes = cycle_seconds / 60;
  const std::vector<Incident>& dns_incidents =
      it->second.services[static_cast<std::size_t>(Index(Service::kDns))].incidents;
  for (const NsIpState& n : it->second.ns_ips) {
    NsIpMonthly m;
    m.ns = n.ns;
    m.ip = n.ip;
    m.month = last == kNever ? 0 : MonthStart(last);
    m.downtime_minutes =
        NsIpDownCyclesInMonth(n, last, dns_incidents, cycle_seconds) * cycle_minutes;
    m.downtime_slr_minutes = params_.ns_downtime_slr_minutes;
    m.downtime_met = m.downtime_minutes <= m.downtime_slr_minutes;
    m.last_status = n.last_status;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace tldmon::engine
