// Store contract, part 4: storage upkeep — per-day storage counters in both
// forms, the oldest raw day, and the retention of raw probe data (which keeps
// everything the engine has not finished and every engine result).
#include "store/store_contract.h"

namespace tldmon::store::testing {
namespace {

using ::testing::ElementsAre;

constexpr UnixSeconds kDay = 86400;

// Reports of 2026-01-01 in two 900 s chunks, DNS and RDDS.
std::vector<ProbeReport> SomeReportsOf(UnixSeconds day) {
  std::vector<ProbeReport> v;
  for (int minute : {0, 1, 20})
    for (ProbeIndex p = 0; p < 3; ++p) {
      v.push_back(DnsReport(p, day + 60 * minute));
      v.push_back(DnsReport(p, day + 60 * minute, DnsOnlyTld().id));
    }
  v.push_back(RddsReport(0, day + 300));
  return v;
}

std::int64_t MetricsIn(const std::vector<ProbeReport>& reports) {
  std::int64_t n = 0;
  for (const ProbeReport& r : reports) n += static_cast<std::int64_t>(r.metrics.size());
  return n;
}

// Commits an empty cycle of `test` at `cycle` (the engine finished it).
void Commit(Store& store, TestKind test, UnixSeconds cycle, engine::EngineState& state) {
  state.last_cycle[static_cast<std::size_t>(test)] = cycle;
  engine::CycleOutput o;
  o.test = test;
  o.cycle = cycle;
  TLDMON_ASSERT_OK(store.CommitCycle(o, state));
}

TEST_P(StoreContractTest, StorageByDayCountsReportsMetricsAndBytesInBothForms) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  Result<std::vector<DayStorage>> empty = store_->StorageByDay();
  TLDMON_ASSERT_OK(empty);
  EXPECT_TRUE(empty->empty());

  const std::vector<ProbeReport> day1 = SomeReportsOf(kT0);
  const std::vector<ProbeReport> day2 = {DnsReport(0, kT0 + kDay)};
  TLDMON_ASSERT_OK(store_->PutReports(day1));
  TLDMON_ASSERT_OK(store_->PutReports(day2));
  TLDMON_ASSERT_OK(store_->PutReports(day1));  // duplicates change nothing
  Result<std::vector<DayStorage>> raw = store_->StorageByDay();
  TLDMON_ASSERT_OK(raw);
  ASSERT_EQ(raw->size(), 2u);
  const DayStorage& d1 = (*raw)[0];
  EXPECT_EQ(d1.day, kT0);
  EXPECT_EQ(d1.raw_reports, static_cast<std::int64_t>(day1.size()));
  EXPECT_EQ(d1.raw_metrics, MetricsIn(day1));
  EXPECT_GT(d1.raw_bytes, 0);
  EXPECT_EQ(d1.compacted_reports + d1.compacted_metrics + d1.compacted_bytes, 0);
  EXPECT_EQ((*raw)[1].day, kT0 + kDay);
  EXPECT_EQ((*raw)[1].raw_reports, 1);
  EXPECT_EQ((*raw)[1].raw_metrics, MetricsIn(day2));

  ASSERT_NO_FATAL_FAILURE(FinishDay());
  TLDMON_ASSERT_OK(store_->CompactDay(kT0));
  Result<std::vector<DayStorage>> packed = store_->StorageByDay();
  TLDMON_ASSERT_OK(packed);
  ASSERT_EQ(packed->size(), 2u);
  const DayStorage& c1 = (*packed)[0];
  EXPECT_EQ(c1.raw_reports + c1.raw_metrics + c1.raw_bytes, 0);
  EXPECT_EQ(c1.compacted_reports, static_cast<std::int64_t>(day1.size()));
  EXPECT_EQ(c1.compacted_metrics, MetricsIn(day1));
  EXPECT_GT(c1.compacted_bytes, 0);
  EXPECT_EQ((*packed)[1], (*raw)[1]);

  // A late report makes the day mixed until the next compaction merges it.
  const ProbeReport late = DnsReport(0, kT0 + 120);
  TLDMON_ASSERT_OK(store_->PutReports(std::vector{late}));
  Result<std::vector<DayStorage>> mixed = store_->StorageByDay();
  TLDMON_ASSERT_OK(mixed);
  EXPECT_EQ((*mixed)[0].raw_reports, 1);
  EXPECT_EQ((*mixed)[0].compacted_reports, static_cast<std::int64_t>(day1.size()));
  TLDMON_ASSERT_OK(store_->CompactDay(kT0));
  Reopen();
  Result<std::vector<DayStorage>> merged = store_->StorageByDay();
  TLDMON_ASSERT_OK(merged);
  EXPECT_EQ((*merged)[0].raw_reports, 0);
  EXPECT_EQ((*merged)[0].raw_bytes, 0);
  EXPECT_EQ((*merged)[0].compacted_reports, static_cast<std::int64_t>(day1.size()) + 1);
  EXPECT_EQ((*merged)[0].compacted_metrics, MetricsIn(day1) + MetricsIn({late}));
}

TEST_P(StoreContractTest, OldestRawDayIsTheNextDayToCompact) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  Result<std::optional<UnixSeconds>> none = store_->OldestRawDay();
  TLDMON_ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  TLDMON_ASSERT_OK(store_->PutReports(SomeReportsOf(kT0)));
  TLDMON_ASSERT_OK(store_->PutReports(std::vector{RddsReport(0, kT0 + kDay + 3600)}));
  EXPECT_EQ(*store_->OldestRawDay(), std::optional<UnixSeconds>(kT0));
  ASSERT_NO_FATAL_FAILURE(FinishDay());
  TLDMON_ASSERT_OK(store_->CompactDay(kT0));
  EXPECT_EQ(*store_->OldestRawDay(), std::optional<UnixSeconds>(kT0 + kDay));
  // A late report for a compacted day makes it the oldest raw day again.
  TLDMON_ASSERT_OK(store_->PutReports(std::vector{DnsReport(2, kT0 + 120)}));
  EXPECT_EQ(*store_->OldestRawDay(), std::optional<UnixSeconds>(kT0));
}

TEST_P(StoreContractTest, RetentionDeletesOnlyWholeDaysTheEngineHasFinished) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const std::vector<ProbeReport> day1 = SomeReportsOf(kT0);
  const std::vector<ProbeReport> day2 = SomeReportsOf(kT0 + kDay);
  TLDMON_ASSERT_OK(store_->PutReports(day1));
  TLDMON_ASSERT_OK(store_->PutReports(day2));
  const std::vector<engine::ProbeMinuteSample> sample = {{0, true, true, true}};
  TLDMON_ASSERT_OK(store_->PutProbeMinutes(kT0 + 60, sample));
  TLDMON_ASSERT_OK(store_->PutProbeMinutes(kT0 + kDay + 60, sample));

  EXPECT_EQ(store_->DropProbeDataBefore(kT0 + 60).status().code(), StatusCode::kInvalidArgument);
  // Nothing committed yet: nothing is finished, nothing goes.
  Result<RetentionOutcome> early = store_->DropProbeDataBefore(kT0 + 10 * kDay);
  TLDMON_ASSERT_OK(early);
  EXPECT_EQ(early->days, 0u);
  EXPECT_EQ(Cycle(TestKind::kDns, kT0 + 60).size(), 6u);

  // DNS is into day 3, RDDS still in day 2: day 1 can go, day 2 stays
  // although the caller asked for more (its RDDS reports are unprocessed).
  engine::EngineState state;
  ASSERT_NO_FATAL_FAILURE(Commit(*store_, TestKind::kDns, kT0 + 2 * kDay, state));
  ASSERT_NO_FATAL_FAILURE(Commit(*store_, TestKind::kRdds, kT0 + kDay + 600, state));
  TLDMON_ASSERT_OK(store_->CompactDay(kT0));  // one day compacted, one raw: both forms go
  Result<RetentionOutcome> dropped = store_->DropProbeDataBefore(kT0 + 10 * kDay);
  TLDMON_ASSERT_OK(dropped);
  EXPECT_EQ(dropped->days, 1u);
  EXPECT_EQ(dropped->reports, static_cast<std::int64_t>(day1.size()));
  Reopen();
  for (const ProbeReport& r : day1) EXPECT_TRUE(Cycle(r.test, r.cycle).empty()) << r.cycle;
  EXPECT_EQ(Cycle(TestKind::kDns, kT0 + kDay + 60).size(), 6u);
  EXPECT_EQ(Cycle(TestKind::kRdds, kT0 + kDay + 300).size(), 1u);
  EXPECT_TRUE(store_->ProbeMinutes(kT0 + 60)->empty());
  EXPECT_EQ(store_->ProbeMinutes(kT0 + kDay + 60)->size(), 1u);
  Result<std::vector<DayStorage>> days = store_->StorageByDay();
  TLDMON_ASSERT_OK(days);
  ASSERT_EQ(days->size(), 1u);
  EXPECT_EQ((*days)[0].day, kT0 + kDay);
  EXPECT_EQ(*store_->OldestRawDay(), std::optional<UnixSeconds>(kT0 + kDay));
  // Engine results stay: the committed cycles and the state.
  TLDMON_ASSERT_OK(store_->CycleProbeOnline(TestKind::kDns, kT0 + 2 * kDay));
  EXPECT_EQ(*store_->LoadEngineState(), state);
  // A late report for a deleted day is stored (and deleted again later).
  TLDMON_ASSERT_OK(store_->PutReports(std::vector{DnsReport(0, kT0 + 60)}));
  EXPECT_THAT(Cycle(TestKind::kDns, kT0 + 60), ElementsAre(DnsReport(0, kT0 + 60)));
}

}  // namespace
}  // namespace tldmon::store::testing
