// CurlMulti against HTTP servers of this test on 127.0.0.1: the same
// outcomes as the blocking fetch, transfers really in flight at once on one
// thread (the server answers only when it holds them all), a silent server
// that times out without holding up the others, a refused connection.
#include "probe/curl_multi.h"

#include <gtest/gtest.h>

#include "probe/probe_test_server.h"
#include "probe/web_fetch.h"

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <vector>

namespace tldmon::probe {
namespace {

using testing::Http;
using testing::Response;
using testing::TestServer;
using tcp = boost::asio::ip::tcp;
namespace asio = boost::asio;

const asio::ip::address kLoopback = asio::ip::make_address("127.0.0.1");

// Runs `n` fetches of `urls[i % size]` at once through one CurlMulti on one
// io_context on this thread; the results in order of `urls`, and the order
// they completed in.
struct Batch {
  std::vector<WebFetch> results;
  std::vector<std::size_t> completed;
};
Batch FetchAll(const std::vector<std::string>& urls, WebFetchOptions options) {
  asio::io_context io;
  CurlMulti multi(io.get_executor());
  Batch b;
  b.results.resize(urls.size());
  for (std::size_t i = 0; i < urls.size(); ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          b.results[i] = co_await FetchPinned(multi, urls[i], kLoopback, options);
          b.completed.push_back(i);
        },
        asio::detached);
  }
  io.run();
  EXPECT_EQ(multi.active(), 0u);
  return b;
}

TEST(CurlMulti, GivesWhatTheBlockingFetchGives) {
  TestServer server(Http({{"/ok", Response("200 OK", "<html>whois</html>")},
                          {"/gone", Response("410 Gone", "")},
                          {"/r1", Response("302 Found", "", "Location: /r2\r\n")},
                          {"/r2", Response("302 Found", "", "Location: /ok\r\n")},
                          {"/loop", Response("302 Found", "", "Location: /loop\r\n")}}));
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  const std::vector<std::string> urls = {base + "/ok", base + "/gone", base + "/r1", base + "/loop",
                                         base + "/missing", "ftp://127.0.0.1/x"};
  WebFetchOptions options;
  options.timeout = std::chrono::milliseconds(5000);
  options.max_redirects = 3;
  const Batch b = FetchAll(urls, options);
  for (std::size_t i = 0; i < urls.size(); ++i) {
    const WebFetch blocking = FetchPinned(urls[i], kLoopback, options);
    EXPECT_EQ(b.results[i].outcome, blocking.outcome) << urls[i];
    EXPECT_EQ(b.results[i].status, blocking.status) << urls[i];
    EXPECT_EQ(b.results[i].body, blocking.body) << urls[i];
  }
  EXPECT_EQ(b.results[0].status, 200);
  EXPECT_EQ(b.results[0].body, "<html>whois</html>");
  EXPECT_GT(b.results[0].total_ms, 0);
  EXPECT_EQ(b.results[2].status, 200);  // two redirects followed
  EXPECT_EQ(b.results[3].outcome, WebFetch::Outcome::kTooManyRedirects);
  EXPECT_EQ(b.results[5].outcome, WebFetch::Outcome::kBadUrl);
}

TEST(CurlMulti, ManyTransfersAreInFlightAtOnceOnOneThread) {
  // The server answers no one until it holds all of them, and closes
  // without an answer after 4 s: only transfers really in flight together
  // can complete.
  constexpr int kTransfers = 40;
  std::atomic<int> held{0};
  TestServer server([&held](tcp::socket s) -> asio::awaitable<void> {
    asio::streambuf buf;
    boost::system::error_code ec;
    co_await asio::async_read_until(s, buf, "\r\n\r\n", asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    ++held;
    asio::steady_timer wait(s.get_executor());
    for (int i = 0; i < 400 && held.load() < kTransfers; ++i) {  // ≤ 4 s
      wait.expires_after(std::chrono::milliseconds(10));
      co_await wait.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (held.load() < kTransfers) co_return;  // gave up: closed without an answer
    const std::string out = Response("200 OK", "together");
    co_await asio::async_write(s, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
  });
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/";
  WebFetchOptions options;
  options.timeout = std::chrono::milliseconds(8000);
  const Batch b = FetchAll(std::vector<std::string>(kTransfers, url), options);
  EXPECT_EQ(held.load(), kTransfers);
  for (const WebFetch& f : b.results) {
    EXPECT_EQ(f.outcome, WebFetch::Outcome::kResponse) << f.error;
    EXPECT_EQ(f.body, "together");
  }
}

TEST(CurlMulti, ASilentServerTimesOutWithoutHoldingUpTheOthers) {
  TestServer silent([](tcp::socket s) -> asio::awaitable<void> {
    asio::steady_timer t(s.get_executor(), std::chrono::seconds(20));
    boost::system::error_code ec;
    co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  });
  TestServer fine(Http({{"/ok", Response("200 OK", "ok")}}));
  // A port nobody listens on: bind one, close it.
  std::uint16_t closed = 0;
  {
    asio::io_context io;
    tcp::acceptor a(io, tcp::endpoint(kLoopback, 0));
    closed = a.local_endpoint().port();
  }
  WebFetchOptions options;
  options.timeout = std::chrono::milliseconds(1500);
  const Batch b = FetchAll({"http://127.0.0.1:" + std::to_string(silent.port()) + "/",
                            "http://127.0.0.1:" + std::to_string(fine.port()) + "/ok",
                            "http://127.0.0.1:" + std::to_string(closed) + "/"},
                           options);
  EXPECT_EQ(b.results[0].outcome, WebFetch::Outcome::kTimeout);
  EXPECT_EQ(b.results[1].outcome, WebFetch::Outcome::kResponse);
  EXPECT_EQ(b.results[2].outcome, WebFetch::Outcome::kConnectError);
  ASSERT_EQ(b.completed.size(), 3u);
  EXPECT_EQ(b.completed.back(), 0u);  // the silent one ends last, by its timeout
}

}  // namespace
}  // namespace tldmon::probe
