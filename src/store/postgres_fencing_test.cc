// PostgresStore's engine writes under the leader lease: a store fenced with
// a stale epoch writes nothing (issue 13: "a stale leader can never
// write"), and the new leader's store resumes from exactly what the old
// one committed.
#include <gtest/gtest.h>

#include <memory>

#include "store/postgres/leader_lease.h"
#include "store/postgres/pg_test_lab.h"
#include "store/postgres/postgres_store.h"
#include "store/store_contract.h"

namespace tldmon::store::testing {
namespace {

using std::chrono::milliseconds;

engine::CycleOutput EmptyDnsCycle(UnixSeconds cycle, engine::EngineState& state) {
  engine::CycleOutput out;
  out.test = TestKind::kDns;
  out.cycle = cycle;
  state.last_cycle[static_cast<std::size_t>(TestKind::kDns)] = cycle;
  return out;
}

TEST(PostgresFencing, AStaleLeadersCommitFailsAndLeavesNothing) {
  auto db = postgres::testing::SharedPgLab().CreateDatabase();
  ASSERT_TRUE(db.ok());
  const std::string conninfo = postgres::testing::SharedPgLab().ConnInfo(*db);
  auto a = PostgresStore::Open(conninfo);
  auto b = PostgresStore::Open(conninfo);
  ASSERT_TRUE(a.ok() && b.ok());
  TLDMON_ASSERT_OK((*a)->PutEntities(std::vector{ExampleTld()}));
  auto conn_a = postgres::PgConn::Connect(conninfo);
  auto conn_b = postgres::PgConn::Connect(conninfo);
  ASSERT_TRUE(conn_a.ok() && conn_b.ok());

  auto lease_a = std::make_shared<postgres::LeaderLease>("engine", "host-a", milliseconds(15000));
  auto lease_b = std::make_shared<postgres::LeaderLease>("engine", "host-b", milliseconds(15000));
  auto epoch_a = lease_a->TryAcquire(**conn_a);
  ASSERT_TRUE(epoch_a.ok() && epoch_a->has_value());
  (*a)->SetEngineFence(lease_a.get(), **epoch_a);
  engine::EngineState state;
  TLDMON_ASSERT_OK((*a)->CommitCycle(EmptyDnsCycle(kT0, state), state));

  // Host A pauses past its lease; host B takes over.
  ASSERT_TRUE((*conn_b)
                  ->Exec("UPDATE leader_lease SET expires_at = clock_timestamp() - interval '1 s'")
                  .ok());
  auto epoch_b = lease_b->TryAcquire(**conn_b);
  ASSERT_TRUE(epoch_b.ok() && epoch_b->has_value());
  EXPECT_GT(**epoch_b, **epoch_a);

  // A wakes up and commits its next cycle: refused, nothing lands.
  engine::EngineState stale = state;
  const Status refused = (*a)->CommitCycle(EmptyDnsCycle(kT0 + 60, stale), stale);
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition) << refused.ToString();
  EXPECT_EQ((*b)->CycleProbeOnline(TestKind::kDns, kT0 + 60).status().code(),
            StatusCode::kNotFound);
  Result<engine::EngineState> loaded = (*b)->LoadEngineState();
  TLDMON_ASSERT_OK(loaded);
  EXPECT_EQ(loaded->last_cycle[0], kT0);

  // B resumes at the next unprocessed cycle.
  (*b)->SetEngineFence(lease_b.get(), **epoch_b);
  engine::EngineState next = *loaded;
  TLDMON_ASSERT_OK((*b)->CommitCycle(EmptyDnsCycle(kT0 + 60, next), next));
  EXPECT_EQ((*a)->LoadEngineState()->last_cycle[0], kT0 + 60);
}

}  // namespace
}  // namespace tldmon::store::testing
