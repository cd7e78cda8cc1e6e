// Test-only builders for engine tests: a TLD shaped like slam-algorithms.md
// E1 (ns1 = 192.0.2.1 + 2001:db8::1, ns2 = 192.0.2.2, ns3 = 192.0.2.3), a
// dual-stack probe network, per-minute online samples and probe reports.
// Header-only; not part of the library.
#pragma once

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/monitoring_config.h"
#include "core/probe_report.h"
#include "engine/engine.h"

namespace tldmon::engine::testing {

inline constexpr UnixSeconds kT0 = 1767225600;  // 2026-01-01T00:00:00Z (§12)

inline EntityId Tld(const std::string& name = "example") {
  return EntityId{EntityKind::kRegistry, name};
}

inline EntityConfig MakeTld(const std::string& name = "example") {
  EntityConfig e;
  e.id = Tld(name);
  for (Service s : {Service::kDns, Service::kDnssec, Service::kRdds, Service::kRdap})
    e.SetEnabled(s, true);
  e.name_servers = {{"ns1.nic." + name, {"192.0.2.1", "2001:db8::1"}},
                    {"ns2.nic." + name, {"192.0.2.2"}},
                    {"ns3.nic." + name, {"192.0.2.3"}}};
  e.rdds43_server = "whois.nic." + name;
  e.rdds80_url = "https://whois.nic." + name + "/";
  e.rdap_base_url = "https://rdap.nic." + name + "/rdap/";
  e.test_domain = "nic." + name;
  return e;
}

inline std::vector<ProbeNode> MakeProbes(int n) {
  std::vector<ProbeNode> probes;
  for (int i = 0; i < n; ++i) {
    ProbeNode p;
    p.name = "Probe" + std::to_string(i + 1) + "-Server1";
    p.ipv4_addresses = {"198.51.100." + std::to_string(i + 1)};
    p.ipv6_addresses = {"2001:db8:ffff::" + std::to_string(i + 1)};
    probes.push_back(p);
  }
  return probes;
}

// Every probe online except those listed (reported, but manually offline so
// the automatic hysteresis is untouched).
inline std::vector<ProbeMinuteSample> Samples(std::size_t probe_count,
                                              const std::set<ProbeIndex>& offline = {}) {
  std::vector<ProbeMinuteSample> out;
  for (ProbeIndex p = 0; p < probe_count; ++p) {
    ProbeMinuteSample s;
    s.probe = p;
    s.check_ok = true;
    s.manual_online = offline.count(p) == 0;
    out.push_back(s);
  }
  return out;
}

// A DNS report in which every configured (ns, ip) of MakeTld() got `value`.
inline ProbeReport DnsReport(ProbeIndex probe, const EntityConfig& e, UnixSeconds cycle,
                             std::int32_t value, Transport transport = Transport::kUdp) {
  ProbeReport r;
  r.probe = probe;
  r.entity = e.id;
  r.test = TestKind::kDns;
  r.cycle = cycle;
  r.transport = transport;
  for (std::uint16_t ns = 0; ns < e.name_servers.size(); ++ns) {
    for (std::uint16_t ip = 0; ip < e.name_servers[ns].ips.size(); ++ip) {
      Metric m;
      m.target = ns;
      m.ip_index = ip;
      m.value = value;
      m.test_time = cycle + 30;
      r.metrics.push_back(m);
    }
  }
  return r;
}

// Reports from probes [0, count): the first `positive` answer in 40 ms, the
// rest time out (-200), so a probe is DNS-positive iff its index < positive.
inline std::vector<ProbeReport> DnsReports(const EntityConfig& e, UnixSeconds cycle, int count,
                                           int positive) {
  std::vector<ProbeReport> out;
  for (int p = 0; p < count; ++p) {
    out.push_back(DnsReport(static_cast<ProbeIndex>(p), e, cycle, p < positive ? 40 : -200));
  }
  return out;
}

// An RDAP (or RDDS) report with one value per interface.
inline ProbeReport ServiceReport(ProbeIndex probe, const EntityConfig& e, TestKind test,
                                 UnixSeconds cycle, std::vector<Metric> metrics) {
  ProbeReport r;
  r.probe = probe;
  r.entity = e.id;
  r.test = test;
  r.cycle = cycle;
  r.metrics = std::move(metrics);
  return r;
}

inline Metric Value(std::uint16_t target, std::int32_t value) {
  Metric m;
  m.target = target;
  m.value = value;
  return m;
}

// RDAP reports from probes [0, count): the first `positive` succeed (200 ms),
// the others get an RDAP timeout (-405).
inline std::vector<ProbeReport> RdapReports(const EntityConfig& e, UnixSeconds cycle, int count,
                                            int positive) {
  std::vector<ProbeReport> out;
  for (int p = 0; p < count; ++p) {
    out.push_back(ServiceReport(static_cast<ProbeIndex>(p), e, TestKind::kRdap, cycle,
                                {Value(0, p < positive ? 200 : -405)}));
  }
  return out;
}

}  // namespace tldmon::engine::testing

namespace tldmon::engine::testing {

// Records the minutes [from, to) with every probe online except `offline`.
inline void RecordMinutes(Engine& engine, UnixSeconds from, UnixSeconds to,
                          const std::set<ProbeIndex>& offline = {}) {
  for (UnixSeconds m = from; m < to; m += 60) {
    const Status s = engine.RecordProbeMinute(m, Samples(engine.probes().size(), offline));
    if (!s.ok()) throw std::runtime_error(s.ToString());  // test-only: fail loudly
  }
}

// Records the cycle's minutes, then processes it; throws on error so a test
// fails at the line that broke.
inline CycleOutput RunCycle(Engine& engine, TestKind test, UnixSeconds cycle,
                            const std::vector<ProbeReport>& reports,
                            const std::set<ProbeIndex>& offline = {}) {
  RecordMinutes(engine, cycle, cycle + engine.params().CycleSeconds(test), offline);
  Result<CycleOutput> out = engine.ProcessCycle(test, cycle, reports);
  if (!out.ok()) throw std::runtime_error(out.status().ToString());
  return std::move(out).value();
}

// An engine whose next incident gets `event_id` (E4 uses 4242, E5 81234).
inline Engine EngineWithEventId(std::uint64_t event_id, std::vector<EntityConfig> entities,
                                std::vector<ProbeNode> probes,
                                SlaParams params = SlaParams::Defaults()) {
  Engine fresh(params, entities, probes);
  EngineState state = fresh.state();
  state.next_event_id = event_id;
  Result<Engine> restored = Engine::Restore(params, entities, probes, state);
  if (!restored.ok()) throw std::runtime_error(restored.status().ToString());
  return std::move(restored).value();
}

}  // namespace tldmon::engine::testing
