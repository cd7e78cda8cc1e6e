#include "app/access_edit.h"

#include <gtest/gtest.h>

namespace tldmon::app {
namespace {

const EntityId kExample{EntityKind::kRegistry, "example"};
const EntityId kOther{EntityKind::kRegistry, "other"};
const EntityId kRegistrar{EntityKind::kRegistrar, "9999"};
constexpr const char* kHash =
    "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

TEST(AccessEditTest, NewEntityRecordHasDefaultRolesAndNobodyAllowed) {
  auth::AuthSnapshot s;
  EntityAccess(&s, kRegistrar);
  EntityAccess(&s, kExample);
  ASSERT_EQ(s.entities.size(), 2u);
  EXPECT_EQ(s.entities[0].entity, kExample);  // kept sorted
  EXPECT_TRUE(s.entities[0].allow_list.empty());
  EXPECT_EQ(s.entities[0].roles, auth::DefaultRoles(EntityKind::kRegistry));
  EXPECT_EQ(s.entities[1].roles, auth::DefaultRoles(EntityKind::kRegistrar));
}

TEST(AccessEditTest, AccountsAreUniqueAcrossEntities) {
  auth::AuthSnapshot s;
  ASSERT_TRUE(SetAccount(&s, "zz_ry", kExample, kHash).ok());
  ASSERT_TRUE(SetAccount(&s, "example_ry", kExample, kHash).ok());
  ASSERT_EQ(s.accounts.size(), 2u);
  EXPECT_EQ(s.accounts[0].username, "example_ry");
  // Changing the password of the same account replaces its hash.
  ASSERT_TRUE(SetAccount(&s, "example_ry", kExample, std::string(kHash) + "x").ok());
  EXPECT_EQ(s.accounts.size(), 2u);
  const auth::AuthSnapshot before = s;
  Status taken = SetAccount(&s, "example_ry", kOther, kHash);
  EXPECT_EQ(taken.code(), StatusCode::kAlreadyExists);
  EXPECT_FALSE(SetAccount(&s, "has:colon", kExample, kHash).ok());  // RFC 7617
  EXPECT_EQ(s.accounts, before.accounts);
  EXPECT_EQ(RemoveAccount(&s, "nobody").code(), StatusCode::kNotFound);
  EXPECT_TRUE(RemoveAccount(&s, "zz_ry").ok());
  EXPECT_EQ(s.accounts.size(), 1u);
}

TEST(AccessEditTest, AllowListEdits) {
  auth::AuthSnapshot s;
  auto added = AddAllowed(&s, kExample, "192.0.2.0/24");
  ASSERT_TRUE(added.ok());
  EXPECT_TRUE(*added);
  auto again = AddAllowed(&s, kExample, "192.0.2.0/24");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  ASSERT_TRUE(AddAllowed(&s, kExample, "2001:db8::1").ok());  // a single address: /128
  ASSERT_EQ(s.entities[0].allow_list.size(), 2u);
  EXPECT_EQ(s.entities[0].allow_list[1].ToString(), "2001:db8::1/128");

  const auth::AuthSnapshot before = s;
  EXPECT_FALSE(AddAllowed(&s, kExample, "192.0.2.1/24").ok());  // host bits set
  EXPECT_EQ(RemoveAllowed(&s, kExample, "198.51.100.0/24").code(), StatusCode::kNotFound);
  EXPECT_EQ(RemoveAllowed(&s, kOther, "192.0.2.0/24").code(), StatusCode::kNotFound);
  EXPECT_EQ(s.entities, before.entities);  // failures changed nothing, created no record
  EXPECT_TRUE(RemoveAllowed(&s, kExample, "192.0.2.0/24").ok());
  EXPECT_EQ(s.entities[0].allow_list.size(), 1u);
}

TEST(AccessEditTest, RoleEdits) {
  auth::AuthSnapshot s;
  auto granted = GrantRole(&s, kRegistrar, "MoSAPI - Registrars Base RDAP URL List");
  ASSERT_TRUE(granted.ok());
  EXPECT_TRUE(*granted);
  auto again = GrantRole(&s, kRegistrar, "MoSAPI - TLD SLAM Data");  // a default role
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  EXPECT_FALSE(GrantRole(&s, kRegistrar, "MoSAPI - SLAM Data").ok());
  EXPECT_TRUE(RevokeRole(&s, kRegistrar, "MoSAPI - TLD SLAM Data").ok());
  EXPECT_EQ(RevokeRole(&s, kRegistrar, "MoSAPI - TLD SLAM Data").code(), StatusCode::kNotFound);
  EXPECT_FALSE(s.entities[0].roles.Contains(auth::Role::kTldSlamData));
  EXPECT_TRUE(s.entities[0].roles.Contains(auth::Role::kRegistrarsBaseRdapUrlList));
}

}  // namespace
}  // namespace tldmon::app
