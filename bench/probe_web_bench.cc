// RDDS80/RDAP fetch cycle (issue 9): the web fetches of one 5-minute cycle of
// `--tlds` TLDs (RDDS80 and RDAP each: 2 × tlds fetches), a share of them
// (`--dead-percent`) against a server that accepts and never answers — each
// of those waits for its whole timeout (`--timeout-ms`, RSM's 11 s scaled
// down so the bench takes seconds). The rest get an answer after
// `--answer-ms`. tldmon's way: every fetch at once through CurlMulti on one
// thread. Baseline in the same process: the earlier design, blocking fetches
// on an 8-thread pool. Prints both wall times and the ratio; the pool's time
// grows with dead servers × timeout / 8, the loop's stays about one timeout.
//
//   build/release/bench/probe_web_bench [--tlds=500] [--dead-percent=10]
//                                       [--timeout-ms=2000] [--answer-ms=50]
#include <sys/resource.h>

#include <utility>  // before Boost headers (Boost 1.74)

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_args.h"
#include "probe/curl_multi.h"
#include "probe/probe_test_server.h"
#include "probe/web_fetch.h"

namespace {

using namespace tldmon;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Steady = std::chrono::steady_clock;

double Seconds(Steady::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

int main(int argc, char** argv) {
  const int tlds = bench::IntArg(argc, argv, "tlds", 500);
  const int dead_percent = bench::IntArg(argc, argv, "dead-percent", 10);
  const int timeout_ms = bench::IntArg(argc, argv, "timeout-ms", 2000);
  const int answer_ms = bench::IntArg(argc, argv, "answer-ms", 50);
  rlimit files{};
  getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;  // two descriptors per fetch in flight (client and server)
  setrlimit(RLIMIT_NOFILE, &files);

  probe::testing::TestServer dead([](tcp::socket s) -> asio::awaitable<void> {
    asio::steady_timer t(s.get_executor(), std::chrono::seconds(120));
    boost::system::error_code ec;
    co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  });
  probe::testing::TestServer live([answer_ms](tcp::socket s) -> asio::awaitable<void> {
    asio::streambuf buf;
    boost::system::error_code ec;
    co_await asio::async_read_until(s, buf, "\r\n\r\n", asio::redirect_error(asio::use_awaitable, ec));
    asio::steady_timer t(s.get_executor(), std::chrono::milliseconds(answer_ms));
    co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    const std::string out = probe::testing::Response("200 OK", "{\"ldhName\":\"nic.example\"}");
    co_await asio::async_write(s, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
  });
  std::vector<std::string> urls;
  const int fetches = 2 * tlds;
  for (int i = 0; i < fetches; ++i) {
    const bool is_dead = (i * 100 / fetches) < dead_percent;
    urls.push_back("http://127.0.0.1:" + std::to_string(is_dead ? dead.port() : live.port()) + "/");
  }
  probe::WebFetchOptions options;
  options.timeout = std::chrono::milliseconds(timeout_ms);
  const auto address = asio::ip::make_address("127.0.0.1");

  int loop_ok = 0, loop_timeouts = 0;
  const auto t0 = Steady::now();
  {
    asio::io_context io;
    probe::CurlMulti multi(io.get_executor());
    for (const std::string& url : urls)
      asio::co_spawn(
          io,
          [&, url]() -> asio::awaitable<void> {
            const probe::WebFetch f = co_await probe::FetchPinned(multi, url, address, options);
            loop_ok += f.outcome == probe::WebFetch::Outcome::kResponse ? 1 : 0;
            loop_timeouts += f.outcome == probe::WebFetch::Outcome::kTimeout ? 1 : 0;
          },
          asio::detached);
    io.run();
  }
  const double loop_s = Seconds(Steady::now() - t0);

  std::atomic<int> pool_ok{0}, pool_timeouts{0};
  const auto t1 = Steady::now();
  {
    asio::thread_pool pool(8);
    for (const std::string& url : urls)
      asio::post(pool, [&, url] {
        const probe::WebFetch f = probe::FetchPinned(url, address, options);
        pool_ok += f.outcome == probe::WebFetch::Outcome::kResponse ? 1 : 0;
        pool_timeouts += f.outcome == probe::WebFetch::Outcome::kTimeout ? 1 : 0;
      });
    pool.join();
  }
  const double pool_s = Seconds(Steady::now() - t1);

  std::printf("web fetches of one RDDS80+RDAP cycle: %d TLDs, %d fetches, %d %% to silent servers, "
              "timeout %d ms, answers after %d ms\n",
              tlds, fetches, dead_percent, timeout_ms, answer_ms);
  std::printf("  CurlMulti on the event loop (1 thread): %.2f s  (%d answered, %d timed out)\n", loop_s,
              loop_ok, loop_timeouts);
  std::printf("  baseline, blocking on an 8-thread pool: %.2f s  (%d answered, %d timed out)\n", pool_s,
              pool_ok.load(), pool_timeouts.load());
  std::printf("  pool / loop: %.1fx\n", pool_s / loop_s);
  return loop_ok + loop_timeouts == fetches ? 0 : 1;
}
