#include "api/query.h"

#include <gtest/gtest.h>

#include "api/date_params.h"

namespace tldmon::api {
namespace {

QueryParams Parse(std::string_view raw) {
  QueryParams q;
  const auto error = ParseQuery(raw, QueryLimits{}, q);
  EXPECT_FALSE(error) << raw;
  return q;
}

TEST(Query, DecodesFormEncoding) {
  const QueryParams q = Parse("startDate=2025-01-01&note=a+b%20c%2B&flag&&empty=");
  EXPECT_EQ(q.Get("startDate"), "2025-01-01");
  EXPECT_EQ(q.Get("note"), "a b c+");
  EXPECT_EQ(q.Get("flag"), "");
  EXPECT_EQ(q.Get("empty"), "");
  EXPECT_FALSE(q.Get("missing"));
  EXPECT_FALSE(q.Get("StartDate"));  // keys are case-sensitive
  EXPECT_EQ(q.params().size(), 4u);
}

TEST(Query, OrderDoesNotMatter) {
  // §10.3: icann-client sorts parameters; others do not.
  const QueryParams a = Parse("startDate=2025-01-01&endDate=2025-01-31");
  const QueryParams b = Parse("endDate=2025-01-31&startDate=2025-01-01");
  EXPECT_EQ(a.Get("startDate"), b.Get("startDate"));
  EXPECT_EQ(a.Get("endDate"), b.Get("endDate"));
}

TEST(Query, Errors) {
  struct Case {
    std::string raw;
    QueryErrorKind kind;
    std::string key;
  };
  const QueryLimits limits;
  const Case cases[] = {
      {"startDate=1&startDate=2", QueryErrorKind::kDuplicateKey, "startDate"},
      {"a=%zz", QueryErrorKind::kBadEscape, "a"},
      {"a=%2", QueryErrorKind::kBadEscape, "a"},
      {"a%=1", QueryErrorKind::kBadEscape, "a%"},
      {"a=%00", QueryErrorKind::kBadEscape, "a"},
      {"=1", QueryErrorKind::kEmptyKey, ""},
      {std::string(limits.max_key_bytes + 1, 'k') + "=1", QueryErrorKind::kKeyTooLong,
       std::string(limits.max_key_bytes, 'k')},
      {"a=" + std::string(limits.max_value_bytes + 1, 'v'), QueryErrorKind::kValueTooLong, "a"},
      {std::string(limits.max_bytes + 1, 'x'), QueryErrorKind::kTooLong, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.raw.substr(0, 40));
    QueryParams q;
    const auto error = ParseQuery(c.raw, limits, q);
    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind, c.kind);
    EXPECT_EQ(error->key, c.key);
  }
  std::string many;
  for (std::size_t i = 0; i <= limits.max_params; ++i) many += "k" + std::to_string(i) + "=1&";
  QueryParams q;
  const auto error = ParseQuery(many, limits, q);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind, QueryErrorKind::kTooManyParams);
}

TEST(Query, ErrorsBecomeMosapiResultCodes) {
  // A repeated date parameter is that parameter's syntax error (§7: 2013/2014);
  // any other malformed query is 2001 Invalid input.
  EXPECT_EQ(ToApiError({QueryErrorKind::kDuplicateKey, "startDate"}), ApiErrorKind::kInvalidStartDate);
  EXPECT_EQ(ToApiError({QueryErrorKind::kBadEscape, "endDate"}), ApiErrorKind::kInvalidEndDate);
  EXPECT_EQ(ToApiError({QueryErrorKind::kDuplicateKey, "other"}), ApiErrorKind::kInvalidInput);
  EXPECT_EQ(ToApiError({QueryErrorKind::kTooManyParams, ""}), ApiErrorKind::kInvalidInput);
  EXPECT_EQ(ErrorInfo(ApiErrorKind::kInvalidStartDate).result_code, 2013);
  EXPECT_EQ(ErrorInfo(ApiErrorKind::kInvalidInput).result_code, 2001);
}

TEST(DateParam, Forms) {
  auto d = ParseDateParam("2025-01-01", DateForms::kDateOnly);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->seconds, 1735689600);  // 2025-01-01T00:00:00Z
  EXPECT_TRUE(d->is_date);
  EXPECT_FALSE(ParseDateParam("1735689600", DateForms::kDateOnly));
  d = ParseDateParam("1735689600", DateForms::kDateOrUnixSeconds);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->seconds, 1735689600);
  EXPECT_FALSE(d->is_date);
  for (const char* bad : {"", "2025-1-01", "2025-02-29", "2025/01/01", "-5", "+5", "1e9",
                          "123456789012", "2025-01-01T00:00:00Z", " 2025-01-01"})
    EXPECT_FALSE(ParseDateParam(bad, DateForms::kDateOrUnixSeconds)) << bad;
  EXPECT_TRUE(ParseDateParam("2024-02-29", DateForms::kDateOnly));
}

DateRangeResult Range(std::string_view raw, UnixSeconds now = 1735689600 + 10 * 86400 + 3600) {
  QueryParams q;
  EXPECT_FALSE(ParseQuery(raw, QueryLimits{}, q));
  return ParseDateRange(q, now, DateForms::kDateOnly);
}

TEST(DateRange, ValidationOrderOfSection611) {
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

}  // namespace
}  // namespace tldmon::api
