#include "ingest/delivery_tracker.h"

#include <gtest/gtest.h>

namespace tldmon::ingest {
namespace {

constexpr UnixSeconds kDeliveryTrackerT0 = 1767225600;
constexpr UnixSeconds kDeliveryTrackerGrace = 120;
constexpr UnixSeconds kDeliveryTrackerWindow = 900;
const std::vector<bool> kTwoInService = {true, true};

TEST(DeliveryTrackerTest, WithoutAWindowOnlyTheGraceCounts) {
  DeliveryTracker t(0);
  t.Delivered(0, kDeliveryTrackerT0 + 60);
  t.Delivered(1, kDeliveryTrackerT0 + 60);
  // Cycle [kDeliveryTrackerT0, kDeliveryTrackerT0+60): due at its last second + grace.
  EXPECT_FALSE(t.MayProcess(kDeliveryTrackerT0 + 60, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + 60 + kDeliveryTrackerGrace - 2, kTwoInService));
  EXPECT_TRUE(t.MayProcess(kDeliveryTrackerT0 + 60, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + 60 + kDeliveryTrackerGrace - 1, kTwoInService));
}

TEST(DeliveryTrackerTest, ACycleEveryProbeDeliveredThroughIsProcessedBeforeItsGrace) {
  DeliveryTracker t(kDeliveryTrackerWindow);
  t.Delivered(0, kDeliveryTrackerT0);
  t.Delivered(1, kDeliveryTrackerT0);
  EXPECT_FALSE(t.MayProcess(kDeliveryTrackerT0 + 60, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + 61, kTwoInService));
  t.Delivered(0, kDeliveryTrackerT0 + 60);
  EXPECT_FALSE(t.MayProcess(kDeliveryTrackerT0 + 60, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + 61, kTwoInService)) << "probe 1 is missing";
  t.Delivered(1, kDeliveryTrackerT0 + 60);
  EXPECT_TRUE(t.MayProcess(kDeliveryTrackerT0 + 60, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + 61, kTwoInService));
}

TEST(DeliveryTrackerTest, AProbeThatStoppedLongAgoIsNotWaitedFor) {
  DeliveryTracker t(kDeliveryTrackerWindow);
  t.Delivered(0, kDeliveryTrackerT0 + 660);
  t.Delivered(1, kDeliveryTrackerT0);  // silent since kDeliveryTrackerT0
  const UnixSeconds end = kDeliveryTrackerT0 + 660;
  EXPECT_TRUE(t.MayProcess(end, 60, kDeliveryTrackerGrace, end + 1, kTwoInService));
}

TEST(DeliveryTrackerTest, AProbeTakenOutOfServiceIsNotWaitedFor) {
  DeliveryTracker t(kDeliveryTrackerWindow);
  t.Delivered(0, kDeliveryTrackerT0 + 60);
  t.Delivered(1, kDeliveryTrackerT0);
  EXPECT_FALSE(t.MayProcess(kDeliveryTrackerT0 + 60, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + 61, kTwoInService));
  EXPECT_TRUE(t.MayProcess(kDeliveryTrackerT0 + 60, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + 61, {true, false}));
}

TEST(DeliveryTrackerTest, ALateProbeDoesNotHoldACycleOthersDeliveredBeyondGrace) {
  DeliveryTracker t(kDeliveryTrackerWindow);
  t.Delivered(0, kDeliveryTrackerT0 + 120);
  t.Delivered(1, kDeliveryTrackerT0);  // one minute behind: expected, but late
  EXPECT_FALSE(t.MayProcess(kDeliveryTrackerT0 + 60, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + 100, kTwoInService));
  EXPECT_TRUE(t.MayProcess(kDeliveryTrackerT0 + 60, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + 60 + kDeliveryTrackerGrace - 1, kTwoInService));
  EXPECT_FALSE(t.catching_up());
}

TEST(DeliveryTrackerTest, NobodyDeliveringThroughACycleStartsACatchUp) {
  DeliveryTracker t(kDeliveryTrackerWindow);
  t.Delivered(0, kDeliveryTrackerT0);
  t.Delivered(1, kDeliveryTrackerT0);
  const UnixSeconds end = kDeliveryTrackerT0 + 60;
  const UnixSeconds due = end - 1 + kDeliveryTrackerGrace;
  // Ingest unreachable: no probe delivered minute kDeliveryTrackerT0+60 by the grace.
  EXPECT_FALSE(t.MayProcess(end, 60, kDeliveryTrackerGrace, due, kTwoInService));
  EXPECT_TRUE(t.catching_up());
  EXPECT_FALSE(t.MayProcess(end, 60, kDeliveryTrackerGrace, due + 300, kTwoInService));
  // Probe 0 backfills through the cycle; probe 1 not yet.
  t.Delivered(0, end + 240);
  EXPECT_FALSE(t.MayProcess(end, 60, kDeliveryTrackerGrace, due + 301, kTwoInService));
  t.Delivered(1, end);
  EXPECT_TRUE(t.MayProcess(end, 60, kDeliveryTrackerGrace, due + 302, kTwoInService));
  // Probe 0 is at the present, probe 1 still behind: the next cycle waits.
  EXPECT_FALSE(t.MayProcess(end + 60, 60, kDeliveryTrackerGrace, due + 303, kTwoInService));
}

TEST(DeliveryTrackerTest, TheCatchUpEndsAtItsWindow) {
  DeliveryTracker t(kDeliveryTrackerWindow);
  t.BeginCatchUp({0, 1}, kDeliveryTrackerT0);
  EXPECT_TRUE(t.catching_up());
  EXPECT_FALSE(t.MayProcess(kDeliveryTrackerT0 - 600, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + kDeliveryTrackerWindow - 1, kTwoInService));
  EXPECT_TRUE(t.MayProcess(kDeliveryTrackerT0 - 600, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + kDeliveryTrackerWindow, kTwoInService));
  EXPECT_FALSE(t.catching_up());
}

TEST(DeliveryTrackerTest, TheCatchUpEndsWhenEveryProbeReachedThePresent) {
  DeliveryTracker t(kDeliveryTrackerWindow);
  t.BeginCatchUp({0, 1}, kDeliveryTrackerT0);
  t.Delivered(0, kDeliveryTrackerT0 + 60);
  t.Delivered(1, kDeliveryTrackerT0 + 60);
  EXPECT_TRUE(t.MayProcess(kDeliveryTrackerT0 - 600, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + 100, kTwoInService));
  EXPECT_FALSE(t.catching_up());
  EXPECT_TRUE(t.waiting_for().empty());
}

TEST(DeliveryTrackerTest, NoCatchUpWithoutAWindowOrAnyoneToWaitFor) {
  DeliveryTracker off(0);
  off.BeginCatchUp({0}, kDeliveryTrackerT0);
  EXPECT_FALSE(off.catching_up());
  DeliveryTracker t(kDeliveryTrackerWindow);
  t.BeginCatchUp({}, kDeliveryTrackerT0);
  EXPECT_FALSE(t.catching_up());
  // A fresh central side that never saw a delivery processes at grace.
  EXPECT_TRUE(t.MayProcess(kDeliveryTrackerT0 + 60, 60, kDeliveryTrackerGrace, kDeliveryTrackerT0 + 59 + kDeliveryTrackerGrace, kTwoInService));
}

}  // namespace
}  // namespace tldmon::ingest
