// Where a DNS query goes: an address and a port, written "ADDR" or
// "ADDR@PORT" as unbound writes them ("127.0.0.1@5353", "::1@53"). Port 53
// when none is given; other ports are for labs and tests.
#pragma once

// Boost 1.74 misses <utility> with GCC 12 (DESIGN.md "Stack").
#include <utility>

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tldmon::probe {

struct DnsEndpoint {
  boost::asio::ip::address address;
  std::uint16_t port = 53;
  std::string ToString() const;
  friend bool operator==(const DnsEndpoint&, const DnsEndpoint&) = default;
};

Result<DnsEndpoint> ParseDnsEndpoint(std::string_view text);

}  // namespace tldmon::probe
