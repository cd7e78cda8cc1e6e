// The monthly figures document (docs/formats/monthly-figures.md) from a real
// engine run, pinned by a golden; the figures must follow the engine's.
#include "documents/render_monthly.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "documents/render_test_golden.h"
#include "engine/engine_test_fixture.h"

namespace tldmon::documents {
namespace {

namespace et = ::tldmon::engine::testing;
using Json = nlohmann::json;

// Five DNS cycles from kT0 in which every probe times out: an incident opens
// after the third (slam-algorithms.md §7) and its cycles count as downtime
// (§8); every timeout is a failed UDP RTT item (§9).
engine::Engine DnsOutage() {
  const EntityConfig tld = et::MakeTld();
  engine::Engine eng = et::EngineWithEventId(4242, {tld}, et::MakeProbes(20));
  for (int c = 0; c < 5; ++c) {
    const UnixSeconds cycle = et::kT0 + 60 * c;
    et::RunCycle(eng, TestKind::kDns, cycle, et::DnsReports(tld, cycle, 20, 0));
  }
  return eng;
}

TEST(RenderMonthlyTest, DnsOutageGolden) {
  const engine::Engine eng = DnsOutage();
  const MonthlyReport report = CollectMonthly(eng, et::MakeTld());
  const std::string body = RenderMonthly(et::kT0 + 5 * 60 + 120, report);
  documents::testing::ExpectGolden("ui/monthly_ry_example", body);

  const Json j = Json::parse(body);
  const engine::MonthlyFigures dns = eng.Monthly(et::Tld(), Service::kDns);
  ASSERT_EQ(j["services"].size(), 4u);  // dns, dnssec, rdds, rdap; never EPP
  EXPECT_EQ(j["services"][0]["service"], "dns");
  EXPECT_EQ(j["services"][0]["month"], "2026-01");
  EXPECT_EQ(j["services"][0]["downtime"], dns.downtime_minutes);
  EXPECT_GT(dns.downtime_minutes, 0);
  // No RDAP cycle was processed yet: no month.
  EXPECT_TRUE(j["services"][3]["month"].is_null());
  const engine::RttRatio udp = eng.MonthlyRtt(et::Tld(), RttKind::kDnsUdp);
  EXPECT_EQ(j["rtt"][0]["kind"], "dnsUdp");
  EXPECT_EQ(j["rtt"][0]["failed"], udp.failed);
  EXPECT_GT(udp.failed, 0);
  EXPECT_EQ(j["nameServerIPs"].size(), 4u);  // ns1 has two addresses
}

TEST(RenderMonthlyTest, OnlyEnabledServicesAndRegistrarField) {
  EntityConfig rr;
  rr.id = {EntityKind::kRegistrar, "9999"};
  rr.SetEnabled(Service::kRdap, true);
  rr.rdap_base_url = "https://rdap.example/";
  rr.test_domain = "nic.example";
  const engine::Engine eng(engine::SlaParams::Defaults(), {rr}, et::MakeProbes(2));
  const Json j = Json::parse(RenderMonthly(et::kT0, CollectMonthly(eng, rr)));
  EXPECT_EQ(j["registrarID"], 9999);
  ASSERT_EQ(j["services"].size(), 1u);
  EXPECT_EQ(j["services"][0]["service"], "rdap");
  ASSERT_EQ(j["rtt"].size(), 1u);
  EXPECT_EQ(j["rtt"][0]["kind"], "rdap");
  EXPECT_TRUE(j["nameServerIPs"].empty());
}

TEST(RenderMonthlyTest, PathIsOutsideTheMosapiTree) {
  EXPECT_EQ(MonthlyPath(et::Tld()), "ui/api/ry/example/monthly");
  EXPECT_EQ(MonthlyPath({EntityKind::kRegistrar, "9999"}), "ui/api/rr/9999/monthly");
}

TEST(RenderMonthlyTest, MonthLabelIsUtcYearAndMonth) {
  EXPECT_EQ(MonthLabel(et::kT0), "2026-01");
  EXPECT_EQ(MonthLabel(1769904000), "2026-02");  // 2026-02-01T00:00:00Z
}

}  // namespace
}  // namespace tldmon::documents
