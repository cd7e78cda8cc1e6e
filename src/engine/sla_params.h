// SlaParams: every number of the SLA algorithms, with ICANN's (RSM) defaults
// (slam-algorithms.md §1.2, §1.4, §1.5, §2, §5, §7, §8; mosapi-api.md §9.1).
// A deployment may change any of them in its config file.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <optional>
#include <variant>
#include <vector>

#include "core/result_codes.h"
#include "core/service.h"
#include "core/status.h"

namespace tldmon::engine {

struct ServiceParams {
  int cycle_seconds = 60;          // {$RSM.<S>.DELAY}
  int min_online = 20;             // minimum online probes ({$RSM.<S>.PROBE.ONLINE})
  int fail_cycles = 3;             // {$RSM.INCIDENT.<S>.FAIL}
  int recover_cycles = 3;          // {$RSM.INCIDENT.<S>.RECOVER}
  int rollweek_sla_minutes = 240;  // {$RSM.<S>.ROLLWEEK.SLA}: 100 % of emergencyThreshold
  int downtime_slr_minutes = 0;    // monthly availability SLR ({$RSM.SLV.<S>.DOWNTIME})
};

struct SlaParams {
  std::array<ServiceParams, kServiceCount> services{};  // indexed by Index(Service)

  // Per-test limits, "5x SLR": a value strictly greater fails (§1.5).
  int dns_udp_rtt_high_ms = 2500;
  int dns_tcp_rtt_high_ms = 7500;
  int rdds_rtt_high_ms = 10000;
  int rdap_rtt_high_ms = 10000;
  // SLRs for the monthly RTT ratio (§9): a value strictly greater is "failed".
  int dns_udp_rtt_low_ms = 500;
  int dns_tcp_rtt_low_ms = 1500;
  int rdds_rtt_low_ms = 2000;
  int rdap_rtt_low_ms = 5000;
  double rtt_failed_percent_allowed = 5;  // {$RSM.SLV.*.RTT}: SLR met iff pfailed <= this

  int rollweek_seconds = 604800;       // {$RSM.ROLLWEEK.SECONDS}
  int reconfig_seconds = 1200;         // reconfig_duration (20 min)
  double unavailability_limit = 49;    // Up iff 100*positive/withResults > this
  int ns_downtime_slr_minutes = 432;   // {$RSM.SLV.NS.DOWNTIME}
  int probe_online_delay_seconds = 180;  // {$RSM.PROBE.ONLINE.DELAY}

  const ServiceParams& Of(Service s) const { return services[static_cast<std::size_t>(Index(s))]; }
  ServiceParams& Of(Service s) { return services[static_cast<std::size_t>(Index(s))]; }
  int CycleSeconds(TestKind k) const;
  // The per-test limit for a DNS transport / RDDS / RDAP value.
  int RttHigh(RttKind k) const;
  int RttLow(RttKind k) const;

  // ICANN's defaults: DNS/DNSSEC 60 s, 20 probes, 3/3, 240 min; RDDS/RDAP
  // 300 s, 10 probes, 2/2, 1440 min, 864 min monthly; EPP 60 s, 2 probes,
  // 2/2, 1440 min (mosapi-api.md §9.1 project default).
  static SlaParams Defaults();
  // Rejects values that make the algorithms meaningless (cycle lengths that
  // do not divide a day, zero counts, negative limits, ...).
  Status Validate() const;

  // Sets one parameter by its configuration key, e.g. "dns.min_online",
  // "rdap.fail_cycles", "dns_udp_rtt_high_ms", "rollweek_seconds". Used by
  // config files and scenario files alike. Unknown key or a value that is not
  // a number => InvalidArgument (nothing changed). Validate() afterwards.
  Status Set(std::string_view key, std::string_view value);
  // Every key Set() accepts, for documentation and error messages.
  static std::vector<std::string> Keys();
  // The current value of a key (an integer or a real parameter); nullopt for
  // an unknown key. Get and Set together let storage keep parameters by name.
  using Value = std::variant<std::int64_t, double>;
  std::optional<Value> Get(std::string_view key) const;
};

}  // namespace tldmon::engine
