#include "sim/network_topology.h"

#include <gtest/gtest.h>

#include <set>

namespace tldmon::sim {
namespace {

TEST(SyntheticTopologyTest, TldNamesAreUniqueValidLabels) {
  std::set<std::string> names;
  for (int i = 0; i < 5000; ++i) {
    const std::string n = SyntheticTldName(i);
    EXPECT_TRUE(EntityId::ValidateId(EntityKind::kRegistry, n).ok()) << n;
    EXPECT_TRUE(names.insert(n).second) << n;
  }
}

TEST(SyntheticTopologyTest, TldsValidateAndAreDeterministic) {
  const auto a = SyntheticTlds(300, 1);
  EXPECT_EQ(a, SyntheticTlds(300, 1));
  std::set<std::string> ips;
  int v6 = 0;
  for (const auto& e : a) {
    EXPECT_TRUE(e.Validate().ok()) << e.Validate().ToString();
    EXPECT_GE(e.name_servers.size(), 2u);
    EXPECT_LE(e.name_servers.size(), 4u);
    EXPECT_TRUE(e.IsEnabled(Service::kDns) && e.IsEnabled(Service::kDnssec));
    EXPECT_TRUE(e.IsEnabled(Service::kRdds) && e.IsEnabled(Service::kRdap));
    EXPECT_FALSE(e.IsEnabled(Service::kEpp));
    for (const auto& ns : e.name_servers)
      for (const auto& ip : ns.ips) {
        EXPECT_TRUE(ips.insert(ip).second) << ip;  // no two TLDs share an address
        v6 += IsIpv6Literal(ip) ? 1 : 0;
      }
  }
  EXPECT_GT(v6, 0);
}

TEST(SyntheticTopologyTest, ShapeControlsNameServers) {
  TldShape shape;
  shape.min_ns = shape.max_ns = 4;
  shape.ipv6_share = 1;
  shape.rdds = false;
  const EntityConfig e = SyntheticTld("bench", 0, 1, shape);
  ASSERT_TRUE(e.Validate().ok());
  ASSERT_EQ(e.name_servers.size(), 4u);
  for (const auto& ns : e.name_servers) EXPECT_EQ(ns.ips.size(), 2u);
  EXPECT_FALSE(e.IsEnabled(Service::kRdds));
}

TEST(SyntheticTopologyTest, RegistrarAndProbes) {
  const EntityConfig rr = SyntheticRegistrar(9999);
  EXPECT_TRUE(rr.Validate().ok()) << rr.Validate().ToString();
  EXPECT_EQ(rr.id.Path(), "rr/9999");
  const auto probes = SyntheticProbes(60, 3);
  std::set<std::string> names;
  int v4_only = 0;
  for (const auto& p : probes) {
    EXPECT_TRUE(p.Validate().ok()) << p.Validate().ToString();
    EXPECT_TRUE(names.insert(p.name).second);
    v4_only += p.ipv6 ? 0 : 1;
  }
  EXPECT_GT(v4_only, 0);
  EXPECT_LT(v4_only, 30);
}

}  // namespace
}  // namespace tldmon::sim
