#include "sim/scenario_synth.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "sim/scenario_parser.h"
#include "sim/scenario_plan.h"
#include "sim/scenario_step_parser.h"

namespace tldmon::sim {
namespace {

constexpr UnixSeconds kScenarioSynthT0 = 1767225600;

Scenario Parse(const std::string& text) {
  auto sc = ParseScenario(text, "synth.scn");
  EXPECT_TRUE(sc.ok()) << sc.status().ToString();
  return sc.ok() ? *sc : Scenario{};
}

bool AllValues(const ProbeReport& r, std::int32_t v) {
  return !r.metrics.empty() && std::all_of(r.metrics.begin(), r.metrics.end(),
                                           [&](const Metric& m) { return m.value == v; });
}

TEST(ScenarioSynth, SummaryDnsGivesExactCounts) {
  const Scenario sc = Parse(
      "title t\nstart 2026-01-01\nprobes 30\nentity ry/example services=dns,dnssec\n"
      "dns online=25 results=22 up=11 dnssec-up=15\nexpect dns status=Up\n");
  auto plan = PlanScenario(sc);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  // Probes beyond the first 25 are offline (manual status) in the cycle's minute.
  for (ProbeIndex p = 0; p < 30; ++p)
    EXPECT_EQ(plan->Flags(kScenarioSynthT0, p), p < 25 ? 0 : kManualOffline) << p;
  std::vector<ProbeReport> reports;
  ASSERT_TRUE(SynthesizeReports(sc, *plan, sc.steps[0], kScenarioSynthT0, reports).ok());
  ASSERT_EQ(reports.size(), 22u);
  for (std::size_t j = 0; j < reports.size(); ++j) {
    EXPECT_EQ(reports[j].probe, j);
    EXPECT_EQ(reports[j].cycle, kScenarioSynthT0);
    EXPECT_EQ(reports[j].test, TestKind::kDns);
    // Default name servers: 2 x (IPv4 + IPv6), all tested by dual-stack probes.
    ASSERT_EQ(reports[j].metrics.size(), 4u);
    const std::int32_t want = j < 11   ? kDefaultDnsRttMs
                              : j < 15 ? kDnsUdpTimeout
                                       : kDnsUdpDnssecError;
    EXPECT_TRUE(AllValues(reports[j], want)) << j;
  }
}

TEST(ScenarioSynth, RddsCycleOfflineInLastMinuteOnly) {
  const Scenario sc = Parse(
      "title t\nstart 2026-01-01\nprobes 12\nprobe nordds ipv4 ipv6 rdap\n"
      "entity ry/example services=rdds\n"
      "rdds online=10 results=9 up=4\nexpect rdds status=Up\n");
  auto plan = PlanScenario(sc);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->Flags(kScenarioSynthT0 + 240, 10), kManualOffline);
  EXPECT_EQ(plan->Flags(kScenarioSynthT0 + 240, 11), kManualOffline);
  EXPECT_EQ(plan->Flags(kScenarioSynthT0 + 240, 12), 0) << "a probe without RDDS is not counted";
  EXPECT_EQ(plan->Flags(kScenarioSynthT0, 10), 0);
  std::vector<ProbeReport> reports;
  ASSERT_TRUE(SynthesizeReports(sc, *plan, sc.steps[0], kScenarioSynthT0, reports).ok());
  ASSERT_EQ(reports.size(), 9u);
  for (std::size_t j = 0; j < reports.size(); ++j) {
    ASSERT_EQ(reports[j].metrics.size(), 2u);  // RDDS43 and RDDS80 by default
    EXPECT_EQ(reports[j].metrics[0].target, kRdds43Target);
    EXPECT_EQ(reports[j].metrics[0].value, j < 4 ? kDefaultRddsRttMs : kRdds43Timeout);
    EXPECT_EQ(reports[j].metrics[1].value, j < 4 ? kDefaultRddsRttMs : kRdds80Timeout);
  }
}

TEST(ScenarioSynth, RawDnsSkipsFamiliesTheProbeCannotTest) {
  const Scenario sc = Parse(
      "title t\nstart 2026-01-01\nprobe v4 ipv4\nprobe dual\nentity ry/example services=dns\n"
      "ns ns1.example 192.0.2.1 2001:db8::1\nns ns2.example 192.0.2.2\n"
      "dns raw\n* tcp ns1=40,- ns2=-600\nend\nexpect dns status=Up\n");
  auto plan = PlanScenario(sc);
  ASSERT_TRUE(plan.ok());
  std::vector<ProbeReport> reports;
  ASSERT_TRUE(SynthesizeReports(sc, *plan, sc.steps[0], kScenarioSynthT0, reports).ok());
  ASSERT_EQ(reports.size(), 2u);
  for (const ProbeReport& r : reports) {
    EXPECT_EQ(r.transport, Transport::kTcp);
    ASSERT_EQ(r.metrics.size(), 2u);  // '-' sends nothing for ns1's IPv6 address
    EXPECT_EQ(r.metrics[0].value, 40);
    EXPECT_EQ(r.metrics[1].target, 1);
    EXPECT_EQ(r.metrics[1].value, -600);
  }
}

TEST(ScenarioPlan, ConflictingOnlineCountsAreAnError) {
  auto sc = ParseScenario(
      "title t\nstart 2026-01-01\nprobes 21\nentity ry/example services=dns,rdds\n"
      "repeat 5 dns online=21 up=21\n"
      "rdds online=20 up=20\nexpect rdds status=Up\n",
      "plan.scn");
  ASSERT_TRUE(sc.ok()) << sc.status().ToString();
  auto plan = PlanScenario(*sc);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("plan.scn:5:"), std::string::npos)
      << plan.status().message();
}

}  // namespace
}  // namespace tldmon::sim
