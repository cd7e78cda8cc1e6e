// The read connections of PostgresStore (store/postgres/pg_pool.h), against
// a real PostgreSQL (lab/pg_lab.h): the pool lends up to its capacity and
// then answers Unavailable after its wait; a read on a pooled connection
// whose server process ended is sent again on a new one; and a store's reads go on while a write of the same
// store waits inside its transaction (before the pool they queued behind it).
#include "store/postgres/pg_pool.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <optional>
#include <thread>

#include "store/postgres/pg_test_lab.h"
#include "store/postgres/postgres_store.h"
#include "store/store_contract.h"

namespace tldmon::store::postgres {
namespace {

using std::chrono::milliseconds;

std::string FreshDatabase() {
  auto db = testing::SharedPgLab().CreateDatabase();
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? testing::SharedPgLab().ConnInfo(*db) : std::string();
}

TEST(PgPoolTest, LendsUpToItsCapacityThenWaitsThenAnswersUnavailable) {
  PgPool pool(FreshDatabase(), {}, 2, milliseconds(300));
  auto a = pool.Acquire();
  auto b = pool.Acquire();
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(pool.stats().open, 2u);
  EXPECT_NE((*a)->backend_pid(), (*b)->backend_pid());

  auto third = pool.Acquire();
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().code(), StatusCode::kUnavailable) << third.status().ToString();
  const PgPool::Stats busy = pool.stats();
  EXPECT_EQ(busy.lent, 2u);
  EXPECT_EQ(busy.timeouts, 1u);

  // A connection handed back while a caller waits goes to that caller.
  const int pid_a = (*a)->backend_pid();
  std::optional<PgPool::Lease> held(std::move(*a));
  std::thread giver([&] {
    std::this_thread::sleep_for(milliseconds(50));
    held.reset();
  });
  auto waited = pool.Acquire();
  giver.join();
  ASSERT_TRUE(waited.ok()) << waited.status().ToString();
  EXPECT_EQ((*waited)->backend_pid(), pid_a);
  EXPECT_EQ(pool.stats().open, 2u);
  EXPECT_EQ(pool.stats().timeouts, 1u);
  auto one = (*waited)->Exec("SELECT 1");
  EXPECT_TRUE(one.ok()) << one.status().ToString();
}

TEST(PgPoolTest, AReadOnAPooledConnectionWhoseServerProcessEndedIsSentAgain) {
  const std::string conninfo = FreshDatabase();
  PgPool pool(conninfo, {}, 1, milliseconds(300));
  int pid = 0;
  {
    auto c = pool.Acquire();
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    pid = (*c)->backend_pid();
  }
  auto admin = PgConn::Connect(conninfo);
  ASSERT_TRUE(admin.ok()) << admin.status().ToString();
  ASSERT_TRUE((*admin)->Exec("SELECT pg_terminate_backend($1)", {PgParam(pid)}).ok());
  ASSERT_TRUE(testing::WaitUntil([&] {
    auto r = (*admin)->Exec("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", {PgParam(pid)});
    return r.ok() && r->Int(0, 0) == 0;
  }));

  auto c = pool.Acquire();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  // The read meets the dead connection and is sent again on a new one.
  auto first = (*c)->Exec("SELECT 1");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_NE((*c)->backend_pid(), pid);
  EXPECT_EQ(pool.stats().open, 1u);
}

TEST(PostgresStoreReads, GoOnWhileAWriteOfTheSameStoreWaitsInItsTransaction) {
  const std::string conninfo = FreshDatabase();
  auto opened = PostgresStore::Open(conninfo);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  PostgresStore& store = **opened;
  const EntityConfig tld = store::testing::ExampleTld();
  ASSERT_TRUE(store.PutEntities(std::vector{tld}).ok());
  ASSERT_TRUE(store.AddProbe(store::testing::ThreeProbes()[0]).ok());

  // Another session holds the change-generation row: the store's next
  // configuration write waits for it inside its transaction, holding the
  // store's own connection (as a leader's cycle commit does while it runs).
  auto blocker = PgConn::Connect(conninfo);
  ASSERT_TRUE(blocker.ok()) << blocker.status().ToString();
  ASSERT_TRUE((*blocker)->ExecScript("BEGIN").ok());
  ASSERT_TRUE((*blocker)->Exec("SELECT value FROM change_generation WHERE id = 1 FOR UPDATE").ok());
  Status write = Status::Ok();
  std::thread writer([&] { write = store.PutSlaParams(engine::SlaParams::Defaults()); });
  const bool writer_waits = testing::WaitUntil([&] {
    auto r = (*blocker)->Exec(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        " AND datname = current_database()");
    return r.ok() && r->Int(0, 0) >= 1;
  });

  auto reads = std::async(std::launch::async, [&]() -> Status {
    auto verdicts = store.Verdicts(tld.id, Service::kDns, 0, 4'000'000'000);
    if (!verdicts.ok()) return verdicts.status();
    auto incidents = store.Incidents(tld.id, Service::kDns);
    if (!incidents.ok()) return incidents.status();
    auto reports = store.EntityCycleReports(tld.id, TestKind::kDns, 1'767'225'600);
    if (!reports.ok()) return reports.status();
    auto record = store.GetRecord("account", "nobody");
    if (!record.ok()) return record.status();
    auto generation = store.ChangeGeneration();
    if (!generation.ok()) return generation.status();
    auto unknown = store.Verdicts(EntityId{EntityKind::kRegistry, "nope"}, Service::kDns, 0, 1);
    if (unknown.ok() || unknown.status().code() != StatusCode::kNotFound)
      return Internal("an unknown entity's verdicts were not NotFound");
    return Status::Ok();
  });
  const bool reads_done = reads.wait_for(std::chrono::seconds(10)) == std::future_status::ready;

  // Released whatever happened, so that the test ends.
  ASSERT_TRUE((*blocker)->ExecScript("ROLLBACK").ok());
  writer.join();
  ASSERT_TRUE(writer_waits) << "the write never waited for the row lock";
  EXPECT_TRUE(reads_done) << "the reads waited for the store's write in progress";
  const Status read_status = reads.get();
  EXPECT_TRUE(read_status.ok()) << read_status.ToString();
  EXPECT_TRUE(write.ok()) << write.ToString();
}

}  // namespace
}  // namespace tldmon::store::postgres
