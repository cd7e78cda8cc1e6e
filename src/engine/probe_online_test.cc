// Probe online determination: slam-algorithms.md §3 and E9.
#include "engine/probe_online.h"

#include <gtest/gtest.h>

namespace tldmon::engine {
namespace {

constexpr UnixSeconds kProbeOnlineT0 = 1767225600;

ProbeMinuteSample Check(bool ok, bool manual = true, bool reachable = true) {
  ProbeMinuteSample s;
  s.check_ok = ok;
  s.manual_online = manual;
  s.reachable = reachable;
  return s;
}

bool OnlineAt(const ProbeState& p, UnixSeconds minute) { return OnlineForCycle(p, minute, 60); }

TEST(ProbeOnlineTest, HysteresisProjectDefault) {
  // §3.1 project default: checks at t=0 fail, 60..240 succeed => ONLINE at
  // 240 (the first success >= 180 s after the run's first success at 60).
  ProbeState p;
  const ProbeMinuteSample fail = Check(false), ok = Check(true);
  AdvanceProbeMinute(p, kProbeOnlineT0, &fail, 180);
  EXPECT_FALSE(OnlineAt(p, kProbeOnlineT0));
  for (UnixSeconds t = kProbeOnlineT0 + 60; t <= kProbeOnlineT0 + 180; t += 60) {
    AdvanceProbeMinute(p, t, &ok, 180);
    EXPECT_FALSE(OnlineAt(p, t)) << t - kProbeOnlineT0;
  }
  AdvanceProbeMinute(p, kProbeOnlineT0 + 240, &ok, 180);
  EXPECT_TRUE(OnlineAt(p, kProbeOnlineT0 + 240));
}

TEST(ProbeOnlineTest, ZeroDelayComesBackAtOnce) {
  ProbeState p;
  const ProbeMinuteSample fail = Check(false), ok = Check(true);
  AdvanceProbeMinute(p, kProbeOnlineT0, &fail, 0);
  AdvanceProbeMinute(p, kProbeOnlineT0 + 60, &ok, 0);
  EXPECT_TRUE(OnlineAt(p, kProbeOnlineT0 + 60));
}

TEST(ProbeOnlineTest, AbsentMinuteIsOfflineAndBreaksTheRun) {
  ProbeState p;
  const ProbeMinuteSample fail = Check(false), ok = Check(true);
  AdvanceProbeMinute(p, kProbeOnlineT0, &fail, 180);
  AdvanceProbeMinute(p, kProbeOnlineT0 + 60, &ok, 180);
  AdvanceProbeMinute(p, kProbeOnlineT0 + 120, &ok, 180);
  AdvanceProbeMinute(p, kProbeOnlineT0 + 180, nullptr, 180);  // missing: run broken
  EXPECT_FALSE(OnlineAt(p, kProbeOnlineT0 + 180));
  AdvanceProbeMinute(p, kProbeOnlineT0 + 240, &ok, 180);  // run restarts at 240
  EXPECT_FALSE(OnlineAt(p, kProbeOnlineT0 + 240));
  AdvanceProbeMinute(p, kProbeOnlineT0 + 300, &ok, 180);
  AdvanceProbeMinute(p, kProbeOnlineT0 + 360, &ok, 180);
  EXPECT_FALSE(OnlineAt(p, kProbeOnlineT0 + 360));
  AdvanceProbeMinute(p, kProbeOnlineT0 + 420, &ok, 180);
  EXPECT_TRUE(OnlineAt(p, kProbeOnlineT0 + 420));
}

TEST(ProbeOnlineTest, AbsentMinuteOfAnOnlineProbeIsOfflineOnlyThatMinute) {
  ProbeState p;  // starts ONLINE
  const ProbeMinuteSample ok = Check(true);
  AdvanceProbeMinute(p, kProbeOnlineT0, &ok, 180);
  AdvanceProbeMinute(p, kProbeOnlineT0 + 60, nullptr, 180);
  AdvanceProbeMinute(p, kProbeOnlineT0 + 120, &ok, 180);
  EXPECT_TRUE(OnlineAt(p, kProbeOnlineT0));
  EXPECT_FALSE(OnlineAt(p, kProbeOnlineT0 + 60));
  EXPECT_TRUE(OnlineAt(p, kProbeOnlineT0 + 120));
}

TEST(ProbeOnlineTest, ManualAndReachabilityGateEachMinuteWithoutHysteresis) {
  ProbeState p;
  const ProbeMinuteSample ok = Check(true), manual_off = Check(true, false),
                          unreachable = Check(true, true, false);
  AdvanceProbeMinute(p, kProbeOnlineT0, &manual_off, 180);
  AdvanceProbeMinute(p, kProbeOnlineT0 + 60, &unreachable, 180);
  AdvanceProbeMinute(p, kProbeOnlineT0 + 120, &ok, 180);
  EXPECT_FALSE(OnlineAt(p, kProbeOnlineT0));
  EXPECT_FALSE(OnlineAt(p, kProbeOnlineT0 + 60));
  EXPECT_TRUE(OnlineAt(p, kProbeOnlineT0 + 120));
}

TEST(ProbeOnlineTest, E9OfflineInTheLastMinuteOfAnRddsCycle) {
  // ONLINE in minutes 1-4, OFFLINE in minute 5 of an RDDS cycle: not online
  // for the RDDS cycle, online for the DNS cycles of minutes 1-4.
  ProbeState p;
  const ProbeMinuteSample ok = Check(true), off = Check(true, false);
  for (int i = 0; i < 4; ++i) AdvanceProbeMinute(p, kProbeOnlineT0 + 60 * i, &ok, 180);
  AdvanceProbeMinute(p, kProbeOnlineT0 + 240, &off, 180);
  EXPECT_FALSE(OnlineForCycle(p, kProbeOnlineT0, 300));
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(OnlineForCycle(p, kProbeOnlineT0 + 60 * i, 60)) << i;
  EXPECT_FALSE(OnlineForCycle(p, kProbeOnlineT0 + 240, 60));
}

TEST(ProbeOnlineTest, SkippedMinutesAreOffline) {
  ProbeState p;
  const ProbeMinuteSample ok = Check(true);
  AdvanceProbeMinute(p, kProbeOnlineT0, &ok, 180);
  AdvanceProbeMinute(p, kProbeOnlineT0 + 180, &ok, 180);  // 60 and 120 never recorded
  EXPECT_TRUE(OnlineAt(p, kProbeOnlineT0));
  EXPECT_FALSE(OnlineAt(p, kProbeOnlineT0 + 60));
  EXPECT_FALSE(OnlineForCycle(p, kProbeOnlineT0, 300));
}

TEST(ProbeOnlineTest, MinuteHistoryLimits) {
  // bit i = minute last - 60 i; only 64 minutes are remembered.
  std::uint64_t bits = 0;
  UnixSeconds last = kNever;
  for (int i = 0; i < 70; ++i) {
    bits = ShiftMinuteHistory(bits, last, kProbeOnlineT0 + 60 * i) | 1U;
    last = kProbeOnlineT0 + 60 * i;
  }
  EXPECT_TRUE(AllMinutesSet(bits, last, last - 60 * 63, 64));
  EXPECT_FALSE(AllMinutesSet(bits, last, last - 60 * 64, 1));
  EXPECT_FALSE(AllMinutesSet(bits, last, last + 60, 1));  // not yet recorded
  EXPECT_FALSE(AllMinutesSet(bits, last, last - 240, 5 + 1));
  EXPECT_EQ(ShiftMinuteHistory(bits, last, last + 60 * 64), 0U);
}

}  // namespace
}  // namespace tldmon::engine
