#include "engine/sla_params.h"

#include <string>

namespace tldmon::engine {

SlaParams SlaParams::Defaults() {
  SlaParams p;
  p.Of(Service::kDns) = {60, 20, 3, 3, 240, 0};
  p.Of(Service::kDnssec) = {60, 20, 3, 3, 240, 0};
  p.Of(Service::kRdds) = {300, 10, 2, 2, 1440, 864};
  p.Of(Service::kRdap) = {300, 10, 2, 2, 1440, 864};
  p.Of(Service::kEpp) = {60, 2, 2, 2, 1440, 864};
  return p;
}

int SlaParams::CycleSeconds(TestKind k) const {
  switch (k) {
    case TestKind::kDns: return Of(Service::kDns).cycle_seconds;
    case TestKind::kRdds: return Of(Service::kRdds).cycle_seconds;
    case TestKind::kRdap: return Of(Service::kRdap).cycle_seconds;
    case TestKind::kEpp: return Of(Service::kEpp).cycle_seconds;
  }
  return 60;
}

int SlaParams::RttHigh(RttKind k) const {
  switch (k) {
    case RttKind::kDnsUdp: return dns_udp_rtt_high_ms;
    case RttKind::kDnsTcp: return dns_tcp_rtt_high_ms;
    case RttKind::kRdds43:
    case RttKind::kRdds80: return rdds_rtt_high_ms;
    case RttKind::kRdap: return rdap_rtt_high_ms;
    case RttKind::kEpp: return 20000;
  }
  return 0;
}

int SlaParams::RttLow(RttKind k) const {
  switch (k) {
    case RttKind::kDnsUdp: return dns_udp_rtt_low_ms;
    case RttKind::kDnsTcp: return dns_tcp_rtt_low_ms;
    case RttKind::kRdds43:
    case RttKind::kRdds80: return rdds_rtt_low_ms;
    case RttKind::kRdap: return rdap_rtt_low_ms;
    case RttKind::kEpp: return 4000;
  }
  return 0;
}

Status SlaParams::Validate() const {
  if (Of(Service::kDns).cycle_seconds != Of(Service::kDnssec).cycle_seconds)
    return InvalidArgument("DNS and DNSSEC share one test and must have the same cycle length");
  for (Service s : kAllServices) {
    const ServiceParams& sp = Of(s);
    const std::string name(JsonKey(s));
    if (sp.cycle_seconds < 60 || sp.cycle_seconds % 60 != 0 || 86400 % sp.cycle_seconds != 0)
      return InvalidArgument(name + ": cycle length must be a whole number of minutes dividing a day");
    if (sp.min_online < 1) return InvalidArgument(name + ": minimum online probes must be >= 1");
    if (sp.fail_cycles < 1 || sp.recover_cycles < 1)
      return InvalidArgument(name + ": incident fail/recover cycles must be >= 1");
    if (sp.rollweek_sla_minutes < 1)
      return InvalidArgument(name + ": rolling-week SLA minutes must be >= 1");
    if (sp.downtime_slr_minutes < 0) return InvalidArgument(name + ": downtime SLR must be >= 0");
  }
  for (int v : {dns_udp_rtt_high_ms, dns_tcp_rtt_high_ms, rdds_rtt_high_ms, rdap_rtt_high_ms,
                dns_udp_rtt_low_ms, dns_tcp_rtt_low_ms, rdds_rtt_low_ms, rdap_rtt_low_ms})
    if (v < 1) return InvalidArgument("RTT limits must be >= 1 ms");
  if (rollweek_seconds < 3600 || rollweek_seconds % 60 != 0)
    return InvalidArgument("rolling week must be >= 3600 s and a whole number of minutes");
  if (reconfig_seconds < 0) return InvalidArgument("reconfig duration must be >= 0");
  if (unavailability_limit < 0 || unavailability_limit >= 100)
    return InvalidArgument("unavailability limit must be in [0, 100)");
  if (probe_online_delay_seconds < 0) return InvalidArgument("probe online delay must be >= 0");
  return Status::Ok();
}

}  // namespace tldmon::engine
