#include "auth/cookie.h"

#include <gtest/gtest.h>

namespace tldmon::auth {
namespace {

const EntityId kCookieExample{EntityKind::kRegistry, "example"};
const EntityId kCookieRegistrar{EntityKind::kRegistrar, "9999"};
const std::string kId = "0123456789ABCDEF0123456789ABCDEF01234567";

TEST(SessionCookieValuesTest, SingleCookie) {
  EXPECT_EQ(SessionCookieValues("id=" + kId), std::vector<std::string>{kId});
}

TEST(SessionCookieValuesTest, AmongOtherCookiesWithBlanks) {
  // The v1 server also set JSESSIONID (mosapi-api.md §4.2).
  EXPECT_EQ(SessionCookieValues("JSESSIONID=abc;  id = " + kId + " ; theme=dark"),
            std::vector<std::string>{kId});
}

TEST(SessionCookieValuesTest, QuotedValue) {
  EXPECT_EQ(SessionCookieValues("id=\"" + kId + "\""), std::vector<std::string>{kId});
}

TEST(SessionCookieValuesTest, SeveralIdCookiesInOrder) {
  EXPECT_EQ(SessionCookieValues("id=OLD; x=1; id=" + kId), (std::vector<std::string>{"OLD", kId}));
}

TEST(SessionCookieValuesTest, NameMustBeExactlyId) {
  EXPECT_TRUE(SessionCookieValues("ID=" + kId).empty());
  EXPECT_TRUE(SessionCookieValues("sid=" + kId).empty());
  EXPECT_TRUE(SessionCookieValues("idx=" + kId).empty());
}

TEST(SessionCookieValuesTest, MalformedHeadersYieldNothing) {
  for (const char* h : {"", ";", ";;;", "id", "id=", "id=;", "=abc", "   ", "id=\"\""}) {
    EXPECT_TRUE(SessionCookieValues(h).empty()) << h;
  }
}

TEST(SessionCookieValuesTest, BoundedCountAndLength) {
  std::string many;
  for (int i = 0; i < 100; ++i) many += "id=V" + std::to_string(i) + "; ";
  // Every one is tried (docs/auth.md): the live one may come after stale ones.
  const std::vector<std::string> all = SessionCookieValues(many);
  ASSERT_EQ(all.size(), 100u);
  EXPECT_EQ(all.back(), "V99");
  // A cookie beyond the examined prefix is not seen.
  const std::string padded = "x=" + std::string(kMaxCookieHeader, 'a') + "; id=" + kId;
  EXPECT_TRUE(SessionCookieValues(padded).empty());
}

// mosapi-api.md §4.2 project default: Path=/<entity>/<id>, HttpOnly, Secure
// over TLS, Max-Age equal to the lifetime.
TEST(SetCookieTest, Login) {
  EXPECT_EQ(LoginSetCookie(kCookieExample, kId, 900, /*secure=*/true),
            "id=" + kId + "; Path=/ry/example; Max-Age=900; HttpOnly; Secure");
  EXPECT_EQ(LoginSetCookie(kCookieRegistrar, kId, 900, /*secure=*/false),
            "id=" + kId + "; Path=/rr/9999; Max-Age=900; HttpOnly");
}

TEST(SetCookieTest, LogoutExpiresTheCookie) {
  const std::string v = LogoutSetCookie(kCookieExample, true);
  EXPECT_EQ(v.rfind("id=;", 0), 0u);
  EXPECT_NE(v.find("Path=/ry/example"), std::string::npos);
  EXPECT_NE(v.find("Max-Age=0"), std::string::npos);
  EXPECT_NE(v.find("Expires=Thu, 01 Jan 1970"), std::string::npos);
  EXPECT_NE(v.find("HttpOnly"), std::string::npos);
  EXPECT_NE(v.find("Secure"), std::string::npos);
  EXPECT_EQ(LogoutSetCookie(kCookieExample, false).find("Secure"), std::string::npos);
}

}  // namespace
}  // namespace tldmon::auth
