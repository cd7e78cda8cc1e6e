// Name-server IP availability: slam-algorithms.md §6, §8, E3 and E9.
#include "engine/ns_ip_verdict.h"

#include <gtest/gtest.h>

#include <vector>

namespace tldmon::engine {
namespace {

constexpr UnixSeconds kNsIpVerdictT0 = 1767225600;

TEST(NsIpVerdictTest, E3Classification) {
  const SlaParams p = SlaParams::Defaults();
  EXPECT_FALSE(IsNsIpValueDown(-1, Transport::kUdp, p));
  EXPECT_TRUE(IsNsIpValueDown(2501, Transport::kUdp, p));
  EXPECT_FALSE(IsNsIpValueDown(2500, Transport::kUdp, p));
  EXPECT_FALSE(IsNsIpValueDown(7500, Transport::kTcp, p));
  EXPECT_TRUE(IsNsIpValueDown(7501, Transport::kTcp, p));
  EXPECT_TRUE(IsNsIpValueDown(-200, Transport::kUdp, p));
  EXPECT_TRUE(IsNsIpValueDown(-415, Transport::kUdp, p));
  EXPECT_FALSE(IsNsIpValueDown(kNoValue, Transport::kUdp, p));
}

TEST(NsIpVerdictTest, E3Thresholds) {
  // Down iff down > 0.49 n.
  EXPECT_EQ(NsIpCycleVerdict(false, 25, {20, 10}, 20, 49), CycleStatus::kDown);  // 10 > 9.8
  EXPECT_EQ(NsIpCycleVerdict(false, 25, {20, 9}, 20, 49), CycleStatus::kUp);
  EXPECT_EQ(NsIpCycleVerdict(false, 25, {25, 12}, 20, 49), CycleStatus::kUp);  // 12 <= 12.25
  EXPECT_EQ(NsIpCycleVerdict(false, 25, {25, 13}, 20, 49), CycleStatus::kDown);
  // §6 asymmetry: 2 of 4 down is Down for the NS-IP (the service rule says Up).
  EXPECT_EQ(NsIpCycleVerdict(false, 4, {4, 2}, 4, 49), CycleStatus::kDown);
}

TEST(NsIpVerdictTest, Guards) {
  EXPECT_EQ(NsIpCycleVerdict(true, 25, {25, 25}, 20, 49), CycleStatus::kUpInconclusiveReconfig);
  EXPECT_EQ(NsIpCycleVerdict(false, 19, {25, 25}, 20, 49), CycleStatus::kUpInconclusiveNoProbes);
  EXPECT_EQ(NsIpCycleVerdict(false, 20, {19, 19}, 20, 49), CycleStatus::kUpInconclusiveNoData);
  EXPECT_EQ(NsIpCycleVerdict(false, 20, {20, 20}, 20, 49), CycleStatus::kDown);
}

TEST(NsIpVerdictTest, AccumulatesAllValuesOfSupportedFamilies) {
  EntityConfig e;
  e.name_servers = {{"ns1", {"192.0.2.1", "2001:db8::1"}}, {"ns2", {"192.0.2.2"}}};
  const DnsTargets t = DnsTargets::Of(e);
  std::vector<NsIpCount> counts(t.pair_count());
  const SlaParams p = SlaParams::Defaults();
  auto metric = [](std::uint16_t ns, std::uint16_t ip, std::int32_t v) {
    Metric m;
    m.target = ns;
    m.ip_index = ip;
    m.value = v;
    return m;
  };
  const std::vector<Metric> dual = {metric(0, 0, 40), metric(0, 1, -200), metric(1, 0, kNoValue)};
  AccumulateNsIpValues(t, true, true, Transport::kUdp, dual, p, counts);
  AccumulateNsIpValues(t, true, false, Transport::kUdp, dual, p, counts);  // v6 skipped
  EXPECT_EQ(counts[0].values, 2);
  EXPECT_EQ(counts[0].down, 0);
  EXPECT_EQ(counts[1].values, 1);
  EXPECT_EQ(counts[1].down, 1);
  EXPECT_EQ(counts[2].values, 0);  // no value is not a value
}

TEST(NsIpVerdictTest, CollectsRttsOfSupportedFamiliesAndSummarizesThem) {
  EntityConfig e;
  e.name_servers = {{"ns1", {"192.0.2.1", "2001:db8::1"}}};
  const DnsTargets t = DnsTargets::Of(e);
  std::vector<std::vector<int>> rtts(t.pair_count());
  auto metric = [](std::uint16_t ip, std::int32_t v) {
    Metric m;
    m.ip_index = ip;
    m.value = v;
    return m;
  };
  CollectNsIpRtts(t, true, true, std::vector<Metric>{metric(0, 0), metric(1, 12), metric(0, -200)}, rtts);
  CollectNsIpRtts(t, true, false, std::vector<Metric>{metric(0, 30), metric(1, 99), metric(0, kNoValue)}, rtts);
  EXPECT_EQ(rtts[0], (std::vector<int>{0, 30}));  // 0 ms is an RTT; codes are not
  EXPECT_EQ(rtts[1], (std::vector<int>{12}));      // the v4-only probe has no v6 item
  std::vector<int> twenty;
  for (int i = 20; i >= 1; --i) twenty.push_back(i * 10);  // 200, 190, ..., 10
  EXPECT_EQ(SummarizeRtts(twenty), (RttSummary{20, 100, 190}));  // ranks 10 and 19
  std::vector<int> one = {7};
  EXPECT_EQ(SummarizeRtts(one), (RttSummary{1, 7, 7}));
  std::vector<int> none;
  EXPECT_EQ(SummarizeRtts(none), RttSummary{});
}

TEST(NsIpVerdictTest, ProbeRttSummaryCoversEveryPairTheProbeTests) {
  EntityConfig e;
  e.name_servers = {{"ns1", {"192.0.2.1", "2001:db8::1"}}, {"ns2", {"192.0.2.2"}}};
  const DnsTargets t = DnsTargets::Of(e);
  auto metric = [](std::uint16_t ns, std::uint16_t ip, std::int32_t v) {
    Metric m;
    m.target = ns;
    m.ip_index = ip;
    m.value = v;
    return m;
  };
  const std::vector<Metric> ms = {metric(0, 0, 30), metric(0, 1, 90), metric(1, 0, 10),
                                  metric(1, 0, -200), metric(2, 0, 5), metric(1, 1, 7)};
  std::vector<int> scratch = {999};  // leftovers from a previous probe are dropped
  // ns 2 and (ns2, ip 1) are not configured; the error code is not an RTT.
  EXPECT_EQ(ProbeRttSummary(t, true, true, ms, scratch), (RttSummary{3, 30, 90}));
  EXPECT_EQ(ProbeRttSummary(t, true, false, ms, scratch), (RttSummary{2, 10, 30}));
  EXPECT_EQ(ProbeRttSummary(t, false, false, ms, scratch), RttSummary{});
}

TEST(NsIpVerdictTest, NoteNsidsReportsFirstSightingsAndChangesOnly) {
  EntityConfig e;
  e.id = {EntityKind::kRegistry, "example"};
  e.name_servers = {{"ns1", {"192.0.2.1", "2001:db8::1"}}};
  const DnsTargets t = DnsTargets::Of(e);
  std::vector<NsIpState> pairs(t.pair_count());
  auto metric = [](std::uint16_t ip, std::int32_t v, std::string nsid) {
    Metric m;
    m.ip_index = ip;
    m.value = v;
    m.nsid = std::move(nsid);
    return m;
  };
  std::vector<NsidSighting> seen;
  auto note = [&](ProbeIndex probe, bool v6, std::vector<Metric> ms) {
    seen.clear();
    NoteNsids(e.id, t, true, v6, probe, 3, ms, pairs, seen);
    std::vector<std::string> out;
    for (const NsidSighting& s : seen)
      out.push_back(std::to_string(s.probe) + "/" + std::to_string(s.ip) + "=" + s.nsid);
    return out;
  };
  using Notes = std::vector<std::string>;
  EXPECT_EQ(note(0, true, {metric(0, 20, "6161"), metric(1, 30, "6262")}), (Notes{"0/0=6161", "0/1=6262"}));
  EXPECT_EQ(note(1, true, {metric(0, 20, "6161")}), (Notes{"1/0=6161"}));  // per probe
  EXPECT_EQ(note(0, true, {metric(0, 25, "6161"), metric(1, 30, "6262")}), Notes{});  // unchanged
  // A timeout carries no NSID: not a change, and the instance is still known.
  EXPECT_EQ(note(0, true, {metric(0, -200, ""), metric(1, 30, "")}), Notes{});
  EXPECT_EQ(note(0, true, {metric(0, 22, "6363"), metric(1, 30, "6262")}), (Notes{"0/0=6363"}));
  // Only families the probe tests; a probe index out of range is ignored.
  EXPECT_EQ(note(2, false, {metric(0, 22, "6464"), metric(1, 30, "6565")}), (Notes{"2/0=6464"}));
  EXPECT_EQ(note(7, true, {metric(0, 22, "6666")}), Notes{});
  EXPECT_EQ(seen.size(), 0U);
  // The memory never makes two states unequal (it is not stored).
  EXPECT_EQ(pairs[0], NsIpState{});
}

TEST(NsIpVerdictTest, E9MonthlyDowntimeIsACountOfDownCycles) {
  NsIpState s;
  UnixSeconds c = kNsIpVerdictT0;
  for (int i = 0; i < 432; ++i, c += 60) RecordNsIpCycle(s, c, CycleStatus::kDown, false, 60);
  RecordNsIpCycle(s, c, CycleStatus::kUp, false, 60);
  c += 60;
  RecordNsIpCycle(s, c, CycleStatus::kUpInconclusiveNoData, false, 60);
  EXPECT_EQ(NsIpDownCyclesInMonth(s, c, {}, 60), 432);  // met
  c += 60;
  RecordNsIpCycle(s, c, CycleStatus::kDown, false, 60);
  EXPECT_EQ(NsIpDownCyclesInMonth(s, c, {}, 60), 433);  // breached
  // Reset at the next UTC month (2026-02-01).
  const UnixSeconds feb = 1769904000;
  EXPECT_EQ(NsIpDownCyclesInMonth(s, feb, {}, 60), 0);
  RecordNsIpCycle(s, feb, CycleStatus::kDown, false, 60);
  EXPECT_EQ(NsIpDownCyclesInMonth(s, feb, {}, 60), 1);
  EXPECT_EQ(s.month, feb);
}

TEST(NsIpVerdictTest, FalsePositiveDnsIncidentTakesItsDownCyclesBack) {
  // Issue 8 C3: m0..m9 Down; a DNS incident covers m3..m6 (resolved) and
  // another one from m8 on (active). Flagging takes back only their cycles.
  NsIpState s;
  for (int m = 0; m < 10; ++m) {
    const bool inside = (m >= 3 && m <= 6) || m >= 8;
    RecordNsIpCycle(s, kNsIpVerdictT0 + 60 * m, CycleStatus::kDown, inside, 60);
  }
  EXPECT_EQ(s.incident_down_cycles, (std::vector<CycleRun>{{kNsIpVerdictT0 + 180, 4}, {kNsIpVerdictT0 + 480, 2}}));
  std::vector<Incident> dns(2);
  dns[0].start_time = kNsIpVerdictT0 + 180;
  dns[0].end_time = kNsIpVerdictT0 + 7 * 60 - 1;
  dns[1].start_time = kNsIpVerdictT0 + 480;
  const UnixSeconds last = kNsIpVerdictT0 + 540;
  EXPECT_EQ(NsIpDownCyclesInMonth(s, last, dns, 60), 10);
  dns[0].false_positive = true;
  EXPECT_EQ(NsIpDownCyclesInMonth(s, last, dns, 60), 6);
  dns[1].false_positive = true;  // active: its range runs to the last cycle
  EXPECT_EQ(NsIpDownCyclesInMonth(s, last, dns, 60), 4);
  // A new month forgets both the count and the runs.
  const UnixSeconds feb = 1769904000;
  RecordNsIpCycle(s, feb, CycleStatus::kUp, true, 60);
  EXPECT_TRUE(s.incident_down_cycles.empty());
  EXPECT_EQ(NsIpDownCyclesInMonth(s, feb, dns, 60), 0);
}

}  // namespace
}  // namespace tldmon::engine
