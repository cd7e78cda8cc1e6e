#include "core/time.h"

#include <gtest/gtest.h>

namespace tldmon {
namespace {

constexpr UnixSeconds kT0 = 1767225600;  // 2026-01-01T00:00:00Z (slam-algorithms.md §12)

TEST(TimeTest, CyclesAreEpochAligned) {
  EXPECT_EQ(CycleStart(kT0 + 59, 60), kT0);
  EXPECT_EQ(CycleEnd(kT0 + 1, 60), kT0 + 59);
  EXPECT_EQ(CycleStart(kT0 + 299, 300), kT0);
  EXPECT_EQ(CycleEnd(kT0, 300), kT0 + 299);
  EXPECT_EQ(CycleStart(-1, 60), -60);
}

TEST(TimeTest, CivilDates) {
  EXPECT_EQ(ToCivilDate(kT0), (CivilDate{2026, 1, 1}));
  EXPECT_EQ(ToCivilDate(kT0 - 1), (CivilDate{2025, 12, 31}));
  EXPECT_EQ(FromCivilDate({2026, 1, 1}), kT0);
  EXPECT_EQ(FromCivilDate({2024, 2, 29}) + 86400, FromCivilDate({2024, 3, 1}));
}

TEST(TimeTest, Months) {
  EXPECT_EQ(MonthStart(kT0 + 86400 * 40), FromCivilDate({2026, 2, 1}));
  EXPECT_EQ(NextMonthStart(kT0 - 1), kT0);
  EXPECT_EQ(NextMonthStart(FromCivilDate({2026, 12, 15})), FromCivilDate({2027, 1, 1}));
}

TEST(TimeTest, ParseAndFormat) {
  EXPECT_EQ(FormatIso8601(kT0 + 3723), "2026-01-01T01:02:03Z");
  EXPECT_EQ(ParseTime("2026-01-01T01:02:03Z"), kT0 + 3723);
  EXPECT_EQ(ParseTime("2026-01-01T01:02Z"), kT0 + 3720);
  EXPECT_EQ(ParseTime("2026-01-01"), kT0);
  EXPECT_EQ(ParseTime("1767225600"), kT0);
  EXPECT_FALSE(ParseTime("2026-02-30").has_value());
  EXPECT_FALSE(ParseTime("2026-01-01T25:00Z").has_value());
  EXPECT_FALSE(ParseTime("").has_value());
  EXPECT_FALSE(ParseDate("2026-1-01").has_value());
}

}  // namespace
}  // namespace tldmon
