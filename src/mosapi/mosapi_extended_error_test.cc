#include "mosapi/mosapi_extended_error.h"

#include <gtest/gtest.h>

namespace tldmon::mosapi {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

DateRangeResult Range(std::string_view raw, UnixSeconds now = 1735689600 + 10 * 86400 + 3600) {
  QueryParams q;
  EXPECT_FALSE(ParseQuery(raw, QueryLimits{}, q));
  return ValidateDateQuery(q, admin::DateForm::kCalendarDate, now);
}

TEST(ValidateDateQueryTest, CalendarDatesInTheOrderOfSection611) {
  constexpr UnixSeconds kJan1 = 1735689600, kDay = 86400;
  DateRangeResult r = Range("startDate=2025-01-01&endDate=2025-02-01");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.range.start, kJan1);
  EXPECT_EQ(r.range.end, kJan1 + 31 * kDay);  // exactly 31 days is allowed

  EXPECT_EQ(Range("startDate=2025-01-01&endDate=2025-02-02").error, ApiErrorKind::kDateRangeTooLong);
  EXPECT_EQ(Range("startDate=2025-01-02&endDate=2025-01-01").error,
            ApiErrorKind::kEndDateBeforeStart);
  EXPECT_EQ(Range("startDate=2025-01-01&endDate=2025-01-01").error, ApiErrorKind::kNone);
  // Syntax first: startDate (2013) before endDate (2014) before order (2012).
  EXPECT_EQ(Range("startDate=bad&endDate=worse").error, ApiErrorKind::kInvalidStartDate);
  EXPECT_EQ(Range("startDate=2025-01-05&endDate=worse").error, ApiErrorKind::kInvalidEndDate);
  EXPECT_EQ(Range("startDate=2025-01-05&endDate=2025-13-01").error, ApiErrorKind::kInvalidEndDate);

  // Missing endDate = today (UTC midnight of now = 2025-01-11).
  r = Range("startDate=2025-01-01");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.range.end, kJan1 + 10 * kDay);
  // Missing startDate = endDate − 31 days.
  r = Range("endDate=2025-03-01");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.range.end - r.range.start, 31 * kDay);
  r = Range("");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.range.end, kJan1 + 10 * kDay);
  EXPECT_EQ(r.range.start, kJan1 + 10 * kDay - 31 * kDay);
  // A start after today with no end: end (today) before start.
  EXPECT_EQ(Range("startDate=2025-02-01").error, ApiErrorKind::kEndDateBeforeStart);
  EXPECT_EQ(ErrorInfo(ApiErrorKind::kDateRangeTooLong).result_code, 2011);
  EXPECT_EQ(ErrorInfo(ApiErrorKind::kEndDateBeforeStart).result_code, 2012);
  EXPECT_EQ(ErrorInfo(ApiErrorKind::kInvalidEndDate).result_code, 2014);
}

TEST(ValidateDateQueryTest, UnixSecondsForTheIncidentList) {
  QueryParams q;
  ASSERT_FALSE(ParseQuery("startDate=1735689600&endDate=1735776000", QueryLimits{}, q));
  DateRangeResult r = ValidateDateQuery(q, admin::DateForm::kUnixSeconds, 1735800000);
  ASSERT_TRUE(r.ok()) << r.description;
  EXPECT_EQ(r.range.start, 1735689600);
  EXPECT_EQ(r.range.end, 1735776000);
  EXPECT_TRUE(HasDateQuery(q));
  // A calendar date is not Unix seconds (2013), and vice versa.
  QueryParams date;
  ASSERT_FALSE(ParseQuery("startDate=2025-01-01", QueryLimits{}, date));
  EXPECT_EQ(ValidateDateQuery(date, admin::DateForm::kUnixSeconds, 1735800000).error,
            ApiErrorKind::kInvalidStartDate);
  QueryParams seconds;
  ASSERT_FALSE(ParseQuery("endDate=1735689600", QueryLimits{}, seconds));
  EXPECT_EQ(ValidateDateQuery(seconds, admin::DateForm::kCalendarDate, 1735800000).error,
            ApiErrorKind::kInvalidEndDate);
  QueryParams other;
  ASSERT_FALSE(ParseQuery("other=1", QueryLimits{}, other));
  EXPECT_FALSE(HasDateQuery(other));
}

}  // namespace
}  // namespace tldmon::mosapi
