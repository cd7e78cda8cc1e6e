#include "http/query.h"

#include <gtest/gtest.h>


namespace tldmon::http {
namespace {

QueryParams Parse(std::string_view raw) {
  auto q = ParseQuery(raw, QueryLimits{});
  EXPECT_TRUE(q.ok()) << raw;
  return q.ok() ? std::move(q).value() : QueryParams{};
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
    const auto q = ParseQuery(c.raw, limits);
    ASSERT_FALSE(q.ok());
    EXPECT_EQ(q.error().kind, c.kind);
    EXPECT_EQ(q.error().key, c.key);
  }
  std::string many;
  for (std::size_t i = 0; i <= limits.max_params; ++i) many += "k" + std::to_string(i) + "=1&";
  const auto q = ParseQuery(many, limits);
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().kind, QueryErrorKind::kTooManyParams);
}

}  // namespace
}  // namespace tldmon::http
