#include "probeapi/probe_config_builder.h"

#include <algorithm>

namespace tldmon::probeapi {

probewire::ProbeConfig BuildProbeConfig(const std::vector<EntityConfig>& entities,
                                        const store::ProbeRecord& probe,
                                        const engine::SlaParams& params, UnixSeconds generated) {
  probewire::ProbeConfig c;
  c.generated = generated;
  c.probe.name = probe.node.name;
  c.probe.ipv4 = probe.node.ipv4;
  c.probe.ipv6 = probe.node.ipv6;
  c.probe.rdds = probe.node.rdds;
  c.probe.rdap = probe.node.rdap;
  c.probe.manual_online = probe.enabled;
  probewire::TestSettings& t = c.tests;
  t.dns_cycle_seconds = params.CycleSeconds(TestKind::kDns);
  t.rdds_cycle_seconds = params.CycleSeconds(TestKind::kRdds);
  t.rdap_cycle_seconds = params.CycleSeconds(TestKind::kRdap);
  t.udp_rtt_high_ms = params.dns_udp_rtt_high_ms;
  t.tcp_rtt_high_ms = params.dns_tcp_rtt_high_ms;
  t.rdds_rtt_high_ms = params.rdds_rtt_high_ms;
  t.rdap_rtt_high_ms = params.rdap_rtt_high_ms;
  for (const EntityConfig& e : entities) {
    probewire::ProbeEntity pe = probewire::ProbeEntityOf(e);
    // A probe that does not test RDDS or RDAP ({$RSM.RDDS.ENABLED},
    // {$RSM.RDAP.ENABLED}) is not given those tests at all.
    if (!probe.node.rdds) pe.rdds43 = pe.rdds80 = false;
    if (!probe.node.rdap) pe.rdap = false;
    if (pe.dns || pe.rdds43 || pe.rdds80 || pe.rdap) c.entities.push_back(std::move(pe));
  }
  std::sort(c.entities.begin(), c.entities.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  return c;
}

}  // namespace tldmon::probeapi
