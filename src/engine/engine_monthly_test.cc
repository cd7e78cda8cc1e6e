// Monthly figures through the Engine: NS-IP downtime (E9), RTT ratios (§9,
// E8) and the UTC month rollover (§8).
#include <gtest/gtest.h>

#include <vector>

#include "engine/engine.h"
#include "engine/engine_test_fixture.h"

namespace tldmon::engine {
namespace {

using namespace testing;  // NOLINT: test fixture builders

constexpr UnixSeconds kFeb = 1769904000;  // 2026-02-01T00:00:00Z

TEST(EngineMonthlyTest, E9NsIpDowntime432MetAnd433Breached) {
  Engine engine(SlaParams::Defaults(), {MakeTld()}, MakeProbes(20));
  const EntityConfig& e = engine.entities()[0];
  UnixSeconds c = kT0;
  auto cycle = [&]() {
    std::vector<ProbeReport> reports = DnsReports(e, c, 20, 20);
    for (ProbeReport& r : reports) r.metrics[3].value = -200;  // ns3 unreachable everywhere
    RunCycle(engine, TestKind::kDns, c, reports);
    c += 60;
  };
  for (int i = 0; i < 432; ++i) cycle();
  std::vector<NsIpMonthly> m = engine.MonthlyNsIp(e.id);
  ASSERT_EQ(m.size(), 4U);
  EXPECT_EQ(m[3].ns, "ns3.nic.example");
  EXPECT_EQ(m[3].ip, "192.0.2.3");
  EXPECT_EQ(m[3].month, kT0);
  EXPECT_EQ(m[3].downtime_minutes, 432);
  EXPECT_EQ(m[3].downtime_slr_minutes, 432);
  EXPECT_TRUE(m[3].downtime_met);
  EXPECT_EQ(m[3].last_status, CycleStatus::kDown);
  EXPECT_EQ(m[0].downtime_minutes, 0);
  cycle();
  m = engine.MonthlyNsIp(e.id);
  EXPECT_EQ(m[3].downtime_minutes, 433);
  EXPECT_FALSE(m[3].downtime_met);
  // Not incident-gated: the DNS service itself stayed Up (ns1, ns2 up).
  EXPECT_EQ(engine.Monthly(e.id, Service::kDns).downtime_minutes, 0);
  EXPECT_TRUE(engine.state().entities.at(e.id).services[0].incidents.empty());
}

TEST(EngineMonthlyTest, DnsRttItemsAndProjection) {
  // 20 probes, 18 and 19 IPv4-only. MakeTld has 3 IPv4 pairs and 1 IPv6
  // pair => expected = 20*3 + 18*1 = 78 items per cycle, for UDP and TCP.
  std::vector<ProbeNode> probes = MakeProbes(20);
  probes[18].ipv6 = false;
  probes[19].ipv6 = false;
  Engine engine(SlaParams::Defaults(), {MakeTld()}, probes);
  const EntityConfig& e = engine.entities()[0];
  std::vector<ProbeReport> reports;
  for (ProbeIndex p = 0; p < 19; ++p) reports.push_back(DnsReport(p, e, kT0, p == 0 ? 600 : 120));
  reports.push_back(DnsReport(19, e, kT0, 1600, Transport::kTcp));
  RunCycle(engine, TestKind::kDns, kT0, reports);

  const RttRatio udp = engine.MonthlyRtt(e.id, RttKind::kDnsUdp);
  // UDP: 18 dual-stack probes x 4 + probe 18's 3 IPv4 items (its IPv6 value
  // is not an item of an IPv4-only probe); probe 0's 4 items > 500 failed.
  EXPECT_EQ(udp.performed, 18 * 4 + 3);
  EXPECT_EQ(udp.failed, 4);
  EXPECT_EQ(udp.expected, 78);
  EXPECT_EQ(udp.cycles_left, 44640 - 1);  // January has 44,640 DNS cycles
  EXPECT_DOUBLE_EQ(udp.pfailed, 100.0 * 4 / (75 + 44639.0 * 78));
  EXPECT_TRUE(udp.met);
  const RttRatio tcp = engine.MonthlyRtt(e.id, RttKind::kDnsTcp);
  EXPECT_EQ(tcp.performed, 3);
  EXPECT_EQ(tcp.failed, 3);
  EXPECT_EQ(tcp.expected, 78);
}

TEST(EngineMonthlyTest, MonthRollover) {
  // DNS Down from Jan 31 23:56; the incident opens at 23:58 and stays open
  // across midnight.
  const UnixSeconds start = kFeb - 240;
  Engine engine(SlaParams::Defaults(), {MakeTld()}, MakeProbes(20));
  const EntityConfig& e = engine.entities()[0];
  std::vector<int> monthly;
  std::vector<int> ns_ip;
  for (UnixSeconds c = start; c <= kFeb + 60; c += 60) {
    RunCycle(engine, TestKind::kDns, c, DnsReports(e, c, 20, 0));
    monthly.push_back(engine.Monthly(e.id, Service::kDns).downtime_minutes);
    ns_ip.push_back(engine.MonthlyNsIp(e.id)[0].downtime_minutes);
  }
  // 23:56 23:57 | 23:58 (opens) 23:59 | Feb 00:00 (first cycle: 0, §8) | 00:01
  EXPECT_EQ(monthly, (std::vector<int>{0, 0, 1, 2, 0, 2}));
  EXPECT_EQ(engine.Monthly(e.id, Service::kDns).month, kFeb);
  EXPECT_FALSE(engine.Monthly(e.id, Service::kDns).downtime_met);
  // NS-IP counters restart at the month start; RTT counters too.
  EXPECT_EQ(ns_ip, (std::vector<int>{1, 2, 3, 4, 1, 2}));
  const RttRatio udp = engine.MonthlyRtt(e.id, RttKind::kDnsUdp);
  EXPECT_EQ(udp.performed, 2 * 20 * 4);
  EXPECT_EQ(udp.failed, 2 * 20 * 4);  // -200 is the UDP timeout code
  // The rolling week does not care about months.
  EXPECT_EQ(engine.Summarize(e.id, Service::kDns).downtime_minutes, 4);
}

}  // namespace
}  // namespace tldmon::engine
