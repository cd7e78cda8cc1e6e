// HTTP dates, Accept-Encoding negotiation and conditional requests.
#include <gtest/gtest.h>

#include <string>

#include "http/conditional.h"
#include "http/content_coding.h"
#include "http/http_date.h"

namespace tldmon::http {
namespace {

std::string Format(UnixSeconds t) {
  std::string s(kImfFixdateLength, '?');
  FormatImfFixdate(t, s.data());
  return s;
}

TEST(HttpDate, FormatsImfFixdate) {
  // RFC 9110 §5.6.7's example: Sun, 06 Nov 1994 08:49:37 GMT = 784111777.
  EXPECT_EQ(Format(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(Format(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(Format(951782400), "Tue, 29 Feb 2000 00:00:00 GMT");
  EXPECT_EQ(Format(1767225599), "Wed, 31 Dec 2025 23:59:59 GMT");
}

TEST(HttpDate, ParsesAllThreeForms) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777);
  EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), 784111777);
  for (UnixSeconds t : {0LL, 784111777LL, 951782400LL, 1767225599LL, 4102444800LL})
    EXPECT_EQ(ParseHttpDate(Format(t)), t);
  for (const char* bad : {"", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT",
                          "Sun, 06 Nov 1994 24:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
                          "Sun, 06 Foo 1994 08:49:37 GMT", "1994-11-06T08:49:37Z",
                          "Sun, 06 Nov 1994 08:49:37 GMT "})
    EXPECT_FALSE(ParseHttpDate(bad)) << bad;
}

TEST(ContentCoding, QValues) {
  EXPECT_EQ(ParseQValue("1"), 1000);
  EXPECT_EQ(ParseQValue("1.000"), 1000);
  EXPECT_EQ(ParseQValue("0"), 0);
  EXPECT_EQ(ParseQValue("0.5"), 500);
  EXPECT_EQ(ParseQValue("0.001"), 1);
  EXPECT_EQ(ParseQValue("1.5"), -1);
  EXPECT_EQ(ParseQValue("0.0001"), -1);
  EXPECT_EQ(ParseQValue("2"), -1);
  EXPECT_EQ(ParseQValue(".5"), -1);
}

TEST(ContentCoding, PreferGzip) {
  EXPECT_FALSE(PreferGzip(std::nullopt));
  EXPECT_FALSE(PreferGzip(""));  // empty field: identity only (RFC 9110 §12.5.3)
  EXPECT_TRUE(PreferGzip("gzip"));
  EXPECT_TRUE(PreferGzip("GZIP"));
  EXPECT_TRUE(PreferGzip("x-gzip"));
  EXPECT_TRUE(PreferGzip("gzip, deflate, br"));  // curl, Go, OkHttp (§10.3)
  EXPECT_TRUE(PreferGzip("deflate, gzip;q=1.0, *;q=0.5"));
  EXPECT_FALSE(PreferGzip("gzip;q=0"));
  EXPECT_FALSE(PreferGzip("gzip; q=0.000"));
  EXPECT_FALSE(PreferGzip("identity"));
  EXPECT_FALSE(PreferGzip("br, deflate"));
  EXPECT_TRUE(PreferGzip("*"));
  EXPECT_FALSE(PreferGzip("*, gzip;q=0"));
  EXPECT_FALSE(PreferGzip("gzip;q=0.5, identity"));  // identity weighs more
  EXPECT_TRUE(PreferGzip("gzip;q=0.5, identity;q=0.5"));
  EXPECT_TRUE(PreferGzip("gzip;q=0.1, *;q=0"));  // identity excluded by *;q=0
  EXPECT_FALSE(PreferGzip("gzip;q=abc"));        // malformed weight: element ignored
  EXPECT_TRUE(PreferGzip(" ,gzip ;q=1 , "));
}

TEST(Conditional, IfNoneMatchUsesWeakComparison) {
  const std::string_view tag = "\"abc\"", gz = "\"abc-gzip\"";
  EXPECT_TRUE(IfNoneMatchMatches("\"abc\"", {tag, gz}));
  EXPECT_TRUE(IfNoneMatchMatches("W/\"abc\"", {tag, gz}));  // §13.1.2: weak comparison
  EXPECT_TRUE(IfNoneMatchMatches("\"x\", \"abc-gzip\"", {tag, gz}));
  EXPECT_TRUE(IfNoneMatchMatches("\"x\",W/\"abc\"", {tag, gz}));
  EXPECT_TRUE(IfNoneMatchMatches("*", {tag, gz}));
  EXPECT_TRUE(IfNoneMatchMatches("  *  ", {tag, gz}));
  EXPECT_FALSE(IfNoneMatchMatches("\"abd\"", {tag, gz}));
  EXPECT_FALSE(IfNoneMatchMatches("abc", {tag, gz}));          // unquoted: malformed
  EXPECT_FALSE(IfNoneMatchMatches("\"x\" junk, \"abc\"", {tag, gz}));  // stops at junk
  EXPECT_FALSE(IfNoneMatchMatches("", {tag, gz}));
  EXPECT_FALSE(IfNoneMatchMatches("   ", {tag, gz}));
  EXPECT_FALSE(IfNoneMatchMatches("\"abc", {tag, gz}));
}

TEST(Conditional, IfModifiedSince) {
  EXPECT_TRUE(NotModifiedSince("Sun, 06 Nov 1994 08:49:37 GMT", 784111777));
  EXPECT_TRUE(NotModifiedSince("Sun, 06 Nov 1994 08:49:38 GMT", 784111777));
  EXPECT_FALSE(NotModifiedSince("Sun, 06 Nov 1994 08:49:36 GMT", 784111777));
  EXPECT_FALSE(NotModifiedSince("yesterday", 784111777));
  // §13.2.2: If-Modified-Since is ignored when If-None-Match is present.
  EXPECT_FALSE(IsNotModified("\"other\"", "Sun, 06 Nov 1994 08:49:37 GMT", {"\"abc\""}, 784111777));
  EXPECT_TRUE(IsNotModified(std::nullopt, "Sun, 06 Nov 1994 08:49:37 GMT", {"\"abc\""}, 784111777));
  EXPECT_TRUE(IsNotModified("\"abc\"", "Sun, 06 Nov 1994 08:49:36 GMT", {"\"abc\""}, 784111777));
  EXPECT_FALSE(IsNotModified(std::nullopt, std::nullopt, {"\"abc\""}, 784111777));
}

}  // namespace
}  // namespace tldmon::http
