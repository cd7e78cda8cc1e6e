// HttpServer over real loopback HTTP (port 0): keep-alive, pipelining, gzip,
// validators and 304, HEAD, 405, limits (431, 413, 408), the connection cap
// (503) and graceful shutdown. Timeouts are configured tiny instead of
// sleeping; every wait is bounded.
#include "http/http_server.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>
#include <nlohmann/json.hpp>

#include "http/gzip.h"
#include "http/http_date.h"
#include "testutil/http_test_client.h"
#include "testutil/server_test_support.h"

namespace tldmon::mosapi {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

using testutil::Field;
using testutil::HttpResponse;
using testutil::TestClient;

constexpr UnixSeconds kNow = 1767225960;  // the state document's lastUpdateApiDatabase
constexpr UnixSeconds kLastModified = 1767225900;

std::string Get(std::string_view target, std::string_view extra = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + std::string(extra) +
         "\r\n";
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    documents_.docs["ry/example/v2/monitoring/state"] = state_;
  }
  ~ServerTest() override {
    handler_wrapper_.Release();
  }

  void Start(ServerLimits limits = {}, std::size_t threads = 2) {
    ServerConfig config;
    config.endpoints.push_back({"127.0.0.1", 0, false});
    config.threads = threads;
    config.limits = limits;
    auto server = HttpServer::Start(config, handler_wrapper_, clock_);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server.value());
    port_ = server_->endpoints().at(0).port;
    ASSERT_NE(port_, 0);
  }

  std::unique_ptr<TestClient> Connect() {
    auto c = std::make_unique<TestClient>(port_);
    EXPECT_FALSE(c->Connect());
    return c;
  }

  FakeClock clock_{kNow};
  std::shared_ptr<const Representation> state_ =
      Representation::FromString(testing::ExampleState(), kLastModified);
  testing::AllowAll access_;
  testing::MapDocuments documents_;
  ApiHandler api_{access_, documents_, nullptr, clock_};
  testing::MountedApi mounted_{api_};
  testing::RecordingHandler handler_wrapper_{mounted_.mounts};
  std::unique_ptr<HttpServer> server_;
  std::uint16_t port_ = 0;
};

TEST_F(ServerTest, KeepAliveReusesTheConnection) {
  Start();
  auto c = Connect();
  for (int i = 0; i < 3; ++i) {
    auto r = c->Request(Get("/ry/example/v2/monitoring/state"));
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->result_int(), 200);
    EXPECT_EQ(r->body(), testing::ExampleState());
    EXPECT_TRUE(r->keep_alive());
    EXPECT_EQ(Field(*r, "Content-Type"), "application/json");
    EXPECT_EQ(Field(*r, "Server"), "tldmon");
    char date[kImfFixdateLength];
    FormatImfFixdate(kNow, date);  // Date comes from the injected clock
    EXPECT_EQ(Field(*r, "Date"), std::string(date, sizeof date));
  }
  const auto seen = handler_wrapper_.seen();
  ASSERT_EQ(seen.size(), 3u);
  for (std::uint32_t i = 0; i < 3; ++i) {
    EXPECT_EQ(seen[i].connection_id, seen[0].connection_id);
    EXPECT_EQ(seen[i].request_index, i);
    EXPECT_EQ(seen[i].peer, "127.0.0.1");
    EXPECT_FALSE(seen[i].tls);
  }
  EXPECT_EQ(server_->Stats().connections_accepted, 1u);
  EXPECT_EQ(server_->Stats().requests, 3u);
}

TEST_F(ServerTest, PipelinedRequestsAnswerInOrder) {
  Start();
  auto c = Connect();
  ASSERT_TRUE(c->Write(Get("/ry/example/v2/monitoring/state") + Get("/healthz") +
                       Get("/ry/example/v2/monitoring/nope/alarmed")));
  auto a = c->Read(), b = c->Read(), d = c->Read();
  ASSERT_TRUE(a && b && d);
  EXPECT_EQ(a->result_int(), 200);
  EXPECT_EQ(a->body(), testing::ExampleState());
  EXPECT_EQ(b->result_int(), 200);
  EXPECT_EQ(nlohmann::json::parse(b->body()).at("status"), "ok");
  EXPECT_EQ(d->result_int(), 404);
  EXPECT_EQ(nlohmann::json::parse(d->body()).at("description"), "nope");
}

TEST_F(ServerTest, GzipRoundTrip) {
  Start();
  auto c = Connect();
  auto r = c->Request(Get("/ry/example/v2/monitoring/state", "Accept-Encoding: gzip, deflate\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  EXPECT_EQ(Field(*r, "Content-Encoding"), "gzip");
  EXPECT_EQ(Field(*r, "Vary"), "Accept-Encoding");
  EXPECT_LT(r->body().size(), testing::ExampleState().size());
  std::string inflated;
  ASSERT_TRUE(GzipDecompress(r->body(), inflated, 1 << 20));
  EXPECT_EQ(inflated, testing::ExampleState());
  EXPECT_EQ(Field(*r, "ETag"), state_->gzip_etag());

  // gzip;q=0 means "not gzip" (RFC 9110 §12.5.3).
  r = c->Request(Get("/ry/example/v2/monitoring/state", "Accept-Encoding: gzip;q=0, br\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(Field(*r, "Content-Encoding"), "");
  EXPECT_EQ(Field(*r, "Vary"), "Accept-Encoding");
  EXPECT_EQ(r->body(), testing::ExampleState());
  EXPECT_EQ(Field(*r, "ETag"), state_->etag());
}

TEST_F(ServerTest, EtagAndLastModifiedGive304) {
  Start();
  auto c = Connect();
  auto first = c->Request(Get("/ry/example/v2/monitoring/state"));
  ASSERT_TRUE(first);
  const std::string etag(Field(*first, "ETag"));
  const std::string last_modified(Field(*first, "Last-Modified"));
  ASSERT_FALSE(etag.empty());
  char expected_lm[kImfFixdateLength];
  FormatImfFixdate(kLastModified, expected_lm);
  EXPECT_EQ(last_modified, std::string(expected_lm, sizeof expected_lm));

  struct Case {
    std::string headers;
    int status;
  };
  const Case cases[] = {
      {"If-None-Match: " + etag + "\r\n", 304},
      {"If-None-Match: W/" + etag + "\r\n", 304},  // weak comparison
      {"If-None-Match: \"nope\", " + etag + "\r\n", 304},
      {"If-None-Match: \"nope\"\r\n", 200},
      {"If-None-Match: *\r\n", 304},
      {"If-Modified-Since: " + last_modified + "\r\n", 304},
      {"If-Modified-Since: Thu, 01 Jan 2026 00:04:59 GMT\r\n", 200},  // a second earlier
      {"If-Modified-Since: Thu, 01 Jan 2026 00:05:01 GMT\r\n", 304},
      {"If-Modified-Since: not a date\r\n", 200},
      // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
      {"If-None-Match: \"nope\"\r\nIf-Modified-Since: " + last_modified + "\r\n", 200},
  };
  for (const Case& cs : cases) {
    SCOPED_TRACE(cs.headers);
    auto r = c->Request(Get("/ry/example/v2/monitoring/state", cs.headers));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), cs.status);
    EXPECT_EQ(Field(*r, "ETag"), etag);
    if (cs.status == 304) {
      EXPECT_TRUE(r->body().empty());
    } else {
      EXPECT_EQ(r->body(), testing::ExampleState());
    }
  }
}

TEST_F(ServerTest, HeadSendsHeadersOnly) {
  Start();
  auto c = Connect();
  auto head = c->Request("HEAD /ry/example/v2/monitoring/state HTTP/1.1\r\nHost: x\r\n\r\n",
                         /*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->result_int(), 200);
  EXPECT_EQ(Field(*head, "Content-Length"), std::to_string(testing::ExampleState().size()));
  EXPECT_EQ(Field(*head, "ETag"), state_->etag());
  EXPECT_TRUE(head->body().empty());
  // Had a body followed, this response would be misread: the connection
  // stays in sync.
  auto get = c->Request(Get("/healthz"));
  ASSERT_TRUE(get);
  EXPECT_EQ(get->result_int(), 200);
  EXPECT_EQ(nlohmann::json::parse(get->body()).at("status"), "ok");
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  Start();
  auto c = Connect();
  auto r = c->Request(
      "POST /ry/example/v2/monitoring/state HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 405);
  EXPECT_EQ(Field(*r, "Allow"), "GET, HEAD");
  EXPECT_EQ(Field(*r, "Content-Type"), "application/json");
  EXPECT_EQ(nlohmann::json::parse(r->body()).at("message"), "Method not allowed");
  // The connection survives a 405.
  r = c->Request(Get("/healthz"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
}

TEST_F(ServerTest, OversizedHeaderIs431) {
  ServerLimits limits;
  limits.max_header_bytes = 8 * 1024;
  Start(limits);
  auto c = Connect();
  auto r = c->Request(Get("/healthz", "X-Big: " + std::string(9000, 'a') + "\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 431);
  EXPECT_FALSE(r->keep_alive());
  EXPECT_TRUE(nlohmann::json::parse(r->body()).contains("message"));
  EXPECT_TRUE(c->ReadUntilClosed());
  // Just under the limit is fine.
  auto ok = Connect()->Request(Get("/healthz", "X-Big: " + std::string(7000, 'a') + "\r\n"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->result_int(), 200);
}

TEST_F(ServerTest, LongTargetIs414) {
  Start();
  auto r = Connect()->Request(Get("/ry/example/v2/monitoring/state?x=" + std::string(5000, 'a')));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 414);
}

TEST_F(ServerTest, OversizedBodyIs413) {
  Start();
  {
    // Refused on Content-Length alone, before any body byte is sent.
    auto c = Connect();
    auto r = c->Request(
        "POST /ry/example/login HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 413);
    EXPECT_FALSE(r->keep_alive());
    EXPECT_TRUE(c->ReadUntilClosed());
  }
  {
    // Chunked: refused once the chunks add up past the limit.
    auto c = Connect();
    std::string req =
        "POST /ry/example/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i) req += "8000\r\n" + std::string(0x8000, 'b') + "\r\n";
    auto r = c->Request(req);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 413);
  }
  {
    // Within the limit the body reaches the handler.
    auto r = Connect()->Request(
        "POST /ry/example/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 200);
    EXPECT_EQ(r->body(), "Login successful, body=abcde");
  }
}

TEST_F(ServerTest, ExpectContinue) {
  Start();
  auto c = Connect();
  ASSERT_TRUE(c->Write(
      "POST /ry/example/login HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
      "5\r\n\r\n"));
  const std::string interim = "HTTP/1.1 100 Continue\r\n\r\n";
  EXPECT_EQ(c->ReadExactly(interim.size()), interim);
  auto r = c->Request("hello");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body(), "Login successful, body=hello");
}

TEST_F(ServerTest, SlowClientIsClosedWith408) {
  ServerLimits limits;
  limits.read_timeout = std::chrono::milliseconds(200);
  Start(limits);
  // Half a request, then silence: the whole-request deadline fires.
  auto c = Connect();
  ASSERT_TRUE(c->Write("GET /ry/example/v2/monitoring/state HTTP/1.1\r\nHost: 12"));
  auto r = c->Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 408);
  EXPECT_FALSE(r->keep_alive());
  EXPECT_TRUE(c->ReadUntilClosed());
  // A connection that never sends anything is closed without a response.
  auto silent = Connect();
  std::string got;
  EXPECT_TRUE(silent->ReadUntilClosed(&got));
  EXPECT_EQ(got, "");
  EXPECT_GE(server_->Stats().timeouts, 2u);
}

TEST_F(ServerTest, IdleKeepAliveIsClosed) {
  ServerLimits limits;
  limits.idle_timeout = std::chrono::milliseconds(200);
  Start(limits);
  auto c = Connect();
  auto r = c->Request(Get("/healthz"));
  ASSERT_TRUE(r);
  std::string got;
  EXPECT_TRUE(c->ReadUntilClosed(&got));
  EXPECT_EQ(got, "");
}

TEST_F(ServerTest, StalledReaderHitsTheWriteTimeout) {
  ServerLimits limits;
  limits.write_timeout = std::chrono::milliseconds(200);
  // Far more than loopback socket buffers hold, so the write must stall.
  constexpr std::size_t kSize = 64 << 20;
  documents_.docs["ry/example/v2/monitoring/dns/alarmed"] =
      Representation::FromString(std::string(kSize, 'x'), kLastModified, "application/octet-stream");
  Start(limits);
  auto c = Connect();
  ASSERT_TRUE(c->Write(Get("/ry/example/v2/monitoring/dns/alarmed")));
  // The client reads nothing; the server gives up after the write timeout.
  const auto deadline = std::chrono::steady_clock::now() + testutil::kBound;
  while (server_->Stats().timeouts == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  EXPECT_EQ(server_->Stats().timeouts, 1u);
  std::string got;
  EXPECT_TRUE(c->ReadUntilClosed(&got));
  EXPECT_EQ(got.rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_LT(got.size(), kSize);  // cut off
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAlive) {
  Start();
  auto c = Connect();
  auto r = c->Request("GET /healthz HTTP/1.0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  EXPECT_EQ(Field(*r, "Connection"), "close");
  EXPECT_TRUE(c->ReadUntilClosed());

  auto k = Connect();
  r = k->Request("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(Field(*r, "Connection"), "keep-alive");
  r = k->Request("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
}

TEST_F(ServerTest, MalformedRequestsAre400) {
  Start();
  const std::string bad[] = {
      "GET /healthz HTTP/1.1\r\n\r\n",                      // no Host (RFC 9112 §3.2)
      "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",  // two Hosts
      "GET /healthz HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
  };
  for (const std::string& raw : bad) {
    SCOPED_TRACE(raw);
    auto c = Connect();
    auto r = c->Request(raw);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 400);
    EXPECT_EQ(nlohmann::json::parse(r->body()).at("resultCode"), 2001);
    EXPECT_TRUE(c->ReadUntilClosed());
  }
  auto v = Connect()->Request("GET /healthz HTTP/2.0\r\nHost: a\r\n\r\n");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->result_int(), 505);
  auto te = Connect()->Request(
      "POST /ry/example/login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
  ASSERT_TRUE(te);
  EXPECT_EQ(te->result_int(), 501);
}

TEST_F(ServerTest, BareLfRequestLineIs400NotAnUnsupportedVersion) {
  Start();
  // A request line ending in a bare LF is malformed (RFC 9112 §2.2), not a
  // well-formed request naming another HTTP version.
  auto r = Connect()->Request("GET /healthz HTTP/1.1\nHost: a\n\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 400);
  EXPECT_EQ(nlohmann::json::parse(r->body()).at("resultCode"), 2001);
}

TEST_F(ServerTest, EmptyLinesBeforeTheRequestLineAreIgnored) {
  Start();
  // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before
  // the request-line (some clients send CRLF after a POST body).
  auto c = Connect();
  auto r = c->Request("\r\n" + Get("/healthz"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  auto bare = c->Request("\n\r\n" + Get("/healthz"));
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->result_int(), 200);
}

TEST_F(ServerTest, Http10WithTransferEncodingClosesAfterTheResponse) {
  Start();
  // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 request is faulty
  // framing; the server must close the connection after responding, even
  // when the client asked to keep it alive.
  auto c = Connect();
  auto r = c->Request(
      "POST /healthz HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n"
      "0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->keep_alive());
  EXPECT_TRUE(c->ReadUntilClosed());
  // Without Transfer-Encoding the same client keeps its connection.
  auto k = Connect();
  auto kr = k->Request("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  ASSERT_TRUE(kr);
  EXPECT_TRUE(kr->keep_alive());
}

TEST_F(ServerTest, TooManyConnectionsGet503) {
  ServerLimits limits;
  limits.max_connections = 2;
  Start(limits);
  auto a = Connect(), b = Connect();
  // Completed requests prove both are accepted and counted.
  ASSERT_TRUE(a->Request(Get("/healthz")));
  ASSERT_TRUE(b->Request(Get("/healthz")));
  auto c = Connect();
  auto r = c->Request(Get("/healthz"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 503);
  EXPECT_EQ(Field(*r, "Retry-After"), "1");
  EXPECT_FALSE(r->keep_alive());
  EXPECT_TRUE(c->ReadUntilClosed());
  EXPECT_EQ(server_->Stats().connections_rejected, 1u);
  EXPECT_EQ(server_->Stats().connections_open, 2u);
  // The first two still work; once one closes, a new one is accepted.
  ASSERT_TRUE(a->Request(Get("/healthz")));
  auto bye = b->Request(Get("/healthz", "Connection: close\r\n"));
  ASSERT_TRUE(bye);
  EXPECT_TRUE(b->ReadUntilClosed());
  b.reset();  // our close ends the server's lingering close
  // The count drops when the server's coroutine for b ends: a bounded wait.
  const auto deadline = std::chrono::steady_clock::now() + testutil::kBound;
  while (server_->Stats().connections_open > 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  EXPECT_EQ(server_->Stats().connections_open, 1u);
  auto d = Connect();
  auto rd = d->Request(Get("/healthz"));
  ASSERT_TRUE(rd);
  EXPECT_EQ(rd->result_int(), 200);
}

// "Basic eDp5" is x:y; AllowAll does not check it, but ApiHandler::SlowKey
// sends any request with credentials to the slow-request pool.
constexpr std::string_view kCredentials = "Authorization: Basic eDp5\r\n";

TEST_F(ServerTest, SlowRequestDoesNotHoldUpItsWorker) {
  Start(ServerLimits{}, /*threads=*/1);  // one worker: every connection shares it
  auto slow = Connect();
  ASSERT_TRUE(slow->Write(Get("/block", kCredentials)));
  ASSERT_TRUE(handler_wrapper_.WaitUntilBlocked(1));
  // While the password check is blocked, the same worker serves others.
  auto fast = Connect();
  auto r = fast->Request(Get("/ry/example/v2/monitoring/state"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  EXPECT_EQ(handler_wrapper_.block_returned(), 0) << "served only after the slow request";
  handler_wrapper_.Release();
  auto s = slow->Read();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->result_int(), 200);
  EXPECT_EQ(s->body(), "{\"released\":true}");
  EXPECT_TRUE(s->keep_alive());
  // The connection goes on after a pooled request, on its worker.
  auto again = slow->Request(Get("/healthz"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->result_int(), 200);
  EXPECT_EQ(server_->Stats().slow_requests, 1u);
  EXPECT_EQ(server_->Stats().slow_rejected, 0u);
}

TEST_F(ServerTest, OneTenantCannotTakeEverySlowSlot) {
  ServerLimits limits;
  limits.max_slow_requests = 8;
  limits.max_slow_requests_per_key = 2;
  Start(limits, /*threads=*/1);
  // Tenant a floods: two verifications are in flight, the third is refused
  // for a alone.
  auto a1 = Connect(), a2 = Connect();
  ASSERT_TRUE(a1->Write(Get("/block/a", kCredentials)));
  ASSERT_TRUE(handler_wrapper_.WaitUntilBlocked(1));
  ASSERT_TRUE(a2->Write(Get("/block/a", kCredentials)));
  auto a3 = Connect();
  const auto refused = [&] {
    // a2 is queued once a3's 503 can be seen; poll with a bound.
    const auto deadline = std::chrono::steady_clock::now() + testutil::kBound;
    for (;;) {
      auto r = a3->Request(Get("/block/a", kCredentials));
      if (!r || r->result_int() == 503 || std::chrono::steady_clock::now() > deadline) return r;
    }
  }();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->result_int(), 503);
  EXPECT_EQ(Field(*refused, "Retry-After"), "1");
  // Tenant b still gets a slot while a's flood is in progress.
  auto b = Connect();
  ASSERT_TRUE(b->Write(Get("/block/b", kCredentials)));
  handler_wrapper_.Release();
  for (auto* c : {a1.get(), a2.get(), b.get()}) {
    auto r = c->Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 200);
  }
  EXPECT_GE(server_->Stats().slow_rejected, 1u);
}

TEST_F(ServerTest, SlowPoolTakesTenantsInTurn) {
  ServerLimits limits;
  limits.max_slow_requests_per_key = 8;
  Start(limits, /*threads=*/1);  // one pool thread: the queue order is visible
  auto a1 = Connect();
  ASSERT_TRUE(a1->Write(Get("/block/a", kCredentials)));
  ASSERT_TRUE(handler_wrapper_.WaitUntilBlocked(1));
  // While a1 runs, a queues two more, then b one. First come, first served
  // would run b last; in turns, b runs right after a's next one.
  std::vector<std::unique_ptr<testutil::TestClient>> queued;
  // a1 counts once its worker is back from queueing it, which may be after
  // the pool thread already runs (and blocks in) it.
  std::uint64_t want = 1;
  {
    const auto deadline = std::chrono::steady_clock::now() + testutil::kBound;
    while (server_->Stats().slow_requests < want && std::chrono::steady_clock::now() < deadline)
      std::this_thread::yield();
    ASSERT_EQ(server_->Stats().slow_requests, want);
  }
  for (const char* target : {"/block/a", "/block/a", "/block/b"}) {
    queued.push_back(Connect());
    ASSERT_TRUE(queued.back()->Write(Get(target, kCredentials)));
    // Each is in the slow queue before the next is sent: wait until the
    // server has queued it (slow_requests counts a task once queued; the
    // request count, taken at parsing, came too early under ASan).
    ++want;
    const auto deadline = std::chrono::steady_clock::now() + testutil::kBound;
    while (server_->Stats().slow_requests < want && std::chrono::steady_clock::now() < deadline)
      std::this_thread::yield();
    ASSERT_EQ(server_->Stats().slow_requests, want);
  }
  handler_wrapper_.Release();
  for (auto& c : queued) {
    auto r = c->Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 200);
  }
  ASSERT_TRUE(a1->Read());
  std::vector<std::string> order;
  for (const testing::SeenRequest& seen : handler_wrapper_.seen()) order.push_back(seen.path);
  EXPECT_EQ(order, (std::vector<std::string>{"/block/a", "/block/a", "/block/b", "/block/a"}));
}

TEST_F(ServerTest, SlowRequestsOverTheLimitGet503AndKeepTheConnection) {
  ServerLimits limits;
  limits.max_slow_requests = 1;
  Start(limits, /*threads=*/2);
  auto first = Connect();
  ASSERT_TRUE(first->Write(Get("/block", kCredentials)));
  ASSERT_TRUE(handler_wrapper_.WaitUntilBlocked(1));
  auto second = Connect();
  auto r = second->Request(Get("/block", kCredentials));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 503);
  EXPECT_EQ(Field(*r, "Retry-After"), "1");
  EXPECT_TRUE(r->keep_alive());
  // Cookie requests are not limited by it.
  auto state = second->Request(Get("/ry/example/v2/monitoring/state"));
  ASSERT_TRUE(state);
  EXPECT_EQ(state->result_int(), 200);
  handler_wrapper_.Release();
  auto f = first->Read();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->result_int(), 200);
  // The slot is free again.
  auto retry = second->Request(Get("/block", kCredentials));
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->result_int(), 200);
  EXPECT_EQ(server_->Stats().slow_requests, 2u);
  EXPECT_EQ(server_->Stats().slow_rejected, 1u);
}

TEST_F(ServerTest, ShutdownWaitsForASlowRequest) {
  Start(ServerLimits{}, /*threads=*/1);
  auto slow = Connect();
  ASSERT_TRUE(slow->Write(Get("/block", kCredentials)));
  ASSERT_TRUE(handler_wrapper_.WaitUntilBlocked(1));
  server_->Shutdown(std::chrono::seconds(10));
  handler_wrapper_.Release();
  auto r = slow->Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  EXPECT_FALSE(r->keep_alive());
  EXPECT_TRUE(slow->ReadUntilClosed());
  slow.reset();
  auto waited = std::async(std::launch::async, [&] { server_->Wait(); });
  ASSERT_EQ(waited.wait_for(std::chrono::seconds(10)), std::future_status::ready);
}

TEST_F(ServerTest, GracefulShutdownFinishesInFlightRequests) {
  // Two workers, connections assigned round-robin: `idle` and `busy` live on
  // different threads, so the blocked handler does not hold up idle's drain.
  Start(ServerLimits{}, /*threads=*/2);
  auto idle = Connect();
  ASSERT_TRUE(idle->Request(Get("/healthz")));  // now idle in keep-alive
  auto busy = Connect();
  ASSERT_TRUE(busy->Write(Get("/block")));
  ASSERT_TRUE(handler_wrapper_.WaitUntilBlocked(1));

  server_->Shutdown(std::chrono::seconds(10));
  // Idle keep-alive connections are closed at once.
  std::string got;
  EXPECT_TRUE(idle->ReadUntilClosed(&got));
  EXPECT_EQ(got, "");
  // The in-flight request completes, with Connection: close.
  handler_wrapper_.Release();
  auto r = busy->Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  EXPECT_EQ(r->body(), "{\"released\":true}");
  EXPECT_FALSE(r->keep_alive());
  EXPECT_TRUE(busy->ReadUntilClosed());
  busy.reset();  // ends the server's lingering close at once
  // And the server stops; new connections are refused.
  auto waited = std::async(std::launch::async, [&] { server_->Wait(); });
  ASSERT_EQ(waited.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  TestClient late(port_);
  EXPECT_TRUE(late.Connect());
}

TEST_F(ServerTest, ShutdownDeadlineClosesStuckConnections) {
  ServerLimits limits;
  limits.read_timeout = std::chrono::seconds(30);
  Start(limits);
  auto c = Connect();
  ASSERT_TRUE(c->Write("GET /healthz HTTP/1.1\r\nHo"));  // mid-request, never finished
  server_->Shutdown(std::chrono::milliseconds(100));
  EXPECT_TRUE(c->ReadUntilClosed());
  auto waited = std::async(std::launch::async, [&] { server_->Wait(); });
  ASSERT_EQ(waited.wait_for(std::chrono::seconds(10)), std::future_status::ready);
}

TEST_F(ServerTest, MetricsText) {
  Start();
  auto c = Connect();
  ASSERT_TRUE(c->Request(Get("/healthz")));
  ASSERT_TRUE(c->Request(Get("/nope")));
  std::string text;
  server_->AppendMetrics(text);
  EXPECT_NE(text.find("tldmon_http_requests_total 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("tldmon_http_responses_total{code=\"2xx\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("tldmon_http_responses_total{code=\"4xx\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("tldmon_http_connections_open 1\n"), std::string::npos);
}

TEST(HttpServerStart, RejectsBadConfiguration) {
  FakeClock clock(0);
  testing::AllowAll access;
  testing::MapDocuments docs;
  ApiHandler api(access, docs, nullptr, clock);
  ServerConfig config;
  EXPECT_FALSE(HttpServer::Start(config, api, clock).ok());  // no endpoint
  config.endpoints.push_back({"not-an-address", 0, false});
  EXPECT_FALSE(HttpServer::Start(config, api, clock).ok());
  config.endpoints = {{"127.0.0.1", 0, true}};  // TLS without certificate files
  EXPECT_FALSE(HttpServer::Start(config, api, clock).ok());
  // A port already in use.
  config.endpoints = {{"127.0.0.1", 0, false}};
  auto first = HttpServer::Start(config, api, clock);
  ASSERT_TRUE(first.ok());
  config.endpoints = {{"127.0.0.1", first.value()->endpoints()[0].port, false}};
  const auto second = HttpServer::Start(config, api, clock);
  EXPECT_FALSE(second.ok());
}

}  // namespace
}  // namespace tldmon::mosapi
