#include "admin/probe_node_list.h"

#include <gtest/gtest.h>

namespace tldmon::admin {
namespace {

ProbeNode Probe(std::string name, bool v4, bool v6, std::vector<std::string> v4_addresses,
                std::vector<std::string> v6_addresses) {
  ProbeNode p;
  p.name = std::move(name);
  p.ipv4 = v4;
  p.ipv6 = v6;
  p.ipv4_addresses = std::move(v4_addresses);
  p.ipv6_addresses = std::move(v6_addresses);
  return p;
}

// Golden: the project-default example of mosapi-api.md §6.8.
TEST(ProbeNodeListTest, RendersTheSpecExample) {
  EXPECT_EQ(
      RenderProbeNodeList({Probe("Probe1-Server1", true, true, {"192.0.2.10"}, {"2001:db8::10"})},
                          1767225600),
      R"({"version":2,"lastUpdateApiDatabase":1767225600,"probeNodes":[)"
      R"({"city":"Probe1-Server1","ipv4":["192.0.2.10"],"ipv6":["2001:db8::10"]}]})");
}

TEST(ProbeNodeListTest, SortedByCityDisabledFamilyEmpty) {
  const std::string body = RenderProbeNodeList(
      {Probe("Probe3", true, false, {"192.0.2.3"}, {"2001:db8::3"}),
       Probe("Probe1", false, true, {"192.0.2.1"}, {"2001:db8::1", "2001:db8::1:1"}),
       Probe("Probe2", true, true, {"192.0.2.2", "198.51.100.2"}, {})},
      5);
  EXPECT_EQ(body, R"({"version":2,"lastUpdateApiDatabase":5,"probeNodes":[)"
                  R"({"city":"Probe1","ipv4":[],"ipv6":["2001:db8::1","2001:db8::1:1"]},)"
                  R"({"city":"Probe2","ipv4":["192.0.2.2","198.51.100.2"],"ipv6":[]},)"
                  R"({"city":"Probe3","ipv4":["192.0.2.3"],"ipv6":[]}]})");
}

TEST(ProbeNodeListTest, EmptyNetwork) {
  EXPECT_EQ(RenderProbeNodeList({}, 0),
            R"({"version":2,"lastUpdateApiDatabase":0,"probeNodes":[]})");
}

}  // namespace
}  // namespace tldmon::admin
