// Internals of HttpServer shared by http_server.cc and connection.h: the
// per-thread Worker (io_context, its connections, the timeout sweep) and
// what all connections read. Not part of the module's API.
#pragma once

#include <utility>  // before Boost: Boost 1.74 misses it with GCC 12

#include <array>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <string_view>

#include "http/fair_queue.h"
#include "http/http_date.h"
#include "http/request_handler.h"
#include "http/tls_context.h"
#include "http/server_limits.h"
#include "core/clock.h"

namespace tldmon::http::internal {

namespace net = boost::asio;
using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;
using Executor = net::io_context::executor_type;
// Sockets bound to a concrete io_context executor: no type-erased dispatch.
using Socket = net::ip::tcp::socket::rebind_executor<Executor>::other;
using Acceptor = net::ip::tcp::acceptor::rebind_executor<Executor>::other;
using Timer = net::steady_timer::rebind_executor<Executor>::other;

// Counters of one worker, written only by its thread, read by Stats().
struct alignas(64) WorkerCounters {
  std::atomic<std::uint64_t> accepted{0};
  std::atomic<std::uint64_t> rejected{0};
  std::atomic<std::uint64_t> requests{0};
  std::array<std::atomic<std::uint64_t>, 6> responses{};
  std::atomic<std::uint64_t> timeouts{0};
  std::atomic<std::uint64_t> tls_failures{0};
  std::atomic<std::uint64_t> slow_requests{0};
  std::atomic<std::uint64_t> slow_rejected{0};

  static void Add(std::atomic<std::uint64_t>& c) {
    c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }
};

// Read-only after Start (except the atomics); shared by every connection.
struct ServerShared {
  ServerLimits limits;
  RequestHandler* handler = nullptr;
  const Clock* clock = nullptr;
  // One TLS context per worker (ServerTlsContexts); null without HTTPS.
  std::unique_ptr<ServerTlsContexts> tls;
  // Runs RequestHandler::SlowKey requests; owned by HttpServer::Impl.
  net::thread_pool* slow_pool = nullptr;
  // Round-robin between SlowKeys in front of slow_pool; owned by Impl.
  FairQueue* slow_queue = nullptr;
  std::atomic<std::size_t> slow_in_flight{0};
  // Slow requests in flight per SlowKey (only keys with some in flight).
  // Touched only on the slow path, so a mutex costs nothing that matters.
  std::mutex slow_keys_mu;
  std::unordered_map<std::string, std::size_t> slow_by_key;  // GUARDED_BY(slow_keys_mu)
  // Set by Shutdown() before the workers hear of it, so that a response
  // being prepared on a busy worker already says "Connection: close".
  std::atomic<bool> draining{false};
  std::atomic<std::size_t> open_connections{0};
  std::atomic<std::size_t> rejecting{0};
  std::atomic<std::uint64_t> next_connection_id{1};
  std::size_t max_rejecting = 0;
};

enum class Phase : std::uint8_t { kHandshake, kIdle, kReading, kHandling, kWriting, kClosing };

class Worker;

// The part of a connection the worker's sweep sees. Lives on its worker's
// thread only.
class ConnectionBase {
 public:
  explicit ConnectionBase(Worker& worker);
  virtual ~ConnectionBase();
  ConnectionBase(const ConnectionBase&) = delete;
  ConnectionBase& operator=(const ConnectionBase&) = delete;

  // The deadline of the current phase passed.
  virtual void OnTimeout() = 0;
  // Shutdown began: close at once if between requests.
  virtual void OnDrain() = 0;
  // Shutdown deadline passed: close now.
  virtual void ForceClose() = 0;

  TimePoint deadline() const { return deadline_; }

 protected:
  void SetPhase(Phase phase, std::chrono::milliseconds timeout) {
    phase_ = phase;
    deadline_ = SteadyClock::now() + timeout;
  }
  void SetPhaseWithoutDeadline(Phase phase) {
    phase_ = phase;
    deadline_ = TimePoint::max();
  }

  Worker& worker_;
  Phase phase_ = Phase::kIdle;
  TimePoint deadline_ = TimePoint::max();

 private:
  friend class Worker;
  ConnectionBase* prev_ = nullptr;
  ConnectionBase* next_ = nullptr;
};

// One thread's event loop and the connections on it. Everything except
// counters, ctx() and Post-ed work is touched only on this worker's thread.
class Worker {
 public:
  // `index`: which of shared.tls's contexts this worker's connections use.
  Worker(ServerShared& shared, std::size_t index, std::chrono::milliseconds sweep_interval);
  ~Worker();

  net::io_context& ctx() { return ctx_; }
  ServerShared& shared() { return shared_; }
  // This worker's TLS context (only when the server has HTTPS endpoints).
  net::ssl::context& tls() { return shared_.tls->at(index_); }
  WorkerCounters& counters() { return counters_; }
  bool draining() const { return draining_ || shared_.draining.load(std::memory_order_relaxed); }

  void Run();  // the thread body
  // Thread-safe: schedules the drain on this worker's thread.
  void PostDrain(TimePoint deadline);

  // The Date header value for now, formatted once per second.
  std::string_view Date();

 private:
  friend class ConnectionBase;
  void Link(ConnectionBase* c);
  void Unlink(ConnectionBase* c);
  void ArmSweep();
  void Sweep();
  void BeginDrain(TimePoint deadline);

  ServerShared& shared_;
  std::size_t index_;
  std::chrono::milliseconds sweep_interval_;
  WorkerCounters counters_;
  ConnectionBase* head_ = nullptr;
  std::size_t count_ = 0;
  bool draining_ = false;
  bool forced_ = false;
  TimePoint drain_deadline_ = TimePoint::max();
  UnixSeconds date_second_ = -1;
  char date_[kImfFixdateLength] = {};
  // Declared last among the state above so it is destroyed first: pending
  // handlers may still unlink connections while the context is destroyed.
  net::io_context ctx_{1};
  std::optional<net::executor_work_guard<Executor>> work_;
  Timer sweep_timer_;
};

}  // namespace tldmon::http::internal
