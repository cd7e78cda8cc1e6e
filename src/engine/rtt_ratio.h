// Monthly RTT compliance (slam-algorithms.md §9, E8): per cycle, over ALL
// capable probes (no online filter), each RTT item is failed (timeout code or
// RTT above the SLR), successful (0 <= RTT <= SLR) or ignored; the month's
// counters give pfailed = 100*failed_m / (performed_m + cycles_left*expected).
#pragma once

#include <cstdint>
#include <span>

#include "core/probe_report.h"
#include "core/result_codes.h"
#include "core/time.h"
#include "engine/dns_targets.h"
#include "engine/engine.h"
#include "engine/engine_state.h"
#include "engine/sla_params.h"

namespace tldmon::engine {

enum class RttClass { kIgnored, kSuccessful, kFailed };

// §9: failed iff value == TimeoutCode(kind) or value > LOW; successful iff
// 0 <= value <= LOW; every other code (and no value) is ignored.
RttClass ClassifyRtt(std::int32_t value, RttKind kind, const SlaParams& params);

// One cycle's performed/failed items of one kind.
struct RttTally {
  std::int64_t performed = 0;
  std::int64_t failed = 0;
  void Add(RttClass c) {
    if (c == RttClass::kIgnored) return;
    ++performed;
    if (c == RttClass::kFailed) ++failed;
  }
};

// Adds one probe's DNS metrics to the tally of its transport (UDP or TCP),
// counting only IPs of families the probe supports.
void AccumulateDnsRtt(const DnsTargets& targets, bool probe_v4, bool probe_v6, Transport transport,
                      std::span<const Metric> metrics, const SlaParams& params, RttTally& tally);

// Records one cycle in the month's counters (restarting them at each UTC
// month start). A reconfig cycle counts performed 0 (§9) but still sets the
// expected items per cycle.
void RecordRttCycle(RttMonth& month, UnixSeconds cycle, bool reconfigured, const RttTally& tally,
                    std::int64_t expected);

// §9: RSM keeps one RDDS RTT ratio (rsm.slv.rdds.rtt.performed/failed/
// pfailed) fed by RDDS43 and RDDS80 items together
// (rsm.slv.rdds.rtt.pl, update_slv_rtt_monthly_stats): performed, failed
// and expected are the sums over both interfaces (issue 8 C4,
// docs/spec-map.md). Counters of an older month than the other's are left
// out (RecordRttCycle keeps both on the same month).
RttMonth PoolRddsRtt(const RttMonth& rdds43, const RttMonth& rdds80);

// §9 as of the cycle starting at `last_cycle`: cycles_left = cycles of the
// test remaining in the month after it; pfailed 0 when the denominator is 0;
// met iff pfailed <= allowed. Counters of another month read as zero.
RttRatio ComputeRttRatio(const RttMonth& month, UnixSeconds last_cycle, int cycle_seconds,
                         double failed_percent_allowed);

}  // namespace tldmon::engine
