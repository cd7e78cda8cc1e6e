#include "http/http_server.h"

#include <utility>  // before Boost: Boost 1.74 misses it with GCC 12

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <mutex>
#include <thread>

#include "http/connection.h"
#include "core/detached_completion.h"
#include "http/server_internal.h"
#include "http/tls_context.h"

namespace tldmon::http {

using namespace internal;  // NOLINT: this file implements the internals
using tcp = net::ip::tcp;

// ---- internal::ConnectionBase / Worker ----

namespace internal {

ConnectionBase::ConnectionBase(Worker& worker) : worker_(worker) { worker_.Link(this); }
ConnectionBase::~ConnectionBase() { worker_.Unlink(this); }

Worker::Worker(ServerShared& shared, std::size_t index, std::chrono::milliseconds sweep_interval)
    : shared_(shared),
      index_(index),
      sweep_interval_(sweep_interval),
      work_(std::in_place, ctx_.get_executor()),
      sweep_timer_(ctx_) {}

Worker::~Worker() = default;

void Worker::Link(ConnectionBase* c) {
  c->next_ = head_;
  if (head_) head_->prev_ = c;
  head_ = c;
  ++count_;
}

void Worker::Unlink(ConnectionBase* c) {
  if (c->prev_) c->prev_->next_ = c->next_;
  else head_ = c->next_;
  if (c->next_) c->next_->prev_ = c->prev_;
  c->prev_ = c->next_ = nullptr;
  --count_;
}

void Worker::Run() {
  ArmSweep();
  ctx_.run();
}

void Worker::ArmSweep() {
  // While draining, notice the last connection's end promptly.
  sweep_timer_.expires_after(draining_ ? std::min(sweep_interval_, std::chrono::milliseconds(5))
                                       : sweep_interval_);
  sweep_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) Sweep();
  });
}

// One pass over this worker's connections: enforce phase deadlines and the
// shutdown deadline. Callbacks only close or cancel sockets, so the list
// cannot change while it is walked (connections unlink when their
// coroutine ends, later, on this thread).
void Worker::Sweep() {
  const TimePoint now = SteadyClock::now();
  if (draining_ && now >= drain_deadline_ && !forced_) {
    forced_ = true;
    for (ConnectionBase* c = head_; c != nullptr; c = c->next_) c->ForceClose();
  }
  for (ConnectionBase* c = head_; c != nullptr; c = c->next_)
    if (c->deadline() <= now) c->OnTimeout();
  if (draining_ && count_ == 0) {
    // Nothing left: let run() return once in-flight handlers are done.
    work_.reset();
    return;
  }
  ArmSweep();
}

void Worker::PostDrain(TimePoint deadline) {
  net::post(ctx_, [this, deadline] { BeginDrain(deadline); });
}

void Worker::BeginDrain(TimePoint deadline) {
  drain_deadline_ = std::min(drain_deadline_, deadline);
  if (draining_) return;
  draining_ = true;
  for (ConnectionBase* c = head_; c != nullptr; c = c->next_) c->OnDrain();
  ArmSweep();  // replaces the pending wait with a short one
}

std::string_view Worker::Date() {
  const UnixSeconds now = shared_.clock->Now();
  if (now != date_second_) {
    FormatImfFixdate(now, date_);
    date_second_ = now;
  }
  return std::string_view(date_, kImfFixdateLength);
}

}  // namespace internal

// ---- HttpServer::Impl ----

class HttpServer::Impl {
 public:
  struct Listener {
    // Constructed in place: moving an unopened acceptor trips GCC's
    // -Wmaybe-uninitialized inside Asio.
    Listener(Worker* w, bool is_tls) : worker(w), acceptor(w->ctx()), tls(is_tls) {}
    Worker* worker;
    Acceptor acceptor;
    bool tls;
  };

  ~Impl() {
    // Wait() ran: no connection awaits the pool any more.
    slow_queue_.reset();
    slow_pool_.reset();
    // Acceptors belong to the workers' contexts: drop them first.
    listeners_.clear();
    workers_.clear();
  }

  Status Init(const ServerConfig& config, RequestHandler& handler, const Clock& clock);
  void StartThreads();
  void Shutdown(std::chrono::milliseconds grace);
  void Wait();
  ServerStats Stats() const;
  const ServerLimits& limits() const { return shared_.limits; }

  std::vector<BoundEndpoint> bound;

 private:
  Status Listen(const ListenEndpoint& endpoint, Worker& worker);
  net::awaitable<void> AcceptLoop(Listener& listener);
  Worker& NextWorker() {
    return *workers_[next_worker_.fetch_add(1, std::memory_order_relaxed) % workers_.size()];
  }
  template <class Stream>
  static net::awaitable<void> RunConnection(Worker& worker, Socket socket, bool reject);
  void Spawn(Worker& worker, Socket socket, bool tls, bool reject);

  ServerShared shared_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  std::vector<std::thread> threads_;
  std::optional<net::thread_pool> slow_pool_;
  std::optional<internal::FairQueue> slow_queue_;
  std::atomic<std::size_t> next_worker_{0};
  std::once_flag join_once_;
};

namespace {

std::chrono::milliseconds SweepInterval(const ServerLimits& l) {
  const auto shortest = std::min({l.read_timeout, l.write_timeout, l.idle_timeout});
  return std::clamp(shortest / 8, std::chrono::milliseconds(5), std::chrono::milliseconds(250));
}

}  // namespace

Status HttpServer::Impl::Init(const ServerConfig& config, RequestHandler& handler,
                              const Clock& clock) {
  if (config.endpoints.empty()) return InvalidArgument("http server: no endpoints configured");
  shared_.limits = config.limits;
  shared_.handler = &handler;
  shared_.clock = &clock;
  shared_.max_rejecting = config.limits.max_connections / 16 + 16;
  const bool any_tls = std::any_of(config.endpoints.begin(), config.endpoints.end(),
                                   [](const ListenEndpoint& e) { return e.tls; });
  std::size_t threads = config.threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  if (any_tls) {
    auto contexts = ServerTlsContexts::Make(config.tls, threads);
    if (!contexts.ok()) return contexts.status();
    shared_.tls = std::move(contexts).value();
  }
  for (std::size_t i = 0; i < threads; ++i)
    workers_.push_back(std::make_unique<Worker>(shared_, i, SweepInterval(config.limits)));
  slow_pool_.emplace(config.slow_threads == 0 ? threads : config.slow_threads);
  shared_.slow_pool = &*slow_pool_;
  slow_queue_.emplace(*slow_pool_);
  shared_.slow_queue = &*slow_queue_;
  for (std::size_t i = 0; i < config.endpoints.size(); ++i)
    TLDMON_RETURN_IF_ERROR(Listen(config.endpoints[i], *workers_[i % workers_.size()]));
  return Status::Ok();
}

Status HttpServer::Impl::Listen(const ListenEndpoint& endpoint, Worker& worker) {
  boost::system::error_code ec;
  const auto address = net::ip::make_address(endpoint.address, ec);
  if (ec) return InvalidArgument("http server: bad listen address '" + endpoint.address + "'");
  const tcp::endpoint ep(address, endpoint.port);
  auto listener = std::make_unique<Listener>(&worker, endpoint.tls);
  Acceptor& a = listener->acceptor;
  const std::string where = endpoint.address + " port " + std::to_string(endpoint.port);
  if (a.open(ep.protocol(), ec); ec) return IoError("http server: open " + where + ": " + ec.message());
  a.set_option(tcp::acceptor::reuse_address(true), ec);
  if (address.is_v6() && address.to_v6().is_unspecified())
    a.set_option(net::ip::v6_only(false), ec);  // "::" serves IPv4 too
  if (a.bind(ep, ec); ec) return IoError("http server: bind " + where + ": " + ec.message());
  if (a.listen(net::socket_base::max_listen_connections, ec); ec)
    return IoError("http server: listen " + where + ": " + ec.message());
  bound.push_back({endpoint.address, a.local_endpoint(ec).port(), endpoint.tls});
  listeners_.push_back(std::move(listener));
  return Status::Ok();
}

void HttpServer::Impl::StartThreads() {
  for (auto& l : listeners_)
    net::co_spawn(l->worker->ctx(), AcceptLoop(*l), DetachedCompletion("http accept loop"));
  for (auto& w : workers_) threads_.emplace_back([worker = w.get()] { worker->Run(); });
}

template <class Stream>
net::awaitable<void> HttpServer::Impl::RunConnection(Worker& worker, Socket socket, bool reject) {
  auto connection = std::make_shared<Connection<Stream>>(worker, std::move(socket), reject);
  co_await connection->Run();
}

void HttpServer::Impl::Spawn(Worker& worker, Socket socket, bool tls, bool reject) {
  if (tls) {
    net::co_spawn(worker.ctx(), RunConnection<TlsStream>(worker, std::move(socket), reject),
                  DetachedCompletion("http connection"));
  } else {
    net::co_spawn(worker.ctx(), RunConnection<Socket>(worker, std::move(socket), reject),
                  DetachedCompletion("http connection"));
  }
}

net::awaitable<void> HttpServer::Impl::AcceptLoop(Listener& listener) {
  Timer backoff(listener.worker->ctx());
  for (;;) {
    Worker& target = NextWorker();
    boost::system::error_code ec;
    Socket socket = co_await listener.acceptor.async_accept(
        target.ctx(), net::redirect_error(net::use_awaitable, ec));
    if (ec) {
      if (ec == net::error::operation_aborted || !listener.acceptor.is_open()) co_return;
      // Out of descriptors or a transient error: do not spin.
      backoff.expires_after(std::chrono::milliseconds(50));
      co_await backoff.async_wait(net::redirect_error(net::use_awaitable, ec));
      if (!listener.acceptor.is_open()) co_return;
      continue;
    }
    if (shared_.draining.load(std::memory_order_relaxed)) co_return;
    const std::size_t open = shared_.open_connections.fetch_add(1, std::memory_order_relaxed);
    if (open < shared_.limits.max_connections) {
      WorkerCounters::Add(listener.worker->counters().accepted);
      Spawn(target, std::move(socket), listener.tls, /*reject=*/false);
      continue;
    }
    shared_.open_connections.fetch_sub(1, std::memory_order_relaxed);
    WorkerCounters::Add(listener.worker->counters().rejected);
    // Over the limit: answer 503 and close, unless too many such answers
    // are already in progress, then just close.
    if (shared_.rejecting.fetch_add(1, std::memory_order_relaxed) < shared_.max_rejecting) {
      Spawn(target, std::move(socket), listener.tls, /*reject=*/true);
    } else {
      shared_.rejecting.fetch_sub(1, std::memory_order_relaxed);
      socket.close(ec);
    }
  }
}

void HttpServer::Impl::Shutdown(std::chrono::milliseconds grace) {
  shared_.draining.store(true, std::memory_order_relaxed);
  const TimePoint deadline = SteadyClock::now() + grace;
  for (auto& l : listeners_) {
    Listener* listener = l.get();
    net::post(listener->worker->ctx(), [listener] {
      boost::system::error_code ec;
      listener->acceptor.close(ec);
    });
  }
  for (auto& w : workers_) w->PostDrain(deadline);
}

void HttpServer::Impl::Wait() {
  std::call_once(join_once_, [this] {
    for (auto& t : threads_)
      if (t.joinable()) t.join();
    // Every connection has ended, so the pool has nothing left to run.
    if (slow_pool_) slow_pool_->join();
  });
}

ServerStats HttpServer::Impl::Stats() const {
  ServerStats s;
  auto get = [](const std::atomic<std::uint64_t>& c) { return c.load(std::memory_order_relaxed); };
  for (const auto& w : workers_) {
    const WorkerCounters& c = w->counters();
    s.connections_accepted += get(c.accepted);
    s.connections_rejected += get(c.rejected);
    s.requests += get(c.requests);
    for (std::size_t i = 0; i < 6; ++i) s.responses_by_class[i] += get(c.responses[i]);
    s.timeouts += get(c.timeouts);
    s.tls_handshake_failures += get(c.tls_failures);
    s.slow_requests += get(c.slow_requests);
    s.slow_rejected += get(c.slow_rejected);
  }
  s.connections_open = shared_.open_connections.load(std::memory_order_relaxed);
  return s;
}

// ---- HttpServer ----

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const ServerConfig& config,
                                                      RequestHandler& handler,
                                                      const Clock& clock) {
  auto impl = std::make_unique<Impl>();
  TLDMON_RETURN_IF_ERROR(impl->Init(config, handler, clock));
  impl->StartThreads();
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::~HttpServer() {
  Shutdown(std::chrono::milliseconds(0));
  Wait();
}

const std::vector<HttpServer::BoundEndpoint>& HttpServer::endpoints() const {
  return impl_->bound;
}

void HttpServer::Shutdown(std::chrono::milliseconds grace) { impl_->Shutdown(grace); }

void HttpServer::Shutdown() { impl_->Shutdown(impl_->limits().shutdown_grace); }

void HttpServer::Wait() { impl_->Wait(); }

ServerStats HttpServer::Stats() const { return impl_->Stats(); }

void HttpServer::AppendMetrics(std::string& out) const {
  const ServerStats s = Stats();
  auto counter = [&](const char* name, const char* help, std::uint64_t v) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += " counter\n";
    out += name;
    out += ' ';
    out += std::to_string(v);
    out += '\n';
  };
  counter("tldmon_http_connections_accepted_total", "Connections accepted.",
          s.connections_accepted);
  counter("tldmon_http_connections_rejected_total",
          "Connections refused over the connection limit (503).", s.connections_rejected);
  out += "# HELP tldmon_http_connections_open Open connections.\n"
         "# TYPE tldmon_http_connections_open gauge\ntldmon_http_connections_open ";
  out += std::to_string(s.connections_open);
  out += '\n';
  counter("tldmon_http_requests_total", "Complete requests handled.", s.requests);
  out += "# HELP tldmon_http_responses_total Responses sent, by status class.\n"
         "# TYPE tldmon_http_responses_total counter\n";
  for (int c = 1; c <= 5; ++c) {
    out += "tldmon_http_responses_total{code=\"";
    out += std::to_string(c);
    out += "xx\"} ";
    out += std::to_string(s.responses_by_class[c]);
    out += '\n';
  }
  counter("tldmon_http_timeouts_total", "Connections ended by a read, write or idle timeout.",
          s.timeouts);
  counter("tldmon_http_tls_handshake_failures_total", "Failed TLS handshakes.",
          s.tls_handshake_failures);
  counter("tldmon_http_slow_requests_total",
          "Requests run on the slow-request pool (password verifications).", s.slow_requests);
  counter("tldmon_http_slow_rejected_total",
          "Slow requests answered 503 over the max_slow_requests limit.", s.slow_rejected);
}

}  // namespace tldmon::http
