// Probe reports on PostgreSQL with several hosts: two PostgresStore
// instances on one database stand for two `serve` hosts that probes post
// to (issue 13: "the same result sent to two hosts is stored once").
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_test_lab.h"
#include "store/postgres/postgres_store.h"
#include "store/report_validation.h"
#include "store/store_contract.h"

namespace tldmon::store::testing {
namespace {

class TwoHosts : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = postgres::testing::SharedPgLab().CreateDatabase();
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    conninfo_ = postgres::testing::SharedPgLab().ConnInfo(*db);
    for (auto* host : {&a_, &b_}) {
      auto s = PostgresStore::Open(conninfo_);
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      *host = std::move(*s);
    }
    TLDMON_ASSERT_OK(a_->PutEntities(std::vector{ExampleTld(), DnsOnlyTld(), Registrar()}));
    for (const ProbeNode& p : ThreeProbes()) TLDMON_ASSERT_OK(a_->AddProbe(p));
  }

  std::string conninfo_;
  std::unique_ptr<PostgresStore> a_;
  std::unique_ptr<PostgresStore> b_;
};

// Every probe posts the same cycle to both hosts at once, many times over:
// each report is stored once, and the two hosts' outcomes add up.
TEST_F(TwoHosts, TheSameReportsPostedToBothHostsAtOnceAreStoredOnce) {
  constexpr int kCycles = 20;
  std::vector<std::vector<ProbeReport>> batches;
  for (int c = 0; c < kCycles; ++c)
    for (ProbeIndex p = 0; p < 3; ++p)
      batches.push_back({DnsReport(p, kT0 + c * 60), DnsReport(p, kT0 + c * 60, DnsOnlyTld().id)});
  PutOutcome total_a, total_b;
  Status error_a = Status::Ok(), error_b = Status::Ok();
  auto post = [&batches](PostgresStore& host, PutOutcome& total, Status& error) {
    for (const auto& batch : batches) {
      Result<PutOutcome> out = host.PutReports(batch);
      if (!out.ok()) {
        error = out.status();
        return;
      }
      total.inserted += out->inserted;
      total.duplicates += out->duplicates;
    }
  };
  std::thread ta(post, std::ref(*a_), std::ref(total_a), std::ref(error_a));
  std::thread tb(post, std::ref(*b_), std::ref(total_b), std::ref(error_b));
  ta.join();
  tb.join();
  TLDMON_ASSERT_OK(error_a);
  TLDMON_ASSERT_OK(error_b);
  const std::size_t reports = batches.size() * 2;
  EXPECT_EQ(total_a.inserted + total_b.inserted, reports);
  EXPECT_EQ(total_a.duplicates + total_b.duplicates, reports);
  for (int c = 0; c < kCycles; ++c) {
    Result<std::vector<ProbeReport>> on_b = b_->CycleReports(TestKind::kDns, kT0 + c * 60);
    TLDMON_ASSERT_OK(on_b);
    ASSERT_EQ(on_b->size(), 6u) << "cycle " << c;
    EXPECT_EQ(*on_b, *a_->CycleReports(TestKind::kDns, kT0 + c * 60));
  }
  Result<std::vector<DayStorage>> days = a_->StorageByDay();
  TLDMON_ASSERT_OK(days);
  ASSERT_EQ(days->size(), 1u);
  EXPECT_EQ((*days)[0].raw_reports, static_cast<std::int64_t>(reports));
}

// Strings new to the dictionary arrive at both hosts, interleaved: the
// codes stay dense and unique, and each host reads what the other wrote.
TEST_F(TwoHosts, DictionaryCodesFromTwoHostsNeverCollide) {
  std::vector<ProbeReport> written;
  for (int i = 0; i < 30; ++i) {
    ProbeReport r = DnsReport(static_cast<ProbeIndex>(i % 3), kT0 + (i / 3) * 60);
    r.metrics[0].nsid = "6e73" + std::to_string(1000 + i);  // a new string each time
    PostgresStore& host = i % 2 == 0 ? *a_ : *b_;
    TLDMON_ASSERT_OK(host.PutReports(std::vector{r}));
    written.push_back(r);
  }
  for (const ProbeReport& r : written)
    for (PostgresStore* host : {a_.get(), b_.get()}) {
      Result<std::vector<ProbeReport>> back = host->EntityCycleReports(r.entity, r.test, r.cycle);
      TLDMON_ASSERT_OK(back);
      bool found = false;
      for (const ProbeReport& got : *back) found = found || got == r;
      EXPECT_TRUE(found) << DescribeReport(r);
    }
  auto conn = postgres::PgConn::Connect(conninfo_);
  ASSERT_TRUE(conn.ok());
  auto dict = (*conn)->Exec("SELECT count(*), max(id) FROM dict");
  ASSERT_TRUE(dict.ok());
  EXPECT_EQ(dict->Int(0, 0), dict->Int(0, 1)) << "codes are dense";
}

// A day's reports live in that day's partition, and PostgreSQL does not
// compress the encoded blobs a second time (STORAGE EXTERNAL).
TEST_F(TwoHosts, ReportsGoToTheirDaysPartitionUncompressedByPostgres) {
  TLDMON_ASSERT_OK(a_->PutReports(std::vector{DnsReport(0, kT0), DnsReport(0, kT0 + 86400)}));
  auto conn = postgres::PgConn::Connect(conninfo_);
  ASSERT_TRUE(conn.ok());
  auto parts = (*conn)->Exec(
      "SELECT c.relname, a.attstorage FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
      " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'reports'"
      " WHERE i.inhparent = 'report_batch'::regclass ORDER BY c.relname");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->rows(), 2);
  EXPECT_EQ(parts->text(0, 0), "report_batch_d" + std::to_string(kT0 / 86400));
  EXPECT_EQ(parts->text(1, 0), "report_batch_d" + std::to_string(kT0 / 86400 + 1));
  EXPECT_EQ(parts->text(0, 1), "e");
  EXPECT_EQ(parts->text(1, 1), "e");
  auto rows = (*conn)->Exec("SELECT count(*) FROM ONLY report_batch");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->Int(0, 0), 0) << "the parent holds no rows itself";
}

// Retention drops whole day partitions; a host that still believes in a
// dropped partition (it wrote there before) stores a late report for that
// day anyway, in the partition made again.
TEST_F(TwoHosts, RetentionDropsDayPartitionsAndALateReportStillLands) {
  constexpr UnixSeconds kDay = 86400;
  TLDMON_ASSERT_OK(a_->PutReports(
      std::vector{DnsReport(0, kT0), DnsReport(0, kT0 + kDay), DnsReport(0, kT0 + 2 * kDay)}));
  TLDMON_ASSERT_OK(b_->PutReports(std::vector{DnsReport(1, kT0)}));
  engine::CycleOutput out;
  out.test = TestKind::kDns;
  out.cycle = kT0 + 2 * kDay;
  engine::EngineState state;
  state.last_cycle[static_cast<std::size_t>(TestKind::kDns)] = out.cycle;
  TLDMON_ASSERT_OK(a_->CommitCycle(out, state));

  Result<RetentionOutcome> dropped = a_->DropProbeDataBefore(kT0 + 2 * kDay);
  TLDMON_ASSERT_OK(dropped);
  EXPECT_EQ(dropped->days, 2u);
  EXPECT_EQ(dropped->reports, 3);
  auto conn = postgres::PgConn::Connect(conninfo_);
  ASSERT_TRUE(conn.ok());
  auto parts = (*conn)->Exec(
      "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
      " WHERE i.inhparent = 'report_batch'::regclass ORDER BY c.relname");
  ASSERT_TRUE(parts.ok());
  ASSERT_EQ(parts->rows(), 1);
  EXPECT_EQ(parts->text(0, 0), "report_batch_d" + std::to_string(kT0 / kDay + 2));
  EXPECT_TRUE(b_->CycleReports(TestKind::kDns, kT0)->empty());

  TLDMON_ASSERT_OK(b_->PutReports(std::vector{DnsReport(2, kT0)}));
  EXPECT_EQ(*a_->CycleReports(TestKind::kDns, kT0), std::vector{DnsReport(2, kT0)});
}

}  // namespace
}  // namespace tldmon::store::testing
