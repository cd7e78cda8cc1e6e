#include "sim/fault.h"

#include <gtest/gtest.h>

#include "core/result_codes.h"
#include "sim/fault_parse.h"

namespace tldmon::sim {
namespace {

constexpr UnixSeconds kT0 = 1767225600;  // 2026-01-01T00:00:00Z

TEST(FaultKindTest, NamesRoundTrip) {
  for (FaultKind k : {FaultKind::kNsDown, FaultKind::kDnssecBroken, FaultKind::kRdapError,
                      FaultKind::kRdds43Timeout, FaultKind::kRdds80Error, FaultKind::kSlow,
                      FaultKind::kProbeOffline, FaultKind::kProbeUnreachable}) {
    auto parsed = ParseFaultKind(FaultKindName(k));
    ASSERT_TRUE(parsed.has_value()) << FaultKindName(k);
    EXPECT_EQ(*parsed, k);
  }
  EXPECT_FALSE(ParseFaultKind("ns_down").has_value());
}

TEST(FaultTest, DefaultCodesFollowTheCodeTables) {
  Fault f;
  f.kind = FaultKind::kNsDown;
  EXPECT_EQ(f.EffectiveCode(), -200);  // mosapi-api.md §8.2 "No reply from name server"
  f.kind = FaultKind::kDnssecBroken;
  EXPECT_EQ(f.EffectiveCode(), -415);  // "Bogus DNSSEC signature"
  EXPECT_TRUE(IsDnssecError(f.EffectiveCode()));
  f.kind = FaultKind::kRdds43Timeout;
  EXPECT_EQ(f.EffectiveCode(), -227);  // §8.3 "RDDS43 - Timeout"
  f.kind = FaultKind::kRdapError;
  EXPECT_EQ(f.EffectiveCode(), -552);  // §8.6: 503 has index 52, RDAP -500 - n
  f.kind = FaultKind::kRdds80Error;
  EXPECT_EQ(f.EffectiveCode(), -352);  // slam-algorithms.md E9: RDDS80 503 -> -352
  f.code = -254;
  EXPECT_EQ(f.EffectiveCode(), -254);
}

TEST(EntitySelectorTest, ExactPrefixAndWildcard) {
  const EntityId example{EntityKind::kRegistry, "example"};
  const EntityId other{EntityKind::kRegistry, "other"};
  const EntityId rr{EntityKind::kRegistrar, "9999"};
  EXPECT_TRUE(EntitySelector{}.Matches(example));
  EXPECT_TRUE(EntitySelector{{"*"}}.Matches(rr));
  EXPECT_TRUE(EntitySelector{{"ry/example"}}.Matches(example));
  EXPECT_FALSE(EntitySelector{{"ry/example"}}.Matches(other));
  EXPECT_FALSE(EntitySelector{{"ry/exam"}}.Matches(example));
  EXPECT_TRUE(EntitySelector{{"ry/exam*"}}.Matches(example));
  EXPECT_TRUE(EntitySelector{{"ry/*"}}.Matches(other));
  EXPECT_FALSE(EntitySelector{{"ry/*"}}.Matches(rr));
  EXPECT_TRUE((EntitySelector{{"ry/nope", "rr/9999"}}.Matches(rr)));
}

TEST(ProbeSelectorTest, PercentIsTheFirstProbesRoundedUp) {
  ProbeSelector s;
  s.all = false;
  s.percent = 40;
  int hit = 0;
  for (ProbeIndex p = 0; p < 25; ++p) hit += s.Matches(p, 25) ? 1 : 0;
  EXPECT_EQ(hit, 10);
  EXPECT_TRUE(s.Matches(9, 25));
  EXPECT_FALSE(s.Matches(10, 25));
  s.percent = 50;  // 12.5 -> 13
  EXPECT_TRUE(s.Matches(12, 25));
  EXPECT_FALSE(s.Matches(13, 25));
}

TEST(ProbeSelectorTest, Ranges) {
  ProbeSelector s;
  s.all = false;
  s.ranges = {{0, 2}, {7, 7}};
  EXPECT_TRUE(s.Matches(0, 25));
  EXPECT_TRUE(s.Matches(2, 25));
  EXPECT_FALSE(s.Matches(3, 25));
  EXPECT_TRUE(s.Matches(7, 25));
  EXPECT_FALSE(s.Matches(8, 25));
}

TEST(FaultWindowTest, HalfOpenWindow) {
  FaultWindow w;
  w.from = kT0;
  w.to = kT0 + 3600;
  EXPECT_FALSE(w.ActiveAt(kT0 - 1));
  EXPECT_TRUE(w.ActiveAt(kT0));
  EXPECT_TRUE(w.ActiveAt(kT0 + 3599));
  EXPECT_FALSE(w.ActiveAt(kT0 + 3600));
  EXPECT_TRUE(FaultWindow{}.ActiveAt(kT0));
}

TEST(FaultWindowTest, FlappingAlternatesFromTheStart) {
  FaultWindow w;
  w.from = kT0;
  w.flap_on = 20 * 60;
  w.flap_off = 40 * 60;
  EXPECT_TRUE(w.ActiveAt(kT0));
  EXPECT_TRUE(w.ActiveAt(kT0 + 19 * 60));
  EXPECT_FALSE(w.ActiveAt(kT0 + 20 * 60));
  EXPECT_FALSE(w.ActiveAt(kT0 + 59 * 60));
  EXPECT_TRUE(w.ActiveAt(kT0 + 60 * 60));
  EXPECT_FALSE(w.ActiveAt(kT0 - 60));
}

TEST(ParseDurationTest, Units) {
  EXPECT_EQ(*ParseDuration("90"), 90);
  EXPECT_EQ(*ParseDuration("30s"), 30);
  EXPECT_EQ(*ParseDuration("15m"), 900);
  EXPECT_EQ(*ParseDuration("2h"), 7200);
  EXPECT_EQ(*ParseDuration("1d"), 86400);
  EXPECT_FALSE(ParseDuration("").ok());
  EXPECT_FALSE(ParseDuration("0").ok());
  EXPECT_FALSE(ParseDuration("-5m").ok());
  EXPECT_FALSE(ParseDuration("5w").ok());
  EXPECT_FALSE(ParseDuration("m").ok());
  EXPECT_FALSE(ParseDuration("999d").ok());
}

TEST(ParseFaultTest, FullSpec) {
  auto f = ParseFault("ns-down entity=ry/broken,ry/other ns=ns1.nic.broken ip=192.0.2.1 "
                      "probes=0-4,9 from=+1h for=90m code=-254",
                      kT0);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->kind, FaultKind::kNsDown);
  EXPECT_EQ(f->entities.patterns, (std::vector<std::string>{"ry/broken", "ry/other"}));
  EXPECT_EQ(f->ns, "ns1.nic.broken");
  EXPECT_EQ(f->ip, "192.0.2.1");
  EXPECT_FALSE(f->probes.all);
  ASSERT_EQ(f->probes.ranges.size(), 2u);
  EXPECT_EQ(f->probes.ranges[1], (std::pair<ProbeIndex, ProbeIndex>{9, 9}));
  EXPECT_EQ(*f->window.from, kT0 + 3600);
  EXPECT_EQ(*f->window.to, kT0 + 3600 + 5400);
  EXPECT_EQ(f->EffectiveCode(), -254);
}

TEST(ParseFaultTest, BareTldIsARegistryAndTimesMayBeAbsolute) {
  auto f = ParseFault("dnssec-broken entity=example from=2026-01-02 to=2026-01-02T06:00Z", kT0);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->entities.patterns, std::vector<std::string>{"ry/example"});
  EXPECT_EQ(*f->window.from, kT0 + 86400);
  EXPECT_EQ(*f->window.to, kT0 + 86400 + 6 * 3600);
}

TEST(ParseFaultTest, HttpStatusMapsToTheServiceTable) {
  auto rdap = ParseFault("rdap-error entity=ry/x http=404", kT0);
  ASSERT_TRUE(rdap.ok());
  EXPECT_EQ(rdap->EffectiveCode(), -526);  // slam-algorithms.md E9: RDAP 404 -> -526
  auto rdds80 = ParseFault("rdds80-error http=418", kT0);
  ASSERT_TRUE(rdds80.ok());
  EXPECT_EQ(rdds80->EffectiveCode(), -360);  // unlisted -> n = 60
}

TEST(ParseFaultTest, FlapProbesAndSlow) {
  auto f = ParseFault("slow service=rdap rtt=12000 probes=60% flap=20m/40m from=+0", kT0);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->service, "rdap");
  EXPECT_EQ(f->rtt_ms, 12000);
  ASSERT_TRUE(f->probes.percent.has_value());
  EXPECT_DOUBLE_EQ(*f->probes.percent, 60);
  EXPECT_EQ(f->window.flap_on, 1200);
  EXPECT_EQ(f->window.flap_off, 2400);
  EXPECT_EQ(*f->window.from, kT0);
}

TEST(ParseFaultTest, Errors) {
  const char* bad[] = {
      "",
      "nsdown entity=ry/x",
      "ns-down entity",
      "ns-down http=503",                      // key of another kind
      "rdap-error ns=ns1",                     // ditto
      "probe-offline entity=ry/x",             // probe faults hit probes, not entities
      "ns-down from=+2h to=+1h",               // inverted window
      "ns-down from=+1h to=+2h for=1h",        // to and for
      "ns-down for=1h",                        // for without from
      "ns-down probes=5-2",
      "ns-down probes=0%",
      "ns-down probes=101%",
      "ns-down code=200",
      "ns-down ip=not-an-ip",
      "rdap-error http=200",
      "rdap-error http=503 code=-552",
      "slow service=epp",
      "slow service=rdap ns=ns1",
      "ns-down flap=20m",
      "ns-down entity=ry/Bad_Label",
      "ns-down from=yesterday",
  };
  for (const char* spec : bad) EXPECT_FALSE(ParseFault(spec, kT0).ok()) << spec;
}

TEST(ParseFaultFileTest, CommentsBlankLinesAndLineNumbers) {
  auto ok = ParseFaultFile("# demo faults\n\nns-down entity=ry/a ns=0  # the first NS\n"
                           "probe-offline probes=0-1 from=+1h for=1h\n",
                           kT0);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].ns, "0");
  EXPECT_EQ((*ok)[1].kind, FaultKind::kProbeOffline);

  auto bad = ParseFaultFile("ns-down\nbogus-kind\n", kT0);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos) << bad.status().message();
}

}  // namespace
}  // namespace tldmon::sim
