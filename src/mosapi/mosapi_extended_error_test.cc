#include "mosapi/mosapi_extended_error.h"

#include <gtest/gtest.h>

namespace tldmon::mosapi {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

using RangeResult = Result<DateRange, admin::ExtendedError>;

QueryParams Query(std::string_view raw) {
  auto q = ParseQuery(raw, QueryLimits{});
  EXPECT_TRUE(q.ok()) << raw;
  return q.ok() ? std::move(q).value() : QueryParams{};
}

RangeResult Range(std::string_view raw, UnixSeconds now = 1735689600 + 10 * 86400 + 3600) {
  return ValidateDateQuery(Query(raw), admin::DateForm::kCalendarDate, now);
}

// The error-table row an error is answered with; kNone for a range.
ApiErrorKind Kind(const RangeResult& r) {
  return r.ok() ? ApiErrorKind::kNone : ApiErrorKindOf(r.error().code);
}

TEST(ValidateDateQueryTest, CalendarDatesInTheOrderOfSection611) {
  constexpr UnixSeconds kJan1 = 1735689600, kDay = 86400;
  RangeResult r = Range("startDate=2025-01-01&endDate=2025-02-01");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->start, kJan1);
  EXPECT_EQ(r->end, kJan1 + 31 * kDay);  // exactly 31 days is allowed

  EXPECT_EQ(Kind(Range("startDate=2025-01-01&endDate=2025-02-02")), ApiErrorKind::kDateRangeTooLong);
  EXPECT_EQ(Kind(Range("startDate=2025-01-02&endDate=2025-01-01")),
            ApiErrorKind::kEndDateBeforeStart);
  EXPECT_EQ(Kind(Range("startDate=2025-01-01&endDate=2025-01-01")), ApiErrorKind::kNone);
  // Syntax first: startDate (2013) before endDate (2014) before order (2012).
  EXPECT_EQ(Kind(Range("startDate=bad&endDate=worse")), ApiErrorKind::kInvalidStartDate);
  EXPECT_EQ(Kind(Range("startDate=2025-01-05&endDate=worse")), ApiErrorKind::kInvalidEndDate);
  EXPECT_EQ(Kind(Range("startDate=2025-01-05&endDate=2025-13-01")), ApiErrorKind::kInvalidEndDate);

  // Missing endDate = today (UTC midnight of now = 2025-01-11).
  r = Range("startDate=2025-01-01");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->end, kJan1 + 10 * kDay);
  // Missing startDate = endDate − 31 days.
  r = Range("endDate=2025-03-01");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->end - r->start, 31 * kDay);
  r = Range("");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->end, kJan1 + 10 * kDay);
  EXPECT_EQ(r->start, kJan1 + 10 * kDay - 31 * kDay);
  // A start after today with no end: end (today) before start.
  EXPECT_EQ(Kind(Range("startDate=2025-02-01")), ApiErrorKind::kEndDateBeforeStart);
  EXPECT_EQ(ErrorInfo(ApiErrorKind::kDateRangeTooLong).result_code, 2011);
  EXPECT_EQ(ErrorInfo(ApiErrorKind::kEndDateBeforeStart).result_code, 2012);
  EXPECT_EQ(ErrorInfo(ApiErrorKind::kInvalidEndDate).result_code, 2014);
}

TEST(ValidateDateQueryTest, UnixSecondsForTheIncidentList) {
  const QueryParams q = Query("startDate=1735689600&endDate=1735776000");
  RangeResult r = ValidateDateQuery(q, admin::DateForm::kUnixSeconds, 1735800000);
  ASSERT_TRUE(r.ok()) << r.error().description;
  EXPECT_EQ(r->start, 1735689600);
  EXPECT_EQ(r->end, 1735776000);
  EXPECT_TRUE(HasDateQuery(q));
  // A calendar date is not Unix seconds (2013), and vice versa.
  const QueryParams date = Query("startDate=2025-01-01");
  EXPECT_EQ(Kind(ValidateDateQuery(date, admin::DateForm::kUnixSeconds, 1735800000)),
            ApiErrorKind::kInvalidStartDate);
  const QueryParams seconds = Query("endDate=1735689600");
  EXPECT_EQ(Kind(ValidateDateQuery(seconds, admin::DateForm::kCalendarDate, 1735800000)),
            ApiErrorKind::kInvalidEndDate);
  const QueryParams other = Query("other=1");
  EXPECT_FALSE(HasDateQuery(other));
}

}  // namespace
}  // namespace tldmon::mosapi
