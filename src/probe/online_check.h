// The probe's automatic online check (slam-algorithms.md §3.1), once a
// minute: for each enabled address family, SOA of "." at the root servers
// of that family in list order, UDP, DO, RD=0, 3 s, one try; a server
// counts when the answer has the SOA and an RRSIG in the answer section and
// the RTT is at most reply_ms (250); the family passes once min_servers (5)
// have counted. The check passes iff every enabled family passes.
//
// The probe ships the raw result of every minute; the 180-second hysteresis
// ({$RSM.PROBE.ONLINE.DELAY}) is applied centrally by the engine over the
// delivered minutes (engine ProbeState), so that it is the same for every
// probe and replays exactly after a backfill.
#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <vector>

#include "probe/dns_endpoint.h"

namespace tldmon::probe {

struct OnlineCheckOptions {
  std::vector<DnsEndpoint> root_servers;  // both families, in list order
  bool ipv4 = true;
  bool ipv6 = true;
  int min_servers = 5;                    // {$RSM.IP4.MIN.SERVERS}, {$RSM.IP6.MIN.SERVERS}
  int reply_ms = 250;                     // {$RSM.IP4.REPLY.MS}, {$RSM.IP6.REPLY.MS}
  std::chrono::milliseconds timeout{3000};
};

// The 13 root servers' addresses (IANA root hints), IPv4 then IPv6.
std::vector<DnsEndpoint> DefaultRootServers();

boost::asio::awaitable<bool> RunOnlineCheck(const OnlineCheckOptions& options);

// Pure: does a reply to SOA "." count (SOA and RRSIG in the answer)?
bool RootSoaReplyCounts(const std::vector<std::uint8_t>& reply);

}  // namespace tldmon::probe
