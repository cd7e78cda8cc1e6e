// The store contract suite on PostgresStore, against a real PostgreSQL
// (the test's own cluster, lab/pg_lab.h): one fresh database per test.
#include "store/postgres/postgres_store.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/postgres/pg_test_lab.h"
#include "store/store_contract.h"

namespace tldmon::store::testing {
namespace {

class PostgresHarness : public StoreHarness {
 public:
  PostgresHarness() {
    auto db = postgres::testing::SharedPgLab().CreateDatabase();
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (db.ok()) conninfo_ = postgres::testing::SharedPgLab().ConnInfo(*db);
  }
  Result<std::unique_ptr<Store>> Open() override {
    auto s = PostgresStore::Open(conninfo_);
    if (!s.ok()) return s.status();
    return std::unique_ptr<Store>(std::move(*s));
  }

 private:
  std::string conninfo_;
};

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContractTest,
                         ::testing::Values(StoreBackend{
                             "Postgres", [] { return std::make_unique<PostgresHarness>(); }}),
                         BackendName);

}  // namespace
}  // namespace tldmon::store::testing

namespace tldmon::store::testing {
namespace {

// A PostgreSQL restart under the store: what was committed is there after
// it, and the store reconnects by itself (the statement that met the dead
// connection fails Unavailable; the next one reconnects). Its own cluster:
// the shared one must not restart under the other tests.
TEST(PostgresStoreRestart, AStoreReconnectsAfterAPostgresRestartAndLosesNothing) {
  auto lab = lab::PgLab::Start();
  ASSERT_TRUE(lab.ok()) << lab.status().ToString();
  auto db = (*lab)->CreateDatabase();
  ASSERT_TRUE(db.ok());
  auto store = PostgresStore::Open((*lab)->ConnInfo(*db));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  TLDMON_ASSERT_OK((*store)->PutEntities(std::vector{ExampleTld()}));
  TLDMON_ASSERT_OK((*store)->AddProbe(ThreeProbes()[0]));
  ASSERT_TRUE((*lab)->Restart().ok());
  Result<std::vector<EntityConfig>> entities = (*store)->LoadEntities();
  if (!entities.ok()) {
    EXPECT_EQ(entities.status().code(), StatusCode::kUnavailable) << entities.status().ToString();
    entities = (*store)->LoadEntities();
  }
  ASSERT_TRUE(entities.ok()) << entities.status().ToString();
  ASSERT_EQ(entities->size(), 1u);
  EXPECT_EQ((*entities)[0].id, ExampleTld().id);
  auto probes = (*store)->LoadProbes();
  ASSERT_TRUE(probes.ok()) << probes.status().ToString();
  EXPECT_EQ(probes->size(), 1u);
  // And it writes again.
  TLDMON_ASSERT_OK((*store)->AddProbe(ThreeProbes()[1]));
}

}  // namespace
}  // namespace tldmon::store::testing
