// UTF-8 counting, host names, RFC 3339 date-times, https URLs: the small
// syntax checks the importers and the maintenance-window parser rely on.
#include <gtest/gtest.h>

#include <string>

#include "admin/date_text.h"
#include "admin/dns_name.h"
#include "admin/https_url.h"
#include "admin/utf8.h"

namespace tldmon::admin {
namespace {

TEST(Utf8Test, CountsCodePointsNotBytes) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("\xC3\xA9t\xC3\xA9"), 3u);     // été
  EXPECT_EQ(CountCodePoints("\xE2\x82\xAC"), 1u);          // €
  EXPECT_EQ(CountCodePoints("\xF0\x9F\x98\x80"), 1u);      // U+1F600
  EXPECT_EQ(CountCodePoints("\xF4\x8F\xBF\xBF"), 1u);      // U+10FFFF
  EXPECT_EQ(CountCodePoints(std::string("a\0b", 3)), 3u);  // NUL is a code point
}

TEST(Utf8Test, RejectsInvalidSequences) {
  for (std::string_view bad : {"\x80",              // lone continuation
                               "\xC3",              // truncated
                               "\xC3(",             // bad continuation
                               "\xC0\xAF",          // overlong '/'
                               "\xE0\x80\xAF",      // overlong
                               "\xED\xA0\x80",      // surrogate U+D800
                               "\xF4\x90\x80\x80",  // above U+10FFFF
                               "\xF8\x88\x80\x80\x80", "\xFF"}) {
    EXPECT_FALSE(CountCodePoints(bad).has_value()) << testing::PrintToString(bad);
  }
}

TEST(DnsNameTest, HostNames) {
  EXPECT_TRUE(IsValidHostName("a.example", 2));
  EXPECT_TRUE(IsValidHostName("xn--bcher-kva.example", 2));
  EXPECT_TRUE(IsValidHostName("A-1.B2.Example", 2));
  EXPECT_TRUE(IsValidHostName("example", 1));
  EXPECT_FALSE(IsValidHostName("example", 2));
  EXPECT_FALSE(IsValidHostName("", 1));
  EXPECT_FALSE(IsValidHostName("a.example.", 2));  // trailing dot
  EXPECT_FALSE(IsValidHostName(".a.example", 2));
  EXPECT_FALSE(IsValidHostName("a..example", 2));
  EXPECT_FALSE(IsValidHostName("-a.example", 2));
  EXPECT_FALSE(IsValidHostName("a-.example", 2));
  EXPECT_FALSE(IsValidHostName("a_b.example", 2));
  EXPECT_FALSE(IsValidHostName("a b.example", 2));
  EXPECT_FALSE(
      IsValidHostName("b\xC3\xBC"
                      "cher.example",
                      2));                        // U-label
  EXPECT_FALSE(IsValidHostName("192.0.2.1", 1));  // all-digit last label
  const std::string label63(63, 'a');
  EXPECT_TRUE(IsValidHostName(label63 + ".example", 2));
  EXPECT_FALSE(IsValidHostName(label63 + "a.example", 2));
  // 4 × 63 + 3 dots = 255 > 253; 3 × 63 + 61 + 3 = 253.
  EXPECT_FALSE(IsValidHostName(label63 + "." + label63 + "." + label63 + "." + label63, 2));
  EXPECT_TRUE(
      IsValidHostName(label63 + "." + label63 + "." + label63 + "." + std::string(61, 'b'), 2));
}

TEST(DnsNameTest, UnderDomain) {
  EXPECT_TRUE(IsUnderDomain("a.example", "example"));
  EXPECT_TRUE(IsUnderDomain("x.y.EXAMPLE", "example"));
  EXPECT_FALSE(IsUnderDomain("example", "example"));
  EXPECT_FALSE(IsUnderDomain("a.otherexample", "example"));
  EXPECT_FALSE(IsUnderDomain("a.example.net", "example"));
}

TEST(DateTextTest, FormatDate) {
  EXPECT_EQ(FormatDate(CivilDate{2025, 1, 1}), "2025-01-01");
  EXPECT_EQ(FormatDate(CivilDate{2018, 12, 13}), "2018-12-13");
}

TEST(DateTextTest, Rfc3339) {
  // 2018-12-13T23:20:50Z = 1544743250 (computed independently).
  EXPECT_EQ(ParseRfc3339("2018-12-13T23:20:50Z"), 1544743250);
  EXPECT_EQ(ParseRfc3339("2018-12-13T23:20:50.52Z"), 1544743250);  // §6.11 example
  EXPECT_EQ(ParseRfc3339("2018-12-13t23:20:50.123456789z"), 1544743250);
  EXPECT_EQ(ParseRfc3339("2018-12-14T01:20:50+02:00"), 1544743250);
  EXPECT_EQ(ParseRfc3339("2018-12-13T18:50:50-04:30"), 1544743250);
  EXPECT_TRUE(ParseRfc3339("2016-12-31T23:59:60Z").has_value());  // leap second
  for (std::string_view bad :
       {"", "2018-12-13", "2018-12-13T23:20Z", "2018-12-13 23:20:50Z", "2018-12-13T23:20:50",
        "2018-12-13T24:00:00Z", "2018-12-13T23:60:00Z", "2018-12-13T23:20:61Z",
        "2018-02-30T00:00:00Z", "2018-12-13T23:20:50.Z", "2018-12-13T23:20:50.1234567890Z",
        "2018-12-13T23:20:50+0200", "2018-12-13T23:20:50+24:00", "2018-12-13T23:20:50Zx",
        "1969-12-31T23:59:59Z"}) {
    EXPECT_FALSE(ParseRfc3339(bad).has_value()) << bad;
  }
}

TEST(HttpsUrlTest, AcceptsBaseUrls) {
  for (std::string_view good :
       {"https://rdap.gandi.net", "https://rdap.blacknight.com/", "https://rdap.example/rdap/",
        "https://rdap.example:8443/rdap/v1/", "https://192.0.2.7/rdap/", "https://[2001:db8::7]/",
        "https://[2001:db8::7]:443/x", "https://rdap.example/a%20b/~x/-._!$&'()*+,;=:@"}) {
    EXPECT_TRUE(ValidateHttpsUrl(good).ok()) << good << ": " << ValidateHttpsUrl(good).message();
  }
}

TEST(HttpsUrlTest, RejectsEverythingElse) {
  for (std::string_view bad : {"",
                               "http://rdap.example/",
                               "HTTPS://rdap.example/",
                               "ftp://rdap.example/",
                               "https://",
                               "https:///path",
                               "https://user:pw@rdap.example/",
                               "https://rdap.example/?q=1",
                               "https://rdap.example?q",
                               "https://rdap.example/#frag",
                               "https://rdap.example:0/",
                               "https://rdap.example:65536/",
                               "https://rdap.example:/",
                               "https://rdap.example:80x/",
                               "https://localhost/",
                               "https://rdap_x.example/",
                               "https://rdap.example/a b",
                               "https://rdap.example/%zz",
                               "https://rdap.example/%4",
                               "https://2001:db8::7/",
                               "https://[2001:db8::7/",
                               "https://[192.0.2.1]/",
                               "https://[2001:db8::7]x/",
                               "https://rdap.example/\xC3\xA9",
                               "https://999.0.2.1/"}) {
    EXPECT_FALSE(ValidateHttpsUrl(bad).ok()) << bad;
  }
  EXPECT_FALSE(ValidateHttpsUrl("https://rdap.example/" + std::string(kMaxUrlLength, 'a')).ok());
}

}  // namespace
}  // namespace tldmon::admin
