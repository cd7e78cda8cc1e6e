// Fault: one scripted failure of the simulated probe network (DESIGN.md
// "src/sim"): which entities and probes it hits, when, and what the probes
// then measure. The text syntax is in docs/formats/faults.md (fault_parse.h).
// Plain data, copied freely; all member functions are const and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity_id.h"
#include "core/probe_report.h"
#include "core/time.h"

namespace tldmon::sim {

enum class FaultKind : std::uint8_t {
  kNsDown,            // a name server (or one of its IPs) does not answer: -200 / -600
  kDnssecBroken,      // DNSSEC validation fails on every NS: -415 / -815 by default
  kRdapError,         // RDAP answers an HTTP error: RdapHttpCode(503) by default
  kRdds43Timeout,     // RDDS43 times out: -227
  kRdds80Error,       // RDDS80 answers an HTTP error: Rdds80HttpCode(503) by default
  kSlow,              // answers arrive, but later than the 5x SLR limit
  kProbeOffline,      // the probe's automatic online check fails (check_ok false)
  kProbeUnreachable,  // the probe does not report to the central side at all
};

// "ns-down", "dnssec-broken", ... (docs/formats/faults.md).
std::string_view FaultKindName(FaultKind k);
std::optional<FaultKind> ParseFaultKind(std::string_view name);
// True for the kinds that act on whole probes rather than on entities.
constexpr bool IsProbeFault(FaultKind k) {
  return k == FaultKind::kProbeOffline || k == FaultKind::kProbeUnreachable;
}

// Which entities a fault hits: a list of patterns, each an entity path
// ("ry/example"), a path prefix ending in '*' ("ry/tld00*", "rr/*") or "*".
// An empty list matches every entity.
struct EntitySelector {
  std::vector<std::string> patterns;
  bool Matches(const EntityId& id) const;
};

// Which probes a fault hits: every probe, the first `percent` % of the probe
// list (rounded up; by index, so the same probes each cycle), or explicit
// index ranges. The first matching form wins: all, then percent, then ranges.
struct ProbeSelector {
  bool all = true;
  std::optional<double> percent;  // 0 < percent <= 100
  std::vector<std::pair<ProbeIndex, ProbeIndex>> ranges;  // inclusive
  bool Matches(ProbeIndex probe, std::size_t probe_count) const;
};

// When a fault is active: [from, to) and, when flapping, only during the
// first `flap_on` seconds of every `flap_on + flap_off` period counted from
// `from` (or from the epoch when `from` is open).
struct FaultWindow {
  std::optional<UnixSeconds> from;
  std::optional<UnixSeconds> to;
  UnixSeconds flap_on = 0;   // 0 = no flapping
  UnixSeconds flap_off = 0;
  bool ActiveAt(UnixSeconds t) const;
};

struct Fault {
  FaultKind kind = FaultKind::kNsDown;
  EntitySelector entities;
  ProbeSelector probes;
  FaultWindow window;
  // kNsDown / kDnssecBroken / kSlow: the name server hit, by name
  // ("ns1.nic.example") or by decimal index; empty = every name server.
  std::string ns;
  // kNsDown: only this IP of the name server(s); empty = every IP.
  std::string ip;
  // The result code to report (UDP code for DNS; TCP uses code - 400, as
  // mosapi-api.md §8.2). 0 = the kind's default.
  std::int32_t code = 0;
  // kSlow: the RTT reported, in ms (TCP DNS reports three times it); 0 =
  // just above the service's 5x SLR limit (slam-algorithms.md §1.5).
  std::int32_t rtt_ms = 0;
  // kSlow: which test is slowed ("dns", "rdds", "rdap"); empty = all.
  std::string service;

  // The result code this fault makes a UDP (or RDDS/RDAP) test report.
  std::int32_t EffectiveCode() const;
  // Active for this probe at time t (entity matching is separate).
  bool HitsProbeAt(ProbeIndex probe, std::size_t probe_count, UnixSeconds t) const {
    return window.ActiveAt(t) && probes.Matches(probe, probe_count);
  }
};

}  // namespace tldmon::sim
