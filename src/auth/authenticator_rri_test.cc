// Authenticator::AuthorizeEachRequest: the RRI's Basic-on-every-request and
// certificate decision (rri.md §1, §8.1).
#include <gtest/gtest.h>

#include "auth/authenticator.h"
#include "core/clock.h"
#include "testutil/test_base64.h"

namespace tldmon::auth {
namespace {

using testutil::BasicHeader;

constexpr UnixSeconds kT0 = 1'767'225'600;  // 2026-01-01T00:00:00Z
const EntityId kAuthenticatorRriExample{EntityKind::kRegistry, "example"};
const EntityId kAuthenticatorRriOther{EntityKind::kRegistry, "other"};
constexpr std::string_view kInside = "192.0.2.10";
constexpr std::string_view kOutside = "198.51.100.1";
constexpr Role kMonthly = Role::kRriTldMonthlyReporting;
constexpr Role kEscrow = Role::kRriTldDataEscrowDailyReporting;

std::vector<IpPrefix> AuthenticatorRriPrefixes(const std::vector<std::string>& texts) {
  Result<std::vector<IpPrefix>> p = ParseAllowList(texts);
  EXPECT_TRUE(p.ok());
  return p.ok() ? *p : std::vector<IpPrefix>{};
}

class RriAuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AuthLimits limits;
    limits.pwhash = PwhashLimits::Min();
    limits.lockout_after_failures = 3;
    Result<std::unique_ptr<Authenticator>> a = Authenticator::Create(clock_, limits);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auth_ = std::move(a).value();
    RoleSet roles = DefaultRoles(EntityKind::kRegistry);
    roles.Add(kMonthly);  // the escrow role is left out on purpose
    ASSERT_TRUE(auth_->SetEntityAccess({kAuthenticatorRriExample, AuthenticatorRriPrefixes({"192.0.2.0/24"}), roles}).ok());
    ASSERT_TRUE(auth_->SetEntityAccess({kAuthenticatorRriOther, AuthenticatorRriPrefixes({"192.0.2.0/24"}), roles}).ok());
    ASSERT_TRUE(auth_->SetPassword("example_ry", kAuthenticatorRriExample, "s3cret").ok());
    ASSERT_TRUE(auth_->SetPassword("other_ry", kAuthenticatorRriOther, "other-pw").ok());
  }

  AuthDecision Basic(std::string_view user, std::string_view pw, std::optional<Role> role = kMonthly,
                     std::string_view source = kInside, const EntityId& e = kAuthenticatorRriExample) {
    return auth_->AuthorizeEachRequest(e, BasicHeader(user, pw), source, role, {});
  }

  FakeClock clock_{kT0};
  std::unique_ptr<Authenticator> auth_;
};

TEST_F(RriAuthTest, BasicCredentialsAuthorizeEveryRequestWithoutASession) {
  for (int i = 0; i < 3; ++i) {
    AuthDecision d = Basic("example_ry", "s3cret");
    ASSERT_EQ(d.http_status, 200) << d.body;
    EXPECT_EQ(d.principal->method, AuthMethod::kBasic);
    EXPECT_EQ(d.principal->name, "example_ry");
    EXPECT_TRUE(d.set_cookie.empty()) << "the RRI has no sessions";
  }
  EXPECT_EQ(auth_->SessionCount(), 0u);
  EXPECT_EQ(Basic("example_ry", "s3cret", std::nullopt).http_status, 200);
}

TEST_F(RriAuthTest, MissingOrWrongCredentialsAre401) {
  EXPECT_EQ(auth_->AuthorizeEachRequest(kAuthenticatorRriExample, "", kInside, kMonthly, {}).http_status, 401);
  EXPECT_EQ(auth_->AuthorizeEachRequest(kAuthenticatorRriExample, "Bearer x", kInside, kMonthly, {}).http_status, 401);
  EXPECT_EQ(Basic("example_ry", "wrong").http_status, 401);
  EXPECT_EQ(Basic("nobody", "s3cret").http_status, 401);
  // Another TLD's account does not act for this one.
  EXPECT_EQ(Basic("other_ry", "other-pw").http_status, 401);
}

TEST_F(RriAuthTest, SourceOutsideTheAllowListAndMissingRoleAre403) {
  EXPECT_EQ(Basic("example_ry", "s3cret", kMonthly, kOutside).http_status, 403);
  const AuthDecision no_role = Basic("example_ry", "s3cret", kEscrow);
  EXPECT_EQ(no_role.http_status, 403);
  EXPECT_EQ(no_role.body, kRoleMissingText);
}

TEST_F(RriAuthTest, WrongPasswordsCountTowardsTheAccountLimitLikeLogins) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Basic("example_ry", "wrong").http_status, 401);
  const AuthDecision d = Basic("example_ry", "s3cret");
  EXPECT_EQ(d.http_status, 429);
  EXPECT_GT(d.retry_after, 0);
}

TEST_F(RriAuthTest, VerifiedCredentialsAreNotVerifiedOrCountedAgainForAWhile) {
  // A client polling the read-backs sends its password with every request:
  // past the per-account login limit (10 a minute), it still gets in.
  for (int i = 0; i < 25; ++i) ASSERT_EQ(Basic("example_ry", "s3cret").http_status, 200) << i;
  // A wrong password is still a full check, counted towards the lockout.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Basic("example_ry", "guess").http_status, 401);
  // A changed password: the old one is refused at once, the new one works.
  ASSERT_TRUE(auth_->SetPassword("example_ry", kAuthenticatorRriExample, "n3w").ok());
  EXPECT_EQ(Basic("example_ry", "s3cret").http_status, 401);
  clock_.Advance(3600);  // past the lockout the guesses above caused
  EXPECT_EQ(Basic("example_ry", "n3w").http_status, 200);
  // A removed account is refused although its password was verified.
  ASSERT_TRUE(auth_->RemoveAccount("example_ry").ok());
  EXPECT_EQ(Basic("example_ry", "n3w").http_status, 401);
}

TEST_F(RriAuthTest, ACertificateGrantDecidesByItsAclAndRoles) {
  CertificateGrant grant{"rri.example.net", RoleSet{kEscrow}, AuthenticatorRriPrefixes({"198.51.100.0/24"})};
  const std::vector<CertificateGrant> grants{grant};
  AuthDecision ok = auth_->AuthorizeEachRequest(kAuthenticatorRriExample, "", kOutside, kEscrow, grants);
  ASSERT_EQ(ok.http_status, 200) << ok.body;
  EXPECT_EQ(ok.principal->method, AuthMethod::kClientCertificate);
  EXPECT_EQ(ok.principal->name, "rri.example.net");
  // The role absent from the grant: 403.
  EXPECT_EQ(auth_->AuthorizeEachRequest(kAuthenticatorRriExample, "", kOutside, kMonthly, grants).http_status, 403);
  // Outside the grant's ACL: 403.
  EXPECT_EQ(auth_->AuthorizeEachRequest(kAuthenticatorRriExample, "", kInside, kEscrow, grants).http_status, 403);
  // A refusing certificate leaves Basic credentials to be judged on their own.
  EXPECT_EQ(auth_->AuthorizeEachRequest(kAuthenticatorRriExample, BasicHeader("example_ry", "s3cret"), kInside,
                                        kMonthly, grants)
                .http_status,
            200);
}

}  // namespace
}  // namespace tldmon::auth
