// Agent: `tldmon probe`, the whole probe node (issue 9;
// docs/operations.md "Running a probe node"). Three threads, each owning
// its own Outbox connection:
//   tests   the Scheduler and AgentRunner on one io_context (this thread);
//           a small pool verifies signatures, another runs libcurl;
//   config  ConfigClient: the last good configuration from disk at start,
//           then GET /probe/v1/config every `config_poll` (and at once
//           while it has none); a new one is posted to the tests thread
//           and applies from the next cycle;
//   push    Pusher: the outbox to POST /probe/v1/results, woken when a
//           cycle has queued its reports.
// Nothing is lost on a stop or a crash: every result is in the outbox
// before it is sent, and deleted only when the central side acknowledged
// it (or it expired, which is logged with the count).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "probe/agent_http.h"
#include "probe/dns_endpoint.h"

namespace tldmon::probe {

struct AgentOptions {
  std::string name;          // the probe's name, as `tldmon admin probe add` made it
  CentralEndpoint central;   // URL, token, CA file
  std::string data_dir;      // outbox.db, probe-config.json
  DnsEndpoint resolver;      // the local validating resolver
  bool ipv4 = true;
  bool ipv6 = true;
  std::vector<DnsEndpoint> root_servers;  // empty: the 13 root servers
  int online_min_servers = 5;
  int online_reply_ms = 250;
  std::size_t max_in_flight = 256;       // tests at once, all services
  std::uint16_t name_server_port = 53;   // lab knob: the port of every name server
  std::uint16_t rdds43_port = 43;        // lab knob
  std::chrono::seconds config_poll{60};
  std::int64_t outbox_max_age_seconds = 7 * 24 * 3600;
  std::size_t outbox_max_rows = 0;       // 0: bounded by age only
  std::size_t push_batch_items = 1000;
};

// Runs until `stop_requested` returns true (polled every 200 ms); returns
// an error only when the node cannot start (data directory, outbox).
Status RunAgent(const AgentOptions& options, const Clock& clock,
                const std::function<bool()>& stop_requested);

}  // namespace tldmon::probe
