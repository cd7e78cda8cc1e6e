// MosapiAccessControl with a real Authenticator and hand-built requests: the
// role mapping (mosapi-api.md §4.5), the login/logout answers (§4.2, §4.3)
// and the certificate seam. The loopback tests (mosapi_http_auth_test.cc)
// cover the same decisions over HTTP.
#include "mosapi/mosapi_access_control.h"

#include <gtest/gtest.h>

#include <deque>

#include "mosapi/router.h"
#include "testutil/test_base64.h"

namespace tldmon::mosapi {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

constexpr UnixSeconds kT0 = 1767225600;
const EntityId kMosapiAccessControlExample{EntityKind::kRegistry, "example"};

class MosapiAccessControlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auth::AuthLimits limits;
    limits.pwhash = auth::PwhashLimits::Min();
    auto a = auth::Authenticator::Create(clock_, limits);
    ASSERT_TRUE(a.ok());
    auth_ = std::move(a).value();
    const auto allow = auth::ParseAllowList({"192.0.2.0/24", "2001:db8::/32"});
    ASSERT_TRUE(allow.ok());
    ASSERT_TRUE(auth_->SetEntityAccess({kMosapiAccessControlExample, *allow, auth::DefaultRoles(kMosapiAccessControlExample.kind)}).ok());
    ASSERT_TRUE(auth_->SetPassword("example_ry", kMosapiAccessControlExample, "s3cret").ok());
    access_ = std::make_unique<MosapiAccessControl>(
        *auth_, clock_, [this](const EntityId&, const PeerCertificate& c) {
          std::vector<auth::CertificateGrant> grants;
          if (c.der == "trusted") grants.push_back({"rsp1.nic.example", granted_roles_, allow_});
          return grants;
        });
    const auto acl = auth::ParseAllowList({"192.0.2.0/24"});
    ASSERT_TRUE(acl.ok());
    allow_ = *acl;
  }

  // A request for `path` from `source`; the strings it views live as long
  // as the fixture (so do the Routes matched on them).
  Request Make(std::string_view path, std::string_view source = "192.0.2.7") {
    const std::string& p = strings_.emplace_back(path);
    const std::string& s = strings_.emplace_back(source);
    Request r;
    r.path = p;
    r.target = p;
    r.peer.text = s;
    return r;
  }
  Route RouteOf(std::string_view path) {
    const RouteMatch m = MatchRoute(path, scratch_);
    EXPECT_TRUE(m.ok()) << path;
    return m.route;
  }
  std::string LoginCookie() {
    Request r = Make("/ry/example/login");
    const std::string basic = testutil::BasicHeader("example_ry", "s3cret");
    r.authorization = basic;
    Response response;
    access_->Login(r, RouteOf(r.path), response);
    EXPECT_EQ(response.status(), 200);
    const std::string_view h = response.extra_headers();
    const std::size_t at = h.find("Set-Cookie: id=");
    return at == std::string_view::npos ? "" : std::string(h.substr(at + 12, 43));  // "id=<40>"
  }

  FakeClock clock_{kT0};
  std::unique_ptr<auth::Authenticator> auth_;
  std::unique_ptr<MosapiAccessControl> access_;
  auth::RoleSet granted_roles_{auth::Role::kTldSlamData};
  std::vector<auth::IpPrefix> allow_;
  std::deque<std::string> strings_;
  std::string scratch_;
};

TEST_F(MosapiAccessControlTest, RequiredRolesMapToTheNspRoles) {
  EXPECT_EQ(MosapiAccessControl::RoleFor(RequiredRole::kSlamData), auth::Role::kTldSlamData);
  EXPECT_EQ(MosapiAccessControl::RoleFor(RequiredRole::kDaarData), auth::Role::kTldDaarData);
  EXPECT_EQ(MosapiAccessControl::RoleFor(RequiredRole::kRdapBaseUrlList),
            auth::Role::kRegistrarsBaseRdapUrlList);
  EXPECT_EQ(MosapiAccessControl::RoleFor(RequiredRole::kMaintenanceWindow),
            auth::Role::kTldMaintenanceWindow);
  EXPECT_EQ(MosapiAccessControl::RoleFor(RequiredRole::kProbeNodeList),
            auth::Role::kSlamProbeNodeList);
  EXPECT_FALSE(MosapiAccessControl::RoleFor(RequiredRole::kNone));
  EXPECT_FALSE(MosapiAccessControl::RoleFor(RequiredRole::kSession));
  // Every entity route needs a mapped role.
  for (const RouteInfo& info : AllRouteInfos()) {
    if (info.kind >= RouteKind::kMonitoringState) {
      EXPECT_TRUE(MosapiAccessControl::RoleFor(info.role)) << info.name;
    }
  }
}

TEST_F(MosapiAccessControlTest, LoginAnswersWithTheCookieInItsOwnHeader) {
  Request r = Make("/ry/example/login");
  const std::string basic = testutil::BasicHeader("example_ry", "s3cret");
  r.authorization = basic;
  r.tls = true;
  Response response;
  access_->Login(r, RouteOf(r.path), response);
  EXPECT_EQ(response.status(), 200);
  EXPECT_EQ(response.body(), "Login successful");
  EXPECT_EQ(response.content_type().substr(0, 10), "text/plain");
  // One Set-Cookie field, with Secure over TLS (§4.2).
  const std::string headers(response.extra_headers());
  EXPECT_EQ(headers.find("Set-Cookie: id="), 0u) << headers;
  EXPECT_EQ(headers.find("Set-Cookie", 1), std::string::npos) << headers;
  EXPECT_NE(headers.find("; Secure"), std::string::npos) << headers;
}

TEST_F(MosapiAccessControlTest, CookieDecidesDataAccess) {
  const std::string cookie = LoginCookie();
  ASSERT_EQ(cookie.size(), 43u);
  Request r = Make("/ry/example/v2/monitoring/state");
  const Route route = RouteOf(r.path);
  EXPECT_EQ(access_->Authorize(r, route).outcome, AccessDecision::Outcome::kUnauthenticated);
  r.cookie = cookie;
  EXPECT_EQ(access_->Authorize(r, route).outcome, AccessDecision::Outcome::kAllow);
  // Same cookie, IPv6 source inside the allow-list, then one outside it.
  Request v6 = Make("/ry/example/v2/monitoring/state", "2001:db8::5");
  v6.cookie = cookie;
  EXPECT_EQ(access_->Authorize(v6, route).outcome, AccessDecision::Outcome::kAllow);
  Request outside = Make("/ry/example/v2/monitoring/state", "198.51.100.1");
  outside.cookie = cookie;
  EXPECT_EQ(access_->Authorize(outside, route).outcome, AccessDecision::Outcome::kForbidden);
}

TEST_F(MosapiAccessControlTest, LoginRateLimitAnswers429WithRetryAfter) {
  Request r = Make("/ry/example/login");
  const std::string wrong = testutil::BasicHeader("example_ry", "nope");
  r.authorization = wrong;
  Response response;
  for (int i = 0; i < 20 && response.status() != 429; ++i) {
    response.Reset();
    access_->Login(r, RouteOf(r.path), response);
  }
  ASSERT_EQ(response.status(), 429);
  EXPECT_NE(std::string(response.extra_headers()).find("Retry-After: "), std::string::npos);
}

TEST_F(MosapiAccessControlTest, LogoutWithoutSessionIs401) {
  Request r = Make("/ry/example/logout");
  Response response;
  access_->Logout(r, RouteOf(r.path), response);
  EXPECT_EQ(response.status(), 401);
}

TEST_F(MosapiAccessControlTest, CertificateGrantsDecideWhenPresent) {
  Request r = Make("/ry/example/v2/monitoring/state");
  const Route state = RouteOf(r.path);
  PeerCertificate untrusted;
  untrusted.der = "other";
  r.peer_certificate = &untrusted;
  EXPECT_EQ(access_->Authorize(r, state).outcome, AccessDecision::Outcome::kUnauthenticated);
  PeerCertificate trusted;
  trusted.der = "trusted";
  r.peer_certificate = &trusted;
  EXPECT_EQ(access_->Authorize(r, state).outcome, AccessDecision::Outcome::kAllow);
  // The grant lacks the DAAR role: 401 for METRICA (§4.3 project default).
  Request metrica = Make("/ry/example/v2/metrica/domainList/latest");
  metrica.peer_certificate = &trusted;
  EXPECT_EQ(access_->Authorize(metrica, RouteOf(metrica.path)).outcome,
            AccessDecision::Outcome::kUnauthenticated);
  // The grant's ACL, not the entity's allow-list, admits the source.
  Request v6 = Make("/ry/example/v2/monitoring/state", "2001:db8::5");
  v6.peer_certificate = &trusted;
  EXPECT_EQ(access_->Authorize(v6, state).outcome, AccessDecision::Outcome::kForbidden);
}

TEST_F(MosapiAccessControlTest, FourRequestsInFlightPerCertificateThen429) {
  Request r = Make("/ry/example/v2/monitoring/state");
  const Route state = RouteOf(r.path);
  PeerCertificate trusted;
  trusted.der = "trusted";
  trusted.spki_sha256[0] = 1;
  r.peer_certificate = &trusted;
  std::vector<AccessDecision> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(access_->Authorize(r, state));
    ASSERT_EQ(held.back().outcome, AccessDecision::Outcome::kAllow);
    ASSERT_NE(held.back().hold, nullptr);
  }
  const AccessDecision fifth = access_->Authorize(r, state);
  EXPECT_EQ(fifth.outcome, AccessDecision::Outcome::kRateLimited);
  EXPECT_EQ(fifth.retry_after_seconds, 1);
  // Another key is counted apart; a cookie request holds no slot.
  PeerCertificate second = trusted;
  second.spki_sha256[0] = 2;
  r.peer_certificate = &second;
  EXPECT_EQ(access_->Authorize(r, state).outcome, AccessDecision::Outcome::kAllow);
  Request cookie = Make("/ry/example/v2/monitoring/state");
  const std::string jar = LoginCookie();
  cookie.cookie = jar;
  const AccessDecision by_cookie = access_->Authorize(cookie, state);
  EXPECT_EQ(by_cookie.outcome, AccessDecision::Outcome::kAllow);
  EXPECT_EQ(by_cookie.hold, nullptr);
  // A response written (the hold released) frees a slot.
  held.pop_back();
  r.peer_certificate = &trusted;
  EXPECT_EQ(access_->Authorize(r, state).outcome, AccessDecision::Outcome::kAllow);
}

TEST_F(MosapiAccessControlTest, SweepPurgesExpiredSessions) {
  ASSERT_FALSE(LoginCookie().empty());
  EXPECT_EQ(auth_->SessionCount(), 1u);
  EXPECT_EQ(access_->Sweep(), 0u);
  clock_.Advance(auth_->limits().session_lifetime);
  EXPECT_EQ(access_->Sweep(), 1u);
  EXPECT_EQ(auth_->SessionCount(), 0u);
}

}  // namespace
}  // namespace tldmon::mosapi

namespace tldmon::mosapi {
namespace {

// accept_basic_on_data (docs/auth.md "Options", off by default): the
// Authorization header reaches the Authenticator, which then admits Basic
// credentials on data endpoints.
TEST(MosapiAccessControlBasicTest, AuthorizationIsPassedThroughForTheLenientMode) {
  FakeClock clock(kT0);
  for (bool lenient : {false, true}) {
    auth::AuthLimits limits;
    limits.pwhash = auth::PwhashLimits::Min();
    limits.accept_basic_on_data = lenient;
    auto a = auth::Authenticator::Create(clock, limits);
    ASSERT_TRUE(a.ok());
    const auto allow = auth::ParseAllowList({"192.0.2.0/24"});
    ASSERT_TRUE(allow.ok());
    ASSERT_TRUE((*a)->SetEntityAccess({kMosapiAccessControlExample, *allow, auth::DefaultRoles(kMosapiAccessControlExample.kind)}).ok());
    ASSERT_TRUE((*a)->SetPassword("example_ry", kMosapiAccessControlExample, "s3cret").ok());
    MosapiAccessControl access(**a, clock);
    const std::string path = "/ry/example/v2/monitoring/state";
    const std::string basic = testutil::BasicHeader("example_ry", "s3cret");
    Request r;
    r.path = path;
    r.peer.text = "192.0.2.1";
    r.authorization = basic;
    std::string scratch;
    const RouteMatch m = MatchRoute(path, scratch);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(
        access.Authorize(r, m.route).outcome,
        lenient ? AccessDecision::Outcome::kAllow : AccessDecision::Outcome::kUnauthenticated);
  }
}

}  // namespace
}  // namespace tldmon::mosapi
