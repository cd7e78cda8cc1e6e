#include "store/storage_schedule.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/sqlite/temp_sqlite_store.h"
#include "store/store_contract.h"

namespace tldmon::store::testing {
namespace {

constexpr UnixSeconds kDay = 86400;

class StorageScheduleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TLDMON_ASSERT_OK(store().PutEntities(std::vector{DnsOnlyTld()}));
    for (const ProbeNode& p : ThreeProbes()) TLDMON_ASSERT_OK(store().AddProbe(p));
  }
  Store& store() { return temp_.store(); }

  // Three probes' DNS reports at a few minutes of `day`.
  void PutDay(UnixSeconds day) {
    for (int minute : {0, 17, 1439})
      for (ProbeIndex p = 0; p < 3; ++p)
        TLDMON_ASSERT_OK(
            store().PutReports(std::vector{DnsReport(p, day + 60 * minute, DnsOnlyTld().id)}));
  }
  // The engine has processed DNS up to `cycle`.
  void ProcessedUpTo(UnixSeconds cycle) {
    state_.last_cycle[0] = cycle;
    engine::CycleOutput out;
    out.cycle = cycle;
    TLDMON_ASSERT_OK(store().CommitCycle(out, state_));
  }
  std::vector<std::string> Forms() {
    std::vector<std::string> out;
    Result<std::vector<DayStorage>> days = store().StorageByDay();
    EXPECT_TRUE(days.ok()) << days.status().ToString();
    if (!days.ok()) return out;
    for (const DayStorage& d : *days)
      out.push_back(FormatIso8601(d.day).substr(0, 10) + (d.raw_reports > 0 ? " raw" : "") +
                    (d.compacted_reports > 0 ? " compacted" : ""));
    return out;
  }

  TempSqliteStore temp_;
  engine::EngineState state_;
  std::vector<std::string> log_;
};

TEST_F(StorageScheduleTest, CompactsEveryFinishedDayOldestFirstAndLogsEach) {
  for (int d = 0; d < 3; ++d) ASSERT_NO_FATAL_FAILURE(PutDay(kT0 + d * kDay));
  ASSERT_NO_FATAL_FAILURE(ProcessedUpTo(kT0 + kDay));
  ASSERT_NO_FATAL_FAILURE(ProcessedUpTo(kT0 + 2 * kDay + 600));
  StorageSchedule schedule(&store(), {.retention_days = 90},
                           [this](const std::string& line) { log_.push_back(line); });
  const std::vector<ProbeReport> before = *store().CycleReports(TestKind::kDns, kT0 + 17 * 60);

  // Day 3 is today: not finished, not compacted.
  Result<StorageWork> work = schedule.RunDue(kT0 + 2 * kDay + 3600);
  TLDMON_ASSERT_OK(work);
  EXPECT_EQ(work->days_compacted, 2u);
  EXPECT_EQ(work->reports_compacted, 18u);
  EXPECT_EQ(Forms(), (std::vector<std::string>{"2026-01-01 compacted", "2026-01-02 compacted",
                                               "2026-01-03 raw"}));
  // A start line where the engine's cycle at the next midnight is
  // committed (2026-01-02 00:00), then the outcome of every day.
  EXPECT_EQ(log_,
            (std::vector<std::string>{"storage: compacting 2026-01-01 (9 raw reports, 9 metrics)",
                                      "storage: compacted 2026-01-01: 9 reports into 3 chunks",
                                      "storage: compacted 2026-01-02: 9 reports into 3 chunks"}));
  // Compacted reports read back equal: measurement objects are rebuilt alike.
  EXPECT_EQ(*store().CycleReports(TestKind::kDns, kT0 + 17 * 60), before);

  // Nothing more is due until the engine finishes the day.
  work = schedule.RunDue(kT0 + 3 * kDay + 30);
  TLDMON_ASSERT_OK(work);
  EXPECT_TRUE(work->idle());
  ASSERT_NO_FATAL_FAILURE(ProcessedUpTo(kT0 + 3 * kDay));
  work = schedule.RunDue(kT0 + 3 * kDay + 300);
  TLDMON_ASSERT_OK(work);
  EXPECT_EQ(work->days_compacted, 1u);
}

TEST_F(StorageScheduleTest, DeletesRawDataOlderThanTheRetentionPeriod) {
  for (int d = 0; d < 4; ++d) ASSERT_NO_FATAL_FAILURE(PutDay(kT0 + d * kDay));
  ASSERT_NO_FATAL_FAILURE(ProcessedUpTo(kT0 + 4 * kDay));
  StorageSchedule schedule(&store(), {.retention_days = 2},
                           [this](const std::string& line) { log_.push_back(line); });
  // Today is day 5 (2026-01-05): days 3 and 4 are kept, 1 and 2 go, and
  // what stays is compacted.
  Result<StorageWork> work = schedule.RunDue(kT0 + 4 * kDay + 7200);
  TLDMON_ASSERT_OK(work);
  EXPECT_EQ(work->days_dropped, 2u);
  EXPECT_EQ(work->reports_dropped, 18);
  EXPECT_EQ(work->days_compacted, 2u);
  EXPECT_EQ(Forms(), (std::vector<std::string>{"2026-01-03 compacted", "2026-01-04 compacted"}));
  EXPECT_TRUE(store().CycleReports(TestKind::kDns, kT0 + kDay)->empty());
  EXPECT_EQ(log_.front(),
            "storage: deleted the probe data of 2026-01-01 (9 reports; retention 2 days)");
}

TEST_F(StorageScheduleTest, RetentionZeroKeepsEverything) {
  for (int d = 0; d < 2; ++d) ASSERT_NO_FATAL_FAILURE(PutDay(kT0 + d * kDay));
  ASSERT_NO_FATAL_FAILURE(ProcessedUpTo(kT0 + 2 * kDay));
  StorageSchedule schedule(&store(), {.retention_days = 0});
  Result<StorageWork> work = schedule.RunDue(kT0 + 400 * kDay);
  TLDMON_ASSERT_OK(work);
  EXPECT_EQ(work->days_dropped, 0u);
  EXPECT_EQ(Forms(), (std::vector<std::string>{"2026-01-01 compacted", "2026-01-02 compacted"}));
}

TEST_F(StorageScheduleTest, AShutdownStopsBetweenDays) {
  for (int d = 0; d < 3; ++d) ASSERT_NO_FATAL_FAILURE(PutDay(kT0 + d * kDay));
  ASSERT_NO_FATAL_FAILURE(ProcessedUpTo(kT0 + 3 * kDay));
  StorageSchedule schedule(&store(), {});
  int asked = 0;
  Result<StorageWork> work = schedule.RunDue(kT0 + 3 * kDay + 600, [&] { return ++asked <= 1; });
  TLDMON_ASSERT_OK(work);
  EXPECT_EQ(work->days_compacted, 1u);
  // The next run resumes.
  work = schedule.RunDue(kT0 + 3 * kDay + 600);
  TLDMON_ASSERT_OK(work);
  EXPECT_EQ(work->days_compacted, 2u);
}

}  // namespace
}  // namespace tldmon::store::testing
