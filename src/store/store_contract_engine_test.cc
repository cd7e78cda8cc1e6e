// Store contract, part 3: engine results — CommitCycle (round trip,
// atomicity, twice), LoadEngineState across restarts, verdict and incident
// reads, false positives.
#include "store/store_contract.h"

namespace tldmon::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::size_t kDnsIdx = static_cast<std::size_t>(TestKind::kDns);
constexpr std::size_t kRddsIdx = static_cast<std::size_t>(TestKind::kRdds);
constexpr std::size_t Svc(Service s) { return static_cast<std::size_t>(Index(s)); }

// A closed false-positive incident with two runs of Down cycles (an earlier
// incident of ry/example DNS) — every optional field set.
engine::Incident ClosedIncident() {
  engine::Incident i;
  i.event_id = 7;
  i.start_time = kT0 - 7200;
  i.end_time = kT0 - 7200 + 8 * 60 - 1;  // cycle_end of the closing cycle (§7)
  i.false_positive = true;
  i.fp_update_time = kT0 - 3600;
  i.down_cycles = {{kT0 - 7200, 3}, {kT0 - 7200 + 4 * 60, 1}};
  return i;
}

// An active incident opened by the 3rd Down DNS cycle (slam-algorithms.md §7).
engine::Incident ActiveIncident(UnixSeconds cycle) {
  engine::Incident i;
  i.event_id = 41;
  i.start_time = cycle - 120;
  i.down_cycles = {{cycle - 120, 3}};
  return i;
}

// The engine state right after the DNS cycle `cycle`: every kind of field,
// kNever and non-kNever times, full 64-bit patterns.
engine::EngineState StateAfter(UnixSeconds cycle) {
  engine::EngineState s;
  s.next_event_id = 42;
  s.last_cycle[kDnsIdx] = cycle;
  s.last_cycle[kRddsIdx] = kT0 - 300;
  // The minute bookkeeping too: a restored engine needs it to accept a cycle
  // whose first minutes were recorded before the restart.
  s.last_minute = cycle + 60;
  s.recorded_minutes = (1ull << 63) | 0b111;
  s.probes = {{true, kT0 - 86400, ~0ull, cycle},
              {false, engine::kNever, 0b1011, cycle},
              {true, cycle - 240, 1ull << 63, engine::kNever}};
  engine::EntityState ex;
  auto& dns = ex.services[Svc(Service::kDns)];
  dns.last_cycle = cycle;
  dns.last_status = CycleStatus::kDown;
  dns.recover_streak = 0;
  dns.incidents = {ClosedIncident(), ActiveIncident(cycle)};
  auto& dnssec = ex.services[Svc(Service::kDnssec)];
  dnssec.last_cycle = cycle;
  dnssec.last_status = CycleStatus::kUpInconclusiveNoProbes;
  dnssec.down_streak = 2;
  auto& rdds = ex.services[Svc(Service::kRdds)];
  rdds.last_cycle = kT0 - 300;
  rdds.last_status = CycleStatus::kUpInconclusiveReconfig;
  ex.ns_ips = {
      {"ns1.example", "192.0.2.1", MonthStart(cycle), 3, CycleStatus::kDown},
      {"ns1.example", "2001:db8::1", MonthStart(cycle), 0, CycleStatus::kUp},
      {"ns2.example", "198.51.100.2", engine::kNever, 0, CycleStatus::kUpInconclusiveNoData}};
  ex.rtt[static_cast<std::size_t>(RttKind::kDnsUdp)] = {MonthStart(cycle), 12000, 31, 3};
  ex.rtt[static_cast<std::size_t>(RttKind::kRdap)] = {MonthStart(cycle), 0, 0, 1};
  s.entities[ExampleTld().id] = ex;
  s.entities[DnsOnlyTld().id] = engine::EntityState{};  // present, all defaults
  return s;
}

engine::CycleOutput DnsOutput(UnixSeconds cycle) {
  engine::CycleOutput o;
  o.test = TestKind::kDns;
  o.cycle = cycle;
  o.probe_online = {true, false, true};
  o.verdicts = {{ExampleTld().id, Service::kDns, CycleStatus::kDown, 2, 2, 0},
                {ExampleTld().id, Service::kDnssec, CycleStatus::kUpInconclusiveNoProbes, 2, 2, 2},
                {DnsOnlyTld().id, Service::kDns, CycleStatus::kUp, 2, 2, 2}};
  o.ns_ips = {{ExampleTld().id, 0, 0, CycleStatus::kDown, 3, 2, {1, 3000, 3000}, {}},
              {ExampleTld().id, 0, 1, CycleStatus::kUp, 3, 1, {2, 40, 52}, {1, 90, 90}},
              {ExampleTld().id, 1, 0, CycleStatus::kUp, 3, 0, {}, {}},
              {DnsOnlyTld().id, 0, 0, CycleStatus::kUpInconclusiveNoData, 1, 0, {}, {}}};
  o.probe_rtts = {{ExampleTld().id,
                   {{0, Transport::kUdp, {3, 40, 3000}}, {2, Transport::kTcp, {1, 90, 90}}}}};
  o.nsids = {{ExampleTld().id, 0, 1, 0, "6e7331"}, {ExampleTld().id, 0, 1, 2, "6e7332"}};
  return o;
}

TEST_P(StoreContractTest, NoEngineStateBeforeTheFirstCommit) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  EXPECT_EQ(store_->LoadEngineState().status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, CommitCycleRoundTripsEverything) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const UnixSeconds c = kT0 + 600;
  TLDMON_ASSERT_OK(store_->CommitCycle(DnsOutput(c), StateAfter(c)));

  Result<engine::EngineState> state = store_->LoadEngineState();
  TLDMON_ASSERT_OK(state);
  EXPECT_EQ(*state, StateAfter(c));

  const engine::CycleOutput o = DnsOutput(c);
  Result<std::vector<CycleVerdict>> dns =
      store_->Verdicts(ExampleTld().id, Service::kDns, c, c + 60);
  TLDMON_ASSERT_OK(dns);
  EXPECT_THAT(*dns, ElementsAre(IsVerdict(c, o.verdicts[0])));
  EXPECT_THAT(*store_->Verdicts(ExampleTld().id, Service::kDnssec, kT0, kT0 + 86400),
              ElementsAre(IsVerdict(c, o.verdicts[1])));
  EXPECT_THAT(*store_->Verdicts(DnsOnlyTld().id, Service::kDns, c, c + 1),
              ElementsAre(IsVerdict(c, o.verdicts[2])));
  // [from, to) excludes `to`.
  EXPECT_TRUE(store_->Verdicts(ExampleTld().id, Service::kDns, kT0, c)->empty());
  EXPECT_TRUE(store_->Verdicts(Registrar().id, Service::kRdds, kT0, c + 60)->empty());
  EXPECT_EQ(
      store_->Verdicts({EntityKind::kRegistry, "nosuch"}, Service::kDns, kT0, c).status().code(),
      StatusCode::kNotFound);

  Result<std::vector<NsIpCycleVerdict>> ns = store_->NsIpVerdicts(ExampleTld().id, c, c + 60);
  TLDMON_ASSERT_OK(ns);
  EXPECT_THAT(*ns, ElementsAre(IsNsIpVerdict(c, o.ns_ips[0]), IsNsIpVerdict(c, o.ns_ips[1]),
                               IsNsIpVerdict(c, o.ns_ips[2])));
  EXPECT_THAT(*store_->NsIpVerdicts(DnsOnlyTld().id, c, c + 60),
              ElementsAre(IsNsIpVerdict(c, o.ns_ips[3])));
  // RTTs apart: only the pairs that had one.
  Result<std::vector<NsIpRtt>> rtts = store_->NsIpRtts(ExampleTld().id, c, c + 60);
  ASSERT_TRUE(rtts.ok()) << rtts.status().ToString();
  EXPECT_THAT(*rtts, ElementsAre(NsIpRtt{c, 0, 0, {1, 3000, 3000}, {}},
                                 NsIpRtt{c, 0, 1, {2, 40, 52}, {1, 90, 90}}));
  EXPECT_TRUE(store_->NsIpRtts(DnsOnlyTld().id, c, c + 60)->empty());
  EXPECT_TRUE(store_->NsIpRtts(ExampleTld().id, c + 60, c + 120)->empty());
  EXPECT_EQ(store_->NsIpRtts({EntityKind::kRegistry, "never"}, c, c + 60).status().code(),
            StatusCode::kNotFound);

  // Per-probe RTTs and NSID sightings, for the dashboard.
  Result<std::vector<ProbeCycleRtt>> probe_rtts = store_->ProbeRtts(ExampleTld().id, c, c + 60);
  ASSERT_TRUE(probe_rtts.ok()) << probe_rtts.status().ToString();
  EXPECT_THAT(*probe_rtts, ElementsAre(ProbeCycleRtt{c, o.probe_rtts[0].probes[0]},
                                       ProbeCycleRtt{c, o.probe_rtts[0].probes[1]}));
  EXPECT_TRUE(store_->ProbeRtts(DnsOnlyTld().id, c, c + 60)->empty());
  EXPECT_TRUE(store_->ProbeRtts(ExampleTld().id, kT0, c)->empty());
  EXPECT_EQ(store_->ProbeRtts({EntityKind::kRegistry, "never"}, c, c + 60).status().code(),
            StatusCode::kNotFound);
  Result<std::vector<NsidChange>> nsids = store_->NsidChanges(ExampleTld().id, c + 60);
  ASSERT_TRUE(nsids.ok()) << nsids.status().ToString();
  EXPECT_THAT(*nsids, ElementsAre(NsidChange{c, 0, 1, 0, "6e7331"}, NsidChange{c, 0, 1, 2, "6e7332"}));
  EXPECT_TRUE(store_->NsidChanges(ExampleTld().id, c)->empty());  // before `to` only
  EXPECT_TRUE(store_->NsidChanges(DnsOnlyTld().id, c + 60)->empty());
  EXPECT_EQ(store_->NsidChanges({EntityKind::kRegistry, "never"}, c).status().code(),
            StatusCode::kNotFound);

  Result<std::vector<bool>> online = store_->CycleProbeOnline(TestKind::kDns, c);
  TLDMON_ASSERT_OK(online);
  EXPECT_EQ(*online, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(store_->CycleProbeOnline(TestKind::kDns, c + 60).status().code(),
            StatusCode::kNotFound);

  Result<std::vector<engine::Incident>> incidents =
      store_->Incidents(ExampleTld().id, Service::kDns);
  TLDMON_ASSERT_OK(incidents);
  EXPECT_EQ(*incidents, (std::vector{ClosedIncident(), ActiveIncident(c)}));
  EXPECT_TRUE(store_->Incidents(ExampleTld().id, Service::kRdap)->empty());
  EXPECT_TRUE(store_->Incidents(Registrar().id, Service::kRdap)->empty());
}

TEST_P(StoreContractTest, MonthlyFiguresAreKeptPerMonthAndTestAndReplaced) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const UnixSeconds jan = kT0 - kT0 % 86400;  // fixtures start in a month's first day
  const UnixSeconds feb = NextMonthStart(jan);
  const std::vector<MonthlyFiguresRow> rows = {{ExampleTld().id, feb, TestKind::kDns, "{\"b\":1}"},
                                               {ExampleTld().id, MonthStart(jan), TestKind::kRdds, "{}"},
                                               {ExampleTld().id, MonthStart(jan), TestKind::kDns, "{}"},
                                               {Registrar().id, feb, TestKind::kRdds, "r"}};
  const std::uint64_t generation = *store_->ChangeGeneration();
  TLDMON_ASSERT_OK(store_->KeepMonthlyFigures(rows));
  EXPECT_EQ(*store_->ChangeGeneration(), generation);  // engine data, not configuration
  Result<std::vector<MonthlyFiguresRow>> kept = store_->KeptMonthlyFigures(ExampleTld().id);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_THAT(*kept, ElementsAre(rows[2], rows[1], rows[0]));  // by (month, test)
  // The same (entity, month, test) again replaces.
  const MonthlyFiguresRow again{ExampleTld().id, feb, TestKind::kDns, "{\"b\":2}"};
  TLDMON_ASSERT_OK(store_->KeepMonthlyFigures({&again, 1}));
  EXPECT_EQ(store_->KeptMonthlyFigures(ExampleTld().id)->back(), again);
  EXPECT_THAT(*store_->KeptMonthlyFigures(Registrar().id), ElementsAre(rows[3]));
  EXPECT_TRUE(store_->KeptMonthlyFigures(DnsOnlyTld().id)->empty());
  EXPECT_EQ(store_->KeptMonthlyFigures({EntityKind::kRegistry, "never"}).status().code(),
            StatusCode::kNotFound);
  // Bad rows change nothing.
  const MonthlyFiguresRow bad[] = {{ExampleTld().id, MonthStart(jan), TestKind::kRdap, "x"},
                                   {ExampleTld().id, feb + 60, TestKind::kDns, "x"}};
  const Status s = store_->KeepMonthlyFigures(bad);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("monthly figures #1"));
  const MonthlyFiguresRow unknown{{EntityKind::kRegistry, "never"}, feb, TestKind::kDns, "x"};
  EXPECT_EQ(store_->KeepMonthlyFigures({&unknown, 1}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->KeptMonthlyFigures(ExampleTld().id)->size(), 3u);
}

TEST_P(StoreContractTest, AlertStateAndEventsAreRecordedTogetherInOrder) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  Result<std::optional<engine::AlertTrackerState>> none = store_->LoadAlertTracker();
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(*none, std::nullopt);
  EXPECT_TRUE(store_->AlertEventsAfter(0, 10)->empty());
  engine::AlertTrackerState state;
  engine::ActiveAlert a;
  a.key = {engine::AlertKind::kBudget, ExampleTld().id, Service::kDns, 25, {}};
  a.severity = engine::AlertSeverity::kWarning;
  a.summary = "DNS of ry/example: 30 % …";
  a.starts_at = kT0 + 60;
  a.absent_since = kT0 + 120;
  state.active.emplace(a.key, a);
  engine::ActiveAlert p;
  p.key = {engine::AlertKind::kProbeOffline, {}, Service::kDns, 0, "Tokyo1"};
  p.starts_at = kT0;
  state.active.emplace(p.key, p);
  state.probe_last_online = {{"Tokyo1", kT0 - 3600}, {"Lima1", kT0 + 60}};
  const std::uint64_t generation = *store_->ChangeGeneration();
  const std::vector<StoredAlertEvent> events = {{0, kT0, "budget/ry/example/dns/25", true, "{\"a\":1}"},
                                                {0, kT0, "probeOffline/Tokyo1", true, "{\"b\":2}"}};
  TLDMON_ASSERT_OK(store_->RecordAlerts(state, events));
  ASSERT_TRUE(store_->ChangeGeneration().ok());
  EXPECT_EQ(*store_->ChangeGeneration(), generation);
  const StoredAlertEvent later{0, kT0 + 60, "probeOffline/Tokyo1", false, "{}"};
  state.active.erase(p.key);
  TLDMON_ASSERT_OK(store_->RecordAlerts(state, {&later, 1}));
  Reopen();
  Result<std::optional<engine::AlertTrackerState>> loaded = store_->LoadAlertTracker();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(*loaded, state);
  Result<std::vector<StoredAlertEvent>> all = store_->AlertEventsAfter(0, 10);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_LT((*all)[0].id, (*all)[1].id);
  EXPECT_LT((*all)[1].id, (*all)[2].id);
  EXPECT_EQ((*all)[1].body, "{\"b\":2}");
  EXPECT_FALSE((*all)[2].firing);
  EXPECT_EQ((*all)[2].cycle, kT0 + 60);
  // The queue reads on from where a channel stopped, `limit` at a time.
  EXPECT_THAT(*store_->AlertEventsAfter((*all)[0].id, 1), ElementsAre((*all)[1]));
  EXPECT_TRUE(store_->AlertEventsAfter((*all)[2].id, 10)->empty());
  // Each channel's cursor: from 0, forward only, kept across a reopen.
  EXPECT_EQ(*store_->AlertCursor("ops-webhook"), 0);
  TLDMON_ASSERT_OK(store_->SetAlertCursor("ops-webhook", (*all)[1].id));
  TLDMON_ASSERT_OK(store_->SetAlertCursor("alertmanager", (*all)[2].id));
  EXPECT_EQ(store_->SetAlertCursor("ops-webhook", (*all)[0].id).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->SetAlertCursor("", 1).code(), StatusCode::kInvalidArgument);
  Reopen();
  EXPECT_EQ(*store_->AlertCursor("ops-webhook"), (*all)[1].id);
  EXPECT_EQ(*store_->AlertCursor("alertmanager"), (*all)[2].id);
}

TEST_P(StoreContractTest, AlertDeliveryLogMovesTheCursorWithIt) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  EXPECT_EQ(*store_->LastAlertEventId(), 0);
  const std::vector<StoredAlertEvent> events = {{0, kT0, "a", true, "{}"}, {0, kT0, "b", true, "{}"},
                                                {0, kT0, "c", true, "{}"}};
  TLDMON_ASSERT_OK(store_->RecordAlerts({}, events));
  const std::vector<StoredAlertEvent> all = *store_->AlertEventsAfter(0, 10);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(*store_->LastAlertEventId(), all[2].id);
  // A failure is logged and leaves the cursor where it was.
  const AlertDelivery failed{0, "hook", all[0].id, kT0 + 1, "failed", "connection refused"};
  TLDMON_ASSERT_OK(store_->RecordAlertDelivery("hook", std::nullopt, {&failed, 1}));
  EXPECT_EQ(*store_->AlertCursor("hook"), 0);
  const std::vector<AlertDelivery> ok = {{0, "hook", all[0].id, kT0 + 5, "delivered", "HTTP 200"},
                                         {0, "hook", all[1].id, kT0 + 5, "muted", "maintenance"}};
  TLDMON_ASSERT_OK(store_->RecordAlertDelivery("hook", all[1].id, ok));
  EXPECT_EQ(*store_->AlertCursor("hook"), all[1].id);
  // A row of another channel or an unknown outcome is refused, writing nothing.
  const AlertDelivery other{0, "mail", all[2].id, kT0 + 6, "delivered", ""};
  EXPECT_EQ(store_->RecordAlertDelivery("hook", all[2].id, {&other, 1}).code(),
            StatusCode::kInvalidArgument);
  const AlertDelivery odd{0, "hook", all[2].id, kT0 + 6, "lost", ""};
  EXPECT_EQ(store_->RecordAlertDelivery("hook", all[2].id, {&odd, 1}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(*store_->AlertCursor("hook"), all[1].id);
  // Never backwards, and then nothing is logged either.
  EXPECT_EQ(store_->RecordAlertDelivery("hook", all[0].id, {&failed, 1}).code(),
            StatusCode::kInvalidArgument);
  TLDMON_ASSERT_OK(store_->RecordAlertDelivery("mail", all[2].id, {&other, 1}));
  Reopen();
  Result<std::vector<AlertDelivery>> log = store_->AlertDeliveries("", 10);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  ASSERT_EQ(log->size(), 4u);
  EXPECT_EQ((*log)[0].channel, "mail");
  EXPECT_EQ((*log)[1].outcome, "muted");
  EXPECT_EQ((*log)[1].detail, "maintenance");
  EXPECT_EQ((*log)[3].outcome, "failed");
  EXPECT_EQ((*log)[3].at, kT0 + 1);
  EXPECT_GT((*log)[0].id, (*log)[1].id);
  EXPECT_EQ(store_->AlertDeliveries("hook", 2)->size(), 2u);
  // Another alert source: its state and events in one transaction, the engine's untouched.
  EXPECT_EQ(*store_->SourceAlertState("tlsa"), std::nullopt);
  const StoredAlertEvent tlsa{0, kT0 + 7, "tlsa/ry/example/client.example", true, "{\"t\":1}"};
  TLDMON_ASSERT_OK(store_->RecordSourceAlerts("tlsa", "state-1", {&tlsa, 1}));
  EXPECT_EQ(store_->RecordSourceAlerts("", "x", {}).code(), StatusCode::kInvalidArgument);
  Reopen();
  EXPECT_EQ(*store_->SourceAlertState("tlsa"), std::optional<std::string>("state-1"));
  EXPECT_EQ(*store_->LastAlertEventId(), all[2].id + 1);
  EXPECT_EQ(store_->AlertEventsAfter(all[2].id, 10)->front().body, "{\"t\":1}");
  EXPECT_EQ(*store_->LoadAlertTracker(), std::optional<engine::AlertTrackerState>(engine::AlertTrackerState{}));
  EXPECT_EQ(store_->AlertDeliveries("hook", 10)->size(), 3u);
}

TEST_P(StoreContractTest, EngineStateSurvivesARestartExactly) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const UnixSeconds c = kT0 + 600;
  TLDMON_ASSERT_OK(store_->CommitCycle(DnsOutput(c), StateAfter(c)));
  Reopen();
  Result<engine::EngineState> state = store_->LoadEngineState();
  TLDMON_ASSERT_OK(state);
  EXPECT_EQ(*state, StateAfter(c));
  EXPECT_THAT(*store_->Verdicts(ExampleTld().id, Service::kDns, c, c + 60),
              ElementsAre(IsVerdict(c, DnsOutput(c).verdicts[0])));
}

// Successive commits change every part of the state in every way (grow,
// shrink, modify, add and drop entities); the loaded state is always exactly
// the latest committed one — whether loaded right after several commits in a
// row or after a restart.
TEST_P(StoreContractTest, SuccessiveCommitsStoreExactlyTheLatestState) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  ProbeNode fourth;
  fourth.name = "Probe4-Server3";
  TLDMON_ASSERT_OK(store_->AddProbe(fourth));
  UnixSeconds c = kT0 + 600;
  engine::EngineState s = StateAfter(c);
  TLDMON_ASSERT_OK(store_->CommitCycle(DnsOutput(c), s));

  auto commit_next = [&](auto mutate) {
    c += 60;
    s.last_cycle[kDnsIdx] = c;
    mutate(s);
    TLDMON_ASSERT_OK(store_->CommitCycle(DnsOutput(c), s));
  };
  auto expect_loaded = [&] {
    Result<engine::EngineState> back = store_->LoadEngineState();
    TLDMON_ASSERT_OK(back);
    EXPECT_EQ(*back, s);
  };
  const EntityId ex = ExampleTld().id;
  // The incident closes: end time and recover streak; a probe comes online.
  ASSERT_NO_FATAL_FAILURE(commit_next([&](engine::EngineState& st) {
    auto& dns = st.entities[ex].services[Svc(Service::kDns)];
    dns.incidents[1].end_time = c + 59;
    dns.last_status = CycleStatus::kUp;
    dns.recover_streak = 3;
    st.probes[1].auto_online = true;
    st.entities[ex].rtt[0].performed += 3;
  }));
  // A new incident, a new probe, an NS-IP counter; the registrar appears.
  ASSERT_NO_FATAL_FAILURE(commit_next([&](engine::EngineState& st) {
    engine::Incident third = ActiveIncident(c);
    third.event_id = st.next_event_id++;
    st.entities[ex].services[Svc(Service::kDnssec)].incidents.push_back(third);
    st.entities[ex].ns_ips[1].month_down_cycles = 3;
    // Down NS-IP cycles inside a DNS incident (issue 8 C3) round-trip too.
    st.entities[ex].ns_ips[1].incident_down_cycles = {{c - 120, 2}};
    st.entities[Registrar().id].services[Svc(Service::kRdap)].last_status = CycleStatus::kDown;
    st.probes.push_back({false, engine::kNever, 0, engine::kNever});
  }));
  ASSERT_NO_FATAL_FAILURE(expect_loaded());
  // Shrinks: fewer incidents, NS-IPs and probes; an entity leaves the state.
  ASSERT_NO_FATAL_FAILURE(commit_next([&](engine::EngineState& st) {
    auto& incidents = st.entities[ex].services[Svc(Service::kDns)].incidents;
    incidents.erase(incidents.begin());
    st.entities[ex].ns_ips.pop_back();
    st.probes.pop_back();
    st.entities.erase(DnsOnlyTld().id);
  }));
  // And back: the dropped entity returns with default state; an NS-IP is
  // replaced in place.
  ASSERT_NO_FATAL_FAILURE(commit_next([&](engine::EngineState& st) {
    st.entities[DnsOnlyTld().id] = engine::EntityState{};
    st.entities[ex].ns_ips[0] = {"ns9.example", "192.0.2.9", engine::kNever, 0, CycleStatus::kUp};
  }));
  ASSERT_NO_FATAL_FAILURE(expect_loaded());
  Reopen();
  ASSERT_NO_FATAL_FAILURE(expect_loaded());
  // After a restart the store still writes only correct differences.
  ASSERT_NO_FATAL_FAILURE(commit_next([&](engine::EngineState& st) {
    st.next_event_id += 5;
    st.entities[ex].services[Svc(Service::kDnssec)].incidents.back().down_cycles.push_back({c, 1});
    st.entities[ex].rtt[5] = {MonthStart(c), 1, 1, 1};
  }));
  ASSERT_NO_FATAL_FAILURE(commit_next([&](engine::EngineState& st) {
    st.entities[ex].services[Svc(Service::kDnssec)].incidents.back().down_cycles.back().count = 2;
  }));
  Reopen();
  ASSERT_NO_FATAL_FAILURE(expect_loaded());
}

TEST_P(StoreContractTest, CommittingACycleTwiceFailsAndChangesNothing) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const UnixSeconds c = kT0 + 600;
  TLDMON_ASSERT_OK(store_->CommitCycle(DnsOutput(c), StateAfter(c)));
  engine::EngineState other = StateAfter(c);
  other.next_event_id = 99;
  engine::CycleOutput out = DnsOutput(c);
  out.verdicts[0].status = CycleStatus::kUp;
  Status s = store_->CommitCycle(out, other);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("dns cycle 1767226200"));
  // An older cycle is refused the same way.
  other.last_cycle[kDnsIdx] = c - 60;
  out.cycle = c - 60;
  EXPECT_EQ(store_->CommitCycle(out, other).code(), StatusCode::kFailedPrecondition);

  EXPECT_EQ(*store_->LoadEngineState(), StateAfter(c));
  EXPECT_THAT(*store_->Verdicts(ExampleTld().id, Service::kDns, kT0, kT0 + 86400),
              ElementsAre(IsVerdict(c, DnsOutput(c).verdicts[0])));
  EXPECT_EQ(store_->CycleProbeOnline(TestKind::kDns, c - 60).status().code(),
            StatusCode::kNotFound);
  // Other test kinds have their own sequence.
  engine::EngineState rdds = StateAfter(c);
  rdds.last_cycle[kRddsIdx] = c;
  engine::CycleOutput rdds_out;
  rdds_out.test = TestKind::kRdds;
  rdds_out.cycle = c;
  rdds_out.verdicts = {{Registrar().id, Service::kRdds, CycleStatus::kUp, 3, 3, 3}};
  TLDMON_ASSERT_OK(store_->CommitCycle(rdds_out, rdds));
  EXPECT_EQ(*store_->LoadEngineState(), rdds);
}

// A defect found while writing (the same verdict twice, in the middle of the
// cycle) must leave nothing of the cycle behind: no verdict, no NS-IP
// verdict, no probe flags, no state.
TEST_P(StoreContractTest, CommitCycleIsAllOrNothing) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const UnixSeconds c1 = kT0 + 600, c2 = c1 + 60;
  TLDMON_ASSERT_OK(store_->CommitCycle(DnsOutput(c1), StateAfter(c1)));

  engine::CycleOutput dup = DnsOutput(c2);
  dup.verdicts.insert(dup.verdicts.begin() + 2, dup.verdicts[0]);
  Status s = store_->CommitCycle(dup, StateAfter(c2));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("verdict #2: ry/example DNS appears twice"));

  engine::CycleOutput dup_ns = DnsOutput(c2);
  dup_ns.ns_ips.push_back(dup_ns.ns_ips[1]);
  EXPECT_EQ(store_->CommitCycle(dup_ns, StateAfter(c2)).code(), StatusCode::kInvalidArgument);
  // The last rows written: a repeated NSID sighting undoes the whole cycle.
  engine::CycleOutput dup_nsid = DnsOutput(c2);
  dup_nsid.nsids.push_back(dup_nsid.nsids[0]);
  EXPECT_FALSE(store_->CommitCycle(dup_nsid, StateAfter(c2)).ok());
  EXPECT_TRUE(store_->ProbeRtts(ExampleTld().id, c2, c2 + 60)->empty());
  EXPECT_EQ(store_->NsidChanges(ExampleTld().id, c2 + 60)->size(), 2u);  // c1's only

  EXPECT_EQ(*store_->LoadEngineState(), StateAfter(c1));
  EXPECT_THAT(*store_->Verdicts(ExampleTld().id, Service::kDns, kT0, kT0 + 86400),
              ElementsAre(IsVerdict(c1, DnsOutput(c1).verdicts[0])));
  EXPECT_EQ(store_->NsIpVerdicts(ExampleTld().id, c2, c2 + 60)->size(), 0u);
  EXPECT_EQ(store_->CycleProbeOnline(TestKind::kDns, c2).status().code(), StatusCode::kNotFound);
  Reopen();
  EXPECT_EQ(*store_->LoadEngineState(), StateAfter(c1));
  // The corrected cycle then commits normally.
  TLDMON_ASSERT_OK(store_->CommitCycle(DnsOutput(c2), StateAfter(c2)));
  EXPECT_EQ(*store_->LoadEngineState(), StateAfter(c2));
}

TEST_P(StoreContractTest, InconsistentCyclesAreRejectedWithClearMessages) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const UnixSeconds c = kT0 + 600;
  struct Case {
    const char* label;
    engine::CycleOutput out;
    engine::EngineState state;
    const char* reason;
  };
  std::vector<Case> cases;
  {
    Case k{"unknown entity", DnsOutput(c), StateAfter(c), "unknown entity ry/nosuch"};
    k.out.verdicts[1].entity = {EntityKind::kRegistry, "nosuch"};
    cases.push_back(k);
  }
  {
    Case k{"probe RTTs of an unknown entity", DnsOutput(c), StateAfter(c), "probe RTTs #0: unknown entity"};
    k.out.probe_rtts[0].entity = {EntityKind::kRegistry, "nosuch"};
    cases.push_back(k);
  }
  {
    Case k{"NSID of an unknown probe", DnsOutput(c), StateAfter(c), "NSID sighting #1: probe 9 is not configured"};
    k.out.nsids[1].probe = 9;
    cases.push_back(k);
  }
  {
    Case k{"service of another test", DnsOutput(c), StateAfter(c), "is not tested by the dns test"};
    k.out.verdicts[0].service = Service::kRdap;
    cases.push_back(k);
  }
  {
    Case k{"NS-IP index", DnsOutput(c), StateAfter(c), "has no name-server IP (1, 1)"};
    k.out.ns_ips[2].ip = 1;
    cases.push_back(k);
  }
  {
    Case k{"state not at the cycle", DnsOutput(c), StateAfter(c - 60), "last processed cycle"};
    cases.push_back(k);
  }
  {
    Case k{"unaligned", DnsOutput(c + 1), StateAfter(c + 1), "not aligned"};
    cases.push_back(k);
  }
  {
    Case k{"state of unknown entity", DnsOutput(c), StateAfter(c),
           "engine state for unknown entity ry/gone"};
    k.state.entities[{EntityKind::kRegistry, "gone"}] = {};
    cases.push_back(k);
  }
  {
    Case k{"too many probes", DnsOutput(c), StateAfter(c), "4 probes but only 3"};
    k.state.probes.push_back({});
    cases.push_back(k);
  }
  for (const Case& k : cases) {
    SCOPED_TRACE(k.label);
    const Status s = store_->CommitCycle(k.out, k.state);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(s.message(), HasSubstr(k.reason));
  }
  EXPECT_EQ(store_->LoadEngineState().status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->Verdicts(ExampleTld().id, Service::kDns, kT0, kT0 + 86400)->empty());
}

// ---- False positives ------------------------------------------------------

TEST_P(StoreContractTest, FalsePositiveChangesAreRecordedWithTheState) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const UnixSeconds c = kT0 + 600;
  const engine::EngineState before = StateAfter(c);
  TLDMON_ASSERT_OK(store_->CommitCycle(DnsOutput(c), before));
  const EntityId ex = ExampleTld().id;

  // The active incident (id "<startTime>.<eventId>", mosapi-api.md §6.5).
  engine::EntityState flagged = before.entities.at(ex);
  engine::Incident& inc = flagged.services[Svc(Service::kDns)].incidents[1];
  inc.false_positive = true;
  inc.fp_update_time = c + 30;
  const std::string id = std::to_string(c - 120) + ".41";
  ASSERT_EQ(IncidentIdOf(inc), id);
  const FalsePositiveChange on{ex, Service::kDns, id, true, c + 30, "icann-ops"};
  TLDMON_ASSERT_OK(store_->CommitFalsePositive(on, flagged));

  engine::EntityState cleared = flagged;
  cleared.services[Svc(Service::kDns)].incidents[1].false_positive = false;
  cleared.services[Svc(Service::kDns)].incidents[1].fp_update_time = c + 90;
  const FalsePositiveChange off{ex, Service::kDns, id, false, c + 90, "registry-noc"};
  TLDMON_ASSERT_OK(store_->CommitFalsePositive(off, cleared));

  Reopen();
  Result<std::vector<FalsePositiveChange>> history =
      store_->FalsePositiveHistory(ex, Service::kDns);
  TLDMON_ASSERT_OK(history);
  EXPECT_EQ(*history, (std::vector{on, off}));
  EXPECT_TRUE(store_->FalsePositiveHistory(ex, Service::kDnssec)->empty());
  engine::EngineState want = before;
  want.entities[ex] = cleared;
  EXPECT_EQ(*store_->LoadEngineState(), want);
  EXPECT_EQ(store_->Incidents(ex, Service::kDns)->at(1),
            cleared.services[Svc(Service::kDns)].incidents[1]);
}

TEST_P(StoreContractTest, BadFalsePositiveChangesChangeNothing) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const UnixSeconds c = kT0 + 600;
  const EntityId ex = ExampleTld().id;
  engine::EntityState flagged = StateAfter(c).entities.at(ex);
  flagged.services[Svc(Service::kDns)].incidents[1].false_positive = true;
  const std::string id = std::to_string(c - 120) + ".41";
  FalsePositiveChange change{ex, Service::kDns, id, true, c + 30, "icann-ops"};

  EXPECT_EQ(store_->CommitFalsePositive(change, flagged).code(), StatusCode::kFailedPrecondition);
  TLDMON_ASSERT_OK(store_->CommitCycle(DnsOutput(c), StateAfter(c)));

  FalsePositiveChange no_such = change;
  no_such.incident_id = std::to_string(c - 120) + ".40";
  Status s = store_->CommitFalsePositive(no_such, flagged);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("no ry/example DNS incident " + no_such.incident_id));

  FalsePositiveChange wrong_flag = change;
  wrong_flag.on = false;  // the state shows it set
  EXPECT_EQ(store_->CommitFalsePositive(wrong_flag, flagged).code(), StatusCode::kInvalidArgument);

  FalsePositiveChange anonymous = change;
  anonymous.who.clear();
  EXPECT_EQ(store_->CommitFalsePositive(anonymous, flagged).code(), StatusCode::kInvalidArgument);

  FalsePositiveChange unknown = change;
  unknown.entity = {EntityKind::kRegistry, "nosuch"};
  EXPECT_EQ(store_->CommitFalsePositive(unknown, flagged).code(), StatusCode::kNotFound);

  EXPECT_TRUE(store_->FalsePositiveHistory(ex, Service::kDns)->empty());
  EXPECT_EQ(*store_->LoadEngineState(), StateAfter(c));
}

}  // namespace
}  // namespace tldmon::store::testing

namespace tldmon::store::testing {
namespace {

// store.h "Change generation": a committed cycle is engine output, not an
// edit; a false-positive change is an operator's edit of the engine state,
// so a running serve must re-read it.
TEST_P(StoreContractTest, FalsePositivesRaiseTheGenerationCyclesDoNot) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const UnixSeconds c = kT0 + 600;
  const engine::EngineState before = StateAfter(c);
  const std::uint64_t g0 = *store_->ChangeGeneration();
  TLDMON_ASSERT_OK(store_->CommitCycle(DnsOutput(c), before));
  EXPECT_EQ(*store_->ChangeGeneration(), g0);
  const EntityId ex = ExampleTld().id;
  engine::EntityState flagged = before.entities.at(ex);
  engine::Incident& inc = flagged.services[Svc(Service::kDns)].incidents[1];
  inc.false_positive = true;
  inc.fp_update_time = c + 30;
  const FalsePositiveChange on{ex, Service::kDns, IncidentIdOf(inc), true, c + 30, "icann-ops"};
  TLDMON_ASSERT_OK(store_->CommitFalsePositive(on, flagged));
  EXPECT_EQ(*store_->ChangeGeneration(), g0 + 1);
  // Refused (the state does not carry the change): nothing moves.
  EXPECT_FALSE(store_->CommitFalsePositive(on, before.entities.at(ex)).ok());
  EXPECT_EQ(*store_->ChangeGeneration(), g0 + 1);
}

}  // namespace
}  // namespace tldmon::store::testing
