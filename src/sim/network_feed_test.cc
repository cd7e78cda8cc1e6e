#include "sim/network_feed.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "sim/fault_parse.h"
#include "sim/network_topology.h"
#include "store/sqlite/sqlite_store.h"

namespace tldmon::sim {
namespace {

constexpr UnixSeconds kNetworkFeedT0 = 1767225600;  // 2026-01-01T00:00:00Z

class NetworkFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tldmon_feed_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    entities_ = SyntheticTlds(2, 1);
    probes_ = SyntheticProbes(20, 1);  // ICANN's minimum of online DNS probes
    NetworkOptions o = NetworkOptions::Quiet(1);
    // Both name servers... every name server of the first TLD silent for 10 minutes.
    o.faults.push_back(
        *ParseFault("ns-down entity=ry/" + entities_[0].id.id + " from=+5m for=10m", kNetworkFeedT0));
    network_ = std::make_unique<NetworkSimulator>(entities_, probes_, o);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<store::SqliteStore> Store(const std::string& name, bool seed) {
    auto s = store::SqliteStore::Open(dir_ + "/" + name);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (seed) {
      EXPECT_TRUE((*s)->PutEntities(entities_).ok());
      for (const auto& p : probes_) EXPECT_TRUE((*s)->AddProbe(p).ok());
    }
    return std::move(*s);
  }
  std::unique_ptr<ingest::CyclePipeline> Pipeline(store::Store* s, FakeClock* clock) {
    ingest::PipelineOptions o;
    o.start = kNetworkFeedT0;
    auto p = ingest::CyclePipeline::Open(s, nullptr, clock, o);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return std::move(*p);
  }

  std::string dir_;
  std::vector<EntityConfig> entities_;
  std::vector<ProbeNode> probes_;
  std::unique_ptr<NetworkSimulator> network_;
};

TEST_F(NetworkFeedTest, FaultBecomesAnIncidentAndTheRunFinishes) {
  auto store = Store("a.db", true);
  FakeClock clock(kNetworkFeedT0);
  auto pipeline = Pipeline(store.get(), &clock);
  NetworkFeed feed(network_.get(), pipeline.get(), &clock);
  const UnixSeconds end = kNetworkFeedT0 + 30 * 60;
  EXPECT_FALSE(feed.Finished(end));
  ASSERT_TRUE(feed.RunUntil(end, 120).ok());
  EXPECT_TRUE(feed.Finished(end));
  EXPECT_EQ(feed.totals().minutes, 30);
  EXPECT_EQ(pipeline->NextCycle(TestKind::kDns), end);
  EXPECT_EQ(pipeline->NextCycle(TestKind::kRdds), end);
  // Ten Down minutes (5..14): the incident opens at the third (minute 7,
  // slam-algorithms.md §7) and closes three Up cycles later (minute 17).
  auto incidents = store->Incidents(entities_[0].id, Service::kDns);
  ASSERT_TRUE(incidents.ok());
  ASSERT_EQ(incidents->size(), 1u);
  EXPECT_EQ((*incidents)[0].start_time, kNetworkFeedT0 + 7 * 60);
  ASSERT_TRUE((*incidents)[0].end_time.has_value());
  EXPECT_EQ(*(*incidents)[0].end_time, kNetworkFeedT0 + 17 * 60 + 59);
  EXPECT_EQ(pipeline->engine().Summarize(entities_[0].id, Service::kDns).downtime_minutes, 8);
  auto other = store->Incidents(entities_[1].id, Service::kDns);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());
}

TEST_F(NetworkFeedTest, StoppedAndResumedRunEndsInTheSameState) {
  const UnixSeconds end = kNetworkFeedT0 + 40 * 60;
  auto straight_store = Store("a.db", true);
  FakeClock c1(kNetworkFeedT0);
  auto straight = Pipeline(straight_store.get(), &c1);
  NetworkFeed f1(network_.get(), straight.get(), &c1);
  ASSERT_TRUE(f1.RunUntil(end, 120).ok());

  { auto seeded = Store("b.db", true); }
  for (int stop_after : {7, 11, 1000}) {
    auto s = Store("b.db", false);
    FakeClock c2(kNetworkFeedT0);
    auto p = Pipeline(s.get(), &c2);
    NetworkFeed f2(network_.get(), p.get(), &c2);
    int fed = 0;
    ASSERT_TRUE(f2.RunUntil(end, 120, [&](UnixSeconds) { return ++fed < stop_after; }).ok());
    if (stop_after == 1000) {
      EXPECT_TRUE(f2.Finished(end));
      EXPECT_EQ(p->engine().state(), straight->engine().state());
    } else {
      EXPECT_FALSE(f2.Finished(end));
    }
  }
}

// Hours of results stored but not processed (serve down for a while, or a
// new leader taking over a backlog), then one ProcessDue: every cycle of
// every test kind is processed, with the same verdicts as minute by minute.
// The engine keeps the probe minutes of the last hour only, so the kinds
// must advance together (ProcessDue takes the cycle that ends first).
TEST_F(NetworkFeedTest, AnHoursLongBacklogIsProcessedInOneCallAsMinuteByMinute) {
  const UnixSeconds end = kNetworkFeedT0 + 3 * 3600;
  auto live = Store("live.db", true);
  FakeClock live_clock(kNetworkFeedT0);
  auto live_pipeline = Pipeline(live.get(), &live_clock);
  NetworkFeed feed(network_.get(), live_pipeline.get(), &live_clock);
  ASSERT_TRUE(feed.RunUntil(end, 120).ok());

  auto backlog = Store("backlog.db", true);
  FakeClock clock(kNetworkFeedT0);
  auto pipeline = Pipeline(backlog.get(), &clock);
  std::vector<engine::ProbeMinuteSample> samples;
  std::vector<ProbeReport> reports;
  for (UnixSeconds t = kNetworkFeedT0; t < end; t += 60) {
    network_->ProbeMinutes(t, &samples);
    ASSERT_TRUE(pipeline->AcceptProbeMinutes(t, samples).ok());
    for (TestKind k : pipeline->tests()) {
      if (FloorMod(t, pipeline->engine().params().CycleSeconds(k)) != 0) continue;
      network_->CycleReports(k, t, &reports);
      if (reports.empty()) continue;
      ASSERT_TRUE(pipeline->AcceptReports(reports).ok());
    }
  }
  clock.Set(end + 119);
  auto done = pipeline->ProcessDue();
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->per_test[static_cast<std::size_t>(TestKind::kDns)], 180);
  EXPECT_EQ(done->per_test[static_cast<std::size_t>(TestKind::kRdds)], 36);
  EXPECT_EQ(done->per_test[static_cast<std::size_t>(TestKind::kRdap)], 36);
  for (const EntityConfig& e : entities_)
    for (Service s : {Service::kDns, Service::kDnssec, Service::kRdds, Service::kRdap}) {
      auto a = live->Verdicts(e.id, s, kNetworkFeedT0, end);
      auto b = backlog->Verdicts(e.id, s, kNetworkFeedT0, end);
      ASSERT_TRUE(a.ok() && b.ok());
      ASSERT_EQ(a->size(), b->size()) << e.id.Path() << " " << JsonKey(s);
      for (std::size_t i = 0; i < a->size(); ++i)
        EXPECT_EQ((*a)[i].verdict.status, (*b)[i].verdict.status) << (*a)[i].cycle;
      EXPECT_EQ(*live->Incidents(e.id, s), *backlog->Incidents(e.id, s));
    }
}

}  // namespace
}  // namespace tldmon::sim
