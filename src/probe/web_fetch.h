// One HTTP(S) GET of the RDDS80 and RDAP tests (slam-algorithms.md §4.2,
// §4.3; probe-agent.md §1.7) with libcurl: on the agent's event loop through
// CurlMulti (curl_multi.h: no thread, thousands at once), or blocking on the
// calling thread (tests, tools).
//
// As RSM: redirects followed up to max_redirects, one timeout for the whole
// transfer (11 s), TLS peer and host verification OFF (the tests measure
// availability, not the certificate), RTT = libcurl's total time.
// Beyond RSM (documented deviations): RSM rewrites the URL to the IP literal
// and sends a Host header, so HTTPS goes without SNI; tldmon pins the chosen
// address with CURLOPT_RESOLVE and keeps the host name, so SNI and the Host
// header are the server's own. RDAP sends `Accept: application/rdap+json`
// (RFC 7480 §4.2); RSM sends no Accept header. A redirect to another host
// is resolved by the system resolver (RSM: the same).
#pragma once

#include <utility>  // before Boost headers (Boost 1.74)

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <string>

#include "probe/curl_multi.h"

namespace tldmon::probe {

struct WebFetchOptions {
  std::chrono::milliseconds timeout{11000};
  int max_redirects = 10;
  std::string accept;                  // "" = no Accept header
  std::size_t max_body_bytes = 4 << 20;  // a longer body is cut (body_truncated)
};

struct WebFetch {
  enum class Outcome {
    kResponse,          // an HTTP status arrived (see status)
    kTimeout,
    kConnectError,
    kTooManyRedirects,
    kProtocolError,     // any other failure: HTTP or HTTPS by the URL's scheme
    kBadUrl,
  };
  Outcome outcome = Outcome::kProtocolError;
  long status = 0;        // the final response's status (0: none)
  double total_ms = 0;    // kResponse: libcurl's total time
  bool https = false;     // the URL's scheme
  std::string body;
  bool body_truncated = false;
  std::string error;      // libcurl's message, for logs
};

// Blocking, on the calling thread.
WebFetch FetchPinned(const std::string& url, const boost::asio::ip::address& address,
                     const WebFetchOptions& options);
// The same on the event loop that runs `multi`.
boost::asio::awaitable<WebFetch> FetchPinned(CurlMulti& multi, std::string url,
                                             boost::asio::ip::address address,
                                             WebFetchOptions options);

// The host of an http(s) URL ("" when it is not one).
std::string UrlHost(const std::string& url);

}  // namespace tldmon::probe
