#include "auth/authenticator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <thread>
#include <vector>

#include "auth/session_table.h"
#include "core/clock.h"
#include "testutil/test_base64.h"

namespace tldmon::auth {
namespace {

using testutil::BasicHeader;

// Texts typed from mosapi-api.md §4.3, not taken from the implementation.
constexpr std::string_view kSpecNotAuthenticated =
    "The client could not be authenticated using any of the available methods: "
    "TLS-Client-Authentication or Session Cookie.";
constexpr std::string_view kSpecInvalidCredentials = "Invalid User and/or Password";

constexpr UnixSeconds kAuthenticatorT0 = 1'767'225'600;  // 2026-01-01T00:00:00Z
const EntityId kAuthenticatorExample{EntityKind::kRegistry, "example"};
const EntityId kAuthenticatorOther{EntityKind::kRegistry, "other"};
const EntityId kAuthenticatorRegistrar{EntityKind::kRegistrar, "9999"};
constexpr std::string_view kInside4 = "192.0.2.10";
constexpr std::string_view kInside6 = "2001:db8:1::10";
constexpr std::string_view kOutside4 = "198.51.100.1";

std::vector<IpPrefix> AuthenticatorPrefixes(const std::vector<std::string>& texts) {
  Result<std::vector<IpPrefix>> p = ParseAllowList(texts);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : std::vector<IpPrefix>{};
}

// "id=<40 hex>; ..." -> the cookie value, or "" if the shape is wrong.
std::string CookieValue(const std::string& set_cookie) {
  static const std::regex kRe("^id=([0-9A-F]{40});.*");
  std::smatch m;
  return std::regex_match(set_cookie, m, kRe) ? m[1].str() : "";
}

class AuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override { Make(FastLimits()); }

  static AuthLimits FastLimits() {
    AuthLimits l;
    l.pwhash = PwhashLimits::Min();  // tests only: production uses Interactive
    return l;
  }

  void Make(const AuthLimits& limits) {
    Result<std::unique_ptr<Authenticator>> a = Authenticator::Create(clock_, limits);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auth_ = std::move(a).value();
    const auto both = AuthenticatorPrefixes({"192.0.2.0/24", "2001:db8::/32"});
    ASSERT_TRUE(auth_->SetEntityAccess({kAuthenticatorExample, both, DefaultRoles(EntityKind::kRegistry)}).ok());
    ASSERT_TRUE(auth_->SetEntityAccess({kAuthenticatorOther, both, DefaultRoles(EntityKind::kRegistry)}).ok());
    ASSERT_TRUE(
        auth_->SetEntityAccess({kAuthenticatorRegistrar, both, DefaultRoles(EntityKind::kRegistrar)}).ok());
    ASSERT_TRUE(auth_->SetPassword("example_ry", kAuthenticatorExample, "s3cret").ok());
    ASSERT_TRUE(auth_->SetPassword("other_ry", kAuthenticatorOther, "other-pw").ok());
    ASSERT_TRUE(auth_->SetPassword("9999_rr", kAuthenticatorRegistrar, "rr-pw").ok());
  }

  // Logs in and returns the cookie value ("" on failure).
  std::string LoginCookie(const EntityId& e, std::string_view user, std::string_view pw,
                          std::string_view source = kInside4) {
    AuthDecision d = auth_->Login(e, BasicHeader(user, pw), source, true);
    EXPECT_EQ(d.http_status, 200) << d.body;
    return CookieValue(d.set_cookie);
  }

  AuthDecision Data(const EntityId& e, const std::string& cookie,
                    std::string_view source = kInside4, Role role = Role::kTldSlamData) {
    return auth_->Authorize(e, cookie, "", source, role);
  }

  FakeClock clock_{kAuthenticatorT0};
  std::unique_ptr<Authenticator> auth_;
};

// ------------------------------------------------------------------ login

TEST_F(AuthenticatorTest, LoginIssuesSessionCookie) {
  AuthDecision d = auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, true);
  EXPECT_EQ(d.http_status, 200);
  EXPECT_EQ(d.body, "Login successful");
  EXPECT_EQ(d.retry_after, 0);
  const std::string id = CookieValue(d.set_cookie);
  ASSERT_EQ(id.size(), 40u) << d.set_cookie;
  EXPECT_EQ(d.set_cookie, "id=" + id + "; Path=/ry/example; Max-Age=900; HttpOnly; Secure");
  ASSERT_TRUE(d.principal.has_value());
  EXPECT_EQ(d.principal->name, "example_ry");
  EXPECT_EQ(d.principal->entity, kAuthenticatorExample);
  EXPECT_EQ(auth_->SessionCount(), 1u);
}

TEST_F(AuthenticatorTest, LoginWithoutTlsHasNoSecureAttribute) {
  AuthDecision d = auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, false);
  ASSERT_EQ(d.http_status, 200);
  EXPECT_EQ(d.set_cookie.find("Secure"), std::string::npos);
}

TEST_F(AuthenticatorTest, ConfiguredLifetimeIsTheMaxAge) {
  AuthLimits l = FastLimits();
  l.session_lifetime = 300;
  Make(l);
  AuthDecision d = auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, true);
  EXPECT_NE(d.set_cookie.find("; Max-Age=300;"), std::string::npos) << d.set_cookie;
  const std::string id = CookieValue(d.set_cookie);
  clock_.Advance(299);
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id).http_status, 200);
  clock_.Advance(1);
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id).http_status, 401);
}

TEST_F(AuthenticatorTest, WrongPasswordIs401) {
  AuthDecision d = auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "S3cret"), kInside4, true);
  EXPECT_EQ(d.http_status, 401);
  EXPECT_EQ(d.body, kSpecInvalidCredentials);
  EXPECT_TRUE(d.set_cookie.empty());
  EXPECT_FALSE(d.principal.has_value());
  EXPECT_EQ(auth_->SessionCount(), 0u);
}

TEST_F(AuthenticatorTest, UnknownUserIs401LikeAWrongPassword) {
  AuthDecision d = auth_->Login(kAuthenticatorExample, BasicHeader("nobody_ry", "s3cret"), kInside4, true);
  EXPECT_EQ(d.http_status, 401);
  EXPECT_EQ(d.body, kSpecInvalidCredentials);
  EXPECT_TRUE(d.set_cookie.empty());
}

// The account of another entity, with its right password, is unknown here.
TEST_F(AuthenticatorTest, AccountOfAnotherEntityCannotLogInHere) {
  AuthDecision d = auth_->Login(kAuthenticatorExample, BasicHeader("other_ry", "other-pw"), kInside4, true);
  EXPECT_EQ(d.http_status, 401);
  EXPECT_EQ(d.body, kSpecInvalidCredentials);
}

TEST_F(AuthenticatorTest, MalformedBasicHeadersAre401) {
  for (const std::string& h : std::vector<std::string>{
           "", "Basic", "Basic !!!", "Bearer abc", "Basic " + testutil::Base64("example_ry"),
           "Basic " + testutil::Base64(":s3cret"), "Basic " + std::string(100000, 'A')}) {
    AuthDecision d = auth_->Login(kAuthenticatorExample, h, kInside4, true);
    EXPECT_EQ(d.http_status, 401) << h.substr(0, 40);
    EXPECT_EQ(d.body, kSpecInvalidCredentials);
  }
  EXPECT_EQ(auth_->SessionCount(), 0u);
}

// ---------------------------------------------------------- data endpoints

TEST_F(AuthenticatorTest, CookieOpensDataEndpoints) {
  const std::string id = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  AuthDecision d = Data(kAuthenticatorExample, "id=" + id);
  EXPECT_EQ(d.http_status, 200);
  ASSERT_TRUE(d.principal.has_value());
  EXPECT_EQ(d.principal->method, AuthMethod::kSessionCookie);
  EXPECT_EQ(d.principal->name, "example_ry");
  EXPECT_TRUE(d.principal->roles.Contains(Role::kTldMaintenanceWindow));
  // Among other cookies, with blanks and quotes (§10.2, Nomulus #630).
  EXPECT_EQ(Data(kAuthenticatorExample, "JSESSIONID=abc;  id=\"" + id + "\" ; x=1").http_status, 200);
  // A stale id before the live one does not hide it.
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + std::string(40, 'A') + "; id=" + id).http_status, 200);
}

TEST_F(AuthenticatorTest, NoCookieIs401WithTheExactText) {
  for (const char* cookie : {"", "JSESSIONID=abc", "id=", "id=garbage", "id; id"}) {
    AuthDecision d = Data(kAuthenticatorExample, cookie);
    EXPECT_EQ(d.http_status, 401) << cookie;
    EXPECT_EQ(d.body, kSpecNotAuthenticated);
    EXPECT_FALSE(d.principal.has_value());
  }
}

TEST_F(AuthenticatorTest, CookieExpiresFifteenMinutesAfterLogin) {
  const std::string id = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  clock_.Advance(15 * 60 - 1);
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id).http_status, 200);
  clock_.Advance(1);
  AuthDecision d = Data(kAuthenticatorExample, "id=" + id);
  EXPECT_EQ(d.http_status, 401);
  EXPECT_EQ(d.body, kSpecNotAuthenticated);
  EXPECT_EQ(auth_->SessionCount(), 0u);  // purged by the lookup
}

TEST_F(AuthenticatorTest, SecondLoginEvictsTheFirstCookie) {
  const std::string first = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  clock_.Advance(5);
  const std::string second = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  ASSERT_NE(first, second);
  AuthDecision old = Data(kAuthenticatorExample, "id=" + first);
  EXPECT_EQ(old.http_status, 401);
  EXPECT_EQ(old.body, kSpecNotAuthenticated);
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + second).http_status, 200);
}

TEST_F(AuthenticatorTest, CookieOfAnotherEntityIsNotValidHere) {
  const std::string mine = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  const std::string theirs = LoginCookie(kAuthenticatorOther, "other_ry", "other-pw");
  AuthDecision d = Data(kAuthenticatorExample, "id=" + theirs);
  EXPECT_EQ(d.http_status, 401);
  EXPECT_EQ(d.body, kSpecNotAuthenticated);
  EXPECT_EQ(Data(kAuthenticatorOther, "id=" + mine).http_status, 401);
  EXPECT_EQ(Data(kAuthenticatorRegistrar, "id=" + mine).http_status, 401);
  // Both sessions are still fine where they belong.
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + mine).http_status, 200);
  EXPECT_EQ(Data(kAuthenticatorOther, "id=" + theirs).http_status, 200);
}

TEST_F(AuthenticatorTest, BasicOnDataEndpointIsRefusedByDefault) {
  AuthDecision d = auth_->Authorize(kAuthenticatorExample, "", BasicHeader("example_ry", "s3cret"), kInside4,
                                    Role::kTldSlamData);
  EXPECT_EQ(d.http_status, 401);
  EXPECT_EQ(d.body, kSpecNotAuthenticated);
}

TEST_F(AuthenticatorTest, BasicOnDataEndpointInCompatibilityMode) {
  AuthLimits l = FastLimits();
  l.accept_basic_on_data = true;
  Make(l);
  AuthDecision ok = auth_->Authorize(kAuthenticatorExample, "", BasicHeader("example_ry", "s3cret"), kInside4,
                                     Role::kTldSlamData);
  EXPECT_EQ(ok.http_status, 200);
  ASSERT_TRUE(ok.principal.has_value());
  EXPECT_EQ(ok.principal->method, AuthMethod::kBasic);
  EXPECT_TRUE(ok.set_cookie.empty());
  EXPECT_EQ(auth_->SessionCount(), 0u);  // no session is created
  AuthDecision bad = auth_->Authorize(kAuthenticatorExample, "", BasicHeader("example_ry", "nope"), kInside4,
                                      Role::kTldSlamData);
  EXPECT_EQ(bad.http_status, 401);
  EXPECT_EQ(bad.body, kSpecInvalidCredentials);
  AuthDecision none = auth_->Authorize(kAuthenticatorExample, "", "", kInside4, Role::kTldSlamData);
  EXPECT_EQ(none.body, kSpecNotAuthenticated);
  // Counted by the login limits: 10 per account per minute, 2 used so far.
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(auth_
                  ->Authorize(kAuthenticatorExample, "", BasicHeader("example_ry", "s3cret"), kInside4,
                              Role::kTldSlamData)
                  .http_status,
              200);
  }
  EXPECT_EQ(auth_
                ->Authorize(kAuthenticatorExample, "", BasicHeader("example_ry", "s3cret"), kInside4,
                            Role::kTldSlamData)
                .http_status,
            429);
}

// ------------------------------------------------------------- allow-lists

TEST_F(AuthenticatorTest, SourceOutsideAllowListIs403OnLoginAndData) {
  const std::string id = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  for (std::string_view src :
       {kOutside4, std::string_view("2001:db9::1"), std::string_view("::ffff:198.51.100.1"),
        std::string_view("not-an-ip"), std::string_view("")}) {
    AuthDecision login = auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), src, true);
    EXPECT_EQ(login.http_status, 403) << src;
    EXPECT_TRUE(login.set_cookie.empty());
    EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id, src).http_status, 403) << src;
    EXPECT_EQ(auth_->Logout(kAuthenticatorExample, "id=" + id, src, true).http_status, 403) << src;
  }
  // 403 is decided before the password: a wrong one from outside is 403 too.
  EXPECT_EQ(auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "x"), kOutside4, true).http_status,
            403);
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id).http_status, 200);  // still alive
}

TEST_F(AuthenticatorTest, Ipv6AndMappedSourcesInsideTheList) {
  EXPECT_EQ(auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside6, true).http_status,
            200);
  const std::string id = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret", "::ffff:192.0.2.99");
  // A session may be used from any allowed address of its entity.
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id, kInside6).http_status, 200);
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id, "::ffff:192.0.2.1").http_status, 200);
}

TEST_F(AuthenticatorTest, UnconfiguredOrEmptyAllowListAdmitsNobody) {
  const EntityId unknown{EntityKind::kRegistry, "unknown"};
  EXPECT_EQ(auth_->Login(unknown, BasicHeader("example_ry", "s3cret"), kInside4, true).http_status,
            403);
  EXPECT_EQ(Data(unknown, "").http_status, 403);
  ASSERT_TRUE(auth_->SetEntityAccess({kAuthenticatorExample, {}, DefaultRoles(EntityKind::kRegistry)}).ok());
  EXPECT_EQ(auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, true).http_status,
            403);
  ASSERT_TRUE(auth_
                  ->SetEntityAccess({kAuthenticatorExample, AuthenticatorPrefixes({"0.0.0.0/0", "::/0"}),
                                     DefaultRoles(EntityKind::kRegistry)})
                  .ok());
  EXPECT_EQ(
      auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kOutside4, true).http_status,
      200);
}

// ------------------------------------------------------------------- roles

TEST_F(AuthenticatorTest, MissingRoleIs401WithTheCookieText) {
  const std::string id = LoginCookie(kAuthenticatorRegistrar, "9999_rr", "rr-pw");
  EXPECT_EQ(Data(kAuthenticatorRegistrar, "id=" + id, kInside4, Role::kTldSlamData).http_status, 200);
  EXPECT_EQ(Data(kAuthenticatorRegistrar, "id=" + id, kInside4, Role::kTldDaarData).http_status, 200);
  AuthDecision d = Data(kAuthenticatorRegistrar, "id=" + id, kInside4, Role::kTldMaintenanceWindow);
  EXPECT_EQ(d.http_status, 401);
  EXPECT_EQ(d.body, kSpecNotAuthenticated);
  // The session itself survives a refused role.
  EXPECT_EQ(Data(kAuthenticatorRegistrar, "id=" + id).http_status, 200);
}

TEST_F(AuthenticatorTest, AccountHasTheRolesItsEntityHasNow) {
  const std::string id = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id, kInside4, Role::kTldDaarData).http_status, 200);
  ASSERT_TRUE(
      auth_->SetEntityAccess({kAuthenticatorExample, AuthenticatorPrefixes({"192.0.2.0/24"}), RoleSet{Role::kTldSlamData}})
          .ok());
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id, kInside4, Role::kTldDaarData).http_status, 401);
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id, kInside4, Role::kTldSlamData).http_status, 200);
}

// ------------------------------------------------------------- rate limits

TEST_F(AuthenticatorTest, PerAccountRateLimitAndItsReset) {
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(
        auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, true).http_status,
        200)
        << i;
  }
  clock_.Advance(20);
  AuthDecision d = auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, true);
  EXPECT_EQ(d.http_status, 429);
  EXPECT_EQ(d.retry_after, 40);  // the minute began at the first attempt
  EXPECT_TRUE(d.set_cookie.empty());
  // Other accounts from the same source are not affected.
  EXPECT_EQ(auth_->Login(kAuthenticatorOther, BasicHeader("other_ry", "other-pw"), kInside4, true).http_status,
            200);
  clock_.Advance(40);
  EXPECT_EQ(auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, true).http_status,
            200);
}

TEST_F(AuthenticatorTest, PerSourceRateLimitAndItsReset) {
  // 30 attempts per source per minute, whatever the user name.
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(auth_->Login(kAuthenticatorExample, BasicHeader("guess" + std::to_string(i), "x"), kInside4, true)
                  .http_status,
              401);
  }
  AuthDecision d = auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, true);
  EXPECT_EQ(d.http_status, 429);
  EXPECT_EQ(d.retry_after, 60);
  // Another address is counted separately.
  EXPECT_EQ(
      auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), "192.0.2.11", true).http_status,
      200);
  clock_.Advance(60);
  EXPECT_EQ(auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, true).http_status,
            200);
}

TEST_F(AuthenticatorTest, Ipv6SourcesAreCountedPerSlash64) {
  AuthLimits l = FastLimits();
  l.max_logins_per_source = 2;
  Make(l);
  auto login = [&](std::string_view src) {
    return auth_->Login(kAuthenticatorExample, BasicHeader("nobody", "x"), src, true).http_status;
  };
  EXPECT_EQ(login("2001:db8:1:1::1"), 401);
  EXPECT_EQ(login("2001:db8:1:1::2"), 401);
  EXPECT_EQ(login("2001:db8:1:1:ffff::3"), 429);  // same /64
  EXPECT_EQ(login("2001:db8:1:2::1"), 401);       // another /64
}

TEST_F(AuthenticatorTest, LockoutGrowsAndSuccessResetsIt) {
  auto login = [&](std::string_view pw) {
    return auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", pw), kInside4, true);
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login("wrong").http_status, 401) << i;
  // Locked for 30 s: even the right password gets 429, unchecked.
  AuthDecision locked = login("s3cret");
  EXPECT_EQ(locked.http_status, 429);
  EXPECT_EQ(locked.retry_after, 30);
  clock_.Advance(29);
  EXPECT_EQ(login("s3cret").retry_after, 1);
  clock_.Advance(1);
  // A further failure after the lock doubles it.
  EXPECT_EQ(login("wrong").http_status, 401);
  EXPECT_EQ(login("s3cret").retry_after, 60);
  clock_.Advance(60);
  EXPECT_EQ(login("wrong").http_status, 401);
  EXPECT_EQ(login("s3cret").retry_after, 120);
  clock_.Advance(120);
  // Success resets: the next lock needs 5 failures again and lasts 30 s.
  EXPECT_EQ(login("s3cret").http_status, 200);
  clock_.Advance(60);  // a fresh per-account window
  for (int i = 0; i < 4; ++i) EXPECT_EQ(login("wrong").http_status, 401) << i;
  EXPECT_EQ(login("s3cret").http_status, 200);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login("wrong").http_status, 401) << i;
  EXPECT_EQ(login("s3cret").retry_after, 30);
  auth_->Unlock("example_ry");
  EXPECT_EQ(login("s3cret").http_status, 200);
}

TEST_F(AuthenticatorTest, LockoutIsPerAccount) {
  for (int i = 0; i < 5; ++i) {
    auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "wrong"), kInside4, true);
  }
  EXPECT_EQ(auth_->Login(kAuthenticatorOther, BasicHeader("other_ry", "other-pw"), kInside4, true).http_status,
            200);
}

// ------------------------------------------------------------------ logout

TEST_F(AuthenticatorTest, LogoutEndsTheSessionAndExpiresTheCookie) {
  const std::string id = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  AuthDecision out = auth_->Logout(kAuthenticatorExample, "id=" + id, kInside4, true);
  EXPECT_EQ(out.http_status, 200);
  EXPECT_FALSE(out.body.empty());
  EXPECT_NE(out.set_cookie.find("Max-Age=0"), std::string::npos);
  EXPECT_NE(out.set_cookie.find("Expires=Thu, 01 Jan 1970"), std::string::npos);
  EXPECT_NE(out.set_cookie.find("Path=/ry/example"), std::string::npos);
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id).http_status, 401);
  // Namingo logs out twice (§10.2): the second gets 401.
  AuthDecision again = auth_->Logout(kAuthenticatorExample, "id=" + id, kInside4, true);
  EXPECT_EQ(again.http_status, 401);
  EXPECT_EQ(again.body, kSpecNotAuthenticated);
  EXPECT_EQ(auth_->Logout(kAuthenticatorExample, "", kInside4, true).http_status, 401);
}

TEST_F(AuthenticatorTest, LogoutWithAnotherEntitysCookieDoesNothing) {
  const std::string theirs = LoginCookie(kAuthenticatorOther, "other_ry", "other-pw");
  EXPECT_EQ(auth_->Logout(kAuthenticatorExample, "id=" + theirs, kInside4, true).http_status, 401);
  EXPECT_EQ(Data(kAuthenticatorOther, "id=" + theirs).http_status, 200);
}

// ------------------------------------------------------------------- sweep

TEST_F(AuthenticatorTest, SweepPurgesExpiredSessions) {
  LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  clock_.Advance(100);
  const std::string young = LoginCookie(kAuthenticatorOther, "other_ry", "other-pw");
  EXPECT_EQ(auth_->Sweep(kAuthenticatorT0 + 899), 0u);
  EXPECT_EQ(auth_->Sweep(kAuthenticatorT0 + 900), 1u);
  EXPECT_EQ(auth_->SessionCount(), 1u);
  clock_.Set(kAuthenticatorT0 + 900);
  EXPECT_EQ(Data(kAuthenticatorOther, "id=" + young).http_status, 200);
}

// ----------------------------------------------------------- configuration

TEST_F(AuthenticatorTest, PasswordChangeEndsSessions) {
  const std::string id = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  ASSERT_TRUE(auth_->SetPassword("example_ry", kAuthenticatorExample, "n3w").ok());
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id).http_status, 401);
  EXPECT_EQ(auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, true).http_status,
            401);
  EXPECT_EQ(auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "n3w"), kInside4, true).http_status,
            200);
}

TEST_F(AuthenticatorTest, SetPasswordValidates) {
  EXPECT_EQ(auth_->SetPassword("example_ry", kAuthenticatorOther, "pw").code(), StatusCode::kAlreadyExists);
  EXPECT_FALSE(auth_->SetPassword("bad:name", kAuthenticatorExample, "pw").ok());
  EXPECT_FALSE(auth_->SetPassword("x_ry", kAuthenticatorExample, "").ok());
  EXPECT_FALSE(auth_->SetPassword("x_ry", kAuthenticatorExample, "a\nb").ok());
  EXPECT_FALSE(auth_->SetPassword("x_ry", EntityId{EntityKind::kRegistry, "Bad"}, "pw").ok());
}

TEST_F(AuthenticatorTest, RemovedAccountLosesItsSession) {
  const std::string id = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  ASSERT_TRUE(auth_->RemoveAccount("example_ry").ok());
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + id).http_status, 401);
  EXPECT_EQ(auth_->RemoveAccount("example_ry").code(), StatusCode::kNotFound);
  EXPECT_EQ(auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, true).http_status,
            401);
}

TEST_F(AuthenticatorTest, SnapshotRestoresIntoAFreshAuthenticator) {
  const AuthSnapshot snap = auth_->Snapshot();
  ASSERT_EQ(snap.entities.size(), 3u);
  ASSERT_EQ(snap.accounts.size(), 3u);
  EXPECT_EQ(snap.accounts[0].username, "9999_rr");  // sorted
  for (const AccountRecord& a : snap.accounts) {
    EXPECT_EQ(a.password_hash.rfind("$argon2id$", 0), 0u);
  }
  FakeClock clock2(kAuthenticatorT0);
  Result<std::unique_ptr<Authenticator>> fresh = Authenticator::Create(clock2, FastLimits());
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE((*fresh)->Restore(snap).ok());
  AuthDecision d = (*fresh)->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, true);
  EXPECT_EQ(d.http_status, 200);
  // Sessions are not part of the snapshot: a restart logs everyone out.
  const std::string id = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  EXPECT_EQ((*fresh)->Authorize(kAuthenticatorExample, "id=" + id, "", kInside4, Role::kTldSlamData).http_status,
            401);
  const AuthSnapshot again = (*fresh)->Snapshot();
  EXPECT_EQ(again.accounts, snap.accounts);
  EXPECT_EQ(again.entities, snap.entities);
}

TEST_F(AuthenticatorTest, RestoreIsValidatedAndAllOrNothing) {
  const AuthSnapshot good = auth_->Snapshot();
  AuthSnapshot dup_account = good;
  dup_account.accounts.push_back(good.accounts[0]);
  EXPECT_EQ(auth_->Restore(dup_account).code(), StatusCode::kAlreadyExists);
  AuthSnapshot dup_entity = good;
  dup_entity.entities.push_back(good.entities[0]);
  EXPECT_EQ(auth_->Restore(dup_entity).code(), StatusCode::kAlreadyExists);
  AuthSnapshot plain = good;
  plain.accounts[0].password_hash = "s3cret";
  EXPECT_EQ(auth_->Restore(plain).code(), StatusCode::kInvalidArgument);
  AuthSnapshot bad_name = good;
  bad_name.accounts[0].username = "a b";
  EXPECT_FALSE(auth_->Restore(bad_name).ok());
  AuthSnapshot bad_entity = good;
  bad_entity.entities[0].entity.id = "-bad-";
  EXPECT_FALSE(auth_->Restore(bad_entity).ok());
  // Nothing was applied.
  EXPECT_EQ(auth_->Login(kAuthenticatorExample, BasicHeader("example_ry", "s3cret"), kInside4, true).http_status,
            200);
}

TEST_F(AuthenticatorTest, RestoreEndsSessionsOfChangedAccountsOnly) {
  const std::string ex = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  const std::string ot = LoginCookie(kAuthenticatorOther, "other_ry", "other-pw");
  AuthSnapshot snap = auth_->Snapshot();
  Result<std::string> h = HashPassword("changed", PwhashLimits::Min());
  ASSERT_TRUE(h.ok());
  for (AccountRecord& a : snap.accounts) {
    if (a.username == "example_ry") a.password_hash = *h;
  }
  ASSERT_TRUE(auth_->Restore(snap).ok());
  EXPECT_EQ(Data(kAuthenticatorExample, "id=" + ex).http_status, 401);
  EXPECT_EQ(Data(kAuthenticatorOther, "id=" + ot).http_status, 200);
}

// --------------------------------------------------- TLS certificate seam

TEST_F(AuthenticatorTest, CertificateGrantsDecideAlone) {
  const std::vector<CertificateGrant> grants = {
      {"rsp1.nic.example", RoleSet{Role::kTldSlamData}, AuthenticatorPrefixes({"203.0.113.0/24"})},
      {"rsp2.nic.example", RoleSet{Role::kTldDaarData}, AuthenticatorPrefixes({"2001:db8::/32"})}};
  AuthDecision ok = auth_->Authorize(kAuthenticatorExample, "", "", "203.0.113.7", Role::kTldSlamData, grants);
  EXPECT_EQ(ok.http_status, 200);
  ASSERT_TRUE(ok.principal.has_value());
  EXPECT_EQ(ok.principal->method, AuthMethod::kClientCertificate);
  EXPECT_EQ(ok.principal->name, "rsp1.nic.example");
  // Outside every grant's ACL (even if on the password allow-list): 403.
  EXPECT_EQ(auth_->Authorize(kAuthenticatorExample, "", "", kInside4, Role::kTldSlamData, grants).http_status,
            403);
  // ACL admits, but that grant lacks the role: 401 with the spec text.
  AuthDecision no_role =
      auth_->Authorize(kAuthenticatorExample, "", "", "203.0.113.7", Role::kTldDaarData, grants);
  EXPECT_EQ(no_role.http_status, 401);
  EXPECT_EQ(no_role.body, kSpecNotAuthenticated);
  EXPECT_EQ(auth_->Authorize(kAuthenticatorExample, "", "", kInside6, Role::kTldDaarData, grants).http_status,
            200);
}

TEST_F(AuthenticatorTest, CertificateAndCookieDoNotCrossOver) {
  const std::string id = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  const std::string other_id = LoginCookie(kAuthenticatorOther, "other_ry", "other-pw");
  const std::vector<CertificateGrant> slam = {
      {"rsp1.nic.example", RoleSet{Role::kTldSlamData}, AuthenticatorPrefixes({"192.0.2.0/24"})}};
  const std::vector<CertificateGrant> outside = {
      {"rsp1.nic.example", RoleSet{Role::kTldSlamData}, AuthenticatorPrefixes({"203.0.113.0/24"})}};
  const std::vector<CertificateGrant> none;
  struct Case {
    const char* what;
    std::string cookie;
    const std::vector<CertificateGrant>* grants;
    Role role;
    int status;
    AuthMethod method;
  };
  const Case cases[] = {
      {"certificate alone", "", &slam, Role::kTldSlamData, 200, AuthMethod::kClientCertificate},
      {"certificate wins over a cookie", "id=" + id, &slam, Role::kTldSlamData, 200,
       AuthMethod::kClientCertificate},
      {"no certificate match, valid cookie", "id=" + id, &none, Role::kTldSlamData, 200,
       AuthMethod::kSessionCookie},
      {"certificate lacks the role, cookie has it", "id=" + id, &slam, Role::kTldDaarData, 200,
       AuthMethod::kSessionCookie},
      {"certificate outside its ACL, valid cookie", "id=" + id, &outside, Role::kTldSlamData, 200,
       AuthMethod::kSessionCookie},
      {"certificate lacks the role, no cookie", "", &slam, Role::kTldDaarData, 401, {}},
      {"certificate outside its ACL, no cookie", "", &outside, Role::kTldSlamData, 403, {}},
      {"certificate outside its ACL, bad cookie", "id=bad", &outside, Role::kTldSlamData, 403, {}},
      {"valid certificate, bad cookie", "id=bad", &slam, Role::kTldSlamData, 200,
       AuthMethod::kClientCertificate},
      {"another TLD's cookie, no certificate",
       "id=" + other_id,
       &none,
       Role::kTldSlamData,
       401,
       {}},
      {"another TLD's cookie, certificate lacks the role",
       "id=" + other_id,
       &slam,
       Role::kTldDaarData,
       401,
       {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const AuthDecision d = auth_->Authorize(kAuthenticatorExample, c.cookie, "", kInside4, c.role, *c.grants);
    EXPECT_EQ(d.http_status, c.status);
    if (c.status == 200) {
      ASSERT_TRUE(d.principal.has_value());
      EXPECT_EQ(d.principal->method, c.method);
    }
  }
}

// ---------------------------------------------------------------- threads

TEST_F(AuthenticatorTest, ConcurrentRequestsOnOneSession) {
  const std::string id = LoginCookie(kAuthenticatorExample, "example_ry", "s3cret");
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (Data(kAuthenticatorExample, "id=" + id).http_status == 200) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 800);
}

TEST(AuthenticatorCreateTest, RejectsInvalidLimits) {
  FakeClock clock(kAuthenticatorT0);
  AuthLimits l;
  l.max_logins_per_source = 0;
  EXPECT_FALSE(Authenticator::Create(clock, l).ok());
  l = AuthLimits{};
  l.pwhash = PwhashLimits{0, 0};
  EXPECT_FALSE(Authenticator::Create(clock, l).ok());
}

}  // namespace
}  // namespace tldmon::auth

namespace tldmon::auth {
namespace {

// A session store that records how it was asked and wraps a real table.
class RecordingSessions final : public SessionStore {
 public:
  explicit RecordingSessions(std::vector<SessionLookup>* asked) : asked_(asked) {}
  Result<NewSession> Create(std::string_view username, const EntityId& entity,
                            UnixSeconds now) override {
    return table_.Create(username, entity, now);
  }
  std::optional<Session> FindSession(std::string_view id, const EntityId& entity, UnixSeconds now,
                                     SessionLookup how) override {
    asked_->push_back(how);
    return table_.FindSession(id, entity, now, how);
  }
  std::optional<Session> End(std::string_view id, const EntityId& entity,
                             UnixSeconds now) override {
    return table_.End(id, entity, now);
  }
  std::size_t EndAllOf(std::string_view username) override { return table_.EndAllOf(username); }
  std::size_t Sweep(UnixSeconds now) override { return table_.Sweep(now); }
  std::size_t size() const override { return table_.size(); }

 private:
  std::vector<SessionLookup>* asked_;
  SessionTable table_{900, 1};
};

// A flood of forged cookies from one source: past the limit its lookups
// stay in the cache (no database work on a shared store); another source,
// and the flooding source's next window, look everywhere again.
TEST(AuthenticatorUnknownCookies, ASourceOverItsLimitIsServedFromTheCacheOnly) {
  FakeClock clock{kAuthenticatorT0};
  AuthLimits limits;
  limits.pwhash = PwhashLimits::Min();
  limits.max_unknown_cookies_per_source = 5;
  std::vector<SessionLookup> asked;
  AuthStateStores stores;
  stores.sessions = std::make_unique<RecordingSessions>(&asked);
  auto auth = Authenticator::Create(clock, limits, std::move(stores));
  ASSERT_TRUE(auth.ok()) << auth.status().ToString();
  const auto both = AuthenticatorPrefixes({"192.0.2.0/24"});
  ASSERT_TRUE((*auth)->SetEntityAccess({kAuthenticatorExample, both, DefaultRoles(EntityKind::kRegistry)}).ok());
  auto forged = [](int i) {
    std::string id = std::to_string(1000000 + i);
    return "id=" + std::string(40 - id.size(), 'A') + id;
  };
  // Whether one request's lookups went past the cache.
  auto asked_anywhere = [&](const std::string& cookie, std::string_view source) {
    asked.clear();
    EXPECT_EQ((*auth)->Authorize(kAuthenticatorExample, cookie, "", source, Role::kTldSlamData).http_status,
              401);
    EXPECT_FALSE(asked.empty());
    return std::find(asked.begin(), asked.end(), SessionLookup::kAnywhere) != asked.end();
  };
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(asked_anywhere(forged(i), "192.0.2.1")) << i;
  for (int i = 5; i < 8; ++i) EXPECT_FALSE(asked_anywhere(forged(i), "192.0.2.1")) << i;
  EXPECT_TRUE(asked_anywhere(forged(9), "192.0.2.2"));
  clock.Advance(limits.login_window);
  EXPECT_TRUE(asked_anywhere(forged(10), "192.0.2.1"));
}

}  // namespace
}  // namespace tldmon::auth
