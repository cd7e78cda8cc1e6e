#include "admin/https_url.h"

#include <string>

#include "admin/dns_name.h"
#include "core/monitoring_config.h"

namespace tldmon::admin {
namespace {

constexpr std::string_view kScheme = "https://";

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// RFC 3986 pchar minus pct-encoded, plus "/".
bool IsPathChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  static constexpr std::string_view kOthers = "-._~!$&'()*+,;=:@/";
  return kOthers.find(c) != std::string_view::npos;
}

Status ValidateHost(std::string_view host) {
  if (host.empty()) return InvalidArgument("URL has no host");
  if (host.front() == '[') {
    if (host.back() != ']') return InvalidArgument("URL has an unterminated IPv6 literal");
    const std::string_view inner = host.substr(1, host.size() - 2);
    if (!IsIpv6Literal(inner) || !IsValidIp(inner)) {
      return InvalidArgument("URL host is not a valid IPv6 literal");
    }
    return Status::Ok();
  }
  if (IsValidHostName(host, /*min_labels=*/2)) return Status::Ok();
  if (!IsIpv6Literal(host) && IsValidIp(host)) return Status::Ok();
  return InvalidArgument("URL host is not a valid host name or IP address");
}

Status ValidatePort(std::string_view port) {
  if (port.empty() || port.size() > 5) return InvalidArgument("URL port is not 1-65535");
  int value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return InvalidArgument("URL port is not 1-65535");
    value = value * 10 + (c - '0');
  }
  if (value < 1 || value > 65535) return InvalidArgument("URL port is not 1-65535");
  return Status::Ok();
}

}  // namespace

Status ValidateHttpsUrl(std::string_view url) {
  if (url.size() > kMaxUrlLength) {
    return InvalidArgument("URL longer than " + std::to_string(kMaxUrlLength) + " characters");
  }
  if (url.substr(0, kScheme.size()) != kScheme) {
    return InvalidArgument("not an https URL (must start with \"https://\")");
  }
  const std::string_view rest = url.substr(kScheme.size());
  const std::size_t path_start = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, path_start);
  const std::string_view path =
      path_start == std::string_view::npos ? std::string_view() : rest.substr(path_start);
  if (authority.find('@') != std::string_view::npos) {
    return InvalidArgument("URL must not contain credentials");
  }
  std::string_view host = authority;
  std::size_t port_colon = std::string_view::npos;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return InvalidArgument("URL has an unterminated IPv6 literal");
    }
    host = authority.substr(0, close + 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return InvalidArgument("URL has junk after the host");
      port_colon = close + 1;
    }
  } else {
    port_colon = authority.find(':');
    if (port_colon != std::string_view::npos) {
      if (authority.find(':', port_colon + 1) != std::string_view::npos) {
        return InvalidArgument("URL host: an IPv6 literal must be in brackets");
      }
      host = authority.substr(0, port_colon);
    }
  }
  if (port_colon != std::string_view::npos) {
    TLDMON_RETURN_IF_ERROR(ValidatePort(authority.substr(port_colon + 1)));
  }
  TLDMON_RETURN_IF_ERROR(ValidateHost(host));
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '%') {
      if (i + 2 >= path.size() || !IsHex(path[i + 1]) || !IsHex(path[i + 2])) {
        return InvalidArgument("URL has a malformed %-escape");
      }
      i += 2;
      continue;
    }
    if (c == '?' || c == '#') return InvalidArgument("URL must not have a query or fragment");
    if (!IsPathChar(c)) return InvalidArgument("URL path has a character not allowed in a URL");
  }
  return Status::Ok();
}

}  // namespace tldmon::admin
