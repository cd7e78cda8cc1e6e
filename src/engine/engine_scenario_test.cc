// The Engine end to end on the worked examples of slam-algorithms.md §12:
// E2 (cycle verdicts), E3 (NS-IP), E4 (DNS incident, rolling week, false
// positive), E5 (RDAP incident across a month), E9 (probe online per cycle).
#include <gtest/gtest.h>

#include <vector>

#include "engine/engine.h"
#include "engine/engine_test_fixture.h"

namespace tldmon::engine {
namespace {

using namespace testing;  // NOLINT: test fixture builders

constexpr int kProbes = 25;

// E4: m0..m9 = Up, Down x4, Up, Down, no-probes, Up, Up (DNS, 60 s).
enum class E4Value { kUp, kDown, kNoProbes };
constexpr E4Value kE4[] = {E4Value::kUp,   E4Value::kDown, E4Value::kDown, E4Value::kDown,
                           E4Value::kDown, E4Value::kUp,   E4Value::kDown, E4Value::kNoProbes,
                           E4Value::kUp,   E4Value::kUp};

CycleOutput RunE4Cycle(Engine& engine, int m) {
  const EntityConfig& e = engine.entities()[0];
  const UnixSeconds c = kT0 + 60 * m;
  switch (kE4[m]) {
    case E4Value::kUp:
      return RunCycle(engine, TestKind::kDns, c, DnsReports(e, c, kProbes, kProbes));
    case E4Value::kDown:
      return RunCycle(engine, TestKind::kDns, c, DnsReports(e, c, kProbes, 0));
    case E4Value::kNoProbes:
      // 6 probes manually offline: 19 online < 20 (their reports are ignored).
      return RunCycle(engine, TestKind::kDns, c, DnsReports(e, c, kProbes, 0), {0, 1, 2, 3, 4, 5});
  }
  return {};
}

const ServiceVerdict* VerdictOf(const CycleOutput& out, Service s) {
  for (const ServiceVerdict& v : out.verdicts)
    if (v.service == s) return &v;
  return nullptr;
}

TEST(EngineScenarioTest, E4DnsIncidentRowByRow) {
  Engine engine = EngineWithEventId(4242, {MakeTld()}, MakeProbes(kProbes));
  struct Row {
    CycleStatus status;
    int downtime;
    double threshold;
    const char* alarmed;
  };
  const Row rows[] = {
      {CycleStatus::kUp, 0, 0, "No"},        {CycleStatus::kDown, 0, 0, "No"},
      {CycleStatus::kDown, 0, 0, "No"},      {CycleStatus::kDown, 1, 0.417, "Yes"},
      {CycleStatus::kDown, 2, 0.833, "Yes"}, {CycleStatus::kUp, 2, 0.833, "Yes"},
      {CycleStatus::kDown, 3, 1.25, "Yes"},  {CycleStatus::kUpInconclusiveNoProbes, 3, 1.25, "Yes"},
      {CycleStatus::kUp, 3, 1.25, "Yes"},    {CycleStatus::kUp, 3, 1.25, "No"},
  };
  for (int m = 0; m < 10; ++m) {
    SCOPED_TRACE(m);
    const CycleOutput out = RunE4Cycle(engine, m);
    const ServiceVerdict* v = VerdictOf(out, Service::kDns);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->status, rows[m].status);
    const ServiceSummary s = engine.Summarize(Tld(), Service::kDns);
    EXPECT_TRUE(s.enabled);
    EXPECT_EQ(s.status, rows[m].status);
    EXPECT_EQ(s.downtime_minutes, rows[m].downtime);
    EXPECT_DOUBLE_EQ(s.emergency_threshold, rows[m].threshold);
    EXPECT_EQ(s.alarmed, rows[m].alarmed);
    // -200 is no DNSSEC error: DNSSEC stays Up (or inconclusive) throughout.
    EXPECT_NE(VerdictOf(out, Service::kDnssec)->status, CycleStatus::kDown);
    if (m == 0) {
      EXPECT_EQ(engine.Monthly(Tld(), Service::kDns).downtime_minutes, 0);
    }
    if (m == 3) {
      ASSERT_EQ(out.incidents.size(), 1U);
      EXPECT_EQ(out.incidents[0].kind, IncidentChangeKind::kOpened);
      EXPECT_EQ(out.incidents[0].incident.Id(), "1767225780.4242");
      EXPECT_EQ(out.incidents[0].incident.start_time, 1767225780);
    } else if (m == 9) {
      ASSERT_EQ(out.incidents.size(), 1U);
      EXPECT_EQ(out.incidents[0].kind, IncidentChangeKind::kClosed);
      EXPECT_EQ(out.incidents[0].incident.end_time, 1767226199);
    } else {
      EXPECT_TRUE(out.incidents.empty());
    }
  }
  const ServiceSummary s = engine.Summarize(Tld(), Service::kDns);
  ASSERT_EQ(s.week_incidents.size(), 1U);
  EXPECT_EQ(s.week_incidents[0]->Id(), "1767225780.4242");
  EXPECT_FALSE(s.week_incidents[0]->active());
  // January DNS downtime 3 min against an SLR of 0 => breached.
  const MonthlyFigures month = engine.Monthly(Tld(), Service::kDns);
  EXPECT_EQ(month.month, kT0);
  EXPECT_EQ(month.downtime_minutes, 3);
  EXPECT_EQ(month.downtime_slr_minutes, 0);
  EXPECT_FALSE(month.downtime_met);
  EXPECT_TRUE(
      engine.state().entities.at(Tld()).services[Index(Service::kDnssec)].incidents.empty());
}

TEST(EngineScenarioTest, E4AgeingOutOfTheRollingWeek) {
  Engine engine = EngineWithEventId(4242, {MakeTld()}, MakeProbes(kProbes));
  for (int m = 0; m < 10; ++m) RunE4Cycle(engine, m);
  // Afterwards no reports at all: no-data cycles, which are not Down.
  auto summary_at = [&](UnixSeconds cycle) {
    while (engine.state().last_cycle[0] < cycle) {
      RunCycle(engine, TestKind::kDns, engine.state().last_cycle[0] + 60, {});
    }
    return engine.Summarize(Tld(), Service::kDns);
  };
  EXPECT_EQ(summary_at(1767830520).downtime_minutes, 3);
  ServiceSummary s = summary_at(1767830580);  // m3 + 604,800
  EXPECT_EQ(s.downtime_minutes, 2);
  EXPECT_DOUBLE_EQ(s.emergency_threshold, 0.833);
  EXPECT_EQ(s.status, CycleStatus::kUpInconclusiveNoData);
  s = summary_at(1767830640);
  EXPECT_EQ(s.downtime_minutes, 1);
  EXPECT_DOUBLE_EQ(s.emergency_threshold, 0.417);
  EXPECT_EQ(summary_at(1767830700).downtime_minutes, 1);
  s = summary_at(1767830760);
  EXPECT_EQ(s.downtime_minutes, 0);
  EXPECT_EQ(s.emergency_threshold, 0);
  // The incident is listed while it overlaps the window: it ended at
  // 1767226199, which the window [T - 604740, T + 59] leaves at T = 1767830940.
  EXPECT_EQ(s.week_incidents.size(), 1U);
  EXPECT_EQ(summary_at(1767830880).week_incidents.size(), 1U);
  EXPECT_TRUE(summary_at(1767830940).week_incidents.empty());
}

TEST(EngineScenarioTest, E4FalsePositiveOnResolvedIncident) {
  Engine engine = EngineWithEventId(4242, {MakeTld()}, MakeProbes(kProbes));
  for (int m = 0; m < 10; ++m) RunE4Cycle(engine, m);
  const UnixSeconds flag_time = 1767300000;
  Result<IncidentChange> set =
      engine.SetFalsePositive(Tld(), Service::kDns, "1767225780.4242", true, flag_time);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->kind, IncidentChangeKind::kFalsePositiveSet);
  EXPECT_TRUE(set->incident.false_positive);
  EXPECT_EQ(set->incident.fp_update_time, flag_time);
  ServiceSummary s = engine.Summarize(Tld(), Service::kDns);
  EXPECT_EQ(s.downtime_minutes, 0);
  EXPECT_EQ(s.emergency_threshold, 0);
  EXPECT_EQ(s.alarmed, "No");
  ASSERT_EQ(s.week_incidents.size(), 1U);  // FP incidents stay listed
  EXPECT_EQ(engine.Monthly(Tld(), Service::kDns).downtime_minutes, 0);

  // Setting the same value again changes nothing, not even updateTime.
  set = engine.SetFalsePositive(Tld(), Service::kDns, "1767225780.4242", true, flag_time + 99);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->incident.fp_update_time, flag_time);

  // Clearing restores the downtime.
  set = engine.SetFalsePositive(Tld(), Service::kDns, "1767225780.4242", false, flag_time + 600);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->kind, IncidentChangeKind::kFalsePositiveCleared);
  EXPECT_EQ(set->incident.fp_update_time, flag_time + 600);
  s = engine.Summarize(Tld(), Service::kDns);
  EXPECT_EQ(s.downtime_minutes, 3);
  EXPECT_DOUBLE_EQ(s.emergency_threshold, 1.25);
  EXPECT_EQ(engine.Monthly(Tld(), Service::kDns).downtime_minutes, 3);
}

TEST(EngineScenarioTest, FalsePositiveOnActiveIncident) {
  Engine engine = EngineWithEventId(4242, {MakeTld()}, MakeProbes(kProbes));
  for (int m = 0; m < 5; ++m) RunE4Cycle(engine, m);  // incident open since m3
  EXPECT_EQ(engine.Summarize(Tld(), Service::kDns).alarmed, "Yes");
  ASSERT_TRUE(engine.SetFalsePositive(Tld(), Service::kDns, "1767225780.4242", true, 1).ok());
  ServiceSummary s = engine.Summarize(Tld(), Service::kDns);
  EXPECT_EQ(s.alarmed, "No");
  EXPECT_EQ(s.downtime_minutes, 0);
  // The FP incident keeps tracking its Down cycles; clearing counts them all.
  RunE4Cycle(engine, 5);
  RunE4Cycle(engine, 6);
  EXPECT_EQ(engine.Summarize(Tld(), Service::kDns).downtime_minutes, 0);
  ASSERT_TRUE(engine.SetFalsePositive(Tld(), Service::kDns, "1767225780.4242", false, 2).ok());
  s = engine.Summarize(Tld(), Service::kDns);
  EXPECT_EQ(s.alarmed, "Yes");
  EXPECT_EQ(s.downtime_minutes, 3);
}

TEST(EngineScenarioTest, NewProblemEventReplacingAFalsePositiveIsReportedAsCloseThenOpen) {
  // §7, issue 8 C7: E4's m0..m4 (incident open since m3), flagged; m4 was
  // the 4th Down in a row, so one more Down cycle is a new problem event.
  Engine engine = EngineWithEventId(4242, {MakeTld()}, MakeProbes(kProbes));
  for (int m = 0; m < 5; ++m) RunE4Cycle(engine, m);
  ASSERT_TRUE(engine.SetFalsePositive(Tld(), Service::kDns, "1767225780.4242", true, 1).ok());
  const UnixSeconds c = kT0 + 300;
  const CycleOutput out =
      RunCycle(engine, TestKind::kDns, c, DnsReports(engine.entities()[0], c, kProbes, 0));
  std::vector<IncidentChange> dns;
  for (const IncidentChange& ch : out.incidents)
    if (ch.service == Service::kDns) dns.push_back(ch);
  ASSERT_EQ(dns.size(), 2U);
  EXPECT_EQ(dns[0].kind, IncidentChangeKind::kClosed);
  EXPECT_EQ(dns[0].incident.Id(), "1767225780.4242");
  EXPECT_EQ(dns[0].incident.end_time, c - 1);
  EXPECT_TRUE(dns[0].incident.false_positive);
  EXPECT_EQ(dns[1].kind, IncidentChangeKind::kOpened);
  EXPECT_EQ(dns[1].incident.Id(), "1767225900.4243");
  EXPECT_FALSE(dns[1].incident.false_positive);
  const ServiceSummary s = engine.Summarize(Tld(), Service::kDns);
  EXPECT_EQ(s.alarmed, "Yes");
  EXPECT_EQ(s.downtime_minutes, 1);
  EXPECT_EQ(s.week_incidents.size(), 2U);
}

TEST(EngineScenarioTest, FalsePositiveUnknownIncidentOrEntity) {
  Engine engine(SlaParams::Defaults(), {MakeTld()}, MakeProbes(kProbes));
  const EngineState before = engine.state();
  EXPECT_EQ(engine.SetFalsePositive(Tld(), Service::kDns, "1767225780.1", true, 5).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(engine.SetFalsePositive(Tld("nosuch"), Service::kDns, "1767225780.1", true, 5)
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(engine.state(), before);
}

TEST(EngineScenarioTest, E5RdapIncidentAcrossTheMonthBoundary) {
  const int probes = 10;
  Engine engine = EngineWithEventId(81234, {MakeTld()}, MakeProbes(probes));
  const EntityConfig& e = engine.entities()[0];
  const bool down[] = {true, true, true, true, false, false};
  for (int i = 0; i < 6; ++i) {
    const UnixSeconds c = 1767224700 + 300 * i;
    const CycleOutput out =
        RunCycle(engine, TestKind::kRdap, c, RdapReports(e, c, probes, down[i] ? 0 : probes));
    ASSERT_EQ(out.verdicts.size(), 1U);
    EXPECT_EQ(out.verdicts[0].service, Service::kRdap);
    EXPECT_EQ(out.verdicts[0].status, down[i] ? CycleStatus::kDown : CycleStatus::kUp);
    const MonthlyFigures month = engine.Monthly(Tld(), Service::kRdap);
    if (c == 1767225300) {                 // 23:55, December's last cycle
      EXPECT_EQ(month.month, 1764547200);  // 2025-12-01
      EXPECT_EQ(month.downtime_minutes, 10);
      EXPECT_TRUE(month.downtime_met);
      EXPECT_EQ(month.downtime_slr_minutes, 864);
    }
    if (c == kT0) {
      // After the 00:00 cycle: 3 x 300 s = 15 min => 1.042 (mosapi-api.md §6.2).
      const ServiceSummary s = engine.Summarize(Tld(), Service::kRdap);
      EXPECT_EQ(s.downtime_minutes, 15);
      EXPECT_DOUBLE_EQ(s.emergency_threshold, 1.042);
      EXPECT_EQ(s.alarmed, "Yes");
      ASSERT_EQ(s.week_incidents.size(), 1U);
      EXPECT_EQ(s.week_incidents[0]->Id(), "1767225000.81234");
      EXPECT_TRUE(s.week_incidents[0]->active());
      // January's first RDAP cycle is not zeroed (that quirk is DNS only).
      EXPECT_EQ(month.month, kT0);
      EXPECT_EQ(month.downtime_minutes, 5);
    }
  }
  const ServiceSummary s = engine.Summarize(Tld(), Service::kRdap);
  ASSERT_EQ(s.week_incidents.size(), 1U);
  EXPECT_EQ(s.week_incidents[0]->end_time, 1767226499);
  EXPECT_EQ(s.alarmed, "No");
  EXPECT_EQ(engine.Monthly(Tld(), Service::kRdap).downtime_minutes, 5);
}

TEST(EngineScenarioTest, E2VerdictsThroughTheEngine) {
  Engine engine(SlaParams::Defaults(), {MakeTld()}, MakeProbes(kProbes));
  const EntityConfig& e = engine.entities()[0];
  struct Case {
    int reports, positive;
    CycleStatus expected;
  };
  const Case cases[] = {{25, 13, CycleStatus::kUp},
                        {25, 12, CycleStatus::kDown},
                        {22, 11, CycleStatus::kUp},
                        {19, 19, CycleStatus::kUpInconclusiveNoData},
                        {0, 0, CycleStatus::kUpInconclusiveNoData}};
  UnixSeconds c = kT0;
  for (const Case& k : cases) {
    const CycleOutput out =
        RunCycle(engine, TestKind::kDns, c, DnsReports(e, c, k.reports, k.positive));
    const ServiceVerdict* v = VerdictOf(out, Service::kDns);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->status, k.expected) << k.reports << "/" << k.positive;
    EXPECT_EQ(v->online, 25);
    EXPECT_EQ(v->with_results, k.reports);
    EXPECT_EQ(v->positive, k.positive);
    c += 60;
  }
}

TEST(EngineScenarioTest, OnlineProbeBoundary19To21) {
  Engine engine(SlaParams::Defaults(), {MakeTld()}, MakeProbes(21));
  const EntityConfig& e = engine.entities()[0];
  const std::set<ProbeIndex> offline[] = {{0, 1}, {0}, {}};
  const CycleStatus expected[] = {CycleStatus::kUpInconclusiveNoProbes, CycleStatus::kUp,
                                  CycleStatus::kUp};
  for (int i = 0; i < 3; ++i) {
    const UnixSeconds c = kT0 + 60 * i;
    const CycleOutput out =
        RunCycle(engine, TestKind::kDns, c, DnsReports(e, c, 21, 21), offline[i]);
    const ServiceVerdict* v = VerdictOf(out, Service::kDns);
    EXPECT_EQ(v->online, 19 + i);
    EXPECT_EQ(v->with_results, 19 + i);  // offline probes' reports do not vote
    EXPECT_EQ(v->status, expected[i]);
    EXPECT_EQ(out.probe_online[0], i == 2);
  }
}

TEST(EngineScenarioTest, E9ProbeOfflineInTheLastMinuteOfAnRdapCycle) {
  // 11 RDAP probes; probe 3 OFFLINE only in minute 5 of the cycle, probe 4
  // only in minute 2 => 9 online for the RDAP cycle (< 10: no probes), while
  // the DNS cycles of the other minutes see them online.
  Engine engine(SlaParams::Defaults(), {MakeTld()}, MakeProbes(11));
  const EntityConfig& e = engine.entities()[0];
  for (int i = 0; i < 5; ++i) {
    std::set<ProbeIndex> off;
    if (i == 4) off.insert(3);
    if (i == 1) off.insert(4);
    const CycleOutput dns = RunCycle(engine, TestKind::kDns, kT0 + 60 * i, {}, off);
    EXPECT_EQ(dns.probe_online[3], i != 4) << i;
    EXPECT_EQ(dns.probe_online[4], i != 1) << i;
  }
  Result<CycleOutput> rdap = engine.ProcessCycle(TestKind::kRdap, kT0, RdapReports(e, kT0, 11, 11));
  ASSERT_TRUE(rdap.ok());
  EXPECT_FALSE(rdap->probe_online[3]);
  EXPECT_FALSE(rdap->probe_online[4]);
  EXPECT_TRUE(rdap->probe_online[0]);
  EXPECT_EQ(rdap->verdicts[0].online, 9);
  EXPECT_EQ(rdap->verdicts[0].with_results, 9);
  EXPECT_EQ(rdap->verdicts[0].status, CycleStatus::kUpInconclusiveNoProbes);
}

TEST(EngineScenarioTest, OnlyCapableProbesCountForRddsAndRdap) {
  std::vector<ProbeNode> probes = MakeProbes(12);
  probes[0].rdap = false;
  probes[1].rdap = false;
  probes[2].rdds = false;
  Engine engine(SlaParams::Defaults(), {MakeTld()}, probes);
  const EntityConfig& e = engine.entities()[0];
  // The two non-RDAP probes report failures; they must not count.
  std::vector<ProbeReport> reports = RdapReports(e, kT0, 12, 12);
  reports[0].metrics[0].value = -405;
  reports[1].metrics[0].value = -405;
  const CycleOutput rdap = RunCycle(engine, TestKind::kRdap, kT0, reports);
  EXPECT_EQ(rdap.verdicts[0].online, 10);
  EXPECT_EQ(rdap.verdicts[0].with_results, 10);
  EXPECT_EQ(rdap.verdicts[0].positive, 10);
  EXPECT_EQ(rdap.verdicts[0].status, CycleStatus::kUp);
  EXPECT_EQ(engine.MonthlyRtt(Tld(), RttKind::kRdap).performed, 10);
  EXPECT_EQ(engine.MonthlyRtt(Tld(), RttKind::kRdap).expected, 10);

  // RDDS: 11 capable probes; 5 positive of 11 => 45 % => Down. A probe with
  // RDDS43 ok but RDDS80 failing is not positive.
  std::vector<ProbeReport> rdds;
  for (ProbeIndex p = 0; p < 12; ++p) {
    rdds.push_back(
        ServiceReport(p, e, TestKind::kRdds, kT0,
                      {Value(kRdds43Target, 100), Value(kRdds80Target, p < 6 ? 100 : -255)}));
  }
  Result<CycleOutput> out = engine.ProcessCycle(TestKind::kRdds, kT0, rdds);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->verdicts.size(), 1U);
  EXPECT_EQ(out->verdicts[0].online, 11);
  EXPECT_EQ(out->verdicts[0].positive, 5);  // probes 0, 1, 3, 4, 5
  EXPECT_EQ(out->verdicts[0].status, CycleStatus::kDown);
  const RttRatio r80 = engine.MonthlyRtt(Tld(), RttKind::kRdds80);
  EXPECT_EQ(r80.performed, 11);
  EXPECT_EQ(r80.failed, 6);  // -255 is the RDDS80 timeout code
  EXPECT_EQ(r80.expected, 11);
  // §9 as RSM (issue 8 C4): the RDDS ratio pools both interfaces, 11 RDDS43
  // items (all answered) + the 11 RDDS80 items.
  const RttRatio pooled = engine.MonthlyRddsRtt(Tld());
  EXPECT_EQ(pooled.performed, 22);
  EXPECT_EQ(pooled.failed, 6);
  EXPECT_EQ(pooled.expected, 22);
  EXPECT_EQ(engine.MonthlyRtt(Tld(), RttKind::kRdds43).performed, 11);
}

TEST(EngineScenarioTest, E3NameServerIpVersusService) {
  // 20 probes; 10 of them see ns1's IPv4 and ns2 time out: those 10 are
  // negative for the service (only ns3 up... plus ns1 has a v6 IP that works,
  // but ns1 is down because one of its IPs failed), so 50 % => service Up,
  // while both NS-IPs have 10 of 20 down => 10 > 9.8 => Down.
  Engine engine(SlaParams::Defaults(), {MakeTld()}, MakeProbes(20));
  const EntityConfig& e = engine.entities()[0];
  std::vector<ProbeReport> reports = DnsReports(e, kT0, 20, 20);
  for (int p = 0; p < 10; ++p) {
    reports[p].metrics[0].value = -200;  // ns1 192.0.2.1
    reports[p].metrics[2].value = -200;  // ns2 192.0.2.2
  }
  reports[10].metrics[3].value = 2501;  // ns3 above the UDP limit once: 1 of 20
  const CycleOutput out = RunCycle(engine, TestKind::kDns, kT0, reports);
  EXPECT_EQ(VerdictOf(out, Service::kDns)->positive, 10);
  EXPECT_EQ(VerdictOf(out, Service::kDns)->status, CycleStatus::kUp);
  ASSERT_EQ(out.ns_ips.size(), 4U);
  EXPECT_EQ(out.ns_ips[0].status, CycleStatus::kDown);  // ns1 v4
  EXPECT_EQ(out.ns_ips[0].values, 20);
  EXPECT_EQ(out.ns_ips[0].down, 10);
  EXPECT_EQ(out.ns_ips[1].status, CycleStatus::kUp);  // ns1 v6
  EXPECT_EQ(out.ns_ips[1].ns, 0);
  EXPECT_EQ(out.ns_ips[1].ip, 1);
  EXPECT_EQ(out.ns_ips[2].status, CycleStatus::kDown);  // ns2
  EXPECT_EQ(out.ns_ips[3].status, CycleStatus::kUp);    // ns3
  EXPECT_EQ(out.ns_ips[3].down, 1);

  // 9 of 20 down => Up.
  reports = DnsReports(e, kT0 + 60, 20, 20);
  for (int p = 0; p < 9; ++p) reports[p].metrics[0].value = -200;
  const CycleOutput next = RunCycle(engine, TestKind::kDns, kT0 + 60, reports);
  EXPECT_EQ(next.ns_ips[0].status, CycleStatus::kUp);
}

TEST(EngineScenarioTest, DnsCyclesEmitPerProbeRttsAndNsidChanges) {
  Engine engine(SlaParams::Defaults(), {MakeTld()}, MakeProbes(20));
  const EntityConfig& e = engine.entities()[0];
  std::vector<ProbeReport> reports = DnsReports(e, kT0, 20, 18);  // probes 18, 19 time out
  reports[0].transport = Transport::kTcp;
  reports[0].metrics[1].value = 100;
  for (Metric& m : reports[3].metrics) m.nsid = "616d73";
  const CycleOutput out = RunCycle(engine, TestKind::kDns, kT0, reports);
  ASSERT_EQ(out.probe_rtts.size(), 1U);
  EXPECT_EQ(out.probe_rtts[0].entity, e.id);
  ASSERT_EQ(out.probe_rtts[0].probes.size(), 18U);  // no RTT, no entry
  EXPECT_EQ(out.probe_rtts[0].probes[0],
            (ProbeRtt{0, Transport::kTcp, {static_cast<int>(reports[0].metrics.size()), 40, 100}}));
  EXPECT_EQ(out.probe_rtts[0].probes[17].probe, 17U);
  ASSERT_EQ(out.nsids.size(), out.ns_ips.size());  // probe 3, every pair once
  EXPECT_EQ(out.nsids[1].probe, 3U);
  EXPECT_EQ(out.nsids[1].ns, out.ns_ips[1].ns);
  EXPECT_EQ(out.nsids[1].ip, out.ns_ips[1].ip);
  EXPECT_EQ(out.nsids[1].nsid, "616d73");

  // The same instance next cycle is no news; another one is.
  reports = DnsReports(e, kT0 + 60, 20, 20);
  for (Metric& m : reports[3].metrics) m.nsid = "616d73";
  reports[3].metrics[0].nsid = "6c6872";
  const CycleOutput next = RunCycle(engine, TestKind::kDns, kT0 + 60, reports);
  ASSERT_EQ(next.nsids.size(), 1U);
  EXPECT_EQ(next.nsids[0].nsid, "6c6872");
  EXPECT_EQ(next.probe_rtts[0].probes.size(), 20U);
}

TEST(EngineScenarioTest, NsIpValuesComeFromAllProbesEvenOffline) {
  // §6: no online filter for n, but the online guard still applies.
  Engine engine(SlaParams::Defaults(), {MakeTld()}, MakeProbes(21));
  const EntityConfig& e = engine.entities()[0];
  const CycleOutput out =
      RunCycle(engine, TestKind::kDns, kT0, DnsReports(e, kT0, 21, 0), {0});  // 20 online
  EXPECT_EQ(out.ns_ips[0].values, 21);
  EXPECT_EQ(out.ns_ips[0].status, CycleStatus::kDown);
  const CycleOutput few =
      RunCycle(engine, TestKind::kDns, kT0 + 60, DnsReports(e, kT0 + 60, 21, 0), {0, 1});
  EXPECT_EQ(few.ns_ips[0].status, CycleStatus::kUpInconclusiveNoProbes);
  const CycleOutput no_data =
      RunCycle(engine, TestKind::kDns, kT0 + 120, DnsReports(e, kT0 + 120, 19, 0));
  EXPECT_EQ(no_data.ns_ips[0].status, CycleStatus::kUpInconclusiveNoData);
  EXPECT_EQ(no_data.ns_ips[0].values, 19);
}

TEST(EngineScenarioTest, ReconfigWindow) {
  EntityConfig e = MakeTld();
  e.config_times = {kT0 + 30};
  Engine engine(SlaParams::Defaults(), {e}, MakeProbes(20));
  // All Down, yet reconfig wins for the 20 minutes from the change's minute
  // (RSM rounds kT0 + 30 down to kT0): cycles kT0 .. kT0+1140 are 4, kT0+1200
  // is judged.
  for (UnixSeconds c = kT0; c <= kT0 + 1260; c += 60) {
    const CycleOutput out = RunCycle(engine, TestKind::kDns, c, DnsReports(e, c, 20, 0));
    const bool reconfig = c < kT0 + 1200;
    const CycleStatus want = reconfig ? CycleStatus::kUpInconclusiveReconfig : CycleStatus::kDown;
    EXPECT_EQ(VerdictOf(out, Service::kDns)->status, want) << c - kT0;
    EXPECT_EQ(VerdictOf(out, Service::kDnssec)->status,
              reconfig ? CycleStatus::kUpInconclusiveReconfig : CycleStatus::kUp);
    EXPECT_EQ(out.ns_ips[0].status, want);
    // §9: a reconfig cycle performs nothing.
    const std::int64_t judged = reconfig ? 0 : (c - kT0 - 1200) / 60 + 1;
    EXPECT_EQ(engine.MonthlyRtt(e.id, RttKind::kDnsUdp).performed, judged * 20 * 4);
  }
  EXPECT_TRUE(engine.Summarize(e.id, Service::kDns).week_incidents.empty());
}

TEST(EngineScenarioTest, DisabledServicesAndEpp) {
  EntityConfig e = MakeTld();
  e.SetEnabled(Service::kRdds, false);
  e.SetEnabled(Service::kDnssec, false);
  Engine engine(SlaParams::Defaults(), {e}, MakeProbes(10));
  const CycleOutput dns = RunCycle(engine, TestKind::kDns, kT0, DnsReports(e, kT0, 10, 10));
  ASSERT_EQ(dns.verdicts.size(), 1U);
  EXPECT_EQ(dns.verdicts[0].service, Service::kDns);
  RecordMinutes(engine, kT0 + 60, kT0 + 300);
  Result<CycleOutput> rdds = engine.ProcessCycle(TestKind::kRdds, kT0, {});
  ASSERT_TRUE(rdds.ok());
  EXPECT_TRUE(rdds->verdicts.empty());
  // RDAP enabled but no report at all: simply no data.
  Result<CycleOutput> rdap = engine.ProcessCycle(TestKind::kRdap, kT0, {});
  ASSERT_TRUE(rdap.ok());
  ASSERT_EQ(rdap->verdicts.size(), 1U);
  EXPECT_EQ(rdap->verdicts[0].status, CycleStatus::kUpInconclusiveNoData);

  const ServiceSummary s = engine.Summarize(e.id, Service::kRdds);
  EXPECT_FALSE(s.enabled);
  EXPECT_EQ(s.alarmed, "Disabled");
  EXPECT_EQ(engine.Summarize(e.id, Service::kEpp).alarmed, "Disabled");
  EXPECT_EQ(engine.Summarize(e.id, Service::kDns).alarmed, "No");
  EXPECT_EQ(engine.ProcessCycle(TestKind::kEpp, kT0, {}).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tldmon::engine
