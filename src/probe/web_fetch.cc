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

WebFetch FetchPinned(const std::string& url, const boost::asio::ip::address& address,
                     const WebFetchOptions& options) {
  WebFetch out;
  UrlParts parts;
  if (!ParseUrl(url, &parts)) {
    out.outcome = WebFetch::Outcome::kBadUrl;
    out.error = "not an http(s) URL";
    return out;
  }
  out.https = parts.scheme == "https";
  GlobalInitOnce();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    out.error = "curl_easy_init failed";
    return out;
  }
  CURL* c = curl.get();
  const std::string ip = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  const std::string pin = parts.host + ":" + std::to_string(parts.port) + ":" + ip;
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> resolve(
      curl_slist_append(nullptr, pin.c_str()), &curl_slist_free_all);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, &curl_slist_free_all);
  if (!options.accept.empty()) {
    headers.reset(curl_slist_append(nullptr, ("Accept: " + options.accept).c_str()));
  }
  Sink sink{&out.body, options.max_body_bytes};
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_RESOLVE, resolve.get());
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
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  out.body_truncated = sink.truncated;
  out.error = error[0] != '\0' ? error : curl_easy_strerror(rc);
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

}  // namespace tldmon::probe
