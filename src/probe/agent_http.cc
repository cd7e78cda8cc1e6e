#include "probe/agent_http.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace tldmon::probe {

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

namespace {

struct ReplySink {
  std::string* body;
  std::string* etag;
  std::size_t max_bytes;
  bool too_large = false;
};

std::size_t WriteBody(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<ReplySink*>(user);
  const std::size_t bytes = size * n;
  if (sink->body->size() + bytes > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // aborts the transfer
  }
  sink->body->append(data, bytes);
  return bytes;
}

std::size_t ReadHeader(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<ReplySink*>(user);
  const std::size_t bytes = size * n;
  std::string_view line(data, bytes);
  constexpr std::string_view kName = "etag:";
  if (line.size() > kName.size() &&
      std::equal(kName.begin(), kName.end(), line.begin(),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
    line.remove_prefix(kName.size());
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) {
      line.remove_suffix(1);
    }
    *sink->etag = std::string(line);
  }
  return bytes;
}

}  // namespace

std::string JoinUrl(std::string_view base, std::string_view path) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  std::string url(base);
  if (!path.empty() && path.front() != '/') url += '/';
  url += path;
  return url;
}

CentralHttp::CentralHttp(CentralEndpoint endpoint) : endpoint_(std::move(endpoint)) {
  GlobalInitOnce();
  curl_ = curl_easy_init();
}

CentralHttp::~CentralHttp() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Result<HttpReply> CentralHttp::Send(const HttpRequest& request) {
  if (!curl_) return Internal("curl_easy_init failed");
  if (request.method != "GET" && request.method != "POST") {
    return InvalidArgument("unsupported method " + request.method);
  }
  auto* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);
  const std::string url = JoinUrl(endpoint_.base_url, request.path);
  HttpReply reply;
  ReplySink sink{&reply.body, &reply.etag, endpoint_.max_reply_bytes};
  char error[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!endpoint_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, endpoint_.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for timeouts
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(endpoint_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(endpoint_.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // accept what libcurl can decode
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &ReadHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &sink);

  curl_slist* headers = nullptr;
  std::string authorization;
  if (!endpoint_.token.empty()) {
    authorization = "Authorization: Bearer " + endpoint_.token;
    headers = curl_slist_append(headers, authorization.c_str());
  }
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  // No "Expect: 100-continue" round trip before a batch.
  headers = curl_slist_append(headers, "Expect:");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  } else {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  }

  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    if (sink.too_large) {
      return Unavailable(request.method + " " + url + ": reply larger than " +
                         std::to_string(endpoint_.max_reply_bytes) + " bytes");
    }
    if (rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL) {
      return InvalidArgument(request.method + " " + url + ": " + curl_easy_strerror(rc));
    }
    return Unavailable(request.method + " " + url + ": " +
                       (error[0] ? std::string(error) : std::string(curl_easy_strerror(rc))));
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

}  // namespace tldmon::probe
