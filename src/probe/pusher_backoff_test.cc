#include "probe/pusher_backoff.h"

#include <gtest/gtest.h>

namespace tldmon::probe {
namespace {

using std::chrono::milliseconds;

TEST(PushBackoff, CeilingDoublesUpToTheCap) {
  PushBackoff backoff(kPushBackoffBase, kPushBackoffCap, [] { return 0.999999; });
  std::vector<long> ceilings;
  for (int i = 0; i < 12; ++i) {
    backoff.NextDelay();
    ceilings.push_back(static_cast<long>(backoff.Ceiling().count()));
  }
  EXPECT_EQ(ceilings, (std::vector<long>{1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000,
                                         256000, 300000, 300000, 300000}));
}

TEST(PushBackoff, FullJitterScalesTheRandomDrawOverTheCeiling) {
  std::vector<double> draws = {0.0, 0.5, 0.25, 0.999};
  std::size_t next = 0;
  PushBackoff backoff(kPushBackoffBase, kPushBackoffCap, [&] { return draws[next++]; });
  EXPECT_EQ(backoff.NextDelay(), milliseconds(0));     // [0, 1 s]
  EXPECT_EQ(backoff.NextDelay(), milliseconds(1000));  // half of 2 s
  EXPECT_EQ(backoff.NextDelay(), milliseconds(1000));  // quarter of 4 s
  EXPECT_EQ(backoff.NextDelay(), milliseconds(7992));  // 0.999 of 8 s
  EXPECT_EQ(backoff.failures(), 4);
}

TEST(PushBackoff, ResetStartsOverAndManyFailuresDoNotOverflow) {
  PushBackoff backoff(kPushBackoffBase, kPushBackoffCap, [] { return 0.5; });
  for (int i = 0; i < 10'000; ++i) backoff.NextDelay();
  EXPECT_EQ(backoff.NextDelay(), milliseconds(150'000));
  backoff.Reset();
  EXPECT_EQ(backoff.failures(), 0);
  EXPECT_EQ(backoff.NextDelay(), milliseconds(500));
}

}  // namespace
}  // namespace tldmon::probe
