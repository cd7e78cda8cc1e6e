// One DNS exchange with one server, exactly as the probe's tests need it
// (probe-agent.md §2): exactly one try, no TC->TCP fallback (a truncated
// UDP answer is returned as it came), the reply's ID and source checked, and
// the RTT taken before any parsing - so checks that follow never inflate it:
//   UDP: from just before the query is sent to the kernel's receive
//        timestamp of the reply (SO_TIMESTAMPNS), so a loop busy with other
//        queries does not add its delay; the steady clock when there is none;
//   TCP: on the steady clock from just before the connect (the handshake
//        counts, as in RSM) to the arrival of the whole reply.
//
// UDP uses a connected socket: a server that is down answers ICMP port
// unreachable and the exchange fails at once (kNetworkError) instead of
// waiting for the timeout; in RSM's terms both are -200 "no reply".
#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <vector>

#include "core/probe_report.h"
#include "probe/dns_endpoint.h"

namespace tldmon::probe {

struct ExchangeResult {
  enum class Outcome { kReply, kTimeout, kConnectError, kNetworkError };
  Outcome outcome = Outcome::kNetworkError;
  std::vector<std::uint8_t> reply;
  double rtt_ms = 0;  // kReply only
};

// Runs on the calling coroutine's executor (an io_context), never blocks it.
boost::asio::awaitable<ExchangeResult> Exchange(DnsEndpoint server, std::vector<std::uint8_t> query,
                                                Transport transport,
                                                std::chrono::milliseconds timeout);

}  // namespace tldmon::probe
