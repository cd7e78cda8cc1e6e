#include "alerts/channel_config.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <tuple>
#include <memory>

namespace tldmon::alerts {
namespace {

Status BadKey(const ChannelConfig& c, std::string_view key, std::string_view what) {
  return InvalidArgument(fmt::format("alert channel '{}' ({}): bad {}: {}", c.name,
                                     ChannelTypeName(c.type), key, what));
}

std::string Part(CURLU* u, CURLUPart part) {
  char* v = nullptr;
  if (curl_url_get(u, part, &v, 0) != CURLUE_OK || v == nullptr) return {};
  std::string out(v);
  curl_free(v);
  return out;
}

}  // namespace

std::string_view ChannelTypeName(ChannelType t) {
  switch (t) {
    case ChannelType::kWebhook: return "webhook";
    case ChannelType::kAlertmanager: return "alertmanager";
    case ChannelType::kEmail: return "email";
  }
  return "?";
}

std::optional<ChannelType> ParseChannelType(std::string_view name) {
  for (ChannelType t : {ChannelType::kWebhook, ChannelType::kAlertmanager, ChannelType::kEmail})
    if (ChannelTypeName(t) == name) return t;
  return std::nullopt;
}

bool IsChannelName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char ch : name)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
          ch == '-'))
      return false;
  return true;
}

bool IsEmailAddress(std::string_view a) {
  const auto at = a.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size() || a.size() > 254) return false;
  const std::string_view local = a.substr(0, at), domain = a.substr(at + 1);
  if (local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  for (char ch : local) {
    const auto u = static_cast<unsigned char>(ch);
    // RFC 5322 atext and dots: no spaces, quotes, angle brackets, commas or controls.
    if (u <= 0x20 || u >= 0x7f || std::strchr("\"(),:;<>@[\\]", ch) != nullptr) return false;
  }
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos)
    return false;
  for (char ch : domain)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
          ch == '-' || ch == '.'))
      return false;
  return true;
}

Result<UrlParts> ParseChannelUrl(std::string_view url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
  if (!u) return Internal("out of memory");
  const std::string text(url);
  if (const CURLUcode rc = curl_url_set(u.get(), CURLUPART_URL, text.c_str(), 0); rc != CURLUE_OK)
    return InvalidArgument(fmt::format("'{}' is not a URL ({})", text, curl_url_strerror(rc)));
  UrlParts p;
  p.scheme = Part(u.get(), CURLUPART_SCHEME);
  p.host = Part(u.get(), CURLUPART_HOST);
  p.path = Part(u.get(), CURLUPART_PATH);
  char* port = nullptr;
  if (curl_url_get(u.get(), CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK && port) {
    p.port = std::atoi(port);
    curl_free(port);
  }
  if (p.host.empty()) return InvalidArgument(fmt::format("'{}' names no host", text));
  // An IPv6 literal comes back in brackets; the resolver wants it bare.
  if (p.host.size() > 2 && p.host.front() == '[' && p.host.back() == ']')
    p.host = p.host.substr(1, p.host.size() - 2);
  return p;
}

Status CheckChannel(const ChannelConfig& c, bool secrets_read) {
  if (!IsChannelName(c.name))
    return InvalidArgument(fmt::format("alert channel name '{}': 1 to 64 of a-z, 0-9, '.', '_', '-'",
                                       c.name));
  if (c.url.empty()) return BadKey(c, "url", "missing");
  auto url = ParseChannelUrl(c.url);
  if (!url.ok()) return BadKey(c, "url", url.status().message());
  const bool http = url->scheme == "http" || url->scheme == "https";
  const bool smtp = url->scheme == "smtp" || url->scheme == "smtps";
  if (c.type == ChannelType::kEmail ? !smtp : !http)
    return BadKey(c, "url", fmt::format("scheme '{}' (a {} channel takes {})", url->scheme,
                                        ChannelTypeName(c.type),
                                        c.type == ChannelType::kEmail ? "smtp:// or smtps://"
                                                                      : "http:// or https://"));
  if (c.timeout_seconds < 1 || c.timeout_seconds > 300)
    return BadKey(c, "timeout_seconds", "must be in 1..300");
  switch (c.type) {
    case ChannelType::kWebhook:
      if (c.secret_file.empty() && c.secret.empty())
        return BadKey(c, "secret_file", "missing (a file with the HMAC secret, at least 16 bytes)");
      if (secrets_read && c.secret.size() < 16)
        return BadKey(c, "secret_file",
                      fmt::format("{}: the secret has {} bytes; at least 16 are needed "
                                  "(openssl rand -hex 32 > FILE)",
                                  c.secret_file, c.secret.size()));
      break;
    case ChannelType::kAlertmanager:
      if (c.resend_seconds < 10 || c.resend_seconds > 3600)
        return BadKey(c, "resend_seconds", "must be in 10..3600");
      break;
    case ChannelType::kEmail:
      if (!IsEmailAddress(c.from)) return BadKey(c, "from", fmt::format("'{}' is not an e-mail address", c.from));
      if (c.to.empty()) return BadKey(c, "to", "no recipient");
      for (const std::string& to : c.to)
        if (!IsEmailAddress(to)) return BadKey(c, "to", fmt::format("'{}' is not an e-mail address", to));
      if (!c.username.empty() && (secrets_read ? c.password.empty() : c.password_file.empty()))
        return BadKey(c, "password_file", "a username needs a password file");
      break;
  }
  return Status::Ok();
}

Status ReadChannelSecrets(ChannelConfig* c) {
  for (auto [file, out, key] : {std::tuple{&c->secret_file, &c->secret, "secret_file"},
                                std::tuple{&c->password_file, &c->password, "password_file"}}) {
    if (file->empty()) continue;
    std::ifstream in(*file, std::ios::binary);
    if (!in) return BadKey(*c, key, fmt::format("{}: cannot read it ({})", *file, std::strerror(errno)));
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty()) return BadKey(*c, key, fmt::format("{}: the first line is empty", *file));
    *out = std::move(line);
  }
  return Status::Ok();
}

Status CheckResolvable(const ChannelConfig& c) {
  auto url = ParseChannelUrl(c.url);
  if (!url.ok()) return BadKey(c, "url", url.status().message());
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  const int rc = ::getaddrinfo(url->host.c_str(), nullptr, &hints, &res);
  if (res != nullptr) ::freeaddrinfo(res);
  if (rc != 0)
    return BadKey(c, "url", fmt::format("host '{}' does not resolve ({})", url->host, gai_strerror(rc)));
  return Status::Ok();
}

Status CheckReachable(const ChannelConfig& c, std::chrono::milliseconds timeout) {
  auto url = ParseChannelUrl(c.url);
  if (!url.ok()) return url.status();
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  const std::string port = std::to_string(url->port);
  if (int rc = ::getaddrinfo(url->host.c_str(), port.c_str(), &hints, &res); rc != 0)
    return Unavailable(fmt::format("{}: {}", url->host, gai_strerror(rc)));
  std::string error = "no address";
  for (addrinfo* a = res; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    int err = ::connect(fd, a->ai_addr, a->ai_addrlen) == 0 ? 0 : errno;
    if (err == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      if (::poll(&p, 1, static_cast<int>(timeout.count())) == 1) {
        socklen_t len = sizeof err;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
      } else {
        err = ETIMEDOUT;
      }
    }
    ::close(fd);
    if (err == 0) {
      ::freeaddrinfo(res);
      return Status::Ok();
    }
    error = std::strerror(err);
  }
  ::freeaddrinfo(res);
  return Unavailable(fmt::format("{} port {}: {}", url->host, url->port, error));
}

}  // namespace tldmon::alerts
