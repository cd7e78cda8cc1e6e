// SharedSessionStore and SharedLockoutLedger against a real PostgreSQL, two
// instances standing for two hosts. The tests that prove the cache is
// invalidated look a session up on the host that has it cached: without
// the notification that host would go on answering from its cache.
#include "auth/shared_session_store.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "auth/lockout.h"
#include "auth/shared_lockout_ledger.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_migrations.h"
#include "store/postgres/pg_test_lab.h"

namespace tldmon::auth {
namespace {

namespace pg = store::postgres;
using pg::testing::WaitUntil;

const EntityId kTld{EntityKind::kRegistry, "example"};
const EntityId kOtherTld{EntityKind::kRegistry, "other"};
constexpr UnixSeconds kStart = 1'800'000'000;

class SharedSessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = pg::testing::SharedPgLab().CreateDatabase();
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    conninfo_ = pg::testing::SharedPgLab().ConnInfo(*db);
    auto c = pg::PgConn::Connect(conninfo_);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_TRUE(pg::MigratePg(**c).ok());
  }
  // One host's store, once its listener is connected.
  std::unique_ptr<SharedSessionStore> Host(int max_per_account = 2) {
    auto s = SharedSessionStore::Open(conninfo_, 3600, max_per_account);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return nullptr;
    EXPECT_TRUE(WaitUntil([&] { return (*s)->listening(); }));
    return std::move(*s);
  }
  std::string conninfo_;
};

TEST_F(SharedSessionsTest, ASessionMadeOnOneHostWorksOnAnotherAndALogoutEndsItOnBoth) {
  auto a = Host(), b = Host();
  ASSERT_TRUE(a && b);
  auto made = a->Create("alice", kTld, kStart);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  auto found = b->Find(made->id, kTld, kStart + 1);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->username, "alice");
  EXPECT_EQ(found->expires, kStart + 3600);
  EXPECT_FALSE(b->Find(made->id, kOtherTld, kStart + 1));  // bound to its entity
  EXPECT_EQ(b->cached(), 1u);
  EXPECT_EQ(b->size(), 1u);

  // A logout on A; B has the session cached and must drop it.
  EXPECT_FALSE(a->End(made->id, kOtherTld, kStart + 2));  // not that entity's session
  ASSERT_TRUE(a->End(made->id, kTld, kStart + 2).has_value());
  EXPECT_TRUE(WaitUntil([&] { return b->cached() == 0; }));
  EXPECT_FALSE(b->Find(made->id, kTld, kStart + 3));
  EXPECT_FALSE(a->Find(made->id, kTld, kStart + 3));
  EXPECT_FALSE(a->End(made->id, kTld, kStart + 3));  // a second logout finds nothing
}

// A client looping on an unknown or ended cookie costs one database lookup,
// not one per request; a cache-only lookup never asks the database.
TEST_F(SharedSessionsTest, UnknownCookiesAreLookedUpOnceAndCacheOnlyLookupsNeverAsk) {
  auto a = Host(), b = Host();
  ASSERT_TRUE(a && b);
  const std::string forged(40, 'A');
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(b->Find(forged, kTld, kStart));
  EXPECT_EQ(b->database_lookups(), 1u);

  auto made = a->Create("alice", kTld, kStart);
  ASSERT_TRUE(made.ok());
  EXPECT_FALSE(b->FindSession(made->id, kTld, kStart, SessionLookup::kCachedOnly));
  EXPECT_EQ(b->database_lookups(), 1u);
  EXPECT_TRUE(b->FindSession(made->id, kTld, kStart, SessionLookup::kAnywhere));
  EXPECT_EQ(b->database_lookups(), 2u);
  EXPECT_TRUE(b->FindSession(made->id, kTld, kStart, SessionLookup::kCachedOnly));  // cached now

  ASSERT_TRUE(a->End(made->id, kTld, kStart + 1).has_value());
  EXPECT_TRUE(WaitUntil([&] { return b->cached() == 0; }));
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(b->Find(made->id, kTld, kStart + 2));
  EXPECT_EQ(b->database_lookups(), 3u);
}

TEST_F(SharedSessionsTest, ANewLoginOnAnotherHostEvictsTheOldestEverywhere) {
  auto a = Host(1), b = Host(1);
  ASSERT_TRUE(a && b);
  auto first = a->Create("alice", kTld, kStart);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(a->Find(first->id, kTld, kStart + 1));  // cached on A
  auto second = b->Create("alice", kTld, kStart + 2);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->evicted, 1u);
  EXPECT_TRUE(WaitUntil([&] { return !a->Find(first->id, kTld, kStart + 3).has_value(); }));
  EXPECT_TRUE(a->Find(second->id, kTld, kStart + 3));
  // Another account's sessions are not touched.
  auto bob = a->Create("bob", kTld, kStart + 4);
  ASSERT_TRUE(bob.ok());
  EXPECT_EQ(bob->evicted, 0u);
  EXPECT_TRUE(b->Find(second->id, kTld, kStart + 5));
}

TEST_F(SharedSessionsTest, EndingAnAccountsSessionsOnOneHostEndsThemOnEveryHost) {
  auto a = Host(), b = Host();
  ASSERT_TRUE(a && b);
  auto s1 = a->Create("alice", kTld, kStart), s2 = b->Create("alice", kTld, kStart);
  ASSERT_TRUE(s1.ok() && s2.ok());
  ASSERT_TRUE(a->Find(s2->id, kTld, kStart + 1));  // both cached on A
  EXPECT_EQ(b->EndAllOf("alice"), 2u);             // a password change on B
  EXPECT_TRUE(WaitUntil([&] { return a->cached() == 0; }));
  EXPECT_FALSE(a->Find(s1->id, kTld, kStart + 2));
  EXPECT_FALSE(a->Find(s2->id, kTld, kStart + 2));
}

TEST_F(SharedSessionsTest, ExpiredSessionsAreRefusedAndSweptFromTheDatabase) {
  auto a = Host(), b = Host();
  ASSERT_TRUE(a && b);
  auto s = a->Create("alice", kTld, kStart);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(b->Find(s->id, kTld, kStart + 3600));  // the first dead second
  EXPECT_FALSE(a->Find(s->id, kTld, kStart + 3600));
  EXPECT_FALSE(b->Find("not-an-id", kTld, kStart));
  EXPECT_EQ(b->Sweep(kStart + 3600), 1u);
  EXPECT_EQ(a->size(), 0u);
}

TEST_F(SharedSessionsTest, FailedLoginsOnEveryHostCountAgainstOneLock) {
  auto ledger = [&] {
    auto l = SharedLockoutLedger::Open(conninfo_);
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    return l.ok() ? std::move(*l) : nullptr;
  };
  Lockout a(3, 30, 900, ledger()), b(3, 30, 900, ledger());
  EXPECT_EQ(a.RecordFailure("alice", kStart), 0);
  EXPECT_EQ(b.RecordFailure("alice", kStart), 0);
  EXPECT_EQ(a.RetryAfter("alice", kStart), 0);
  EXPECT_EQ(b.RecordFailure("alice", kStart), 30);  // the third, on either host
  EXPECT_EQ(a.RetryAfter("alice", kStart + 10), 20);
  EXPECT_EQ(b.RetryAfter("alice", kStart + 10), 20);
  EXPECT_EQ(a.RetryAfter("bob", kStart + 10), 0);
  a.RecordSuccess("alice");
  EXPECT_EQ(b.RetryAfter("alice", kStart + 10), 0);

  // Concurrent failures on two hosts are all counted (a lost update would
  // show as fewer): 2 x 20 failures with a threshold of 3 reach the cap.
  std::vector<std::thread> threads;
  for (Lockout* l : {&a, &b})
    threads.emplace_back([l] {
      for (int i = 0; i < 20; ++i) l->RecordFailure("carol", kStart);
    });
  for (auto& t : threads) t.join();
  auto check = SharedLockoutLedger::Open(conninfo_);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ((*check)->Get("carol").consecutive_failures, 40);
  EXPECT_EQ((*check)->size(), 1u);
}

}  // namespace
}  // namespace tldmon::auth
