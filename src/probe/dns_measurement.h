// The DNS test of one TLD in one cycle (slam-algorithms.md §4.1): the
// DNSKEYs through the local resolver when DNSSEC is tested, then the query
// `<prefix>.<tld>.` A to every name-server address of the probe's address
// families, all at once, each with exactly one try (UDP 3 s, TCP 11 s), and
// each reply checked (dns_reply_check.h). A metric per (name server,
// address): the RTT in whole milliseconds (truncated, as ldns' querytime
// is) or the code. Reply checks run on `checks` (a small pool), after the
// arrival was timestamped, so a signature verification never delays the
// timestamp of another reply on the event loop.
#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>

#include "core/named_probe_report.h"
#include "probe/dns_endpoint.h"
#include "probe/signature_cache.h"
#include "probewire/probe_config_wire.h"

namespace tldmon::probe {

struct DnsTestEnv {
  DnsEndpoint resolver;
  bool ipv4 = true;
  bool ipv6 = true;
  std::uint16_t name_server_port = 53;  // lab/test knob
  std::chrono::milliseconds udp_timeout{3000};
  std::chrono::milliseconds tcp_timeout{11000};
  SignatureCache* cache = nullptr;
  boost::asio::thread_pool* checks = nullptr;  // null: check on the event loop
};

// The zone apex of a registry entity ("example." ; the root "zz--root": ".").
std::string ZoneOf(const EntityId& id);
// "<prefix>.<zone>" ("<prefix>." for the root).
std::string TestedName(const probewire::ProbeEntity& e);

boost::asio::awaitable<NamedProbeReport> RunDnsTest(const DnsTestEnv& env,
                                                    const probewire::ProbeEntity& entity,
                                                    UnixSeconds cycle, UnixSeconds check_time,
                                                    Transport transport);

// Did the probe's test pass (rsm.dns.status = 1)? Each name server is up
// if all its tested addresses succeed (0 <= RTT <= limit, an internal
// error, or no value); at least min_ns must be up (§4.1 steps 5-6).
bool DnsTestPassed(const NamedProbeReport& report, const probewire::ProbeEntity& entity,
                   int rtt_limit_ms);

}  // namespace tldmon::probe
