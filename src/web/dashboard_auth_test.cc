#include "web/dashboard_auth.h"

#include <gtest/gtest.h>

#include "auth/password_hash.h"

namespace tldmon::web {
namespace {

using auth::AuthLimits;
using auth::PwhashLimits;

constexpr UnixSeconds kT0 = 1'767'225'600;
const EntityId kExample{EntityKind::kRegistry, "example"};
const EntityId kOther{EntityKind::kRegistry, "other"};

std::string CookieValue(const std::string& set_cookie) {
  const std::size_t eq = set_cookie.find('='), semi = set_cookie.find(';');
  return set_cookie.substr(eq + 1, semi - eq - 1);
}

class DashboardAuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AuthLimits limits;
    limits.pwhash = PwhashLimits::Min();  // tests only
    limits.lockout_after_failures = 3;
    auto a = auth::Authenticator::Create(clock_, limits);
    ASSERT_TRUE(a.ok());
    authenticator_ = std::move(a).value();
    const auto allow = auth::ParseAllowList({"192.0.2.0/24"});
    ASSERT_TRUE(allow.ok());
    for (const EntityId& e : {kExample, kOther})
      ASSERT_TRUE(authenticator_->SetEntityAccess({e, *allow, auth::RoleSet{}}).ok());
    ASSERT_TRUE(authenticator_->SetPassword("example_ry", kExample, "entity-pw").ok());
    DashboardAuthOptions options;
    options.operator_allow = *auth::ParseAllowList({"127.0.0.0/8"});
    options.session_lifetime = 3600;
    options.max_sessions_per_account = 2;
    dashboard_ = std::make_unique<DashboardAuth>(*authenticator_, clock_, options);
    auto hash = auth::HashPassword("operator-pw", PwhashLimits::Min());
    ASSERT_TRUE(hash.ok());
    operator_hash_ = *hash;
    dashboard_->SetOperators({{"ops", operator_hash_, {}}, {"narrow", operator_hash_, {kOther}}});
  }

  std::string Cookie(const DashboardLogin& login) {
    return std::string(kDashboardCookie) + "=" + CookieValue(login.set_cookie);
  }

  FakeClock clock_{kT0};
  std::unique_ptr<auth::Authenticator> authenticator_;
  std::unique_ptr<DashboardAuth> dashboard_;
  std::string operator_hash_;
};

TEST_F(DashboardAuthTest, AnEntityAccountSeesItsEntityFromItsAllowListOnly) {
  DashboardLogin refused = dashboard_->Login("example_ry", "entity-pw", "198.51.100.7", false);
  EXPECT_EQ(refused.status, 403);
  EXPECT_FALSE(refused.session);
  DashboardLogin login = dashboard_->Login("example_ry", "entity-pw", "192.0.2.9", true);
  ASSERT_EQ(login.status, 200) << login.message;
  EXPECT_NE(login.set_cookie.find("; Path=/ui/; Max-Age=3600; HttpOnly; SameSite=Strict; Secure"),
            std::string::npos)
      << login.set_cookie;
  ASSERT_TRUE(login.session);
  EXPECT_FALSE(login.session->principal.is_operator());
  EXPECT_TRUE(login.session->principal.Sees(kExample));
  EXPECT_FALSE(login.session->principal.Sees(kOther));
  const std::string cookie = Cookie(login);
  EXPECT_TRUE(dashboard_->Find(cookie, "192.0.2.9"));
  EXPECT_FALSE(dashboard_->Find(cookie, "198.51.100.7"));  // the allow-list, on every request
  EXPECT_FALSE(dashboard_->Find("tldmon_ui=" + std::string(40, 'A'), "192.0.2.9"));
}

TEST_F(DashboardAuthTest, OperatorsSeeEverythingOrTheirSetAndOnlyFromOperatorAllow) {
  EXPECT_EQ(dashboard_->Login("ops", "operator-pw", "192.0.2.9", false).status, 403);
  DashboardLogin ops = dashboard_->Login("ops", "operator-pw", "127.0.0.1", false);
  ASSERT_EQ(ops.status, 200);
  EXPECT_EQ(ops.set_cookie.find("Secure"), std::string::npos);  // plain HTTP
  EXPECT_TRUE(ops.session->principal.is_operator());
  EXPECT_TRUE(ops.session->principal.Sees(kExample));
  DashboardLogin narrow = dashboard_->Login("narrow", "operator-pw", "127.0.0.1", false);
  ASSERT_EQ(narrow.status, 200);
  EXPECT_FALSE(narrow.session->principal.Sees(kExample));
  EXPECT_TRUE(narrow.session->principal.Sees(kOther));
  EXPECT_EQ(dashboard_->Login("ops", "wrong", "127.0.0.1", false).status, 401);
  EXPECT_EQ(dashboard_->Login("nobody", "operator-pw", "127.0.0.1", false).status, 401);
  EXPECT_EQ(dashboard_->Login("bad name:", "operator-pw", "127.0.0.1", false).status, 401);
}

TEST_F(DashboardAuthTest, NoGuessingFromOutsideTheAllowLists) {
  // From outside an entity's allow-list (or operator_allow), even the right
  // password is refused, and wrong ones count nothing: no lockout from there.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(dashboard_->Login("example_ry", "wrong", "198.51.100.7", false).status, 403);
    EXPECT_EQ(dashboard_->Login("ops", "wrong", "192.0.2.9", false).status, 403);
  }
  EXPECT_EQ(dashboard_->Login("example_ry", "entity-pw", "192.0.2.9", false).status, 200);
  EXPECT_EQ(dashboard_->Login("ops", "operator-pw", "127.0.0.1", false).status, 200);
}

TEST_F(DashboardAuthTest, WrongPasswordsLockTheAccountForMosapiToo) {
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(dashboard_->Login("example_ry", "wrong", "192.0.2.9", false).status, 401);
  EXPECT_EQ(dashboard_->Login("example_ry", "entity-pw", "192.0.2.9", false).status, 429);
  // The same lockout refuses the MoSAPI login of the account.
  const auth::AuthDecision mosapi =
      authenticator_->Login(kExample, "Basic ZXhhbXBsZV9yeTplbnRpdHktcHc=", "192.0.2.9", false);
  EXPECT_EQ(mosapi.http_status, 429);
}

TEST_F(DashboardAuthTest, CsrfTokensBelongToTheirSession) {
  DashboardLogin a = dashboard_->Login("ops", "operator-pw", "127.0.0.1", false);
  DashboardLogin b = dashboard_->Login("ops", "operator-pw", "127.0.0.1", false);
  ASSERT_TRUE(a.session && b.session);
  EXPECT_EQ(a.session->csrf.size(), 32u);
  EXPECT_NE(a.session->csrf, b.session->csrf);
  EXPECT_TRUE(dashboard_->CsrfMatches(*a.session, a.session->csrf));
  EXPECT_FALSE(dashboard_->CsrfMatches(*a.session, b.session->csrf));
  EXPECT_FALSE(dashboard_->CsrfMatches(*a.session, ""));
  auto found = dashboard_->Find(Cookie(a), "127.0.0.1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->csrf, a.session->csrf);
}

TEST_F(DashboardAuthTest, SessionsEndOnLogoutExpiryLimitAndOperatorChange) {
  DashboardLogin first = dashboard_->Login("ops", "operator-pw", "127.0.0.1", false);
  clock_.Advance(1);
  DashboardLogin second = dashboard_->Login("ops", "operator-pw", "127.0.0.1", false);
  clock_.Advance(1);
  DashboardLogin third = dashboard_->Login("ops", "operator-pw", "127.0.0.1", false);
  EXPECT_FALSE(dashboard_->Find(Cookie(first), "127.0.0.1"));  // max 2 per account
  EXPECT_TRUE(dashboard_->Find(Cookie(second), "127.0.0.1"));
  EXPECT_TRUE(dashboard_->Logout(Cookie(second)));
  EXPECT_FALSE(dashboard_->Logout(Cookie(second)));
  EXPECT_FALSE(dashboard_->Find(Cookie(second), "127.0.0.1"));
  EXPECT_TRUE(dashboard_->Find(Cookie(third), "127.0.0.1"));
  // Narrowing the operator ends its sessions; an unchanged one keeps them.
  DashboardLogin narrow = dashboard_->Login("narrow", "operator-pw", "127.0.0.1", false);
  dashboard_->SetOperators({{"ops", operator_hash_, {kExample}}, {"narrow", operator_hash_, {kOther}}});
  EXPECT_FALSE(dashboard_->Find(Cookie(third), "127.0.0.1"));
  EXPECT_TRUE(dashboard_->Find(Cookie(narrow), "127.0.0.1"));
  clock_.Advance(3600);
  EXPECT_FALSE(dashboard_->Find(Cookie(narrow), "127.0.0.1"));
  EXPECT_EQ(dashboard_->Sweep(), 1u);
  EXPECT_EQ(dashboard_->size(), 0u);
}

}  // namespace
}  // namespace tldmon::web
