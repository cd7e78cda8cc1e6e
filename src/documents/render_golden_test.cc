// Golden tests for the per-entity and per-service MoSAPI objects
// (mosapi-api.md §6.2–§6.5, §6.9). Inputs are built by hand from the spec's
// examples and worked examples (slam-algorithms.md §12).
#include <gtest/gtest.h>

#include <array>
#include <nlohmann/json.hpp>
#include <vector>

#include "documents/render_alarmed.h"
#include "documents/render_incident.h"
#include "documents/render_listing.h"
#include "documents/render_state.h"
#include "documents/render_test_golden.h"

namespace tldmon::documents {
namespace {

using testing::ExpectGoldenDocument;
using Json = nlohmann::json;

const EntityId kExample{EntityKind::kRegistry, "example"};
const EntityId kRegistrar{EntityKind::kRegistrar, "9999"};

engine::ServiceSummary& Of(std::array<engine::ServiceSummary, kServiceCount>& a, Service s) {
  return a[static_cast<std::size_t>(Index(s))];
}

engine::ServiceSummary Enabled(CycleStatus status, double threshold = 0) {
  engine::ServiceSummary s;
  s.enabled = true;
  s.status = status;
  s.emergency_threshold = threshold;
  s.alarmed = "No";
  return s;
}

// E5: RDAP incident 1767225000.81234, still open after the 00:00 cycle.
engine::Incident RdapIncidentE5() {
  engine::Incident i;
  i.event_id = 81234;
  i.start_time = 1767225000;
  return i;
}

// E4: DNS incident 1767225780.4242, closed at the end of cycle 1767226140.
engine::Incident DnsIncidentE4() {
  engine::Incident i;
  i.event_id = 4242;
  i.start_time = 1767225780;
  i.end_time = 1767226199;
  return i;
}

// The §6.2 example: DNS/DNSSEC Up, EPP Disabled, RDAP Down with 15 min
// (1.042 %) and the open E5 incident, RDDS Up-inconclusive-no-probes.
struct SpecStateExample {
  engine::Incident rdap = RdapIncidentE5();
  std::array<engine::ServiceSummary, kServiceCount> services{};
  SpecStateExample() {
    Of(services, Service::kDns) = Enabled(CycleStatus::kUp);
    Of(services, Service::kDnssec) = Enabled(CycleStatus::kUp);
    Of(services, Service::kEpp).enabled = false;
    Of(services, Service::kRdap) = Enabled(CycleStatus::kDown, 15.0 * 100 / 1440);
    Of(services, Service::kRdap).week_incidents = {&rdap};
    Of(services, Service::kRdap).alarmed = "Yes";
    Of(services, Service::kRdds) = Enabled(CycleStatus::kUpInconclusiveNoProbes);
  }
};

constexpr Envelope kV2At{ApiVersion::kV2, 1767225960};
constexpr Envelope kV1At{ApiVersion::kV1, 1767225960};

TEST(RenderStateTest, SpecExampleRendersExactlyAsTheSpecShows) {
  SpecStateExample ex;
  const std::string body = RenderState(kExample, kV2At, ex.services);
  const Json got = ExpectGoldenDocument("state_ry_v2", body);
  // mosapi-api.md §6.2 example, verbatim modulo whitespace.
  const Json spec = Json::parse(R"({
    "version": 2,
    "lastUpdateApiDatabase": 1767225960,
    "tld": "example",
    "status": "Down",
    "testedServices": {
      "DNS":    {"status": "Up", "emergencyThreshold": 0, "incidents": []},
      "DNSSEC": {"status": "Up", "emergencyThreshold": 0, "incidents": []},
      "EPP":    {"status": "Disabled"},
      "RDAP":   {"status": "Down", "emergencyThreshold": 1.042,
                 "incidents": [{"incidentID": "1767225000.81234", "startTime": 1767225000,
                                "endTime": null, "falsePositive": false, "state": "Active"}]},
      "RDDS":   {"status": "Up-inconclusive-no-probes", "emergencyThreshold": 0, "incidents": []}
    }
  })");
  EXPECT_EQ(got, spec);
  // Same text, same member order: the spec's text minus whitespace.
  std::string compact;
  bool in_string = false;
  for (char c : std::string(R"({"version": 2, "lastUpdateApiDatabase": 1767225960, "tld": "example",
    "status": "Down", "testedServices": {
    "DNS":    {"status": "Up", "emergencyThreshold": 0, "incidents": []},
    "DNSSEC": {"status": "Up", "emergencyThreshold": 0, "incidents": []},
    "EPP":    {"status": "Disabled"},
    "RDAP":   {"status": "Down", "emergencyThreshold": 1.042,
               "incidents": [{"incidentID": "1767225000.81234", "startTime": 1767225000,
                              "endTime": null, "falsePositive": false, "state": "Active"}]},
    "RDDS":   {"status": "Up-inconclusive-no-probes", "emergencyThreshold": 0, "incidents": []}}})")) {
    if (c == '"') in_string = !in_string;
    if (in_string || (c != ' ' && c != '\n')) compact.push_back(c);
  }
  EXPECT_EQ(body, compact);
}

TEST(RenderStateTest, V1HasNoRdapKeyButKeepsSlamsTldStatus) {
  SpecStateExample ex;
  const Json got = ExpectGoldenDocument("state_ry_v1", RenderState(kExample, kV1At, ex.services));
  EXPECT_EQ(got["version"], 1);
  EXPECT_FALSE(got["testedServices"].contains("RDAP"));
  EXPECT_EQ(got["testedServices"].size(), 4u);
  // SLAM computes the TLD status before dropping RDAP from the v1 copy.
  EXPECT_EQ(got["status"], "Down");
}

// The inconclusive statuses, a resolved and a false-positive incident.
struct InconclusiveExample {
  engine::Incident resolved = DnsIncidentE4();
  engine::Incident false_positive;
  engine::Incident rdds;
  std::array<engine::ServiceSummary, kServiceCount> services{};
  InconclusiveExample() {
    false_positive.event_id = 4300;
    false_positive.start_time = 1767229200;
    false_positive.false_positive = true;
    false_positive.fp_update_time = 1767229500;
    Of(services, Service::kDns) = Enabled(CycleStatus::kUpInconclusiveNoData, 3.0 * 100 / 240);
    Of(services, Service::kDns).week_incidents = {&resolved, &false_positive};
    Of(services, Service::kDnssec) = Enabled(CycleStatus::kUpInconclusiveReconfig);
    // 6 Down RDDS cycles (30 min, 2.083 %), closed after 2 good cycles.
    rdds.event_id = 4100;
    rdds.start_time = 1767200100;
    rdds.end_time = 1767200100 + 8 * 300 - 1;
    Of(services, Service::kRdds) = Enabled(CycleStatus::kUp, 30.0 * 100 / 1440);
    Of(services, Service::kRdds).week_incidents = {&rdds};
    Of(services, Service::kRdap).enabled = false;
    Of(services, Service::kEpp).enabled = false;
  }
};

TEST(RenderStateTest, InconclusiveStatusesV2AndV1) {
  InconclusiveExample ex;
  constexpr Envelope kV2Later{ApiVersion::kV2, 1767229560};
  constexpr Envelope kV1Later{ApiVersion::kV1, 1767229560};
  const Json v2 = ExpectGoldenDocument("state_ry_v2_inconclusive",
                                       RenderState(kExample, kV2Later, ex.services));
  EXPECT_EQ(v2["status"], "Up");  // no service is Down
  EXPECT_EQ(v2["testedServices"]["DNS"]["status"], "Up-inconclusive-no-data");
  EXPECT_EQ(v2["testedServices"]["DNS"]["emergencyThreshold"], 1.25);
  EXPECT_EQ(v2["testedServices"]["DNSSEC"]["status"], "Up-inconclusive-reconfig");
  EXPECT_EQ(v2["testedServices"]["RDDS"]["emergencyThreshold"], 2.083);
  EXPECT_EQ(v2["testedServices"]["RDAP"], Json::parse(R"({"status":"Disabled"})"));
  const Json& incidents = v2["testedServices"]["DNS"]["incidents"];
  ASSERT_EQ(incidents.size(), 2u);
  EXPECT_EQ(incidents[0]["incidentID"], "1767225780.4242");
  EXPECT_EQ(incidents[0]["endTime"], 1767226199);
  EXPECT_EQ(incidents[0]["state"], "Resolved");
  EXPECT_EQ(incidents[1]["falsePositive"], true);
  EXPECT_EQ(incidents[1]["state"], "Active");

  const Json v1 = ExpectGoldenDocument("state_ry_v1_inconclusive",
                                       RenderState(kExample, kV1Later, ex.services));
  // v1 has no reconfig status: SLAM shows no-data instead (mosapi-api.md §6.10).
  EXPECT_EQ(v1["testedServices"]["DNSSEC"]["status"], "Up-inconclusive-no-data");
  EXPECT_FALSE(v1["testedServices"].contains("RDAP"));
}

struct RegistrarExample {
  engine::Incident rdds;
  std::array<engine::ServiceSummary, kServiceCount> services{};
  RegistrarExample() {
    rdds.event_id = 77;
    rdds.start_time = 1767225300;
    Of(services, Service::kRdds) = Enabled(CycleStatus::kDown, 10.0 * 100 / 1440);
    Of(services, Service::kRdds).week_incidents = {&rdds};
    Of(services, Service::kRdap) = Enabled(CycleStatus::kUpInconclusiveNoData);
    // Registrars have no DNS/DNSSEC/EPP: whatever is passed there is ignored.
    Of(services, Service::kDns) = Enabled(CycleStatus::kDown);
  }
};

TEST(RenderStateTest, RegistrarV2AndV1) {
  RegistrarExample ex;
  const Json v2 = ExpectGoldenDocument("state_rr_v2",
                                       RenderState(kRegistrar, kV2At, ex.services));
  EXPECT_FALSE(v2.contains("tld"));
  EXPECT_TRUE(v2["registrarID"].is_number_integer());
  EXPECT_EQ(v2["registrarID"], 9999);
  EXPECT_EQ(v2["testedServices"].size(), 2u);
  EXPECT_TRUE(v2["testedServices"].contains("RDDS"));
  EXPECT_TRUE(v2["testedServices"].contains("RDAP"));
  EXPECT_EQ(v2["status"], "Down");
  EXPECT_EQ(v2["testedServices"]["RDDS"]["emergencyThreshold"], 0.694);

  const Json v1 = ExpectGoldenDocument("state_rr_v1",
                                       RenderState(kRegistrar, kV1At, ex.services));
  EXPECT_EQ(v1["testedServices"].size(), 1u);
  EXPECT_TRUE(v1["testedServices"].contains("RDDS"));
}

TEST(RenderAlarmedTest, YesNoDisabled) {
  const Envelope env{ApiVersion::kV2, 1611253980};
  // mosapi-api.md §6.3 example.
  EXPECT_EQ(ExpectGoldenDocument("alarmed_yes", RenderAlarmed(env, "Yes")),
            Json::parse(R"({"version": 2, "lastUpdateApiDatabase": 1611253980, "alarmed": "Yes"})"));
  EXPECT_EQ(ExpectGoldenDocument("alarmed_no", RenderAlarmed(env, "No"))["alarmed"], "No");
  EXPECT_EQ(ExpectGoldenDocument("alarmed_disabled", RenderAlarmed(env, "Disabled"))["alarmed"],
            "Disabled");
}

TEST(RenderAlarmedTest, AlarmedValueFollowsTheSummary) {
  SpecStateExample ex;
  EXPECT_EQ(AlarmedValue(Of(ex.services, Service::kEpp)), "Disabled");
  EXPECT_EQ(AlarmedValue(Of(ex.services, Service::kRdap)), "Yes");
  EXPECT_EQ(AlarmedValue(Of(ex.services, Service::kDns)), "No");
  // Without the engine's verdict: SLAM's rule (§9.3) on the latest incident.
  engine::ServiceSummary s = Of(ex.services, Service::kRdap);
  s.alarmed.clear();
  EXPECT_EQ(AlarmedValue(s), "Yes");
  engine::Incident fp = RdapIncidentE5();
  fp.false_positive = true;
  s.week_incidents = {&fp};
  EXPECT_EQ(AlarmedValue(s), "No");  // a false positive never alarms
  engine::Incident closed = DnsIncidentE4();
  s.week_incidents = {&closed};
  EXPECT_EQ(AlarmedValue(s), "No");
}

TEST(RenderDowntimeTest, SpecExample) {
  const Envelope env{ApiVersion::kV2, 1611253980};
  EXPECT_EQ(ExpectGoldenDocument("downtime", RenderDowntime(env, 30)),
            Json::parse(R"({"version": 2, "lastUpdateApiDatabase": 1611253980, "downtime": 30})"));
}

TEST(RenderIncidentTest, ListIsOrderedByStartTime) {
  engine::Incident later;
  later.event_id = 4300;
  later.start_time = 1767229200;
  later.false_positive = true;
  later.fp_update_time = 1767229500;
  // Out of order on purpose.
  const std::vector<engine::Incident> incidents = {later, DnsIncidentE4()};
  const Json got = ExpectGoldenDocument("incident_list",
                                        RenderIncidentList({ApiVersion::kV2, 1767229560}, incidents));
  ASSERT_EQ(got["incidents"].size(), 2u);
  EXPECT_EQ(got["incidents"][0]["incidentID"], "1767225780.4242");
  EXPECT_EQ(got["incidents"][1]["incidentID"], "1767229200.4300");
  EXPECT_EQ(got["incidents"][1]["endTime"], nullptr);
}

TEST(RenderIncidentTest, EmptyListIsAnEmptyArray) {
  EXPECT_EQ(RenderIncidentList({ApiVersion::kV2, 5}, {}),
            R"({"version":2,"lastUpdateApiDatabase":5,"incidents":[]})");
}

TEST(RenderIncidentTest, ActiveIncidentStateMatchesTheSpecExample) {
  engine::Incident i;
  i.event_id = 2;
  i.start_time = 1611252000;
  const Json got = ExpectGoldenDocument(
      "incident_state_active", RenderIncidentState({ApiVersion::kV2, 1611253980}, i));
  // mosapi-api.md §6.5 example.
  EXPECT_EQ(got, Json::parse(R"({"version": 2, "lastUpdateApiDatabase": 1611253980,
    "incidents": [{"incidentID": "1611252000.2", "startTime": 1611252000, "endTime": null,
                   "falsePositive": false, "state": "Active"}]})"));
}

TEST(RenderIncidentTest, ResolvedIncidentState) {
  const Json got = ExpectGoldenDocument(
      "incident_state_resolved", RenderIncidentState({ApiVersion::kV2, 1767226200}, DnsIncidentE4()));
  const Json& inc = got["incidents"][0];
  EXPECT_EQ(inc["startTime"], 1767225780);
  EXPECT_EQ(inc["endTime"], 1767226199);  // cycle_end of the 3rd recovering cycle (E4)
  EXPECT_EQ(inc["state"], "Resolved");
}

TEST(RenderIncidentTest, FalsePositiveNeverChangedHasNullUpdateTime) {
  const Json got = ExpectGoldenDocument(
      "false_positive_unchanged", RenderFalsePositive({ApiVersion::kV2, 1767226200}, DnsIncidentE4()));
  EXPECT_EQ(got["falsePositive"], false);
  EXPECT_TRUE(got["updateTime"].is_null());
}

TEST(RenderIncidentTest, FalsePositiveSetMatchesTheSpecExample) {
  engine::Incident i = DnsIncidentE4();
  i.false_positive = true;
  i.fp_update_time = 1611252840;
  EXPECT_EQ(ExpectGoldenDocument("false_positive_set",
                                 RenderFalsePositive({ApiVersion::kV2, 1611252780}, i)),
            Json::parse(R"({"version": 2, "lastUpdateApiDatabase": 1611252780,
                            "falsePositive": true, "updateTime": 1611252840})"));
}

TEST(RenderIncidentTest, MeasurementsOfAResolvedIncidentCoverStartToClosingCycle) {
  // E4: opens at m3 (1767225780), closes in m9 (1767226140, end ...199).
  const Json got = ExpectGoldenDocument(
      "incident_measurements",
      RenderIncidentMeasurements({ApiVersion::kV2, 1767226200}, DnsIncidentE4(), 60, 1767226140));
  const Json want = Json::parse(R"(["1767225780.4242.json","1767225840.4242.json",
      "1767225900.4242.json","1767225960.4242.json","1767226020.4242.json",
      "1767226080.4242.json","1767226140.4242.json"])");
  EXPECT_EQ(got["measurements"], want);
}

TEST(RenderIncidentTest, MeasurementsOfAnActiveIncidentRunToTheLastCycle) {
  // E5 after the 00:00 cycle: 23:50, 23:55, 00:00.
  const Json got = Json::parse(RenderIncidentMeasurements({ApiVersion::kV2, 1767225960},
                                                          RdapIncidentE5(), 300, 1767225600));
  EXPECT_EQ(got["measurements"], Json::parse(R"(["1767225000.81234.json","1767225300.81234.json",
                                                  "1767225600.81234.json"])"));
}

TEST(RenderListingTest, SpecExamples) {
  // mosapi-api.md §6.9: years/months/days newest first, files oldest first.
  const Envelope env{ApiVersion::kV2, 1422493200};
  const std::vector<int> years = {2016, 2018, 2017};
  const std::vector<int> months = {1, 2, 3, 4, 5, 6, 6};
  const std::vector<int> days = {1, 3, 2};
  const std::vector<UnixSeconds> files = {1422493110, 1422492930, 1422493050, 1422492990};
  EXPECT_EQ(ExpectGoldenDocument("listing_years", RenderYears(env, years))["years"],
            Json::parse(R"(["2018","2017","2016"])"));
  EXPECT_EQ(ExpectGoldenDocument("listing_months", RenderMonths(env, months))["months"],
            Json::parse(R"(["06","05","04","03","02","01"])"));
  EXPECT_EQ(ExpectGoldenDocument("listing_days", RenderDays(env, days))["days"],
            Json::parse(R"(["03","02","01"])"));
  EXPECT_EQ(ExpectGoldenDocument("listing_measurements", RenderDayMeasurements(env, files))["measurements"],
            Json::parse(R"(["1422492930.json","1422492990.json","1422493050.json","1422493110.json"])"));
}

}  // namespace
}  // namespace tldmon::documents
