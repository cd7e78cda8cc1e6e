// Several `tldmon serve` hosts on one PostgreSQL (issue 13), end to end:
// three hosts share a store holding a day of simulated probe results
// that no one has processed yet (as if probes had posted them to any host);
// the leader is SIGKILLed 20 times at random points while it works through
// them, and restarted as a follower each time; then PostgreSQL itself is
// restarted under them. Afterwards every cycle of
// every test kind is committed exactly once, and the verdicts, NS-IP
// verdicts and incidents equal those of one host on SQLite fed the same
// results. Before the kills, the leader is cut off from PostgreSQL by a
// proxy (a partition) and must step down while another host takes over.
// While no host leads, a client (one session, made with an account set
// through `tldmon admin --store` on whichever host it first reached, and
// then used on every host, restarted ones included: sessions live in
// PostgreSQL) reads its TLD's state from the followers: every answer must
// be 200 and one login must do. At the end its logout on one host ends the
// session on the others.
// Takeover times are printed (the documented bound is in
// docs/operations.md; the test only bounds its waits).
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "blackhole_proxy.h"
#include "core/clock.h"
#include "http_client.h"
#include "ingest/cycle_pipeline.h"
#include "lab/pg_lab.h"
#include "sim/fault_parse.h"
#include "sim/network.h"
#include "sim/network_feed.h"
#include "sim/network_topology.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "subprocess.h"
#include "test_paths.h"

namespace tldmon::integration {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kKills = 20;
constexpr std::uint64_t kSeed = 11;

constexpr const char* kConfig =
    "[auth]\nargon2_opslimit = 1\nargon2_memlimit_kib = 8\n"
    "[engine]\ntick_seconds = 1\ncatch_up_seconds = 0\n"
    "[store]\nlease_seconds = 3\n"
    "[alerts]\nenabled = false\n";

// The configuration every store of the test gets.
Status Configure(store::Store& s, const std::vector<EntityConfig>& entities,
                 const std::vector<ProbeNode>& probes) {
  TLDMON_RETURN_IF_ERROR(s.PutEntities(entities));
  for (const ProbeNode& p : probes)
    if (auto r = s.AddProbe(p); !r.ok()) return r.status();
  return Status::Ok();
}

std::string Describe(const std::vector<store::CycleVerdict>& vs) {
  std::string out;
  for (const auto& v : vs)
    out += std::to_string(v.cycle) + ":" + std::to_string(static_cast<int>(v.verdict.status)) +
           "/" + std::to_string(v.verdict.online) + "/" + std::to_string(v.verdict.with_results) +
           "/" + std::to_string(v.verdict.positive) + " ";
  return out;
}

std::string Describe(const std::vector<store::NsIpCycleVerdict>& vs) {
  std::string out;
  for (const auto& v : vs)
    out += std::to_string(v.cycle) + ":" + std::to_string(v.verdict.ns) + "," +
           std::to_string(v.verdict.ip) + "=" + std::to_string(static_cast<int>(v.verdict.status)) +
           "/" + std::to_string(v.verdict.values) + "/" + std::to_string(v.verdict.down) + " ";
  return out;
}

// One serve host: its process and its URL.
struct Host {
  std::string data;
  std::string store;  // its --store
  std::unique_ptr<Subprocess> process;
  std::string url;
};

class ClusterTest : public ::testing::Test {
 protected:
  void StartHost(Host& h) {
    h.process = std::make_unique<Subprocess>(std::vector<std::string>{
        kBinary, "serve", "--data", h.data, "--config", tmp_ / "cluster.toml", "--store", h.store,
        "--http", "127.0.0.1:0"});
    ASSERT_TRUE(h.process->started());
    h.url.clear();
    std::string line, output;
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (h.url.empty() && h.process->ReadLine(&line, deadline)) {
      output += line + "\n";
      const std::size_t at = line.find("listening on ");
      if (at != std::string::npos) h.url = line.substr(at + 13);
    }
    ASSERT_FALSE(h.url.empty()) << output;
  }

  // The host whose /healthz says leader, or -1; fails the test if two do.
  std::string Role(int host) {
    const HttpResponse r = HttpGet(hosts_[host].url, "/healthz", {});
    const auto j = nlohmann::json::parse(r.body, nullptr, false);
    return r.status != 200 || j.is_discarded() ? "" : j.value("role", "");
  }

  int Leader() {
    int leader = -1;
    for (int i = 0; i < static_cast<int>(hosts_.size()); ++i) {
      const HttpResponse r = HttpGet(hosts_[i].url, "/healthz", {});
      if (r.status != 200) continue;
      const auto j = nlohmann::json::parse(r.body, nullptr, false);
      if (j.is_discarded() || j.value("role", "") != "leader") continue;
      EXPECT_EQ(leader, -1) << "two hosts lead at once: " << leader << " and " << i;
      leader = i;
    }
    return leader;
  }

  int WaitForLeader(std::chrono::seconds bound) {
    const auto end = Clock::now() + bound;
    while (Clock::now() < end) {
      if (const int l = Leader(); l >= 0) return l;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }

  TempDir tmp_;
  std::string conninfo_;
  std::vector<Host> hosts_;
};

TEST_F(ClusterTest, LeaderKilledTwentyTimesLosesAndDoublesNoCycleAndAgreesWithOneHost) {
  auto lab = lab::PgLab::Start();
  ASSERT_TRUE(lab.ok()) << lab.status().ToString();
  auto db = (*lab)->CreateDatabase();
  ASSERT_TRUE(db.ok());
  conninfo_ = (*lab)->ConnInfo(*db);

  // A day ending an hour ago: long overdue, so the hosts process it as fast
  // as they can, and the kills land in the middle of that work.
  const UnixSeconds now = std::time(nullptr);
  const UnixSeconds end = CycleStart(now, 3600) - 3600;
  const UnixSeconds start = end - 24 * 3600;
  const std::vector<EntityConfig> entities = sim::SyntheticTlds(3, kSeed);
  const std::vector<ProbeNode> probes = sim::SyntheticProbes(12, kSeed);
  sim::NetworkOptions net = sim::NetworkOptions{};
  net.seed = kSeed;
  for (const char* spec :
       {"ns-down entity=* from=+70m for=25m", "rdap-error entity=* http=503 from=+3h for=40m",
        "probe-offline probes=3 from=+2h for=30m"}) {
    auto f = sim::ParseFault(spec, start);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    net.faults.push_back(*f);
  }

  // The reference: one host on SQLite, fed everything.
  auto ref = store::SqliteStore::Open(tmp_ / "ref.db");
  ASSERT_TRUE(ref.ok());
  ASSERT_TRUE(Configure(**ref, entities, probes).ok());
  {
    ingest::PipelineOptions o;
    o.start = start;
    o.publish_documents = false;
    FakeClock clock(start);
    auto p = ingest::CyclePipeline::Open(ref->get(), nullptr, &clock, o);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    const sim::NetworkSimulator network((*p)->engine().entities(), (*p)->engine().probes(), net);
    sim::NetworkFeed feed(&network, p->get(), &clock);
    ASSERT_TRUE(feed.RunUntil(end, 120).ok());
  }

  // PostgreSQL: the first ten minutes processed here (a host starting on an
  // empty store would begin monitoring at its own start), the rest only
  // stored, as probes posting to the hosts store them.
  auto pg = store::PostgresStore::Open(conninfo_);
  ASSERT_TRUE(pg.ok()) << pg.status().ToString();
  ASSERT_TRUE(Configure(**pg, entities, probes).ok());
  {
    ingest::PipelineOptions o;
    o.start = start;
    o.publish_documents = false;
    FakeClock clock(start);
    auto p = ingest::CyclePipeline::Open(pg->get(), nullptr, &clock, o);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    const sim::NetworkSimulator network((*p)->engine().entities(), (*p)->engine().probes(), net);
    sim::NetworkFeed feed(&network, p->get(), &clock);
    ASSERT_TRUE(feed.RunUntil(start + 600, 0).ok());
    std::vector<engine::ProbeMinuteSample> samples;
    std::vector<ProbeReport> reports;
    for (UnixSeconds t = start + 600; t < end; t += 60) {
      network.ProbeMinutes(t, &samples);
      ASSERT_TRUE((*pg)->PutProbeMinutes(t, samples).ok());
      for (TestKind k : (*p)->tests()) {
        if (FloorMod(t, (*p)->engine().params().CycleSeconds(k)) != 0) continue;
        network.CycleReports(k, t, &reports);
        if (reports.empty()) continue;
        ASSERT_TRUE((*pg)->PutReports(reports).ok());
      }
    }
  }

  std::ofstream(tmp_ / "cluster.toml") << kConfig;
  // A registry client of the first TLD, made through `tldmon admin --store`
  // like any shared edit: every host must let it in.
  const std::string entity = entities[0].id.Path();
  for (const auto& [args, input] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"password", "set", entity, "--config", tmp_ / "cluster.toml"}, "pw\n"},
           {{"allow", "add", entity, "127.0.0.0/8"}, ""}}) {
    std::vector<std::string> argv = {kBinary, "admin"};
    argv.insert(argv.end(), args.begin(), args.end());
    for (const std::string& a :
         {std::string("--data"), std::string(tmp_ / "admin"), std::string("--store"), conninfo_})
      argv.push_back(a);
    const RunResult r = RunToEnd(argv, std::chrono::seconds(60), input);
    ASSERT_EQ(r.exit_code(), 0) << r.output;
  }
  const std::string state_path = "/" + entity + "/v2/monitoring/state";
  const std::string basic = "Authorization: " + BasicAuthorization(entities[0].id.id + "_ry", "pw");
  // Host 0 reaches PostgreSQL through a proxy the test can cut; it starts
  // first, so it leads.
  auto proxy = BlackholeProxy::Start((*lab)->port());
  ASSERT_NE(proxy, nullptr);
  hosts_.resize(3);
  for (std::size_t i = 0; i < hosts_.size(); ++i) {
    hosts_[i].data = tmp_ / ("host" + std::to_string(i));
    hosts_[i].store = i == 0 ? "host=127.0.0.1 port=" + std::to_string(proxy->port()) +
                                   " user=postgres dbname=" + *db
                             : conninfo_;
  }
  ASSERT_NO_FATAL_FAILURE(StartHost(hosts_[0]));
  ASSERT_EQ(WaitForLeader(std::chrono::seconds(60)), 0);
  std::this_thread::sleep_for(std::chrono::seconds(1));  // into its work
  for (std::size_t i = 1; i < hosts_.size(); ++i) ASSERT_NO_FATAL_FAILURE(StartHost(hosts_[i]));

  // Partition: host 0 keeps running but its packets to PostgreSQL go
  // nowhere. It must stop leading by itself (its trust deadline) and
  // another host take over; Leader() fails the test if both claim the
  // lead at once. Healed, host 0's held-back statements arrive: its renew
  // finds the lease taken and any cycle commit fails the fence.
  {
    proxy->Cut();
    const auto cut = Clock::now();
    double stepped_down = -1, taken_over = -1;
    while (Clock::now() - cut < std::chrono::seconds(60) && (stepped_down < 0 || taken_over < 0)) {
      const double t = std::chrono::duration<double>(Clock::now() - cut).count();
      if (stepped_down < 0 && Role(0) == "follower") stepped_down = t;
      if (const int l = Leader(); taken_over < 0 && l > 0) taken_over = t;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_GE(stepped_down, 0) << "the cut-off leader kept leading";
    ASSERT_GE(taken_over, 0) << "no host took over from the cut-off leader";
    EXPECT_LT(stepped_down, taken_over)
        << "the cut-off leader stepped down only after the takeover";
    std::printf(
        "partition (lease 3 s): the cut-off leader stepped down after %.2f s, another host"
        " led after %.2f s\n",
        stepped_down, taken_over);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    proxy->Heal();
  }

  std::mt19937 random(kSeed);
  std::vector<double> takeovers;
  int requests = 0, logins = 0;
  std::string failures;
  std::string cookie;  // the client's one session, valid on every host
  auto next_request = Clock::now();
  int leader = WaitForLeader(std::chrono::seconds(60));
  ASSERT_GE(leader, 0) << "no host took the lead";
  for (int kill = 0; kill < kKills; ++kill) {
    // A random point of the leader's work: it commits a cycle every few ms.
    std::this_thread::sleep_for(std::chrono::milliseconds(random() % 400));
    hosts_[leader].process->Kill(SIGKILL);
    hosts_[leader].process->Wait();
    const auto killed = Clock::now();
    const int dead = leader;
    leader = -1;
    const auto bound = Clock::now() + std::chrono::seconds(60);
    while (leader < 0 && Clock::now() < bound) {
      leader = Leader();
      if (leader == dead) leader = -1;  // cannot be: it is dead
      // Without a leader, the followers still answer clients (at a
      // client's pace: the per-host rate limits stay out of the way).
      if (Clock::now() >= next_request) {
        next_request = Clock::now() + std::chrono::milliseconds(500);
        for (int h = 0; h < static_cast<int>(hosts_.size()); ++h) {
          if (h == dead) continue;
          // A client re-logs in on 401 (mosapi-api.md §10.2); with
          // shared sessions it never has to.
          if (cookie.empty()) {
            const HttpResponse login = HttpGet(hosts_[h].url, "/" + entity + "/login", {basic});
            if (login.status == 200) cookie = CookiePair(login.Header("set-cookie"));
            ++logins;
          }
          const HttpResponse r = HttpGet(hosts_[h].url, state_path, {"Cookie: " + cookie});
          if (r.status == 401) cookie.clear();
          ++requests;
          if (r.status != 200 && failures.size() < 2000)
            failures += std::to_string(r.status) + " " + r.body.substr(0, 200) + "\n";
        }
      }
      if (leader < 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_GE(leader, 0) << "no takeover after kill " << kill;
    takeovers.push_back(std::chrono::duration<double>(Clock::now() - killed).count());
    ASSERT_NO_FATAL_FAILURE(StartHost(hosts_[dead]));  // back as a follower
  }
  // PostgreSQL restarted under them: every host reconnects by itself (the
  // store, the elector, the follower) and the work goes on.
  ASSERT_TRUE((*lab)->Restart().ok());
  ASSERT_GE(WaitForLeader(std::chrono::seconds(60)), 0) << "no leader after the restart";
  EXPECT_EQ(failures, "") << "a follower failed a client while there was no leader";
  EXPECT_EQ(logins, 1) << "a session made on one host must work on every host";
  // Its logout on one host ends it on all (bounded: the others hear of it
  // through NOTIFY).
  ASSERT_FALSE(cookie.empty());
  const std::size_t out = (leader + 1) % hosts_.size();
  EXPECT_EQ(HttpGet(hosts_[out].url, state_path, {"Cookie: " + cookie}).status, 200);
  EXPECT_EQ(HttpGet(hosts_[out].url, "/" + entity + "/logout", {"Cookie: " + cookie}).status, 200);
  for (std::size_t h = 0; h < hosts_.size(); ++h) {
    int status = 0;
    for (int i = 0; i < 100 && status != 401; ++i) {
      status = HttpGet(hosts_[h].url, state_path, {"Cookie: " + cookie}).status;
      if (status != 401) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(status, 401) << "host " << h << " still honours a session ended on host " << out;
  }
  // The read connections show in /metrics: the state reads above used them.
  {
    const HttpResponse m = HttpGet(hosts_[out].url, "/metrics", {});
    EXPECT_EQ(m.status, 200);
    EXPECT_NE(m.body.find("tldmon_store_read_connections{state=\"capacity\"} 4\n"),
              std::string::npos)
        << m.body;
    EXPECT_NE(m.body.find("tldmon_store_read_connection_timeouts_total 0\n"), std::string::npos)
        << m.body;
  }
  std::printf("clients during the takeovers: %d requests to the followers\n", requests);
  std::sort(takeovers.begin(), takeovers.end());
  std::printf(
      "takeover after SIGKILL (lease 3 s, %zu kills): min %.2f s, median %.2f s, max %.2f s\n",
      takeovers.size(), takeovers.front(), takeovers[takeovers.size() / 2], takeovers.back());

  // The last leader works through the rest.
  const auto bound = Clock::now() + std::chrono::seconds(300);
  UnixSeconds done = engine::kNever;
  while (Clock::now() < bound) {
    auto state = (*pg)->LoadEngineState();
    if (!state.ok() && state.status().code() == StatusCode::kUnavailable) continue;  // reconnects
    ASSERT_TRUE(state.ok()) << state.status().ToString();
    done = *std::min_element(state->last_cycle.begin(), state->last_cycle.begin() + 3);
    if (done >= end) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  if (done < end) {
    for (Host& h : hosts_) {
      h.process->Kill(SIGTERM);
      std::printf("--- %s\n%s\n", h.url.c_str(),
                  h.process->ReadAll(Clock::now() + std::chrono::seconds(10)).c_str());
    }
  }
  ASSERT_GE(done, end) << "the hosts did not finish the backlog";

  // Every cycle once: each is committed (CommitCycle refuses a cycle at or
  // before the last one, and processed_cycle's key forbids a second row).
  for (TestKind k : {TestKind::kDns, TestKind::kRdds, TestKind::kRdap}) {
    const int delay = engine::SlaParams::Defaults().CycleSeconds(k);
    for (UnixSeconds c = start; c < end; c += delay)
      ASSERT_TRUE((*pg)->CycleProbeOnline(k, c).ok())
          << TestKindName(k) << " cycle " << c << " is missing";
  }
  int incidents = 0;
  for (const EntityConfig& e : entities) {
    for (Service s : {Service::kDns, Service::kDnssec, Service::kRdds, Service::kRdap}) {
      auto a = (*ref)->Verdicts(e.id, s, start, end);
      auto b = (*pg)->Verdicts(e.id, s, start, end);
      ASSERT_TRUE(a.ok() && b.ok());
      EXPECT_EQ(Describe(*b), Describe(*a)) << e.id.Path() << " " << JsonKey(s);
      auto ia = (*ref)->Incidents(e.id, s);
      auto ib = (*pg)->Incidents(e.id, s);
      ASSERT_TRUE(ia.ok() && ib.ok());
      std::erase_if(*ib, [&](const engine::Incident& i) { return i.start_time >= end; });
      EXPECT_EQ(*ib, *ia) << e.id.Path() << " " << JsonKey(s);
      incidents += static_cast<int>(ia->size());
    }
    auto a = (*ref)->NsIpVerdicts(e.id, start, end);
    auto b = (*pg)->NsIpVerdicts(e.id, start, end);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(Describe(*b), Describe(*a)) << e.id.Path();
  }
  EXPECT_GT(incidents, 0) << "the faults should have opened incidents";
  for (Host& h : hosts_) h.process->Kill(SIGTERM);
  for (Host& h : hosts_) h.process->Wait();
}

}  // namespace
}  // namespace tldmon::integration
