#include "web/past_monthly.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/sqlite/temp_sqlite_store.h"

namespace tldmon::web {
namespace {

using nlohmann::json;

constexpr UnixSeconds kJan = 1'767'225'600;  // 2026-01-01
constexpr UnixSeconds kFeb = 1'769'904'000;  // 2026-02-01

// A monthly document with one service, its RTT kind and (DNS) one NS-IP.
std::string Doc(const char* service, const char* kind, const char* month, int downtime,
                UnixSeconds last_update) {
  json d = {{"formatVersion", 1}, {"lastUpdate", last_update}, {"tld", "example"},
            {"services", {{{"service", service}, {"month", month}, {"downtime", downtime},
                           {"downtimeSLR", 0}, {"downtimeMet", true}}}},
            {"rtt", {{{"kind", kind}, {"month", month}, {"failedPercent", 0.5}, {"met", true}}}},
            {"nameServerIPs", json::array()}};
  if (std::string(service) == "dns")
    d["nameServerIPs"].push_back({{"ns", "ns1"}, {"ip", "192.0.2.1"}, {"month", month}, {"downtime", 3}});
  return d.dump();
}

TEST(PastMonthly, MergesEachTestKindsOwnEntriesOfTheMonth) {
  store::testing::TempSqliteStore store;
  const EntityId tld{EntityKind::kRegistry, "example"};
  EntityConfig e;
  e.id = tld;
  e.SetEnabled(Service::kDns, true);
  e.name_servers = {{"ns1", {"192.0.2.1"}}};
  ASSERT_TRUE(store.store().PutEntities({&e, 1}).ok());
  // January's DNS was kept at its last DNS cycle; RDDS's last January cycle
  // came after February's first DNS cycle, so its document's DNS entries
  // are February's and must not be taken.
  const std::string rdds_doc = [] {
    json d = json::parse(Doc("rdds", "rdds43", "2026-01", 7, kFeb + 300));
    d["services"].push_back({{"service", "dns"}, {"month", "2026-02"}, {"downtime", 0}});
    d["nameServerIPs"].push_back({{"ns", "ns1"}, {"ip", "192.0.2.1"}, {"month", "2026-02"}});
    return d.dump();
  }();
  const store::MonthlyFiguresRow rows[] = {
      {tld, kJan, TestKind::kDns, Doc("dns", "dnsUdp", "2026-01", 12, kFeb + 60)},
      {tld, kJan, TestKind::kRdds, rdds_doc},
      {tld, kFeb, TestKind::kDns, Doc("dns", "dnsUdp", "2026-02", 1, kFeb + 86400 * 28)}};
  ASSERT_TRUE(store.store().KeepMonthlyFigures(rows).ok());

  EXPECT_EQ(*PastMonths(store.store(), tld), (std::vector<std::string>{"2026-02", "2026-01"}));
  auto jan = PastMonthly(store.store(), tld, "2026-01");
  ASSERT_TRUE(jan.ok() && jan->has_value());
  const json j = json::parse(**jan);
  EXPECT_EQ(j["tld"], "example");
  EXPECT_EQ(j["lastUpdate"], kFeb + 300);
  ASSERT_EQ(j["services"].size(), 2u);
  EXPECT_EQ(j["services"][0]["downtime"], 12);  // DNS from the DNS document
  EXPECT_EQ(j["services"][1]["service"], "rdds");
  EXPECT_EQ(j["rtt"].size(), 2u);
  ASSERT_EQ(j["nameServerIPs"].size(), 1u);
  EXPECT_EQ(j["nameServerIPs"][0]["month"], "2026-01");
  EXPECT_FALSE(PastMonthly(store.store(), tld, "2025-12")->has_value());

  // The report: the current document's month first, then the kept ones.
  const std::string current = Doc("dns", "dnsUdp", "2026-03", 0, kFeb + 86400 * 40);
  const json now = *MonthlyReport(store.store(), tld, current, "");
  EXPECT_EQ(now["months"], json::parse(R"(["2026-03","2026-02","2026-01"])"));
  EXPECT_EQ(now["month"], "2026-03");
  EXPECT_EQ(now["current"], true);
  EXPECT_EQ(now["report"]["services"][0]["month"], "2026-03");
  const json past = *MonthlyReport(store.store(), tld, current, "2026-01");
  EXPECT_EQ(past["current"], false);
  EXPECT_EQ(past["report"]["services"][1]["downtime"], 7);
  EXPECT_EQ(MonthlyReport(store.store(), tld, current, "2025-01").status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace tldmon::web
