#include "engine/render_dns_verdict.h"

#include <gtest/gtest.h>

#include <vector>

namespace tldmon::engine {
namespace {

// slam-algorithms.md §12 E1: ns1 = {192.0.2.1, 2001:db8::1}, ns2, ns3.
constexpr std::uint16_t kNs1 = 0, kNs2 = 1, kNs3 = 2;

ProbeReport Report(std::vector<std::tuple<std::uint16_t, std::uint16_t, std::int32_t>> values,
                   Transport t = Transport::kUdp) {
  ProbeReport r;
  r.transport = t;
  for (auto [ns, ip, v] : values) {
    Metric m;
    m.target = ns;
    m.ip_index = ip;
    m.value = v;
    r.metrics.push_back(m);
  }
  return r;
}

struct Judged {
  ProbeDnsVerdict verdict;
  std::vector<ProbeNsVerdict> ns;
};

Judged Judge(const ProbeReport& r, std::size_t ns_count = 3, int min_ns = 2) {
  Judged j;
  j.ns.resize(ns_count);
  j.verdict = JudgeProbeDns(r, ns_count, min_ns, 2500, 7500, j.ns);
  return j;
}

TEST(JudgeProbeDnsTest, E1CaseA) {
  const Judged j = Judge(Report({{kNs1, 0, 40}, {kNs1, 1, -200}, {kNs2, 0, 2500}, {kNs3, 0, -1}}));
  EXPECT_FALSE(j.ns[kNs1].up);
  EXPECT_TRUE(j.ns[kNs2].up);
  EXPECT_TRUE(j.ns[kNs3].up);
  EXPECT_TRUE(j.verdict.dns_up);
  EXPECT_TRUE(j.verdict.dnssec_up);
}

TEST(JudgeProbeDnsTest, E1CaseB) {
  const Judged j = Judge(Report({{kNs1, 0, 40}, {kNs1, 1, -200}, {kNs2, 0, 2501}, {kNs3, 0, -1}}));
  EXPECT_FALSE(j.verdict.dns_up);
  EXPECT_TRUE(j.verdict.dnssec_up);
}

TEST(JudgeProbeDnsTest, E1CaseC) {
  const Judged j = Judge(Report({{kNs1, 0, 40}, {kNs1, 1, -200}, {kNs2, 0, -415}, {kNs3, 0, -416}}));
  EXPECT_FALSE(j.verdict.dns_up);
  EXPECT_TRUE(j.ns[kNs1].dnssec_ok);
  EXPECT_FALSE(j.ns[kNs2].dnssec_ok);
  EXPECT_FALSE(j.ns[kNs3].dnssec_ok);
  EXPECT_FALSE(j.verdict.dnssec_up);
}

TEST(JudgeProbeDnsTest, E1CaseD) {
  const Judged j = Judge(Report({{kNs1, 0, 40}, {kNs1, 1, 35}, {kNs2, 0, -200}, {kNs3, 0, 90}}));
  EXPECT_TRUE(j.verdict.dns_up);
  EXPECT_TRUE(j.verdict.dnssec_up);
}

TEST(JudgeProbeDnsTest, E1CaseEIpv4OnlyProbe) {
  const Judged j = Judge(Report({{kNs1, 0, 40}, {kNs2, 0, -200}, {kNs3, 0, -200}}));
  EXPECT_TRUE(j.ns[kNs1].up);
  EXPECT_FALSE(j.verdict.dns_up);
  EXPECT_TRUE(j.verdict.dnssec_up);
}

TEST(JudgeProbeDnsTest, UntestedNameServerCountsAsUp) {
  // IPv4-only probe; ns4 (index 2 here) is IPv6-only and untested.
  const Judged j = Judge(Report({{0, 0, 40}, {1, 0, -200}}));
  EXPECT_FALSE(j.ns[2].tested);
  EXPECT_TRUE(j.ns[2].up);
  EXPECT_TRUE(j.verdict.dns_up);
}

TEST(JudgeProbeDnsTest, TcpUsesTheTcpLimit) {
  EXPECT_TRUE(Judge(Report({{kNs1, 0, 7500}, {kNs2, 0, 3000}}, Transport::kTcp)).verdict.dns_up);
  EXPECT_FALSE(Judge(Report({{kNs1, 0, 7501}, {kNs2, 0, 3000}}, Transport::kTcp), 2, 2).verdict.dns_up);
  EXPECT_FALSE(Judge(Report({{kNs1, 0, 3000}, {kNs2, 0, 3000}}, Transport::kUdp), 2, 2).verdict.dns_up);
}

TEST(JudgeProbeDnsTest, MinNsAndOutOfRangeTargets) {
  const ProbeReport r = Report({{kNs1, 0, -200}, {9, 0, -200}});
  EXPECT_TRUE(Judge(r, 3, 2).verdict.dns_up);   // ns2, ns3 untested => up
  EXPECT_FALSE(Judge(r, 3, 3).verdict.dns_up);
}

}  // namespace
}  // namespace tldmon::engine
