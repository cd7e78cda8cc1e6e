#include "app/listen_address.h"

#include <gtest/gtest.h>

namespace tldmon::app {
namespace {

TEST(ListenAddressTest, ParsesIpv4AndBracketedIpv6) {
  auto a = ParseListenAddress("127.0.0.1:8443", true);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->address, "127.0.0.1");
  EXPECT_EQ(a->port, 8443);
  EXPECT_TRUE(a->tls);
  auto b = ParseListenAddress("[::1]:0", false);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->address, "::1");
  EXPECT_EQ(b->port, 0);
  EXPECT_FALSE(b->tls);
  EXPECT_TRUE(ParseListenAddress("0.0.0.0:65535", true).ok());
  EXPECT_TRUE(ParseListenAddress("[::]:80", false).ok());
}

TEST(ListenAddressTest, RejectsWhatTheServerCouldNotBind) {
  for (const char* bad : {"", "127.0.0.1", "127.0.0.1:", ":8443", "localhost:8443", "::1:8443",
                          "[::1]8443", "[::1:8443", "[127.0.0.1]:80", "127.0.0.1:65536",
                          "127.0.0.1:-1", "127.0.0.1:08443", "127.0.0.1:84x3", "256.0.0.1:80"}) {
    auto r = ParseListenAddress(bad, true);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    }
  }
}

TEST(ListenAddressTest, UrlsNameAReachableHost) {
  EXPECT_EQ(EndpointUrl("127.0.0.1", 8443, true), "https://127.0.0.1:8443");
  EXPECT_EQ(EndpointUrl("::1", 80, false), "http://[::1]:80");
  // Wildcards are reachable through loopback from the same host.
  EXPECT_EQ(EndpointUrl("0.0.0.0", 1, true), "https://127.0.0.1:1");
  EXPECT_EQ(EndpointUrl("::", 2, true), "https://[::1]:2");
}

}  // namespace
}  // namespace tldmon::app
