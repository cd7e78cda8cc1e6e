// Per-probe verdicts: slam-algorithms.md §4.1.5-6 and worked example E1,
// §4.2 (RDDS) and §4.3 (RDAP).
#include "engine/probe_verdict.h"

#include <gtest/gtest.h>

#include "engine/engine_test_fixture.h"

namespace tldmon::engine {
namespace {

using testing::kT0;
using testing::MakeTld;
using testing::Value;

Metric At(std::uint16_t ns, std::uint16_t ip, std::int32_t v) {
  Metric m;
  m.target = ns;
  m.ip_index = ip;
  m.value = v;
  return m;
}

struct E1Case {
  const char* name;
  bool ipv6;  // probe supports IPv6
  std::int32_t ns1_v4, ns1_v6, ns2, ns3;
  int ns_up;
  bool dns_ok;
  int ns_dnssec_ok;
  bool dnssec_ok;
};

class E1Test : public ::testing::TestWithParam<E1Case> {};

TEST_P(E1Test, MatchesTheWorkedExample) {
  const E1Case& c = GetParam();
  ProbeNode probe;
  probe.ipv6 = c.ipv6;
  ProbeReport r;
  r.cycle = kT0;
  r.transport = Transport::kUdp;
  r.metrics = {At(0, 0, c.ns1_v4), At(0, 1, c.ns1_v6), At(1, 0, c.ns2), At(2, 0, c.ns3)};
  const DnsProbeEvaluation e = EvaluateDnsProbe(MakeTld(), probe, r, SlaParams::Defaults());
  EXPECT_EQ(e.verdict.ns_up, c.ns_up);
  EXPECT_EQ(e.verdict.dns_ok, c.dns_ok);
  EXPECT_EQ(e.verdict.ns_dnssec_ok, c.ns_dnssec_ok);
  EXPECT_EQ(e.verdict.dnssec_ok, c.dnssec_ok);
}

// E1 table (minNS 2, UDP, HIGH 2500). In case e the IPv6 value is present in
// the report but must be ignored: an IPv4-only probe does not test IPv6.
INSTANTIATE_TEST_SUITE_P(
    SlamE1, E1Test,
    ::testing::Values(E1Case{"a", true, 40, -200, 2500, -1, 2, true, 3, true},
                      E1Case{"b", true, 40, -200, 2501, -1, 1, false, 3, true},
                      E1Case{"c", true, 40, -200, -415, -416, 0, false, 1, false},
                      E1Case{"d", true, 40, 35, -200, 90, 2, true, 3, true},
                      E1Case{"e", false, 40, -200, -200, -200, 1, false, 3, true}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

TEST(ProbeVerdictTest, E1NsStatusCodes) {
  ProbeNode probe;
  ProbeReport a;
  a.cycle = kT0;
  a.metrics = {At(0, 0, 40), At(0, 1, -200), At(1, 0, 2500), At(2, 0, -1)};
  const DnsProbeEvaluation ea = EvaluateDnsProbe(MakeTld(), probe, a, SlaParams::Defaults());
  EXPECT_EQ(NsStatusCode(ea.ns[0], true), 4);
  EXPECT_EQ(NsStatusCode(ea.ns[1], true), 6);
  EXPECT_EQ(NsStatusCode(ea.ns[2], true), 6);

  ProbeReport c = a;
  c.metrics = {At(0, 0, 40), At(0, 1, -200), At(1, 0, -415), At(2, 0, -416)};
  const DnsProbeEvaluation ec = EvaluateDnsProbe(MakeTld(), probe, c, SlaParams::Defaults());
  EXPECT_EQ(NsStatusCode(ec.ns[0], true), 4);
  EXPECT_EQ(NsStatusCode(ec.ns[1], true), 3);
  EXPECT_EQ(NsStatusCode(ec.ns[2], true), 3);
  // DNSSEC disabled: 2 down, 5 up.
  EXPECT_EQ(NsStatusCode(ec.ns[0], false), 2);
  EXPECT_EQ(NsStatusCode(ea.ns[1], false), 5);
}

TEST(ProbeVerdictTest, NameServerWithoutUsableIpIsLeftOutAsRsmDoes) {
  // Issue 8 C4 (docs/spec-map.md): IPv4-only probe; ns1 = 192.0.2.1 (40),
  // ns2 = 192.0.2.2 (-200), ns4 IPv6 only. RSM's probe never lists ns4, so
  // only ns1 is up (not ns1 and ns4) => dns.status 0. The same probe with
  // IPv6 counts ns4.
  EntityConfig e = MakeTld();
  e.name_servers = {{"ns1.nic.example", {"192.0.2.1"}},
                    {"ns2.nic.example", {"192.0.2.2"}},
                    {"ns4.nic.example", {"2001:db8::4"}}};
  ProbeNode probe;
  probe.ipv6 = false;
  ProbeReport r;
  r.cycle = kT0;
  r.metrics = {At(0, 0, 40), At(1, 0, -200)};
  const DnsProbeEvaluation v = EvaluateDnsProbe(e, probe, r, SlaParams::Defaults());
  EXPECT_FALSE(v.ns[2].testable);
  EXPECT_EQ(v.verdict.ns_up, 1);
  EXPECT_EQ(v.verdict.ns_dnssec_ok, 2);
  EXPECT_FALSE(v.verdict.dns_ok);
  EXPECT_TRUE(v.verdict.dnssec_ok);

  probe.ipv6 = true;  // ns4 has no value: a missing value is a success
  const DnsProbeEvaluation dual = EvaluateDnsProbe(e, probe, r, SlaParams::Defaults());
  EXPECT_TRUE(dual.ns[2].testable);
  EXPECT_EQ(dual.verdict.ns_up, 2);
  EXPECT_TRUE(dual.verdict.dns_ok);
}

TEST(ProbeVerdictTest, TcpUsesTheTcpLimit) {
  ProbeNode probe;
  ProbeReport r;
  r.cycle = kT0;
  r.transport = Transport::kTcp;
  r.metrics = {At(0, 0, 7500), At(0, 1, 7500), At(1, 0, 7501), At(2, 0, 3000)};
  const DnsProbeEvaluation v = EvaluateDnsProbe(MakeTld(), probe, r, SlaParams::Defaults());
  EXPECT_TRUE(v.ns[0].up);
  EXPECT_FALSE(v.ns[1].up);
  EXPECT_TRUE(v.ns[2].up);  // 3000 > 2500 would fail over UDP, not over TCP
}

TEST(ProbeVerdictTest, MinNsFollowsTheScheduleAtTheCycle) {
  // E9 "2;1767225600:3": before t0 two NS suffice, from t0 on three.
  EntityConfig e = MakeTld();
  e.min_ns = MinNsSchedule::Parse("2;1767225600:3").value();
  ProbeNode probe;
  ProbeReport r;
  r.metrics = {At(0, 0, 40), At(0, 1, 40), At(1, 0, 40), At(2, 0, -200)};
  r.cycle = kT0 - 60;
  EXPECT_TRUE(EvaluateDnsProbe(e, probe, r, SlaParams::Defaults()).verdict.dns_ok);
  r.cycle = kT0;
  EXPECT_FALSE(EvaluateDnsProbe(e, probe, r, SlaParams::Defaults()).verdict.dns_ok);
}

TEST(ProbeVerdictTest, UnknownTargetsAreIgnoredByThePureFunction) {
  ProbeNode probe;
  ProbeReport r;
  r.cycle = kT0;
  r.metrics = {At(7, 0, -200), At(1, 5, -200)};
  EXPECT_EQ(EvaluateDnsProbe(MakeTld(), probe, r, SlaParams::Defaults()).verdict.ns_up, 3);
}

TEST(ProbeVerdictTest, Rdds) {
  const SlaParams p = SlaParams::Defaults();
  // §4.2: both interfaces must succeed; 10000 ms is still a success.
  EXPECT_TRUE(EvaluateRddsProbe(true, true, std::vector{Value(0, 10000), Value(1, 300)}, p));
  EXPECT_FALSE(EvaluateRddsProbe(true, true, std::vector{Value(0, 10001), Value(1, 300)}, p));
  EXPECT_FALSE(EvaluateRddsProbe(true, true, std::vector{Value(0, 300), Value(1, -255)}, p));
  // An internal error or a missing metric is no value => ok.
  EXPECT_TRUE(EvaluateRddsProbe(true, true, std::vector{Value(0, -1)}, p));
  EXPECT_TRUE(EvaluateRddsProbe(true, true, std::vector<Metric>{}, p));
  // An interface the entity does not have counts ok whatever it reports.
  EXPECT_TRUE(EvaluateRddsProbe(true, false, std::vector{Value(0, 300), Value(1, -255)}, p));
  EntityConfig e = MakeTld();
  e.rdds43_server.clear();
  ProbeReport r;
  r.metrics = {Value(0, -227), Value(1, 500)};
  EXPECT_TRUE(EvaluateRddsProbe(e, r, p));
}

TEST(ProbeVerdictTest, Rdap) {
  const SlaParams p = SlaParams::Defaults();
  EXPECT_TRUE(EvaluateRdapProbe(std::vector{Value(0, 10000)}, p));
  EXPECT_FALSE(EvaluateRdapProbe(std::vector{Value(0, 10001)}, p));
  EXPECT_FALSE(EvaluateRdapProbe(std::vector{Value(0, -405)}, p));
  EXPECT_FALSE(EvaluateRdapProbe(std::vector{Value(0, -526)}, p));
  EXPECT_TRUE(EvaluateRdapProbe(std::vector{Value(0, -2)}, p));
  EXPECT_TRUE(EvaluateRdapProbe(std::vector<Metric>{}, p));
}

}  // namespace
}  // namespace tldmon::engine
