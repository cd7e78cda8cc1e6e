// Name-server IP availability (slam-algorithms.md §6, §8, E3, E9): per
// configured (ns, ip) and DNS cycle, from the values of ALL probes (no online
// filter), and the monthly count of Down NS-IP cycles (not incident-gated,
// but a false-positive DNS incident takes its cycles back, as in RSM).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/cycle_status.h"
#include "core/probe_report.h"
#include "engine/dns_targets.h"
#include "engine/engine_state.h"
#include "engine/sla_params.h"

namespace tldmon::engine {

// RTTs of one NS-IP in one cycle over one transport, across every probe
// that measured it (the dashboard's RTT charts, docs/dashboard.md): how many
// RTTs, their median and 95th percentile (nearest rank), milliseconds.
struct RttSummary {
  int n = 0;
  int p50 = 0;
  int p95 = 0;
  friend bool operator==(const RttSummary&, const RttSummary&) = default;
};

// One probe's RTTs over an entity's name-server IPs in one DNS cycle, over
// the transport it used (ProbeRttSummary).
struct ProbeRtt {
  ProbeIndex probe = 0;
  Transport transport = Transport::kUdp;
  RttSummary rtt;
  friend bool operator==(const ProbeRtt&, const ProbeRtt&) = default;
};

// A probe saw a name-server IP answer with an NSID other than the last one
// it saw there (NoteNsids): the first sighting, an anycast instance change,
// or the first sighting after a restart.
struct NsidSighting {
  EntityId entity;
  std::uint16_t ns = 0;
  std::uint16_t ip = 0;
  ProbeIndex probe = 0;
  std::string nsid;  // hex, as the probe reported it
};

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

// Adds one probe's RTTs (values >= 0; error codes and kNoValue are not
// RTTs) to per-pair lists (indexed by DnsTargets::Flat), with the same
// filters as AccumulateNsIpValues. For the dashboard's charts only: no
// verdict reads them.
void CollectNsIpRtts(const DnsTargets& targets, bool probe_v4, bool probe_v6,
                     std::span<const Metric> metrics, std::span<std::vector<int>> rtts);

// The count, median and 95th percentile of one probe's RTTs over the
// entity's name-server IPs in one cycle (the dashboard's per-probe RTT
// charts), with the same filters as CollectNsIpRtts; `scratch` is reused.
RttSummary ProbeRttSummary(const DnsTargets& targets, bool probe_v4, bool probe_v6,
                           std::span<const Metric> metrics, std::vector<int>& scratch);

// The NSIDs one probe's report carries (docs/dashboard.md "NSID changes"):
// for each pair whose non-empty NSID differs from the last one this probe
// saw there (pairs[flat].nsids, sized on demand to probe_count), records it
// and appends a sighting to `changed`. An empty NSID (no answer, no
// option) is not a change: an instance is only replaced by another one.
void NoteNsids(const EntityId& entity, const DnsTargets& targets, bool probe_v4, bool probe_v6,
               ProbeIndex probe, std::size_t probe_count, std::span<const Metric> metrics,
               std::span<NsIpState> pairs, std::vector<NsidSighting>& changed);

// The q-quantile of `values` by nearest rank (the ceil(q*n)-th smallest),
// which it reorders; `values` must not be empty.
int NearestRank(std::vector<int>& values, double q);

// The count, median and 95th percentile (nearest rank) of `rtts`, which it
// reorders; zeros when empty.
RttSummary SummarizeRtts(std::vector<int>& rtts);

// §6: reconfig => 4; online DNS probes < min_online => 3; n < min_online => 2;
// Down iff down*100 > limit*n (down > 0.49 n), else Up.
CycleStatus NsIpCycleVerdict(bool reconfigured, int online_probes, const NsIpCount& count,
                             int min_online, double unavailability_limit);

// §8: records one NS-IP cycle verdict in the pair's monthly counter, which
// restarts at each UTC month start. `in_dns_incident`: the cycle lies inside
// an incident of the entity's DNS service (then a Down cycle is also kept in
// incident_down_cycles).
void RecordNsIpCycle(NsIpState& state, UnixSeconds cycle, CycleStatus status, bool in_dns_incident,
                     int cycle_seconds);

// Down NS-IP cycles of the month containing `as_of` (0 if the counter belongs
// to another month), less those inside a false-positive DNS incident
// (`dns_incidents`: the entity's DNS incidents, ascending). RSM recomputes
// NS-IP downtime when a DNS incident's flag changes, taking the NS-IP values
// inside every false-positive DNS incident's time range as Up
// (RSMSLV.pm __fp_process_incident, service 'DNS.NS'; DNSSEC, RDDS and RDAP
// incidents are skipped there). An active incident's range runs to as_of.
int NsIpDownCyclesInMonth(const NsIpState& state, UnixSeconds as_of,
                          std::span<const Incident> dns_incidents, int cycle_seconds);

}  // namespace tldmon::engine
