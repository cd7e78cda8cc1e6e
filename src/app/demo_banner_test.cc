#include "app/demo_banner.h"

#include <gtest/gtest.h>

namespace tldmon::app {
namespace {

ServedEndpoint Https() { return {"https://127.0.0.1:8443", "127.0.0.1", 8443, true}; }
ServedEndpoint Http() { return {"http://127.0.0.1:8080", "127.0.0.1", 8080, false}; }

TEST(DemoBannerTest, CurlCommandsLogInReadStateAndLogOutWithOneJar) {
  const EntityId example{EntityKind::kRegistry, "example"};
  const auto cmds = DemoCurlCommands(Https(), "/data/tls/server.crt", "/data/cookies.txt", example);
  ASSERT_EQ(cmds.size(), 3u);
  // Login with Basic (mosapi-api.md §4.2), writing the jar.
  EXPECT_EQ(cmds[0],
            "curl -sS --cacert /data/tls/server.crt -c /data/cookies.txt -u example_ry:demo "
            "https://127.0.0.1:8443/ry/example/login");
  EXPECT_EQ(cmds[1],
            "curl -sS --cacert /data/tls/server.crt -b /data/cookies.txt "
            "https://127.0.0.1:8443/ry/example/v2/monitoring/state");
  // Logout sends the cookie and stores its deletion.
  EXPECT_EQ(cmds[2],
            "curl -sS --cacert /data/tls/server.crt -b /data/cookies.txt -c /data/cookies.txt "
            "https://127.0.0.1:8443/ry/example/logout");
  // Plain HTTP needs no certificate; odd paths are shell-quoted.
  const auto plain =
      DemoCurlCommands(Http(), "", "/my data/jar", EntityId{EntityKind::kRegistrar, "9999"});
  EXPECT_EQ(plain[0],
            "curl -sS -c '/my data/jar' -u 9999_rr:demo http://127.0.0.1:8080/rr/9999/login");
}

TEST(DemoBannerTest, BannerListsEntitiesUsersAndPassword) {
  DemoBannerInput in;
  in.endpoints = {Http(), Https()};
  in.certificate_file = "/data/tls/server.crt";
  in.self_signed = true;
  in.cookie_jar = "/data/cookies.txt";
  in.entities = {{{EntityKind::kRegistry, "example"}, "healthy"},
                 {{EntityKind::kRegistry, "broken"}, "active DNS incident"},
                 {{EntityKind::kRegistrar, "9999"}, "registrar"}};
  const std::string b = DemoBanner(in);
  for (const char* want : {"https://127.0.0.1:8443/ry/example", "https://127.0.0.1:8443/ry/broken",
                           "https://127.0.0.1:8443/rr/9999", "example_ry", "broken_ry", "9999_rr",
                           "\"demo\"", "http://127.0.0.1:8080", "/data/tls/server.crt",
                           "-u example_ry:demo https://127.0.0.1:8443/ry/example/login",
                           // The RRI: Basic on the request itself, no login.
                           "-u example_ry:demo https://127.0.0.1:8443/info/status/registry/example"})
    EXPECT_NE(b.find(want), std::string::npos) << want << " missing in:\n" << b;
}

}  // namespace
}  // namespace tldmon::app
