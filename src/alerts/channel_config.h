// An alert channel as the configuration names it (docs/alerts.md
// "Channels", [[alerts.channel]] in docs/configuration.md): a webhook, a
// Prometheus Alertmanager or an SMTP server, with what it needs to send.
//
// CheckChannel is the syntax check made when the file loads — a URL of the
// wrong scheme or without a host, a webhook secret that is missing or too
// short to be a secret, an e-mail address that is not one — so a typo stops
// `serve` at start with the channel and key named, not at the first
// incident. CheckResolvable adds the one network check that is also an
// error: a host name that does not resolve is almost always a typo.
// CheckReachable (a TCP connect) is only a warning at start: a receiver
// that is down now gets its events when it is back, which is the point of
// the queue. Pure apart from those two; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tldmon::alerts {

enum class ChannelType : std::uint8_t { kWebhook, kAlertmanager, kEmail };
std::string_view ChannelTypeName(ChannelType t);  // "webhook", "alertmanager", "email"
std::optional<ChannelType> ParseChannelType(std::string_view name);

struct ChannelConfig {
  std::string name;  // 1..64 of [a-z0-9._-]: the cursor's and the log's key
  ChannelType type = ChannelType::kWebhook;
  // webhook: http(s)://… the POST target; alertmanager: http(s)://host:port
  // (the /api/v2/alerts path is added); email: smtp://host:port (STARTTLS)
  // or smtps://host:port (TLS from the start).
  std::string url;
  std::string ca_file;  // trust for https/smtps/STARTTLS; empty: the system's
  int timeout_seconds = 10;
  // webhook: the HMAC key, read from secret_file (one line; at least 16 bytes).
  std::string secret_file;
  std::string secret;
  // alertmanager: how often the firing alerts are sent again (their endsAt
  // is four times this ahead, so Alertmanager keeps them while we live).
  int resend_seconds = 60;
  // email
  std::string from;
  std::vector<std::string> to;
  bool starttls = true;  // smtp://: STARTTLS required (false: plain, for a local relay only)
  std::string username;
  std::string password_file;
  std::string password;
  bool digest = false;  // one mail per delivery pass (up to 50 events) instead of one per event
};

// "bad ...": InvalidArgument naming the channel and the key. Without
// `secrets_read` the secret and password are not checked (the file parser
// checks before it reads those files).
Status CheckChannel(const ChannelConfig& c, bool secrets_read = true);
// Reads secret_file and password_file into secret and password (one line;
// the trailing newline dropped). An unreadable or empty file is an error
// naming the channel and the file.
Status ReadChannelSecrets(ChannelConfig* c);
// A bare address "local@domain" (no display name), as RFC 5321 takes it.
bool IsEmailAddress(std::string_view address);
bool IsChannelName(std::string_view name);

struct UrlParts {
  std::string scheme, host;
  int port = 0;  // the scheme's default when the URL names none
  std::string path;
};
Result<UrlParts> ParseChannelUrl(std::string_view url);

// The host resolves (getaddrinfo), or a clear error naming channel and host.
Status CheckResolvable(const ChannelConfig& c);
// A TCP connection to the host and port opens within `timeout`.
Status CheckReachable(const ChannelConfig& c, std::chrono::milliseconds timeout);

}  // namespace tldmon::alerts
