#include "auth/session_table.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace tldmon::auth {
namespace {

const EntityId kExample{EntityKind::kRegistry, "example"};
const EntityId kOther{EntityKind::kRegistry, "other"};
constexpr UnixSeconds kSessionTableT0 = 1'700'000'000;
constexpr UnixSeconds kLifetime = 900;  // 15 minutes (mosapi-api.md §4.2)

TEST(SessionIdTest, WellFormed) {
  EXPECT_TRUE(IsWellFormedSessionId(std::string(40, 'A')));
  EXPECT_TRUE(IsWellFormedSessionId("0123456789ABCDEF0123456789ABCDEF01234567"));
  EXPECT_FALSE(IsWellFormedSessionId(std::string(39, 'A')));
  EXPECT_FALSE(IsWellFormedSessionId(std::string(41, 'A')));
  EXPECT_FALSE(IsWellFormedSessionId("0123456789abcdef0123456789abcdef01234567"));
  EXPECT_FALSE(IsWellFormedSessionId(std::string(40, 'G')));
  EXPECT_FALSE(IsWellFormedSessionId(""));
}

// 160 random bits as 40 upper-case hex characters (§4.2 project default).
TEST(SessionTableTest, IdsAre160BitUpperHexAndDistinct) {
  SessionTable t(kLifetime, 1);
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    Result<NewSession> s = t.Create("user" + std::to_string(i), kExample, kSessionTableT0);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->id.size(), 40u);
    EXPECT_TRUE(IsWellFormedSessionId(s->id)) << s->id;
    EXPECT_TRUE(seen.insert(s->id).second);
  }
  EXPECT_EQ(t.size(), 200u);
}

TEST(SessionTableTest, FindWithinLifetime) {
  SessionTable t(kLifetime, 1);
  Result<NewSession> s = t.Create("example_ry", kExample, kSessionTableT0);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->session.expires, kSessionTableT0 + kLifetime);
  std::optional<Session> found = t.Find(s->id, kExample, kSessionTableT0 + kLifetime - 1);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->username, "example_ry");
  EXPECT_EQ(found->entity, kExample);
}

// Absolute lifetime: use does not extend it; at created + lifetime it is dead
// and purged by the lookup itself.
TEST(SessionTableTest, ExpiresAbsolutelyAndIsPurgedLazily) {
  SessionTable t(kLifetime, 1);
  Result<NewSession> s = t.Create("example_ry", kExample, kSessionTableT0);
  ASSERT_TRUE(s.ok());
  for (UnixSeconds dt = 0; dt < kLifetime; dt += 100) {
    EXPECT_TRUE(t.Find(s->id, kExample, kSessionTableT0 + dt).has_value());
  }
  EXPECT_FALSE(t.Find(s->id, kExample, kSessionTableT0 + kLifetime).has_value());
  EXPECT_EQ(t.size(), 0u);
}

TEST(SessionTableTest, BoundToItsEntity) {
  SessionTable t(kLifetime, 1);
  Result<NewSession> s = t.Create("example_ry", kExample, kSessionTableT0);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(t.Find(s->id, kOther, kSessionTableT0).has_value());
  EXPECT_FALSE(t.End(s->id, kOther, kSessionTableT0).has_value());
  // The failed use elsewhere did not harm the session.
  EXPECT_TRUE(t.Find(s->id, kExample, kSessionTableT0).has_value());
}

// §4.2: one concurrent session per account; a new login ends the oldest.
TEST(SessionTableTest, NewLoginEvictsOldest) {
  SessionTable t(kLifetime, 1);
  Result<NewSession> first = t.Create("example_ry", kExample, kSessionTableT0);
  Result<NewSession> second = t.Create("example_ry", kExample, kSessionTableT0 + 10);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->evicted, 0u);
  EXPECT_EQ(second->evicted, 1u);
  EXPECT_FALSE(t.Find(first->id, kExample, kSessionTableT0 + 11).has_value());
  EXPECT_TRUE(t.Find(second->id, kExample, kSessionTableT0 + 11).has_value());
  EXPECT_EQ(t.size(), 1u);
}

TEST(SessionTableTest, SeveralSessionsPerAccountWhenConfigured) {
  SessionTable t(kLifetime, 2);
  Result<NewSession> a = t.Create("u", kExample, kSessionTableT0);
  Result<NewSession> b = t.Create("u", kExample, kSessionTableT0 + 1);
  Result<NewSession> c = t.Create("u", kExample, kSessionTableT0 + 2);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_FALSE(t.Find(a->id, kExample, kSessionTableT0 + 3).has_value());
  EXPECT_TRUE(t.Find(b->id, kExample, kSessionTableT0 + 3).has_value());
  EXPECT_TRUE(t.Find(c->id, kExample, kSessionTableT0 + 3).has_value());
}

TEST(SessionTableTest, AccountsDoNotEvictEachOther) {
  SessionTable t(kLifetime, 1);
  Result<NewSession> a = t.Create("a_ry", kExample, kSessionTableT0);
  Result<NewSession> b = t.Create("b_ry", kExample, kSessionTableT0);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(t.Find(a->id, kExample, kSessionTableT0).has_value());
  EXPECT_TRUE(t.Find(b->id, kExample, kSessionTableT0).has_value());
}

TEST(SessionTableTest, EndIsOnce) {
  SessionTable t(kLifetime, 1);
  Result<NewSession> s = t.Create("example_ry", kExample, kSessionTableT0);
  ASSERT_TRUE(s.ok());
  std::optional<Session> ended = t.End(s->id, kExample, kSessionTableT0 + 5);
  ASSERT_TRUE(ended.has_value());
  EXPECT_EQ(ended->username, "example_ry");
  EXPECT_FALSE(t.End(s->id, kExample, kSessionTableT0 + 6).has_value());
  EXPECT_FALSE(t.Find(s->id, kExample, kSessionTableT0 + 6).has_value());
}

TEST(SessionTableTest, EndAllOf) {
  SessionTable t(kLifetime, 3);
  ASSERT_TRUE(t.Create("u", kExample, kSessionTableT0).ok());
  ASSERT_TRUE(t.Create("u", kExample, kSessionTableT0).ok());
  ASSERT_TRUE(t.Create("v", kExample, kSessionTableT0).ok());
  EXPECT_EQ(t.EndAllOf("u"), 2u);
  EXPECT_EQ(t.EndAllOf("u"), 0u);
  EXPECT_EQ(t.size(), 1u);
}

TEST(SessionTableTest, UnknownAndMalformedIds) {
  SessionTable t(kLifetime, 1);
  ASSERT_TRUE(t.Create("u", kExample, kSessionTableT0).ok());
  EXPECT_FALSE(t.Find(std::string(40, 'A'), kExample, kSessionTableT0).has_value());
  EXPECT_FALSE(t.Find("short", kExample, kSessionTableT0).has_value());
  EXPECT_FALSE(t.Find(std::string(100000, 'A'), kExample, kSessionTableT0).has_value());
}

TEST(SessionTableTest, SweepPurgesOnlyExpired) {
  SessionTable t(kLifetime, 1);
  ASSERT_TRUE(t.Create("old", kExample, kSessionTableT0).ok());
  Result<NewSession> young = t.Create("young", kExample, kSessionTableT0 + 500);
  ASSERT_TRUE(young.ok());
  EXPECT_EQ(t.Sweep(kSessionTableT0 + kLifetime - 1), 0u);
  EXPECT_EQ(t.Sweep(kSessionTableT0 + kLifetime), 1u);
  EXPECT_EQ(t.size(), 1u);
  EXPECT_TRUE(t.Find(young->id, kExample, kSessionTableT0 + kLifetime).has_value());
  // The swept account can log in again and its index was cleaned.
  Result<NewSession> again = t.Create("old", kExample, kSessionTableT0 + kLifetime);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->evicted, 0u);
}

// Concurrent logins of one account leave exactly one live session.
TEST(SessionTableTest, ConcurrentLoginsKeepTheInvariant) {
  SessionTable t(kLifetime, 1);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&t] {
      for (int j = 0; j < 50; ++j) {
        Result<NewSession> s = t.Create("u", kExample, kSessionTableT0);
        ASSERT_TRUE(s.ok());
        t.Find(s->id, kExample, kSessionTableT0);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(t.size(), 1u);
}

}  // namespace
}  // namespace tldmon::auth
