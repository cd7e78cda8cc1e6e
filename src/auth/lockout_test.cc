#include "auth/lockout.h"

#include <gtest/gtest.h>

namespace tldmon::auth {
namespace {

constexpr UnixSeconds kT0 = 1'700'000'000;

// docs/auth.md defaults: locked after 5 consecutive failures for 30 s, then
// each further failure doubles the lock: 60, 120, 240, 480, then the 15 min
// cap (960 would exceed it).
TEST(LockoutTest, GrowsFromBaseToCap) {
  Lockout l(5, 30, 900);
  UnixSeconds t = kT0;
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(l.RecordFailure("u", t), 0) << i;
    EXPECT_EQ(l.RetryAfter("u", t), 0);
  }
  const UnixSeconds expected[] = {30, 60, 120, 240, 480, 900, 900};
  for (UnixSeconds lock : expected) {
    EXPECT_EQ(l.RecordFailure("u", t), lock);
    EXPECT_EQ(l.RetryAfter("u", t), lock);
    EXPECT_EQ(l.RetryAfter("u", t + lock - 1), 1);
    EXPECT_EQ(l.RetryAfter("u", t + lock), 0);
    t += lock;  // the next failure comes once the lock has run out
  }
}

TEST(LockoutTest, SuccessResets) {
  Lockout l(5, 30, 900);
  for (int i = 0; i < 6; ++i) l.RecordFailure("u", kT0);
  EXPECT_GT(l.RetryAfter("u", kT0), 0);
  l.RecordSuccess("u");
  EXPECT_EQ(l.RetryAfter("u", kT0), 0);
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(l.RecordFailure("u", kT0), 0);
  EXPECT_EQ(l.RecordFailure("u", kT0), 30);  // back at the base
}

TEST(LockoutTest, AccountsAreIndependent) {
  Lockout l(1, 30, 900);
  l.RecordFailure("a", kT0);
  EXPECT_EQ(l.RetryAfter("a", kT0), 30);
  EXPECT_EQ(l.RetryAfter("b", kT0), 0);
  l.Forget("a");
  EXPECT_EQ(l.RetryAfter("a", kT0), 0);
  EXPECT_EQ(l.size(), 0u);
}

TEST(LockoutTest, ManyFailuresDoNotOverflow) {
  Lockout l(1, 30, 900);
  for (int i = 0; i < 10000; ++i) EXPECT_LE(l.RecordFailure("u", kT0), 900);
  EXPECT_EQ(l.RetryAfter("u", kT0), 900);
}

}  // namespace
}  // namespace tldmon::auth
