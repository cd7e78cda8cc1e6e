// Golden and rule tests for the measurement object (mosapi-api.md §6.10).
// Inputs are hand-built from slam-algorithms.md E1 (probe DNS verdicts) and
// the code tables of mosapi-api.md §8; every expectation below is derived
// from the "Rules" of §6.10 and §4.1.5–6, not read back from the output.
// The service status is an input (the engine decides it); the values used
// follow the 51 % rule over the probes with results, as if the minimum-probe
// guards were lowered to fit five probes (as RSM's own unit tests do).
#include "documents/render_measurement.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result_codes.h"
#include "documents/render_test_golden.h"

namespace tldmon::documents {
namespace {

using testing::ExpectGoldenDocument;
using Json = nlohmann::json;

constexpr UnixSeconds kT0 = 1767225600;  // 2026-01-01T00:00:00Z, a DNS and RDDS cycle start
constexpr Envelope kRenderMeasurementV2{ApiVersion::kV2, kT0 + 120};
constexpr Envelope kRenderMeasurementV1{ApiVersion::kV1, kT0 + 120};

// E1's name servers: ns1 = 192.0.2.1 + 2001:db8::1, ns2 = 192.0.2.2, ns3 = 192.0.2.3.
EntityConfig ExampleTld() {
  EntityConfig c;
  c.id = EntityId{EntityKind::kRegistry, "example"};
  for (Service s : kAllServices) c.SetEnabled(s, s != Service::kEpp);
  // Listed out of name order on purpose: targets are shown sorted by name.
  c.name_servers = {{"ns2.example", {"192.0.2.2"}},
                    {"ns1.example", {"2001:db8::1", "192.0.2.1"}},
                    {"ns3.example", {"192.0.2.3"}}};
  c.rdds43_server = "whois.nic.example";
  c.rdds80_url = "https://whois.nic.example/";
  c.rdap_base_url = "https://rdap.nic.example/rdap/";
  c.test_domain = "nic.example";
  return c;
}
constexpr std::uint16_t kNs2 = 0, kNs1 = 1, kNs3 = 2;
constexpr std::uint16_t kNs1V6 = 0, kNs1V4 = 1;

// Probe list order differs from name order: `probes` arrays are sorted by name.
std::vector<ProbeNode> Probes() {
  std::vector<ProbeNode> p(5);
  p[0].name = "Probe5-Tokyo";
  p[1].name = "Probe1-Amsterdam";
  p[2].name = "Probe2-Brussels";
  p[3].name = "Probe3-Cairo";
  p[4].name = "Probe4-Dakar";
  return p;
}
constexpr ProbeIndex kTokyo = 0, kAmsterdam = 1, kBrussels = 2, kCairo = 3, kDakar = 4;

Metric M(std::uint16_t ns, std::uint16_t ip, std::int32_t v, UnixSeconds t, std::string nsid = "") {
  Metric m;
  m.target = ns;
  m.ip_index = ip;
  m.value = v;
  m.test_time = t;
  m.nsid = std::move(nsid);
  return m;
}

ProbeReport DnsReport(ProbeIndex probe, Transport transport, std::vector<Metric> metrics) {
  ProbeReport r;
  r.probe = probe;
  r.entity = EntityId{EntityKind::kRegistry, "example"};
  r.test = TestKind::kDns;
  r.cycle = kT0;
  r.transport = transport;
  r.tested_name = "nonexistent-tldmon.example.";
  r.metrics = std::move(metrics);
  return r;
}

struct DnsCycle {
  EntityConfig cfg = ExampleTld();
  std::vector<ProbeNode> probes = Probes();
  // Cairo is offline for the cycle; everyone else online.
  std::vector<bool> online = {true, true, true, false, true};
  engine::SlaParams params = engine::SlaParams::Defaults();
  std::vector<ProbeReport> reports;
  DnsCycle() {
    // Amsterdam = E1 case a (UDP): ns1 40 / -200, ns2 2500, ns3 -1 => DNS up.
    reports.push_back(DnsReport(kAmsterdam, Transport::kUdp,
                                {M(kNs1, kNs1V4, 40, kT0 + 5, "312e746c6c2e706368"),
                                 M(kNs1, kNs1V6, -200, kT0 + 5), M(kNs2, 0, 2500, kT0 + 5),
                                 M(kNs3, 0, -1, kT0 + 5)}));
    // Brussels = E1 case c: ns1 40 / -200, ns2 -415, ns3 -416 => DNS and DNSSEC down.
    reports.push_back(DnsReport(kBrussels, Transport::kUdp,
                                {M(kNs1, kNs1V4, 40, kT0 + 7), M(kNs1, kNs1V6, -200, kT0 + 7),
                                 M(kNs2, 0, -415, kT0 + 7), M(kNs3, 0, -416, kT0 + 7)}));
    // Tokyo tests over TCP: 3000 ms is fine for the probe (TCP limit 7500)
    // but above the UDP limit the measurement writer applies (SLAM quirk).
    reports.push_back(DnsReport(kTokyo, Transport::kTcp,
                                {M(kNs1, kNs1V4, 3000, kT0 + 9, "6e7331"),
                                 M(kNs1, kNs1V6, 310, kT0 + 9, "6e7331"), M(kNs2, 0, 45, kT0 + 9),
                                 M(kNs3, 0, 50, kT0 + 9)}));
    // Cairo reported, but was not online for the whole cycle: ignored.
    reports.push_back(DnsReport(kCairo, Transport::kUdp, {M(kNs1, kNs1V4, 12, kT0 + 3)}));
    // Dakar is online and sent nothing: "No result".
  }
  MeasurementInput Input(Service s, CycleStatus status) const {
    MeasurementInput in;
    in.entity = &cfg;
    in.service = s;
    in.cycle = kT0;
    in.status = status;
    in.probes = probes;
    in.probe_online = &online;
    in.reports = reports;
    in.params = &params;
    in.min_ns = 2;
    return in;
  }
};

std::string Render(const Envelope& env, const MeasurementInput& in) {
  Result<std::string> r = RenderMeasurement(env, in);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::string("{}");
}

const Json& ProbeNamed(const Json& iface, const std::string& city) {
  for (const Json& p : iface["probes"])
    if (p["city"] == city) return p;
  static const Json kNull;
  ADD_FAILURE() << "no probe " << city;
  return kNull;
}

const Json& TargetNamed(const Json& probe, const std::string& target) {
  for (const Json& t : probe["testData"])
    if (t["target"] == target) return t;
  static const Json kNull;
  ADD_FAILURE() << "no target " << target;
  return kNull;
}

TEST(RenderMeasurementTest, DnsV2) {
  DnsCycle c;
  const Json j = ExpectGoldenDocument("measurement_dns_v2",
                                      Render(kRenderMeasurementV2, c.Input(Service::kDns, CycleStatus::kUp)));
  EXPECT_EQ(j["tld"], "example");
  EXPECT_EQ(j["service"], "dns");
  EXPECT_EQ(j["cycleCalculationDateTime"], kT0);
  EXPECT_EQ(j["status"], "Up");
  EXPECT_EQ(j["minNameServersUp"], 2);
  ASSERT_EQ(j["testedInterface"].size(), 1u);
  const Json& dns = j["testedInterface"][0];
  EXPECT_EQ(dns["interface"], "DNS");

  // All five probes, sorted by name.
  std::vector<std::string> cities;
  for (const Json& p : dns["probes"]) cities.push_back(p["city"]);
  EXPECT_EQ(cities, (std::vector<std::string>{"Probe1-Amsterdam", "Probe2-Brussels", "Probe3-Cairo",
                                              "Probe4-Dakar", "Probe5-Tokyo"}));

  // E1 case a: probe Up; ns1 Down (-200 on IPv6), ns2 Up at exactly the
  // limit, ns3 Up with the internal code shown as result and rtt null.
  const Json& ams = ProbeNamed(dns, "Probe1-Amsterdam");
  EXPECT_EQ(ams["status"], "Up");
  EXPECT_EQ(ams["transport"], "udp");
  EXPECT_EQ(ams["testedName"], "nonexistent-tldmon.example.");
  EXPECT_EQ(TargetNamed(ams, "ns1.example")["status"], "Down");
  EXPECT_EQ(TargetNamed(ams, "ns2.example")["status"], "Up");
  const Json& ams_ns3 = TargetNamed(ams, "ns3.example");
  EXPECT_EQ(ams_ns3["status"], "Up");
  EXPECT_TRUE(ams_ns3["metrics"][0]["rtt"].is_null());
  EXPECT_EQ(ams_ns3["metrics"][0]["result"], "-1");
  // Metrics sorted by address text, targetIP from the configuration, nsid.
  const Json& ams_ns1 = TargetNamed(ams, "ns1.example")["metrics"];
  ASSERT_EQ(ams_ns1.size(), 2u);
  EXPECT_EQ(ams_ns1[0]["targetIP"], "192.0.2.1");
  EXPECT_EQ(ams_ns1[0]["rtt"], 40);
  EXPECT_EQ(ams_ns1[0]["result"], "ok");
  EXPECT_EQ(ams_ns1[0]["nsid"], "312e746c6c2e706368");
  EXPECT_EQ(ams_ns1[0]["testDateTime"], kT0 + 5);
  EXPECT_EQ(ams_ns1[1]["targetIP"], "2001:db8::1");
  EXPECT_EQ(ams_ns1[1]["result"], "-200");
  EXPECT_EQ(ams_ns1[1]["nsid"], "");  // none
  EXPECT_EQ(TargetNamed(ams, "ns1.example").size(), 3u);

  // E1 case c: DNSSEC codes fail DNS too.
  const Json& bru = ProbeNamed(dns, "Probe2-Brussels");
  EXPECT_EQ(bru["status"], "Down");
  EXPECT_EQ(TargetNamed(bru, "ns2.example")["status"], "Down");
  EXPECT_EQ(TargetNamed(bru, "ns2.example")["metrics"][0]["result"], "-415");

  // Offline: empty testData, no transport or testedName, report ignored.
  const Json& cai = ProbeNamed(dns, "Probe3-Cairo");
  EXPECT_EQ(cai["status"], "Offline");
  EXPECT_TRUE(cai["testData"].empty());
  EXPECT_FALSE(cai.contains("transport"));
  EXPECT_FALSE(cai.contains("testedName"));
  const Json& dak = ProbeNamed(dns, "Probe4-Dakar");
  EXPECT_EQ(dak["status"], "No result");
  EXPECT_TRUE(dak["testData"].empty());
  EXPECT_FALSE(dak.contains("transport"));

  // TCP 3000 ms: Up for the probe, Down in the measurement with result "ok".
  const Json& tok = ProbeNamed(dns, "Probe5-Tokyo");
  EXPECT_EQ(tok["status"], "Up");
  EXPECT_EQ(tok["transport"], "tcp");
  const Json& tok_ns1 = TargetNamed(tok, "ns1.example");
  EXPECT_EQ(tok_ns1["status"], "Down");
  EXPECT_EQ(tok_ns1["metrics"][0]["rtt"], 3000);
  EXPECT_EQ(tok_ns1["metrics"][0]["result"], "ok");

  // Name-server availability: per probe the probe's own NS verdicts; an NS
  // is Down if any online probe judged it down. Tokyo's ns1 is up for the
  // probe (TCP limit), Amsterdam's ns1 is down (-200), so ns1 is Down.
  const Json& nsa = j["nameServerAvailability"];
  EXPECT_EQ(nsa["nameServerStatus"], Json::parse(R"([{"target":"ns1.example","status":"Down"},
      {"target":"ns2.example","status":"Down"},{"target":"ns3.example","status":"Down"}])"));
  ASSERT_EQ(nsa["probes"].size(), 3u);  // probes with results only
  EXPECT_EQ(nsa["probes"][0]["city"], "Probe1-Amsterdam");
  EXPECT_EQ(nsa["probes"][0]["testData"], Json::parse(R"([{"target":"ns1.example","status":"Down"},
      {"target":"ns2.example","status":"Up"},{"target":"ns3.example","status":"Up"}])"));
  EXPECT_EQ(nsa["probes"][2]["city"], "Probe5-Tokyo");
  EXPECT_EQ(nsa["probes"][2]["testData"][0], Json::parse(R"({"target":"ns1.example","status":"Up"})"));
}

TEST(RenderMeasurementTest, DnssecV2FailsOnlyOnDnssecCodes) {
  DnsCycle c;
  const Json j = ExpectGoldenDocument("measurement_dnssec_v2",
                                      Render(kRenderMeasurementV2, c.Input(Service::kDnssec, CycleStatus::kUp)));
  EXPECT_EQ(j["service"], "dnssec");
  EXPECT_EQ(j["status"], "Up");
  const Json& iface = j["testedInterface"][0];
  EXPECT_EQ(iface["interface"], "DNSSEC");
  // Amsterdam: -200 is no DNSSEC error, so ns1 stays Up, result = code.
  const Json& ams = ProbeNamed(iface, "Probe1-Amsterdam");
  EXPECT_EQ(ams["status"], "Up");
  const Json& ams_ns1 = TargetNamed(ams, "ns1.example");
  EXPECT_EQ(ams_ns1["status"], "Up");
  EXPECT_TRUE(ams_ns1["metrics"][1]["rtt"].is_null());
  EXPECT_EQ(ams_ns1["metrics"][1]["result"], "-200");
  // Brussels: ns2 -415, ns3 -416 => only ns1 without DNSSEC error < minNS 2.
  const Json& bru = ProbeNamed(iface, "Probe2-Brussels");
  EXPECT_EQ(bru["status"], "Down");
  EXPECT_EQ(TargetNamed(bru, "ns1.example")["status"], "Up");
  EXPECT_EQ(TargetNamed(bru, "ns3.example")["status"], "Down");
  // No RTT limit for DNSSEC targets.
  EXPECT_EQ(TargetNamed(ProbeNamed(iface, "Probe5-Tokyo"), "ns1.example")["status"], "Up");
  EXPECT_EQ(j["nameServerAvailability"]["nameServerStatus"],
            Json::parse(R"([{"target":"ns1.example","status":"Up"},
                {"target":"ns2.example","status":"Down"},{"target":"ns3.example","status":"Down"}])"));
}

TEST(RenderMeasurementTest, DnsV1DropsTheV2Fields) {
  DnsCycle c;
  const Json j = ExpectGoldenDocument("measurement_dns_v1",
                                      Render(kRenderMeasurementV1, c.Input(Service::kDns, CycleStatus::kUp)));
  EXPECT_EQ(j["version"], 1);
  EXPECT_FALSE(j.contains("minNameServersUp"));
  EXPECT_FALSE(j.contains("nameServerAvailability"));
  for (const Json& p : j["testedInterface"][0]["probes"]) {
    EXPECT_FALSE(p.contains("transport"));
    EXPECT_FALSE(p.contains("testedName"));
    for (const Json& t : p["testData"])
      for (const Json& m : t["metrics"]) EXPECT_FALSE(m.contains("nsid"));
  }
  // Same verdicts as v2.
  EXPECT_EQ(TargetNamed(ProbeNamed(j["testedInterface"][0], "Probe5-Tokyo"), "ns1.example")["status"],
            "Down");
}

TEST(RenderMeasurementTest, ReconfigCycleHasNoProbeResults) {
  DnsCycle c;
  const Json v2 = Json::parse(Render(kRenderMeasurementV2, c.Input(Service::kDns, CycleStatus::kUpInconclusiveReconfig)));
  EXPECT_EQ(v2["status"], "Up-inconclusive-reconfig");
  EXPECT_TRUE(v2["nameServerAvailability"]["nameServerStatus"].empty());
  for (const Json& p : v2["testedInterface"][0]["probes"]) {
    EXPECT_EQ(p["status"], p["city"] == "Probe3-Cairo" ? "Offline" : "No result");
    EXPECT_TRUE(p["testData"].empty());
  }
  const Json v1 = ExpectGoldenDocument(
      "measurement_dns_v1_reconfig", Render(kRenderMeasurementV1, c.Input(Service::kDns, CycleStatus::kUpInconclusiveReconfig)));
  EXPECT_EQ(v1["status"], "Up-inconclusive-no-data");  // v1 has no reconfig status
}

ProbeReport HttpReport(ProbeIndex probe, TestKind test, std::vector<Metric> metrics) {
  ProbeReport r;
  r.probe = probe;
  r.entity = EntityId{EntityKind::kRegistry, "example"};
  r.test = test;
  r.cycle = kT0;
  r.tested_name = "nic.example";
  r.metrics = std::move(metrics);
  return r;
}

Metric H(std::uint16_t target, std::int32_t v, UnixSeconds t, std::string ip) {
  Metric m;
  m.target = target;
  m.value = v;
  m.test_time = t;
  m.ip = std::move(ip);
  return m;
}

struct RddsCycle {
  EntityConfig cfg = ExampleTld();
  std::vector<ProbeNode> probes = Probes();
  std::vector<bool> online = {true, true, true, true, true};
  engine::SlaParams params = engine::SlaParams::Defaults();
  std::vector<ProbeReport> reports;
  RddsCycle() {
    probes[kCairo].rdds = false;  // not RDDS-capable: Offline for RDDS
    probes[kCairo].rdap = false;
    // Amsterdam: RDDS43 timeout -227, RDDS80 fine.
    reports.push_back(HttpReport(kAmsterdam, TestKind::kRdds,
                                 {H(kRdds43Target, -227, kT0 + 31, "192.0.2.43"),
                                  H(kRdds80Target, 250, kT0 + 32, "192.0.2.80")}));
    // Brussels: RDDS43 fine, RDDS80 answered HTTP 503 (-300 - 52 = -352).
    reports.push_back(HttpReport(kBrussels, TestKind::kRdds,
                                 {H(kRdds43Target, 120, kT0 + 33, "2001:db8::43"),
                                  H(kRdds80Target, Rdds80HttpCode(503), kT0 + 34, "2001:db8::80")}));
    // Tokyo: RDDS43 internal error before resolution (no IP); RDDS80 10001 ms.
    reports.push_back(HttpReport(kTokyo, TestKind::kRdds,
                                 {H(kRdds43Target, -2, kT0 + 35, ""),
                                  H(kRdds80Target, 10001, kT0 + 36, "192.0.2.80")}));
    // Dakar: only an RDDS43 value; RDDS80 has no result.
    reports.push_back(HttpReport(kDakar, TestKind::kRdds, {H(kRdds43Target, 90, kT0 + 37, "192.0.2.43")}));
  }
  MeasurementInput Input(Service s, CycleStatus status) const {
    MeasurementInput in;
    in.entity = &cfg;
    in.service = s;
    in.cycle = kT0;
    in.status = status;
    in.probes = probes;
    in.probe_online = &online;
    in.reports = reports;
    in.params = &params;
    return in;
  }
};

TEST(RenderMeasurementTest, RddsV2) {
  RddsCycle c;
  ASSERT_EQ(Rdds80HttpCode(503), -352);  // mosapi-api.md §8.6 example
  const Json j = ExpectGoldenDocument("measurement_rdds_v2",
                                      Render(kRenderMeasurementV2, c.Input(Service::kRdds, CycleStatus::kDown)));
  EXPECT_FALSE(j.contains("minNameServersUp"));
  EXPECT_FALSE(j.contains("nameServerAvailability"));
  ASSERT_EQ(j["testedInterface"].size(), 2u);
  const Json& r43 = j["testedInterface"][0];
  const Json& r80 = j["testedInterface"][1];
  EXPECT_EQ(r43["interface"], "RDDS43");
  EXPECT_EQ(r80["interface"], "RDDS80");

  const Json& ams43 = ProbeNamed(r43, "Probe1-Amsterdam");
  EXPECT_EQ(ams43["status"], "Down");
  EXPECT_EQ(ams43["transport"], "tcp");
  EXPECT_EQ(ams43["testedName"], "nic.example");
  EXPECT_EQ(ams43["testData"][0]["target"], "whois.nic.example");
  EXPECT_EQ(ams43["testData"][0]["status"], "Down");
  EXPECT_EQ(ams43["testData"][0]["metrics"][0]["result"], "-227");
  EXPECT_TRUE(ams43["testData"][0]["metrics"][0]["rtt"].is_null());
  EXPECT_EQ(ams43["testData"][0]["metrics"][0]["targetIP"], "192.0.2.43");
  EXPECT_FALSE(ams43["testData"][0]["metrics"][0].contains("nsid"));
  const Json& ams80 = ProbeNamed(r80, "Probe1-Amsterdam");
  EXPECT_EQ(ams80["status"], "Up");
  EXPECT_TRUE(ams80["testedName"].is_null());
  EXPECT_EQ(ams80["testData"][0]["target"], "https://whois.nic.example/");

  const Json& bru80 = ProbeNamed(r80, "Probe2-Brussels");
  EXPECT_EQ(bru80["status"], "Down");
  EXPECT_EQ(bru80["testData"][0]["metrics"][0]["result"], "-352");

  const Json& tok43 = ProbeNamed(r43, "Probe5-Tokyo");
  EXPECT_EQ(tok43["status"], "Up");  // internal error: not a failure
  EXPECT_EQ(tok43["testData"][0]["status"], "Up");
  EXPECT_TRUE(tok43["testData"][0]["metrics"][0]["targetIP"].is_null());
  const Json& tok80 = ProbeNamed(r80, "Probe5-Tokyo");
  EXPECT_EQ(tok80["status"], "Down");  // 10001 > 10000
  EXPECT_EQ(tok80["testData"][0]["status"], "Down");
  EXPECT_EQ(tok80["testData"][0]["metrics"][0]["result"], "ok");

  EXPECT_EQ(ProbeNamed(r43, "Probe3-Cairo")["status"], "Offline");  // not RDDS-capable
  EXPECT_EQ(ProbeNamed(r43, "Probe4-Dakar")["status"], "Up");
  EXPECT_EQ(ProbeNamed(r80, "Probe4-Dakar")["status"], "No result");
}

TEST(RenderMeasurementTest, RddsV1BlanksTargets) {
  RddsCycle c;
  const Json j = ExpectGoldenDocument("measurement_rdds_v1",
                                      Render(kRenderMeasurementV1, c.Input(Service::kRdds, CycleStatus::kDown)));
  for (const Json& iface : j["testedInterface"]) {
    for (const Json& p : iface["probes"]) {
      EXPECT_FALSE(p.contains("transport"));
      EXPECT_FALSE(p.contains("testedName"));
      for (const Json& t : p["testData"]) EXPECT_TRUE(t["target"].is_null());
    }
  }
  EXPECT_EQ(ProbeNamed(j["testedInterface"][0], "Probe1-Amsterdam")["testData"][0]["status"], "Down");
}

TEST(RenderMeasurementTest, RdapV2) {
  RddsCycle c;
  c.reports = {HttpReport(kAmsterdam, TestKind::kRdap, {H(0, -405, kT0 + 41, "192.0.2.53")}),
               HttpReport(kBrussels, TestKind::kRdap, {H(0, RdapHttpCode(404), kT0 + 42, "192.0.2.53")}),
               HttpReport(kTokyo, TestKind::kRdap, {H(0, 180, kT0 + 43, "2001:db8::53")})};
  ASSERT_EQ(RdapHttpCode(404), -526);  // mosapi-api.md §8.6 example
  const Json j = ExpectGoldenDocument("measurement_rdap_v2",
                                      Render(kRenderMeasurementV2, c.Input(Service::kRdap, CycleStatus::kDown)));
  EXPECT_EQ(j["service"], "rdap");
  EXPECT_EQ(j["status"], "Down");
  ASSERT_EQ(j["testedInterface"].size(), 1u);
  const Json& rdap = j["testedInterface"][0];
  EXPECT_EQ(rdap["interface"], "RDAP");
  const Json& ams = ProbeNamed(rdap, "Probe1-Amsterdam");
  EXPECT_EQ(ams["status"], "Down");
  EXPECT_EQ(ams["testData"][0]["target"], "https://rdap.nic.example/rdap/");
  EXPECT_EQ(ams["testData"][0]["metrics"][0]["result"], "-405");
  EXPECT_EQ(ProbeNamed(rdap, "Probe2-Brussels")["testData"][0]["metrics"][0]["result"], "-526");
  EXPECT_EQ(ProbeNamed(rdap, "Probe5-Tokyo")["status"], "Up");
  EXPECT_EQ(ProbeNamed(rdap, "Probe5-Tokyo")["testData"][0]["metrics"][0]["rtt"], 180);
  EXPECT_EQ(ProbeNamed(rdap, "Probe3-Cairo")["status"], "Offline");
  EXPECT_EQ(ProbeNamed(rdap, "Probe4-Dakar")["status"], "No result");
}

TEST(RenderMeasurementTest, RegistrarRdapV2) {
  EntityConfig rr;
  rr.id = EntityId{EntityKind::kRegistrar, "9999"};
  rr.SetEnabled(Service::kRdap, true);
  rr.rdap_base_url = "https://rdap.registrar.example/";
  rr.test_domain = "registrar.example";
  std::vector<ProbeNode> probes(1);
  probes[0].name = "Probe1-Amsterdam";
  std::vector<bool> online = {true};
  const engine::SlaParams params = engine::SlaParams::Defaults();
  ProbeReport r;
  r.entity = rr.id;
  r.test = TestKind::kRdap;
  r.cycle = kT0;
  r.tested_name = "registrar.example";
  r.metrics = {H(0, 95, kT0 + 12, "192.0.2.99")};
  MeasurementInput in;
  in.entity = &rr;
  in.service = Service::kRdap;
  in.cycle = kT0;
  in.status = CycleStatus::kUp;
  in.probes = probes;
  in.probe_online = &online;
  in.reports = std::span<const ProbeReport>(&r, 1);
  in.params = &params;
  const Json j = ExpectGoldenDocument("measurement_rr_rdap_v2", Render(kRenderMeasurementV2, in));
  EXPECT_FALSE(j.contains("tld"));
  EXPECT_EQ(j["registrarID"], 9999);
  EXPECT_EQ(j["testedInterface"][0]["probes"][0]["status"], "Up");
  // Registrars have no v1 RDAP object, and no DNS at all.
  EXPECT_FALSE(RenderMeasurement(kRenderMeasurementV1, in).ok());
  in.service = Service::kDns;
  EXPECT_FALSE(RenderMeasurement(kRenderMeasurementV2, in).ok());
}

TEST(RenderMeasurementTest, ObjectsThatDoNotExistAreRejected) {
  DnsCycle c;
  EXPECT_FALSE(RenderMeasurement(kRenderMeasurementV2, c.Input(Service::kEpp, CycleStatus::kUp)).ok());
  EXPECT_FALSE(RenderMeasurement(kRenderMeasurementV1, c.Input(Service::kRdap, CycleStatus::kUp)).ok());
  MeasurementInput in = c.Input(Service::kDns, CycleStatus::kUp);
  in.params = nullptr;
  EXPECT_FALSE(RenderMeasurement(kRenderMeasurementV2, in).ok());
  std::string out = "keep";
  EXPECT_FALSE(AppendMeasurement(kRenderMeasurementV2, c.Input(Service::kEpp, CycleStatus::kUp), &out).ok());
  EXPECT_EQ(out, "keep");
}

TEST(RenderMeasurementTest, IgnoresReportsOfOtherCyclesEntitiesAndProbes) {
  DnsCycle c;
  const std::string base = Render(kRenderMeasurementV2, c.Input(Service::kDns, CycleStatus::kUp));
  ProbeReport other_cycle = DnsReport(kDakar, Transport::kUdp, {M(kNs1, kNs1V4, 1, kT0 - 50)});
  other_cycle.cycle = kT0 - 60;
  ProbeReport other_entity = DnsReport(kDakar, Transport::kUdp, {M(kNs1, kNs1V4, 1, kT0)});
  other_entity.entity.id = "other";
  ProbeReport unknown_probe = DnsReport(99, Transport::kUdp, {M(kNs1, kNs1V4, 1, kT0)});
  ProbeReport bad_indices = DnsReport(kDakar, Transport::kUdp, {M(7, 0, 1, kT0), M(kNs1, 9, 1, kT0)});
  ProbeReport duplicate = DnsReport(kAmsterdam, Transport::kUdp, {M(kNs1, kNs1V4, 1, kT0)});
  for (ProbeReport* r : {&other_cycle, &other_entity, &unknown_probe, &bad_indices, &duplicate}) {
    c.reports.push_back(*r);
  }
  EXPECT_EQ(Render(kRenderMeasurementV2, c.Input(Service::kDns, CycleStatus::kUp)), base);
}

TEST(RenderMeasurementTest, PrecomputedProbeOrderGivesTheSameBytes) {
  DnsCycle c;
  const std::vector<ProbeIndex> order = ProbesByName(c.probes);
  EXPECT_EQ(order, (std::vector<ProbeIndex>{kAmsterdam, kBrussels, kCairo, kDakar, kTokyo}));
  MeasurementInput in = c.Input(Service::kDns, CycleStatus::kUp);
  const std::string computed = Render(kRenderMeasurementV2, in);
  in.probe_order = order;
  EXPECT_EQ(Render(kRenderMeasurementV2, in), computed);
}

TEST(RenderMeasurementTest, AppendKeepsExistingContent) {
  DnsCycle c;
  std::string out = "[";
  ASSERT_TRUE(AppendMeasurement(kRenderMeasurementV2, c.Input(Service::kDns, CycleStatus::kUp), &out).ok());
  EXPECT_EQ(out, "[" + Render(kRenderMeasurementV2, c.Input(Service::kDns, CycleStatus::kUp)));
}

}  // namespace
}  // namespace tldmon::documents
