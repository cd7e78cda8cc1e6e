// Per-cycle service verdicts: slam-algorithms.md §5 and worked example E2.
#include "engine/cycle_verdict.h"

#include <gtest/gtest.h>

#include <vector>

namespace tldmon::engine {
namespace {

constexpr UnixSeconds kCycleVerdictT0 = 1767225600;

struct E2Row {
  int online, with_results, positive;
  CycleStatus expected;
};

TEST(CycleVerdictTest, E2DnsTable) {
  const std::vector<E2Row> rows = {
      {25, 25, 13, CycleStatus::kUp},      // 52 %
      {25, 25, 12, CycleStatus::kDown},    // 48 %
      {25, 22, 11, CycleStatus::kUp},      // 50 %
      {20, 20, 10, CycleStatus::kUp},      // 50 %
      {20, 20, 9, CycleStatus::kDown},     // 45 %
      {100, 100, 49, CycleStatus::kDown},  // 49 % is not > 49
      {101, 101, 50, CycleStatus::kUp},    // 49.5 %
      {100, 100, 51, CycleStatus::kUp},    // 51 %
      {19, 19, 19, CycleStatus::kUpInconclusiveNoProbes},
      {24, 19, 19, CycleStatus::kUpInconclusiveNoData},
  };
  for (const E2Row& r : rows) {
    EXPECT_EQ(CycleVerdict(false, {r.online, r.with_results, r.positive}, 20, 49), r.expected)
        << r.online << "/" << r.with_results << "/" << r.positive;
  }
  // Reconfig wins over everything.
  EXPECT_EQ(CycleVerdict(true, {0, 0, 0}, 20, 49), CycleStatus::kUpInconclusiveReconfig);
  EXPECT_EQ(CycleVerdict(true, {25, 25, 0}, 20, 49), CycleStatus::kUpInconclusiveReconfig);
}

TEST(CycleVerdictTest, OnlineBoundary) {
  EXPECT_EQ(CycleVerdict(false, {19, 19, 0}, 20, 49), CycleStatus::kUpInconclusiveNoProbes);
  EXPECT_EQ(CycleVerdict(false, {20, 20, 0}, 20, 49), CycleStatus::kDown);
  EXPECT_EQ(CycleVerdict(false, {21, 21, 0}, 20, 49), CycleStatus::kDown);
  EXPECT_EQ(CycleVerdict(false, {21, 20, 20}, 20, 49), CycleStatus::kUp);
  EXPECT_EQ(CycleVerdict(false, {21, 19, 19}, 20, 49), CycleStatus::kUpInconclusiveNoData);
}

TEST(CycleVerdictTest, RsmUnitTestWithLoweredMinimum) {
  // slv/001-dns-avail: probes 1,1,0,0 => 50 % => Up; 1,0,0,0 => Down. RDDS
  // with 10 online probes, 5 positive => Up.
  EXPECT_EQ(CycleVerdict(false, {4, 4, 2}, 4, 49), CycleStatus::kUp);
  EXPECT_EQ(CycleVerdict(false, {4, 4, 1}, 4, 49), CycleStatus::kDown);
  EXPECT_EQ(CycleVerdict(false, {10, 10, 5}, 10, 49), CycleStatus::kUp);
}

TEST(CycleVerdictTest, ReconfigWindowEdges) {
  // A change at tc affects cycles overlapping [m, m + 1200), m = tc rounded
  // down to its minute (RSM's reconfig_time_start).
  const int r = 1200;
  const UnixSeconds c = kCycleVerdictT0;  // DNS cycle [c, c + 59]
  auto at = [&](UnixSeconds tc) { return Reconfigured(std::vector{tc}, c, 60, r); };
  EXPECT_TRUE(at(c));
  EXPECT_TRUE(at(c + 59));     // changed during the cycle
  EXPECT_FALSE(at(c + 60));    // after the cycle
  EXPECT_TRUE(at(c - 1140));   // 19 min ago: its 20th minute is this cycle
  EXPECT_FALSE(at(c - 1199));  // in the minute 20 min ago: window ended at c - 1
  EXPECT_FALSE(at(c - 1200));  // exactly 20 min before the cycle start
  EXPECT_FALSE(at(c - 1141));  // 1141 s ago is in the minute 20 min ago: same
  EXPECT_FALSE(Reconfigured(std::vector<UnixSeconds>{c - 1}, c, 60, 0));  // no window
  EXPECT_TRUE(Reconfigured(std::vector<UnixSeconds>{c - 5000, c - 10}, c, 60, r));
  EXPECT_FALSE(Reconfigured(std::vector<UnixSeconds>{}, c, 60, r));
  // An RDDS cycle [c, c + 299] catches a change at c + 299.
  EXPECT_TRUE(Reconfigured(std::vector<UnixSeconds>{c + 299}, c, 300, r));
}

}  // namespace
}  // namespace tldmon::engine
