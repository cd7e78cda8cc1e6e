#include "ingest/delivery_tracker.h"

#include <gtest/gtest.h>

namespace tldmon::ingest {
namespace {

constexpr UnixSeconds kT0 = 1767225600;
constexpr UnixSeconds kGrace = 120;
constexpr UnixSeconds kWindow = 900;
const std::vector<bool> kTwoInService = {true, true};

TEST(DeliveryTrackerTest, WithoutAWindowOnlyTheGraceCounts) {
  DeliveryTracker t(0);
  t.Delivered(0, kT0 + 60);
  t.Delivered(1, kT0 + 60);
  // Cycle [kT0, kT0+60): due at its last second + grace.
  EXPECT_FALSE(t.MayProcess(kT0 + 60, 60, kGrace, kT0 + 60 + kGrace - 2, kTwoInService));
  EXPECT_TRUE(t.MayProcess(kT0 + 60, 60, kGrace, kT0 + 60 + kGrace - 1, kTwoInService));
}

TEST(DeliveryTrackerTest, ACycleEveryProbeDeliveredThroughIsProcessedBeforeItsGrace) {
  DeliveryTracker t(kWindow);
  t.Delivered(0, kT0);
  t.Delivered(1, kT0);
  EXPECT_FALSE(t.MayProcess(kT0 + 60, 60, kGrace, kT0 + 61, kTwoInService));
  t.Delivered(0, kT0 + 60);
  EXPECT_FALSE(t.MayProcess(kT0 + 60, 60, kGrace, kT0 + 61, kTwoInService)) << "probe 1 is missing";
  t.Delivered(1, kT0 + 60);
  EXPECT_TRUE(t.MayProcess(kT0 + 60, 60, kGrace, kT0 + 61, kTwoInService));
}

TEST(DeliveryTrackerTest, AProbeThatStoppedLongAgoIsNotWaitedFor) {
  DeliveryTracker t(kWindow);
  t.Delivered(0, kT0 + 660);
  t.Delivered(1, kT0);  // silent since kT0
  const UnixSeconds end = kT0 + 660;
  EXPECT_TRUE(t.MayProcess(end, 60, kGrace, end + 1, kTwoInService));
}

TEST(DeliveryTrackerTest, AProbeTakenOutOfServiceIsNotWaitedFor) {
  DeliveryTracker t(kWindow);
  t.Delivered(0, kT0 + 60);
  t.Delivered(1, kT0);
  EXPECT_FALSE(t.MayProcess(kT0 + 60, 60, kGrace, kT0 + 61, kTwoInService));
  EXPECT_TRUE(t.MayProcess(kT0 + 60, 60, kGrace, kT0 + 61, {true, false}));
}

TEST(DeliveryTrackerTest, ALateProbeDoesNotHoldACycleOthersDeliveredBeyondGrace) {
  DeliveryTracker t(kWindow);
  t.Delivered(0, kT0 + 120);
  t.Delivered(1, kT0);  // one minute behind: expected, but late
  EXPECT_FALSE(t.MayProcess(kT0 + 60, 60, kGrace, kT0 + 100, kTwoInService));
  EXPECT_TRUE(t.MayProcess(kT0 + 60, 60, kGrace, kT0 + 60 + kGrace - 1, kTwoInService));
  EXPECT_FALSE(t.catching_up());
}

TEST(DeliveryTrackerTest, NobodyDeliveringThroughACycleStartsACatchUp) {
  DeliveryTracker t(kWindow);
  t.Delivered(0, kT0);
  t.Delivered(1, kT0);
  const UnixSeconds end = kT0 + 60;
  const UnixSeconds due = end - 1 + kGrace;
  // Ingest unreachable: no probe delivered minute kT0+60 by the grace.
  EXPECT_FALSE(t.MayProcess(end, 60, kGrace, due, kTwoInService));
  EXPECT_TRUE(t.catching_up());
  EXPECT_FALSE(t.MayProcess(end, 60, kGrace, due + 300, kTwoInService));
  // Probe 0 backfills through the cycle; probe 1 not yet.
  t.Delivered(0, end + 240);
  EXPECT_FALSE(t.MayProcess(end, 60, kGrace, due + 301, kTwoInService));
  t.Delivered(1, end);
  EXPECT_TRUE(t.MayProcess(end, 60, kGrace, due + 302, kTwoInService));
  // Probe 0 is at the present, probe 1 still behind: the next cycle waits.
  EXPECT_FALSE(t.MayProcess(end + 60, 60, kGrace, due + 303, kTwoInService));
}

TEST(DeliveryTrackerTest, TheCatchUpEndsAtItsWindow) {
  DeliveryTracker t(kWindow);
  t.BeginCatchUp({0, 1}, kT0);
  EXPECT_TRUE(t.catching_up());
  EXPECT_FALSE(t.MayProcess(kT0 - 600, 60, kGrace, kT0 + kWindow - 1, kTwoInService));
  EXPECT_TRUE(t.MayProcess(kT0 - 600, 60, kGrace, kT0 + kWindow, kTwoInService));
  EXPECT_FALSE(t.catching_up());
}

TEST(DeliveryTrackerTest, TheCatchUpEndsWhenEveryProbeReachedThePresent) {
  DeliveryTracker t(kWindow);
  t.BeginCatchUp({0, 1}, kT0);
  t.Delivered(0, kT0 + 60);
  t.Delivered(1, kT0 + 60);
  EXPECT_TRUE(t.MayProcess(kT0 - 600, 60, kGrace, kT0 + 100, kTwoInService));
  EXPECT_FALSE(t.catching_up());
  EXPECT_TRUE(t.waiting_for().empty());
}

TEST(DeliveryTrackerTest, NoCatchUpWithoutAWindowOrAnyoneToWaitFor) {
  DeliveryTracker off(0);
  off.BeginCatchUp({0}, kT0);
  EXPECT_FALSE(off.catching_up());
  DeliveryTracker t(kWindow);
  t.BeginCatchUp({}, kT0);
  EXPECT_FALSE(t.catching_up());
  // A fresh central side that never saw a delivery processes at grace.
  EXPECT_TRUE(t.MayProcess(kT0 + 60, 60, kGrace, kT0 + 59 + kGrace, kTwoInService));
}

}  // namespace
}  // namespace tldmon::ingest
