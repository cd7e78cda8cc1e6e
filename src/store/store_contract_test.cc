// Store contract, part 1: the fixture and configuration (SlaParams, entities,
// probes). Every test uses only the Store interface (store/store.h).
#include "store/store_contract.h"

namespace tldmon::store::testing {

void StoreContractTest::SetUp() {
  harness_ = GetParam().make();
  ASSERT_NE(harness_, nullptr);
  Result<std::unique_ptr<Store>> s = harness_->Open();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  store_ = std::move(s).value();
}

void StoreContractTest::Reopen() {
  store_.reset();
  Result<std::unique_ptr<Store>> s = harness_->Open();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  store_ = std::move(s).value();
}

void StoreContractTest::Seed() {
  TLDMON_ASSERT_OK(store_->PutEntities(std::vector{ExampleTld(), DnsOnlyTld(), Registrar()}));
  for (const ProbeNode& p : ThreeProbes()) TLDMON_ASSERT_OK(store_->AddProbe(p));
}

std::vector<ProbeReport> StoreContractTest::Cycle(TestKind test, UnixSeconds cycle) {
  Result<std::vector<ProbeReport>> r = store_->CycleReports(test, cycle);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::vector<ProbeReport>{};
}

std::map<std::pair<TestKind, UnixSeconds>, std::vector<ProbeReport>> StoreContractTest::ReadAll(
    const std::vector<ProbeReport>& reports) {
  std::map<std::pair<TestKind, UnixSeconds>, std::vector<ProbeReport>> out;
  for (const ProbeReport& r : reports) out[{r.test, r.cycle}] = Cycle(r.test, r.cycle);
  return out;
}

void StoreContractTest::FinishDay() {
  engine::EngineState s;
  s.last_cycle[static_cast<std::size_t>(TestKind::kDns)] = kT0 + 86400;
  engine::CycleOutput o;
  o.test = TestKind::kDns;
  o.cycle = kT0 + 86400;
  TLDMON_ASSERT_OK(store_->CommitCycle(o, s));
}

namespace {

using ::testing::HasSubstr;

// Every field, spelled out: SlaParams has no operator==.
void ExpectSameParams(const engine::SlaParams& a, const engine::SlaParams& b) {
  for (Service s : kAllServices) {
    SCOPED_TRACE(std::string(JsonKey(s)));
    EXPECT_EQ(a.Of(s).cycle_seconds, b.Of(s).cycle_seconds);
    EXPECT_EQ(a.Of(s).min_online, b.Of(s).min_online);
    EXPECT_EQ(a.Of(s).fail_cycles, b.Of(s).fail_cycles);
    EXPECT_EQ(a.Of(s).recover_cycles, b.Of(s).recover_cycles);
    EXPECT_EQ(a.Of(s).rollweek_sla_minutes, b.Of(s).rollweek_sla_minutes);
    EXPECT_EQ(a.Of(s).downtime_slr_minutes, b.Of(s).downtime_slr_minutes);
  }
  EXPECT_EQ(a.dns_udp_rtt_high_ms, b.dns_udp_rtt_high_ms);
  EXPECT_EQ(a.dns_tcp_rtt_high_ms, b.dns_tcp_rtt_high_ms);
  EXPECT_EQ(a.rdds_rtt_high_ms, b.rdds_rtt_high_ms);
  EXPECT_EQ(a.rdap_rtt_high_ms, b.rdap_rtt_high_ms);
  EXPECT_EQ(a.dns_udp_rtt_low_ms, b.dns_udp_rtt_low_ms);
  EXPECT_EQ(a.dns_tcp_rtt_low_ms, b.dns_tcp_rtt_low_ms);
  EXPECT_EQ(a.rdds_rtt_low_ms, b.rdds_rtt_low_ms);
  EXPECT_EQ(a.rdap_rtt_low_ms, b.rdap_rtt_low_ms);
  EXPECT_EQ(a.rtt_failed_percent_allowed, b.rtt_failed_percent_allowed);
  EXPECT_EQ(a.rollweek_seconds, b.rollweek_seconds);
  EXPECT_EQ(a.reconfig_seconds, b.reconfig_seconds);
  EXPECT_EQ(a.unavailability_limit, b.unavailability_limit);
  EXPECT_EQ(a.ns_downtime_slr_minutes, b.ns_downtime_slr_minutes);
  EXPECT_EQ(a.probe_online_delay_seconds, b.probe_online_delay_seconds);
}

TEST_P(StoreContractTest, SlaParamsAreIcannDefaultsUntilStored) {
  Result<engine::SlaParams> p = store_->LoadSlaParams();
  TLDMON_ASSERT_OK(p);
  // slam-algorithms.md §1.2, §7, §8: DNS 60 s / 20 probes / 3-3 / 240 min.
  EXPECT_EQ(p->Of(Service::kDns).cycle_seconds, 60);
  EXPECT_EQ(p->Of(Service::kDns).min_online, 20);
  EXPECT_EQ(p->Of(Service::kRdds).cycle_seconds, 300);
  EXPECT_EQ(p->Of(Service::kRdap).rollweek_sla_minutes, 1440);
  EXPECT_EQ(p->unavailability_limit, 49);
}

TEST_P(StoreContractTest, SlaParamsRoundTripAcrossReopen) {
  engine::SlaParams p = engine::SlaParams::Defaults();
  p.Of(Service::kDns).min_online = 5;
  p.Of(Service::kDnssec).min_online = 5;
  p.Of(Service::kRdap).fail_cycles = 4;
  p.Of(Service::kEpp).downtime_slr_minutes = 7;
  p.rdap_rtt_low_ms = 4321;
  p.rtt_failed_percent_allowed = 2.5;
  p.unavailability_limit = 49.125;
  p.probe_online_delay_seconds = 240;
  TLDMON_ASSERT_OK(store_->PutSlaParams(p));
  ExpectSameParams(*store_->LoadSlaParams(), p);
  Reopen();
  Result<engine::SlaParams> back = store_->LoadSlaParams();
  TLDMON_ASSERT_OK(back);
  ExpectSameParams(*back, p);
}

TEST_P(StoreContractTest, InvalidSlaParamsAreRejectedAndChangeNothing) {
  engine::SlaParams p = engine::SlaParams::Defaults();
  p.Of(Service::kDns).cycle_seconds = 61;  // must divide a day in whole minutes
  const Status s = store_->PutSlaParams(p);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("cycle"));
  ExpectSameParams(*store_->LoadSlaParams(), engine::SlaParams::Defaults());
}

TEST_P(StoreContractTest, EntitiesRoundTripSortedByIdAcrossReopen) {
  const std::vector<EntityConfig> in = {Registrar(), ExampleTld(), DnsOnlyTld()};
  TLDMON_ASSERT_OK(store_->PutEntities(in));
  // Ascending EntityId: registries (ry) before registrars (rr), then by id.
  const std::vector<EntityConfig> want = {ExampleTld(), DnsOnlyTld(), Registrar()};
  Result<std::vector<EntityConfig>> got = store_->LoadEntities();
  TLDMON_ASSERT_OK(got);
  EXPECT_EQ(*got, want);
  Reopen();
  got = store_->LoadEntities();
  TLDMON_ASSERT_OK(got);
  EXPECT_EQ(*got, want);
}

TEST_P(StoreContractTest, PutEntitiesReplacesAConfiguration) {
  TLDMON_ASSERT_OK(store_->PutEntities(std::vector{ExampleTld()}));
  EntityConfig changed = ExampleTld();
  changed.name_servers = {{"ns3.example", {"192.0.2.3"}}};  // fewer servers and IPs
  changed.min_ns = {1, {}};
  changed.SetEnabled(Service::kRdap, false);
  changed.config_times.push_back(kT0);
  TLDMON_ASSERT_OK(store_->PutEntities(std::vector{changed}));
  Reopen();
  Result<std::vector<EntityConfig>> got = store_->LoadEntities();
  TLDMON_ASSERT_OK(got);
  EXPECT_EQ(*got, std::vector{changed});
}

TEST_P(StoreContractTest, RemovedEntityDisappearsAndCanBeRevived) {
  TLDMON_ASSERT_OK(store_->PutEntities(std::vector{ExampleTld(), Registrar()}));
  TLDMON_ASSERT_OK(store_->RemoveEntity(ExampleTld().id));
  EXPECT_EQ(*store_->LoadEntities(), std::vector{Registrar()});
  EXPECT_EQ(store_->RemoveEntity(ExampleTld().id).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->RemoveEntity(EntityId{EntityKind::kRegistry, "nosuch"}).code(),
            StatusCode::kNotFound);
  Reopen();
  EXPECT_EQ(*store_->LoadEntities(), std::vector{Registrar()});
  TLDMON_ASSERT_OK(store_->PutEntities(std::vector{ExampleTld()}));
  EXPECT_EQ(*store_->LoadEntities(), (std::vector{ExampleTld(), Registrar()}));
}

TEST_P(StoreContractTest, PutEntitiesIsAllOrNothing) {
  EntityConfig bad = Registrar();
  bad.id.id = "1234";
  bad.SetEnabled(Service::kDns, true);  // registrars have only RDDS and RDAP
  Status s = store_->PutEntities(std::vector{ExampleTld(), bad});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("entity #1"));
  EXPECT_THAT(s.message(), HasSubstr("rr/1234"));
  EXPECT_TRUE(store_->LoadEntities()->empty());

  s = store_->PutEntities(std::vector{ExampleTld(), DnsOnlyTld(), ExampleTld()});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("ry/example appears twice"));
  EXPECT_TRUE(store_->LoadEntities()->empty());
}

TEST_P(StoreContractTest, ProbesKeepTheirIndexForever) {
  const std::vector<ProbeNode> nodes = ThreeProbes();
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    Result<ProbeIndex> idx = store_->AddProbe(nodes[i]);
    TLDMON_ASSERT_OK(idx);
    EXPECT_EQ(*idx, i);
  }
  TLDMON_ASSERT_OK(store_->SetProbeEnabled(1, false));
  ProbeNode moved = nodes[2];
  moved.ipv4_addresses = {"198.51.100.7"};
  moved.rdds = false;
  TLDMON_ASSERT_OK(store_->UpdateProbe(2, moved));
  const std::vector<ProbeRecord> want = {{nodes[0], true}, {nodes[1], false}, {moved, true}};
  EXPECT_EQ(*store_->LoadProbes(), want);
  Reopen();
  EXPECT_EQ(*store_->LoadProbes(), want);
  // A disabled probe keeps its place; a new probe goes after it.
  ProbeNode fourth;
  fourth.name = "Probe4-Server3";
  Result<ProbeIndex> idx = store_->AddProbe(fourth);
  TLDMON_ASSERT_OK(idx);
  EXPECT_EQ(*idx, 3u);
}

TEST_P(StoreContractTest, BadProbeChangesAreRejected) {
  const std::vector<ProbeNode> nodes = ThreeProbes();
  TLDMON_ASSERT_OK(store_->AddProbe(nodes[0]));
  TLDMON_ASSERT_OK(store_->AddProbe(nodes[1]));
  EXPECT_EQ(store_->AddProbe(nodes[0]).status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->UpdateProbe(1, nodes[0]).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->UpdateProbe(2, nodes[2]).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->SetProbeEnabled(7, false).code(), StatusCode::kNotFound);
  ProbeNode bad = nodes[2];
  bad.name = "no spaces allowed";
  EXPECT_EQ(store_->AddProbe(bad).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*store_->LoadProbes(), (std::vector<ProbeRecord>{{nodes[0], true}, {nodes[1], true}}));
}

}  // namespace
}  // namespace tldmon::store::testing
