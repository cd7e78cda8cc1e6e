#include "probe/web_fetch.h"

#include <curl/curl.h>

#include <memory>

#include "probe/agent_http.h"

namespace tldmon::probe {
namespace {

struct Sink {
  std::string* body;
  std::size_t max;
  bool truncated = false;
};

std::size_t Write(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t bytes = size * n;
  const std::size_t room = sink->max - std::min(sink->max, sink->body->size());
  if (bytes > room) sink->truncated = true;
  sink->body->append(data, std::min(bytes, room));
  return bytes;  // keep reading: the RTT is the whole transfer's
}

struct UrlParts {
  std::string scheme, host;
  long port = 0;
};

bool ParseUrl(const std::string& url, UrlParts* out) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), &curl_url_cleanup);
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return false;
  char* scheme = nullptr;
  char* host = nullptr;
  char* port = nullptr;
  bool ok = curl_url_get(u.get(), CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
            curl_url_get(u.get(), CURLUPART_HOST, &host, 0) == CURLUE_OK &&
            curl_url_get(u.get(), CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK;
  if (ok) {
    out->scheme = scheme;
    out->host = host;
    out->port = std::strtol(port, nullptr, 10);
    ok = out->scheme == "http" || out->scheme == "https";
  }
  curl_free(scheme);
  curl_free(host);
  curl_free(port);
  return ok;
}

}  // namespace

std::string UrlHost(const std::string& url) {
  UrlParts parts;
  if (!ParseUrl(url, &parts)) return "";
  // curl keeps IPv6 literals bracketed.
  if (parts.host.size() > 2 && parts.host.front() == '[') return parts.host.substr(1, parts.host.size() - 2);
  return parts.host;
}

namespace {

// One configured transfer: the easy handle and everything it points to.
struct PreparedFetch {
  WebFetch out;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl{nullptr, &curl_easy_cleanup};
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> resolve{nullptr, &curl_slist_free_all};
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers{nullptr, &curl_slist_free_all};
  std::string url;
  Sink sink{nullptr, 0};
  char error[CURL_ERROR_SIZE] = {0};
  bool ready = false;  // false: `out` is already the answer (bad URL, no handle)
};

// Configures the transfer; `p` must not move afterwards (libcurl keeps pointers into it).
void Prepare(PreparedFetch* p, const std::string& url, const boost::asio::ip::address& address,
             const WebFetchOptions& options) {
  UrlParts parts;
  if (!ParseUrl(url, &parts)) {
    p->out.outcome = WebFetch::Outcome::kBadUrl;
    p->out.error = "not an http(s) URL";
    return;
  }
  p->out.https = parts.scheme == "https";
  GlobalInitOnce();
  p->curl.reset(curl_easy_init());
  if (!p->curl) {
    p->out.error = "curl_easy_init failed";
    return;
  }
  CURL* c = p->curl.get();
  p->url = url;
  const std::string ip = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  const std::string pin = parts.host + ":" + std::to_string(parts.port) + ":" + ip;
  p->resolve.reset(curl_slist_append(nullptr, pin.c_str()));
  if (!options.accept.empty()) p->headers.reset(curl_slist_append(nullptr, ("Accept: " + options.accept).c_str()));
  p->sink = Sink{&p->out.body, options.max_body_bytes};
  curl_easy_setopt(c, CURLOPT_URL, p->url.c_str());
  curl_easy_setopt(c, CURLOPT_RESOLVE, p->resolve.get());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, static_cast<long>(options.max_redirects));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "tldmon-probe");
  curl_easy_setopt(c, CURLOPT_PROXY, "");  // never through an environment proxy
  if (p->headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, p->headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &p->sink);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, p->error);
  p->ready = true;
}

WebFetch Finish(PreparedFetch* p, CURLcode rc) {
  WebFetch out = std::move(p->out);
  CURL* c = p->curl.get();
  out.body_truncated = p->sink.truncated;
  out.error = p->error[0] != '\0' ? p->error : curl_easy_strerror(rc);
  switch (rc) {
    case CURLE_OK: {
      out.outcome = WebFetch::Outcome::kResponse;
      curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
      double total = 0;
      curl_easy_getinfo(c, CURLINFO_TOTAL_TIME, &total);
      out.total_ms = total * 1000.0;
      break;
    }
    case CURLE_OPERATION_TIMEDOUT:
      out.outcome = WebFetch::Outcome::kTimeout;
      break;
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
      out.outcome = WebFetch::Outcome::kConnectError;
      break;
    case CURLE_TOO_MANY_REDIRECTS:
      out.outcome = WebFetch::Outcome::kTooManyRedirects;
      break;
    default:
      out.outcome = WebFetch::Outcome::kProtocolError;
      break;
  }
  return out;
}

}  // namespace

WebFetch FetchPinned(const std::string& url, const boost::asio::ip::address& address,
                     const WebFetchOptions& options) {
  PreparedFetch p;
  Prepare(&p, url, address, options);
  if (!p.ready) return std::move(p.out);
  return Finish(&p, curl_easy_perform(p.curl.get()));
}

boost::asio::awaitable<WebFetch> FetchPinned(CurlMulti& multi, std::string url,
                                             boost::asio::ip::address address,
                                             WebFetchOptions options) {
  // On the heap: libcurl keeps pointers into it while the coroutine waits.
  auto p = std::make_unique<PreparedFetch>();
  Prepare(p.get(), url, address, options);
  if (!p->ready) co_return std::move(p->out);
  const CURLcode rc = co_await multi.Perform(p->curl.get());
  co_return Finish(p.get(), rc);
}

}  // namespace tldmon::probe
