#include "ingest/cycle_pipeline.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "core/clock.h"
#include "documents/document_paths.h"
#include "ingest/month_archive.h"
#include "store/sqlite/sqlite_store.h"

namespace tldmon::ingest {
namespace {

constexpr UnixSeconds kCyclePipelineT0 = 1767225600;  // 2026-01-01T00:00:00Z
constexpr int kCyclePipelineProbes = 4;

EntityId CyclePipelineExample() { return EntityId{EntityKind::kRegistry, "example"}; }

EntityConfig ExampleTld() {
  EntityConfig e;
  e.id = CyclePipelineExample();
  e.SetEnabled(Service::kDns, true);
  e.SetEnabled(Service::kDnssec, true);
  e.name_servers = {{"ns1.nic.example", {"192.0.2.1"}}, {"ns2.nic.example", {"192.0.2.2"}}};
  return e;
}

// ICANN's numbers except the minimum of online probes, so four probes make
// a conclusive DNS cycle.
engine::SlaParams Params() {
  engine::SlaParams p = engine::SlaParams::Defaults();
  p.Of(Service::kDns).min_online = 2;
  p.Of(Service::kDnssec).min_online = 2;
  return p;
}

std::vector<ProbeMinuteSample> AllOnline() {
  std::vector<ProbeMinuteSample> out;
  for (ProbeIndex p = 0; p < kCyclePipelineProbes; ++p) out.push_back({p, true, true, true});
  return out;
}

// Every probe's DNS report for `cycle`: both name servers answer in 20 ms
// (Up) or not at all (-200: every probe's DNS test fails, so DNS is Down).
std::vector<ProbeReport> DnsReports(UnixSeconds cycle, bool up) {
  std::vector<ProbeReport> out;
  for (ProbeIndex p = 0; p < kCyclePipelineProbes; ++p) {
    ProbeReport r;
    r.probe = p;
    r.entity = CyclePipelineExample();
    r.test = TestKind::kDns;
    r.cycle = cycle;
    r.tested_name = "nonexistent-tldmon.example.";
    for (std::uint16_t ns = 0; ns < 2; ++ns)
      r.metrics.push_back({ns, 0, up ? 20 : -200, cycle + 5, "", ""});
    out.push_back(std::move(r));
  }
  return out;
}

class CyclePipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tldmon_ingest_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<store::SqliteStore> OpenStore(const std::string& name = "t.db") {
    auto s = store::SqliteStore::Open(dir_ + "/" + name);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return std::move(*s);
  }
  std::unique_ptr<store::SqliteStore> SeededStore(const std::string& name = "t.db") {
    auto s = OpenStore(name);
    EXPECT_TRUE(s->PutSlaParams(Params()).ok());
    const EntityConfig e = ExampleTld();
    EXPECT_TRUE(s->PutEntities(std::span<const EntityConfig>(&e, 1)).ok());
    for (int i = 0; i < kCyclePipelineProbes; ++i) {
      ProbeNode p;
      p.name = "Probe" + std::to_string(i + 1);
      EXPECT_TRUE(s->AddProbe(p).ok());
    }
    return s;
  }
  std::unique_ptr<CyclePipeline> OpenPipeline(store::Store* s, documents::DocumentStore* docs) {
    PipelineOptions o;
    o.start = kCyclePipelineT0;
    auto p = CyclePipeline::Open(s, docs, &clock_, o);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(*p) : nullptr;
  }
  // Feeds minute t (and the DNS cycle starting then) with DNS Down in the
  // minutes listed in `down`.
  void Feed(CyclePipeline* p, UnixSeconds t, const std::set<UnixSeconds>& down) {
    const auto samples = AllOnline();
    ASSERT_TRUE(p->AcceptProbeMinutes(t, samples).ok());
    const auto reports = DnsReports(t, down.count(t) == 0);
    auto r = p->AcceptReports(reports);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  std::string dir_;
  FakeClock clock_{kCyclePipelineT0};
};

TEST_F(CyclePipelineTest, ProcessesACycleOnlyAfterItsEndPlusGrace) {
  auto store = SeededStore();
  documents::DocumentStore docs;
  auto p = OpenPipeline(store.get(), &docs);
  ASSERT_NE(p, nullptr);
  EXPECT_FALSE(p->restored());
  EXPECT_EQ(p->NextCycle(TestKind::kDns), kCyclePipelineT0);
  Feed(p.get(), kCyclePipelineT0, {});
  // The cycle's last second is kCyclePipelineT0 + 59; with 120 s grace it is due at kCyclePipelineT0 + 179.
  auto none = p->ProcessDue(kCyclePipelineT0 + 178);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->cycles, 0);
  auto one = p->ProcessDue(kCyclePipelineT0 + 179);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->per_test[static_cast<std::size_t>(TestKind::kDns)], 1);
  EXPECT_EQ(p->NextCycle(TestKind::kDns), kCyclePipelineT0 + 60);
  EXPECT_EQ(p->NextMinute(), kCyclePipelineT0 + 60);
  auto v = store->Verdicts(CyclePipelineExample(), Service::kDns, kCyclePipelineT0, kCyclePipelineT0 + 60);
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->size(), 1u);
  EXPECT_EQ((*v)[0].verdict.status, CycleStatus::kUp);
  EXPECT_EQ((*v)[0].verdict.online, kCyclePipelineProbes);
}

TEST_F(CyclePipelineTest, RepeatedReportsAreNoOpsAndBadOnesAreRejectedWhole) {
  auto store = SeededStore();
  auto p = OpenPipeline(store.get(), nullptr);
  ASSERT_NE(p, nullptr);
  const auto reports = DnsReports(kCyclePipelineT0, true);
  auto first = p->AcceptReports(reports);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->inserted, reports.size());
  auto again = p->AcceptReports(reports);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->duplicates, reports.size());
  EXPECT_EQ(again->inserted, 0u);

  auto bad = DnsReports(kCyclePipelineT0 + 60, true);
  bad.back().entity = EntityId{EntityKind::kRegistry, "unknown"};
  EXPECT_FALSE(p->AcceptReports(bad).ok());
  auto stored = store->CycleReports(TestKind::kDns, kCyclePipelineT0 + 60);
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->empty());  // all-or-nothing
}

TEST_F(CyclePipelineTest, IncidentOpensAfterThreeDownCyclesAndDocumentsFollow) {
  auto store = SeededStore();
  documents::DocumentStore docs;
  auto p = OpenPipeline(store.get(), &docs);
  ASSERT_NE(p, nullptr);
  // slam-algorithms.md E4: Up, then Down from m1; the incident opens at m3
  // with startTime = cycle_start(m3).
  const std::set<UnixSeconds> down = {kCyclePipelineT0 + 60, kCyclePipelineT0 + 120, kCyclePipelineT0 + 180, kCyclePipelineT0 + 240};
  int opened = 0;
  for (int m = 0; m < 5; ++m) {
    Feed(p.get(), kCyclePipelineT0 + 60 * m, down);
    auto r = p->ProcessDue(kCyclePipelineT0 + 60 * m + 59 + 120);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    opened += r->incidents_opened;
  }
  EXPECT_EQ(opened, 1);
  const engine::ServiceSummary dns = p->engine().Summarize(CyclePipelineExample(), Service::kDns);
  EXPECT_EQ(dns.status, CycleStatus::kDown);
  EXPECT_EQ(dns.downtime_minutes, 2);  // m3 and m4 (E4)
  EXPECT_EQ(dns.alarmed, "Yes");

  auto alarmed =
      docs.Find(documents::AlarmedPath(CyclePipelineExample(), documents::ApiVersion::kV2, Service::kDns));
  ASSERT_NE(alarmed, nullptr);
  EXPECT_NE(alarmed->body().find("\"alarmed\":\"Yes\""), std::string::npos) << alarmed->body();
  auto downtime =
      docs.Find(documents::DowntimePath(CyclePipelineExample(), documents::ApiVersion::kV2, Service::kDns));
  ASSERT_NE(downtime, nullptr);
  EXPECT_NE(downtime->body().find("\"downtime\":2"), std::string::npos) << downtime->body();
  auto state = docs.Find(documents::StatePath(CyclePipelineExample(), documents::ApiVersion::kV2));
  ASSERT_NE(state, nullptr);
  EXPECT_NE(state->body().find("\"status\":\"Down\""), std::string::npos) << state->body();
  const std::string id = std::to_string(kCyclePipelineT0 + 180) + ".1";
  EXPECT_NE(docs.Find(documents::IncidentStatePath(CyclePipelineExample(), documents::ApiVersion::kV2,
                                                   Service::kDns, id)),
            nullptr);
  EXPECT_NE(
      docs.Find(documents::IncidentListPath(CyclePipelineExample(), documents::ApiVersion::kV1, Service::kDns)),
      nullptr);

  // An operator flags it: no downtime, not alarmed (§7), and it is stored.
  auto fp = p->SetFalsePositive(CyclePipelineExample(), Service::kDns, id, true, "ops", kCyclePipelineT0 + 400);
  ASSERT_TRUE(fp.ok()) << fp.status().ToString();
  EXPECT_EQ(p->engine().Summarize(CyclePipelineExample(), Service::kDns).downtime_minutes, 0);
  alarmed = docs.Find(documents::AlarmedPath(CyclePipelineExample(), documents::ApiVersion::kV2, Service::kDns));
  EXPECT_NE(alarmed->body().find("\"alarmed\":\"No\""), std::string::npos) << alarmed->body();
  auto history = store->FalsePositiveHistory(CyclePipelineExample(), Service::kDns);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].who, "ops");
  EXPECT_FALSE(p->SetFalsePositive(CyclePipelineExample(), Service::kDns, id, false, "", kCyclePipelineT0 + 500).ok());
}

TEST_F(CyclePipelineTest, MissingProbeMinutesMeanOfflineProbes) {
  auto store = SeededStore();
  auto p = OpenPipeline(store.get(), nullptr);
  ASSERT_NE(p, nullptr);
  // Reports arrive but no probe status: no probe is online (§3), so the
  // cycle is Up-inconclusive-no-probes.
  ASSERT_TRUE(p->AcceptReports(DnsReports(kCyclePipelineT0, false)).ok());
  ASSERT_TRUE(p->ProcessDue(kCyclePipelineT0 + 179).ok());
  auto v = store->Verdicts(CyclePipelineExample(), Service::kDns, kCyclePipelineT0, kCyclePipelineT0 + 60);
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->size(), 1u);
  EXPECT_EQ((*v)[0].verdict.status, CycleStatus::kUpInconclusiveNoProbes);
}

TEST_F(CyclePipelineTest, RestartContinuesExactlyWhereTheStoreStopped) {
  // Down from minute 10 to 30: an incident opens and closes; RDDS/RDAP cycles
  // run alongside. One run goes straight through; the other is torn down and
  // reopened from its store several times, including right after feeding
  // data that was not processed yet.
  std::set<UnixSeconds> down;
  for (int m = 10; m < 30; ++m) down.insert(kCyclePipelineT0 + 60 * m);
  const int kStraightMinutes = 60;

  auto straight_store = SeededStore("a.db");
  auto straight = OpenPipeline(straight_store.get(), nullptr);
  ASSERT_NE(straight, nullptr);
  for (int m = 0; m < kStraightMinutes; ++m) {
    Feed(straight.get(), kCyclePipelineT0 + 60 * m, down);
    ASSERT_TRUE(straight->ProcessDue(kCyclePipelineT0 + 60 * (m + 1)).ok());
  }
  ASSERT_TRUE(straight->ProcessDue(kCyclePipelineT0 + 60 * kStraightMinutes + 120).ok());

  { auto seeded = SeededStore("b.db"); }
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<CyclePipeline> p;
  int reopened = 0;
  for (int m = 0; m < kStraightMinutes; ++m) {
    if (m % 17 == 0) {
      p.reset();
      store = OpenStore("b.db");
      p = OpenPipeline(store.get(), nullptr);
      ASSERT_NE(p, nullptr);
      EXPECT_EQ(p->restored(), m > 0);
      // A feeder resumes from the pipeline's resume point; repeats are no-ops.
      EXPECT_LE(p->ResumePoint(), kCyclePipelineT0 + 60 * m);
      ++reopened;
    }
    Feed(p.get(), kCyclePipelineT0 + 60 * m, down);
    auto r = p->ProcessDue(kCyclePipelineT0 + 60 * (m + 1));
    ASSERT_TRUE(r.ok()) << "minute " << m << ": " << r.status().ToString();
  }
  ASSERT_TRUE(p->ProcessDue(kCyclePipelineT0 + 60 * kStraightMinutes + 120).ok());
  EXPECT_EQ(reopened, 4);

  EXPECT_EQ(p->engine().state(), straight->engine().state());
  auto a = straight_store->Incidents(CyclePipelineExample(), Service::kDns);
  auto b = store->Incidents(CyclePipelineExample(), Service::kDns);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->size(), 1u);
  EXPECT_EQ(*a, *b);
  EXPECT_FALSE((*a)[0].active());
}

TEST_F(CyclePipelineTest, ReopenedPipelinePublishesEveryDocument) {
  auto store = SeededStore();
  {
    auto p = OpenPipeline(store.get(), nullptr);
    ASSERT_NE(p, nullptr);
    Feed(p.get(), kCyclePipelineT0, {});
    ASSERT_TRUE(p->ProcessDue(kCyclePipelineT0 + 179).ok());
  }
  documents::DocumentStore docs;
  auto p = OpenPipeline(store.get(), &docs);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->restored());
  EXPECT_EQ(p->NextCycle(TestKind::kDns), kCyclePipelineT0 + 60);
  for (documents::ApiVersion v : {documents::ApiVersion::kV1, documents::ApiVersion::kV2}) {
    EXPECT_NE(docs.Find(documents::StatePath(CyclePipelineExample(), v)), nullptr);
    EXPECT_NE(docs.Find(documents::AlarmedPath(CyclePipelineExample(), v, Service::kDns)), nullptr);
    EXPECT_NE(docs.Find(documents::DowntimePath(CyclePipelineExample(), v, Service::kDnssec)), nullptr);
    // RDDS is not enabled: "Disabled" alarmed document, no downtime (§6.3, §6.4).
    auto rdds = docs.Find(documents::AlarmedPath(CyclePipelineExample(), v, Service::kRdds));
    ASSERT_NE(rdds, nullptr);
    EXPECT_NE(rdds->body().find("Disabled"), std::string::npos);
    EXPECT_EQ(docs.Find(documents::DowntimePath(CyclePipelineExample(), v, Service::kRdds)), nullptr);
  }
}

// `tldmon admin` edits the configuration in the store between runs: an
// entity removed, another added, a probe appended. The next Open fits the
// committed state to it (engine/state_reconcile.h) instead of refusing, and
// processing continues; the next commit stores the fitted state.
TEST_F(CyclePipelineTest, ReopensAfterTheConfigurationChangedInTheStore) {
  auto store = SeededStore();
  EntityConfig other = ExampleTld();
  other.id = EntityId{EntityKind::kRegistry, "other"};
  other.name_servers = {{"ns1.nic.other", {"192.0.2.11"}}, {"ns2.nic.other", {"192.0.2.12"}}};
  ASSERT_TRUE(store->PutEntities(std::span<const EntityConfig>(&other, 1)).ok());
  {
    auto p = OpenPipeline(store.get(), nullptr);
    ASSERT_NE(p, nullptr);
    Feed(p.get(), kCyclePipelineT0, {});
    ASSERT_TRUE(p->ProcessDue(kCyclePipelineT0 + 179).ok());
  }
  ASSERT_TRUE(store->RemoveEntity(other.id).ok());
  EntityConfig third = other;
  third.id = EntityId{EntityKind::kRegistry, "third"};
  ASSERT_TRUE(store->PutEntities(std::span<const EntityConfig>(&third, 1)).ok());
  ProbeNode extra;
  extra.name = "Probe5";
  ASSERT_TRUE(store->AddProbe(extra).ok());

  auto p = OpenPipeline(store.get(), nullptr);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->restored());
  EXPECT_EQ(p->NextCycle(TestKind::kDns), kCyclePipelineT0 + 60);
  EXPECT_EQ(p->engine().state().entities.count(other.id), 0u);
  EXPECT_EQ(p->engine().state().entities.count(third.id), 1u);
  EXPECT_EQ(p->engine().state().probes.size(), static_cast<std::size_t>(kCyclePipelineProbes + 1));
  Feed(p.get(), kCyclePipelineT0 + 60, {});
  auto r = p->ProcessDue(kCyclePipelineT0 + 60 + 179);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->cycles, 1);
  auto committed = store->LoadEngineState();
  ASSERT_TRUE(committed.ok());
  EXPECT_EQ(*committed, p->engine().state());
}

// docs/operations.md: an admin edit to a running serve commits the new
// configuration (with its change time) and raises the change generation in
// one transaction; the engine loop sees the generation move and re-opens the
// pipeline from the store. That re-open must land exactly where a scenario's
// `reconfigure` (Engine::Restore on the running engine's state) lands, and
// the reconfig window must start at the minute of the change (RSM), so the
// scenarios specify what serve does.
TEST_F(CyclePipelineTest, AnEditWhileRunningTakesThePathOfAScenarioReconfigure) {
  auto store = SeededStore();
  auto p = OpenPipeline(store.get(), nullptr);
  ASSERT_NE(p, nullptr);
  for (UnixSeconds t = kCyclePipelineT0; t < kCyclePipelineT0 + 180; t += 60) Feed(p.get(), t, {kCyclePipelineT0, kCyclePipelineT0 + 60, kCyclePipelineT0 + 120});
  ASSERT_TRUE(p->ProcessDue(kCyclePipelineT0 + 120 + 179).ok());
  ASSERT_EQ(p->NextCycle(TestKind::kDns), kCyclePipelineT0 + 180);

  // The edit at 00:03:30: ns2 first, ns1, and a new ns3.
  EntityConfig edited = ExampleTld();
  edited.name_servers = {{"ns2.nic.example", {"192.0.2.2"}},
                         {"ns1.nic.example", {"192.0.2.1"}},
                         {"ns3.nic.example", {"192.0.2.3"}}};
  edited.config_times = {kCyclePipelineT0 + 210};
  const std::uint64_t before = *store->ChangeGeneration();
  ASSERT_TRUE(store->PutEntities(std::span<const EntityConfig>(&edited, 1)).ok());
  EXPECT_EQ(*store->ChangeGeneration(), before + 1);

  // The scenario runner's path, from the running engine.
  auto in_memory = engine::Engine::Restore(p->engine().params(), {edited}, p->engine().probes(),
                                           p->engine().state());
  ASSERT_TRUE(in_memory.ok()) << in_memory.status().ToString();
  // serve's path, from the store.
  p.reset();
  p = OpenPipeline(store.get(), nullptr);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->engine().state(), in_memory->state());
  const auto& ns_ips = p->engine().state().entities.at(CyclePipelineExample()).ns_ips;
  ASSERT_EQ(ns_ips.size(), 3u);
  EXPECT_EQ(ns_ips[1].ns, "ns1.nic.example");
  EXPECT_EQ(ns_ips[1].month_down_cycles, 3);  // kept by (name, address) across the reorder
  EXPECT_EQ(ns_ips[2].month_down_cycles, 0);

  // Every probe fails on every server from 00:03 on; the cycles 00:03 ..
  // 00:22 are Up-inconclusive-reconfig, 00:23 is Down.
  for (UnixSeconds t = kCyclePipelineT0 + 180; t <= kCyclePipelineT0 + 23 * 60; t += 60) {
    ASSERT_TRUE(p->AcceptProbeMinutes(t, AllOnline()).ok());
    std::vector<ProbeReport> reports = DnsReports(t, false);
    for (ProbeReport& r : reports) r.metrics.push_back({2, 0, -200, t + 5, "", ""});
    ASSERT_TRUE(p->AcceptReports(reports).ok());
  }
  auto r = p->ProcessDue(kCyclePipelineT0 + 23 * 60 + 179);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto v = store->Verdicts(CyclePipelineExample(), Service::kDns, kCyclePipelineT0 + 180, kCyclePipelineT0 + 24 * 60);
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->size(), 21u);
  for (const store::CycleVerdict& c : *v)
    EXPECT_EQ(c.verdict.status,
              c.cycle < kCyclePipelineT0 + 23 * 60 ? CycleStatus::kUpInconclusiveReconfig : CycleStatus::kDown)
        << c.cycle - kCyclePipelineT0;
}

// A7: a report measured under the configuration before an edit reaches the
// pipeline after it: it is matched by (name server, address) to the
// configuration in force, or refused with a reason.
TEST_F(CyclePipelineTest, NamedReportsAreMatchedToTheConfigurationInForce) {
  auto store = SeededStore();
  EntityConfig edited = ExampleTld();
  edited.name_servers = {{"ns2.nic.example", {"192.0.2.2"}}, {"ns3.nic.example", {"192.0.2.3"}}};
  edited.config_times = {kCyclePipelineT0 + 30};
  ASSERT_TRUE(store->PutEntities(std::span<const EntityConfig>(&edited, 1)).ok());
  auto p = OpenPipeline(store.get(), nullptr);
  ASSERT_NE(p, nullptr);

  // Probe 0 still tested ns1 and ns2 (ExampleTld()); probe 1 already the
  // new list.
  std::vector<NamedProbeReport> named;
  for (ProbeIndex probe : {0u, 1u}) {
    const EntityConfig& under = probe == 0 ? ExampleTld() : edited;
    ProbeReport r = DnsReports(kCyclePipelineT0, true)[probe];
    r.metrics[1].value = 77;  // second server of its list
    auto n = NameReport(r, under);
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    named.push_back(*n);
  }
  auto intake = p->AcceptNamedReports(named);
  ASSERT_TRUE(intake.ok()) << intake.status().ToString();
  EXPECT_EQ(intake->stored.inserted, 1u);
  ASSERT_EQ(intake->refused.size(), 1u);
  EXPECT_NE(intake->refused[0].find("name server ns1.nic.example is not in the configuration"),
            std::string::npos)
      << intake->refused[0];
  auto stored = store->CycleReports(TestKind::kDns, kCyclePipelineT0);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].probe, 1u);
  EXPECT_EQ((*stored)[0].metrics[1].target, 1u);  // ns3 in the list in force
  EXPECT_EQ((*stored)[0].metrics[1].value, 77);
}

// An admin edit can land between a report's intake and its cycle's
// processing (the grace period). The value must stay with its address: a
// reordered list re-indexes it, a removed address refuses the report (with
// the count), and neither stops the engine.
TEST_F(CyclePipelineTest, AnEditBetweenIntakeAndProcessingNeverMovesAValue) {
  auto store = SeededStore();
  auto p = OpenPipeline(store.get(), nullptr);
  ASSERT_NE(p, nullptr);
  // Cycles kCyclePipelineT0 and kCyclePipelineT0 + 60 under ns1, ns2: ns1 silent, ns2 answers.
  for (UnixSeconds t : {kCyclePipelineT0, kCyclePipelineT0 + 60}) {
    ASSERT_TRUE(p->AcceptProbeMinutes(t, AllOnline()).ok());
    std::vector<ProbeReport> reports = DnsReports(t, true);
    for (ProbeReport& r : reports) r.metrics[0].value = -200;
    ASSERT_TRUE(p->AcceptReports(reports).ok());
  }
  // At 00:01:30, before either cycle is processed: ns2 first, then ns1.
  EntityConfig reordered = ExampleTld();
  reordered.name_servers = {{"ns2.nic.example", {"192.0.2.2"}}, {"ns1.nic.example", {"192.0.2.1"}}};
  reordered.config_times = {kCyclePipelineT0 + 90};
  ASSERT_TRUE(store->PutEntities(std::span<const EntityConfig>(&reordered, 1)).ok());
  p = OpenPipeline(store.get(), nullptr);
  ASSERT_NE(p, nullptr);
  auto first = p->ProcessDue(kCyclePipelineT0 + 179);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->reports_refused, 0);
  auto v = store->NsIpVerdicts(CyclePipelineExample(), kCyclePipelineT0, kCyclePipelineT0 + 60);
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->size(), 2u);
  for (const store::NsIpCycleVerdict& n : *v) {
    const std::string& ip = reordered.name_servers[n.verdict.ns].ips[n.verdict.ip];
    EXPECT_EQ(n.verdict.status, ip == "192.0.2.1" ? CycleStatus::kDown : CycleStatus::kUp) << ip;
  }

  // Then ns1 is removed before kCyclePipelineT0 + 60 is processed: its reports are refused.
  EntityConfig removed = reordered;
  removed.name_servers = {{"ns2.nic.example", {"192.0.2.2"}}};
  removed.config_times.push_back(kCyclePipelineT0 + 200);
  ASSERT_TRUE(store->PutEntities(std::span<const EntityConfig>(&removed, 1)).ok());
  p = OpenPipeline(store.get(), nullptr);
  ASSERT_NE(p, nullptr);
  auto second = p->ProcessDue(kCyclePipelineT0 + 60 + 179);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->cycles, 1);
  EXPECT_EQ(second->reports_refused, kCyclePipelineProbes);
  auto verdicts = store->Verdicts(CyclePipelineExample(), Service::kDns, kCyclePipelineT0 + 60, kCyclePipelineT0 + 120);
  ASSERT_TRUE(verdicts.ok());
  ASSERT_EQ(verdicts->size(), 1u);
  EXPECT_EQ((*verdicts)[0].verdict.with_results, 0);
}

}  // namespace
}  // namespace tldmon::ingest

namespace tldmon::ingest {
namespace {

TEST_F(CyclePipelineTest, AlertEventsAreRecordedOnceAcrossARestart) {
  auto store = SeededStore();
  documents::DocumentStore docs;
  PipelineOptions o;
  o.start = kCyclePipelineT0;
  o.alerts = engine::AlertRules{};
  const std::set<UnixSeconds> down = {kCyclePipelineT0 + 60, kCyclePipelineT0 + 120, kCyclePipelineT0 + 180};
  {
    auto p = CyclePipeline::Open(store.get(), &docs, &clock_, o);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    for (UnixSeconds t = kCyclePipelineT0; t <= kCyclePipelineT0 + 180; t += 60) Feed(p->get(), t, down);
    auto done = (*p)->ProcessDue(kCyclePipelineT0 + 180 + 179);
    ASSERT_TRUE(done.ok()) << done.status().ToString();
    EXPECT_EQ(done->alerts_fired, 2);  // the incident, and the month's DNS SLR at risk
  }
  auto events = store->AlertEventsAfter(0, 100);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].fingerprint, "incident/ry/example/dns/1767225780.1");
  EXPECT_TRUE((*events)[0].firing);
  EXPECT_NE((*events)[0].body.find(R"("status":"firing","kind":"incident","severity":"critical","entity":"ry/example")"),
            std::string::npos)
      << (*events)[0].body;
  // Reopened (a restart): the next cycles, Up, bring no repeat; the incident
  // closes after 3 Up cycles and its alert resolves after the hold-down.
  auto p = CyclePipeline::Open(store.get(), &docs, &clock_, o);
  ASSERT_TRUE(p.ok());
  for (UnixSeconds t = kCyclePipelineT0 + 240; t <= kCyclePipelineT0 + 900; t += 60) Feed(p->get(), t, {});
  auto done = (*p)->ProcessDue(kCyclePipelineT0 + 900 + 179);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->alerts_fired, 0);
  EXPECT_EQ(done->alerts_resolved, 1);
  events = store->AlertEventsAfter((*events)[1].id, 100);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].fingerprint, "incident/ry/example/dns/1767225780.1");
  EXPECT_FALSE((*events)[0].firing);
}

TEST(MonthArchive, TheLastCycleOfAMonth) {
  const UnixSeconds feb = 1769904000;  // 2026-02-01
  EXPECT_TRUE(IsLastCycleOfMonth(feb - 60, 60));
  EXPECT_FALSE(IsLastCycleOfMonth(feb - 120, 60));
  EXPECT_FALSE(IsLastCycleOfMonth(feb, 60));
  EXPECT_TRUE(IsLastCycleOfMonth(feb - 300, 300));
  EXPECT_FALSE(IsLastCycleOfMonth(feb - 600, 300));
}

TEST_F(CyclePipelineTest, TheLastCycleOfAMonthKeepsTheMonthsFigures) {
  auto store = SeededStore();
  documents::DocumentStore docs;
  const UnixSeconds feb = NextMonthStart(kCyclePipelineT0);
  PipelineOptions o;
  o.start = feb - 240;
  auto opened = CyclePipeline::Open(store.get(), &docs, &clock_, o);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  CyclePipeline* p = opened->get();
  // January's last four minutes, DNS Down in one; then February's first two.
  for (UnixSeconds t = feb - 240; t < feb + 120; t += 60) Feed(p, t, {feb - 180});
  auto done = p->ProcessDue(feb + 60 + 179);  // through the cycle at feb + 60
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->per_test[static_cast<std::size_t>(TestKind::kDns)], 6);
  auto kept = store->KeptMonthlyFigures(CyclePipelineExample());
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  ASSERT_EQ(kept->size(), 1u);  // DNS only: the entity has no RDDS or RDAP
  EXPECT_EQ((*kept)[0].month, kCyclePipelineT0);
  EXPECT_EQ((*kept)[0].test, TestKind::kDns);
  // January's figures, not February's: the NS-IPs were Down once.
  EXPECT_NE((*kept)[0].body.find(R"("service":"dns","month":"2026-01")"), std::string::npos)
      << (*kept)[0].body;
  EXPECT_NE((*kept)[0].body.find(R"("ns":"ns1.nic.example","ip":"192.0.2.1","month":"2026-01","downtime":1)"),
            std::string::npos)
      << (*kept)[0].body;
}

}  // namespace
}  // namespace tldmon::ingest
