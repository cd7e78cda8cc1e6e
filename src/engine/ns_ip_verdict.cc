#include "engine/ns_ip_verdict.h"

#include <algorithm>
#include <cmath>

#include "core/result_codes.h"
#include "core/time.h"
#include "engine/downtime.h"
#include "engine/incident_tracker.h"

namespace tldmon::engine {

bool IsNsIpValueDown(std::int32_t value, Transport transport, const SlaParams& params) {
  if (value == kNoValue || IsInternalError(value)) return false;
  if (value < 0) return true;
  return value > params.RttHigh(transport == Transport::kTcp ? RttKind::kDnsTcp : RttKind::kDnsUdp);
}

namespace {

// Calls visit(flat, metric) for each metric of one probe's DNS report that
// names a configured pair of a family the probe tests (a probe has no item
// for the other family) and carries a value: the filter every per-pair
// tally below shares.
template <typename Visit>
void ForEachNsIpMetric(const DnsTargets& targets, bool probe_v4, bool probe_v6,
                       std::span<const Metric> metrics, Visit&& visit) {
  for (const Metric& m : metrics) {
    if (m.value == kNoValue || !targets.Contains(m.target, m.ip_index)) continue;
    const std::uint32_t flat = targets.Flat(m.target, m.ip_index);
    if (flat >= targets.pair_count()) continue;
    if (!ProbeTestsFamily(probe_v4, probe_v6, targets.is_v6[flat] != 0)) continue;
    visit(flat, m);
  }
}

}  // namespace

void AccumulateNsIpValues(const DnsTargets& targets, bool probe_v4, bool probe_v6,
                          Transport transport, std::span<const Metric> metrics,
                          const SlaParams& params, std::span<NsIpCount> counts) {
  ForEachNsIpMetric(targets, probe_v4, probe_v6, metrics,
                    [&](std::uint32_t flat, const Metric& m) {
                      if (flat >= counts.size()) return;
                      NsIpCount& c = counts[flat];
                      ++c.values;
                      if (IsNsIpValueDown(m.value, transport, params)) ++c.down;
                    });
}

void CollectNsIpRtts(const DnsTargets& targets, bool probe_v4, bool probe_v6,
                     std::span<const Metric> metrics, std::span<std::vector<int>> rtts) {
  ForEachNsIpMetric(targets, probe_v4, probe_v6, metrics,
                    [&](std::uint32_t flat, const Metric& m) {
                      if (m.value >= 0 && flat < rtts.size()) rtts[flat].push_back(m.value);
                    });
}

RttSummary ProbeRttSummary(const DnsTargets& targets, bool probe_v4, bool probe_v6,
                           std::span<const Metric> metrics, std::vector<int>& scratch) {
  scratch.clear();
  ForEachNsIpMetric(targets, probe_v4, probe_v6, metrics,
                    [&](std::uint32_t, const Metric& m) {
                      if (m.value >= 0) scratch.push_back(m.value);
                    });
  return SummarizeRtts(scratch);
}

void NoteNsids(const EntityId& entity, const DnsTargets& targets, bool probe_v4, bool probe_v6,
               ProbeIndex probe, std::size_t probe_count, std::span<const Metric> metrics,
               std::span<NsIpState> pairs, std::vector<NsidSighting>& changed) {
  ForEachNsIpMetric(targets, probe_v4, probe_v6, metrics,
                    [&](std::uint32_t flat, const Metric& m) {
                      if (m.nsid.empty() || flat >= pairs.size() || probe >= probe_count) return;
                      std::vector<std::string>& seen = pairs[flat].nsids.by_probe;
                      if (seen.size() < probe_count) seen.resize(probe_count);
                      if (seen[probe] == m.nsid) return;
                      seen[probe] = m.nsid;
                      changed.push_back(NsidSighting{entity, m.target, m.ip_index, probe, m.nsid});
                    });
}

int NearestRank(std::vector<int>& values, double q) {
  const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
  const auto at = values.begin() + static_cast<std::ptrdiff_t>(std::max<std::size_t>(k, 1) - 1);
  std::nth_element(values.begin(), at, values.end());
  return *at;
}

RttSummary SummarizeRtts(std::vector<int>& rtts) {
  RttSummary out;
  out.n = static_cast<int>(rtts.size());
  if (rtts.empty()) return out;
  out.p50 = NearestRank(rtts, 0.5);
  out.p95 = NearestRank(rtts, 0.95);
  return out;
}

CycleStatus NsIpCycleVerdict(bool reconfigured, int online_probes, const NsIpCount& count,
                             int min_online, double unavailability_limit) {
  if (reconfigured) return CycleStatus::kUpInconclusiveReconfig;
  if (online_probes < min_online) return CycleStatus::kUpInconclusiveNoProbes;
  if (count.values < min_online || count.values <= 0) return CycleStatus::kUpInconclusiveNoData;
  return 100.0 * count.down > unavailability_limit * count.values ? CycleStatus::kDown
                                                                  : CycleStatus::kUp;
}

void RecordNsIpCycle(NsIpState& state, UnixSeconds cycle, CycleStatus status, bool in_dns_incident,
                     int cycle_seconds) {
  const UnixSeconds month = MonthStart(cycle);
  if (state.month != month) {
    state.month = month;
    state.month_down_cycles = 0;
    state.incident_down_cycles.clear();
  }
  if (IsDown(status)) {
    ++state.month_down_cycles;
    if (in_dns_incident) AppendDownCycle(state.incident_down_cycles, cycle, cycle_seconds);
  }
  state.last_status = status;
}

int NsIpDownCyclesInMonth(const NsIpState& state, UnixSeconds as_of,
                          std::span<const Incident> dns_incidents, int cycle_seconds) {
  if (as_of == kNever || state.month != MonthStart(as_of)) return 0;
  std::int64_t taken_back = 0;
  if (!state.incident_down_cycles.empty()) {
    for (const Incident& inc : dns_incidents) {
      if (!inc.false_positive) continue;
      const TimeWindow range{inc.start_time, inc.end_time.value_or(CycleEnd(as_of, cycle_seconds))};
      for (const CycleRun& run : state.incident_down_cycles)
        taken_back += RunCyclesInWindow(run, cycle_seconds, range);
    }
  }
  return state.month_down_cycles - static_cast<int>(taken_back);
}

}  // namespace tldmon::engine
