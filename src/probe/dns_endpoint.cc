#include "probe/dns_endpoint.h"

#include <charconv>

namespace tldmon::probe {

std::string DnsEndpoint::ToString() const {
  std::string a = address.to_string();
  return port == 53 ? a : a + "@" + std::to_string(port);
}

Result<DnsEndpoint> ParseDnsEndpoint(std::string_view text) {
  DnsEndpoint e;
  std::string_view addr = text;
  if (const auto at = text.rfind('@'); at != std::string_view::npos) {
    addr = text.substr(0, at);
    const std::string_view port = text.substr(at + 1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
      return InvalidArgument("bad port in \"" + std::string(text) + "\" (ADDR or ADDR@PORT)");
    e.port = static_cast<std::uint16_t>(value);
  }
  boost::system::error_code ec;
  e.address = boost::asio::ip::make_address(std::string(addr), ec);
  if (ec) return InvalidArgument("\"" + std::string(text) + "\" is not an IP address (ADDR or ADDR@PORT)");
  return e;
}

}  // namespace tldmon::probe
