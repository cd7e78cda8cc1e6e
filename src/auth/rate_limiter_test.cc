#include "auth/rate_limiter.h"

#include <gtest/gtest.h>

#include <string>

namespace tldmon::auth {
namespace {

constexpr UnixSeconds kRateLimiterT0 = 1'700'000'000;

// §4.3 project default: 10 per account per minute; the 11th gets 429 with the
// seconds left in the window.
TEST(RateLimiterTest, LimitPerWindowAndRetryAfter) {
  RateLimiter r(10, 60, 1000);
  for (int i = 0; i < 10; ++i) {
    EXPECT_TRUE(r.Admit("example_ry", kRateLimiterT0 + i).allowed) << i;
  }
  const RateDecision d = r.Admit("example_ry", kRateLimiterT0 + 15);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, 45);  // the window opened at kRateLimiterT0 and lasts 60 s
  const RateDecision last = r.Admit("example_ry", kRateLimiterT0 + 59);
  EXPECT_FALSE(last.allowed);
  EXPECT_EQ(last.retry_after, 1);
}

TEST(RateLimiterTest, ResetsAfterTheWindow) {
  RateLimiter r(2, 60, 1000);
  EXPECT_TRUE(r.Admit("k", kRateLimiterT0).allowed);
  EXPECT_TRUE(r.Admit("k", kRateLimiterT0).allowed);
  EXPECT_FALSE(r.Admit("k", kRateLimiterT0 + 30).allowed);
  EXPECT_TRUE(r.Admit("k", kRateLimiterT0 + 60).allowed);
  EXPECT_TRUE(r.Admit("k", kRateLimiterT0 + 61).allowed);
  EXPECT_FALSE(r.Admit("k", kRateLimiterT0 + 62).allowed);
}

TEST(RateLimiterTest, RefusedAttemptsAreNotCounted) {
  RateLimiter r(1, 60, 1000);
  EXPECT_TRUE(r.Admit("k", kRateLimiterT0).allowed);
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(r.Admit("k", kRateLimiterT0 + 1).allowed);
  EXPECT_TRUE(r.Admit("k", kRateLimiterT0 + 60).allowed);
}

TEST(RateLimiterTest, KeysAreIndependent) {
  RateLimiter r(1, 60, 1000);
  EXPECT_TRUE(r.Admit("a", kRateLimiterT0).allowed);
  EXPECT_TRUE(r.Admit("b", kRateLimiterT0).allowed);
  EXPECT_FALSE(r.Admit("a", kRateLimiterT0).allowed);
}

// Bounded memory: a flood of distinct keys never holds more than capacity.
TEST(RateLimiterTest, CapacityEvictsLeastRecentlyUsed) {
  RateLimiter r(1, 60, 3);
  EXPECT_TRUE(r.Admit("a", kRateLimiterT0).allowed);
  EXPECT_TRUE(r.Admit("b", kRateLimiterT0).allowed);
  EXPECT_TRUE(r.Admit("c", kRateLimiterT0).allowed);
  EXPECT_FALSE(r.Admit("a", kRateLimiterT0).allowed);  // touches "a": now "b" is the oldest
  EXPECT_TRUE(r.Admit("d", kRateLimiterT0).allowed);   // evicts "b"
  EXPECT_EQ(r.size(), 3u);
  EXPECT_FALSE(r.Admit("a", kRateLimiterT0).allowed);  // "a" kept its count
  EXPECT_TRUE(r.Admit("b", kRateLimiterT0).allowed);   // "b" starts over
  for (int i = 0; i < 10000; ++i) r.Admit("flood" + std::to_string(i), kRateLimiterT0);
  EXPECT_EQ(r.size(), 3u);
}

TEST(RateLimiterTest, SweepDropsEndedWindows) {
  RateLimiter r(5, 60, 100);
  r.Admit("old", kRateLimiterT0);
  r.Admit("new", kRateLimiterT0 + 30);
  EXPECT_EQ(r.Sweep(kRateLimiterT0 + 59), 0u);
  EXPECT_EQ(r.Sweep(kRateLimiterT0 + 60), 1u);
  EXPECT_EQ(r.size(), 1u);
}

TEST(RateLimiterTest, Forget) {
  RateLimiter r(1, 60, 100);
  EXPECT_TRUE(r.Admit("k", kRateLimiterT0).allowed);
  r.Forget("k");
  r.Forget("absent");
  EXPECT_TRUE(r.Admit("k", kRateLimiterT0).allowed);
}

TEST(RateLimiterTest, ClockGoingBackOpensAFreshWindow) {
  RateLimiter r(1, 60, 100);
  EXPECT_TRUE(r.Admit("k", kRateLimiterT0).allowed);
  EXPECT_TRUE(r.Admit("k", kRateLimiterT0 - 3600).allowed);
}

}  // namespace
}  // namespace tldmon::auth
