// `tldmon admin migrate`'s core (store/store_migration.h) against a real
// PostgreSQL: a SQLite store filled by the engine over a simulated day and
// three hours (faults for incidents and alerts, a compacted day, a false
// positive, a disabled probe, a removed TLD, keyed records) is copied and
// verified; the copy then goes on processing the next hours exactly as the
// original does; a second migration into it is refused; and damage done to
// the copy afterwards is found by the verification.
#include "store/store_migration.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "ingest/cycle_pipeline.h"
#include "sim/fault_parse.h"
#include "sim/network.h"
#include "sim/network_feed.h"
#include "sim/network_topology.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_test_lab.h"
#include "store/sqlite/temp_sqlite_store.h"

namespace tldmon::store {
namespace {

constexpr std::uint64_t kSeed = 5;
constexpr UnixSeconds kStart = 1767225600;  // 2026-01-01T00:00:00Z
constexpr UnixSeconds kCopied = kStart + 27 * 3600;
constexpr UnixSeconds kEnd = kCopied + 2 * 3600;

sim::NetworkOptions Network() {
  sim::NetworkOptions net;
  net.seed = kSeed;
  for (const char* spec :
       {"ns-down entity=* from=+70m for=25m", "rdap-error entity=* http=503 from=+3h for=40m",
        "probe-offline probes=2 from=+26h for=40m", "ns-down entity=* from=+1650m for=30m"}) {
    auto f = sim::ParseFault(spec, kStart);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    if (f.ok()) net.faults.push_back(*f);
  }
  return net;
}

// Runs the engine on `store` over [from, to) of the simulated network.
void Feed(Store& store, UnixSeconds from, UnixSeconds to) {
  ingest::PipelineOptions o;
  o.start = kStart;
  o.publish_documents = false;
  o.alerts = engine::AlertRules{};
  FakeClock clock(from);
  auto p = ingest::CyclePipeline::Open(&store, nullptr, &clock, o);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const sim::NetworkSimulator network((*p)->engine().entities(), (*p)->engine().probes(),
                                      Network());
  sim::NetworkFeed feed(&network, p->get(), &clock);
  ASSERT_TRUE(feed.RunUntil(to, 120).ok());
}

class StoreMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Store& s = lite_.store();
    const std::vector<EntityConfig> tlds = sim::SyntheticTlds(3, kSeed);
    ASSERT_TRUE(s.PutEntities(tlds).ok());
    for (const ProbeNode& p : sim::SyntheticProbes(22, kSeed)) ASSERT_TRUE(s.AddProbe(p).ok());
    Feed(s, kStart, kStart + 26 * 3600);
    ASSERT_TRUE(s.CompactDay(kStart).ok());
    // An operator's false positive on the first DNS incident.
    auto incidents = s.Incidents(tlds[0].id, Service::kDns);
    ASSERT_TRUE(incidents.ok());
    ASSERT_FALSE(incidents->empty()) << "the ns-down fault made no incident";
    {
      ingest::PipelineOptions o;
      o.start = kStart;
      o.publish_documents = false;
      FakeClock clock(kStart + 26 * 3600);
      auto p = ingest::CyclePipeline::Open(&s, nullptr, &clock, o);
      ASSERT_TRUE(p.ok());
      ASSERT_TRUE((*p)->SetFalsePositive(tlds[0].id, Service::kDns, incidents->front().Id(), true,
                                         "alice", kStart + 26 * 3600)
                      .ok());
    }
    ASSERT_TRUE(s.SetProbeEnabled(21, false).ok());
    ASSERT_TRUE(s.PutRecord("auth.account", "alice", std::string("\x01\x00\xff\n\t\\", 6)).ok());
    ASSERT_TRUE(s.PutRecord("app.settings", "name", "tab\there").ok());
    ASSERT_TRUE(s.SetAlertCursor("webhook", 1).ok());
    Feed(s, kStart + 26 * 3600, kCopied - 1800);
    ASSERT_TRUE(s.RemoveEntity(tlds[2].id).ok());
    Feed(s, kCopied - 1800, kCopied);

    auto db = postgres::testing::SharedPgLab().CreateDatabase();
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    conninfo_ = postgres::testing::SharedPgLab().ConnInfo(*db);
    auto pg = PostgresStore::Open(conninfo_);
    ASSERT_TRUE(pg.ok()) << pg.status().ToString();
    pg_ = std::move(*pg);
  }

  Result<VerifyReport> Verify() { return VerifyMigration(lite_.path(), lite_.store(), *pg_, {}); }

  testing::TempSqliteStore lite_;
  std::string conninfo_;
  std::unique_ptr<PostgresStore> pg_;
};

std::int64_t RowsOf(const std::vector<TableCount>& counts, std::string_view table) {
  for (const TableCount& c : counts)
    if (c.table == table) return c.rows;
  return -1;
}

TEST_F(StoreMigrationTest, CopiesEverythingAndTheCopyGoesOnAsTheOriginal) {
  std::int64_t progress_calls = 0;
  auto counts = MigrateSqliteToPostgres(
      lite_.path(), lite_.store(), *pg_,
      [&](std::string_view, std::int64_t, std::int64_t) { ++progress_calls; });
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_GT(progress_calls, 0);
  // Both report forms, engine results, alerts and the operator's trail.
  for (const char* t : {"report_batch", "report_chunk", "service_verdict", "ns_ip_verdict",
                        "processed_cycle", "probe_minute", "dict", "alert_event",
                        "false_positive_change", "keyed_record", "entity_config_version"})
    EXPECT_GT(RowsOf(*counts, t), 0) << t;

  auto report = Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->differences.empty()) << report->differences.front();
  EXPECT_GT(report->rows_compared, 10000);
  EXPECT_GT(report->checks, 30);

  // Independently of the verification: what a host reads on each.
  const std::vector<EntityConfig> tlds = sim::SyntheticTlds(3, kSeed);
  EXPECT_EQ(*pg_->LoadEngineState(), *lite_.store().LoadEngineState());
  EXPECT_EQ(pg_->LoadEntities()->size(), 2u);
  EXPECT_FALSE(pg_->LoadProbes()->at(21).enabled);
  EXPECT_EQ(*pg_->GetRecord("auth.account", "alice"), std::string("\x01\x00\xff\n\t\\", 6));
  EXPECT_EQ(*pg_->AlertCursor("webhook"), 1);
  EXPECT_EQ(pg_->FalsePositiveHistory(tlds[0].id, Service::kDns)->size(), 1u);
  // The removed TLD's history stays readable.
  EXPECT_EQ(pg_->Verdicts(tlds[2].id, Service::kDns, kStart, kCopied)->size(),
            lite_.store().Verdicts(tlds[2].id, Service::kDns, kStart, kCopied)->size());
  EXPECT_EQ(*pg_->EntityCycleReports(tlds[1].id, TestKind::kDns, kStart + 3600),
            *lite_.store().EntityCycleReports(tlds[1].id, TestKind::kDns, kStart + 3600));

  // Both go on for two more hours (another incident among them).
  Feed(lite_.store(), kCopied, kEnd);
  Feed(*pg_, kCopied, kEnd);
  EXPECT_EQ(*pg_->LoadEngineState(), *lite_.store().LoadEngineState());
  for (const EntityConfig& e : tlds)
    for (Service s : {Service::kDns, Service::kRdap}) {
      EXPECT_EQ(*pg_->Incidents(e.id, s), *lite_.store().Incidents(e.id, s)) << e.id.Path();
      const auto a = pg_->Verdicts(e.id, s, kCopied, kEnd);
      const auto b = lite_.store().Verdicts(e.id, s, kCopied, kEnd);
      ASSERT_TRUE(a.ok() && b.ok());
      ASSERT_EQ(a->size(), b->size());
      for (std::size_t i = 0; i < a->size(); ++i) {
        EXPECT_EQ((*a)[i].cycle, (*b)[i].cycle);
        EXPECT_EQ((*a)[i].verdict.status, (*b)[i].verdict.status);
      }
    }
  // New rows get ids after the copied ones (the sequences moved on).
  EntityConfig fresh = tlds[0];
  fresh.id = EntityId{EntityKind::kRegistry, "migrated-later"};
  EXPECT_TRUE(pg_->PutEntities(std::vector{fresh}).ok());
  EXPECT_TRUE(pg_->RecordAlerts(*pg_->LoadAlertTracker().value(),
                                std::vector<StoredAlertEvent>{{0, kEnd, "f", true, "{}"}})
                  .ok());
}

TEST_F(StoreMigrationTest, ASecondMigrationIntoTheSameDatabaseIsRefused) {
  ASSERT_TRUE(MigrateSqliteToPostgres(lite_.path(), lite_.store(), *pg_, {}).ok());
  auto again = MigrateSqliteToPostgres(lite_.path(), lite_.store(), *pg_, {});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(again.status().message().find("not empty"), std::string::npos)
      << again.status().message();
  auto report = Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->differences.empty());
}

TEST_F(StoreMigrationTest, TheVerificationFindsAChangedAMissingAndAnExtraRow) {
  auto before = Verify();
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->differences.empty()) << "an empty target must not pass";
  ASSERT_TRUE(MigrateSqliteToPostgres(lite_.path(), lite_.store(), *pg_, {}).ok());
  auto conn = postgres::PgConn::Connect(conninfo_);
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)
                  ->ExecScript("UPDATE service_verdict SET positive = positive + 1 WHERE cycle = "
                               "(SELECT min(cycle) FROM service_verdict);"
                               "DELETE FROM report_chunk WHERE chunk_start = "
                               "(SELECT max(chunk_start) FROM report_chunk);"
                               "INSERT INTO alert_cursor (channel, delivered) VALUES ('x', 0)")
                  .ok());
  auto report = Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::string all;
  for (const std::string& d : report->differences) all += d + "\n";
  EXPECT_NE(all.find("service_verdict: row ("), std::string::npos) << all;
  EXPECT_NE(all.find("report_chunk: SQLite has a row PostgreSQL has not"), std::string::npos)
      << all;
  EXPECT_NE(all.find("alert_cursor: PostgreSQL has a row SQLite has not"), std::string::npos)
      << all;
}

}  // namespace
}  // namespace tldmon::store
