#include "admin/date_range.h"

#include <gtest/gtest.h>

namespace tldmon::admin {
namespace {

// Midnights UTC, computed independently of tldmon (Python calendar.timegm).
constexpr UnixSeconds k20250101 = 1735689600;
constexpr UnixSeconds k20250201 = 1738368000;
constexpr UnixSeconds k20250202 = 1738454400;
constexpr UnixSeconds k20250212 = 1739318400;
constexpr UnixSeconds k20250315 = 1741996800;
constexpr UnixSeconds kDay = 86400;
// Some time on 2025-03-15 (13:20:00 UTC).
constexpr UnixSeconds kNow = k20250315 + 13 * 3600 + 20 * 60;

using Opt = std::optional<std::string_view>;

Result<DateRange, ExtendedError> Dates(Opt start, Opt end) {
  return ValidateDateRange(start, end, DateForm::kCalendarDate, kNow);
}

TEST(DateRangeTest, ExplicitRangeOfExactly31DaysIsAccepted) {
  // 2025-01-01 .. 2025-02-01 is 31 days.
  Result<DateRange, ExtendedError> r = Dates("2025-01-01", "2025-02-01");
  ASSERT_TRUE(r.ok()) << r.error().description;
  EXPECT_EQ(*r, (DateRange{k20250101, k20250201}));
}

TEST(DateRangeTest, ThirtyTwoDaysIs2011) {
  Result<DateRange, ExtendedError> r = Dates("2025-01-01", "2025-02-02");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().result_code(), 2011);
  EXPECT_EQ(r.error().message(), "Date range exceeds 31 days");
  EXPECT_EQ(r.error().description, "startDate=2025-01-01, endDate=2025-02-02");
}

TEST(DateRangeTest, SameDayIsAccepted) {
  Result<DateRange, ExtendedError> r = Dates("2025-02-02", "2025-02-02");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (DateRange{k20250202, k20250202}));
  EXPECT_TRUE(r->Contains(k20250202));
  EXPECT_FALSE(r->Contains(k20250202 + kDay));
}

TEST(DateRangeTest, MissingEndIsTodayAndMissingStartIs31DaysEarlier) {
  // 2025-03-15 − 31 days = 2025-02-12.
  Result<DateRange, ExtendedError> none = Dates(std::nullopt, std::nullopt);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, (DateRange{k20250212, k20250315}));
  Result<DateRange, ExtendedError> only_end = Dates(std::nullopt, "2025-02-01");
  ASSERT_TRUE(only_end.ok());
  EXPECT_EQ(*only_end, (DateRange{k20250101, k20250201}));
  Result<DateRange, ExtendedError> only_start = Dates("2025-02-12", std::nullopt);
  ASSERT_TRUE(only_start.ok());
  EXPECT_EQ(*only_start, (DateRange{k20250212, k20250315}));
}

TEST(DateRangeTest, OnlyStartTooEarlyIs2011WithTheDefaultMarked) {
  Result<DateRange, ExtendedError> r = Dates("2025-02-11", std::nullopt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().result_code(), 2011);
  EXPECT_EQ(r.error().description, "startDate=2025-02-11, endDate=2025-03-15 (default)");
}

TEST(DateRangeTest, EndBeforeStartIs2012) {
  Result<DateRange, ExtendedError> r = Dates("2025-02-02", "2025-02-01");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().result_code(), 2012);
  EXPECT_EQ(r.error().message(), "endDate is before startDate");
  // A start in the future with no end: end defaults to today, before start.
  Result<DateRange, ExtendedError> future = Dates("2025-03-16", std::nullopt);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().result_code(), 2012);
}

TEST(DateRangeTest, SyntaxErrorsAre2013And2014WithTheRawValue) {
  for (std::string_view bad : {"", "2025-1-01", "2025-02-30", "2025-13-01", "20250101",
                               "2025-01-01T00:00:00Z", " 2025-01-01", "1969-12-31", "abc"}) {
    Result<DateRange, ExtendedError> s = Dates(bad, "2025-02-01");
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().result_code(), 2013) << bad;
    EXPECT_EQ(s.error().message(), "Invalid startDate");
    EXPECT_EQ(s.error().description, bad);
    Result<DateRange, ExtendedError> e = Dates("2025-01-01", bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.error().result_code(), 2014) << bad;
    EXPECT_EQ(e.error().message(), "Invalid endDate");
    EXPECT_EQ(e.error().description, bad);
  }
  // Leap day exists in 2024 only.
  EXPECT_TRUE(Dates("2024-02-29", "2024-03-01").ok());
  EXPECT_EQ(Dates("2025-02-29", "2025-03-01").error().result_code(), 2013);
}

TEST(DateRangeTest, ChecksRunInTheDocumentedOrder) {
  // Both malformed → the startDate error wins (2013 before 2014).
  EXPECT_EQ(Dates("x", "y").error().result_code(), 2013);
  // Malformed end and a start after today → 2014 (syntax before order).
  EXPECT_EQ(Dates("2030-01-01", "y").error().result_code(), 2014);
  // Reversed and far apart → 2012 (order before range).
  EXPECT_EQ(Dates("2025-12-31", "2025-01-01").error().result_code(), 2012);
}

TEST(DateRangeTest, UnixSecondsForm) {
  auto seconds = [](Opt start, Opt end) {
    return ValidateDateRange(start, end, DateForm::kUnixSeconds, kNow);
  };
  Result<DateRange, ExtendedError> none = seconds(std::nullopt, std::nullopt);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, (DateRange{kNow - 31 * kDay, kNow}));  // end = now, not midnight
  Result<DateRange, ExtendedError> exact = seconds("1735689600", "1738368000");
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(*exact, (DateRange{k20250101, k20250201}));
  Result<DateRange, ExtendedError> one_over = seconds("1735689600", "1738368001");
  ASSERT_FALSE(one_over.ok());
  EXPECT_EQ(one_over.error().result_code(), 2011);
  EXPECT_EQ(one_over.error().description, "startDate=1735689600, endDate=1738368001");
  EXPECT_EQ(seconds("1738368001", "1738368000").error().result_code(), 2012);
  for (std::string_view bad :
       {"", "-1", "+5", "1.5", "2025-01-01", "1e9", "253402300800", "1234567890123"}) {
    EXPECT_EQ(seconds(bad, std::nullopt).error().result_code(), 2013) << bad;
    EXPECT_EQ(seconds(std::nullopt, bad).error().result_code(), 2014) << bad;
  }
  EXPECT_EQ(ParseDateParameter("253402300799", DateForm::kUnixSeconds), 253402300799);
  EXPECT_EQ(ParseDateParameter("0", DateForm::kUnixSeconds), 0);
}

}  // namespace
}  // namespace tldmon::admin
