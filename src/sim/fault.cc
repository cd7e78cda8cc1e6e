#include "sim/fault.h"

#include <array>
#include <cmath>
#include <utility>

#include "core/result_codes.h"

namespace tldmon::sim {
namespace {

struct KindName {
  FaultKind kind;
  std::string_view name;
};

constexpr std::array<KindName, 8> kKindNames = {{
    {FaultKind::kNsDown, "ns-down"},
    {FaultKind::kDnssecBroken, "dnssec-broken"},
    {FaultKind::kRdapError, "rdap-error"},
    {FaultKind::kRdds43Timeout, "rdds43-timeout"},
    {FaultKind::kRdds80Error, "rdds80-error"},
    {FaultKind::kSlow, "slow"},
    {FaultKind::kProbeOffline, "probe-offline"},
    {FaultKind::kProbeUnreachable, "probe-unreachable"},
}};

bool PatternMatches(std::string_view pattern, std::string_view path) {
  if (pattern == "*") return true;
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return path.substr(0, pattern.size()) == pattern;
  }
  return pattern == path;
}

}  // namespace

std::string_view FaultKindName(FaultKind k) {
  for (const auto& kn : kKindNames)
    if (kn.kind == k) return kn.name;
  return "?";
}

std::optional<FaultKind> ParseFaultKind(std::string_view name) {
  for (const auto& kn : kKindNames)
    if (kn.name == name) return kn.kind;
  return std::nullopt;
}

bool EntitySelector::Matches(const EntityId& id) const {
  if (patterns.empty()) return true;
  const std::string path = id.Path();
  for (const auto& p : patterns)
    if (PatternMatches(p, path)) return true;
  return false;
}

bool ProbeSelector::Matches(ProbeIndex probe, std::size_t probe_count) const {
  if (all) return true;
  if (percent) {
    // The first ceil(percent% of n) probes: a stable set, so a fault hits the
    // same probes every cycle like a real regional outage would.
    const auto hit = static_cast<std::size_t>(
        std::ceil(*percent * static_cast<double>(probe_count) / 100.0 - 1e-9));
    return probe < hit;
  }
  for (const auto& [lo, hi] : ranges)
    if (probe >= lo && probe <= hi) return true;
  return false;
}

bool FaultWindow::ActiveAt(UnixSeconds t) const {
  if (from && t < *from) return false;
  if (to && t >= *to) return false;
  if (flap_on > 0) {
    const UnixSeconds origin = from.value_or(0);
    return FloorMod(t - origin, flap_on + flap_off) < flap_on;
  }
  return true;
}

std::int32_t Fault::EffectiveCode() const {
  if (code != 0) return code;
  switch (kind) {
    case FaultKind::kNsDown: return TimeoutCode(RttKind::kDnsUdp);          // -200
    case FaultKind::kDnssecBroken: return -415;                             // bogus signature
    case FaultKind::kRdapError: return RdapHttpCode(503);
    case FaultKind::kRdds43Timeout: return TimeoutCode(RttKind::kRdds43);   // -227
    case FaultKind::kRdds80Error: return Rdds80HttpCode(503);
    case FaultKind::kSlow:
    case FaultKind::kProbeOffline:
    case FaultKind::kProbeUnreachable: return 0;
  }
  return 0;
}

}  // namespace tldmon::sim
