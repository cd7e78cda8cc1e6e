#include "app/entity_options.h"

#include <gtest/gtest.h>

namespace tldmon::app {
namespace {

const EntityId kEntityOptionsExample{EntityKind::kRegistry, "example"};
const EntityId kEntityOptionsRegistrar{EntityKind::kRegistrar, "9999"};
constexpr UnixSeconds kNow = 1767225600;

EntityOptions DnsOnly() {
  EntityOptions o;
  o.ns = {"ns1.example=192.0.2.1,2001:db8::1", "NS2.Example.=192.0.2.2"};
  return o;
}

TEST(EntityOptionsTest, NameServerOption) {
  auto ns = ParseNameServerOption("ns1.example=192.0.2.1,2001:db8::1");
  ASSERT_TRUE(ns.ok()) << ns.status().ToString();
  EXPECT_EQ(ns->name, "ns1.example");
  EXPECT_EQ(ns->ips, (std::vector<std::string>{"192.0.2.1", "2001:db8::1"}));
  for (const char* bad :
       {"ns1.example", "ns1.example=", "=192.0.2.1", "ns1.example=192.0.2.300",
        "ns1.example=192.0.2.1,192.0.2.1", "-ns.example=192.0.2.1", "ns1=192.0.2.1"})
    EXPECT_FALSE(ParseNameServerOption(bad).ok()) << bad;
}

TEST(EntityOptionsTest, RegistryServicesFollowTheTargetsGiven) {
  auto dns = BuildEntity(kEntityOptionsExample, DnsOnly());
  ASSERT_TRUE(dns.ok()) << dns.status().ToString();
  EXPECT_TRUE(dns->IsEnabled(Service::kDns));
  EXPECT_TRUE(dns->IsEnabled(Service::kDnssec));
  EXPECT_FALSE(dns->IsEnabled(Service::kRdds));
  EXPECT_FALSE(dns->IsEnabled(Service::kRdap));
  ASSERT_EQ(dns->name_servers.size(), 2u);
  EXPECT_EQ(dns->name_servers[1].name, "ns2.example");  // lower-cased, trailing dot dropped
  EXPECT_FALSE(dns->cctld);

  EntityOptions all = DnsOnly();
  all.cctld = true;
  all.rdds43 = "whois.nic.example";
  all.rdap = "https://rdap.nic.example/";
  all.min_ns = "1";
  auto full = BuildEntity(kEntityOptionsExample, all);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  EXPECT_TRUE(full->cctld);
  EXPECT_TRUE(full->IsEnabled(Service::kRdds));
  EXPECT_TRUE(full->IsEnabled(Service::kRdap));
  EXPECT_EQ(full->min_ns.initial, 1);

  EntityOptions no_dnssec = DnsOnly();
  no_dnssec.dnssec = false;
  auto nd = BuildEntity(kEntityOptionsExample, no_dnssec);
  ASSERT_TRUE(nd.ok()) << nd.status().ToString();
  EXPECT_FALSE(nd->IsEnabled(Service::kDnssec));
  EXPECT_FALSE(nd->dnssec);
}

TEST(EntityOptionsTest, ExplicitServicesAreCheckedAgainstTargets) {
  EntityOptions o = DnsOnly();
  o.services = "dns, rdap";
  auto missing = BuildEntity(kEntityOptionsExample, o);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("--rdap"), std::string::npos)
      << missing.status().message();
  o.rdap = "https://rdap.nic.example/";
  auto ok = BuildEntity(kEntityOptionsExample, o);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_FALSE(ok->IsEnabled(Service::kDnssec));
  EXPECT_TRUE(ok->IsEnabled(Service::kRdap));

  for (const char* bad : {"dns,epp", "dns,whois", ""}) {
    EntityOptions b = DnsOnly();
    b.services = bad;
    EXPECT_FALSE(BuildEntity(kEntityOptionsExample, b).ok()) << bad;
  }
  EntityOptions contradiction = DnsOnly();
  contradiction.services = "dns,dnssec";
  contradiction.dnssec = false;
  EXPECT_FALSE(BuildEntity(kEntityOptionsExample, contradiction).ok());
}

TEST(EntityOptionsTest, RegistrarsHaveOnlyRddsAndRdap) {
  EntityOptions o;
  o.rdds43 = "whois.registrar.test";
  o.rdap = "https://rdap.registrar.test/";
  auto rr = BuildEntity(kEntityOptionsRegistrar, o);
  ASSERT_TRUE(rr.ok()) << rr.status().ToString();
  EXPECT_TRUE(rr->IsEnabled(Service::kRdds));
  EXPECT_TRUE(rr->IsEnabled(Service::kRdap));
  EXPECT_FALSE(rr->IsEnabled(Service::kDns));

  EXPECT_FALSE(BuildEntity(kEntityOptionsRegistrar, EntityOptions{}).ok());  // nothing to monitor
  EntityOptions dns = o;
  dns.ns = {"ns1.example=192.0.2.1"};
  auto r = BuildEntity(kEntityOptionsRegistrar, dns);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("registrar"), std::string::npos);
  EntityOptions svc = o;
  svc.services = "rdds,dns";
  EXPECT_FALSE(BuildEntity(kEntityOptionsRegistrar, svc).ok());
}

TEST(EntityOptionsTest, TargetsAreValidated) {
  const auto with = [](auto set) {
    EntityOptions o = DnsOnly();
    set(o);
    return BuildEntity(kEntityOptionsExample, o);
  };
  EXPECT_FALSE(with([](EntityOptions& o) { o.rdap = "http://rdap.nic.example/"; }).ok());
  EXPECT_FALSE(with([](EntityOptions& o) { o.rdap = "https://"; }).ok());
  EXPECT_TRUE(with([](EntityOptions& o) { o.rdds80 = "http://whois.nic.example/"; }).ok());
  EXPECT_FALSE(with([](EntityOptions& o) { o.rdds80 = "ftp://whois.nic.example/"; }).ok());
  EXPECT_FALSE(with([](EntityOptions& o) { o.rdds43 = "not a host"; }).ok());
  EXPECT_TRUE(with([](EntityOptions& o) { o.rdds43 = "192.0.2.43"; }).ok());
  EXPECT_FALSE(with([](EntityOptions& o) { o.test_prefix = "two.labels"; }).ok());
  EXPECT_FALSE(with([](EntityOptions& o) { o.test_domain = "nodot"; }).ok());
  EXPECT_FALSE(with([](EntityOptions& o) { o.min_ns = "zero"; }).ok());
  EntityOptions no_ns;
  auto r = BuildEntity(kEntityOptionsExample, no_ns);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--ns"), std::string::npos) << r.status().message();
}

TEST(EntityOptionsTest, UpdateChangesOnlyWhatIsGivenAndRecordsTheChangeTime) {
  auto base = BuildEntity(kEntityOptionsExample, DnsOnly());
  ASSERT_TRUE(base.ok());

  auto same = UpdateEntity(*base, EntityOptions{}, kNow);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, *base);  // no change, no config time

  EntityOptions add_rdap;
  add_rdap.rdap = "https://rdap.nic.example/";
  auto rdap = UpdateEntity(*base, add_rdap, kNow);
  ASSERT_TRUE(rdap.ok()) << rdap.status().ToString();
  EXPECT_TRUE(rdap->IsEnabled(Service::kRdap));  // a target implies its service
  EXPECT_EQ(rdap->name_servers, base->name_servers);
  // slam-algorithms.md §5: the change time makes nearby cycles
  // Up-inconclusive-reconfig.
  EXPECT_EQ(rdap->config_times, std::vector<UnixSeconds>{kNow});

  EntityOptions ns;
  ns.ns = {"ns3.example=192.0.2.3"};
  auto replaced = UpdateEntity(*rdap, ns, kNow + 60);
  ASSERT_TRUE(replaced.ok());
  ASSERT_EQ(replaced->name_servers.size(), 1u);  // the list given replaces the list
  EXPECT_EQ(replaced->config_times, (std::vector<UnixSeconds>{kNow, kNow + 60}));

  EntityOptions drop;
  drop.services = "dns";
  auto dropped = UpdateEntity(*base, drop, kNow);
  ASSERT_TRUE(dropped.ok());
  EXPECT_FALSE(dropped->IsEnabled(Service::kDnssec));

  EntityOptions bad;
  bad.services = "dns,rdds";
  EXPECT_FALSE(UpdateEntity(*base, bad, kNow).ok());  // RDDS without a target
}

TEST(EntityOptionsTest, JsonNamesEveryField) {
  EntityOptions o = DnsOnly();
  o.rdap = "https://rdap.nic.example/";
  auto e = BuildEntity(kEntityOptionsExample, o);
  ASSERT_TRUE(e.ok());
  const nlohmann::json j = EntityJson(*e);
  EXPECT_EQ(j["entity"], "ry/example");
  EXPECT_EQ(j["services"], nlohmann::json::array({"dns", "dnssec", "rdap"}));
  EXPECT_EQ(j["nameServers"][0]["ips"][1], "2001:db8::1");
  EXPECT_EQ(j["rdapBaseUrl"], "https://rdap.nic.example/");
  EXPECT_EQ(j["minNs"], "2");
}

}  // namespace
}  // namespace tldmon::app
