#include "auth/role.h"

#include <gtest/gtest.h>

namespace tldmon::auth {
namespace {

// The names of mosapi-api.md §4.5, typed here independently of role.cc.
TEST(RoleTest, NamesAreTheNspNames) {
  EXPECT_EQ(RoleName(Role::kTldSlamData), "MoSAPI - TLD SLAM Data");
  EXPECT_EQ(RoleName(Role::kTldDaarData), "MoSAPI - TLD DAAR Data");
  EXPECT_EQ(RoleName(Role::kRegistrarsBaseRdapUrlList), "MoSAPI - Registrars Base RDAP URL List");
  EXPECT_EQ(RoleName(Role::kTldMaintenanceWindow), "MoSAPI/RRI - TLD Maintenance Window");
  EXPECT_EQ(RoleName(Role::kSlamProbeNodeList), "MoSAPI/RRI - SLAM Probe Node List");
  EXPECT_EQ(RoleName(Role::kRriTldMonthlyReporting), "RRI - TLD Monthly Reporting");
  EXPECT_EQ(RoleName(Role::kRriTldDataEscrowDailyReporting),
            "RRI - TLD Data Escrow Daily Reporting");
}

TEST(RoleTest, ParseRoundTripsEveryRole) {
  for (int i = 0; i < kRoleCount; ++i) {
    const auto r = static_cast<Role>(i);
    Result<Role> parsed = ParseRole(RoleName(r));
    ASSERT_TRUE(parsed.ok()) << RoleName(r);
    EXPECT_EQ(*parsed, r);
  }
}

TEST(RoleTest, ParseTrimsBlanksButIsOtherwiseExact) {
  EXPECT_TRUE(ParseRole("  MoSAPI - TLD SLAM Data\t").ok());
  EXPECT_FALSE(ParseRole("mosapi - tld slam data").ok());
  EXPECT_FALSE(ParseRole("MoSAPI - TLD SLAM").ok());
  EXPECT_FALSE(ParseRole("").ok());
  Result<Role> bad = ParseRole("Admin");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("Admin"), std::string::npos);
}

TEST(RoleSetTest, AddRemoveContains) {
  RoleSet s;
  EXPECT_TRUE(s.empty());
  s.Add(Role::kTldDaarData);
  EXPECT_TRUE(s.Contains(Role::kTldDaarData));
  EXPECT_FALSE(s.Contains(Role::kTldSlamData));
  s.Remove(Role::kTldDaarData);
  EXPECT_TRUE(s.empty());
}

TEST(RoleSetTest, NamesRoundTrip) {
  const RoleSet s{Role::kSlamProbeNodeList, Role::kTldSlamData};
  const std::vector<std::string> names = s.Names();
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[0], "MoSAPI - TLD SLAM Data");  // enum order, not insertion order
  Result<RoleSet> back = RoleSet::FromNames(names);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, s);
  EXPECT_FALSE(RoleSet::FromNames({"MoSAPI - TLD SLAM Data", "nope"}).ok());
}

// §4.5 project default: a registry account has every MoSAPI role; a
// registrar has SLAM data and METRICA only; RRI roles are never defaults.
TEST(RoleSetTest, DefaultRolesPerEntityKind) {
  const RoleSet ry = DefaultRoles(EntityKind::kRegistry);
  EXPECT_TRUE(ry.Contains(Role::kTldSlamData));
  EXPECT_TRUE(ry.Contains(Role::kTldDaarData));
  EXPECT_TRUE(ry.Contains(Role::kRegistrarsBaseRdapUrlList));
  EXPECT_TRUE(ry.Contains(Role::kTldMaintenanceWindow));
  EXPECT_TRUE(ry.Contains(Role::kSlamProbeNodeList));
  EXPECT_FALSE(ry.Contains(Role::kRriTldMonthlyReporting));
  EXPECT_FALSE(ry.Contains(Role::kRriTldDataEscrowDailyReporting));

  const RoleSet rr = DefaultRoles(EntityKind::kRegistrar);
  EXPECT_TRUE(rr.Contains(Role::kTldSlamData));
  EXPECT_TRUE(rr.Contains(Role::kTldDaarData));
  EXPECT_FALSE(rr.Contains(Role::kTldMaintenanceWindow));
  EXPECT_FALSE(rr.Contains(Role::kSlamProbeNodeList));
  EXPECT_FALSE(rr.Contains(Role::kRegistrarsBaseRdapUrlList));
}

}  // namespace
}  // namespace tldmon::auth
