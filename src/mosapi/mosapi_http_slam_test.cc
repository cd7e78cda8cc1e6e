// The SLAM-data endpoints over real loopback HTTP against a store seeded by
// the pipeline (mosapi_test_fixture.h): state/alarmed/downtime, incidents
// (filtered and not, with their measurements), the recent-measurement tree
// and measurement objects, in ry and rr, v2 and v1. Expected numbers come
// from the scripted faults and the spec's rules (mosapi-api.md §6, §9.3;
// slam-algorithms.md §7), not from the implementation.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "documents/document_paths.h"
#include "documents/render_common.h"
#include "documents/render_test_golden.h"
#include "testutil/mosapi_test_fixture.h"

namespace tldmon::mosapi::testing {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

using documents::testing::ExpectMosapiTypes;
using nlohmann::json;

constexpr UnixSeconds kMinute = 60;
// ry/example: DNS Down in the cycles of minutes 10..19. The incident opens
// at the third Down cycle and closes at the end of the third Up one
// (DNS 3/3, §9.3).
constexpr UnixSeconds kExampleStart = kSeedStart + 12 * kMinute;
constexpr UnixSeconds kExampleEnd = kSeedStart + 22 * kMinute + 59;
// rr/9999: RDAP Down in the 300 s cycles of minutes 30, 35, 40, 45; RDAP 2/2.
constexpr UnixSeconds kRegistrarStart = kSeedStart + 35 * kMinute;
constexpr UnixSeconds kRegistrarEnd = kSeedStart + 55 * kMinute + 299;
// ry/other: DNS Down from minute 100 on; still open.
constexpr UnixSeconds kOtherStart = kSeedStart + 102 * kMinute;

class MosapiSlamTest : public MosapiHttpTest {
 protected:
  void SetUp() override {
    MosapiHttpTest::SetUp();
    example_ = LoginExample();
    other_ = LoginOther();
    registrar_ = LoginRegistrar();
    ASSERT_FALSE(example_.empty() || other_.empty() || registrar_.empty());
  }

  // The one incident of (cookie's entity, path prefix) and its id.
  std::string OnlyIncidentId(const std::string& cookie, const std::string& service_path) {
    const Reply r = GetAs(cookie, service_path + "/incidents");
    EXPECT_EQ(r.status, 200);
    const json j = r.Json();
    EXPECT_EQ(j.at("incidents").size(), 1u) << r.body;
    return j.at("incidents").empty() ? "" : j["incidents"][0].at("incidentID").get<std::string>();
  }

  std::string example_, other_, registrar_;
};

TEST_F(MosapiSlamTest, StateAlarmedDowntimeInBothTreesAndEntityKinds) {
  const Reply state = GetAs(example_, "/ry/example/v2/monitoring/state");
  ASSERT_EQ(state.status, 200);
  const json s = ExpectMosapiTypes(state.body);
  EXPECT_EQ(s.at("version"), 2);
  EXPECT_EQ(s.at("tld"), "example");
  EXPECT_EQ(s.at("status"), "Up");  // every service Up at the end
  const json& services = s.at("testedServices");
  EXPECT_EQ(services.size(), 5u);
  EXPECT_EQ(services.at("EPP"), json::parse(R"({"status":"Disabled"})"));
  // 8 Down minutes inside the incident (12..19) of a 240-minute budget.
  EXPECT_DOUBLE_EQ(services.at("DNS").at("emergencyThreshold").get<double>(), 3.333);
  EXPECT_EQ(services.at("DNS").at("incidents").size(), 1u);
  EXPECT_FALSE(state.Header("ETag").empty());
  EXPECT_FALSE(state.Header("Last-Modified").empty());

  const Reply v1 = GetAs(example_, "/ry/example/v1/monitoring/state");
  ASSERT_EQ(v1.status, 200);
  EXPECT_EQ(v1.Json().at("version"), 1);
  EXPECT_FALSE(v1.Json().at("testedServices").contains("RDAP"));  // §6.10: no RDAP in v1

  const Reply downtime = GetAs(example_, "/ry/example/v2/monitoring/dns/downtime");
  ASSERT_EQ(downtime.status, 200);
  EXPECT_EQ(ExpectMosapiTypes(downtime.body).at("downtime"), 8);
  const Reply alarmed = GetAs(example_, "/ry/example/v2/monitoring/dns/alarmed");
  EXPECT_EQ(alarmed.Json().at("alarmed"), "No");  // the incident is resolved

  // Registrar: registrarID is a JSON number (§5), services RDDS and RDAP.
  const Reply rr = GetAs(registrar_, "/rr/9999/v2/monitoring/state");
  ASSERT_EQ(rr.status, 200);
  const json r = ExpectMosapiTypes(rr.body);
  EXPECT_EQ(r.at("registrarID"), 9999);
  EXPECT_FALSE(r.contains("tld"));
  EXPECT_EQ(r.at("testedServices").size(), 2u);
  // 15 Down minutes (cycles 35, 40, 45) of 1440: 1.042 %.
  EXPECT_DOUBLE_EQ(r["testedServices"].at("RDAP").at("emergencyThreshold").get<double>(), 1.042);
  EXPECT_EQ(GetAs(registrar_, "/rr/9999/v2/monitoring/rdap/downtime").Json().at("downtime"), 15);
  EXPECT_EQ(GetAs(registrar_, "/rr/9999/v1/monitoring/rdds/alarmed").status, 200);
  EXPECT_EQ(GetAs(registrar_, "/rr/9999/v1/monitoring/rdap/alarmed").status, 404);  // no v1 RDAP
  EXPECT_EQ(GetAs(registrar_, "/rr/9999/v2/monitoring/dns/alarmed").status, 404);   // rr: no DNS

  // ry/other: its DNS incident is still open.
  EXPECT_EQ(GetAs(other_, "/ry/other/v2/monitoring/dns/alarmed").Json().at("alarmed"), "Yes");
  EXPECT_EQ(GetAs(other_, "/ry/other/v2/monitoring/state").Json().at("status"), "Down");
}

TEST_F(MosapiSlamTest, ServiceNotMonitoredBehavesAsTheSpecSays) {
  // ry/other has no RDAP (§6.2–§6.4, §10.7): Disabled, alarmed "Disabled"
  // (200), downtime 404, and no measurement directory.
  const json state = GetAs(other_, "/ry/other/v2/monitoring/state").Json();
  EXPECT_EQ(state.at("testedServices").at("RDAP"), json::parse(R"({"status":"Disabled"})"));
  const Reply alarmed = GetAs(other_, "/ry/other/v2/monitoring/rdap/alarmed");
  EXPECT_EQ(alarmed.status, 200);
  EXPECT_EQ(alarmed.Json().at("alarmed"), "Disabled");
  const Reply downtime = GetAs(other_, "/ry/other/v2/monitoring/rdap/downtime");
  EXPECT_EQ(downtime.status, 404);
  EXPECT_EQ(downtime.Json().at("message"), "Not found");
  EXPECT_EQ(GetAs(other_, "/ry/other/v2/monitoring/rdap/measurements").status, 404);
  // EPP is never monitored.
  EXPECT_EQ(GetAs(example_, "/ry/example/v2/monitoring/epp/alarmed").Json().at("alarmed"),
            "Disabled");
  EXPECT_EQ(GetAs(example_, "/ry/example/v2/monitoring/epp/downtime").status, 404);
  EXPECT_EQ(GetAs(example_, "/ry/example/v2/monitoring/epp/measurements").status, 404);
}

TEST_F(MosapiSlamTest, EntityThatIsNotMonitoredIs404) {
  // Access configured, monitoring not: every SLAM resource is 404 (§5).
  const auto loopback = auth::ParseAllowList({"127.0.0.0/8"});
  ASSERT_TRUE(loopback.ok());
  const EntityId ghost{EntityKind::kRegistry, "ghost"};
  ASSERT_TRUE(auth_->SetEntityAccess({ghost, *loopback, auth::DefaultRoles(ghost.kind)}).ok());
  ASSERT_TRUE(auth_->SetPassword("ghost_ry", ghost, "boo").ok());
  const std::string id = Login(ghost, "ghost_ry", "boo");
  for (const char* path : {"/ry/ghost/v2/monitoring/state", "/ry/ghost/v2/monitoring/dns/alarmed",
                           "/ry/ghost/v2/monitoring/dns/incidents",
                           "/ry/ghost/v2/monitoring/dns/incidents?endDate=1767229200",
                           "/ry/ghost/v2/monitoring/dns/incidents/1767222720.1/state",
                           "/ry/ghost/v2/monitoring/dns/measurements",
                           "/ry/ghost/v2/monitoring/dns/measurements/2025/12/31/1767222000.json"}) {
    const Reply r = GetAs(id, path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.Json().at("message"), "Not found") << path;
  }
}

TEST_F(MosapiSlamTest, IncidentObjectsFollowTheIncidentRules) {
  const std::string base = "/ry/example/v2/monitoring/dns";
  const std::string id = OnlyIncidentId(example_, base);
  ASSERT_EQ(id.rfind(std::to_string(kExampleStart) + ".", 0), 0u) << id;
  const std::string event = id.substr(id.find('.') + 1);

  const json list = ExpectMosapiTypes(GetAs(example_, base + "/incidents").body);
  const json& summary = list.at("incidents").at(0);
  EXPECT_EQ(summary.at("startTime"), kExampleStart);
  EXPECT_EQ(summary.at("endTime"), kExampleEnd);
  EXPECT_EQ(summary.at("state"), "Resolved");
  EXPECT_EQ(summary.at("falsePositive"), false);

  const json state = ExpectMosapiTypes(GetAs(example_, base + "/incidents/" + id + "/state").body);
  EXPECT_EQ(state.at("incidents"), json::array({summary}));
  const json fp =
      ExpectMosapiTypes(GetAs(example_, base + "/incidents/" + id + "/falsePositive").body);
  EXPECT_EQ(fp.at("falsePositive"), false);
  EXPECT_TRUE(fp.at("updateTime").is_null());

  // §6.5: one "<cycle>.<eventID>.json" per cycle from startTime to the
  // closing cycle (minutes 12..22), oldest first.
  const json names = GetAs(example_, base + "/incidents/" + id + "/measurements").Json();
  ASSERT_EQ(names.at("measurements").size(), 11u);
  for (int i = 0; i < 11; ++i) {
    const UnixSeconds cycle = kExampleStart + i * kMinute;
    const std::string name = std::to_string(cycle) + "." + event + ".json";
    EXPECT_EQ(names["measurements"][static_cast<std::size_t>(i)], name);
    const Reply m = GetAs(example_, base + "/incidents/" + id + "/measurements/" + name);
    ASSERT_EQ(m.status, 200) << name;
    const json o = ExpectMosapiTypes(m.body);
    EXPECT_EQ(o.at("cycleCalculationDateTime"), cycle);
    EXPECT_EQ(o.at("service"), "dns");
    // Down cycles 12..19 inside the incident, then the three Up ones.
    EXPECT_EQ(o.at("status"), i < 8 ? "Down" : "Up") << name;
  }
  // The same object as in the recent-measurement tree (SLAM copies the file).
  const std::string first = std::to_string(kExampleStart);
  EXPECT_EQ(
      GetAs(example_, base + "/incidents/" + id + "/measurements/" + first + "." + event).body,
      GetAs(example_, base + "/measurements/2025/12/31/" + first + ".json").body);

  // Not this incident's: another event id, a cycle outside it, unaligned.
  for (const std::string& bad :
       {first + "." + std::to_string(std::stoull(event) + 1) + ".json",
        std::to_string(kExampleStart - kMinute) + "." + event + ".json",
        std::to_string(kExampleStart + 11 * kMinute) + "." + event + ".json",
        std::to_string(kExampleStart + 30) + "." + event + ".json"}) {
    EXPECT_EQ(GetAs(example_, base + "/incidents/" + id + "/measurements/" + bad).status, 404)
        << bad;
  }
  // Unknown incident.
  for (const char* what :
       {"/state", "/falsePositive", "/measurements", "/measurements/1767222720.1.json"}) {
    const Reply r = GetAs(example_, base + "/incidents/1767222720.999999" + what);
    EXPECT_EQ(r.status, 404) << what;
    EXPECT_EQ(r.Json().at("message"), "Not found");
  }
}

TEST_F(MosapiSlamTest, ActiveIncidentListsCyclesUpToTheLastProcessedOne) {
  const std::string base = "/ry/other/v2/monitoring/dns";
  const std::string id = OnlyIncidentId(other_, base);
  ASSERT_EQ(id.rfind(std::to_string(kOtherStart) + ".", 0), 0u) << id;
  const json list = GetAs(other_, base + "/incidents").Json();
  EXPECT_TRUE(list["incidents"][0].at("endTime").is_null());
  EXPECT_EQ(list["incidents"][0].at("state"), "Active");
  // Minutes 102..119: the last processed DNS cycle starts at kSeedEnd - 60.
  const json names = GetAs(other_, base + "/incidents/" + id + "/measurements").Json();
  ASSERT_EQ(names.at("measurements").size(), 18u);
  const std::string event = id.substr(id.find('.') + 1);
  const std::string last = std::to_string(kSeedEnd - kMinute) + "." + event;
  EXPECT_EQ(names["measurements"].back(), last + ".json");
  const Reply m = GetAs(other_, base + "/incidents/" + id + "/measurements/" + last);
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(m.Json().at("status"), "Down");
  // The cycle after it has not been processed.
  EXPECT_EQ(GetAs(other_, base + "/incidents/" + id + "/measurements/" + std::to_string(kSeedEnd) +
                              "." + event + ".json")
                .status,
            404);
}

TEST_F(MosapiSlamTest, RegistrarIncidentAndMeasurement) {
  const std::string base = "/rr/9999/v2/monitoring/rdap";
  const std::string id = OnlyIncidentId(registrar_, base);
  ASSERT_EQ(id.rfind(std::to_string(kRegistrarStart) + ".", 0), 0u) << id;
  const json list = GetAs(registrar_, base + "/incidents").Json();
  EXPECT_EQ(list["incidents"][0].at("endTime"), kRegistrarEnd);
  // Cycles 35, 40, 45 (Down) and 50, 55 (Up) of 300 s each.
  const json names = GetAs(registrar_, base + "/incidents/" + id + "/measurements").Json();
  EXPECT_EQ(names.at("measurements").size(), 5u);

  const Reply m = GetAs(
      registrar_, base + "/measurements/2025/12/31/" + std::to_string(kRegistrarStart) + ".json");
  ASSERT_EQ(m.status, 200);
  const json o = ExpectMosapiTypes(m.body);
  EXPECT_EQ(o.at("registrarID"), 9999);
  EXPECT_EQ(o.at("status"), "Down");
  const json& iface = o.at("testedInterface").at(0);
  EXPECT_EQ(iface.at("interface"), "RDAP");
  int failures = 0;
  for (const json& probe : iface.at("probes")) {
    for (const json& target : probe.at("testData")) {
      EXPECT_EQ(target.at("target"), "https://rdap.registrar9999.test/rdap/");
      for (const json& metric : target.at("metrics")) {
        // HTTP 503 from the RDAP server: -500 − 52 (§8.6).
        if (metric.at("result") == "-552") {
          ++failures;
          EXPECT_TRUE(metric.at("rtt").is_null());
        }
      }
    }
  }
  EXPECT_GE(failures, 10);
  ExpectHttpGolden("measurement_rr_9999_rdap_v2_down.json", m.body);
}

TEST_F(MosapiSlamTest, FilteredIncidentListSelectsOverlappingIncidents) {
  const std::string base = "/ry/example/v2/monitoring/dns/incidents";
  const Reply plain = GetAs(example_, base);
  // Unfiltered: the pipeline's precomputed document, byte for byte.
  const auto published = world_->documents.Find(
      documents::IncidentListPath(kExample, documents::ApiVersion::kV2, Service::kDns));
  ASSERT_NE(published, nullptr);
  EXPECT_EQ(plain.body, published->body());
  EXPECT_EQ(plain.Json().at("incidents").size(), 1u);

  const auto count = [&](const std::string& query) {
    const Reply r = GetAs(example_, base + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.body;
    EXPECT_FALSE(r.Header("ETag").empty());
    return r.Json().at("incidents").size();
  };
  const std::string s = std::to_string(kExampleStart), e = std::to_string(kExampleEnd);
  // Overlap with [startTime, endTime], both ends inclusive.
  EXPECT_EQ(count("?startDate=" + std::to_string(kSeedStart) +
                  "&endDate=" + std::to_string(kExampleStart - 1)),
            0u);
  EXPECT_EQ(count("?startDate=" + std::to_string(kSeedStart) + "&endDate=" + s), 1u);
  EXPECT_EQ(count("?startDate=" + e + "&endDate=" + std::to_string(kSeedEnd)), 1u);
  EXPECT_EQ(count("?endDate=" + std::to_string(kSeedEnd) + "&startDate=" + e), 1u);  // any order
  EXPECT_EQ(count("?startDate=" + std::to_string(kExampleEnd + 1)), 0u);             // endDate: now
  EXPECT_EQ(count("?endDate=" + s), 1u);  // startDate: endDate − 31 days
  // An open incident overlaps everything after its start.
  EXPECT_EQ(GetAs(other_, "/ry/other/v2/monitoring/dns/incidents?startDate=" +
                              std::to_string(kSeedEnd) + "&endDate=" + std::to_string(kSeedEnd + 5))
                .Json()
                .at("incidents")
                .size(),
            1u);

  const Reply filtered = GetAs(example_, base + "?startDate=" + std::to_string(kSeedStart) +
                                             "&endDate=" + std::to_string(kSeedEnd));
  const json j = ExpectMosapiTypes(filtered.body);
  EXPECT_EQ(j.at("incidents"), plain.Json().at("incidents"));
  ExpectHttpGolden("incidents_ry_example_dns_v2_filtered.json", filtered.body);
}

TEST_F(MosapiSlamTest, BadIncidentDatesAre400WithEachCode) {
  const std::string base = "/ry/example/v2/monitoring/dns/incidents";
  struct Case {
    std::string query;
    int code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"?startDate=yesterday", 2013, "Invalid startDate"},
      {"?startDate=100&endDate=2025-12-31", 2014, "Invalid endDate"},  // seconds, not dates
      {"?startDate=200&endDate=100", 2012, "endDate is before startDate"},
      {"?startDate=0&endDate=2678401", 2011, "Date range exceeds 31 days"},  // 31 d + 1 s
      {"?startDate=1&startDate=2", 2013, "Invalid startDate"},
  };
  for (const Case& c : cases) {
    const Reply r = GetAs(example_, base + c.query);
    EXPECT_EQ(r.status, 400) << c.query;
    const json j = r.Json();
    EXPECT_EQ(j.at("resultCode"), c.code) << c.query;
    EXPECT_EQ(j.at("message"), c.message) << c.query;
    EXPECT_TRUE(j.at("description").is_string());
  }
  // Exactly 31 days is allowed.
  EXPECT_EQ(GetAs(example_, base + "?startDate=0&endDate=2678400").status, 200);
}

TEST_F(MosapiSlamTest, RecentMeasurementTreeAcrossTheYearBoundary) {
  const std::string base = "/ry/example/v2/monitoring/dns/measurements";
  const Reply years = GetAs(example_, base);
  ASSERT_EQ(years.status, 200);
  const json y = ExpectMosapiTypes(years.body);
  EXPECT_EQ(y.at("years"), json::parse(R"(["2026","2025"])"));  // newest first, strings
  ExpectHttpGolden("measurements_years_ry_example_dns_v2.json", years.body);
  EXPECT_EQ(GetAs(example_, base + "/2025").Json().at("months"), json::parse(R"(["12"])"));
  EXPECT_EQ(GetAs(example_, base + "/2026").Json().at("months"), json::parse(R"(["01"])"));
  EXPECT_EQ(GetAs(example_, base + "/2025/12").Json().at("days"), json::parse(R"(["31"])"));
  EXPECT_EQ(GetAs(example_, base + "/2026/01").Json().at("days"), json::parse(R"(["01"])"));
  for (const char* missing : {"/2024", "/2025/11", "/2026/02", "/2025/12/30", "/2026/01/02"})
    EXPECT_EQ(GetAs(example_, base + missing).status, 404) << missing;

  // 23:00..23:59 on 2025-12-31: 60 DNS cycles, oldest first.
  const json day = ExpectMosapiTypes(GetAs(example_, base + "/2025/12/31").body);
  ASSERT_EQ(day.at("measurements").size(), 60u);
  for (std::size_t i = 0; i < 60; ++i)
    EXPECT_EQ(day["measurements"][i],
              std::to_string(kSeedStart + 60 * static_cast<UnixSeconds>(i)) + ".json");
  const json next = GetAs(example_, base + "/2026/01/01").Json();
  ASSERT_EQ(next.at("measurements").size(), 60u);
  EXPECT_EQ(next["measurements"][0], "1767225600.json");
  // RDDS: 300 s cycles, 12 in the hour.
  EXPECT_EQ(GetAs(example_, "/ry/example/v2/monitoring/rdds/measurements/2025/12/31")
                .Json()
                .at("measurements")
                .size(),
            12u);
  // Registrars have the tree as well; v1 RDDS too.
  EXPECT_EQ(GetAs(registrar_, "/rr/9999/v1/monitoring/rdds/measurements").Json().at("years"),
            json::parse(R"(["2026","2025"])"));
}

TEST_F(MosapiSlamTest, MeasurementObjectsV2AndV1) {
  const UnixSeconds down = kSeedStart + 15 * kMinute;  // inside the ns-down fault
  const std::string file = std::to_string(down) + ".json";
  const Reply v2 = GetAs(example_, "/ry/example/v2/monitoring/dns/measurements/2025/12/31/" + file);
  ASSERT_EQ(v2.status, 200);
  const json o = ExpectMosapiTypes(v2.body);
  EXPECT_EQ(o.at("version"), 2);
  EXPECT_EQ(o.at("tld"), "example");
  EXPECT_EQ(o.at("service"), "dns");
  EXPECT_EQ(o.at("cycleCalculationDateTime"), down);
  EXPECT_EQ(o.at("status"), "Down");
  EXPECT_EQ(o.at("minNameServersUp"), 2);
  for (const json& ns : o.at("nameServerAvailability").at("nameServerStatus"))
    EXPECT_EQ(ns.at("status"), "Down") << ns;
  const json& iface = o.at("testedInterface").at(0);
  EXPECT_EQ(iface.at("interface"), "DNS");
  // Every probe is listed, sorted by name (§6.10).
  ASSERT_EQ(iface.at("probes").size(), world_->probes.size());
  std::vector<std::string> cities;
  for (const json& p : iface["probes"]) cities.push_back(p.at("city"));
  EXPECT_TRUE(std::is_sorted(cities.begin(), cities.end()));
  for (const json& p : iface["probes"]) {
    if (p.at("status") == "Offline" || p.at("status") == "No result") continue;
    EXPECT_EQ(p.at("status"), "Down");
    for (const json& t : p.at("testData")) {
      EXPECT_EQ(t.at("status"), "Down");
      for (const json& m : t.at("metrics")) {
        // No reply: -200 over UDP, -600 over TCP (§8.2).
        EXPECT_EQ(m.at("result"), p.at("transport") == "udp" ? "-200" : "-600");
        EXPECT_TRUE(m.at("rtt").is_null());
      }
    }
  }
  // The id without ".json" is the same object (§6.5 project default).
  EXPECT_EQ(GetAs(example_,
                  "/ry/example/v2/monitoring/dns/measurements/2025/12/31/" + std::to_string(down))
                .body,
            v2.body);
  ExpectHttpGolden("measurement_ry_example_dns_v2_down.json", v2.body);

  // v1 drops the v2-only members (§6.10).
  const Reply v1 = GetAs(example_, "/ry/example/v1/monitoring/dns/measurements/2025/12/31/" + file);
  ASSERT_EQ(v1.status, 200);
  const json o1 = ExpectMosapiTypes(v1.body);
  EXPECT_EQ(o1.at("version"), 1);
  EXPECT_FALSE(o1.contains("minNameServersUp"));
  EXPECT_FALSE(o1.contains("nameServerAvailability"));
  for (const json& p : o1.at("testedInterface").at(0).at("probes")) {
    EXPECT_FALSE(p.contains("transport"));
    EXPECT_FALSE(p.contains("testedName"));
  }
  // Up cycle for comparison.
  EXPECT_EQ(GetAs(example_, "/ry/example/v2/monitoring/dns/measurements/2026/01/01/1767225600.json")
                .Json()
                .at("status"),
            "Up");
}

TEST_F(MosapiSlamTest, UnknownMeasurementsAre404) {
  const std::string day = "/ry/example/v2/monitoring/dns/measurements/2025/12/31/";
  for (const std::string& id : {std::to_string(kSeedStart + 30) + ".json",    // not a cycle start
                                std::to_string(kSeedStart - 3600) + ".json",  // 22:00, before data
                                std::to_string(kSeedStart + 86399) + ".json"}) {
    const Reply r = GetAs(example_, day + id);
    EXPECT_EQ(r.status, 404) << id;
    EXPECT_EQ(r.Json().at("message"), "Not found");
  }
  // A cycle of another day, a malformed id.
  EXPECT_EQ(GetAs(example_, day + "1767225600.json").status, 404);
  EXPECT_EQ(GetAs(example_, day + "abc.json").status, 404);
  // Not yet processed: the cycle at the data's end.
  EXPECT_EQ(GetAs(example_, "/ry/example/v2/monitoring/dns/measurements/2026/01/01/" +
                                std::to_string(kSeedEnd) + ".json")
                .status,
            404);
  // An RDDS id on a DNS-only minute (not a 300 s cycle start).
  EXPECT_EQ(GetAs(example_, "/ry/example/v2/monitoring/rdds/measurements/2025/12/31/" +
                                std::to_string(kSeedStart + 60) + ".json")
                .status,
            404);
}

TEST_F(MosapiSlamTest, MeasurementsAreCachedAndRevalidated) {
  const std::string path = "/ry/example/v2/monitoring/dns/measurements/2025/12/31/" +
                           std::to_string(kSeedStart + 5 * kMinute) + ".json";
  const Reply first = GetAs(example_, path);
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.Header("ETag");
  ASSERT_FALSE(etag.empty());
  // Last-Modified = the end of the cycle (mosapi_measurement_builder.h).
  EXPECT_EQ(first.Json().at("lastUpdateApiDatabase"), kSeedStart + 6 * kMinute);
  const Reply second = GetAs(example_, path);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(second.Header("ETag"), etag);
  EXPECT_EQ(GetAs(example_, path, {{"If-None-Match", etag}}).status, 304);
  const Reply gz = GetAs(example_, path, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gz.Header("Content-Encoding"), "gzip");

  const Reply metrics = Get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("tldmon_test_up 1"), std::string::npos);
  const std::size_t at = metrics.body.find("\ntldmon_mosapi_measurement_cache_hits_total ");
  ASSERT_NE(at, std::string::npos) << metrics.body;
  EXPECT_GE(std::stoi(metrics.body.substr(at + 44)), 3);
  EXPECT_NE(metrics.body.find("\ntldmon_mosapi_sessions 3\n"), std::string::npos) << metrics.body;
}

// Without published documents (a server started before the pipeline's first
// publication) the incident objects are rebuilt from the store: the same
// bodies but for the envelope's time; state, alarmed and downtime are 404.
TEST_F(MosapiSlamTest, IncidentObjectsWithoutPublishedDocuments) {
  documents::DocumentStore empty;
  MosapiService bare(*world_->store, empty, *auth_, clock_);
  ServerConfig config;
  config.endpoints.push_back({"127.0.0.1", 0, false});
  config.threads = 1;
  auto server = HttpServer::Start(config, bare.handler(), clock_);
  ASSERT_TRUE(server.ok());
  const std::uint16_t port = (*server)->endpoints().at(0).port;
  const HeaderList cookie = {{"Cookie", "id=" + other_}};
  const std::string base = "/ry/other/v2/monitoring/dns";
  EXPECT_EQ(Call(port, "GET", "/ry/other/v2/monitoring/state", cookie).status, 404);
  EXPECT_EQ(Call(port, "GET", base + "/alarmed", cookie).status, 404);
  const std::string id = OnlyIncidentId(other_, base);
  for (const std::string& path : {base + "/incidents", base + "/incidents/" + id + "/state",
                                  base + "/incidents/" + id + "/falsePositive",
                                  base + "/incidents/" + id + "/measurements"}) {
    const Reply rebuilt = Call(port, "GET", path, cookie);
    ASSERT_EQ(rebuilt.status, 200) << path;
    json a = rebuilt.Json(), b = GetAs(other_, path).Json();
    // Before any publication the envelope time is the Clock's.
    EXPECT_EQ(a.at("lastUpdateApiDatabase"), kNow);
    a.erase("lastUpdateApiDatabase");
    b.erase("lastUpdateApiDatabase");
    EXPECT_EQ(a, b) << path;
  }
}

}  // namespace
}  // namespace tldmon::mosapi::testing
