// The admin-fed MoSAPI endpoints over real loopback HTTP: Domain METRICA
// (mosapi-api.md §6.11), the registrars' RDAP base URL list (§6.13),
// maintenance windows (§6.7) and the probe node list (§6.8), with their 400
// and 404 answers.
#include <gtest/gtest.h>

#include "http/http_date.h"
#include "testutil/mosapi_test_fixture.h"

namespace tldmon::mosapi::testing {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

using nlohmann::json;

class MosapiAdminTest : public MosapiHttpTest {
 protected:
  void SetUp() override {
    MosapiHttpTest::SetUp();
    example_ = LoginExample();
    registrar_ = LoginRegistrar();
    ASSERT_FALSE(example_.empty() || registrar_.empty());
  }

  Reply Send(std::string_view method, const std::string& target, std::string_view body = "") {
    return Call(port_, method, target, {{"Cookie", "id=" + example_}}, body);
  }

  std::string example_, registrar_;
};

TEST_F(MosapiAdminTest, MetricaLatestAndByDate) {
  const Reply latest = GetAs(example_, "/ry/example/v2/metrica/domainList/latest");
  ASSERT_EQ(latest.status, 200);
  const json j = latest.Json();
  EXPECT_EQ(j.at("version"), 2);
  EXPECT_EQ(j.at("tld"), "example");
  EXPECT_EQ(j.at("domainListDate"), "2025-12-31");  // the newest report
  EXPECT_EQ(j.at("uniqueAbuseDomains"), 3);
  EXPECT_EQ(j.at("domainListData").at(0).at("threatType"), "spam");
  EXPECT_EQ(j.at("domainListData").at(0).at("domains").size(), 3u);
  EXPECT_EQ(j.at("domainListData").at(1).at("count"), -1);  // threat type disabled
  EXPECT_FALSE(j.contains("domainListGenerationDate"));
  // Last-Modified = the generation date 2026-01-01T02:30:15.52Z (seconds).
  EXPECT_EQ(ParseHttpDate(latest.Header("Last-Modified")), 1767234615);

  const Reply by_date = GetAs(example_, "/ry/example/v2/metrica/domainList/2025-12-30");
  ASSERT_EQ(by_date.status, 200);
  EXPECT_EQ(by_date.Json().at("uniqueAbuseDomains"), 2);
  EXPECT_EQ(GetAs(example_, "/ry/example/v2/metrica/domainList/2025-12-29").status, 404);

  // Registrar reports carry ianaId, a number (§6.11).
  const json rr = GetAs(registrar_, "/rr/9999/v2/metrica/domainList/latest").Json();
  EXPECT_EQ(rr.at("ianaId"), 9999);
  EXPECT_FALSE(rr.contains("tld"));
}

TEST_F(MosapiAdminTest, MetricaNotEnabledIs404OnAllThreeEndpoints) {
  const std::string other = LoginOther();
  for (const char* path :
       {"/ry/other/v2/metrica/domainList/latest", "/ry/other/v2/metrica/domainList/2025-12-31",
        "/ry/other/v2/metrica/domainLists"}) {
    const Reply r = GetAs(other, path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.Json().at("message"), "Not found") << path;
  }
}

TEST_F(MosapiAdminTest, MetricaListsWithDateRanges) {
  // "today" is 2026-01-01 (the clock): the default range is the 31 days up to it.
  const Reply all = GetAs(example_, "/ry/example/v2/metrica/domainLists");
  ASSERT_EQ(all.status, 200);
  const json j = all.Json();
  EXPECT_EQ(j.at("tld"), "example");
  ASSERT_EQ(j.at("domainLists").size(), 2u);
  EXPECT_EQ(j["domainLists"][0].at("domainListDate"), "2025-12-31");  // newest first
  EXPECT_EQ(j["domainLists"][0].at("domainListGenerationDate"), "2026-01-01T02:30:15.52Z");
  EXPECT_EQ(j["domainLists"][1].at("domainListDate"), "2025-12-30");
  EXPECT_EQ(ParseHttpDate(all.Header("Last-Modified")), 1767234615);  // the newest generation
  ExpectHttpGolden("metrica_domain_lists_ry_example.json", all.body);

  const json one = GetAs(example_,
                         "/ry/example/v2/metrica/domainLists?endDate=2025-12-30&"
                         "startDate=2025-12-01")
                       .Json();
  ASSERT_EQ(one.at("domainLists").size(), 1u);
  EXPECT_EQ(one["domainLists"][0].at("domainListDate"), "2025-12-30");
  EXPECT_EQ(GetAs(example_, "/ry/example/v2/metrica/domainLists?startDate=2026-01-01")
                .Json()
                .at("domainLists")
                .size(),
            0u);

  struct Case {
    std::string query;
    int code;
  };
  for (const Case& c : std::vector<Case>{{"?startDate=2025-12-01&endDate=2026-01-02", 2011},
                                         {"?startDate=2025-12-31&endDate=2025-12-30", 2012},
                                         {"?startDate=2025-13-01", 2013},
                                         {"?startDate=1767225600", 2013},  // dates only here
                                         {"?endDate=31.12.2025", 2014}}) {
    const Reply r = GetAs(example_, "/ry/example/v2/metrica/domainLists" + c.query);
    EXPECT_EQ(r.status, 400) << c.query;
    EXPECT_EQ(r.Json().at("resultCode"), c.code) << c.query;
  }
}

TEST_F(MosapiAdminTest, RegistrarRdapBaseUrlList) {
  const Reply r = GetAs(example_, "/ry/example/v2/registrarRdapBaseUrl/list");
  ASSERT_EQ(r.status, 200);
  // Exactly the format of the production reply (§6.13).
  EXPECT_EQ(r.body,
            R"({"publication":"2019-06-04T13:02:06Z","description":"ICANN-accredited Registrar's )"
            R"(RDAP base URL list","services":[[["81"],["https://rdap.gandi.net"]],[["1448"],)"
            R"(["https://rdap.blacknight.com"]]],"version":"1.0"})");
  EXPECT_EQ(ParseHttpDate(r.Header("Last-Modified")), 1559653326);
  EXPECT_EQ(GetAs(example_, "/ry/example/v1/registrarRdapBaseUrl/list").body, r.body);

  // Never imported: 404 (the test puts the list back afterwards).
  ASSERT_TRUE(world_->store->DeleteRecord(admin::kRdapBaseUrlsKind, admin::kRdapBaseUrlsKey).ok());
  const Reply missing = GetAs(example_, "/ry/example/v2/registrarRdapBaseUrl/list");
  admin::AdminRepository repository(*world_->store);
  ASSERT_TRUE(repository.PutRdapBaseUrlList(RdapList()).ok());
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Json().at("message"), "Not found");
}

TEST_F(MosapiAdminTest, MaintenanceWindowLifecycle) {
  const std::string path = "/ry/example/v2/maintenance/q1-rdds-upgrade";
  const UnixSeconds start = kNow + 3600, end = kNow + 7200;
  const std::string body = R"({"name":"RDDS upgrade","description":"New WHOIS cluster",)"
                           R"("startTime":)" +
                           std::to_string(start) + R"(,"endTime":)" + std::to_string(end) + "}";
  const Reply created = Send("PUT", path, body);
  ASSERT_EQ(created.status, 200) << created.body;
  const json object = created.Json();
  EXPECT_EQ(object.at("version"), 2);
  EXPECT_EQ(object.at("scheduleID"), "q1-rdds-upgrade");
  EXPECT_EQ(object.at("name"), "RDDS upgrade");
  EXPECT_EQ(object.at("startTime"), start);
  EXPECT_EQ(object.at("endTime"), end);
  ExpectHttpGolden("maintenance_window.json", created.body);

  EXPECT_EQ(GetAs(example_, path).body, created.body);
  const json list = GetAs(example_, "/ry/example/v2/maintenance").Json();
  ASSERT_EQ(list.at("maintenanceWindows").size(), 1u);
  EXPECT_EQ(list["maintenanceWindows"][0], object);

  // Update (POST has the same meaning, §6.7 project default).
  const std::string moved = R"({"name":"RDDS upgrade","description":"moved",)"
                            R"("startTime":)" +
                            std::to_string(start + 60) + R"(,"endTime":)" +
                            std::to_string(end + 60) + "}";
  const Reply updated = Send("POST", path, moved);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.Json().at("description"), "moved");
  EXPECT_EQ(GetAs(example_, path).Json().at("startTime"), start + 60);

  // Persisted through the Store: what `tldmon admin` would read.
  admin::AdminRepository repository(*world_->store);
  auto stored = repository.LoadMaintenance(kExample);
  ASSERT_TRUE(stored.ok());
  ASSERT_NE(stored->Find("q1-rdds-upgrade"), nullptr);
  EXPECT_EQ(stored->Find("q1-rdds-upgrade")->description, "moved");

  // Ended windows are not listed (the list shows windows not yet ended).
  clock_.Set(end + 60);
  const std::string later = LoginExample();  // the first session has expired by then
  EXPECT_EQ(GetAs(later, "/ry/example/v2/maintenance").Json().at("maintenanceWindows").size(), 0u);
  EXPECT_EQ(GetAs(later, path).status, 200);  // still retrievable by its id
  clock_.Set(kNow);
  example_ = LoginExample();

  const Reply deleted = Send("DELETE", path);
  ASSERT_EQ(deleted.status, 200);
  EXPECT_EQ(deleted.Json(), updated.Json());
  EXPECT_EQ(Send("DELETE", path).status, 404);
  EXPECT_EQ(GetAs(example_, path).status, 404);
  EXPECT_EQ(GetAs(example_, "/ry/example/v2/maintenance").Json().at("maintenanceWindows").size(),
            0u);
}

TEST_F(MosapiAdminTest, MaintenanceWindowValidation) {
  const std::string path = "/ry/example/v2/maintenance/bad-window";
  struct Case {
    std::string body;
    int code;
  };
  const std::vector<Case> cases = {
      // endTime must be strictly after startTime (§7: 2007, equal included).
      {R"({"name":"n","description":"","startTime":1767232800,"endTime":1767232800})", 2007},
      {R"({"name":"n","description":"","startTime":1767232800,"endTime":1767229200})", 2007},
      // Anything else invalid: 2001 (§6.7 project default).
      {R"({"name":"n","description":""})", 2001},
      {R"({"name":"","description":"","startTime":1,"endTime":2})", 2001},
      {R"({"name":"n","description":"","startTime":"soon","endTime":2})", 2001},
      {R"({"name":"n","description":"","startTime":1,"endTime":2,"extra":true})", 2001},
      {R"({"scheduleID":"other","name":"n","description":"","startTime":1,"endTime":2})", 2001},
      {std::string(R"({"name":")") + std::string(101, 'x') +
           R"(","description":"","startTime":1,"endTime":2})",
       2001},
      {"not json", 2001},
      {"", 2001},
  };
  for (const Case& c : cases) {
    const Reply r = Send("PUT", path, c.body);
    EXPECT_EQ(r.status, 400) << c.body;
    EXPECT_EQ(r.Json().at("resultCode"), c.code) << c.body;
  }
  EXPECT_EQ(GetAs(example_, path).status, 404);  // nothing was stored
  // Maintenance windows exist for registries only (router: 404 for rr).
  EXPECT_EQ(GetAs(registrar_, "/rr/9999/v2/maintenance").status, 404);
}

TEST_F(MosapiAdminTest, ProbeNodeList) {
  const Reply r = GetAs(example_, "/ry/example/v2/probeNodes");
  ASSERT_EQ(r.status, 200);
  const json j = r.Json();
  EXPECT_EQ(j.at("version"), 2);
  EXPECT_TRUE(j.at("lastUpdateApiDatabase").is_number_integer());
  const json& nodes = j.at("probeNodes");
  ASSERT_EQ(nodes.size(), world_->probes.size());
  std::vector<std::string> cities;
  for (const json& n : nodes) {
    cities.push_back(n.at("city"));
    EXPECT_TRUE(n.at("ipv4").is_array());
    EXPECT_TRUE(n.at("ipv6").is_array());
  }
  EXPECT_TRUE(std::is_sorted(cities.begin(), cities.end()));
  for (const ProbeNode& p : world_->probes) {
    const auto it = std::find(cities.begin(), cities.end(), p.name);
    ASSERT_NE(it, cities.end()) << p.name;
    const json& n = nodes[static_cast<std::size_t>(it - cities.begin())];
    EXPECT_EQ(n.at("ipv4").size(), p.ipv4 ? p.ipv4_addresses.size() : 0u) << p.name;
    EXPECT_EQ(n.at("ipv6").size(), p.ipv6 ? p.ipv6_addresses.size() : 0u) << p.name;
  }
  ExpectHttpGolden("probe_nodes.json", r.body);
}

}  // namespace
}  // namespace tldmon::mosapi::testing
