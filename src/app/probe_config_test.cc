#include "app/probe_config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace tldmon::app {
namespace {

TEST(ProbeConfigTest, AFullFileIsReadWithPathsRelativeToItsDirectory) {
  auto c = ParseProbeNodeConfig(R"(
[probe]
name = "Probe1"
central_url = "https://central.example:8443"
token_file = "probe.token"
ca_file = "/etc/ca.pem"
data = "state"
config_poll_seconds = 30
[dns]
resolver = "127.0.0.53@5353"
ipv6 = false
max_in_flight = 64
[online]
root_servers = ["198.41.0.4", "2001:503:ba3e::2:30@53"]
min_servers = 1
reply_ms = 500
[outbox]
max_age_days = 3
max_rows = 100000
)",
                                "/etc/tldmon/probe.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->agent.name, "Probe1");
  EXPECT_EQ(c->token_file, "/etc/tldmon/probe.token");
  EXPECT_EQ(c->agent.central.ca_file, "/etc/ca.pem");
  EXPECT_EQ(c->agent.data_dir, "/etc/tldmon/state");
  EXPECT_EQ(c->agent.config_poll, std::chrono::seconds(30));
  EXPECT_EQ(c->agent.resolver.ToString(), "127.0.0.53@5353");
  EXPECT_TRUE(c->agent.ipv4);
  EXPECT_FALSE(c->agent.ipv6);
  EXPECT_EQ(c->agent.max_in_flight, 64u);
  ASSERT_EQ(c->agent.root_servers.size(), 2u);
  EXPECT_EQ(c->agent.online_min_servers, 1);
  EXPECT_EQ(c->agent.online_reply_ms, 500);
  EXPECT_EQ(c->agent.outbox_max_age_seconds, 3 * 86400);
  EXPECT_EQ(c->agent.outbox_max_rows, 100000u);
}

TEST(ProbeConfigTest, DefaultsAreTheDocumentedOnes) {
  auto c = LoadProbeNodeConfig("");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->agent.resolver.ToString(), "127.0.0.1");
  EXPECT_TRUE(c->agent.ipv4 && c->agent.ipv6);
  EXPECT_TRUE(c->agent.root_servers.empty()) << "empty = the 13 root servers";
  EXPECT_EQ(c->agent.online_min_servers, 5);
  EXPECT_EQ(c->agent.online_reply_ms, 250);
  EXPECT_EQ(c->agent.outbox_max_age_seconds, 7 * 86400);
  // Without name, URL, data and token the node cannot start, and says which.
  Status s = ValidateProbeNodeConfig(*c);
  EXPECT_NE(s.message().find("name"), std::string::npos) << s.message();
}

TEST(ProbeConfigTest, MistakesAreErrorsNamingTheKey) {
  struct Case {
    const char* text;
    const char* needle;
  };
  for (const Case& k : {Case{"[probe]\nnmae = \"x\"\n", "unknown key 'nmae'"},
                        Case{"[prob]\n", "unknown section or key 'prob'"},
                        Case{"token = \"secret\"\n", "unknown section or key 'token'"},
                        Case{"[dns]\nresolver = \"localhost\"\n", "resolver"},
                        Case{"[dns]\nmax_in_flight = 0\n", "max_in_flight"},
                        Case{"[dns]\nipv4 = false\nipv6 = false\n", "both false"},
                        Case{"[online]\nroot_servers = [\"1.2.3.4@99999\"]\n", "root_servers"},
                        Case{"[outbox]\nmax_age_days = \"7\"\n", "max_age_days"},
                        Case{"[probe\n", "probe.toml:1"}}) {
    auto c = ParseProbeNodeConfig(k.text, "probe.toml");
    ASSERT_FALSE(c.ok()) << k.text;
    EXPECT_NE(c.status().message().find(k.needle), std::string::npos)
        << k.text << " -> " << c.status().message();
  }
}

TEST(ProbeConfigTest, TheTokenComesFromTheEnvironmentOrTheFirstLineOfItsFile) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "tldmon_probe_token_test";
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "token").string();
  std::ofstream(file) << "tldmon-probe-abc  \nsecond line\n";
  auto from_file = ResolveProbeToken(file, nullptr);
  ASSERT_TRUE(from_file.ok()) << from_file.status().ToString();
  EXPECT_EQ(*from_file, "tldmon-probe-abc");
  auto from_env = ResolveProbeToken(file, "tldmon-probe-env");
  ASSERT_TRUE(from_env.ok());
  EXPECT_EQ(*from_env, "tldmon-probe-env");
  EXPECT_FALSE(ResolveProbeToken("", nullptr).ok());
  EXPECT_FALSE(ResolveProbeToken((dir / "missing").string(), "").ok());
  std::ofstream(file) << "\n";
  auto empty = ResolveProbeToken(file, nullptr);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("empty"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(ProbeConfigTest, ValidationNamesWhatIsMissing) {
  ProbeNodeConfig c;
  c.agent.name = "p";
  c.agent.central.base_url = "ftp://x";
  c.agent.data_dir = "/d";
  c.agent.central.token = "t";
  EXPECT_NE(ValidateProbeNodeConfig(c).message().find("https://"), std::string::npos);
  c.agent.central.base_url = "https://central:8443";
  EXPECT_TRUE(ValidateProbeNodeConfig(c).ok());
  c.agent.central.token.clear();
  EXPECT_NE(ValidateProbeNodeConfig(c).message().find("token"), std::string::npos);
}

}  // namespace
}  // namespace tldmon::app
