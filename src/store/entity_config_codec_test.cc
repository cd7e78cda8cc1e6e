#include "store/entity_config_codec.h"

#include <gtest/gtest.h>

#include <string>

namespace tldmon::store {
namespace {

EntityConfig Full() {
  EntityConfig e;
  e.id = {EntityKind::kRegistry, "example"};
  e.cctld = true;
  for (Service s : {Service::kDns, Service::kDnssec, Service::kRdds}) e.SetEnabled(s, true);
  e.name_servers = {{"ns1.example", {"192.0.2.1", "2001:db8::1"}}, {"ns2.example", {}}};
  e.min_ns = {3, {{1767225600, 1}, {-5, 2}}};
  e.dnssec = false;
  e.test_prefix = "probe";
  e.rdds43_server = "whois.nic.example";
  e.rdds80_url = "https://whois.nic.example/";
  e.rdap_base_url = "https://rdap.nic.example/";
  e.test_domain = "nic.example";
  e.config_times = {1767225600, 1767229200};
  return e;
}

TEST(EntityConfigCodec, RoundTripsEveryField) {
  EntityConfig got;
  ASSERT_TRUE(DecodeEntityConfig(EncodeEntityConfig(Full()), got));
  EXPECT_EQ(got, Full());
  EntityConfig registrar;
  registrar.id = {EntityKind::kRegistrar, "9999"};
  ASSERT_TRUE(DecodeEntityConfig(EncodeEntityConfig(registrar), got));
  EXPECT_EQ(got, registrar);
}

TEST(EntityConfigCodec, RejectsTruncatedTrailingAndUnknownFormat) {
  const std::string bytes = EncodeEntityConfig(Full());
  EntityConfig got;
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(DecodeEntityConfig(bytes.substr(0, n), got)) << "prefix of " << n;
  EXPECT_FALSE(DecodeEntityConfig(bytes + '\0', got));
  std::string other_format = bytes;
  other_format[0] = 2;
  EXPECT_FALSE(DecodeEntityConfig(other_format, got));
}

}  // namespace
}  // namespace tldmon::store
