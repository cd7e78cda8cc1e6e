// Name-server IP availability (slam-algorithms.md §6, §8, E3, E9): per
// configured (ns, ip) and DNS cycle, from the values of ALL probes (no online
// filter), and the monthly count of Down NS-IP cycles (not incident-gated).
#pragma once

#include <cstdint>
#include <span>

#include "core/cycle_status.h"
#include "core/probe_report.h"
#include "engine/dns_targets.h"
#include "engine/engine_state.h"
#include "engine/sla_params.h"

namespace tldmon::engine {

// Values seen for one pair in one cycle.
struct NsIpCount {
  int values = 0;  // n: values other than kNoValue
  int down = 0;    // of those, down
};

// §6: a value is down iff it is a negative non-internal code or an RTT above
// the HIGH limit of the report's transport. kNoValue is not a value at all.
bool IsNsIpValueDown(std::int32_t value, Transport transport, const SlaParams& params);

// Adds one probe's DNS metrics to per-pair counts (indexed by
// DnsTargets::Flat). IPs of families the probe does not support are skipped
// (such a probe has no item for them); so are metrics naming no pair.
void AccumulateNsIpValues(const DnsTargets& targets, bool probe_v4, bool probe_v6,
                          Transport transport, std::span<const Metric> metrics,
                          const SlaParams& params, std::span<NsIpCount> counts);

// §6: reconfig => 4; online DNS probes < min_online => 3; n < min_online => 2;
// Down iff down*100 > limit*n (down > 0.49 n), else Up.
CycleStatus NsIpCycleVerdict(bool reconfigured, int online_probes, const NsIpCount& count,
                             int min_online, double unavailability_limit);

// §8: records one NS-IP cycle verdict in the pair's monthly counter, which
// restarts at each UTC month start.
void RecordNsIpCycle(NsIpState& state, UnixSeconds cycle, CycleStatus status);

// Down NS-IP cycles of the month containing `as_of` (0 if the counter belongs
// to another month).
int NsIpDownCyclesInMonth(const NsIpState& state, UnixSeconds as_of);

}  // namespace tldmon::engine
