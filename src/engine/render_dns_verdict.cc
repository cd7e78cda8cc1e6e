#include "engine/render_dns_verdict.h"

#include "core/result_codes.h"

namespace tldmon::engine {

ProbeDnsVerdict JudgeProbeDns(const ProbeReport& report, std::size_t ns_count, int min_ns,
                              int udp_high_ms, int tcp_high_ms, std::span<ProbeNsVerdict> ns_out) {
  const std::size_t n = ns_count < ns_out.size() ? ns_count : ns_out.size();
  for (std::size_t i = 0; i < n; ++i) ns_out[i] = ProbeNsVerdict{};
  const int limit = report.transport == Transport::kTcp ? tcp_high_ms : udp_high_ms;
  for (const Metric& m : report.metrics) {
    if (m.target >= n) continue;
    ProbeNsVerdict& ns = ns_out[m.target];
    ns.tested = true;
    if (!IsSubtestSuccess(m.value, limit)) ns.up = false;
    if (IsDnssecError(m.value)) ns.dnssec_ok = false;
  }
  int up = 0;
  int dnssec_ok = 0;
  for (std::size_t i = 0; i < n; ++i) {
    up += ns_out[i].up ? 1 : 0;
    dnssec_ok += ns_out[i].dnssec_ok ? 1 : 0;
  }
  return ProbeDnsVerdict{up >= min_ns, dnssec_ok >= min_ns};
}

}  // namespace tldmon::engine
