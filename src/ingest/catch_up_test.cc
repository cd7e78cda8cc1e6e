// The catch-up rule end to end through the pipeline (delivery_tracker.h):
// verdicts after an hour-long central outage, with the probes backfilling
// from their outboxes, are identical to those of a run without the outage.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "core/clock.h"
#include "ingest/cycle_pipeline.h"
#include "store/sqlite/sqlite_store.h"

namespace tldmon::ingest {
namespace {

constexpr UnixSeconds kT0 = 1767225600;  // 2026-01-01T00:00:00Z
constexpr int kProbes = 4;
constexpr int kMinutes = 100;
constexpr UnixSeconds kGrace = 120;
constexpr UnixSeconds kWindow = 900;
// The central side is down from minute 20 to minute 80 (one hour).
constexpr int kOutageFrom = 20;
constexpr int kOutageTo = 80;

EntityId Example() { return EntityId{EntityKind::kRegistry, "example"}; }

// DNS fails at every probe in minutes 10-16 and 40-47: two incidents, one
// of them inside the outage.
bool Down(int minute) { return (minute >= 10 && minute <= 16) || (minute >= 40 && minute <= 47); }

class CatchUpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tldmon_catchup_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<store::SqliteStore> SeededStore(const std::string& name) {
    auto s = store::SqliteStore::Open(dir_ + "/" + name);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    engine::SlaParams params = engine::SlaParams::Defaults();
    params.Of(Service::kDns).min_online = 2;
    params.Of(Service::kDnssec).min_online = 2;
    EXPECT_TRUE((*s)->PutSlaParams(params).ok());
    EntityConfig e;
    e.id = Example();
    e.SetEnabled(Service::kDns, true);
    e.SetEnabled(Service::kDnssec, true);
    e.name_servers = {{"ns1.nic.example", {"192.0.2.1"}}, {"ns2.nic.example", {"192.0.2.2"}}};
    EXPECT_TRUE((*s)->PutEntities(std::span<const EntityConfig>(&e, 1)).ok());
    for (int i = 0; i < kProbes; ++i) {
      ProbeNode p;
      p.name = "Probe" + std::to_string(i + 1);
      EXPECT_TRUE((*s)->AddProbe(p).ok());
    }
    return std::move(*s);
  }

  std::unique_ptr<CyclePipeline> Open(store::Store* s, DeliveryTracker* tracker) {
    PipelineOptions o;
    o.start = kT0;
    o.grace_seconds = kGrace;
    o.publish_documents = false;
    o.deliveries = tracker;
    auto p = CyclePipeline::Open(s, nullptr, &clock_, o);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(*p) : nullptr;
  }

  // What probe `p` pushes for minute `m`, in its outbox's order: the DNS
  // report of cycle m, then (later) its online sample of minute m + 1 - here
  // the sample of minute m goes first, so the sample of m + 1 follows the
  // report of m (delivery_tracker.h, "watermark").
  static void Push(CyclePipeline* pipeline, ProbeIndex p, int m) {
    const UnixSeconds t = kT0 + 60 * m;
    const ProbeMinuteSample sample{p, true, true, true};
    ASSERT_TRUE(pipeline->AcceptProbeMinutes(t, std::span(&sample, 1)).ok());
    ProbeReport r;
    r.probe = p;
    r.entity = Example();
    r.cycle = t;
    r.tested_name = "nonexistent-tldmon.example.";
    for (std::uint16_t ns = 0; ns < 2; ++ns)
      r.metrics.push_back({ns, 0, Down(m) ? -200 : 20, t + 5, "", ""});
    ASSERT_TRUE(pipeline->AcceptReports(std::span(&r, 1)).ok());
  }

  static void Process(CyclePipeline* pipeline, UnixSeconds now) {
    auto out = pipeline->ProcessDue(now);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
  }

  static std::string Verdicts(store::Store* s) {
    std::string text;
    for (Service svc : {Service::kDns, Service::kDnssec}) {
      auto v = s->Verdicts(Example(), svc, kT0, kT0 + 60 * kMinutes);
      EXPECT_TRUE(v.ok());
      for (const store::CycleVerdict& c : *v)
        text += std::to_string((c.cycle - kT0) / 60) + ":" + std::string(Label(c.verdict.status)) +
                "/" + std::to_string(c.verdict.online) + "/" + std::to_string(c.verdict.positive) + " ";
    }
    return text;
  }

  // A run in real time: each minute the probes push, then the central side
  // processes what is due, up to `last` minutes.
  void RealTime(CyclePipeline* pipeline, int from, int to) {
    for (int m = from; m < to; ++m) {
      for (ProbeIndex p = 0; p < kProbes; ++p) Push(pipeline, p, m);
      Process(pipeline, kT0 + 60 * m + 30);
    }
  }

  // The outage run: real time until kOutageFrom, nothing until kOutageTo,
  // then a restart (`with_rule`: the catch-up rule on) while the probes
  // backfill ten minutes per push, one probe after the other, with the
  // engine ticking between pushes.
  std::string RunWithOutage(const std::string& db, bool with_rule) {
    auto store = SeededStore(db);
    {
      DeliveryTracker before(with_rule ? kWindow : 0);
      auto p = Open(store.get(), &before);
      RealTime(p.get(), 0, kOutageFrom);
    }
    DeliveryTracker tracker(with_rule ? kWindow : 0);
    auto p = Open(store.get(), &tracker);
    UnixSeconds now = kT0 + 60 * kOutageTo + 30;
    tracker.BeginCatchUp(p->ProbesOnlineBefore(), now);
    Process(p.get(), now);
    if (with_rule) {
      EXPECT_LE(p->NextCycle(TestKind::kDns), kT0 + 60 * kOutageFrom);
    }
    for (int m = kOutageFrom; m < kOutageTo; m += 10) {
      for (ProbeIndex probe = 0; probe < kProbes; ++probe) {
        for (int k = m; k < m + 10; ++k) Push(p.get(), probe, k);
        now += 2;
        Process(p.get(), now);
      }
    }
    RealTime(p.get(), kOutageTo, kMinutes);
    return Verdicts(store.get());
  }

  std::string dir_;
  FakeClock clock_{kT0};
};

TEST_F(CatchUpTest, VerdictsAfterAnHourLongOutageMatchARunWithoutIt) {
  auto reference_store = SeededStore("reference.db");
  DeliveryTracker reference_tracker(kWindow);
  auto reference = Open(reference_store.get(), &reference_tracker);
  RealTime(reference.get(), 0, kMinutes);
  const std::string expected = Verdicts(reference_store.get());
  ASSERT_NE(expected.find("Down"), std::string::npos) << expected;

  EXPECT_EQ(RunWithOutage("outage.db", /*with_rule=*/true), expected);
}

TEST_F(CatchUpTest, WithoutTheRuleTheOutageChangesTheVerdicts) {
  auto reference_store = SeededStore("reference.db");
  DeliveryTracker reference_tracker(0);
  auto reference = Open(reference_store.get(), &reference_tracker);
  RealTime(reference.get(), 0, kMinutes);
  EXPECT_NE(RunWithOutage("outage.db", /*with_rule=*/false), Verdicts(reference_store.get()));
}

TEST_F(CatchUpTest, IngestUnreachableWhileServeRunsIsCaughtUp) {
  auto reference_store = SeededStore("reference.db");
  DeliveryTracker reference_tracker(kWindow);
  auto reference = Open(reference_store.get(), &reference_tracker);
  RealTime(reference.get(), 0, kMinutes);

  // serve keeps ticking, but no probe reaches it for ten minutes.
  auto store = SeededStore("partition.db");
  DeliveryTracker tracker(kWindow);
  auto p = Open(store.get(), &tracker);
  RealTime(p.get(), 0, 30);
  for (int m = 30; m < 40; ++m) Process(p.get(), kT0 + 60 * m + 30);
  EXPECT_TRUE(tracker.catching_up());
  for (ProbeIndex probe = 0; probe < kProbes; ++probe) {
    for (int m = 30; m < 40; ++m) Push(p.get(), probe, m);
    Process(p.get(), kT0 + 60 * 40 + probe);
  }
  RealTime(p.get(), 40, kMinutes);
  EXPECT_EQ(Verdicts(store.get()), Verdicts(reference_store.get()));
}

}  // namespace
}  // namespace tldmon::ingest
