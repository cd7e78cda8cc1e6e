// CentralHttp: the probe's HTTP(S) client towards the central side
// (GET /probe/v1/config, POST /probe/v1/results), over libcurl's easy
// interface. Blocking: it runs on the pusher's and the config client's own
// threads, never on the scheduler's event loop.
//
// Security (issue 9 "Probe credentials"): TLS peer and host verification are
// always on; `ca_file` adds a CA bundle for self-signed set-ups. Redirects
// are not followed (the bearer token must not travel to another host). Only
// http and https URLs are accepted. Reply bodies are bounded.
//
// Thread-safety: one CentralHttp per thread (it keeps one connection alive).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace tldmon::probe {

struct CentralEndpoint {
  std::string base_url{};  // "https://central.example:8443" (no trailing path needed)
  std::string token{};   // the probe's bearer token ("" = no Authorization header)
  std::string ca_file{}; // "" = the system's CA store
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};  // whole request
  std::size_t max_reply_bytes = 64u << 20;
};

struct HttpRequest {
  std::string method = "GET";  // "GET" or "POST"
  std::string path;            // "/probe/v1/config", appended to base_url
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpReply {
  long status = 0;
  std::string etag;  // the ETag header, as sent ("" = none)
  std::string body;  // decoded if the central side compressed it
};

class CentralHttp {
 public:
  explicit CentralHttp(CentralEndpoint endpoint);
  ~CentralHttp();
  CentralHttp(const CentralHttp&) = delete;
  CentralHttp& operator=(const CentralHttp&) = delete;

  // Sends the request. Any HTTP status is a reply; Unavailable when no reply
  // came (connection refused, timeout, TLS failure: the message says which),
  // InvalidArgument for a bad URL or method.
  Result<HttpReply> Send(const HttpRequest& request);

  const CentralEndpoint& endpoint() const { return endpoint_; }

 private:
  CentralEndpoint endpoint_;
  void* curl_ = nullptr;  // CURL*, reused for keep-alive
};

// curl_global_init, once per process, before the first easy handle (it is
// not thread-safe itself; every libcurl user of the probe calls this).
void GlobalInitOnce();

// "base" + "/path" without a doubled or missing slash.
std::string JoinUrl(std::string_view base, std::string_view path);

}  // namespace tldmon::probe
