#include "auth/access_repository.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "auth/access_records_codec.h"
#include "auth/authenticator.h"
#include "testutil/test_base64.h"
#include "core/clock.h"
#include "store/sqlite/temp_sqlite_store.h"

namespace tldmon::auth {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

const EntityId kAccessRepositoryExample{EntityKind::kRegistry, "example"};
const EntityId kOther{EntityKind::kRegistry, "other"};
const EntityId kAccessRepositoryRegistrar{EntityKind::kRegistrar, "9999"};

std::vector<IpPrefix> Prefixes(const std::vector<std::string>& texts) {
  Result<std::vector<IpPrefix>> p = ParseAllowList(texts);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : std::vector<IpPrefix>{};
}

std::string Hash(std::string_view password) {
  Result<std::string> h = HashPassword(password, PwhashLimits::Min());
  EXPECT_TRUE(h.ok()) << h.status().ToString();
  return h.ok() ? *h : std::string();
}

// Given out of order on purpose: Load sorts as Authenticator::Snapshot does.
AuthSnapshot Sample() {
  AuthSnapshot s;
  s.entities = {
      {kAccessRepositoryRegistrar, Prefixes({"203.0.113.0/24"}), DefaultRoles(EntityKind::kRegistrar)},
      {kOther, {}, RoleSet{Role::kTldSlamData}},
      {kAccessRepositoryExample, Prefixes({"192.0.2.0/24", "2001:db8::/32"}), DefaultRoles(EntityKind::kRegistry)},
  };
  s.accounts = {
      {"other_ry", kOther, Hash("other-pw")},
      {"9999_rr", kAccessRepositoryRegistrar, Hash("rr-pw")},
      {"example_ry", kAccessRepositoryExample, Hash("s3cret")},
  };
  return s;
}

AuthSnapshot Sorted(AuthSnapshot s) {
  std::sort(s.entities.begin(), s.entities.end(),
            [](const auto& a, const auto& b) { return a.entity < b.entity; });
  std::sort(s.accounts.begin(), s.accounts.end(),
            [](const auto& a, const auto& b) { return a.username < b.username; });
  return s;
}

void ExpectSame(const AuthSnapshot& got, const AuthSnapshot& want) {
  EXPECT_EQ(got.entities, want.entities);
  EXPECT_EQ(got.accounts, want.accounts);
}

class AccessRepositoryTest : public ::testing::Test {
 protected:
  AuthSnapshot Load() {
    Result<AuthSnapshot> s = AccessRepository(db_.store()).Load();
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : AuthSnapshot{};
  }

  store::testing::TempSqliteStore db_;
};

TEST_F(AccessRepositoryTest, NothingSavedLoadsEmpty) {
  const AuthSnapshot s = Load();
  EXPECT_THAT(s.entities, IsEmpty());
  EXPECT_THAT(s.accounts, IsEmpty());
}

TEST_F(AccessRepositoryTest, SaveThenReopenLoadsTheSameSortedSnapshot) {
  const AuthSnapshot saved = Sample();
  ASSERT_TRUE(AccessRepository(db_.store()).Save(saved).ok());
  db_.Reopen();
  const AuthSnapshot loaded = Load();
  ExpectSame(loaded, Sorted(saved));
  // Registries before registrars (EntityId order), although "rr/" < "ry/".
  ASSERT_EQ(loaded.entities.size(), 3u);
  EXPECT_EQ(loaded.entities.front().entity, kAccessRepositoryExample);
  EXPECT_EQ(loaded.entities.back().entity, kAccessRepositoryRegistrar);
}

TEST_F(AccessRepositoryTest, AnEntityAndItsAccessRecordAreStoredTogether) {
  EntityConfig registrar;
  registrar.id = kAccessRepositoryRegistrar;
  registrar.SetEnabled(Service::kRdap, true);
  registrar.rdap_base_url = "https://rdap.registrar.test/";
  registrar.test_domain = "registrar.test";
  AccessRepository repo(db_.store());
  // A record of another entity is refused, and nothing is stored.
  EXPECT_EQ(repo.PutEntityWithAccess(registrar, EntityAccessRecord{kAccessRepositoryExample, {}, {}}).code(),
            StatusCode::kInvalidArgument);
  // An entity that does not validate takes its record down with it.
  EntityConfig invalid = registrar;
  invalid.rdap_base_url.clear();
  EXPECT_FALSE(repo.PutEntityWithAccess(invalid, EntityAccessRecord{kAccessRepositoryRegistrar, {}, {}}).ok());
  EXPECT_THAT(Load().entities, IsEmpty());
  ASSERT_TRUE(db_.store().LoadEntities().ok());
  EXPECT_THAT(*db_.store().LoadEntities(), IsEmpty());

  const EntityAccessRecord access{kAccessRepositoryRegistrar, Prefixes({"192.0.2.0/24"}), {}};
  ASSERT_TRUE(repo.PutEntityWithAccess(registrar, access).ok());
  db_.Reopen();
  const AuthSnapshot loaded = Load();
  ASSERT_EQ(loaded.entities.size(), 1u);
  EXPECT_EQ(loaded.entities[0].entity, kAccessRepositoryRegistrar);
  EXPECT_EQ(loaded.entities[0].allow_list.size(), 1u);
  ASSERT_EQ(db_.store().LoadEntities()->size(), 1u);
  // Without a record only the entity changes; the access record stays.
  registrar.test_domain = "other.test";
  ASSERT_TRUE(AccessRepository(db_.store()).PutEntityWithAccess(registrar, std::nullopt).ok());
  EXPECT_EQ(Load().entities.size(), 1u);
  EXPECT_EQ(db_.store().LoadEntities()->at(0).test_domain, "other.test");
}

TEST_F(AccessRepositoryTest, SaveReplacesEverything) {
  AccessRepository repo(db_.store());
  ASSERT_TRUE(repo.Save(Sample()).ok());
  AuthSnapshot next;
  next.entities = {{kOther, Prefixes({"0.0.0.0/0"}), RoleSet{Role::kSlamProbeNodeList}}};
  next.accounts = {{"new_ry", kOther, Hash("pw")}};
  ASSERT_TRUE(repo.Save(next).ok());
  ExpectSame(Load(), next);
  ASSERT_TRUE(repo.Save(AuthSnapshot{}).ok());
  EXPECT_THAT(Load().entities, IsEmpty());
  EXPECT_THAT(Load().accounts, IsEmpty());
}

TEST_F(AccessRepositoryTest, AnInvalidSnapshotChangesNothing) {
  AccessRepository repo(db_.store());
  const AuthSnapshot saved = Sample();  // hashes are salted: keep this one
  ASSERT_TRUE(repo.Save(saved).ok());
  {
    AuthSnapshot bad;
    bad.entities = {{kAccessRepositoryExample, {}, {}}, {kAccessRepositoryExample, {}, {}}};
    const Status s = repo.Save(bad);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(s.message(), HasSubstr("ry/example"));
  }
  {
    AuthSnapshot bad;
    bad.accounts = {{"a_ry", kAccessRepositoryExample, Hash("x")}, {"a_ry", kOther, Hash("y")}};
    EXPECT_EQ(repo.Save(bad).code(), StatusCode::kInvalidArgument);
  }
  {
    AuthSnapshot bad = saved;
    bad.accounts.push_back({"plain_ry", kAccessRepositoryExample, "not-a-hash"});
    const Status s = repo.Save(bad);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(s.message(), HasSubstr("plain_ry"));
  }
  ExpectSame(Load(), Sorted(saved));
}

// The point of persisting: accounts made in one process log in after a
// restart in another (Snapshot -> Save, then Load -> Restore).
TEST_F(AccessRepositoryTest, AnAuthenticatorRestoredFromTheStoreAcceptsTheSamePasswords) {
  FakeClock clock(1'767'225'600);
  AuthLimits limits;
  limits.pwhash = PwhashLimits::Min();
  {
    Result<std::unique_ptr<Authenticator>> admin = Authenticator::Create(clock, limits);
    ASSERT_TRUE(admin.ok());
    ASSERT_TRUE((*admin)
                    ->SetEntityAccess(
                        {kAccessRepositoryExample, Prefixes({"192.0.2.0/24"}), DefaultRoles(EntityKind::kRegistry)})
                    .ok());
    ASSERT_TRUE((*admin)->SetPassword("example_ry", kAccessRepositoryExample, "s3cret").ok());
    ASSERT_TRUE(AccessRepository(db_.store()).Save((*admin)->Snapshot()).ok());
  }
  db_.Reopen();
  Result<std::unique_ptr<Authenticator>> serve = Authenticator::Create(clock, limits);
  ASSERT_TRUE(serve.ok());
  Result<AuthSnapshot> loaded = AccessRepository(db_.store()).Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_TRUE((*serve)->Restore(*loaded).ok());
  EXPECT_EQ((*serve)
                ->Login(kAccessRepositoryExample, testutil::BasicHeader("example_ry", "s3cret"), "192.0.2.9", true)
                .http_status,
            200);
  EXPECT_EQ((*serve)
                ->Login(kAccessRepositoryExample, testutil::BasicHeader("example_ry", "wrong"), "192.0.2.9", true)
                .http_status,
            401);
  // The allow-list came back too (mosapi-api.md §4.1).
  EXPECT_EQ(
      (*serve)
          ->Login(kAccessRepositoryExample, testutil::BasicHeader("example_ry", "s3cret"), "198.51.100.1", true)
          .http_status,
      403);
}

TEST_F(AccessRepositoryTest, ADamagedRecordIsAClearErrorNotACrash) {
  ASSERT_TRUE(AccessRepository(db_.store()).Save(Sample()).ok());
  ASSERT_TRUE(db_.store().PutRecord(kAccountKind, "example_ry", "{\"version\":1,").ok());
  Result<AuthSnapshot> s = AccessRepository(db_.store()).Load();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInternal);
  EXPECT_THAT(s.status().message(), HasSubstr("auth.account"));
  EXPECT_THAT(s.status().message(), HasSubstr("example_ry"));
  EXPECT_THAT(s.status().message(), HasSubstr("damaged"));
}

TEST_F(AccessRepositoryTest, ARecordUnderTheWrongKeyIsDamaged) {
  // A well-formed record, stored under another entity's key.
  Result<std::string> bytes = EncodeEntityAccessRecord({kOther, {}, {}});
  ASSERT_TRUE(bytes.ok());
  ASSERT_TRUE(db_.store().PutRecord(kEntityAccessKind, "ry/example", *bytes).ok());
  Result<AuthSnapshot> s = AccessRepository(db_.store()).Load();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInternal);
  EXPECT_THAT(s.status().message(), HasSubstr("ry/other"));

  Result<std::string> account = EncodeAccountRecord({"other_ry", kOther, Hash("pw")});
  ASSERT_TRUE(account.ok());
  ASSERT_TRUE(db_.store().DeleteRecord(kEntityAccessKind, "ry/example").ok());
  ASSERT_TRUE(db_.store().PutRecord(kAccountKind, "example_ry", *account).ok());
  EXPECT_EQ(AccessRepository(db_.store()).Load().status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace tldmon::auth
