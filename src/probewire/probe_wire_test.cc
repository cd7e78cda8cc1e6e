#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "probewire/probe_config_wire.h"
#include "probewire/probe_results_wire.h"
#include "probewire/results_fast_parse.h"

namespace tldmon::probewire {
namespace {

// Compares `text` with tests/conformance/probe/<name>; with
// TLDMON_UPDATE_GOLDENS=1 in the environment, writes it there instead (then
// review the diff: the golden files pin the wire format).
void ExpectGolden(const std::string& name, const std::string& text) {
  const std::string path = std::string(TLDMON_PROBE_GOLDEN_DIR) + "/" + name;
  if (const char* update = std::getenv("TLDMON_UPDATE_GOLDENS"); update && std::string(update) == "1") {
    std::ofstream(path) << text;
    return;
  }
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_EQ(text, s.str()) << "golden " << path;
}

ProbeConfig ExampleConfig() {
  ProbeConfig c;
  c.generated = 1767225600;
  c.probe.name = "Probe1-Amsterdam";
  c.probe.ipv6 = false;
  EntityConfig e;
  e.id = EntityId{EntityKind::kRegistry, "example"};
  e.SetEnabled(Service::kDns, true);
  e.SetEnabled(Service::kDnssec, true);
  e.SetEnabled(Service::kRdds, true);
  e.SetEnabled(Service::kRdap, true);
  e.name_servers = {{"ns1.nic.example", {"192.0.2.1", "2001:db8::1"}},
                    {"ns2.nic.example", {"192.0.2.2"}}};
  e.min_ns = *MinNsSchedule::Parse("2;1767312000:3");
  e.rdds43_server = "whois.nic.example";
  e.rdap_base_url = "https://rdap.nic.example/rdap/";
  e.test_domain = "nic.example";
  c.entities.push_back(ProbeEntityOf(e));
  return c;
}

ResultsBatch ExampleBatch() {
  ResultsBatch b;
  b.probe = "Probe1-Amsterdam";
  b.outbox_depth = 3;
  NamedProbeReport dns;
  dns.entity = EntityId{EntityKind::kRegistry, "example"};
  dns.test = TestKind::kDns;
  dns.cycle = 1767225600;
  dns.tested_name = "nonexistent-tldmon.example.";
  dns.metrics = {{"ns1.nic.example", "192.0.2.1", 23, 1767225601, "6e7331"},
                 {"ns2.nic.example", "192.0.2.2", -200, 1767225601, ""}};
  NamedProbeReport rdds;
  rdds.entity = dns.entity;
  rdds.test = TestKind::kRdds;
  rdds.cycle = 1767225600;
  rdds.tested_name = "nic.example";
  rdds.metrics = {{std::string(kRdds43Name), "192.0.2.43", 140, 1767225602, ""}};
  b.reports = {dns, rdds};
  b.online = {{1767225600, true}, {1767225660, false}};
  return b;
}

TEST(ProbeConfigWireTest, RendersTheGoldenDocumentAndParsesItBack) {
  const std::string text = RenderProbeConfig(ExampleConfig());
  ExpectGolden("config.json", text);
  auto parsed = ParseProbeConfig(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, ExampleConfig());
}

TEST(ProbeConfigWireTest, ProbeEntityFollowsTheEnabledServicesAndTargets) {
  const ProbeEntity e = ExampleConfig().entities[0];
  EXPECT_TRUE(e.dns);
  EXPECT_TRUE(e.dnssec);
  EXPECT_TRUE(e.rdds43);
  EXPECT_FALSE(e.rdds80) << "no RDDS80 URL configured";
  EXPECT_TRUE(e.rdap);
}

TEST(ProbeConfigWireTest, RefusesBadDocumentsWithTheReason) {
  const std::string good = RenderProbeConfig(ExampleConfig());
  struct Case {
    std::string from, to, reason;
  };
  for (const Case& c : std::vector<Case>{
           {"\"version\": 1", "\"version\": 2", "version 2 is not supported"},
           {"\"192.0.2.2\"", "\"192.0.2.300\"", "not an IP address"},
           {"\"ns2.nic.example\"", "\"ns2..example\"", "bad name server"},
           {"\"tcp_ratio\": 10", "\"tcp_ratio\": 0", "\"tcp_ratio\" = 0 is outside"},
           {"\"min_ns\": \"2;1767312000:3\"", "\"min_ns\": \"x\"", "entity ry/example"},
           {"\"id\": \"ry/example\"", "\"id\": \"ry/Ex ample\"", "\"id\""},
           {"\"dnssec\": true", "\"dnssec\": 1", "\"dnssec\" is not a boolean"},
       }) {
    std::string text = good;
    const auto at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    text.replace(at, c.from.size(), c.to);
    auto parsed = ParseProbeConfig(text);
    ASSERT_FALSE(parsed.ok()) << c.to;
    EXPECT_NE(parsed.status().message().find(c.reason), std::string::npos)
        << parsed.status().message();
  }
  EXPECT_FALSE(ParseProbeConfig("").ok());
  EXPECT_FALSE(ParseProbeConfig("[1]").ok());
  EXPECT_FALSE(ParseProbeConfig(std::string(100000, '[')).ok());
}

TEST(ProbeResultsWireTest, RendersTheGoldenDocumentAndParsesItBack) {
  const std::string text = RenderResultsBatch(ExampleBatch());
  ExpectGolden("results.json", text + "\n");
  auto parsed = ParseResultsBatch(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(parsed->refused.empty());
  EXPECT_EQ(parsed->batch, ExampleBatch());
  EXPECT_EQ(ReportKey(parsed->batch.reports[0]), "ry/example/dns/1767225600");
  EXPECT_EQ(OnlineKey(1767225660), "online/1767225660");
}

TEST(ProbeResultsWireTest, ABadItemIsRefusedAloneWithItsKeyAndReason) {
  std::string text = RenderResultsBatch(ExampleBatch());
  // Break the RDDS report only (its value becomes a string) and one minute.
  const std::string rdds_value = "\"value\":140";
  text.replace(text.find(rdds_value), rdds_value.size(), "\"value\":\"140\"");
  const std::string minute = "\"minute\":1767225660";
  text.replace(text.find(minute), minute.size(), "\"minute\":1767225661");
  auto parsed = ParseResultsBatch(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->batch.reports.size(), 1u);
  EXPECT_EQ(parsed->batch.reports[0].test, TestKind::kDns);
  ASSERT_EQ(parsed->batch.online.size(), 1u);
  ASSERT_EQ(parsed->refused.size(), 2u);
  EXPECT_EQ(parsed->refused[0].key, "ry/example/rdds/1767225600");
  EXPECT_NE(parsed->refused[0].reason.find("metric #1: \"value\" is not an integer"),
            std::string::npos)
      << parsed->refused[0].reason;
  EXPECT_EQ(parsed->refused[1].key, "online/1767225661");
}

TEST(ProbeResultsWireTest, TheFastPathTakesWhatTheProbeSendsAndLeavesTheRestToTheDomParser) {
  const std::string text = RenderResultsBatch(ExampleBatch());
  const auto fast = ParseResultsBatchFast(text);
  ASSERT_TRUE(fast.has_value());
  const auto dom = ParseResultsBatchDom(text);
  ASSERT_TRUE(dom.ok());
  EXPECT_EQ(fast->batch.reports, dom->batch.reports);
  EXPECT_EQ(fast->batch.probe, dom->batch.probe);
  EXPECT_EQ(fast->batch.outbox_depth, dom->batch.outbox_depth);
  ASSERT_EQ(fast->batch.online.size(), dom->batch.online.size());
  // Anything unusual goes to the DOM parser: an unknown member, a bad item,
  // a duplicate member, invalid JSON.
  std::string unknown = text;
  unknown.insert(1, "\"extra\":[1,2],");
  EXPECT_FALSE(ParseResultsBatchFast(unknown).has_value());
  EXPECT_TRUE(ParseResultsBatch(unknown).ok());
  std::string bad = text;
  const std::string value = "\"value\":140";
  bad.replace(bad.find(value), value.size(), "\"value\":\"140\"");
  EXPECT_FALSE(ParseResultsBatchFast(bad).has_value());
  EXPECT_EQ(ParseResultsBatch(bad)->refused.size(), 1u);
  std::string twice = text;
  twice.insert(1, "\"probe\":\"other\",");
  EXPECT_FALSE(ParseResultsBatchFast(twice).has_value());
  EXPECT_FALSE(ParseResultsBatchFast(text + "x").has_value());
}

TEST(ProbeResultsWireTest, RefusesWholeDocumentsThatAreNotBatches) {
  EXPECT_FALSE(ParseResultsBatch("{").ok());
  EXPECT_FALSE(ParseResultsBatch(R"({"version":1,"reports":[],"online":[]})").ok());
  EXPECT_FALSE(ParseResultsBatch(R"({"version":9,"probe":"p","reports":[],"online":[]})").ok());
  EXPECT_FALSE(ParseResultsBatch(R"({"version":1,"probe":"p","reports":{},"online":[]})").ok());
}

TEST(ProbeResultsWireTest, AcksRoundTrip) {
  BatchAck ack;
  ack.items = {{"ry/example/dns/1767225600", AckStatus::kStored, ""},
               {"online/1767225600", AckStatus::kDuplicate, ""},
               {"ry/example/rdds/1767225600", AckStatus::kRefused, "rdds80 is not configured"}};
  const std::string text = RenderBatchAck(ack);
  ExpectGolden("ack.json", text + "\n");
  auto parsed = ParseBatchAck(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, ack);
  EXPECT_FALSE(ParseBatchAck(R"({"items":[{"key":"k","status":"maybe"}]})").ok());
}

}  // namespace
}  // namespace tldmon::probewire
