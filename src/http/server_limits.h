// Every bound the HTTP server enforces on untrusted clients (DESIGN.md house
// rule 11), in one struct. Defaults per docs/api-server.md "Limits".
#pragma once

#include <chrono>
#include <cstddef>

namespace tldmon::http {

struct ServerLimits {
  // Request line plus header fields, in bytes → 431 and close.
  std::size_t max_header_bytes = 8 * 1024;
  // The request-target alone (within the header limit) → 414 and close.
  std::size_t max_target_bytes = 4 * 1024;
  // Request body (Content-Length or chunked) → 413 and close.
  std::size_t max_body_bytes = 64 * 1024;
  // One whole request, header and body, counted from its first byte; for a
  // new connection from accept (TLS handshake included). On expiry the
  // connection is closed, after a 408 if part of a request was read. This
  // is what defeats slow-loris clients: trickling bytes does not extend it.
  std::chrono::milliseconds read_timeout{10'000};
  // One whole response write → close.
  std::chrono::milliseconds write_timeout{10'000};
  // Keep-alive: time allowed between the end of a response and the first
  // byte of the next request → close.
  std::chrono::milliseconds idle_timeout{60'000};
  // Open connections across all endpoints. Beyond it a connection is
  // accepted, answered 503 and closed (at most `max_connections / 16 + 16`
  // such rejections are in progress at once; further ones are closed at once).
  std::size_t max_connections = 10'000;
  // Slow requests (RequestHandler::SlowKey: password verifications) waiting
  // for or running on the slow-request pool. Beyond it a slow request gets
  // 503 with Retry-After: 1 at once (the connection stays open), so that a
  // login flood cannot queue up unbounded work.
  std::size_t max_slow_requests = 64;
  // Of those, at most this many for one key (RequestHandler::SlowKey: the
  // tenant, e.g. "/ry/example"); beyond it 503 with Retry-After: 1 for that
  // key only. So a login flood against one tenant, even from many allowed
  // addresses, leaves the other tenants' logins their slots.
  std::size_t max_slow_requests_per_key = 16;
  // Default deadline of HttpServer::Shutdown(): in-flight requests may
  // finish within it, then every connection is closed.
  std::chrono::milliseconds shutdown_grace{10'000};
};

}  // namespace tldmon::http
