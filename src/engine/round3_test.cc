#include "engine/round3.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "engine/downtime.h"

namespace tldmon::engine {
namespace {

std::string Text(double v) {
  std::string out;
  AppendRound3(v, &out);
  return out;
}

// What C's printf prints, trailing zeros dropped: the behaviour RSM's Perl
// sprintf("%.3f") inherits.
std::string Printf(double v) {
  char buf[400];
  std::snprintf(buf, sizeof(buf), "%.3f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

TEST(Round3Test, ExactBinaryTiesGoToTheEvenDigit) {
  // Issue 8 C2: RSM publishes 0.312 and 1.562 for these, never 0.313/1.563.
  EXPECT_EQ(Text(0.3125), "0.312");
  EXPECT_EQ(Text(1.5625), "1.562");
  EXPECT_EQ(Text(0.1875), "0.188");
  EXPECT_EQ(Text(0.9375), "0.938");
  EXPECT_EQ(Text(2.0625), "2.062");
  EXPECT_DOUBLE_EQ(Round3(0.3125), 0.312);
  EXPECT_DOUBLE_EQ(Round3(1.5625), 1.562);
  EXPECT_DOUBLE_EQ(Round3(0.1875), 0.188);
}

TEST(Round3Test, DecimalTiesFollowTheDoubleNotTheDecimal) {
  // 0.0125 and 1.0005 are not binary fractions: the double lies just above
  // 0.0125 but just below 1.0005, so printf rounds up once and down once.
  EXPECT_EQ(Text(0.0125), "0.013");
  EXPECT_EQ(Text(1.0005), "1");
}

TEST(Round3Test, AgreesWithPrintfOnEveryThresholdOfSmallBudgets) {
  // Every emergencyThreshold a deployment with an SLA budget of 1..400
  // minutes can show for up to 2 * budget minutes of downtime.
  for (int sla = 1; sla <= 400; ++sla) {
    for (int down = 0; down <= 2 * sla; ++down) {
      const double q = static_cast<double>(down) * 100.0 / sla;
      ASSERT_EQ(Text(q), Printf(q)) << down << " of " << sla;
      ASSERT_EQ(Text(EmergencyThresholdPercent(down, sla)), Printf(q)) << down << " of " << sla;
    }
  }
}

TEST(Round3Test, ShapeOfTheNumber) {
  EXPECT_EQ(Text(0), "0");
  EXPECT_EQ(Text(100), "100");
  EXPECT_EQ(Text(12.5), "12.5");
  EXPECT_EQ(Text(-0.0004), "0");
  EXPECT_EQ(Text(-2.5), "-2.5");
  EXPECT_EQ(Text(1e20), "100000000000000000000");
  EXPECT_EQ(Text(std::numeric_limits<double>::max()).size(), 309U);
  EXPECT_EQ(Text(std::numeric_limits<double>::quiet_NaN()), "0");
  EXPECT_DOUBLE_EQ(Round3(std::numeric_limits<double>::infinity()), 0);
  EXPECT_FALSE(std::signbit(Round3(-0.0001)));
}

}  // namespace
}  // namespace tldmon::engine
