// The storage upkeep serve runs (store::StorageSchedule) on data the real
// pipeline produced: a measurement object (mosapi-api.md §6.10) of a
// compacted day is rebuilt from the store byte for byte as before compaction
// — the API rebuilds it from exactly these inputs (Verdicts,
// CycleProbeOnline, EntityCycleReports) — and retention removes only raw
// probe data.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "documents/document_store.h"
#include "documents/render_measurement.h"
#include "ingest/cycle_pipeline.h"
#include "sim/network.h"
#include "sim/network_feed.h"
#include "sim/network_topology.h"
#include "store/sqlite/temp_sqlite_store.h"
#include "store/storage_schedule.h"

namespace tldmon::app {
namespace {

constexpr UnixSeconds kT0 = 1767225600;  // 2026-01-01T00:00:00Z
constexpr UnixSeconds kDay = 86400;
constexpr int kGrace = 120;

class StorageUpkeepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::Store& s = temp_.store();
    entities_ = sim::SyntheticTlds(2, 7);
    probes_ = sim::SyntheticProbes(20, 7);
    ASSERT_TRUE(s.PutEntities(entities_).ok());
    for (const ProbeNode& p : probes_) ASSERT_TRUE(s.AddProbe(p).ok());
    ingest::PipelineOptions options;
    options.grace_seconds = kGrace;
    options.start = kT0;
    options.publish_documents = false;
    auto p = ingest::CyclePipeline::Open(&s, &documents_, &clock_, options);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(*p);
    network_ = std::make_unique<sim::NetworkSimulator>(
        pipeline_->engine().entities(), pipeline_->engine().probes(), sim::NetworkOptions{});
    feed_ = std::make_unique<sim::NetworkFeed>(network_.get(), pipeline_.get(), &clock_);
  }

  // The measurement objects of every 7th DNS cycle and every RDDS cycle of
  // the day starting at `day`, rendered from what the store holds.
  std::map<std::string, std::string> Measurements(UnixSeconds day) {
    std::map<std::string, std::string> out;
    const store::Store& s = temp_.store();
    const engine::SlaParams params = *s.LoadSlaParams();
    for (const EntityConfig& e : entities_)
      for (const auto& [service, step] : {std::pair{Service::kDns, 7 * 60}, {Service::kRdds, 300}})
        for (UnixSeconds c = day; c < day + kDay; c += step) {
          auto verdict = s.Verdicts(e.id, service, c, c + 1);
          EXPECT_TRUE(verdict.ok() && verdict->size() == 1) << c;
          if (!verdict.ok() || verdict->empty()) continue;
          auto online = s.CycleProbeOnline(TestKindOf(service), c);
          auto reports = s.EntityCycleReports(e.id, TestKindOf(service), c);
          EXPECT_TRUE(online.ok() && reports.ok()) << c;
          if (!online.ok() || !reports.ok()) continue;
          documents::MeasurementInput in;
          in.entity = &e;
          in.service = service;
          in.cycle = c;
          in.status = verdict->front().verdict.status;
          in.probes = probes_;
          in.probe_online = &*online;
          in.reports = *reports;
          in.params = &params;
          in.min_ns = e.min_ns.At(c);
          auto body =
              documents::RenderMeasurement(documents::Envelope{documents::ApiVersion::kV2, c + 60}, in);
          EXPECT_TRUE(body.ok()) << body.status().ToString();
          if (body.ok())
            out[e.id.Path() + "/" + std::string(JsonKey(service)) + "/" + std::to_string(c)] =
                *body;
        }
    return out;
  }

  store::testing::TempSqliteStore temp_;
  FakeClock clock_{kT0};
  documents::DocumentStore documents_;
  std::vector<EntityConfig> entities_;
  std::vector<ProbeNode> probes_;
  std::unique_ptr<ingest::CyclePipeline> pipeline_;
  std::unique_ptr<sim::NetworkSimulator> network_;
  std::unique_ptr<sim::NetworkFeed> feed_;
};

TEST_F(StorageUpkeepTest, MeasurementsOfACompactedDayAreRebuiltByteForByte) {
  ASSERT_TRUE(feed_->RunUntil(kT0 + kDay + 3600, kGrace).ok());
  const std::map<std::string, std::string> before = Measurements(kT0);
  ASSERT_GT(before.size(), 400u);
  // Probe results, not just empty shells (every probe's testData).
  EXPECT_NE(before.begin()->second.find("\"rtt\""), std::string::npos) << before.begin()->second;

  store::StorageSchedule schedule(&temp_.store(), {.retention_days = 90});
  auto work = schedule.RunDue(clock_.Now());
  ASSERT_TRUE(work.ok()) << work.status().ToString();
  EXPECT_EQ(work->days_compacted, 1u);
  EXPECT_GT(work->reports_compacted, 10u * 2 * 1440);  // DNS alone: 2 TLDs x ~20 probes x 1440
  const auto days = *temp_.store().StorageByDay();
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].raw_reports, 0);
  EXPECT_LT(days[0].compacted_bytes * 4, days[1].raw_bytes * 24)
      << "a compacted day must be far smaller than a raw one (per hour of data)";

  EXPECT_EQ(Measurements(kT0), before);
  feed_.reset();
  pipeline_.reset();  // it refers to the store Reopen replaces
  temp_.Reopen();
  EXPECT_EQ(Measurements(kT0), before);
}

}  // namespace
}  // namespace tldmon::app
