#include "alerts/curl_transfer.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace tldmon::alerts {
namespace {

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using List = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

// Appends `item` to `list`; false when out of memory (the list is kept).
bool Append(List* list, const std::string& item) {
  curl_slist* next = curl_slist_append(list->get(), item.c_str());
  if (next == nullptr) return false;
  list->release();  // curl_slist_append returned the same list, longer
  list->reset(next);
  return true;
}

std::size_t Collect(char* data, std::size_t size, std::size_t n, void* out) {
  auto* s = static_cast<std::string*>(out);
  if (s->size() < 4096) s->append(data, size * n);  // the start is enough for a message
  return size * n;
}

struct Reader {
  std::string_view rest;
};
std::size_t Feed(char* buffer, std::size_t size, std::size_t n, void* in) {
  auto* r = static_cast<Reader*>(in);
  const std::size_t k = std::min(size * n, r->rest.size());
  std::memcpy(buffer, r->rest.data(), k);
  r->rest.remove_prefix(k);
  return k;
}

void Common(CURL* c, const TransferOptions& o, char* error) {
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(o.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min(o.timeout_seconds, 5)));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  if (!o.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_file.c_str());
}

std::string Describe(CURLcode rc, const char* error) {
  return error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(rc));
}

}  // namespace

Result<std::string> HttpPost(const std::string& url, const std::vector<std::string>& headers,
                             std::string_view body, const TransferOptions& options) {
  GlobalInit();
  Easy c(curl_easy_init(), curl_easy_cleanup);
  if (!c) return Internal("curl_easy_init failed");
  char error[CURL_ERROR_SIZE] = {0};
  Common(c.get(), options, error);
  List list(nullptr, curl_slist_free_all);
  for (const std::string& h : headers)
    if (!Append(&list, h)) return Internal("out of memory");
  // No "Expect: 100-continue" round trip for a small body.
  if (!Append(&list, "Expect:")) return Internal("out of memory");
  std::string answer;
  curl_easy_setopt(c.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(c.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c.get(), CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(c.get(), CURLOPT_WRITEDATA, &answer);
  if (const CURLcode rc = curl_easy_perform(c.get()); rc != CURLE_OK)
    return Unavailable(fmt::format("POST {}: {}", url, Describe(rc, error)));
  long status = 0;
  curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) {
    if (answer.size() > 200) answer.resize(200);
    for (char& ch : answer)
      if (ch == '\n' || ch == '\r') ch = ' ';
    return Unavailable(fmt::format("POST {}: HTTP {} {}", url, status, answer));
  }
  return fmt::format("HTTP {}", status);
}

Result<std::string> SmtpSend(const SmtpMail& mail, const TransferOptions& options) {
  GlobalInit();
  Easy c(curl_easy_init(), curl_easy_cleanup);
  if (!c) return Internal("curl_easy_init failed");
  char error[CURL_ERROR_SIZE] = {0};
  Common(c.get(), options, error);
  List rcpt(nullptr, curl_slist_free_all);
  for (const std::string& to : mail.to)
    if (!Append(&rcpt, "<" + to + ">")) return Internal("out of memory");
  const std::string from = "<" + mail.from + ">";
  Reader reader{mail.message};
  curl_easy_setopt(c.get(), CURLOPT_URL, mail.url.c_str());
  curl_easy_setopt(c.get(), CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  // smtp:// with STARTTLS required: a server that does not offer it fails
  // the send rather than getting the alert in clear text.
  if (mail.starttls) curl_easy_setopt(c.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!mail.username.empty()) {
    curl_easy_setopt(c.get(), CURLOPT_USERNAME, mail.username.c_str());
    curl_easy_setopt(c.get(), CURLOPT_PASSWORD, mail.password.c_str());
  }
  curl_easy_setopt(c.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c.get(), CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c.get(), CURLOPT_READFUNCTION, Feed);
  curl_easy_setopt(c.get(), CURLOPT_READDATA, &reader);
  curl_easy_setopt(c.get(), CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mail.message.size()));
  if (const CURLcode rc = curl_easy_perform(c.get()); rc != CURLE_OK)
    return Unavailable(fmt::format("SMTP {}: {}", mail.url, Describe(rc, error)));
  long code = 0;
  curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &code);
  return fmt::format("SMTP {}", code);
}

}  // namespace tldmon::alerts
