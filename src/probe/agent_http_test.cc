#include "probe/agent_http.h"

#include <gtest/gtest.h>

#include "probe/agent_fake_central.h"
#include "probe/agent_gzip.h"

namespace tldmon::probe {
namespace {

TEST(JoinUrl, OneSlashBetween) {
  EXPECT_EQ(JoinUrl("https://c.example/", "/probe/v1/config"), "https://c.example/probe/v1/config");
  EXPECT_EQ(JoinUrl("https://c.example", "probe/v1/config"), "https://c.example/probe/v1/config");
  EXPECT_EQ(JoinUrl("https://c.example/base", "/x"), "https://c.example/base/x");
}

TEST(Gzip, RoundTripAndCorruption) {
  const std::string text(10000, 'a');
  auto packed = GzipCompress(text);
  ASSERT_TRUE(packed.ok());
  EXPECT_LT(packed->size(), text.size() / 10);
  EXPECT_EQ(packed->substr(0, 2), "\x1f\x8b");
  EXPECT_EQ(*GzipDecompress(*packed, 1 << 20), text);
  EXPECT_FALSE(GzipDecompress(*packed, 100).ok());  // bound
  EXPECT_FALSE(GzipDecompress(packed->substr(0, packed->size() / 2), 1 << 20).ok());
  EXPECT_FALSE(GzipDecompress("not gzip", 1 << 20).ok());
}

TEST(CentralHttp, SendsBearerTokenHeadersAndBodyAndReadsEtag) {
  testing::FakeCentral central;
  central.SetHandler([](const testing::FakeRequest& r) {
    return testing::FakeResponse{201, "got " + r.body, "\"v7\""};
  });
  CentralHttp http({.base_url = central.url(), .token = "s3cret"});
  HttpRequest request;
  request.method = "POST";
  request.path = "/probe/v1/results";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = "hello";
  auto reply = http.Send(request);
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->status, 201);
  EXPECT_EQ(reply->body, "got hello");
  EXPECT_EQ(reply->etag, "\"v7\"");
  auto seen = central.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].target, "/probe/v1/results");
  EXPECT_EQ(seen[0].authorization, "Bearer s3cret");
}

TEST(CentralHttp, NoListenerIsUnavailableAndBadSchemeIsInvalid) {
  CentralHttp down({.base_url = testing::UnreachableUrl()});
  auto reply = down.Send({});
  EXPECT_EQ(reply.status().code(), StatusCode::kUnavailable);
  CentralHttp ftp({.base_url = "ftp://127.0.0.1:1"});
  EXPECT_EQ(ftp.Send({}).status().code(), StatusCode::kInvalidArgument);
}

TEST(CentralHttp, OversizedReplyIsRefused) {
  testing::FakeCentral central;
  central.SetHandler([](const testing::FakeRequest&) {
    return testing::FakeResponse{200, std::string(5000, 'x'), ""};
  });
  CentralHttp http({.base_url = central.url(), .max_reply_bytes = 1000});
  auto reply = http.Send({});
  EXPECT_EQ(reply.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(reply.status().message().find("larger"), std::string::npos);
}

}  // namespace
}  // namespace tldmon::probe
