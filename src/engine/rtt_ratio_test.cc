// Monthly RTT compliance: slam-algorithms.md §9 and worked example E8.
#include "engine/rtt_ratio.h"

#include <gtest/gtest.h>

#include <vector>

namespace tldmon::engine {
namespace {

constexpr UnixSeconds kRttRatioT0 = 1767225600;   // 2026-01-01
constexpr UnixSeconds kFeb = 1769904000;  // 2026-02-01

RttTally Tally(RttKind kind, const std::vector<std::int32_t>& values) {
  RttTally t;
  const SlaParams p = SlaParams::Defaults();
  for (std::int32_t v : values) t.Add(ClassifyRtt(v, kind, p));
  return t;
}

TEST(RttRatioTest, E8Classification) {
  const RttTally udp = Tally(RttKind::kDnsUdp, {120, 500, 501, -200, -250, -1});
  EXPECT_EQ(udp.performed, 4);
  EXPECT_EQ(udp.failed, 2);
  const SlaParams p = SlaParams::Defaults();
  EXPECT_EQ(ClassifyRtt(1500, RttKind::kDnsTcp, p), RttClass::kSuccessful);
  EXPECT_EQ(ClassifyRtt(1501, RttKind::kDnsTcp, p), RttClass::kFailed);
  EXPECT_EQ(ClassifyRtt(-600, RttKind::kDnsTcp, p), RttClass::kFailed);
  EXPECT_EQ(ClassifyRtt(-601, RttKind::kDnsTcp, p), RttClass::kIgnored);
  EXPECT_EQ(ClassifyRtt(-405, RttKind::kRdap, p), RttClass::kFailed);
  EXPECT_EQ(ClassifyRtt(-526, RttKind::kRdap, p), RttClass::kIgnored);
  EXPECT_EQ(ClassifyRtt(5000, RttKind::kRdap, p), RttClass::kSuccessful);
  EXPECT_EQ(ClassifyRtt(-227, RttKind::kRdds43, p), RttClass::kFailed);
  EXPECT_EQ(ClassifyRtt(-255, RttKind::kRdds80, p), RttClass::kFailed);
  EXPECT_EQ(ClassifyRtt(2001, RttKind::kRdds80, p), RttClass::kFailed);
  EXPECT_EQ(ClassifyRtt(kNoValue, RttKind::kRdds80, p), RttClass::kIgnored);
}

TEST(RttRatioTest, E8Projection) {
  // performed_m 500,000, failed_m 40,000, cycles_left 10,000, expected 50 =>
  // 4.0 % => met. Choose the cycle that leaves 10,000 DNS cycles in January.
  const UnixSeconds last = kFeb - 60 * 10001;
  RttMonth m;
  m.month = kRttRatioT0;
  m.performed = 500000;
  m.failed = 40000;
  m.expected = 50;
  RttRatio r = ComputeRttRatio(m, last, 60, 5);
  EXPECT_EQ(r.cycles_left, 10000);
  EXPECT_DOUBLE_EQ(r.pfailed, 4.0);
  EXPECT_TRUE(r.met);
  // At the month's last cycle: 60,000 of 1,000,000 => 6.0 => not met.
  m.performed = 1000000;
  m.failed = 60000;
  r = ComputeRttRatio(m, kFeb - 60, 60, 5);
  EXPECT_EQ(r.cycles_left, 0);
  EXPECT_DOUBLE_EQ(r.pfailed, 6.0);
  EXPECT_FALSE(r.met);
  // Exactly at the limit is met.
  m.failed = 50000;
  EXPECT_TRUE(ComputeRttRatio(m, kFeb - 60, 60, 5).met);
}

TEST(RttRatioTest, MonthlyCountersResetAndReconfigCountsNothing) {
  RttMonth m;
  RecordRttCycle(m, kFeb - 300, false, Tally(RttKind::kRdap, {100, 6000}), 10);
  EXPECT_EQ(m.month, kRttRatioT0);
  EXPECT_EQ(m.performed, 2);
  EXPECT_EQ(m.failed, 1);
  RecordRttCycle(m, kFeb, true, Tally(RttKind::kRdap, {100, 6000}), 12);
  EXPECT_EQ(m.month, kFeb);
  EXPECT_EQ(m.performed, 0);
  EXPECT_EQ(m.failed, 0);
  EXPECT_EQ(m.expected, 12);
  // Empty denominator => 0; counters of an older month read as zero.
  const RttRatio none = ComputeRttRatio(RttMonth{}, kNever, 300, 5);
  EXPECT_EQ(none.pfailed, 0);
  EXPECT_TRUE(none.met);
  m.performed = 5;
  EXPECT_EQ(ComputeRttRatio(m, kFeb + 31 * 86400, 300, 5).performed, 0);
}

TEST(RttRatioTest, RddsPoolsBothInterfacesAsRsm) {
  // Issue 8 C4: at the month's last cycle RDDS43 alone fails 6 % (not met)
  // and RDDS80 4 %, but RSM's one RDDS ratio is 10 / 200 = 5 % => met.
  RttMonth r43, r80;
  r43.month = r80.month = kRttRatioT0;
  r43.performed = r80.performed = 100;
  r43.failed = 6;
  r80.failed = 4;
  r43.expected = r80.expected = 10;
  EXPECT_FALSE(ComputeRttRatio(r43, kFeb - 300, 300, 5).met);
  const RttMonth pooled = PoolRddsRtt(r43, r80);
  EXPECT_EQ(pooled.performed, 200);
  EXPECT_EQ(pooled.failed, 10);
  EXPECT_EQ(pooled.expected, 20);
  const RttRatio r = ComputeRttRatio(pooled, kFeb - 300, 300, 5);
  EXPECT_DOUBLE_EQ(r.pfailed, 5);
  EXPECT_TRUE(r.met);
  // Counters of an older month take no part.
  r80.month = kRttRatioT0 - 86400 * 31;
  EXPECT_EQ(PoolRddsRtt(r43, r80).performed, 100);
  EXPECT_EQ(PoolRddsRtt(r80, r43).failed, 6);
}

TEST(RttRatioTest, DnsItemsCountOnlySupportedFamilies) {
  EntityConfig e;
  e.name_servers = {{"ns1", {"192.0.2.1", "2001:db8::1"}}};
  const DnsTargets t = DnsTargets::Of(e);
  std::vector<Metric> metrics(2);
  metrics[0].ip_index = 0;
  metrics[0].value = 600;
  metrics[1].ip_index = 1;
  metrics[1].value = 100;
  RttTally dual, v4;
  AccumulateDnsRtt(t, true, true, Transport::kUdp, metrics, SlaParams::Defaults(), dual);
  AccumulateDnsRtt(t, true, false, Transport::kUdp, metrics, SlaParams::Defaults(), v4);
  EXPECT_EQ(dual.performed, 2);
  EXPECT_EQ(dual.failed, 1);
  EXPECT_EQ(v4.performed, 1);
  EXPECT_EQ(t.PairsTestable(true, true), 2);
  EXPECT_EQ(t.PairsTestable(true, false), 1);
}

}  // namespace
}  // namespace tldmon::engine
