// Login fairness benchmark (issue "login starvation"): one tenant's login
// latency while another tenant floods the slow-request pool.
//
// In one process: a real HttpServer on 127.0.0.1 port 0 serving a
// MosapiService over an empty SqliteStore, with two registry entities:
//   ry/flood   allow-list 127.0.0.0/8, no account: every login is an unknown
//              user name, verified against the dummy hash (one full Argon2id)
//   ry/quiet   allow-list 127.0.0.1/32, account quiet_ry
// and production Argon2id parameters (AuthLimits defaults, libsodium
// INTERACTIVE: 2 passes, 64 MiB), so hashing dominates a login.
//
// Phases, each for --seconds, run twice: on a server with the default
// per-tenant cap (max_slow_requests_per_key = 16 of max_slow_requests = 64)
// and on one with the cap off (per key = 64: one tenant may take every slot,
// as before the fix; the round-robin queue cannot be switched off and stays):
//   baseline  tenant B (ry/quiet) logs in sequentially, nothing else runs;
//   flood     --clients keep-alive clients, bound round-robin to --sources
//             addresses 127.0.0.2.., send logins with unknown user names to
//             ry/flood back to back; after a ramp so that the pool is full,
//             B logs in sequentially as in the baseline.
// B opens a fresh connection per attempt (what a client's login call does)
// and retries a 503/429 after --retry-ms (default: the server's
// Retry-After: 1); a login's time runs from its first attempt to its 200, so
// refusals show up as latency, and also as counts.
//
// Printed: per phase B's completed logins, refused attempts (503, 429),
// p50/p99 of the time to log in and the ratio flood/baseline of each, and
// the flood's answers (401 = hashed and refused, 503 = refused without a
// slot). Not a test: it prints figures, no thresholds.
//
// Rate limits: the login limits (30 attempts per source, 10 per account per
// minute by default) would refuse B's sequential logins after ten, and would
// thin the flood to the 600 verifications a minute of 20 sources; they are
// raised out of the way because the subject is the pool. The Authenticator's
// clock is a FakeClock that never moves (no rate window ends, no session
// expires during the run), as nothing measured depends on it.

// <utility> must come before any Boost header (Boost 1.74 misses it with
// GCC 12); include sorting would move it.
// clang-format off
#include <utility>
// clang-format on

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bench_args.h"
#include "auth/authenticator.h"
#include "auth/ip_prefix.h"
#include "auth/role.h"
#include "core/clock.h"
#include "core/entity_id.h"
#include "documents/document_store.h"
#include "http/http_server.h"
#include "mosapi/mosapi_service.h"
#include "store/sqlite/sqlite_store.h"

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Steady = std::chrono::steady_clock;

// Every client operation is bounded, so a server that stops answering ends
// the run with errors instead of hanging it.
constexpr std::chrono::seconds kIoBound{30};
// The flood runs this long before B starts measuring: time to fill the pool.
constexpr std::chrono::milliseconds kRamp{500};
// The FakeClock's fixed time (2026-01-01T00:00:00Z); any time would do.
constexpr tldmon::UnixSeconds kNow = 1767225600;
// Out of the way of the flood, see the header comment.
constexpr int kUnlimited = 1'000'000'000;

const tldmon::EntityId kFlood{tldmon::EntityKind::kRegistry, "flood"};
const tldmon::EntityId kQuiet{tldmon::EntityKind::kRegistry, "quiet"};
constexpr std::string_view kQuietUser = "quiet_ry";
constexpr std::string_view kQuietPassword = "quiet-login-bench";

struct Options {
  int seconds = 5;
  int clients = 64;
  int sources = 20;
  // B's pause after a 503 or 429 before it tries again: by default what the
  // server asks for (Retry-After: 1). 0 retries at once, which turns B into a
  // poller that snatches a slot the moment one frees.
  int retry_ms = 1000;
  // A flooding client's pause after a 503 (0: a hostile client that ignores
  // Retry-After and hammers).
  int flood_pause_ms = 0;
  // How many spellings of tenant A's login path the flood uses (client i
  // uses spelling i % N; 1: the plain path only). Each spelling is the same
  // route; whether the per-tenant cap still holds is what this probes.
  int flood_spellings = 1;
};

using tldmon::bench::IntArg;

std::string BasicHeader(std::string_view user, std::string_view password) {
  const std::string plain = std::string(user) + ":" + std::string(password);
  std::string out(sodium_base64_encoded_len(plain.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(plain.data()),
                    plain.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return "Basic " + out;
}

// "/<entity>/login", with the characters of "<entity>" whose bit is set in
// `spelling` percent-encoded ("/ry/%66lood/login"): the router decodes the
// path, so every spelling is the same login route of the same tenant.
std::string LoginTarget(const tldmon::EntityId& entity, unsigned spelling) {
  std::string target = "/";
  unsigned bit = 0;
  for (const char c : entity.Path()) {
    if (c != '/' && ((spelling >> bit++) & 1U) != 0) {
      char escape[4];
      std::snprintf(escape, sizeof escape, "%%%02X", static_cast<unsigned char>(c));
      target += escape;
    } else {
      target += c;
    }
  }
  return target + "/login";
}

bhttp::request<bhttp::empty_body> LoginRequest(const std::string& target,
                                               const std::string& authorization) {
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::authorization, authorization);
  req.keep_alive(true);
  return req;
}

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// Nearest-rank percentile; NaN for no samples.
double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

// Connects `stream` from `source` (so the server sees that peer address).
net::awaitable<boost::system::error_code> Connect(beast::tcp_stream& stream,
                                                  const tcp::endpoint& server,
                                                  const net::ip::address_v4& source) {
  boost::system::error_code ec;
  stream.socket().open(tcp::v4(), ec);
  if (!ec) stream.socket().bind(tcp::endpoint(source, 0), ec);
  if (ec) co_return ec;
  stream.expires_after(kIoBound);
  co_await stream.async_connect(server, net::redirect_error(net::use_awaitable, ec));
  co_return ec;
}

// One request and its answer on an open stream: the status, 0 on an I/O
// error; *keep_alive whether the server keeps the connection.
net::awaitable<int> Exchange(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                             const bhttp::request<bhttp::empty_body>& req, bool* keep_alive) {
  boost::system::error_code ec;
  stream.expires_after(kIoBound);
  co_await bhttp::async_write(stream, req, net::redirect_error(net::use_awaitable, ec));
  if (ec) co_return 0;
  bhttp::response<bhttp::string_body> res;
  co_await bhttp::async_read(stream, buffer, res, net::redirect_error(net::use_awaitable, ec));
  if (ec) co_return 0;
  *keep_alive = res.keep_alive();
  co_return res.result_int();
}

// What the flooding clients got back, and over how long.
struct FloodResult {
  std::uint64_t s401 = 0;
  std::uint64_t s503 = 0;
  std::uint64_t s429 = 0;
  std::uint64_t other = 0;
  double seconds = 0;
};

struct FloodCounts {
  std::atomic<std::uint64_t> s401{0};   // hashed (dummy hash) and refused
  std::atomic<std::uint64_t> s503{0};   // refused without a slot
  std::atomic<std::uint64_t> s429{0};   // a login rate limit (should not happen here)
  std::atomic<std::uint64_t> other{0};  // any other status, or an I/O error
};

// The flood: `clients` keep-alive clients on one thread of their own (so
// the flood's client side uses at most one core), until Stop().
class Flood {
 public:
  Flood(const tcp::endpoint& server, const Options& options)
      : server_(server), pause_(options.flood_pause_ms) {
    for (int i = 0; i < options.clients; ++i) {
      // Unknown user names are counted per source only and never locked
      // out, so the flood stays on the hashing path however long it runs;
      // one name per client, as a real flood would vary them.
      const auto source =
          net::ip::address_v4(0x7F000002U + static_cast<std::uint32_t>(i % options.sources));
      const auto spelling = static_cast<unsigned>(i % options.flood_spellings);
      net::co_spawn(ioc_,
                    Client(source, LoginTarget(kFlood, spelling), "nobody" + std::to_string(i)),
                    net::detached);
    }
    started_ = Steady::now();
    thread_ = std::thread([this] { ioc_.run(); });
  }
  Flood(const Flood&) = delete;
  Flood& operator=(const Flood&) = delete;
  ~Flood() { Stop(); }

  // Ends the flood at once: requests in flight are abandoned (the server
  // finishes them on its own); the clients' sockets close when the Flood is
  // destroyed.
  FloodResult Stop() {
    if (thread_.joinable()) {
      stopped_ = Steady::now();
      stop_.store(true);
      ioc_.stop();
      thread_.join();
    }
    return {counts_.s401.load(), counts_.s503.load(), counts_.s429.load(), counts_.other.load(),
            std::chrono::duration<double>(stopped_ - started_).count()};
  }

 private:
  net::awaitable<void> Client(net::ip::address_v4 source, std::string target, std::string user) {
    const auto req = LoginRequest(target, BasicHeader(user, "wrong"));
    while (!stop_.load(std::memory_order_relaxed)) {
      beast::tcp_stream stream(co_await net::this_coro::executor);
      if (co_await Connect(stream, server_, source)) {
        counts_.other.fetch_add(1);
        continue;
      }
      beast::flat_buffer buffer;
      bool keep_alive = true;
      while (keep_alive && !stop_.load(std::memory_order_relaxed)) {
        keep_alive = false;
        switch (co_await Exchange(stream, buffer, req, &keep_alive)) {
          case 401:
            counts_.s401.fetch_add(1, std::memory_order_relaxed);
            break;
          case 503:
            counts_.s503.fetch_add(1, std::memory_order_relaxed);
            if (pause_.count() > 0) {
              net::steady_timer timer(co_await net::this_coro::executor, pause_);
              co_await timer.async_wait(net::use_awaitable);
            }
            break;
          case 429:
            counts_.s429.fetch_add(1, std::memory_order_relaxed);
            break;
          default:
            counts_.other.fetch_add(1, std::memory_order_relaxed);
            keep_alive = false;
        }
      }
    }
  }

  tcp::endpoint server_;
  std::chrono::milliseconds pause_;
  net::io_context ioc_;
  std::atomic<bool> stop_{false};
  FloodCounts counts_;
  Steady::time_point started_;
  Steady::time_point stopped_;
  std::thread thread_;
};

// Tenant B's sequential logins for one phase.
struct QuietResult {
  std::vector<double> login_ms;  // first attempt to 200, per completed login
  std::uint64_t ok = 0;
  std::uint64_t s503 = 0;
  std::uint64_t s429 = 0;
  std::uint64_t other = 0;
  // A login still without a 200 when the phase ended, and how long it had
  // waited: refusals that never ended in a login.
  std::optional<double> unfinished_ms;
};

// Logs in as quiet_ry from 127.0.0.1 until `duration` has passed, each
// attempt on a fresh connection, a refusal retried after `retry` (a login
// that is not through when the phase ends is reported as unfinished).
QuietResult RunQuiet(const tcp::endpoint& server, Steady::duration duration,
                     std::chrono::milliseconds retry) {
  QuietResult result;
  net::io_context ioc;
  const auto req = LoginRequest(LoginTarget(kQuiet, 0), BasicHeader(kQuietUser, kQuietPassword));
  auto body = [&]() -> net::awaitable<void> {
    const Steady::time_point end = Steady::now() + duration;
    while (Steady::now() < end) {
      const Steady::time_point first = Steady::now();
      bool done = false;
      while (!done && Steady::now() < end) {
        beast::tcp_stream stream(ioc);
        int status = 0;
        if (!co_await Connect(stream, server, net::ip::address_v4::loopback())) {
          beast::flat_buffer buffer;
          bool keep_alive = false;
          status = co_await Exchange(stream, buffer, req, &keep_alive);
        }
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        switch (status) {
          case 200:
            ++result.ok;
            result.login_ms.push_back(Ms(Steady::now() - first));
            done = true;
            break;
          case 503:
            ++result.s503;
            break;
          case 429:
            ++result.s429;
            break;
          default:
            ++result.other;
        }
        if (!done && retry.count() > 0) {
          net::steady_timer timer(ioc, std::min<Steady::duration>(retry, end - Steady::now()));
          boost::system::error_code ignored_wait;
          co_await timer.async_wait(net::redirect_error(net::use_awaitable, ignored_wait));
        }
      }
      if (!done) result.unfinished_ms = Ms(Steady::now() - first);
    }
  };
  net::co_spawn(ioc, body(), net::detached);
  ioc.run();
  return result;
}

// One server configuration: its own Authenticator, service and HttpServer.
class Bench {
 public:
  static std::unique_ptr<Bench> Start(tldmon::store::Store& store,
                                      const tldmon::documents::DocumentStore& documents,
                                      const tldmon::Clock& clock, std::size_t per_key) {
    using namespace tldmon;
    auth::AuthLimits limits;  // production Argon2id cost (INTERACTIVE)
    limits.max_logins_per_source = kUnlimited;
    limits.max_logins_per_account = kUnlimited;
    auto authenticator = auth::Authenticator::Create(clock, limits);
    if (!authenticator.ok()) Die("authenticator: " + authenticator.status().ToString());
    auto b = std::unique_ptr<Bench>(new Bench);
    b->auth_ = std::move(authenticator).value();
    const auto loopback = auth::ParseAllowList({"127.0.0.0/8"});
    const auto quiet_only = auth::ParseAllowList({"127.0.0.1/32"});
    if (!loopback.ok() || !quiet_only.ok()) Die("allow-lists");
    Check(b->auth_->SetEntityAccess({kFlood, *loopback, auth::DefaultRoles(kFlood.kind)}));
    Check(b->auth_->SetEntityAccess({kQuiet, *quiet_only, auth::DefaultRoles(kQuiet.kind)}));
    Check(b->auth_->SetPassword(kQuietUser, kQuiet, kQuietPassword));
    b->service_ = std::make_unique<mosapi::MosapiService>(store, documents, *b->auth_, clock);
    http::ServerConfig config;
    config.endpoints.push_back({"127.0.0.1", 0, false});
    // threads and slow_threads stay 0: one of each per core, as `serve` runs.
    config.limits.max_slow_requests_per_key = per_key;
    auto server = http::HttpServer::Start(config, b->service_->handler(), clock);
    if (!server.ok()) Die("server: " + server.status().ToString());
    b->server_ = std::move(server).value();
    b->endpoint_ =
        tcp::endpoint(net::ip::make_address_v4("127.0.0.1"), b->server_->endpoints().at(0).port);
    return b;
  }

  const tcp::endpoint& endpoint() const { return endpoint_; }
  tldmon::http::ServerStats Stats() const { return server_->Stats(); }

  [[noreturn]] static void Die(const std::string& why) {
    std::fprintf(stderr, "login_fairness_bench: %s\n", why.c_str());
    std::exit(1);
  }
  static void Check(const tldmon::Status& s) {
    if (!s.ok()) Die(s.ToString());
  }

 private:
  Bench() = default;
  // Destroyed in reverse order: the server first, then what it serves.
  std::unique_ptr<tldmon::auth::Authenticator> auth_;
  std::unique_ptr<tldmon::mosapi::MosapiService> service_;
  std::unique_ptr<tldmon::http::HttpServer> server_;
  tcp::endpoint endpoint_;
};

void PrintHeader() {
  std::printf("%-30s %6s %6s %5s %8s %8s %7s %7s %8s %9s %8s %6s\n", "phase", "B ok", "B 503",
              "B 429", "p50 ms", "p99 ms", "p50 x", "p99 x", "A 401/s", "A 503/s", "A 401",
              "A 503");
}

// A percentile of B's time to log in. A login still refused at the end of
// the phase counts with the time it had waited, as a lower bound: when the
// percentile lands on it, the figure is printed as ">=".
struct Figure {
  double ms = std::nan("");
  bool at_least = false;
};

Figure LoginPercentile(const QuietResult& b, double q) {
  std::vector<double> samples = b.login_ms;
  if (b.unfinished_ms) samples.push_back(*b.unfinished_ms);
  Figure f;
  f.ms = Percentile(samples, q);
  f.at_least = b.unfinished_ms && f.ms >= *b.unfinished_ms;
  return f;
}

std::string Format(double value, bool at_least, const char* format) {
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  return (at_least ? ">=" : "") + std::string(text);
}

void PrintRow(const char* phase, const QuietResult& b, const QuietResult& base,
              const FloodResult* flood) {
  const Figure p50 = LoginPercentile(b, 0.50);
  const Figure p99 = LoginPercentile(b, 0.99);
  const Figure b50 = LoginPercentile(base, 0.50);
  const Figure b99 = LoginPercentile(base, 0.99);
  std::printf("%-30s %6llu %6llu %5llu %8s %8s %7s %7s", phase,
              static_cast<unsigned long long>(b.ok), static_cast<unsigned long long>(b.s503),
              static_cast<unsigned long long>(b.s429), Format(p50.ms, p50.at_least, "%.1f").c_str(),
              Format(p99.ms, p99.at_least, "%.1f").c_str(),
              Format(p50.ms / b50.ms, p50.at_least, "%.2f").c_str(),
              Format(p99.ms / b99.ms, p99.at_least, "%.2f").c_str());
  if (flood != nullptr) {
    std::printf(" %8.1f %9.1f %8llu %6llu", static_cast<double>(flood->s401) / flood->seconds,
                static_cast<double>(flood->s503) / flood->seconds,
                static_cast<unsigned long long>(flood->s401),
                static_cast<unsigned long long>(flood->s503));
  }
  std::printf("\n");
  if (b.other > 0)
    std::printf("    B: %llu attempts failed otherwise (I/O error or other status)\n",
                static_cast<unsigned long long>(b.other));
  if (b.unfinished_ms)
    std::printf("    B: one login still without a 200 when the phase ended, after %.0f ms\n",
                *b.unfinished_ms);
  if (flood != nullptr && (flood->s429 > 0 || flood->other > 0))
    std::printf("    A: %llu answered 429, %llu failed otherwise\n",
                static_cast<unsigned long long>(flood->s429),
                static_cast<unsigned long long>(flood->other));
}

struct Measured {
  QuietResult baseline;
  QuietResult flood;
  FloodResult flood_counts;
  std::uint64_t slow_rejected = 0;  // the server's own count over the flood phase
};

Measured Measure(Bench& bench, const Options& options) {
  Measured m;
  const auto phase = std::chrono::seconds(options.seconds);
  // Warm-up: the first verifications map Argon2id's 64 MiB for the first time.
  const std::chrono::milliseconds retry(options.retry_ms);
  RunQuiet(bench.endpoint(), std::chrono::milliseconds(300), retry);
  m.baseline = RunQuiet(bench.endpoint(), phase, retry);
  const std::uint64_t rejected_before = bench.Stats().slow_rejected;
  auto flood = std::make_unique<Flood>(bench.endpoint(), options);
  std::this_thread::sleep_for(kRamp);
  m.flood = RunQuiet(bench.endpoint(), phase, retry);
  m.flood_counts = flood->Stop();
  flood.reset();
  m.slow_rejected = bench.Stats().slow_rejected - rejected_before;
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tldmon;
  Options options;
  options.seconds = std::max(1, IntArg(argc, argv, "seconds", options.seconds));
  options.clients = std::max(1, IntArg(argc, argv, "clients", options.clients));
  options.sources = std::clamp(IntArg(argc, argv, "sources", options.sources), 1, 250);
  options.retry_ms = std::max(0, IntArg(argc, argv, "retry-ms", options.retry_ms));
  options.flood_pause_ms =
      std::max(0, IntArg(argc, argv, "flood-pause-ms", options.flood_pause_ms));
  // "ry/flood" has 7 letters to escape or not: 128 spellings.
  options.flood_spellings =
      std::clamp(IntArg(argc, argv, "flood-spellings", options.flood_spellings), 1, 128);
  Bench::Check(auth::EnsureSodium());

  // The store is needed by the service's dynamic routes only; logins never
  // read it. A temporary directory, removed at the end.
  char dir_template[] = "/tmp/tldmon_login_bench_XXXXXX";
  if (::mkdtemp(dir_template) == nullptr) Bench::Die("mkdtemp failed");
  const std::filesystem::path dir = dir_template;
  auto opened = store::SqliteStore::Open((dir / "tldmon.db").string());
  if (!opened.ok()) Bench::Die("store: " + opened.status().ToString());
  std::unique_ptr<store::SqliteStore> store = std::move(opened).value();
  documents::DocumentStore documents;
  const FakeClock clock(kNow);

  const http::ServerLimits defaults;
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  std::printf(
      "login fairness: tenant B (ry/quiet) logs in sequentially while tenant A (ry/flood) is "
      "flooded\n"
      "  Argon2id opslimit=2 memlimit=64 MiB (defaults); server threads=%u slow_threads=%u; "
      "max_slow_requests=%zu\n"
      "  flood: %d keep-alive clients from %d sources (127.0.0.2..), unknown user names, back "
      "to back, pause after a 503: %d ms, %d spelling(s) of the path\n"
      "  B: fresh connection per attempt from 127.0.0.1, pause after a 503/429: %d ms; "
      "p50/p99 = first attempt to 200\n"
      "  %d s per phase (flood ramps %lld ms before B starts); login rate limits raised out of "
      "the way\n\n",
      cores, cores, defaults.max_slow_requests, options.clients, options.sources,
      options.flood_pause_ms, options.flood_spellings, options.retry_ms, options.seconds,
      static_cast<long long>(kRamp.count()));

  Measured fair;
  Measured unfair;
  {
    auto bench = Bench::Start(*store, documents, clock, defaults.max_slow_requests_per_key);
    fair = Measure(*bench, options);
  }
  {
    auto bench = Bench::Start(*store, documents, clock, defaults.max_slow_requests);
    unfair = Measure(*bench, options);
  }

  PrintHeader();
  char label[64];
  std::snprintf(label, sizeof label, "baseline, cap %zu/%zu", defaults.max_slow_requests_per_key,
                defaults.max_slow_requests);
  PrintRow(label, fair.baseline, fair.baseline, nullptr);
  std::snprintf(label, sizeof label, "flood, cap %zu/%zu (fix)", defaults.max_slow_requests_per_key,
                defaults.max_slow_requests);
  PrintRow(label, fair.flood, fair.baseline, &fair.flood_counts);
  std::snprintf(label, sizeof label, "baseline, cap %zu/%zu", defaults.max_slow_requests,
                defaults.max_slow_requests);
  PrintRow(label, unfair.baseline, unfair.baseline, nullptr);
  std::snprintf(label, sizeof label, "flood, cap %zu/%zu (no cap)", defaults.max_slow_requests,
                defaults.max_slow_requests);
  PrintRow(label, unfair.flood, unfair.baseline, &unfair.flood_counts);
  std::printf(
      "\n(p50 x, p99 x: flood / the same server's baseline. A 401: hashed and refused; A 503: "
      "refused without a slot.\n server slow_rejected over the flood phase: %llu with the cap, "
      "%llu without)\n",
      static_cast<unsigned long long>(fair.slow_rejected),
      static_cast<unsigned long long>(unfair.slow_rejected));

  const Figure fair_p99 = LoginPercentile(fair.flood, 0.99);
  const Figure unfair_p99 = LoginPercentile(unfair.flood, 0.99);
  std::printf("B's login p99 under the flood: %s ms with the per-tenant cap, %s ms without\n",
              Format(fair_p99.ms, fair_p99.at_least, "%.1f").c_str(),
              Format(unfair_p99.ms, unfair_p99.at_least, "%.1f").c_str());

  store.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}
