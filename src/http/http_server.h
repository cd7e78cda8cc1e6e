// HttpServer: the HTTP/1.1 and HTTPS server in front of MoSAPI
// (docs/api-server.md). Boost.Beast parsing, Boost.Asio with C++20
// coroutines, OpenSSL 3.
//
// Threading: N worker threads, each running its own io_context; a
// connection lives on one worker from accept to close, so nothing on the
// request path takes a lock or a strand. Requests of one connection are
// handled strictly in order (pipelining-safe). Timeouts are enforced by a
// per-worker sweep over its connections, not by a timer per operation.
//
// Every public method is thread-safe. The RequestHandler and Clock passed
// to Start must outlive the server.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "http/request_handler.h"
#include "http/server_config.h"
#include "core/clock.h"
#include "core/status.h"

namespace tldmon::http {

struct ServerStats {
  std::uint64_t connections_accepted = 0;  // counted below max_connections
  std::uint64_t connections_rejected = 0;  // over max_connections: 503 (or closed at once)
  std::uint64_t connections_open = 0;
  std::uint64_t requests = 0;              // complete requests handed to the handler
  std::uint64_t responses_by_class[6] = {};  // [1] = 1xx … [5] = 5xx (incl. server errors)
  std::uint64_t timeouts = 0;                // connections ended by a read/write/idle timeout
  std::uint64_t tls_handshake_failures = 0;
  std::uint64_t slow_requests = 0;   // run on the slow-request pool (RequestHandler::SlowKey)
  std::uint64_t slow_rejected = 0;   // 503: over ServerLimits::max_slow_requests
};

class HttpServer {
 public:
  struct BoundEndpoint {
    std::string address;
    std::uint16_t port = 0;  // the actual port, also when 0 was configured
    bool tls = false;
  };

  // Binds every endpoint, then starts the worker threads. Fails (and starts
  // nothing) when an address cannot be bound or the TLS files are unusable.
  // The clock supplies the Date header.
  static Result<std::unique_ptr<HttpServer>> Start(const ServerConfig& config,
                                                   RequestHandler& handler, const Clock& clock);

  // Shutdown(0) and Wait().
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // In configuration order.
  const std::vector<BoundEndpoint>& endpoints() const;

  // Graceful shutdown, for the app's SIGTERM handler: stop accepting, close
  // idle keep-alive connections, let requests in progress finish (their
  // responses carry "Connection: close"), and after `grace` close whatever
  // is left. Returns at once; call Wait() to block until done. A second
  // call may only shorten the deadline.
  void Shutdown(std::chrono::milliseconds grace);
  void Shutdown();  // with ServerLimits::shutdown_grace

  // Blocks until every worker thread has exited (after Shutdown).
  void Wait();

  ServerStats Stats() const;
  // Prometheus text exposition of Stats() (tldmon_http_* families).
  void AppendMetrics(std::string& out) const;

  class Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tldmon::http
