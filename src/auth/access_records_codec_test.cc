#include "auth/access_records_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auth/password_hash.h"

namespace tldmon::auth {
namespace {

using ::testing::HasSubstr;

const EntityId kExample{EntityKind::kRegistry, "example"};
const EntityId kRegistrar{EntityKind::kRegistrar, "9999"};

// A real libsodium string (cheapest cost: tests only).
const std::string& RealHash() {
  static const std::string hash = [] {
    Result<std::string> h = HashPassword("s3cret", PwhashLimits::Min());
    EXPECT_TRUE(h.ok()) << h.status().ToString();
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

EntityAccessRecord ExampleAccess() {
  Result<std::vector<IpPrefix>> allow =
      ParseAllowList({"192.0.2.0/24", "2001:db8::/32", "0.0.0.0/0", "::/0", "198.51.100.7"});
  EXPECT_TRUE(allow.ok()) << allow.status().ToString();
  return {kExample, allow.ok() ? *allow : std::vector<IpPrefix>{},
          RoleSet{Role::kTldSlamData, Role::kTldMaintenanceWindow, Role::kRriTldMonthlyReporting}};
}

TEST(AccessRecordsCodec, EntityRecordHasTheDocumentedShape) {
  // docs/formats/store-schema.md "Keyed records": members in this order,
  // canonical prefixes (a single address gets /32), NSp role names in enum
  // order (mosapi-api.md §4.5).
  Result<std::string> bytes = EncodeEntityAccessRecord(ExampleAccess());
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes,
            R"({"version":1,"entity":"ry/example","allowList":["192.0.2.0/24","2001:db8::/32",)"
            R"("0.0.0.0/0","::/0","198.51.100.7/32"],"roles":["MoSAPI - TLD SLAM Data",)"
            R"("MoSAPI/RRI - TLD Maintenance Window","RRI - TLD Monthly Reporting"]})");
}

TEST(AccessRecordsCodec, EntityRecordsRoundTrip) {
  std::vector<EntityAccessRecord> records = {
      ExampleAccess(),
      {kRegistrar, {}, DefaultRoles(EntityKind::kRegistrar)},  // admits nobody
      {{EntityKind::kRegistry, "zz--root"}, {}, RoleSet{}},
  };
  RoleSet all;
  for (int i = 0; i < kRoleCount; ++i) all.Add(static_cast<Role>(i));
  records.push_back({{EntityKind::kRegistry, "xn--p1ai"}, ExampleAccess().allow_list, all});
  for (const EntityAccessRecord& r : records) {
    SCOPED_TRACE(r.entity.Path());
    Result<std::string> bytes = EncodeEntityAccessRecord(r);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    Result<EntityAccessRecord> back = DecodeEntityAccessRecord(*bytes);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, r);
  }
}

TEST(AccessRecordsCodec, AccountRecordsRoundTripWithARealHash) {
  const AccountRecord a{"ops@rsp.example", kExample, RealHash()};
  Result<std::string> bytes = EncodeAccountRecord(a);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes, R"({"version":1,"username":"ops@rsp.example","entity":"ry/example",)"
                    R"("passwordHash":")" +
                        RealHash() + R"("})");
  Result<AccountRecord> back = DecodeAccountRecord(*bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, a);
  EXPECT_TRUE(VerifyPassword(back->password_hash, "s3cret"));
}

TEST(AccessRecordsCodec, EncodeRefusesWhatCouldNotBeReadBack) {
  EXPECT_FALSE(EncodeEntityAccessRecord({{EntityKind::kRegistry, "Bad_TLD"}, {}, {}}).ok());
  EXPECT_FALSE(EncodeEntityAccessRecord({{EntityKind::kRegistrar, "0123"}, {}, {}}).ok());
  EXPECT_FALSE(EncodeAccountRecord({"a:b", kExample, RealHash()}).ok());
  EXPECT_FALSE(EncodeAccountRecord({"", kExample, RealHash()}).ok());
  EXPECT_FALSE(EncodeAccountRecord({"ok_ry", {EntityKind::kRegistry, ""}, RealHash()}).ok());
  EXPECT_FALSE(EncodeAccountRecord({"ok_ry", kExample, "plaintext"}).ok());
  EXPECT_FALSE(EncodeAccountRecord({"ok_ry", kExample, "$argon2i$v=19$m=8,t=1,p=1$x$y"}).ok());
  // Right prefix, but bytes JSON could not carry unchanged.
  EXPECT_FALSE(EncodeAccountRecord({"ok_ry", kExample, "$argon2id$v=19$\xff"}).ok());
  EXPECT_FALSE(EncodeAccountRecord({"ok_ry", kExample, "$argon2id$v=19 m"}).ok());
}

TEST(AccessRecordsCodec, DamagedEntityRecordsAreClearErrors) {
  const std::string valid = *EncodeEntityAccessRecord(ExampleAccess());
  const struct {
    std::string bytes;
    const char* expect;
  } cases[] = {
      {"", "not valid JSON"},
      {valid.substr(0, valid.size() / 2), "not valid JSON"},
      {"[1,2]", "not a JSON object"},
      {R"({"version":2,"entity":"ry/example","allowList":[],"roles":[]})", "version"},
      {R"({"version":"1","entity":"ry/example","allowList":[],"roles":[]})", "version"},
      {R"({"entity":"ry/example","allowList":[],"roles":[]})", "version"},
      {R"({"version":1,"allowList":[],"roles":[]})", "\"entity\" is missing"},
      {R"({"version":1,"entity":"ry/Example","allowList":[],"roles":[]})", "entity"},
      {R"({"version":1,"entity":7,"allowList":[],"roles":[]})", "entity"},
      {R"({"version":1,"entity":"ry/example","allowList":"192.0.2.0/24","roles":[]})", "allowList"},
      {R"({"version":1,"entity":"ry/example","allowList":[24],"roles":[]})", "allowList"},
      {R"({"version":1,"entity":"ry/example","allowList":["192.0.2.1/24"],"roles":[]})",
       "allowList"},
      {R"({"version":1,"entity":"ry/example","allowList":[],"roles":["Root"]})", "roles"},
      {R"({"version":1,"entity":"ry/example","allowList":[],"roles":[[]]})", "roles"},
      {R"({"version":1,"entity":"ry/example","allowList":[],"roles":[],"extra":0})", "extra"},
      {std::string(kMaxAccessRecordBytes + 1, ' '), "limit"},
      {std::string(100000, '['), "not valid JSON"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.bytes.substr(0, 100));
    Result<EntityAccessRecord> r = DecodeEntityAccessRecord(c.bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(c.expect));
  }
}

TEST(AccessRecordsCodec, DamagedAccountRecordsAreClearErrors) {
  const std::string h = RealHash();
  const struct {
    std::string bytes;
    const char* expect;
  } cases[] = {
      {"{}", "missing"},
      {R"({"version":1,"username":"a b","entity":"ry/example","passwordHash":")" + h + "\"}",
       "username"},
      {R"({"version":1,"username":"ok_ry","entity":"xx/example","passwordHash":")" + h + "\"}",
       "entity"},
      {R"({"version":1,"username":"ok_ry","entity":"ry/example","passwordHash":"secret"})",
       "passwordHash"},
      {R"({"version":1,"username":"ok_ry","entity":"ry/example","passwordHash":null})",
       "passwordHash"},
      {R"({"version":1,"username":"ok_ry","entity":"ry/example"})", "passwordHash"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.bytes);
    Result<AccountRecord> r = DecodeAccountRecord(c.bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(c.expect));
  }
}

}  // namespace
}  // namespace tldmon::auth
