// MoSAPI access control over real loopback HTTP (mosapi-api.md §4, §6.1,
// §10.2, §10.7): login, cookies, logout, and every refusal — no cookie, an
// expired cookie, another entity's cookie, a wrong password, a source
// outside the allow-list (IPv4 and IPv6), a missing role, Basic credentials
// on a data endpoint, the login rate limit. Expected texts are typed from
// §4.3, not taken from the implementation.
#include <gtest/gtest.h>

#include <regex>

#include "testutil/mosapi_test_fixture.h"

namespace tldmon::mosapi::testing {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

constexpr std::string_view kNotAuthenticated =
    "The client could not be authenticated using any of the available methods: "
    "TLS-Client-Authentication or Session Cookie.";
constexpr std::string_view kInvalidCredentials = "Invalid User and/or Password";
constexpr std::string_view kState = "/ry/example/v2/monitoring/state";

using MosapiAuthTest = MosapiHttpTest;

TEST_F(MosapiAuthTest, LoginSetsTheIdCookieInItsOwnHeaderAndDataNeedsIt) {
  const Reply login = Call(port_, "GET", "/ry/example/login",
                           {{"Authorization", testutil::BasicHeader("example_ry", "s3cret")}});
  EXPECT_EQ(login.status, 200);
  EXPECT_EQ(login.body, "Login successful");
  EXPECT_EQ(login.Header("Content-Type").rfind("text/plain", 0), 0u);
  const std::vector<std::string> cookies = login.Headers("Set-Cookie");
  ASSERT_EQ(cookies.size(), 1u);
  // §4.2 project default: 160 bits as 40 upper-case hex digits, scoped to
  // the entity, HttpOnly, lifetime 15 minutes.
  const std::string id = CookieId(cookies[0]);
  ASSERT_EQ(id.size(), 40u) << cookies[0];
  EXPECT_NE(cookies[0].find("Path=/ry/example"), std::string::npos) << cookies[0];
  EXPECT_NE(cookies[0].find("HttpOnly"), std::string::npos) << cookies[0];
  EXPECT_NE(cookies[0].find("Max-Age=900"), std::string::npos) << cookies[0];

  const Reply data = GetAs(id, kState);
  EXPECT_EQ(data.status, 200);
  EXPECT_EQ(data.Json().at("tld"), "example");

  const Reply none = Get(kState);
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.body, kNotAuthenticated);
  EXPECT_EQ(none.Header("Content-Type").rfind("text/plain", 0), 0u);
}

TEST_F(MosapiAuthTest, PostLoginWorksLikeGet) {
  const Reply login = Call(port_, "POST", "/rr/9999/login",
                           {{"Authorization", testutil::BasicHeader("9999_rr", "rr-pw")}});
  EXPECT_EQ(login.status, 200);
  ASSERT_EQ(login.Headers("Set-Cookie").size(), 1u);
  const std::string id = CookieId(login.Headers("Set-Cookie")[0]);
  EXPECT_EQ(GetAs(id, "/rr/9999/v2/monitoring/state").status, 200);
}

TEST_F(MosapiAuthTest, WrongPasswordAndUnknownUserAre401) {
  for (const auto& [user, password] : std::vector<std::pair<std::string, std::string>>{
           {"example_ry", "wrong"}, {"nobody", "s3cret"}, {"other_ry", "other-pw"}}) {
    const Reply r = Call(port_, "GET", "/ry/example/login",
                         {{"Authorization", testutil::BasicHeader(user, password)}});
    EXPECT_EQ(r.status, 401) << user;
    EXPECT_EQ(r.body, kInvalidCredentials) << user;
    for (const std::string& c : r.Headers("Set-Cookie")) EXPECT_EQ(CookieId(c), "") << c;
  }
  const Reply no_credentials = Get("/ry/example/login");
  EXPECT_EQ(no_credentials.status, 401);
  EXPECT_EQ(no_credentials.body, kInvalidCredentials);
}

TEST_F(MosapiAuthTest, ExpiredCookieIs401) {
  const std::string id = LoginExample();
  ASSERT_FALSE(id.empty());
  clock_.Advance(15 * 60 - 1);
  EXPECT_EQ(GetAs(id, kState).status, 200);
  clock_.Advance(1);  // 15 minutes after login (§4.2: absolute lifetime)
  const Reply r = GetAs(id, kState);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.body, kNotAuthenticated);
  // The periodic sweep purges it as well.
  service_->Sweep();
  EXPECT_EQ(auth_->SessionCount(), 0u);
}

TEST_F(MosapiAuthTest, CookieOfAnotherEntityIs401) {
  const std::string other = LoginOther();
  ASSERT_FALSE(other.empty());
  EXPECT_EQ(GetAs(other, "/ry/other/v2/monitoring/state").status, 200);
  const Reply r = GetAs(other, kState);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.body, kNotAuthenticated);
  EXPECT_EQ(GetAs(other, "/rr/9999/v2/monitoring/state").status, 401);
}

TEST_F(MosapiAuthTest, NewLoginEvictsTheOldSession) {
  // §4.2: one cookie session per account; a new login ends the oldest.
  const std::string first = LoginExample();
  const std::string second = LoginExample();
  ASSERT_FALSE(first.empty());
  ASSERT_NE(first, second);
  EXPECT_EQ(GetAs(first, kState).status, 401);
  EXPECT_EQ(GetAs(second, kState).status, 200);
}

TEST_F(MosapiAuthTest, SourceOutsideTheAllowListIs403) {
  // ry/blocked admits only 192.0.2.0/24; the test connects from 127.0.0.1.
  const Reply login =
      Call(port_, "GET", "/ry/blocked/login",
           {{"Authorization", testutil::BasicHeader("blocked_ry", "blocked-pw")}});
  EXPECT_EQ(login.status, 403);
  EXPECT_EQ(login.body, "Access from this IP address is not allowed");
  EXPECT_TRUE(login.Headers("Set-Cookie").empty());
  const Reply data = Get("/ry/blocked/v2/monitoring/state");
  EXPECT_EQ(data.status, 403);
  EXPECT_EQ(data.body, "Access from this IP address is not allowed");
}

TEST_F(MosapiAuthTest, Ipv6SourceIsCheckedAgainstTheAllowList) {
  ServerConfig config;
  config.endpoints.push_back({"::1", 0, false});
  config.threads = 1;
  auto server = HttpServer::Start(config, service_->handler(), clock_);
  if (!server.ok()) GTEST_SKIP() << "no IPv6 loopback: " << server.status().ToString();
  const std::uint16_t port = (*server)->endpoints().at(0).port;
  const HeaderList example = {
      {"Authorization", testutil::BasicHeader("example_ry", "s3cret")}};
  // ::1/128 is in ry/example's list; only 192.0.2.0/24 in ry/blocked's.
  EXPECT_EQ(Call(port, "GET", "/ry/example/login", example, "", "::1").status, 200);
  const HeaderList blocked = {
      {"Authorization", testutil::BasicHeader("blocked_ry", "blocked-pw")}};
  EXPECT_EQ(Call(port, "GET", "/ry/blocked/login", blocked, "", "::1").status, 403);
  // Narrow ry/example to IPv4 loopback: the IPv6 client is now refused.
  const auto v4 = auth::ParseAllowList({"127.0.0.0/8"});
  ASSERT_TRUE(v4.ok());
  ASSERT_TRUE(auth_->SetEntityAccess({kExample, *v4, auth::DefaultRoles(kExample.kind)}).ok());
  EXPECT_EQ(Call(port, "GET", "/ry/example/login", example, "", "::1").status, 403);
}

TEST_F(MosapiAuthTest, MissingRoleIs401) {
  const std::string id = LoginExample();
  EXPECT_EQ(GetAs(id, "/ry/example/v2/metrica/domainList/latest").status, 200);
  // Take "MoSAPI - TLD DAAR Data" away from ry/example (§4.5): METRICA is
  // refused with the not-authenticated 401 (§4.3 project default), SLAM
  // data still served.
  const auto loopback = auth::ParseAllowList({"127.0.0.0/8"});
  ASSERT_TRUE(loopback.ok());
  auth::RoleSet roles = auth::DefaultRoles(EntityKind::kRegistry);
  roles.Remove(auth::Role::kTldDaarData);
  ASSERT_TRUE(auth_->SetEntityAccess({kExample, *loopback, roles}).ok());
  const Reply metrica = GetAs(id, "/ry/example/v2/metrica/domainList/latest");
  EXPECT_EQ(metrica.status, 401);
  EXPECT_EQ(metrica.body, kNotAuthenticated);
  EXPECT_EQ(GetAs(id, kState).status, 200);
  // A registrar's default roles (§4.5) have no probe node list.
  const std::string rr = LoginRegistrar();
  EXPECT_EQ(GetAs(rr, "/rr/9999/v2/probeNodes").status, 401);
  EXPECT_EQ(GetAs(rr, "/rr/9999/v2/metrica/domainList/latest").status, 200);
}

TEST_F(MosapiAuthTest, LogoutDeletesTheCookieAndASecondLogoutIs401) {
  const std::string id = LoginExample();
  const Reply out = Call(port_, "GET", "/ry/example/logout", {{"Cookie", "id=" + id}});
  EXPECT_EQ(out.status, 200);
  EXPECT_FALSE(out.body.empty());
  const std::vector<std::string> cookies = out.Headers("Set-Cookie");
  ASSERT_EQ(cookies.size(), 1u);
  EXPECT_EQ(cookies[0].rfind("id=", 0), 0u);
  EXPECT_NE(cookies[0].find("Max-Age=0"), std::string::npos) << cookies[0];
  EXPECT_EQ(GetAs(id, kState).status, 401);
  // §10.7: survive a double logout; the second one is 401.
  const Reply again = Call(port_, "GET", "/ry/example/logout", {{"Cookie", "id=" + id}});
  EXPECT_EQ(again.status, 401);
  EXPECT_EQ(again.body, kNotAuthenticated);
}

TEST_F(MosapiAuthTest, BasicCredentialsOnADataEndpointAre401) {
  // §4.2 step 3 and §10.2: production refuses Basic on data endpoints.
  const Reply r =
      Get(kState, {{"Authorization", testutil::BasicHeader("example_ry", "s3cret")}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.body, kNotAuthenticated);
}

TEST_F(MosapiAuthTest, RepeatedFailedLoginsGet429WithRetryAfter) {
  const HeaderList wrong = {{"Authorization", testutil::BasicHeader("example_ry", "nope")}};
  int status = 0;
  Reply last;
  for (int i = 0; i < 40 && status != 429; ++i) {
    last = Call(port_, "GET", "/ry/example/login", wrong);
    status = last.status;
    ASSERT_TRUE(status == 401 || status == 429) << status;
  }
  ASSERT_EQ(status, 429);
  EXPECT_FALSE(last.body.empty());
  const std::string after = last.Header("Retry-After");
  ASSERT_FALSE(after.empty());
  EXPECT_GT(std::stoi(after), 0);
  // The right password is refused while the account is limited.
  EXPECT_EQ(Call(port_, "GET", "/ry/example/login",
                 {{"Authorization", testutil::BasicHeader("example_ry", "s3cret")}})
                .status,
            429);
}

TEST_F(MosapiAuthTest, UnknownEntityAndVersionAre404OrRefused) {
  const std::string id = LoginExample();
  // Version and grammar are checked before access (docs/api-server.md).
  EXPECT_EQ(GetAs(id, "/ry/example/v3/monitoring/state").status, 404);
  EXPECT_EQ(GetAs(id, "/ry/example/v2/login").status, 404);
  // An entity nobody configured admits nobody: 403 before any data.
  EXPECT_EQ(GetAs(id, "/ry/nowhere/v2/monitoring/state").status, 403);
}

}  // namespace
}  // namespace tldmon::mosapi::testing
