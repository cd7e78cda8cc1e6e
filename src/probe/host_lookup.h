// The address of an RDDS/RDAP server (slam-algorithms.md §4.2, §4.3;
// probe-agent.md §1.7): its host name resolved through the probe's local
// resolver over TCP (11 s, one try, RD, no DNSSEC), A and/or AAAA as the
// probe's families allow, and one of the addresses picked at random. An IP
// literal is used as it is. Failures are reported as kinds; each service
// maps them to its own codes (RDDS43 -222/-224/-225/-3, RDDS80
// -250/-252/-253/-4, RDAP -400/-402/-403/-5, any: -2 no address of a
// supported family).
#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "probe/dns_endpoint.h"

namespace tldmon::probe {

struct HostLookup {
  enum class Failure {
    kNone,
    kNoReply,            // the resolver did not answer
    kServfail,
    kNxdomain,
    kOtherRcode,
    kNoSupportedAddress  // NOERROR, but no address of the probe's families
  };
  Failure failure = Failure::kNone;
  std::vector<boost::asio::ip::address> addresses;  // kNone: at least one
};

struct HostLookupOptions {
  DnsEndpoint resolver;
  bool ipv4 = true;
  bool ipv6 = true;
  std::chrono::milliseconds timeout{11000};
};

boost::asio::awaitable<HostLookup> LookupHost(const HostLookupOptions& options, std::string host);

// The pure part: the addresses of type `qtype` (1 = A, 28 = AAAA) in a
// resolver's reply, or the failure it shows. An empty reply = no reply.
HostLookup JudgeAddressReply(const std::vector<std::uint8_t>& reply, std::uint16_t qtype);

// One of `addresses`, uniformly at random (RSM's rsm_random).
boost::asio::ip::address PickAddress(const std::vector<boost::asio::ip::address>& addresses);

}  // namespace tldmon::probe
