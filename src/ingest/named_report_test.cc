// A report made under an older configuration is matched by (name server,
// address) to the configuration in force for its cycle, or refused with a
// reason; never attributed to another server (DESIGN.md "Probe protocol").
#include "ingest/named_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tldmon::ingest {
namespace {

using ::testing::HasSubstr;

constexpr UnixSeconds kCycle = 1767225600;

EntityConfig Tld(std::vector<NameServer> name_servers) {
  EntityConfig e;
  e.id = {EntityKind::kRegistry, "example"};
  e.SetEnabled(Service::kDns, true);
  e.SetEnabled(Service::kRdds, true);
  e.name_servers = std::move(name_servers);
  e.rdds43_server = "whois.nic.example";
  e.rdds80_url = "https://whois.nic.example/";
  e.test_domain = "nic.example";
  return e;
}

// ns1 = 192.0.2.1 + 2001:db8::1, ns2 = 192.0.2.2, ns3 = 192.0.2.3.
EntityConfig Before() {
  return Tld({{"ns1.nic.example", {"192.0.2.1", "2001:db8::1"}},
              {"ns2.nic.example", {"192.0.2.2"}},
              {"ns3.nic.example", {"192.0.2.3"}}});
}

Metric DnsMetric(std::uint16_t ns, std::uint16_t ip, std::int32_t value) {
  Metric m;
  m.target = ns;
  m.ip_index = ip;
  m.value = value;
  m.test_time = kCycle + 30;
  return m;
}

// What a probe measured under Before(): a distinct value per (ns, ip), so a
// wrong attribution shows.
ProbeReport MeasuredUnderBefore() {
  ProbeReport r;
  r.probe = 3;
  r.entity = Before().id;
  r.test = TestKind::kDns;
  r.cycle = kCycle;
  r.tested_name = "nonexistent-tldmon.example.";
  r.metrics = {DnsMetric(0, 0, 11), DnsMetric(0, 1, 12), DnsMetric(1, 0, -200),
               DnsMetric(2, 0, 33)};
  return r;
}

NamedProbeReport Named(const ProbeReport& r, const EntityConfig& config) {
  Result<NamedProbeReport> n = NameReport(r, config);
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  return n.ok() ? *n : NamedProbeReport{};
}

// The value the matched report gives the pair (ns, ip) of `config`.
std::optional<std::int32_t> ValueOf(const ProbeReport& r, const EntityConfig& config,
                                    const std::string& ns, const std::string& ip) {
  for (const Metric& m : r.metrics) {
    const NameServer& s = config.name_servers.at(m.target);
    if (s.name == ns && s.ips.at(m.ip_index) == ip) return m.value;
  }
  return std::nullopt;
}

TEST(NamedReportTest, UnchangedConfigurationMatchesToTheSameReport) {
  const ProbeReport r = MeasuredUnderBefore();
  const NamedProbeReport named = Named(r, Before());
  EXPECT_EQ(named.metrics[2].target, "ns2.nic.example");
  EXPECT_EQ(named.metrics[2].ip, "192.0.2.2");
  Result<ProbeReport> matched = MatchReport(named, Before());
  ASSERT_TRUE(matched.ok()) << matched.status().ToString();
  // The same report, each DNS metric now carrying the address it names.
  ProbeReport addressed = r;
  for (Metric& m : addressed.metrics) m.ip = Before().name_servers[m.target].ips[m.ip_index];
  EXPECT_EQ(*matched, addressed);
}

TEST(NamedReportTest, AReorderedListStillAttributesEveryValueToItsServer) {
  // ns3 first, ns1's addresses swapped, ns2 last: every index differs.
  const EntityConfig after = Tld({{"ns3.nic.example", {"192.0.2.3"}},
                                  {"ns1.nic.example", {"2001:db8::1", "192.0.2.1"}},
                                  {"ns2.nic.example", {"192.0.2.2"}}});
  Result<ProbeReport> matched = MatchReport(Named(MeasuredUnderBefore(), Before()), after);
  ASSERT_TRUE(matched.ok()) << matched.status().ToString();
  EXPECT_EQ(ValueOf(*matched, after, "ns1.nic.example", "192.0.2.1"), 11);
  EXPECT_EQ(ValueOf(*matched, after, "ns1.nic.example", "2001:db8::1"), 12);
  EXPECT_EQ(ValueOf(*matched, after, "ns2.nic.example", "192.0.2.2"), -200);
  EXPECT_EQ(ValueOf(*matched, after, "ns3.nic.example", "192.0.2.3"), 33);
  // Read by position instead, the old indexes would have put ns1's 11 ms on
  // ns3 and ns2's timeout on ns1: the case this guards against.
  ProbeReport by_index = MeasuredUnderBefore();
  EXPECT_EQ(ValueOf(by_index, after, "ns3.nic.example", "192.0.2.3"), 11);
}

TEST(NamedReportTest, ARemovedNameServerIsRefusedWithTheReason) {
  const EntityConfig after =
      Tld({{"ns1.nic.example", {"192.0.2.1", "2001:db8::1"}}, {"ns3.nic.example", {"192.0.2.3"}}});
  Result<ProbeReport> matched = MatchReport(Named(MeasuredUnderBefore(), Before()), after);
  ASSERT_FALSE(matched.ok());
  EXPECT_EQ(matched.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(matched.status().message(), HasSubstr("name server ns2.nic.example is not in the "
                                                    "configuration in force for this cycle"));
  EXPECT_THAT(matched.status().message(), HasSubstr("probe 3"));
}

TEST(NamedReportTest, ARemovedAddressIsRefusedNotMovedToAnother) {
  // ns1 lost 2001:db8::1; ns1 still has one address, which must not take
  // the IPv6 value.
  const EntityConfig after = Tld({{"ns1.nic.example", {"192.0.2.1"}},
                                  {"ns2.nic.example", {"192.0.2.2"}},
                                  {"ns3.nic.example", {"192.0.2.3"}}});
  Result<ProbeReport> matched = MatchReport(Named(MeasuredUnderBefore(), Before()), after);
  ASSERT_FALSE(matched.ok());
  EXPECT_THAT(matched.status().message(),
              HasSubstr("name server ns1.nic.example has no address 2001:db8::1"));
}

TEST(NamedReportTest, RddsAndServiceChangesAreRefusedWithTheReason) {
  ProbeReport rdds;
  rdds.probe = 1;
  rdds.entity = Before().id;
  rdds.test = TestKind::kRdds;
  rdds.cycle = kCycle;
  Metric m43;
  m43.target = kRdds43Target;
  m43.value = 120;
  m43.ip = "192.0.2.43";
  Metric m80 = m43;
  m80.target = kRdds80Target;
  rdds.metrics = {m43, m80};
  const NamedProbeReport named = Named(rdds, Before());
  EXPECT_EQ(named.metrics[1].target, "rdds80");
  Result<ProbeReport> same = MatchReport(named, Before());
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(*same, rdds);

  EntityConfig no80 = Before();
  no80.rdds80_url.clear();
  EXPECT_THAT(MatchReport(named, no80).status().message(),
              HasSubstr("rdds80 is not configured for the entity in this cycle"));
  EntityConfig no_rdds = Before();
  no_rdds.SetEnabled(Service::kRdds, false);
  EXPECT_THAT(MatchReport(named, no_rdds).status().message(),
              HasSubstr("rdds is not monitored for the entity in this cycle"));
  EntityConfig other = Before();
  other.id = {EntityKind::kRegistry, "other"};
  EXPECT_FALSE(MatchReport(named, other).ok());
}

TEST(NamedReportTest, DuplicatesAndUnknownIndexesAreRefused) {
  NamedProbeReport twice = Named(MeasuredUnderBefore(), Before());
  twice.metrics.push_back(twice.metrics[0]);
  EXPECT_THAT(MatchReport(twice, Before()).status().message(),
              HasSubstr("two metrics for ns1.nic.example 192.0.2.1"));
  ProbeReport outside = MeasuredUnderBefore();
  outside.metrics.push_back(DnsMetric(3, 0, 1));
  EXPECT_EQ(NameReport(outside, Before()).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tldmon::ingest
