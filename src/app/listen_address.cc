#include "app/listen_address.h"

#include <arpa/inet.h>

#include <charconv>

namespace tldmon::app {
namespace {

// inet_pton stops at an embedded NUL: "127.0.0.1\0junk" is no address.
bool IsIpv4(const std::string& s) {
  in_addr a{};
  return s.find('\0') == std::string::npos && inet_pton(AF_INET, s.c_str(), &a) == 1;
}

bool IsIpv6(const std::string& s) {
  in6_addr a{};
  return s.find('\0') == std::string::npos && inet_pton(AF_INET6, s.c_str(), &a) == 1;
}

}  // namespace

Result<http::ListenEndpoint> ParseListenAddress(std::string_view text, bool tls) {
  const std::string shown = "'" + std::string(text.substr(0, 64)) + "'";
  std::string address;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos)
      return InvalidArgument("listen address " + shown + ": missing ']' after the IPv6 address");
    address = std::string(text.substr(1, close - 1));
    if (close + 1 >= text.size() || text[close + 1] != ':')
      return InvalidArgument("listen address " + shown + ": expected ':PORT' after ']'");
    port_text = text.substr(close + 2);
    if (!IsIpv6(address))
      return InvalidArgument("listen address " + shown + ": not an IPv6 address in brackets");
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos)
      return InvalidArgument("listen address " + shown +
                             ": expected ADDR:PORT, e.g. 127.0.0.1:8443");
    address = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
    if (address.find(':') != std::string::npos)
      return InvalidArgument("listen address " + shown +
                             ": write an IPv6 address in brackets, e.g. [::1]:8443");
    if (!IsIpv4(address))
      return InvalidArgument("listen address " + shown +
                             ": not an IPv4 address (host names are not resolved)");
  }
  unsigned port = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535 || (port_text.size() > 1 && port_text.front() == '0'))
    return InvalidArgument("listen address " + shown + ": the port must be a number 0..65535");
  http::ListenEndpoint e;
  e.address = address;
  e.port = static_cast<std::uint16_t>(port);
  e.tls = tls;
  return e;
}

std::string EndpointUrl(std::string_view address, std::uint16_t port, bool tls) {
  std::string host(address);
  if (host == "0.0.0.0") host = "127.0.0.1";
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return std::string(tls ? "https://" : "http://") + host + ":" + std::to_string(port);
}

}  // namespace tldmon::app
