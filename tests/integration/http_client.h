// A minimal HTTP/1.1 client for end-to-end tests of `tldmon serve` over plain
// HTTP on loopback: one request per connection (Connection: close), bounded
// by a deadline, the response parsed into status, headers and body. Not a
// general client: just enough to log in, carry the session cookie and read
// documents (HTTPS is covered with the real curl in the demo test and
// tests/e2e).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tldmon::integration {

struct HttpResponse {
  int status = 0;  // 0: no response (connection failed or timed out)
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;
  // The value of the first header of that (lower-case) name, or "".
  std::string Header(const std::string& name) const;
};

// "http://127.0.0.1:8080" -> host "127.0.0.1", port 8080 (IPv4 only).
bool ParseHttpUrl(const std::string& url, std::string* host, std::uint16_t* port);

// GET `path` with `headers` ("Name: value" each), waiting at most `timeout`.
HttpResponse HttpGet(const std::string& base_url, const std::string& path,
                     const std::vector<std::string>& headers = {},
                     std::chrono::milliseconds timeout = std::chrono::seconds(30));

// "Basic <base64(user:password)>".
std::string BasicAuthorization(const std::string& user, const std::string& password);

// The `id=...` pair of a Set-Cookie value ("id=ABC; Path=/ry/x; ..."), for a
// Cookie header.
std::string CookiePair(const std::string& set_cookie);

}  // namespace tldmon::integration
