#include "http/mount_table.h"

#include <gtest/gtest.h>

#include <string>

#include "http/operations_handler.h"
#include "http/request_parser.h"

namespace tldmon::http {
namespace {

// Answers with its name, so a test sees which handler a path reached.
class NamedHandler : public RequestHandler {
 public:
  explicit NamedHandler(std::string name, std::size_t max_body = 0)
      : name_(std::move(name)), max_body_(max_body) {}
  void Handle(const Request&, Response& response) override {
    response.SetBody(200, "text/plain", name_);
  }
  std::optional<std::string> SlowKey(const Request& request) const override {
    return std::string(request.path);
  }
  std::size_t MaxBodyBytes(std::string_view) const override { return max_body_; }
  void RenderError(HttpError error, std::string_view, Response& response) const override {
    response.SetBody(StatusOf(error), "text/plain", name_ + " error");
  }

 private:
  std::string name_;
  std::size_t max_body_;
};

class MountTableTest : public ::testing::Test {
 protected:
  std::string Serve(std::string_view path, std::string_view peer = "127.0.0.1") {
    Request request;
    request.path = path;
    request.peer.text = peer;
    response_.Reset();
    table_.Handle(request, response_);
    return std::to_string(response_.status()) + " " + std::string(response_.body());
  }

  NamedHandler fallback_{"fallback"};
  NamedHandler api_{"api", 1 << 20};
  NamedHandler probe_{"probe"};
  MountTable table_{fallback_};
  Response response_;
};

TEST_F(MountTableTest, LongestPrefixWinsAndExactPathsAreExact) {
  ASSERT_TRUE(table_.Add("/ry/", api_));
  ASSERT_TRUE(table_.Add("/ry/special/", probe_));
  ASSERT_TRUE(table_.Add("/metrics", probe_));
  EXPECT_EQ(Serve("/ry/example/v2/monitoring/state"), "200 api");
  EXPECT_EQ(Serve("/ry/special/x"), "200 probe");
  EXPECT_EQ(Serve("/metrics"), "200 probe");
  EXPECT_EQ(Serve("/metrics/x"), "200 fallback");  // not a subtree mount
  EXPECT_EQ(Serve("/ry"), "200 fallback");
  EXPECT_EQ(Serve("/"), "200 fallback");
  EXPECT_FALSE(table_.Add("/ry/", probe_));  // already mounted
  EXPECT_FALSE(table_.Add("ry/", probe_));   // not a path
}

TEST_F(MountTableTest, TheRootPrefixServesTheRootPathAlone) {
  ASSERT_TRUE(table_.Add("/", probe_));
  ASSERT_TRUE(table_.Add("/ry/", api_));
  EXPECT_EQ(Serve("/"), "200 probe");
  EXPECT_EQ(Serve("/ry/x"), "200 api");
  EXPECT_EQ(Serve("/anything"), "200 fallback");
  EXPECT_EQ(Serve("//"), "200 fallback");
}

TEST_F(MountTableTest, PoliciesAreTheMountsOwn) {
  MountPolicy slow;
  slow.slow_pool = true;
  table_.Add("/ry/", api_, slow);
  MountPolicy small;
  small.max_body_bytes = 100;
  table_.Add("/probe/v1/", probe_, small);
  Request request;
  request.path = "/ry/example/login";
  EXPECT_EQ(table_.SlowKey(request), "/ry/example/login");
  request.path = "/probe/v1/results";  // this mount may not use the slow pool
  EXPECT_FALSE(table_.SlowKey(request).has_value());
  EXPECT_EQ(table_.MaxBodyBytes("/probe/v1/results"), 100u);
  EXPECT_EQ(table_.MaxBodyBytes("/ry/example/login"), 1u << 20);  // the handler's own
  EXPECT_EQ(table_.MaxBodyBytes("/elsewhere"), 0u);                // server default
  // Server-detected errors use the fallback's format.
  response_.Reset();
  table_.RenderError(HttpError::kHeaderTooLarge, "", response_);
  EXPECT_EQ(response_.status(), 431);
  EXPECT_EQ(response_.body(), "fallback error");
}

TEST_F(MountTableTest, SourceAddressMountsRefuseOtherSourcesBeforeTheHandler) {
  MountPolicy loopback;
  loopback.authentication = MountAuthentication::kSourceAddress;
  loopback.source_allowed = [](const PeerAddress& peer) { return peer.text == "127.0.0.1"; };
  table_.Add("/metrics", probe_, loopback);
  EXPECT_EQ(Serve("/metrics", "127.0.0.1"), "200 probe");
  EXPECT_EQ(Serve("/metrics", "192.0.2.7"), "403 probe error");
  // Without an admission test a kSourceAddress mount admits nobody.
  MountPolicy none;
  none.authentication = MountAuthentication::kSourceAddress;
  table_.Add("/closed", probe_, none);
  EXPECT_EQ(Serve("/closed"), "403 probe error");
}

TEST(OperationsHandler, HealthMetricsAndDocuments) {
  OperationsHandler ops;
  ops.AddDocument("/openapi.json", Representation::FromString("{\"openapi\":\"3.1.0\"}", 1700000000));
  Request request;
  Response response;
  request.path = "/healthz";
  ops.Handle(request, response);
  EXPECT_EQ(response.status(), 200);
  ASSERT_TRUE(response.representation());
  EXPECT_EQ(response.representation()->identity(), "{\"status\":\"ok\"}");
  response.Reset();
  request.path = "/metrics";
  ops.Handle(request, response);
  EXPECT_EQ(response.status(), 404);  // no metrics callback
  ops.SetMetrics([](std::string& out) { out += "tldmon_up 1\n"; });
  response.Reset();
  ops.Handle(request, response);
  EXPECT_EQ(response.status(), 200);
  EXPECT_EQ(response.body(), "tldmon_up 1\n");
  response.Reset();
  request.path = "/openapi.json";
  ops.Handle(request, response);
  ASSERT_TRUE(response.representation());
  EXPECT_EQ(response.representation()->last_modified(), 1700000000);
  response.Reset();
  request.method = Method::kPost;
  ops.Handle(request, response);
  EXPECT_EQ(response.status(), 405);
  EXPECT_EQ(response.extra_headers(), "Allow: GET, HEAD, OPTIONS\r\n");
}

TEST(RequestLine, VersionAndLeadingEmptyLines) {
  EXPECT_TRUE(RequestLineHasVersion("GET / HTTP/2.0\r\nHost: a\r\n\r\n"));
  EXPECT_FALSE(RequestLineHasVersion("GET / HTTP/1.1\nHost: a\n\n"));  // bare LF
  EXPECT_FALSE(RequestLineHasVersion("GET / HTTP/x.y\r\n"));
  EXPECT_FALSE(RequestLineHasVersion("GET / HTTP/1.1"));  // incomplete
  EXPECT_EQ(LeadingEmptyLineBytes("\r\n\nGET", 4), 3u);
  EXPECT_EQ(LeadingEmptyLineBytes("\r\n\r\n\r\nGET", 2), 4u);  // bounded
  EXPECT_EQ(LeadingEmptyLineBytes("\r", 4), 0u);  // its LF may still come
  EXPECT_EQ(LeadingEmptyLineBytes("GET", 4), 0u);
}

}  // namespace
}  // namespace tldmon::http
