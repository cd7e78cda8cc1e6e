// Configuration of an HttpServer: endpoints, worker threads, TLS, limits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "http/server_limits.h"

namespace tldmon::http {

struct ListenEndpoint {
  std::string address = "127.0.0.1";  // IPv4 or IPv6 literal; "::" listens dual-stack
  std::uint16_t port = 0;             // 0: the kernel picks one (HttpServer::endpoints())
  bool tls = false;
};

// TLS for every endpoint with tls = true: TLS 1.2 and 1.3 only, ECDHE key
// exchange only (docs/api-server.md "TLS").
struct TlsSettings {
  std::string certificate_file;  // PEM, the server certificate (chain allowed)
  std::string private_key_file;  // PEM
  // Ask clients for a certificate (optional for them; never verified by the
  // server, the auth module checks it against TLSA, mosapi-api.md §4.4).
  bool request_client_certificate = true;
  // Lowest protocol version accepted: 12 (TLS 1.2, default) or 13 (TLS 1.3
  // only, as ICANN announced it would require one day).
  int min_version = 12;
};

struct ServerConfig {
  std::vector<ListenEndpoint> endpoints;
  std::size_t threads = 0;  // 0: std::thread::hardware_concurrency()
  // Threads that run the requests the handler calls slow (password checks,
  // RequestHandler::SlowKey); 0: as many as `threads` after its default.
  std::size_t slow_threads = 0;
  TlsSettings tls;
  ServerLimits limits;
};

}  // namespace tldmon::http
