// Every MoSAPI data endpoint, for a registry and a registrar, in both trees:
// a client's crawl over the seeded world (mosapi_test_fixture.h) following
// the links the API itself lists (incidents → their objects, years → months
// → days → files → measurement). Each answer must be 200 JSON (§5: a 200
// never has an empty body), carry the version of its tree (SLAM objects,
// §5 envelope), and answer HEAD with the same headers and no body.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "documents/render_test_golden.h"
#include "testutil/mosapi_test_fixture.h"

namespace tldmon::mosapi::testing {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

using nlohmann::json;

class MosapiMatrixTest : public MosapiHttpTest {
 protected:
  // GET (and HEAD) `path`; checks the common rules; returns the JSON.
  json Fetch(const std::string& cookie, const std::string& path, int tree) {
    const Reply r = GetAs(cookie, path);
    ++fetched_;
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    EXPECT_EQ(r.Header("Content-Type"), "application/json") << path;
    EXPECT_FALSE(r.body.empty()) << path;
    const json j = r.Json();
    EXPECT_TRUE(j.is_object()) << path;
    if (!j.is_object()) return json::object();
    // SLAM objects carry their tree's version; METRICA and the probe list
    // are v2 objects in both trees (§6.8, §6.11); the RDAP list is "1.0".
    if (path.find("/monitoring/") != std::string::npos) {
      EXPECT_EQ(j.at("version"), tree) << path;
      documents::testing::ExpectMosapiTypes(r.body);
    }
    const Reply head = Call(port_, "HEAD", path, {{"Cookie", "id=" + cookie}});
    EXPECT_EQ(head.status, 200) << path;
    EXPECT_TRUE(head.body.empty()) << path;
    EXPECT_EQ(head.Header("Content-Length"), std::to_string(r.body.size())) << path;
    EXPECT_EQ(head.Header("ETag"), r.Header("ETag")) << path;
    return j;
  }

  // Everything below B/monitoring/<service>.
  void CrawlService(const std::string& cookie, const std::string& b, int tree,
                    const std::string& service) {
    const std::string s = b + "/monitoring/" + service;
    Fetch(cookie, s + "/alarmed", tree);
    Fetch(cookie, s + "/downtime", tree);
    const json incidents = Fetch(cookie, s + "/incidents", tree);
    for (const json& incident : incidents.value("incidents", json::array())) {
      const std::string i = s + "/incidents/" + incident.at("incidentID").get<std::string>();
      Fetch(cookie, i + "/state", tree);
      Fetch(cookie, i + "/falsePositive", tree);
      const json names = Fetch(cookie, i + "/measurements", tree);
      ASSERT_FALSE(names.at("measurements").empty()) << i;
      Fetch(cookie, i + "/measurements/" + names["measurements"][0].get<std::string>(), tree);
      ++incidents_;
    }
    std::string path = s + "/measurements";
    for (const char* level : {"years", "months", "days", "measurements"}) {
      const json listing = Fetch(cookie, path, tree);
      ASSERT_FALSE(listing.value(level, json::array()).empty()) << path;
      path += "/" + listing[level][0].get<std::string>();
    }
    const json measurement = Fetch(cookie, path, tree);
    EXPECT_EQ(measurement.at("service"), service) << path;
  }

  int fetched_ = 0;
  int incidents_ = 0;
};

TEST_F(MosapiMatrixTest, RegistryInBothTrees) {
  const std::string cookie = LoginExample();
  for (int tree : {1, 2}) {
    SCOPED_TRACE(tree);
    const std::string b = "/ry/example/v" + std::to_string(tree);
    Fetch(cookie, b + "/monitoring/state", tree);
    std::vector<std::string> services = {"dns", "dnssec", "rdds"};
    if (tree == 2) services.push_back("rdap");  // §6.10: no RDAP in v1
    for (const std::string& service : services) CrawlService(cookie, b, tree, service);
    Fetch(cookie, b + "/monitoring/epp/alarmed", tree);
    Fetch(cookie, b + "/metrica/domainList/latest", tree);
    Fetch(cookie, b + "/metrica/domainList/2025-12-30", tree);
    Fetch(cookie, b + "/metrica/domainLists", tree);
    Fetch(cookie, b + "/registrarRdapBaseUrl/list", tree);
    Fetch(cookie, b + "/maintenance", tree);
    Fetch(cookie, b + "/probeNodes", tree);
  }
  EXPECT_EQ(incidents_, 2);  // the DNS incident, in each tree
  // v1: state, 3 services x 8, the incident's 4, EPP alarmed, 6 admin-fed = 36; v2: 44.
  EXPECT_EQ(fetched_, 80);
}

TEST_F(MosapiMatrixTest, RegistrarInBothTrees) {
  const std::string cookie = LoginRegistrar();
  for (int tree : {1, 2}) {
    SCOPED_TRACE(tree);
    const std::string b = "/rr/9999/v" + std::to_string(tree);
    const json state = Fetch(cookie, b + "/monitoring/state", tree);
    EXPECT_EQ(state.at("registrarID"), 9999);
    CrawlService(cookie, b, tree, "rdds");
    if (tree == 2) CrawlService(cookie, b, tree, "rdap");  // registrars: rdds, rdap (v2)
    Fetch(cookie, b + "/metrica/domainList/latest", tree);
    Fetch(cookie, b + "/metrica/domainList/2025-12-31", tree);
    Fetch(cookie, b + "/metrica/domainLists", tree);
  }
  EXPECT_EQ(incidents_, 1);  // the RDAP incident (v2 only)
}

}  // namespace
}  // namespace tldmon::mosapi::testing
