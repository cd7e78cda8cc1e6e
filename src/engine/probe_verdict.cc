#include "engine/probe_verdict.h"

#include <algorithm>

#include "core/result_codes.h"

namespace tldmon::engine {

DnsProbeVerdict EvaluateDnsProbe(const DnsTargets& targets, int min_ns, bool probe_v4,
                                 bool probe_v6, Transport transport,
                                 std::span<const Metric> metrics, const SlaParams& params,
                                 std::span<NsOutcome> ns_out) {
  const std::size_t ns_count = std::min(targets.ns_count(), ns_out.size());
  for (std::size_t i = 0; i < ns_count; ++i) {
    bool testable = false;
    for (std::uint32_t k = targets.ns_offset[i]; k < targets.ns_offset[i + 1]; ++k)
      testable = testable || ProbeTestsFamily(probe_v4, probe_v6, targets.is_v6[k] != 0);
    ns_out[i] = NsOutcome{testable, true, true};
  }
  const int high =
      params.RttHigh(transport == Transport::kTcp ? RttKind::kDnsTcp : RttKind::kDnsUdp);
  for (const Metric& m : metrics) {
    if (m.target >= ns_count || !targets.Contains(m.target, m.ip_index)) continue;
    const bool v6 = targets.is_v6[targets.Flat(m.target, m.ip_index)] != 0;
    if (!ProbeTestsFamily(probe_v4, probe_v6, v6)) continue;  // §4.1.2: not tested
    NsOutcome& ns = ns_out[m.target];
    if (!IsSubtestSuccess(m.value, high)) ns.up = false;
    if (IsDnssecError(m.value)) ns.dnssec_ok = false;
  }
  DnsProbeVerdict v;
  for (std::size_t i = 0; i < ns_count; ++i) {
    if (!ns_out[i].testable) continue;  // issue 8 C4: left out, as RSM
    v.ns_up += ns_out[i].up ? 1 : 0;
    v.ns_dnssec_ok += ns_out[i].dnssec_ok ? 1 : 0;
  }
  v.dns_ok = v.ns_up >= min_ns;
  v.dnssec_ok = v.ns_dnssec_ok >= min_ns;
  return v;
}

DnsProbeEvaluation EvaluateDnsProbe(const EntityConfig& entity, const ProbeNode& probe,
                                    const ProbeReport& report, const SlaParams& params) {
  const DnsTargets targets = DnsTargets::Of(entity);
  DnsProbeEvaluation e;
  e.ns.resize(targets.ns_count());
  e.verdict = EvaluateDnsProbe(targets, entity.min_ns.At(report.cycle), probe.ipv4, probe.ipv6,
                               report.transport, report.metrics, params, e.ns);
  return e;
}

int NsStatusCode(const NsOutcome& ns, bool dnssec_enabled) {
  if (!dnssec_enabled) return ns.up ? 5 : 2;
  if (ns.up) return 6;  // an up name server has no DNSSEC error (it would be down)
  return ns.dnssec_ok ? 4 : 3;
}

bool EvaluateRddsProbe(bool has_rdds43, bool has_rdds80, std::span<const Metric> metrics,
                       const SlaParams& params) {
  for (const Metric& m : metrics) {
    const bool configured =
        (m.target == kRdds43Target && has_rdds43) || (m.target == kRdds80Target && has_rdds80);
    if (configured && !IsSubtestSuccess(m.value, params.rdds_rtt_high_ms)) return false;
  }
  return true;
}

bool EvaluateRddsProbe(const EntityConfig& entity, const ProbeReport& report,
                       const SlaParams& params) {
  return EvaluateRddsProbe(!entity.rdds43_server.empty(), !entity.rdds80_url.empty(),
                           report.metrics, params);
}

bool EvaluateRdapProbe(std::span<const Metric> metrics, const SlaParams& params) {
  return std::all_of(metrics.begin(), metrics.end(), [&](const Metric& m) {
    return IsSubtestSuccess(m.value, params.rdap_rtt_high_ms);
  });
}

}  // namespace tldmon::engine
