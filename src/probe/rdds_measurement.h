// The RDDS test (RDDS43 and RDDS80, slam-algorithms.md §4.2) and the RDAP
// test (§4.3) of one entity in one cycle, as RSM's probe runs them
// (probe-agent.md §1.7): each server's host resolved through the local
// resolver (host_lookup.h), a random address of the probe's families, one
// query (whois_query.h, web_fetch.h), the codes of mosapi-api.md §8.3/§8.4.
// A metric per enabled interface: the RTT in whole milliseconds (truncated)
// or the code; `ip` is the address tested ("" when none was reached).
#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>
#include <chrono>

#include "core/named_probe_report.h"
#include "probe/curl_multi.h"
#include "probe/dns_endpoint.h"
#include "probe/host_lookup.h"
#include "probewire/probe_config_wire.h"

namespace tldmon::probe {

struct RddsTestEnv {
  DnsEndpoint resolver;
  bool ipv4 = true;
  bool ipv6 = true;
  std::uint16_t rdds43_port = 43;  // lab/test knob
  std::chrono::milliseconds timeout{11000};
  // RDDS80 and RDAP fetches run on the loop through this; null: blocking,
  // on the calling thread (tests).
  CurlMulti* web = nullptr;
};

// Failure of the host lookup -> code, per service (§8.3/§8.4).
std::int32_t Rdds43LookupCode(HostLookup::Failure f);
std::int32_t Rdds80LookupCode(HostLookup::Failure f);
std::int32_t RdapLookupCode(HostLookup::Failure f);

// The RDAP verdict on a 200 body: 0, -407 not JSON, -408 no ldhName, -409
// ldhName not byte-equal to `domain` (RSM's strcmp; the spec's project
// default keeps it case-sensitive).
std::int32_t JudgeRdapBody(std::string_view body, std::string_view domain);

boost::asio::awaitable<NamedProbeReport> RunRddsTest(const RddsTestEnv& env,
                                                     const probewire::ProbeEntity& entity,
                                                     const probewire::TestSettings& settings,
                                                     UnixSeconds cycle, UnixSeconds test_time);

boost::asio::awaitable<NamedProbeReport> RunRdapTest(const RddsTestEnv& env,
                                                     const probewire::ProbeEntity& entity,
                                                     const probewire::TestSettings& settings,
                                                     UnixSeconds cycle, UnixSeconds test_time);

}  // namespace tldmon::probe
