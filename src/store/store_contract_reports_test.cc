// Store contract, part 2: probe data — reports (idempotency, conflicts,
// all-or-nothing batches, validation messages), probe minutes, compaction.
#include "store/store_contract.h"

namespace tldmon::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Probe index out of range, for the batch tests below.
ProbeReport WithProbe(ProbeReport r, ProbeIndex p) {
  r.probe = p;
  return r;
}

TEST_P(StoreContractTest, ReportsRoundTripSortedByEntityThenProbe) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const std::vector<ProbeReport> in = {
      DnsReport(2, kT0),       DnsReport(0, kT0, DnsOnlyTld().id), DnsReport(0, kT0),
      DnsReport(1, kT0),       RddsReport(1, kT0, Registrar().id), RddsReport(0, kT0),
      RdapReport(0, kT0 + 300)};
  Result<PutOutcome> out = store_->PutReports(in);
  TLDMON_ASSERT_OK(out);
  EXPECT_EQ(*out, (PutOutcome{7, 0}));
  // ry/example < ry/test (registries by TLD), then by probe.
  EXPECT_EQ(Cycle(TestKind::kDns, kT0),
            (std::vector{DnsReport(0, kT0), DnsReport(1, kT0), DnsReport(2, kT0),
                         DnsReport(0, kT0, DnsOnlyTld().id)}));
  // ry/... before rr/...
  EXPECT_EQ(Cycle(TestKind::kRdds, kT0),
            (std::vector{RddsReport(0, kT0), RddsReport(1, kT0, Registrar().id)}));
  EXPECT_EQ(Cycle(TestKind::kRdap, kT0 + 300), std::vector{RdapReport(0, kT0 + 300)});
  EXPECT_TRUE(Cycle(TestKind::kDns, kT0 + 60).empty());
  Result<std::vector<ProbeReport>> one =
      store_->EntityCycleReports(ExampleTld().id, TestKind::kDns, kT0);
  TLDMON_ASSERT_OK(one);
  EXPECT_EQ(*one, (std::vector{DnsReport(0, kT0), DnsReport(1, kT0), DnsReport(2, kT0)}));
  Reopen();
  EXPECT_EQ(Cycle(TestKind::kRdds, kT0),
            (std::vector{RddsReport(0, kT0), RddsReport(1, kT0, Registrar().id)}));
  EXPECT_EQ(
      store_->EntityCycleReports(EntityId{EntityKind::kRegistry, "nosuch"}, TestKind::kDns, kT0)
          .status()
          .code(),
      StatusCode::kNotFound);
}

TEST_P(StoreContractTest, ExtremeValuesRoundTrip) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  ProbeReport r = DnsReport(0, kT0);
  r.metrics[0].value = INT32_MAX;
  r.metrics[1].value = INT32_MIN;
  r.metrics[1].test_time = INT64_MIN;  // far from the cycle: odd, but data
  r.metrics[2].test_time = INT64_MAX;
  r.metrics[2].nsid = std::string(254, 'f');
  TLDMON_ASSERT_OK(store_->PutReports(std::vector{r}));
  EXPECT_EQ(Cycle(TestKind::kDns, kT0), std::vector{r});
}

TEST_P(StoreContractTest, StoringTheSameReportAgainIsADuplicateNotAnError) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  TLDMON_ASSERT_OK(store_->PutReports(std::vector{DnsReport(0, kT0)}));
  Result<PutOutcome> again = store_->PutReports(std::vector{DnsReport(0, kT0), DnsReport(1, kT0)});
  TLDMON_ASSERT_OK(again);
  EXPECT_EQ(*again, (PutOutcome{1, 1}));
  // Within one batch too.
  Result<PutOutcome> twice = store_->PutReports(std::vector{DnsReport(2, kT0), DnsReport(2, kT0)});
  TLDMON_ASSERT_OK(twice);
  EXPECT_EQ(*twice, (PutOutcome{1, 1}));
  Reopen();
  Result<PutOutcome> after_restart = store_->PutReports(std::vector{DnsReport(0, kT0)});
  TLDMON_ASSERT_OK(after_restart);
  EXPECT_EQ(*after_restart, (PutOutcome{0, 1}));
  EXPECT_EQ(Cycle(TestKind::kDns, kT0).size(), 3u);
}

TEST_P(StoreContractTest, FirstWinsKeepsTheStoredCopyAndMarksEveryRepeat) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  TLDMON_ASSERT_OK(store_->PutReports(std::vector{DnsReport(0, kT0)}));
  ProbeReport remeasured = DnsReport(0, kT0);
  remeasured.metrics[0].value = 999;
  std::vector<bool> duplicate;
  Result<PutOutcome> out = store_->PutReportsFirstWins(
      std::vector{DnsReport(1, kT0), remeasured, DnsReport(2, kT0), DnsReport(2, kT0)}, &duplicate);
  TLDMON_ASSERT_OK(out);
  EXPECT_EQ(*out, (PutOutcome{2, 2}));
  EXPECT_EQ(duplicate, (std::vector<bool>{false, true, false, true}));
  EXPECT_EQ(Cycle(TestKind::kDns, kT0),
            (std::vector{DnsReport(0, kT0), DnsReport(1, kT0), DnsReport(2, kT0)}));
  // Still all-or-nothing on invalid reports.
  EXPECT_FALSE(store_->PutReportsFirstWins(std::vector{DnsReport(3, kT0), WithProbe(DnsReport(0, kT0), 99)},
                                           &duplicate).ok());
  EXPECT_EQ(Cycle(TestKind::kDns, kT0).size(), 3u);
}

TEST_P(StoreContractTest, ADifferentReportForAStoredKeyIsRejectedAndChangesNothing) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  TLDMON_ASSERT_OK(store_->PutReports(std::vector{DnsReport(0, kT0)}));
  ProbeReport changed = DnsReport(0, kT0);
  changed.metrics[0].value = 999;
  ProbeReport new_string = DnsReport(0, kT0);
  new_string.metrics[0].nsid = "abcdef";  // also a string the store has never seen

  for (const ProbeReport& conflicting : {changed, new_string}) {
    const Result<PutOutcome> out = store_->PutReports(std::vector{DnsReport(1, kT0), conflicting});
    EXPECT_EQ(out.status().code(), StatusCode::kAlreadyExists);
    EXPECT_THAT(out.status().message(),
                HasSubstr("report #1 (probe 0, ry/example, dns, cycle 1767225600)"));
  }
  // The valid report of the rejected batch is not there, the original is intact.
  EXPECT_EQ(Cycle(TestKind::kDns, kT0), std::vector{DnsReport(0, kT0)});
  Reopen();
  EXPECT_EQ(Cycle(TestKind::kDns, kT0), std::vector{DnsReport(0, kT0)});
  // And the batch goes through once the conflict is gone.
  Result<PutOutcome> ok = store_->PutReports(std::vector{DnsReport(1, kT0), DnsReport(0, kT0)});
  TLDMON_ASSERT_OK(ok);
  EXPECT_EQ(*ok, (PutOutcome{1, 1}));
}

struct BadReport {
  const char* label;
  ProbeReport report;
  const char* description;  // how the message must name the report
  const char* reason;       // and what it must say is wrong
};

TEST_P(StoreContractTest, AnInvalidReportFailsTheWholeBatchWithAClearMessage) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  ProbeReport unknown_entity = DnsReport(0, kT0);
  unknown_entity.entity = {EntityKind::kRegistry, "nosuch"};
  ProbeReport dns_unaligned = DnsReport(0, kT0 + 30);
  ProbeReport rdds_unaligned = RddsReport(0, kT0 + 60);  // RDDS cycles are 300 s
  ProbeReport registrar_dns = DnsReport(0, kT0, Registrar().id);
  ProbeReport ns_out_of_range = DnsReport(0, kT0);
  ns_out_of_range.metrics[2].target = 2;  // ry/example has ns1 and ns2
  ProbeReport ip_out_of_range = DnsReport(0, kT0);
  ip_out_of_range.metrics[2].ip_index = 1;  // ns2.example has one IP
  ProbeReport rdds_target = RddsReport(0, kT0);
  rdds_target.metrics[0].target = 2;
  ProbeReport bad_ip = RddsReport(0, kT0);
  bad_ip.metrics[0].ip = "not-an-ip";

  const std::vector<BadReport> cases = {
      {"unknown entity", unknown_entity, "(probe 0, ry/nosuch, dns, cycle 1767225600)",
       "unknown entity"},
      {"probe out of range", WithProbe(DnsReport(0, kT0), 3),
       "(probe 3, ry/example, dns, cycle 1767225600)", "probe index 3 out of range"},
      {"DNS cycle unaligned", dns_unaligned, "(probe 0, ry/example, dns, cycle 1767225630)",
       "not aligned"},
      {"RDDS cycle unaligned", rdds_unaligned, "(probe 0, ry/example, rdds, cycle 1767225660)",
       "300 s"},
      {"service not enabled", registrar_dns, "(probe 0, rr/9999, dns, cycle 1767225600)",
       "does not have the dns service"},
      {"NS index", ns_out_of_range, "(probe 0, ry/example, dns",
       "name-server index 2 out of range"},
      {"IP index", ip_out_of_range, "(probe 0, ry/example, dns", "IP index 1 out of range"},
      {"RDDS target", rdds_target, "(probe 0, ry/example, rdds", "RDDS target"},
      {"IP text", bad_ip, "(probe 0, ry/example, rdds", "not an IP address"},
  };
  for (const BadReport& c : cases) {
    SCOPED_TRACE(c.label);
    // The bad report sits in the middle of an otherwise valid batch.
    const Result<PutOutcome> out =
        store_->PutReports(std::vector{DnsReport(1, kT0), c.report, RddsReport(2, kT0)});
    EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(out.status().message(), HasSubstr(std::string("report #1 ") + c.description));
    EXPECT_THAT(out.status().message(), HasSubstr(c.reason));
  }
  EXPECT_TRUE(Cycle(TestKind::kDns, kT0).empty());
  EXPECT_TRUE(Cycle(TestKind::kRdds, kT0).empty());
}

TEST_P(StoreContractTest, ReportsOfARemovedEntityAreRejected) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  TLDMON_ASSERT_OK(store_->RemoveEntity(DnsOnlyTld().id));
  const Result<PutOutcome> out =
      store_->PutReports(std::vector{DnsReport(0, kT0, DnsOnlyTld().id)});
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(out.status().message(), HasSubstr("unknown entity ry/test"));
}

TEST_P(StoreContractTest, CycleAlignmentFollowsTheStoredParams) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  engine::SlaParams p = engine::SlaParams::Defaults();
  p.Of(Service::kRdds).cycle_seconds = 600;
  TLDMON_ASSERT_OK(store_->PutSlaParams(p));
  EXPECT_EQ(store_->PutReports(std::vector{RddsReport(0, kT0 + 300)}).status().code(),
            StatusCode::kInvalidArgument);
  TLDMON_ASSERT_OK(store_->PutReports(std::vector{RddsReport(0, kT0 + 600)}));
}

TEST_P(StoreContractTest, ProbeMinutesRoundTripIdempotently) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const std::vector<ProbeMinuteSample> in = {
      {2, true, true, true}, {0, false, true, true}, {1, true, false, false}};
  Result<PutOutcome> out = store_->PutProbeMinutes(kT0 + 60, in);
  TLDMON_ASSERT_OK(out);
  EXPECT_EQ(*out, (PutOutcome{3, 0}));
  Result<PutOutcome> again = store_->PutProbeMinutes(kT0 + 60, std::vector{in[1]});
  TLDMON_ASSERT_OK(again);
  EXPECT_EQ(*again, (PutOutcome{0, 1}));
  Reopen();
  Result<std::vector<ProbeMinuteSample>> got = store_->ProbeMinutes(kT0 + 60);
  TLDMON_ASSERT_OK(got);
  EXPECT_THAT(*got, ElementsAre(IsSample(in[1]), IsSample(in[2]), IsSample(in[0])));
  EXPECT_TRUE(store_->ProbeMinutes(kT0)->empty());
}

TEST_P(StoreContractTest, BadProbeMinutesChangeNothing) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  TLDMON_ASSERT_OK(
      store_->PutProbeMinutes(kT0, std::vector{ProbeMinuteSample{0, true, true, true}}));
  const Result<PutOutcome> conflict = store_->PutProbeMinutes(
      kT0,
      std::vector{ProbeMinuteSample{1, true, true, true}, ProbeMinuteSample{0, false, true, true}});
  EXPECT_EQ(conflict.status().code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(conflict.status().message(), HasSubstr("sample #1 (minute 1767225600, probe 0)"));
  const Result<PutOutcome> range =
      store_->PutProbeMinutes(kT0, std::vector{ProbeMinuteSample{3, true, true, true}});
  EXPECT_EQ(range.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(range.status().message(), HasSubstr("probe index 3 out of range"));
  EXPECT_EQ(store_->PutProbeMinutes(kT0 + 1, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(*store_->ProbeMinutes(kT0),
              ElementsAre(IsSample(ProbeMinuteSample{0, true, true, true})));
}

// ---- Compaction -----------------------------------------------------------

// Reports spread over 2026-01-01: several 900 s chunks, all test kinds.
std::vector<ProbeReport> DayOfReports() {
  std::vector<ProbeReport> v;
  for (int minute : {0, 1, 14, 15, 1439})
    for (ProbeIndex p = 0; p < 3; ++p) {
      v.push_back(DnsReport(p, kT0 + 60 * minute));
      v.push_back(DnsReport(p, kT0 + 60 * minute, DnsOnlyTld().id));
    }
  v.push_back(RddsReport(0, kT0));
  v.push_back(RddsReport(1, kT0 + 300, Registrar().id));
  v.push_back(RdapReport(0, kT0 + 600));
  v.push_back(RdapReport(2, kT0 + 600, Registrar().id));
  return v;
}
constexpr std::size_t kReportsInDay = 5 * 3 * 2 + 4;
// Chunks of 900 s per (test, entity): DNS minutes {0,1,14} | {15} | {1439}
// for 2 entities = 6; RDDS 2 entities; RDAP 2 entities.
constexpr std::size_t kChunksInDay = 10;

TEST_P(StoreContractTest, CompactedReportsReadBackEqual) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  std::vector<ProbeReport> reports = DayOfReports();
  reports.push_back(DnsReport(0, kT0 + 86400));
  TLDMON_ASSERT_OK(store_->PutReports(reports));
  const auto before = ReadAll(reports);
  ASSERT_EQ(before.at({TestKind::kDns, kT0}).size(), 6u);
  ASSERT_NO_FATAL_FAILURE(FinishDay());

  Result<CompactionOutcome> out = store_->CompactDay(kT0);
  TLDMON_ASSERT_OK(out);
  EXPECT_EQ(out->reports, kReportsInDay);
  EXPECT_EQ(out->chunks, kChunksInDay);
  EXPECT_EQ(ReadAll(reports), before);
  Result<std::vector<ProbeReport>> one =
      store_->EntityCycleReports(DnsOnlyTld().id, TestKind::kDns, kT0 + 60 * 15);
  TLDMON_ASSERT_OK(one);
  EXPECT_EQ(*one, (std::vector{DnsReport(0, kT0 + 900, DnsOnlyTld().id),
                               DnsReport(1, kT0 + 900, DnsOnlyTld().id),
                               DnsReport(2, kT0 + 900, DnsOnlyTld().id)}));
  Reopen();
  EXPECT_EQ(ReadAll(reports), before);

  // Compacting again finds nothing left to pack.
  out = store_->CompactDay(kT0);
  TLDMON_ASSERT_OK(out);
  EXPECT_EQ(out->reports, 0u);
}

TEST_P(StoreContractTest, IdempotencyHoldsAcrossCompaction) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  TLDMON_ASSERT_OK(store_->PutReports(DayOfReports()));
  ASSERT_NO_FATAL_FAILURE(FinishDay());
  TLDMON_ASSERT_OK(store_->CompactDay(kT0));

  Result<PutOutcome> again = store_->PutReports(DayOfReports());
  TLDMON_ASSERT_OK(again);
  EXPECT_EQ(*again, (PutOutcome{0, kReportsInDay}));

  ProbeReport changed = DnsReport(1, kT0 + 60);
  changed.metrics[0].value = 1234;
  EXPECT_EQ(store_->PutReports(std::vector{changed}).status().code(), StatusCode::kAlreadyExists);

  // A late report for a compacted chunk is accepted, readable at once, and
  // packed by the next compaction.
  const ProbeReport late = DnsReport(0, kT0 + 120);
  Result<PutOutcome> put = store_->PutReports(std::vector{late});
  TLDMON_ASSERT_OK(put);
  EXPECT_EQ(*put, (PutOutcome{1, 0}));
  EXPECT_EQ(Cycle(TestKind::kDns, kT0 + 120), std::vector{late});
  Result<CompactionOutcome> out = store_->CompactDay(kT0);
  TLDMON_ASSERT_OK(out);
  EXPECT_EQ(out->reports, 1u);
  EXPECT_EQ(out->chunks, 1u);
  EXPECT_EQ(Cycle(TestKind::kDns, kT0 + 120), std::vector{late});
  EXPECT_EQ(Cycle(TestKind::kDns, kT0 + 60).size(), 6u);
  EXPECT_EQ(*store_->PutReports(std::vector{late}), (PutOutcome{0, 1}));
}

TEST_P(StoreContractTest, OnlyAFinishedMidnightCanBeCompacted) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  TLDMON_ASSERT_OK(store_->PutReports(DayOfReports()));
  const Result<CompactionOutcome> early = store_->CompactDay(kT0);
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(early.status().message(), HasSubstr("2026-01-01T00:00:00Z is not finished"));
  ASSERT_NO_FATAL_FAILURE(FinishDay());
  EXPECT_EQ(store_->CompactDay(kT0 + 3600).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CompactDay(kT0 + 86400).status().code(), StatusCode::kFailedPrecondition);
  TLDMON_ASSERT_OK(store_->CompactDay(kT0));
}

}  // namespace

}  // namespace tldmon::store::testing
