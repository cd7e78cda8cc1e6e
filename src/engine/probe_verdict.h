// Per-probe test verdicts (slam-algorithms.md §4.1.5-6, §4.2, §4.3, E1): what
// one probe's report for one entity and cycle says about the service. Pure
// functions, no allocation on the engine's path; the document renderer and
// the simulator reuse them so every component judges a probe the same way.
#pragma once

#include <span>
#include <vector>

#include "core/monitoring_config.h"
#include "core/probe_report.h"
#include "engine/dns_targets.h"
#include "engine/sla_params.h"

namespace tldmon::engine {

// One name server as seen by one probe (§4.1.5).
struct NsOutcome {
  // The probe tests at least one of its IPs (an IP of a family it has). An
  // NS it cannot test is left out of its counts, as RSM does (issue 8 C4,
  // docs/spec-map.md); `up` and `dnssec_ok` are then meaningless.
  bool testable = true;
  bool up = true;         // every tested IP succeeded (a missing value counts)
  bool dnssec_ok = true;  // no tested IP returned a DNSSEC-range code
};

struct DnsProbeVerdict {
  int ns_up = 0;           // testable name servers up
  int ns_dnssec_ok = 0;    // testable name servers without a DNSSEC error
  bool dns_ok = false;     // rsm.dns.status: ns_up >= minNS
  bool dnssec_ok = false;  // rsm.dnssec.status: ns_dnssec_ok >= minNS
};

// DNS verdict of one probe (§4.1.5-6). Only IPs of families the probe
// supports count; a missing value is a success (IsSubtestSuccess). A name
// server with no IP of the probe's families is not counted at all (RSM's
// probe never lists it: checks_simple_rsm_dns.c get_nameservers), so it
// cannot make up minNS. A DNSSEC code is a failure for DNS too.
// `ns_out` receives one NsOutcome per name server and must have
// targets.ns_count() elements. Metrics naming no configured pair are ignored.
DnsProbeVerdict EvaluateDnsProbe(const DnsTargets& targets, int min_ns, bool probe_v4,
                                 bool probe_v6, Transport transport,
                                 std::span<const Metric> metrics, const SlaParams& params,
                                 std::span<NsOutcome> ns_out);

// Convenience form for callers off the hot path (renderer, simulator):
// minNS is the entity's schedule at the report's cycle.
struct DnsProbeEvaluation {
  DnsProbeVerdict verdict;
  std::vector<NsOutcome> ns;  // indexed like EntityConfig::name_servers
};
DnsProbeEvaluation EvaluateDnsProbe(const EntityConfig& entity, const ProbeNode& probe,
                                    const ProbeReport& report, const SlaParams& params);

// `nss[].status` of a measurement (§4.1.6): 2 DNS down / DNSSEC disabled,
// 3 down/down, 4 down/DNSSEC up, 5 up/disabled, 6 up/up.
int NsStatusCode(const NsOutcome& ns, bool dnssec_enabled);

// RDDS verdict (§4.2): RDDS43 ok and RDDS80 ok; an interface the entity does
// not have counts ok, and so does a missing metric (no value).
bool EvaluateRddsProbe(bool has_rdds43, bool has_rdds80, std::span<const Metric> metrics,
                       const SlaParams& params);
bool EvaluateRddsProbe(const EntityConfig& entity, const ProbeReport& report,
                       const SlaParams& params);

// RDAP verdict (§4.3): every value succeeds against the RDAP limit.
bool EvaluateRdapProbe(std::span<const Metric> metrics, const SlaParams& params);

}  // namespace tldmon::engine
