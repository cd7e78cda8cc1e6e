// The TLD's DNSKEYs through the probe's local validating resolver
// (slam-algorithms.md §4.1 step 3, probe-agent.md §1.5): the probe does no
// chain validation itself; it trusts the resolver's AD bit. Asked over the
// test's transport with RD and DO. Failures, in this order, give every
// NS-IP of the test the same code: no reply -400, no AD -402, NXDOMAIN -403,
// another RCODE -2 (UDP) / -3 (TCP), no DNSKEY in the answer -401 (TCP:
// -800, -802, -803, -801).
#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>

#include "probe/dns_endpoint.h"
#include "probe/dns_reply_check.h"

namespace tldmon::probe {

struct DnskeyResult {
  std::int32_t code = 0;  // 0 = keys found
  DnskeySet keys;
};

boost::asio::awaitable<DnskeyResult> LookupDnskeys(DnsEndpoint resolver, std::string zone,
                                                   Transport transport,
                                                   std::chrono::milliseconds timeout);

// The pure part: the verdict on the resolver's reply.
DnskeyResult JudgeDnskeyReply(const std::vector<std::uint8_t>& reply, Transport transport);

}  // namespace tldmon::probe
