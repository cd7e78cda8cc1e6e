#include "engine/rtt_ratio.h"

namespace tldmon::engine {

RttClass ClassifyRtt(std::int32_t value, RttKind kind, const SlaParams& params) {
  if (value >= 0) return value > params.RttLow(kind) ? RttClass::kFailed : RttClass::kSuccessful;
  const std::int32_t timeout = TimeoutCode(kind);
  if (timeout != 0 && value == timeout) return RttClass::kFailed;
  return RttClass::kIgnored;
}

void AccumulateDnsRtt(const DnsTargets& targets, bool probe_v4, bool probe_v6, Transport transport,
                      std::span<const Metric> metrics, const SlaParams& params, RttTally& tally) {
  const RttKind kind = transport == Transport::kTcp ? RttKind::kDnsTcp : RttKind::kDnsUdp;
  for (const Metric& m : metrics) {
    if (!targets.Contains(m.target, m.ip_index)) continue;
    const bool v6 = targets.is_v6[targets.Flat(m.target, m.ip_index)] != 0;
    if (!ProbeTestsFamily(probe_v4, probe_v6, v6)) continue;
    tally.Add(ClassifyRtt(m.value, kind, params));
  }
}

void RecordRttCycle(RttMonth& month, UnixSeconds cycle, bool reconfigured, const RttTally& tally,
                    std::int64_t expected) {
  const UnixSeconds start = MonthStart(cycle);
  if (month.month != start) {
    month = RttMonth{};
    month.month = start;
  }
  month.expected = expected;
  if (reconfigured) return;
  month.performed += tally.performed;
  month.failed += tally.failed;
}

RttMonth PoolRddsRtt(const RttMonth& rdds43, const RttMonth& rdds80) {
  if (rdds43.month != rdds80.month) return rdds43.month > rdds80.month ? rdds43 : rdds80;
  RttMonth pooled = rdds43;
  pooled.performed += rdds80.performed;
  pooled.failed += rdds80.failed;
  pooled.expected += rdds80.expected;
  return pooled;
}

RttRatio ComputeRttRatio(const RttMonth& month, UnixSeconds last_cycle, int cycle_seconds,
                         double failed_percent_allowed) {
  RttRatio r;
  if (last_cycle == kNever || month.month != MonthStart(last_cycle)) return r;
  r.performed = month.performed;
  r.failed = month.failed;
  r.expected = month.expected;
  r.cycles_left = (NextMonthStart(last_cycle) - (last_cycle + cycle_seconds)) / cycle_seconds;
  const double denominator =
      static_cast<double>(r.performed) + static_cast<double>(r.cycles_left * r.expected);
  r.pfailed = denominator > 0 ? 100.0 * static_cast<double>(r.failed) / denominator : 0.0;
  r.met = r.pfailed <= failed_percent_allowed;
  return r;
}

}  // namespace tldmon::engine
