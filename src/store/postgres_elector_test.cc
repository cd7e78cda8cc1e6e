// LeaderElector (store/postgres/leader_elector.h) against a real PostgreSQL:
// of two hosts exactly one leads; a resign hands over; and a leader cut off
// from the database (its role barred from logging in and its backend
// terminated: a partition as PostgreSQL sees it) stops leading before the
// other host can take over. Short ttls; every wait is bounded.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>
#include <vector>

#include "lab/pg_lab.h"
#include "store/postgres/pg_test_lab.h"
#include "store/postgres/leader_elector.h"
#include "store/postgres/pg_migrations.h"

namespace tldmon::store::postgres {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

lab::PgLab& Lab() { return testing::SharedPgLab(); }

// Every role change of one host, with when it happened.
struct Timeline {
  std::mutex mu;
  std::vector<std::pair<Clock::time_point, std::optional<std::int64_t>>> changes;
  LeaderElector::RoleChange Recorder() {
    return [this](std::optional<std::int64_t> epoch) {
      std::lock_guard lock(mu);
      changes.emplace_back(Clock::now(), epoch);
    };
  }
  std::optional<Clock::time_point> When(std::optional<std::int64_t> epoch) {
    std::lock_guard lock(mu);
    for (const auto& [at, e] : changes) {
      if (e == epoch) return at;
    }
    return std::nullopt;
  }
};

using testing::WaitUntil;

class LeaderElectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Lab().CreateDatabase();
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = *db;
    auto admin = PgConn::Connect(Lab().ConnInfo(db_));
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    admin_ = std::move(*admin);
    ASSERT_TRUE(MigratePg(*admin_).ok());
  }
  ElectorOptions Options(const std::string& holder, const std::string& conninfo) {
    ElectorOptions o;
    o.conninfo = conninfo;
    o.holder = holder;
    o.ttl = milliseconds(2000);
    o.attempt_every = milliseconds(100);
    return o;
  }
  std::string db_;
  std::unique_ptr<PgConn> admin_;
};

TEST_F(LeaderElectorTest, ExactlyOneOfTwoHostsLeadsAndAResignHandsOver) {
  Timeline ta, tb;
  // A ttl far beyond every wait here: only a resign can hand the lease over.
  ElectorOptions oa = Options("host-a", Lab().ConnInfo(db_));
  ElectorOptions ob = Options("host-b", Lab().ConnInfo(db_));
  oa.ttl = ob.ttl = milliseconds(60000);
  LeaderElector a(oa, ta.Recorder());
  LeaderElector b(ob, tb.Recorder());
  a.Start();
  b.Start();
  ASSERT_TRUE(WaitUntil([&] { return a.LeadingEpoch() || b.LeadingEpoch(); }));
  // Give the other a few attempts: it must stay a follower.
  std::this_thread::sleep_for(milliseconds(500));
  const bool a_leads = a.LeadingEpoch().has_value();
  EXPECT_NE(a_leads, b.LeadingEpoch().has_value()) << "exactly one leader";
  LeaderElector& leader = a_leads ? a : b;
  LeaderElector& follower = a_leads ? b : a;
  EXPECT_EQ(leader.LeadingEpoch(), std::optional<std::int64_t>(1));
  leader.Stop(/*resign=*/true);
  EXPECT_EQ(leader.LeadingEpoch(), std::nullopt);
  ASSERT_TRUE(WaitUntil([&] { return follower.LeadingEpoch().has_value(); }))
      << "a resign lets the follower take over at its next attempt, not after the ttl";
  EXPECT_EQ(follower.LeadingEpoch(), std::optional<std::int64_t>(2));
  EXPECT_EQ(follower.terms(), 1u);
}

TEST_F(LeaderElectorTest, ALeaderCutOffFromTheDatabaseStopsBeforeAnotherTakesOver) {
  ASSERT_TRUE(admin_->ExecScript("CREATE ROLE host_a LOGIN; CREATE ROLE host_b LOGIN").ok() ||
              admin_->ExecScript("ALTER ROLE host_a LOGIN").ok());
  ASSERT_TRUE(admin_->ExecScript("GRANT ALL ON leader_lease TO host_a, host_b").ok());
  const std::string tcp = Lab().TcpConnInfo(db_);
  Timeline ta, tb;
  LeaderElector a(Options("host-a", tcp + " user=host_a"), ta.Recorder());
  a.Start();
  ASSERT_TRUE(WaitUntil([&] { return a.LeadingEpoch().has_value(); }));
  const std::int64_t epoch_a = *a.LeadingEpoch();
  LeaderElector b(Options("host-b", tcp + " user=host_b"), tb.Recorder());
  b.Start();
  std::this_thread::sleep_for(milliseconds(300));
  ASSERT_FALSE(b.LeadingEpoch().has_value());
  // The partition: host A can no longer reach the database.
  ASSERT_TRUE(admin_->ExecScript("ALTER ROLE host_a NOLOGIN").ok());
  ASSERT_TRUE(admin_->Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'host_a'").ok());
  ASSERT_TRUE(WaitUntil([&] { return b.LeadingEpoch().has_value(); }))
      << "host B takes over once A's lease expires";
  EXPECT_EQ(*b.LeadingEpoch(), epoch_a + 1);
  EXPECT_FALSE(a.LeadingEpoch().has_value());
  const auto a_down = ta.When(std::nullopt);
  const auto b_up = tb.When(epoch_a + 1);
  ASSERT_TRUE(a_down.has_value()) << "A was told it stopped leading";
  ASSERT_TRUE(b_up.has_value());
  EXPECT_LT(*a_down, *b_up) << "never two leaders: A stepped down before B took over";
  EXPECT_EQ(a.losses(), 1u);
  // Reconnected, A follows: it does not take the lease back.
  ASSERT_TRUE(admin_->ExecScript("ALTER ROLE host_a LOGIN").ok());
  std::this_thread::sleep_for(milliseconds(500));
  EXPECT_FALSE(a.LeadingEpoch().has_value());
  EXPECT_EQ(b.LeadingEpoch(), std::optional<std::int64_t>(epoch_a + 1));
}

}  // namespace
}  // namespace tldmon::store::postgres
