#include "web/probe_rtt_view.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/sqlite/temp_sqlite_store.h"
#include "web/nsid_view.h"

namespace tldmon::web {
namespace {

using nlohmann::json;

constexpr UnixSeconds kProbeRttViewT0 = 1'767'225'600;  // 2026-01-01

class ProbePanels : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"Amsterdam1", "Tokyo1", "Lima1"}) {
      ProbeNode p;
      p.name = name;
      ASSERT_TRUE(store_.store().AddProbe(p).ok());
    }
    EntityConfig e;
    e.id = tld_;
    e.SetEnabled(Service::kDns, true);
    e.name_servers = {{"ns1.example", {"192.0.2.1", "2001:db8::1"}}};
    ASSERT_TRUE(store_.store().PutEntities({&e, 1}).ok());
    state_.probes.resize(3);
  }
  // Commits one DNS cycle carrying only what these panels read.
  void Commit(UnixSeconds cycle, std::vector<engine::ProbeRtt> rtts,
              std::vector<engine::NsidSighting> nsids = {}) {
    engine::CycleOutput out;
    out.test = TestKind::kDns;
    out.cycle = cycle;
    out.probe_online = {true, true, true};
    if (!rtts.empty()) out.probe_rtts = {{tld_, std::move(rtts)}};
    out.nsids = std::move(nsids);
    state_.last_cycle[0] = cycle;
    const Status s = store_.store().CommitCycle(out, state_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  engine::NsidSighting Saw(std::uint16_t ip, ProbeIndex probe, std::string nsid) {
    return {tld_, 0, ip, probe, std::move(nsid)};
  }
  store::testing::TempSqliteStore store_;
  EntityId tld_{EntityKind::kRegistry, "example"};
  engine::EngineState state_;
};

TEST_F(ProbePanels, EachProbesRangeFiguresAndTheSlowestProbesChartByDefault) {
  const UnixSeconds now = kProbeRttViewT0 + 3600;
  Commit(now - 120, {{0, Transport::kUdp, {4, 20, 30}}, {1, Transport::kUdp, {4, 200, 260}}});
  Commit(now - 60, {{0, Transport::kUdp, {4, 22, 40}}, {1, Transport::kTcp, {4, 400, 500}}});
  auto body = ProbeRttViewJson(store_.store(), tld_, 1, std::nullopt, now);
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  const json j = json::parse(*body);
  EXPECT_EQ(j["step"], 120);  // 1,440 minutes in at most 720 columns
  ASSERT_EQ(j["t"].size(), 720u);
  ASSERT_EQ(j["probes"].size(), 2u);  // Lima1 has no RTT: no row
  // Slowest first: Tokyo1's TCP median (400) is the highest median.
  EXPECT_EQ(j["probes"][0]["probe"], "Tokyo1");
  EXPECT_EQ(j["probes"][0]["tcp"], json::parse(R"({"p50":400,"p95":500,"n":4})"));
  EXPECT_EQ(j["probes"][1], json::parse(R"({"probe":"Amsterdam1","udp":{"p50":20,"p95":40,"n":8},
                                            "tcp":{"p50":null,"p95":null,"n":0}})"));
  EXPECT_EQ(j["probe"], "Tokyo1");  // the first row is charted
  // Both cycles fall in the last column: Tokyo1's UDP and TCP apart.
  EXPECT_EQ(j["series"]["udp"]["p50"][719], 200);
  EXPECT_EQ(j["series"]["tcp"]["p95"][719], 500);
  EXPECT_TRUE(j["series"]["udp"]["p50"][718].is_null());
  // All probes: median of the medians (20, 22, 200 -> 22).
  EXPECT_EQ(j["all"]["udp"]["p50"][719], 22);

  auto asked = ProbeRttViewJson(store_.store(), tld_, 1, "Lima1", now);
  ASSERT_TRUE(asked.ok());
  const json l = json::parse(*asked);
  EXPECT_EQ(l["probe"], "Lima1");
  EXPECT_TRUE(l["series"]["udp"]["p50"][719].is_null());
  EXPECT_EQ(ProbeRttViewJson(store_.store(), tld_, 1, "Nowhere1", now).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ProbeRttViewJson(store_.store(), {EntityKind::kRegistry, "nosuch"}, 1, std::nullopt, now)
                .status()
                .code(),
            StatusCode::kNotFound);
}

TEST_F(ProbePanels, NoRttsNoChart) {
  auto body = ProbeRttViewJson(store_.store(), tld_, 7, std::nullopt, kProbeRttViewT0);
  ASSERT_TRUE(body.ok());
  const json j = json::parse(*body);
  EXPECT_TRUE(j["probes"].empty());
  EXPECT_TRUE(j["probe"].is_null());
  EXPECT_TRUE(j["series"].is_null());
}

TEST_F(ProbePanels, NsidInstancesNowAndTheChangesOfTheRange) {
  const UnixSeconds now = kProbeRttViewT0 + 3 * 86400;
  // Before the range: every probe sees instance "ams" (616d73) on both IPs.
  Commit(kProbeRttViewT0, {}, {Saw(0, 0, "616d73"), Saw(0, 1, "616d73"), Saw(1, 0, "616d73")});
  // In the range: Tokyo1 moves to "nrt" on the IPv4, then back; the engine
  // restarted and repeats Amsterdam1's (no change); Lima1 appears (first
  // sighting, binary NSID: no text).
  Commit(now - 7200, {}, {Saw(0, 1, "6e7274")});
  Commit(now - 3600, {}, {Saw(0, 0, "616d73"), Saw(0, 1, "616d73"), Saw(0, 2, "00ff")});
  auto body = NsidViewJson(store_.store(), tld_, 1, now);
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  const json j = json::parse(*body);
  EXPECT_EQ(j["changeCount"], 2);
  ASSERT_EQ(j["pairs"].size(), 2u);
  const json& v4 = j["pairs"][0];
  EXPECT_EQ(v4["ip"], "192.0.2.1");
  EXPECT_EQ(v4["instances"], json::parse(R"([
      {"hex":"00ff","text":null,"probes":["Lima1"]},
      {"hex":"616d73","text":"ams","probes":["Amsterdam1","Tokyo1"]}])"));
  ASSERT_EQ(v4["changes"].size(), 2u);  // newest first
  EXPECT_EQ(v4["changes"][0], json::parse(R"({"time":1767481200,"probe":"Tokyo1",
      "from":{"hex":"6e7274","text":"nrt"},"to":{"hex":"616d73","text":"ams"}})"));
  EXPECT_EQ(v4["changes"][1]["to"]["text"], "nrt");
  const json& v6 = j["pairs"][1];
  EXPECT_EQ(v6["changeCount"], 0);
  EXPECT_EQ(v6["instances"][0]["probes"], json::parse(R"(["Amsterdam1"])"));
  // A range that starts after the changes lists none, but the instances stay.
  auto later = NsidViewJson(store_.store(), tld_, 1, now + 86400);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(json::parse(*later)["changeCount"], 0);
  EXPECT_EQ(json::parse(*later)["pairs"][0]["instances"].size(), 2u);
}

TEST(NsidText, PrintableAsciiOnly) {
  EXPECT_EQ(NsidText("6c6872312e6578616d706c65"), "lhr1.example");
  EXPECT_EQ(NsidText("4C4852"), "LHR");
  EXPECT_EQ(NsidText("00ff"), "");
  EXPECT_EQ(NsidText("616"), "");
  EXPECT_EQ(NsidText("zz"), "");
  EXPECT_EQ(NsidText(""), "");
}

}  // namespace
}  // namespace tldmon::web
