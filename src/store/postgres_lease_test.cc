// The engine leader lease (store/postgres/leader_lease.h) against a real
// PostgreSQL started by the test (lab/pg_lab.h): the epoch only grows, a
// live lease is not taken, a stale leader's fenced write never lands, and a
// takeover racing a fenced transaction waits for it and refuses. Expiry is
// made by moving the row's expiry into the past (the database's clock is
// the only one the lease reads), not by sleeping.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "lab/pg_lab.h"
#include "store/postgres/pg_test_lab.h"
#include "store/postgres/leader_lease.h"
#include "store/postgres/pg_migrations.h"

namespace tldmon::store::postgres {
namespace {

using std::chrono::milliseconds;

lab::PgLab& PostgresLeaseLab() { return testing::SharedPgLab(); }

class LeaderLeaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = PostgresLeaseLab().CreateDatabase();
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    conninfo_ = PostgresLeaseLab().ConnInfo(*db);
    a_ = Connect();
    b_ = Connect();
    ASSERT_TRUE(MigratePg(*a_).ok());
  }
  std::unique_ptr<PgConn> Connect() {
    auto c = PgConn::Connect(conninfo_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(*c) : nullptr;
  }
  // What the passing of the ttl does to the row.
  void Expire() {
    ASSERT_TRUE(a_->Exec("UPDATE leader_lease SET expires_at = clock_timestamp() - interval '1 second'").ok());
  }
  int Rows(PgConn& c, const char* table) {
    auto r = c.Exec(std::string("SELECT count(*) FROM ") + table);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? static_cast<int>(r->Int(0, 0)) : -1;
  }

  std::string conninfo_;
  std::unique_ptr<PgConn> a_, b_;
  LeaderLease host_a_{"engine", "host-a", milliseconds(15000)};
  LeaderLease host_b_{"engine", "host-b", milliseconds(15000)};
};

TEST_F(LeaderLeaseTest, TheFirstHostLeadsAndALiveLeaseIsNotTaken) {
  auto first = host_a_.TryAcquire(*a_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(*first, std::optional<std::int64_t>(1));
  auto second = host_b_.TryAcquire(*b_);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(*second, std::nullopt);
  auto view = host_b_.Current(*b_);
  ASSERT_TRUE(view.ok() && view->has_value());
  EXPECT_EQ((*view)->holder, "host-a");
  EXPECT_EQ((*view)->epoch, 1);
  EXPECT_TRUE((*view)->live);
  EXPECT_GT((*view)->expires_in_s, 10.0);
  auto renewed = host_a_.Renew(*a_, 1);
  ASSERT_TRUE(renewed.ok());
  EXPECT_TRUE(*renewed);
  auto wrong = host_b_.Renew(*b_, 1);
  ASSERT_TRUE(wrong.ok());
  EXPECT_FALSE(*wrong) << "another holder cannot renew the lease";
}

TEST_F(LeaderLeaseTest, TheEpochGrowsAtEveryTakeoverAndAResignFreesTheLeaseAtOnce) {
  ASSERT_EQ(*host_a_.TryAcquire(*a_), std::optional<std::int64_t>(1));
  Expire();
  auto b = host_b_.TryAcquire(*b_);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, std::optional<std::int64_t>(2));
  auto old = host_a_.Renew(*a_, 1);
  ASSERT_TRUE(old.ok());
  EXPECT_FALSE(*old) << "the old leader learns it lost the lease";
  ASSERT_TRUE(host_b_.Resign(*b_, 2).ok());
  auto a = host_a_.TryAcquire(*a_);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, std::optional<std::int64_t>(3)) << "a resign frees the lease without waiting for the ttl";
  // Its own expired lease cannot be renewed either: it must be taken anew.
  Expire();
  auto stale = host_a_.Renew(*a_, 3);
  ASSERT_TRUE(stale.ok());
  EXPECT_FALSE(*stale);
  EXPECT_EQ(*host_a_.TryAcquire(*a_), std::optional<std::int64_t>(4));
}

TEST_F(LeaderLeaseTest, AStaleLeadersFencedWriteNeverLands) {
  ASSERT_TRUE(a_->ExecScript("CREATE TABLE verdicts (cycle bigint PRIMARY KEY, epoch bigint)").ok());
  ASSERT_EQ(*host_a_.TryAcquire(*a_), std::optional<std::int64_t>(1));
  {
    auto txn = PgTransaction::Begin(*a_);
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(host_a_.Fence(*a_, 1).ok());
    ASSERT_TRUE(a_->Exec("INSERT INTO verdicts VALUES (1, 1)").ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  Expire();  // host A paused past its ttl
  ASSERT_EQ(*host_b_.TryAcquire(*b_), std::optional<std::int64_t>(2));
  {
    auto txn = PgTransaction::Begin(*a_);
    ASSERT_TRUE(txn.ok());
    const Status fenced = host_a_.Fence(*a_, 1);
    EXPECT_EQ(fenced.code(), StatusCode::kFailedPrecondition) << fenced.ToString();
    EXPECT_NE(fenced.message().find("not the engine leader"), std::string::npos);
    // A leader that ignored the fence: its transaction is still rolled back
    // by the destructor, as every engine write path does on error.
    ASSERT_TRUE(a_->Exec("INSERT INTO verdicts VALUES (2, 1)").ok());
  }
  EXPECT_EQ(Rows(*b_, "verdicts"), 1) << "only the write made under a valid lease exists";
  auto txn = PgTransaction::Begin(*b_);
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE(host_b_.Fence(*b_, 2).ok());
  ASSERT_TRUE(b_->Exec("INSERT INTO verdicts VALUES (2, 2)").ok());
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(Rows(*a_, "verdicts"), 2);
}

// scale.md §2.3 case 1: A fences (its lease live) and keeps its transaction
// open; B tries to take over meanwhile. B must wait for A's row lock, then
// see A's renewed expiry and refuse; A's write commits.
TEST_F(LeaderLeaseTest, ATakeoverRacingAFencedTransactionWaitsAndRefuses) {
  ASSERT_TRUE(a_->ExecScript("CREATE TABLE verdicts (cycle bigint PRIMARY KEY, epoch bigint)").ok());
  ASSERT_EQ(*host_a_.TryAcquire(*a_), std::optional<std::int64_t>(1));
  // The lease about to expire: B's attempt would win but for A's fence.
  ASSERT_TRUE(a_->Exec("UPDATE leader_lease SET expires_at = clock_timestamp() + interval '50 milliseconds'").ok());
  auto txn = PgTransaction::Begin(*a_);
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE(host_a_.Fence(*a_, 1).ok());
  const int b_pid = b_->backend_pid();
  std::atomic<bool> done{false};
  Result<std::optional<std::int64_t>> b_result = std::optional<std::int64_t>();
  std::thread b([&] {
    b_result = host_b_.TryAcquire(*b_);
    done = true;
  });
  // Wait (bounded) until B's backend is blocked on A's row lock.
  auto watcher = Connect();
  bool waiting = false;
  for (int i = 0; i < 200 && !waiting && !done; ++i) {
    auto r = watcher->Exec("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = $1", {b_pid});
    waiting = r.ok() && r->rows() == 1 && r->Bool(0, 0);
    if (!waiting) std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_TRUE(waiting) << "B's takeover should wait on A's fenced row";
  EXPECT_FALSE(done);
  ASSERT_TRUE(a_->Exec("INSERT INTO verdicts VALUES (7, 1)").ok());
  ASSERT_TRUE(txn->Commit().ok());
  b.join();
  ASSERT_TRUE(b_result.ok()) << b_result.status().ToString();
  EXPECT_EQ(*b_result, std::nullopt) << "the renewed lease is live: no takeover";
  EXPECT_EQ(Rows(*b_, "verdicts"), 1);
  auto view = host_b_.Current(*b_);
  EXPECT_EQ((*view)->epoch, 1);
  EXPECT_EQ((*view)->holder, "host-a");
}

TEST_F(LeaderLeaseTest, MigrationsAreRecordedAndRunOnce) {
  auto v = PgSchemaVersion(*b_);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, LatestPgSchemaVersion());
  auto again = MigratePg(*b_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, LatestPgSchemaVersion()) << "nothing left to apply";
  ASSERT_TRUE(b_->Exec("INSERT INTO schema_version VALUES (9999, 'from_the_future')").ok());
  auto newer = MigratePg(*a_);
  EXPECT_EQ(newer.status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace tldmon::store::postgres
