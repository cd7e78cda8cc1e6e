// Which transport a DNS test uses (slam-algorithms.md §4.1 step 1): with
// only one of UDP/TCP enabled, that one; in normal mode TCP on the minutes
// where (t/60 + salt) mod tcp_ratio == 0 - about one test in ten, staggered
// across probes and TLDs by the salt - else UDP; after a failed test the
// TLD goes into critical mode and keeps the failed transport until
// `recover` consecutive tests with it succeed. The mode is per TLD and
// survives restarts (the agent keeps it in its outbox database).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/probe_report.h"
#include "core/time.h"

namespace tldmon::probe {

struct DnsMode {
  bool critical = false;
  Transport transport = Transport::kUdp;  // the kept transport in critical mode
  int successes = 0;                      // consecutive, in critical mode
  friend bool operator==(const DnsMode&, const DnsMode&) = default;
};

// RSM salts with its host and item ids; tldmon with a stable hash of the
// probe name and the TLD (FNV-1a), which spreads the same way.
std::uint32_t DnsSalt(std::string_view probe, std::string_view tld);

Transport ChooseTransport(const DnsMode& mode, UnixSeconds check_time, std::uint32_t salt,
                          int tcp_ratio);

// The mode after a test with `used` that passed (DNS status 1) or failed.
DnsMode NextMode(DnsMode mode, Transport used, bool passed, int recover_udp, int recover_tcp);

}  // namespace tldmon::probe
