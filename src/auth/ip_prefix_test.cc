#include "auth/ip_prefix.h"

#include <gtest/gtest.h>

namespace tldmon::auth {
namespace {

IpAddress Ip(std::string_view s) {
  Result<IpAddress> a = IpAddress::Parse(s);
  EXPECT_TRUE(a.ok()) << s << ": " << a.status().ToString();
  return a.ok() ? *a : IpAddress();
}

IpPrefix Prefix(std::string_view s) {
  Result<IpPrefix> p = IpPrefix::Parse(s);
  EXPECT_TRUE(p.ok()) << s << ": " << p.status().ToString();
  return p.ok() ? *p : IpPrefix();
}

TEST(IpAddressTest, ParsesBothFamilies) {
  EXPECT_EQ(Ip("192.0.2.1").family(), IpFamily::kV4);
  EXPECT_EQ(Ip("192.0.2.1").ToString(), "192.0.2.1");
  EXPECT_EQ(Ip("2001:db8::1").family(), IpFamily::kV6);
  EXPECT_EQ(Ip("2001:0DB8:0:0::1").ToString(), "2001:db8::1");
  EXPECT_EQ(Ip("::1").ToString(), "::1");
}

// RFC 4291 §2.5.5.2: ::ffff:a.b.c.d is the IPv4 host a.b.c.d.
TEST(IpAddressTest, FoldsIpv4MappedToIpv4) {
  const IpAddress a = Ip("::ffff:192.0.2.7");
  EXPECT_EQ(a.family(), IpFamily::kV4);
  EXPECT_EQ(a, Ip("192.0.2.7"));
  EXPECT_EQ(Ip("::ffff:c000:207"), Ip("192.0.2.7"));
  // ::192.0.2.7 (the deprecated IPv4-compatible form) is not mapped.
  EXPECT_EQ(Ip("::192.0.2.7").family(), IpFamily::kV6);
}

TEST(IpAddressTest, RejectsMalformed) {
  for (const char* bad :
       {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", " 1.2.3.4", "1.2.3.4 ", "[::1]",
        "fe80::1%eth0", "2001:db8:::1", "gggg::1", "1.2.3.4:80", "localhost"}) {
    EXPECT_FALSE(IpAddress::Parse(bad).ok()) << bad;
  }
  EXPECT_FALSE(IpAddress::Parse(std::string(10000, '1')).ok());
  // inet_pton would stop at the NUL and accept the address before it.
  EXPECT_FALSE(IpAddress::Parse(std::string_view("192.0.2.1\0junk", 14)).ok());
  EXPECT_FALSE(IpPrefix::Parse(std::string_view("192.0.2.0\0/24", 13)).ok());
}

TEST(IpAddressTest, Masked) {
  EXPECT_EQ(Ip("192.0.2.255").Masked(24), Ip("192.0.2.0"));
  EXPECT_EQ(Ip("192.0.2.255").Masked(25), Ip("192.0.2.128"));
  EXPECT_EQ(Ip("192.0.2.255").Masked(0), Ip("0.0.0.0"));
  EXPECT_EQ(Ip("2001:db8:1:2:3:4:5:6").Masked(64), Ip("2001:db8:1:2::"));
  EXPECT_EQ(Ip("2001:db8:1:2:3:4:5:6").Masked(200), Ip("2001:db8:1:2:3:4:5:6"));
}

TEST(IpPrefixTest, ParsesCidrs) {
  const IpPrefix v4 = Prefix("192.0.2.0/24");
  EXPECT_EQ(v4.length(), 24);
  EXPECT_EQ(v4.ToString(), "192.0.2.0/24");
  const IpPrefix v6 = Prefix("2001:db8::/32");
  EXPECT_EQ(v6.length(), 32);
  EXPECT_EQ(v6.ToString(), "2001:db8::/32");
  EXPECT_EQ(Prefix("0.0.0.0/0").length(), 0);
  EXPECT_EQ(Prefix("::/0").length(), 0);
}

TEST(IpPrefixTest, SingleAddressIsHostPrefix) {
  EXPECT_EQ(Prefix("192.0.2.9").length(), 32);
  EXPECT_EQ(Prefix("2001:db8::9").length(), 128);
  EXPECT_EQ(Prefix("192.0.2.9").ToString(), "192.0.2.9/32");
}

TEST(IpPrefixTest, MappedPrefixFoldsToIpv4) {
  const IpPrefix p = Prefix("::ffff:192.0.2.0/120");
  EXPECT_EQ(p.address().family(), IpFamily::kV4);
  EXPECT_EQ(p.ToString(), "192.0.2.0/24");
}

TEST(IpPrefixTest, RejectsBadPrefixesWithClearMessages) {
  struct Case {
    const char* text;
    const char* message_part;
  };
  for (const Case& c :
       {Case{"192.0.2.0/33", "exceeds /32"}, Case{"2001:db8::/129", "exceeds /128"},
        Case{"192.0.2.0/", "decimal"}, Case{"192.0.2.0/-1", "decimal"},
        Case{"192.0.2.0/024", "decimal"}, Case{"192.0.2.0/2a", "decimal"},
        Case{"192.0.2.0/24/1", "decimal"}, Case{"192.0.2/24", "IPv4"}, Case{"/24", "IPv4"},
        Case{"2001:db8::g/32", "IPv6"}, Case{"192.0.2.1/24", "did you mean 192.0.2.0/24"},
        Case{"2001:db8::1/32", "did you mean 2001:db8::/32"}}) {
    Result<IpPrefix> p = IpPrefix::Parse(c.text);
    ASSERT_FALSE(p.ok()) << c.text;
    EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(p.status().message().find(c.message_part), std::string::npos)
        << c.text << " -> " << p.status().message();
  }
}

TEST(IpPrefixTest, Contains) {
  const IpPrefix v4 = Prefix("192.0.2.0/24");
  EXPECT_TRUE(v4.Contains(Ip("192.0.2.0")));
  EXPECT_TRUE(v4.Contains(Ip("192.0.2.255")));
  EXPECT_FALSE(v4.Contains(Ip("192.0.3.0")));
  EXPECT_FALSE(v4.Contains(Ip("2001:db8::1")));
  const IpPrefix v6 = Prefix("2001:db8::/32");
  EXPECT_TRUE(v6.Contains(Ip("2001:db8:ffff::1")));
  EXPECT_FALSE(v6.Contains(Ip("2001:db9::1")));
  EXPECT_FALSE(v6.Contains(Ip("192.0.2.1")));
}

TEST(AllowListTest, EmptyListAdmitsNobody) {
  EXPECT_FALSE(AllowListPermits({}, Ip("127.0.0.1")));
  EXPECT_FALSE(AllowListPermits({}, Ip("::1")));
}

TEST(AllowListTest, MappedSourceMatchesIpv4Rule) {
  const std::vector<IpPrefix> list = {Prefix("192.0.2.0/24")};
  EXPECT_TRUE(AllowListPermits(list, Ip("::ffff:192.0.2.44")));
  EXPECT_FALSE(AllowListPermits(list, Ip("::ffff:198.51.100.1")));
}

TEST(AllowListTest, EveryoneNeedsBothFamilies) {
  const std::vector<IpPrefix> v4_only = {Prefix("0.0.0.0/0")};
  EXPECT_TRUE(AllowListPermits(v4_only, Ip("203.0.113.5")));
  EXPECT_TRUE(AllowListPermits(v4_only, Ip("::ffff:203.0.113.5")));
  EXPECT_FALSE(AllowListPermits(v4_only, Ip("2001:db8::5")));
  const std::vector<IpPrefix> both = {Prefix("0.0.0.0/0"), Prefix("::/0")};
  EXPECT_TRUE(AllowListPermits(both, Ip("2001:db8::5")));
}

TEST(AllowListTest, ParseNamesTheBadEntry) {
  Result<std::vector<IpPrefix>> ok = ParseAllowList({"127.0.0.0/8", "::1/128"});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->size(), 2u);
  Result<std::vector<IpPrefix>> bad = ParseAllowList({"127.0.0.0/8", "10.0.0.1/8"});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("entry 2"), std::string::npos);
}

}  // namespace
}  // namespace tldmon::auth
