#include "sim/network.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/result_codes.h"
#include "sim/fault_parse.h"
#include "sim/network_topology.h"

namespace tldmon::sim {
namespace {

constexpr UnixSeconds kNetworkT0 = 1767225600;  // 2026-01-01T00:00:00Z

// Two TLDs with a dual-stack name server, and 25 probes, the last of them
// IPv4-only.
struct Fixture {
  std::vector<EntityConfig> entities;
  std::vector<ProbeNode> probes;

  Fixture() {
    for (const char* tld : {"alpha", "beta"}) {
      EntityConfig e = SyntheticTld(tld, static_cast<int>(entities.size()), 7);
      e.name_servers = {{std::string("ns1.nic.") + tld, {"192.0.2.1", "2001:db8::1"}},
                        {std::string("ns2.nic.") + tld, {"192.0.2.2"}},
                        {std::string("ns3.nic.") + tld, {"192.0.2.3"}}};
      entities.push_back(std::move(e));
    }
    entities.push_back(SyntheticRegistrar(9999));
    probes = SyntheticProbes(25, 7);
    for (auto& p : probes) {
      p.ipv6 = true;
      p.ipv6_addresses = {"2001:db8:ffff::1"};
    }
    probes.back().ipv6 = false;
    probes.back().ipv6_addresses.clear();
  }

  NetworkSimulator Make(NetworkOptions o) const { return NetworkSimulator(entities, probes, std::move(o)); }
  NetworkSimulator Quiet(const std::vector<std::string>& faults = {}) const {
    NetworkOptions o = NetworkOptions::Quiet(42);
    for (const auto& spec : faults) {
      auto f = ParseFault(spec, kNetworkT0);
      EXPECT_TRUE(f.ok()) << spec << ": " << f.status().ToString();
      if (f.ok()) o.faults.push_back(*f);
    }
    return Make(std::move(o));
  }
};

const ProbeReport* Find(const std::vector<ProbeReport>& rs, std::string_view tld, ProbeIndex p) {
  for (const auto& r : rs)
    if (r.entity.id == tld && r.probe == p) return &r;
  return nullptr;
}

// slam-algorithms.md §4.1.5/§4.1.6: the probe's DNS status from its values.
bool ProbeDnsUp(const ProbeReport& r, const EntityConfig& e) {
  const int high = r.transport == Transport::kTcp ? 7500 : 2500;
  int up = 0;
  for (std::size_t ns = 0; ns < e.name_servers.size(); ++ns) {
    bool all_ok = true;
    for (const Metric& m : r.metrics)
      if (m.target == ns && !IsSubtestSuccess(m.value, high)) all_ok = false;
    up += all_ok ? 1 : 0;
  }
  return up >= e.min_ns.At(r.cycle);
}

TEST(NetworkSimulatorTest, SameSeedSameReportsWhateverTheOrder) {
  Fixture fx;
  NetworkOptions o;  // default noise on: determinism must hold with it
  o.seed = 5;
  o.faults.push_back(*ParseFault("ns-down entity=ry/alpha ns=ns2 probes=50% flap=3m/2m", kNetworkT0));
  const NetworkSimulator a = fx.Make(o);
  const NetworkSimulator b = fx.Make(o);
  std::vector<ProbeReport> later = a.CycleReports(TestKind::kDns, kNetworkT0 + 600);
  std::vector<ProbeReport> reused;
  for (UnixSeconds c = kNetworkT0; c <= kNetworkT0 + 600; c += 60) b.CycleReports(TestKind::kDns, c, &reused);
  EXPECT_EQ(later, reused);  // a cycle regenerated alone equals the one in a run
  for (TestKind t : {TestKind::kDns, TestKind::kRdds, TestKind::kRdap}) {
    const UnixSeconds c = kNetworkT0 + 3000;
    const auto all = a.CycleReports(t, c);
    ASSERT_FALSE(all.empty());
    EXPECT_EQ(all, b.CycleReports(t, c));
    ProbeReport one;
    ASSERT_TRUE(a.Report(t, c, 1, 3, &one));
    const ProbeReport* in_all = Find(all, "beta", 3);
    ASSERT_NE(in_all, nullptr);
    EXPECT_TRUE(one == *in_all);
  }
  std::vector<engine::ProbeMinuteSample> m1, m2;
  a.ProbeMinutes(kNetworkT0 + 120, &m1);
  b.ProbeMinutes(kNetworkT0 + 120, &m2);
  ASSERT_EQ(m1.size(), 25u);
  for (std::size_t i = 0; i < m1.size(); ++i) {
    EXPECT_EQ(m1[i].probe, m2[i].probe);
    EXPECT_EQ(m1[i].check_ok, m2[i].check_ok);
    EXPECT_EQ(m1[i].reachable, m2[i].reachable);
  }
}

TEST(NetworkSimulatorTest, OtherSeedOtherValues) {
  Fixture fx;
  NetworkOptions o1, o2;
  o1.seed = 1;
  o2.seed = 2;
  EXPECT_NE(fx.Make(o1).CycleReports(TestKind::kDns, kNetworkT0), fx.Make(o2).CycleReports(TestKind::kDns, kNetworkT0));
}

TEST(NetworkSimulatorTest, ReportShapePerTest) {
  Fixture fx;
  const NetworkSimulator sim = fx.Quiet();
  const auto dns = sim.CycleReports(TestKind::kDns, kNetworkT0);
  // DNS: the two TLDs (the registrar has no DNS), every probe.
  ASSERT_EQ(dns.size(), 2u * 25u);
  for (const auto& r : dns) {
    EXPECT_EQ(r.test, TestKind::kDns);
    EXPECT_EQ(r.cycle, kNetworkT0);
    EXPECT_EQ(r.tested_name, "nonexistent-tldmon." + r.entity.id + ".");
    // Dual-stack probes test all four addresses; the IPv4-only one skips 2001:db8::1.
    EXPECT_EQ(r.metrics.size(), r.probe == 24 ? 3u : 4u);
    for (const Metric& m : r.metrics) {
      EXPECT_GE(m.test_time, kNetworkT0);
      EXPECT_LT(m.test_time, kNetworkT0 + 60);
      if (r.probe == 24) { EXPECT_FALSE(m.target == 0 && m.ip_index == 1); }
    }
  }
  const auto rdds = sim.CycleReports(TestKind::kRdds, kNetworkT0);
  ASSERT_EQ(rdds.size(), 3u * 25u);  // registrar included
  for (const auto& r : rdds) {
    ASSERT_EQ(r.metrics.size(), 2u);
    EXPECT_EQ(r.metrics[0].target, kRdds43Target);
    EXPECT_EQ(r.metrics[1].target, kRdds80Target);
    for (const Metric& m : r.metrics) {
      EXPECT_TRUE(IsValidIp(m.ip)) << m.ip;
      EXPECT_GE(m.value, 0);
      if (r.probe == 24) { EXPECT_FALSE(IsIpv6Literal(m.ip)); }
    }
  }
  const auto rdap = sim.CycleReports(TestKind::kRdap, kNetworkT0);
  ASSERT_EQ(rdap.size(), 3u * 25u);
  for (const auto& r : rdap) {
    ASSERT_EQ(r.metrics.size(), 1u);
    EXPECT_TRUE(IsValidIp(r.metrics[0].ip));
    EXPECT_EQ(r.tested_name, r.entity.is_registrar() ? "example.com" : "nic." + r.entity.id);
  }
  EXPECT_TRUE(sim.CycleReports(TestKind::kEpp, kNetworkT0).empty());
}

TEST(NetworkSimulatorTest, ProbesWithoutTheCapabilityDoNotReport) {
  Fixture fx;
  fx.probes[3].rdds = false;
  fx.probes[4].rdap = false;
  const NetworkSimulator sim = fx.Quiet();
  ProbeReport r;
  EXPECT_FALSE(sim.Report(TestKind::kRdds, kNetworkT0, 0, 3, &r));
  EXPECT_TRUE(sim.Report(TestKind::kRdap, kNetworkT0, 0, 3, &r));
  EXPECT_FALSE(sim.Report(TestKind::kRdap, kNetworkT0, 0, 4, &r));
  EXPECT_FALSE(sim.Report(TestKind::kDns, kNetworkT0, 2, 0, &r));  // registrar: no DNS
}

TEST(NetworkSimulatorTest, TcpOnOneTestInTen) {
  // slam-algorithms.md §4.1.1: TCP iff (t/60 + salt) mod 10 == 0, so every
  // run of 10 consecutive minutes has exactly one TCP test per probe and TLD.
  Fixture fx;
  const NetworkSimulator sim = fx.Quiet();
  std::set<UnixSeconds> tcp_minutes;
  for (ProbeIndex p = 0; p < 25; ++p) {
    for (std::size_t e = 0; e < 2; ++e) {
      int tcp = 0;
      for (int m = 0; m < 10; ++m) {
        const UnixSeconds c = kNetworkT0 + 60 * m;
        if (sim.DnsTransport(c, e, p) == Transport::kTcp) {
          ++tcp;
          tcp_minutes.insert(m);
          ProbeReport r;
          ASSERT_TRUE(sim.Report(TestKind::kDns, c, e, p, &r));
          EXPECT_EQ(r.transport, Transport::kTcp);
        }
      }
      EXPECT_EQ(tcp, 1) << "probe " << p << " entity " << e;
      EXPECT_EQ(sim.DnsTransport(kNetworkT0, e, p), sim.DnsTransport(kNetworkT0 + 600, e, p));
    }
  }
  EXPECT_GT(tcp_minutes.size(), 3u);  // spread over the minutes, not all at once
}

TEST(NetworkSimulatorTest, QuietNetworkIsHealthyAndRealistic) {
  Fixture fx;
  const NetworkSimulator sim = fx.Quiet();
  std::set<std::int32_t> rtts;
  for (UnixSeconds c = kNetworkT0; c < kNetworkT0 + 30 * 60; c += 60) {
    for (const auto& r : sim.CycleReports(TestKind::kDns, c)) {
      EXPECT_TRUE(ProbeDnsUp(r, fx.entities[r.entity.id == "alpha" ? 0 : 1]));
      const int limit = r.transport == Transport::kTcp ? 7500 : 2500;
      for (const Metric& m : r.metrics) {
        EXPECT_GT(m.value, 0);
        EXPECT_LE(m.value, limit);
        rtts.insert(m.value);
      }
    }
  }
  EXPECT_GT(rtts.size(), 50u);  // RTTs vary with probe, name server and time
}

TEST(NetworkSimulatorTest, NsidIsHexAndStablePerProbe) {
  Fixture fx;
  const NetworkSimulator sim = fx.Quiet();
  std::map<std::tuple<std::string, ProbeIndex, int, int>, std::string> seen;
  int with_nsid = 0, total = 0;
  for (UnixSeconds c = kNetworkT0; c < kNetworkT0 + 5 * 60; c += 60) {
    for (const auto& r : sim.CycleReports(TestKind::kDns, c)) {
      for (const Metric& m : r.metrics) {
        ++total;
        if (m.nsid.empty()) continue;
        ++with_nsid;
        EXPECT_EQ(m.nsid.size() % 2, 0u);
        EXPECT_LE(m.nsid.size(), 254u);  // at most 127 bytes (§4.1.4)
        EXPECT_EQ(m.nsid.find_first_not_of("0123456789abcdef"), std::string::npos) << m.nsid;
        auto key = std::make_tuple(r.entity.id, r.probe, int{m.target}, int{m.ip_index});
        auto [it, fresh] = seen.emplace(key, m.nsid);
        if (!fresh) { EXPECT_EQ(it->second, m.nsid); }
      }
    }
  }
  EXPECT_GT(with_nsid, 0);
  EXPECT_LT(with_nsid, total);  // not every server answers with an NSID
}

TEST(NetworkSimulatorTest, NoiseProducesInternalErrorsThatNeverFailAProbe) {
  Fixture fx;
  NetworkOptions o;
  o.seed = 3;
  o.internal_error_rate = 0.05;  // exaggerated so a short run shows some
  o.timeout_rate = 0;
  o.probe_outage_rate = 0;
  const NetworkSimulator sim = fx.Make(o);
  int internal = 0, spikes = 0;
  for (UnixSeconds c = kNetworkT0; c < kNetworkT0 + 60 * 60; c += 60) {
    for (const auto& r : sim.CycleReports(TestKind::kDns, c)) {
      EXPECT_TRUE(ProbeDnsUp(r, fx.entities[r.entity.id == "alpha" ? 0 : 1]));
      for (const Metric& m : r.metrics) {
        if (IsInternalError(m.value)) ++internal;
        if (m.value > (r.transport == Transport::kTcp ? 1500 : 500)) ++spikes;
      }
    }
  }
  EXPECT_GT(internal, 0);
  EXPECT_GT(spikes, 0);  // some answers exceed the SLR (RTT ratio counters) but not the limit
}

TEST(NetworkSimulatorTest, DefaultNoiseLeavesTheWholeNetworkUp) {
  Fixture fx;
  NetworkOptions o;
  o.seed = 11;
  const NetworkSimulator sim = fx.Make(o);
  int positive = 0, total = 0;
  for (UnixSeconds c = kNetworkT0; c < kNetworkT0 + 120 * 60; c += 60) {
    for (const auto& r : sim.CycleReports(TestKind::kDns, c)) {
      ++total;
      positive += ProbeDnsUp(r, fx.entities[r.entity.id == "alpha" ? 0 : 1]) ? 1 : 0;
    }
  }
  EXPECT_GT(positive, total * 99 / 100);
}

TEST(NetworkSimulatorTest, NsDownHitsOnlyTheSelectedServerEntityAndWindow) {
  Fixture fx;
  const NetworkSimulator sim = fx.Quiet({"ns-down entity=ry/alpha ns=ns1.nic.alpha from=+10m for=5m"});
  for (UnixSeconds c = kNetworkT0; c < kNetworkT0 + 20 * 60; c += 60) {
    const bool active = c >= kNetworkT0 + 600 && c < kNetworkT0 + 900;
    for (const auto& r : sim.CycleReports(TestKind::kDns, c)) {
      const bool tcp = r.transport == Transport::kTcp;
      for (const Metric& m : r.metrics) {
        if (active && r.entity.id == "alpha" && m.target == 0) {
          EXPECT_EQ(m.value, tcp ? -600 : -200);  // mosapi-api.md §8.2, TCP = UDP - 400
          EXPECT_TRUE(m.nsid.empty());            // no answer, no NSID
        } else {
          EXPECT_GE(m.value, 0) << r.entity.id << " ns " << m.target << " at " << c;
        }
      }
      // One name server down out of three: still >= minNS 2 up.
      EXPECT_TRUE(ProbeDnsUp(r, fx.entities[r.entity.id == "alpha" ? 0 : 1]));
    }
  }
}

TEST(NetworkSimulatorTest, NsDownOnOneIpAndEnoughServersFailsTheProbe) {
  Fixture fx;
  const NetworkSimulator sim = fx.Quiet({"ns-down entity=ry/beta ns=0 ip=2001:db8::1",
                                         "ns-down entity=ry/beta ns=ns2 probes=0-11"});
  const auto rs = sim.CycleReports(TestKind::kDns, kNetworkT0);
  for (const auto& r : rs) {
    if (r.entity.id != "beta") continue;
    for (const Metric& m : r.metrics) {
      const bool v6 = m.target == 0 && m.ip_index == 1;
      const bool ns2 = m.target == 1 && r.probe <= 11;
      EXPECT_EQ(m.value < 0, v6 || ns2) << "probe " << r.probe << " ns " << m.target;
    }
    // ns1 is down through its IPv6 address, so probes 0-11 also losing ns2
    // see only ns3: fewer than minNS = 2 (E1 case e). The IPv4-only probe 24
    // does not test the IPv6 address and keeps ns1.
    EXPECT_EQ(ProbeDnsUp(r, fx.entities[1]), r.probe > 11) << r.probe;
  }
}

TEST(NetworkSimulatorTest, DnssecBrokenOnEveryNameServer) {
  Fixture fx;
  fx.entities[1].dnssec = false;  // beta is unsigned: nothing to break
  const NetworkSimulator sim = fx.Quiet({"dnssec-broken entity=*"});
  for (const auto& r : sim.CycleReports(TestKind::kDns, kNetworkT0)) {
    const bool tcp = r.transport == Transport::kTcp;
    for (const Metric& m : r.metrics) {
      if (r.entity.id == "alpha") {
        EXPECT_EQ(m.value, tcp ? -815 : -415);
        EXPECT_TRUE(IsDnssecError(m.value));
      } else {
        EXPECT_GE(m.value, 0);
      }
    }
  }
}

TEST(NetworkSimulatorTest, RdapAndRddsFaults) {
  Fixture fx;
  const NetworkSimulator sim =
      fx.Quiet({"rdap-error entity=rr/9999 http=503", "rdds43-timeout entity=ry/alpha probes=0-2",
                "rdds80-error entity=ry/beta http=404"});
  for (const auto& r : sim.CycleReports(TestKind::kRdap, kNetworkT0)) {
    if (r.entity.is_registrar()) {
      EXPECT_EQ(r.metrics[0].value, RdapHttpCode(503));
      EXPECT_FALSE(r.metrics[0].ip.empty());  // the server was reached
    } else {
      EXPECT_GE(r.metrics[0].value, 0);
    }
  }
  for (const auto& r : sim.CycleReports(TestKind::kRdds, kNetworkT0)) {
    const bool t43 = r.entity.id == "alpha" && r.probe <= 2;
    const bool t80 = r.entity.id == "beta";
    if (t43) { EXPECT_EQ(r.metrics[0].value, -227); } else { EXPECT_GE(r.metrics[0].value, 0); }
    if (t80) {
      EXPECT_EQ(r.metrics[1].value, -326);  // RDDS80 404: -300 - 26
    } else {
      EXPECT_GE(r.metrics[1].value, 0);
    }
  }
}

TEST(NetworkSimulatorTest, SlowAnswersExceedTheFiveTimesSlrLimit) {
  Fixture fx;
  const NetworkSimulator sim = fx.Quiet({"slow entity=ry/alpha"});
  for (UnixSeconds c = kNetworkT0; c < kNetworkT0 + 10 * 60; c += 60) {
    for (const auto& r : sim.CycleReports(TestKind::kDns, c)) {
      const int limit = r.transport == Transport::kTcp ? 7500 : 2500;
      for (const Metric& m : r.metrics) {
        if (r.entity.id == "alpha") { EXPECT_GT(m.value, limit); } else { EXPECT_LE(m.value, limit); }
      }
      EXPECT_EQ(ProbeDnsUp(r, fx.entities[r.entity.id == "alpha" ? 0 : 1]), r.entity.id != "alpha");
    }
  }
  for (TestKind t : {TestKind::kRdds, TestKind::kRdap})
    for (const auto& r : sim.CycleReports(t, kNetworkT0))
      for (const Metric& m : r.metrics) EXPECT_EQ(m.value > 10000, r.entity.id == "alpha");
}

TEST(NetworkSimulatorTest, ProbeOfflineAndUnreachable) {
  Fixture fx;
  const NetworkSimulator sim =
      fx.Quiet({"probe-offline probes=0-4 from=+5m for=10m", "probe-unreachable probes=20-21"});
  std::vector<engine::ProbeMinuteSample> s;
  sim.ProbeMinutes(kNetworkT0, &s);
  ASSERT_EQ(s.size(), 25u);
  for (const auto& x : s) {
    EXPECT_TRUE(x.check_ok);
    EXPECT_TRUE(x.manual_online);
    EXPECT_EQ(x.reachable, x.probe < 20 || x.probe > 21);
  }
  sim.ProbeMinutes(kNetworkT0 + 5 * 60, &s);
  for (const auto& x : s) EXPECT_EQ(x.check_ok, x.probe > 4);
  sim.ProbeMinutes(kNetworkT0 + 15 * 60, &s);
  for (const auto& x : s) EXPECT_TRUE(x.check_ok);

  // Probes that are down send no reports.
  std::set<ProbeIndex> reporting;
  for (const auto& r : sim.CycleReports(TestKind::kDns, kNetworkT0 + 6 * 60)) reporting.insert(r.probe);
  for (ProbeIndex p = 0; p < 25; ++p) EXPECT_EQ(reporting.count(p) == 1, p > 4 && p != 20 && p != 21) << p;
}

TEST(NetworkSimulatorTest, NaturalProbeOutagesAreRareAndShort) {
  Fixture fx;
  NetworkOptions o = NetworkOptions::Quiet(9);
  o.probe_outage_rate = 0.2;  // exaggerated
  const NetworkSimulator sim = fx.Make(o);
  int offline_minutes = 0;
  int longest = 0, run = 0;
  for (UnixSeconds t = kNetworkT0; t < kNetworkT0 + 24 * 3600; t += 60) {
    const bool down = !sim.ProbeMinute(t, 0).check_ok;
    offline_minutes += down ? 1 : 0;
    run = down ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  EXPECT_GT(offline_minutes, 0);
  EXPECT_LT(offline_minutes, 24 * 60 / 2);
  EXPECT_LE(longest, 40);  // at most two back-to-back 20-minute outages
}

TEST(NetworkSimulatorTest, FlappingRdap) {
  Fixture fx;
  const NetworkSimulator sim = fx.Quiet({"rdap-error entity=rr/9999 from=+0 flap=10m/10m"});
  for (int k = 0; k < 8; ++k) {
    const UnixSeconds c = kNetworkT0 + 300 * k;
    const bool failing = (k / 2) % 2 == 0;  // 10 minutes on = two RDAP cycles
    ProbeReport r;
    ASSERT_TRUE(sim.Report(TestKind::kRdap, c, 2, 0, &r));
    EXPECT_EQ(r.metrics[0].value < 0, failing) << "cycle " << k;
  }
}

TEST(NetworkSimulatorTest, ReusedOutputVectorMatchesAFreshOne) {
  Fixture fx;
  NetworkOptions o;
  o.seed = 4;
  o.faults.push_back(*ParseFault("probe-offline probes=0-3 flap=2m/3m", kNetworkT0));
  const NetworkSimulator sim = fx.Make(o);
  std::vector<ProbeReport> reused;
  for (UnixSeconds c = kNetworkT0; c < kNetworkT0 + 12 * 60; c += 60) {
    sim.CycleReports(TestKind::kDns, c, &reused);
    EXPECT_EQ(reused, sim.CycleReports(TestKind::kDns, c));
  }
}

}  // namespace
}  // namespace tldmon::sim
