#include "sim/scenario_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace tldmon::sim {
namespace {

using ::testing::HasSubstr;

constexpr const char* kHeader =
    "title Parser test\n"                           // 1
    "start 2026-01-01T00:00:00Z\n"                  // 2
    "probes 25\n"                                   // 3
    "entity ry/example services=dns,dnssec,rdap\n"  // 4
    "ns ns1.example 192.0.2.1 2001:db8::1\n"        // 5
    "ns ns2.example 192.0.2.2\n"                    // 6
    "ns ns3.example 192.0.2.3\n";                   // 7

std::string WithHeader(const std::string& body) { return std::string(kHeader) + body; }

TEST(ScenarioParser, ParsesHeaderStepsAndExpectations) {
  auto sc = ParseScenario(WithHeader("set dns.min_online 4\n"  // header after ns lines is fine
                                     "dns online=25 results=25 up=13   # E2 row 1\n"
                                     "expect dns status=Up downtime=0 threshold=0\n"
                                     "repeat 3 rdap down\n"
                                     "expect rdap incident 1767225300.1 state=Active end=null\n"),
                          "t.scn");
  ASSERT_TRUE(sc.ok()) << sc.status().ToString();
  EXPECT_EQ(sc->title, "Parser test");
  EXPECT_EQ(sc->start, 1767225600);
  EXPECT_EQ(sc->params.Of(Service::kDns).min_online, 4);
  ASSERT_EQ(sc->probes.size(), 25u);
  EXPECT_EQ(sc->probes[24].name, "p25");
  ASSERT_EQ(sc->entities.size(), 1u);
  EXPECT_EQ(sc->entities[0].name_servers.size(), 3u);
  EXPECT_TRUE(sc->entities[0].dnssec);
  EXPECT_EQ(sc->entities[0].rdap_base_url, "https://rdap.nic.example/rdap/");
  ASSERT_EQ(sc->steps.size(), 2u);
  EXPECT_EQ(sc->steps[0].summary.online, 25);
  EXPECT_EQ(sc->steps[0].summary.results, 25);
  EXPECT_EQ(sc->steps[0].summary.up, 13);
  EXPECT_EQ(sc->steps[0].line, 9);
  EXPECT_EQ(sc->steps[1].kind, TestKind::kRdap);
  EXPECT_EQ(sc->steps[1].repeat, 3);
  EXPECT_EQ(sc->steps[1].summary.up, 0);
  EXPECT_EQ(sc->steps[1].first_cycle, 1767225600);
  ASSERT_EQ(sc->actions.size(), 2u);
  EXPECT_EQ(sc->actions[0].anchor, 0u);
  EXPECT_EQ(sc->actions[1].anchor, 1u);
  EXPECT_EQ(sc->actions[1].expect.incident_id, "1767225300.1");
  EXPECT_EQ(sc->CheckCount(), 5);
}

TEST(ScenarioParser, CyclesOfOneKindAreContiguous) {
  auto sc = ParseScenario(WithHeader("repeat 4 dns up\n"
                                     "dns at=+240 down\n"
                                     "dns at=2026-01-01T00:05Z down\n"
                                     "expect dns status=Down\n"),
                          "t.scn");
  ASSERT_TRUE(sc.ok()) << sc.status().ToString();
  EXPECT_EQ(sc->steps[1].first_cycle, 1767225600 + 240);
  EXPECT_EQ(sc->steps[2].first_cycle, 1767225600 + 300);
}

TEST(ScenarioParser, RawBlocksResolveNamesAndExpandStar) {
  auto sc = ParseScenario(WithHeader("probe v4 ipv4\n"
                                     "dns raw\n"
                                     "  p1 ns1=40,-200 ns2=2500 ns3=-1\n"
                                     "  p2..p4 tcp ns1=-,7500 ns2=7501 ns3=-600\n"
                                     "  p5 offline\n"
                                     "  * ns1=40,35 ns2=40 ns3=40\n"
                                     "end\n"
                                     "expect nsip ns1 2001:db8::1 status=Down values=21\n"),
                          "t.scn");
  ASSERT_TRUE(sc.ok()) << sc.status().ToString();
  const Step& s = sc->steps.at(0);
  ASSERT_TRUE(s.raw);
  ASSERT_EQ(s.raw_lines.size(), 4u);
  EXPECT_EQ(s.raw_lines[0].targets[0].values[1].value, -200);
  EXPECT_EQ(s.raw_lines[1].probes, (std::vector<ProbeIndex>{1, 2, 3}));
  EXPECT_EQ(s.raw_lines[1].transport, Transport::kTcp);
  EXPECT_FALSE(s.raw_lines[1].targets[0].values[0].tested);
  EXPECT_TRUE(s.raw_lines[2].offline);
  EXPECT_TRUE(s.raw_lines[2].targets.empty());
  // '*' = p6..p25 and v4: every probe not named on another line.
  EXPECT_EQ(s.raw_lines[3].probes.size(), 21u);
  EXPECT_EQ(sc->actions[0].expect.ns, 0);
  EXPECT_EQ(sc->actions[0].expect.ip, 1);
}

struct BadCase {
  const char* name;
  std::string text;
  int line;             // 0: a file-level error without a line
  const char* message;  // part of the message
};

class ScenarioParserRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(ScenarioParserRejects, WithFileLineAndReason) {
  const BadCase& c = GetParam();
  auto sc = ParseScenario(c.text, "bad.scn");
  ASSERT_FALSE(sc.ok()) << "accepted: " << c.name;
  const std::string want =
      c.line > 0 ? "bad.scn:" + std::to_string(c.line) + ": " : std::string("bad.scn: ");
  EXPECT_THAT(sc.status().message(), HasSubstr(want));
  EXPECT_THAT(sc.status().message(), HasSubstr(c.message));
}

INSTANTIATE_TEST_SUITE_P(
    BadInput, ScenarioParserRejects,
    ::testing::Values(
        BadCase{"no_expectations", WithHeader("dns up\n"), 0, "expects nothing"},
        BadCase{"no_steps", kHeader, 0, "no steps"},
        BadCase{"unknown_keyword", WithHeader("dns up\nfrobnicate\n"), 9, "unknown keyword"},
        BadCase{"header_after_body", WithHeader("dns up\nprobes 3\nexpect dns status=Up\n"), 9,
                "belongs in the header"},
        BadCase{"missing_title", "start 0\nprobes 1\nentity ry/x services=rdap\nrdap up\n", 4,
                "title"},
        BadCase{"missing_start", "title t\nprobes 1\nentity ry/x services=rdap\nrdap up\n", 4,
                "start"},
        BadCase{"bad_set", WithHeader("set dns.min_onlin 4\n"), 8, "unknown SLA parameter"},
        BadCase{"bad_set_value",
                "title t\nstart 0\nset dns.min_online 0\nprobes 1\n"
                "entity ry/x services=rdap\nrdap up\nexpect rdap status=Up\n",
                6, "minimum online"},
        BadCase{"bad_time", "title t\nstart yesterday\n", 2, "bad start time"},
        BadCase{"registrar_dns",
                "title t\nstart 0\nprobes 1\nentity rr/9999 services=dns\n"
                "rdap up\n",
                4, "registrar"},
        BadCase{"bad_ip", WithHeader("ns ns4.example 192.0.2.999\ndns up\n"), 4, "bad IP"},
        BadCase{"step_for_disabled_service", WithHeader("rdds up\n"), 8, "not enabled"},
        BadCase{"misaligned_start",
                "title t\nstart 2026-01-01T00:01:00Z\nprobes 1\nentity ry/x services=rdap\n"
                "rdap up\n",
                5, "not the start of a 300-second rdap cycle"},
        BadCase{"time_jump", WithHeader("dns up\ndns at=+120 up\n"), 9, "time jumps"},
        BadCase{"counts_too_high", WithHeader("dns online=26 up=1\n"), 8, "only 25 probes"},
        BadCase{"results_above_online", WithHeader("dns online=20 results=21 up=1\n"), 8,
                "results must not exceed online"},
        BadCase{"dnssec_below_up", WithHeader("dns up=10 dnssec-up=9\n"), 8,
                "dnssec-up must be >= up"},
        BadCase{"no_outcome", WithHeader("dns online=25\n"), 8, "needs an outcome"},
        BadCase{"raw_missing_ns", WithHeader("dns raw\n* ns1=40,40 ns2=40\nend\n"), 9,
                "ns3.example too"},
        BadCase{"raw_wrong_value_count", WithHeader("dns raw\n* ns1=40 ns2=40 ns3=40\nend\n"), 9,
                "needs 2 value"},
        BadCase{"raw_bad_value", WithHeader("dns raw\n* ns1=40,x ns2=40 ns3=40\nend\n"), 9,
                "got 'x'"},
        BadCase{"raw_probe_twice",
                WithHeader("dns raw\np1 ns1=1,1 ns2=1 ns3=1\n"
                           "p1..p2 ns1=1,1 ns2=1 ns3=1\nend\n"),
                11, "named on lines 9 and 10"},
        BadCase{"raw_unterminated", WithHeader("dns raw\n* ns1=1,1 ns2=1 ns3=1\n"), 8,
                "no closing"},
        BadCase{"raw_unknown_probe", WithHeader("dns raw\np99 ns1=1,1 ns2=1 ns3=1\nend\n"), 9,
                "unknown probe 'p99'"},
        BadCase{"expect_before_step", WithHeader("expect dns status=Up\ndns up\n"), 8,
                "no earlier dns step"},
        BadCase{"expect_nothing_on_line", WithHeader("dns up\nexpect dns\n"), 9,
                "at least one key"},
        BadCase{"expect_unknown_key", WithHeader("dns up\nexpect dns colour=red\n"), 9,
                "unknown key 'colour'"},
        BadCase{"expect_bad_status", WithHeader("dns up\nexpect dns status=Sideways\n"), 9,
                "status must be"},
        BadCase{"expect_bad_threshold", WithHeader("dns up\nexpect dns threshold=0.4167\n"), 9,
                "at most 3 decimals"},
        BadCase{"expect_bad_incident_id", WithHeader("dns up\nexpect dns incidents=42\n"), 9,
                "incident ids"},
        BadCase{"expect_unknown_nsip", WithHeader("dns up\nexpect nsip ns1 192.0.2.9 status=Up\n"),
                9, "has no IP 192.0.2.9"},
        BadCase{"expect_twice", WithHeader("dns up\nexpect dns downtime=0 downtime=1\n"), 9,
                "checked twice"},
        BadCase{"fp_bad_switch", WithHeader("dns up\nfalse-positive dns 1767225600.1 maybe\n"), 9,
                "usage: false-positive"},
        BadCase{"offline_misaligned", WithHeader("dns up\noffline p1 +30\nexpect dns status=Up\n"),
                9, "minute starts"},
        BadCase{"two_entities_need_names", WithHeader("entity ry/other services=rdap\nrdap up\n"),
                9, "name one"},
        BadCase{"repeat_zero", WithHeader("repeat 0 dns up\n"), 8, "usage: repeat"}),
    [](const ::testing::TestParamInfo<BadCase>& param_info) {
      return std::string(param_info.param.name);
    });

// docs/formats/scenario.md "Body: actions": `reconfigure` edits make a new
// configuration version; the lines below are written for it, the header's
// configuration stays what the run starts from.
TEST(ScenarioParser, ReconfigureEditsMakeANewConfigurationVersion) {
  auto sc = ParseScenario(
      WithHeader("dns up\n"  // 8
                 "reconfigure at=+90s ns=ns3.example=192.0.2.3 "
                 "ns=ns1.example=192.0.2.1 services=dns,dnssec,rdds minns=1\n"    // 9
                 "dns up\n"                                                       // 10
                 "expect nsip ns1 192.0.2.1 status=Up-inconclusive-reconfig\n"),  // 11
      "t.scn");
  ASSERT_TRUE(sc.ok()) << sc.status().ToString();
  ASSERT_EQ(sc->versions.at(0).size(), 2u);
  EXPECT_EQ(sc->entities[0].name_servers.size(), 3u) << "the run starts from the header";
  const EntityConfig& v1 = sc->Config(0, 1);
  ASSERT_EQ(v1.name_servers.size(), 2u);
  EXPECT_EQ(v1.name_servers[0].name, "ns3.example");
  EXPECT_TRUE(v1.IsEnabled(Service::kRdds));
  EXPECT_FALSE(v1.IsEnabled(Service::kRdap));
  EXPECT_EQ(v1.rdds43_server, "whois.nic.example");  // default targets of a switched-on service
  EXPECT_EQ(v1.min_ns.initial, 1);
  EXPECT_EQ(sc->steps[0].version, 0u);
  EXPECT_EQ(sc->steps[1].version, 1u);
  const Action& r = sc->actions[0];
  EXPECT_EQ(r.reconfigure.at, 1767225690);
  EXPECT_EQ(r.reconfigure.version, 1u);
  EXPECT_EQ(sc->actions[1].expect.version, 1u);
  EXPECT_EQ(sc->actions[1].expect.ns, 1u);  // ns1 is second in version 1
}

TEST(ScenarioParser, LinesAfterAnEditAreCheckedAgainstTheNewConfiguration) {
  const std::string edit =
      "dns up\nreconfigure ns=ns1.example=192.0.2.1 ns=ns4.example=192.0.2.4\n";
  auto gone =
      ParseScenario(WithHeader(edit + "dns up\nexpect nsip ns2 192.0.2.2 status=Up\n"), "t.scn");
  ASSERT_FALSE(gone.ok());
  EXPECT_THAT(gone.status().message(), HasSubstr("t.scn:11:"));
  auto off = ParseScenario(WithHeader("dns up\nreconfigure services=dns\nrdap up\n"
                                      "expect dns status=Up\n"),
                           "t.scn");
  ASSERT_FALSE(off.ok());
  EXPECT_THAT(off.status().message(), HasSubstr("t.scn:10:"));
  for (const char* bad : {"reconfigure ns=ns1.example\n", "reconfigure ns=ns1.example=not-an-ip\n",
                          "reconfigure services=dns,epp\n", "reconfigure color=blue\n"}) {
    auto r = ParseScenario(WithHeader(std::string("dns up\n") + bad + "expect dns status=Up\n"),
                           "t.scn");
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_THAT(r.status().message(), HasSubstr("t.scn:9:")) << bad;
    }
  }
}

TEST(ScenarioParser, SlaChangesKeepTheCycleLengthsAndNeedAnAnchor) {
  auto ok = ParseScenario(
      WithHeader("dns up\nsla dns.min_online 25\ndns up\nexpect dns status=Up\n"), "t.scn");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_EQ(ok->actions[0].kind, Action::Kind::kSla);
  EXPECT_EQ(ok->actions[0].sla.params.Of(Service::kDns).min_online, 25);
  EXPECT_EQ(ok->params.Of(Service::kDns).min_online, 20) << "the run starts from the header";
  for (const char* bad : {"sla dns.cycle_seconds 30\n", "sla dns.min_online\n",
                          "sla no.such_key 1\n", "sla dns.min_online -1\n"}) {
    auto r = ParseScenario(WithHeader(std::string("dns up\n") + bad + "expect dns status=Up\n"),
                           "t.scn");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_THAT(r.status().message(), HasSubstr("t.scn:9:")) << bad;
  }
  auto first =
      ParseScenario(WithHeader("sla dns.min_online 25\ndns up\nexpect dns status=Up\n"), "t.scn");
  ASSERT_FALSE(first.ok());
  EXPECT_THAT(first.status().message(), HasSubstr("t.scn:8: no earlier step"));
}

}  // namespace
}  // namespace tldmon::sim
