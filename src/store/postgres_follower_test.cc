// GenerationFollower (store/postgres/generation_follower.h) against a real
// PostgreSQL: a committed publish reaches the follower through NOTIFY (the
// poll interval is set far beyond the test's bound, so only the
// notification can explain it), a rolled-back one never does, and a
// follower whose backend was terminated reconnects and catches a publish it
// missed by polling.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>
#include <vector>

#include "store/postgres/generation_follower.h"
#include "store/postgres/pg_migrations.h"
#include "store/postgres/pg_test_lab.h"

namespace tldmon::store::postgres {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

using testing::WaitUntil;

class GenerationFollowerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = testing::SharedPgLab().CreateDatabase();
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    conninfo_ = testing::SharedPgLab().ConnInfo(*db);
    auto c = PgConn::Connect(conninfo_);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    leader_ = std::move(*c);
    ASSERT_TRUE(MigratePg(*leader_).ok());
  }
  Result<std::int64_t> Publish(bool commit) {
    auto txn = PgTransaction::Begin(*leader_);
    if (!txn.ok()) return txn.status();
    auto g = PublishGeneration(*leader_, 1);
    if (!g.ok() || !commit) return g;  // the destructor rolls back
    TLDMON_RETURN_IF_ERROR(txn->Commit());
    return g;
  }
  std::vector<std::int64_t> Seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }
  GenerationFollower::OnGeneration Recorder() {
    return [this](std::int64_t g) {
      std::lock_guard lock(mu_);
      seen_.push_back(g);
    };
  }

  std::string conninfo_;
  std::unique_ptr<PgConn> leader_;
  std::mutex mu_;
  std::vector<std::int64_t> seen_;
};

TEST_F(GenerationFollowerTest, ACommittedPublishIsNotifiedAndARolledBackOneIsNot) {
  GenerationFollower f({conninfo_, milliseconds(600000), milliseconds(100)}, Recorder());
  f.Start();
  // Wait until it listens and its first read has finished (idle after it):
  // a publish from now on can reach it only as a notification.
  ASSERT_TRUE(WaitUntil([&] {
    auto r = leader_->Exec(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'tldmon-follower/%' AND "
        "state = 'idle' AND query LIKE 'SELECT generation%'");
    return r.ok() && r->Int(0, 0) == 1;
  }));
  auto rolled_back = Publish(false);
  ASSERT_TRUE(rolled_back.ok()) << rolled_back.status().ToString();
  auto g = Publish(true);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(*g, 1) << "the rolled-back publish left no trace";
  ASSERT_TRUE(WaitUntil([&] { return f.generation() == 1; }))
      << "the notification should wake the follower";
  EXPECT_EQ(f.notifications(), 1u);
  EXPECT_EQ(f.poll_catches(), 0u);
  ASSERT_TRUE(Publish(true).ok());
  ASSERT_TRUE(WaitUntil([&] { return f.generation() == 2; }));
  f.Stop();
  EXPECT_EQ(Seen(), (std::vector<std::int64_t>{1, 2}));
}

TEST_F(GenerationFollowerTest, AFollowerCutOffReconnectsAndCatchesUpByPolling) {
  GenerationFollower f({conninfo_, milliseconds(200), milliseconds(100)}, Recorder());
  f.Start();
  ASSERT_TRUE(Publish(true).ok());
  ASSERT_TRUE(WaitUntil([&] { return f.generation() == 1; }));
  // Cut it off, and publish while its connection is down: that NOTIFY is lost.
  ASSERT_TRUE(leader_
                  ->Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                         "application_name LIKE 'tldmon-follower/%'")
                  .ok());
  ASSERT_TRUE(Publish(true).ok());
  ASSERT_TRUE(WaitUntil([&] { return f.generation() == 2; })) << "caught after the reconnect";
  EXPECT_GE(f.reconnects(), 1u);
  // A change made without a notification at all is still found by polling.
  ASSERT_TRUE(leader_->Exec("UPDATE publish_state SET generation = generation + 1").ok());
  ASSERT_TRUE(WaitUntil([&] { return f.generation() == 3; }));
  EXPECT_GE(f.poll_catches(), 1u);
  f.Stop();
  EXPECT_EQ(Seen(), (std::vector<std::int64_t>{1, 2, 3}));
}

}  // namespace
}  // namespace tldmon::store::postgres
