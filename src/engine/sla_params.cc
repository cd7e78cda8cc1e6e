#include "engine/sla_params.h"

#include <charconv>
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

namespace {

// Per-service keys: "<service>.<field>".
struct ServiceField {
  const char* name;
  int ServiceParams::*field;
};
constexpr ServiceField kServiceFields[] = {
    {"cycle_seconds", &ServiceParams::cycle_seconds},
    {"min_online", &ServiceParams::min_online},
    {"fail_cycles", &ServiceParams::fail_cycles},
    {"recover_cycles", &ServiceParams::recover_cycles},
    {"rollweek_sla_minutes", &ServiceParams::rollweek_sla_minutes},
    {"downtime_slr_minutes", &ServiceParams::downtime_slr_minutes},
};

struct GlobalIntField {
  const char* name;
  int SlaParams::*field;
};
constexpr GlobalIntField kGlobalIntFields[] = {
    {"dns_udp_rtt_high_ms", &SlaParams::dns_udp_rtt_high_ms},
    {"dns_tcp_rtt_high_ms", &SlaParams::dns_tcp_rtt_high_ms},
    {"rdds_rtt_high_ms", &SlaParams::rdds_rtt_high_ms},
    {"rdap_rtt_high_ms", &SlaParams::rdap_rtt_high_ms},
    {"dns_udp_rtt_low_ms", &SlaParams::dns_udp_rtt_low_ms},
    {"dns_tcp_rtt_low_ms", &SlaParams::dns_tcp_rtt_low_ms},
    {"rdds_rtt_low_ms", &SlaParams::rdds_rtt_low_ms},
    {"rdap_rtt_low_ms", &SlaParams::rdap_rtt_low_ms},
    {"rollweek_seconds", &SlaParams::rollweek_seconds},
    {"reconfig_seconds", &SlaParams::reconfig_seconds},
    {"ns_downtime_slr_minutes", &SlaParams::ns_downtime_slr_minutes},
    {"probe_online_delay_seconds", &SlaParams::probe_online_delay_seconds},
};

struct GlobalDoubleField {
  const char* name;
  double SlaParams::*field;
};
constexpr GlobalDoubleField kGlobalDoubleFields[] = {
    {"unavailability_limit", &SlaParams::unavailability_limit},
    {"rtt_failed_percent_allowed", &SlaParams::rtt_failed_percent_allowed},
};

bool ParseIntValue(std::string_view v, int& out) {
  if (v.empty()) return false;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size();
}

bool ParseDoubleValue(std::string_view v, double& out) {
  if (v.empty()) return false;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size();
}

}  // namespace

Status SlaParams::Set(std::string_view key, std::string_view value) {
  const std::size_t dot = key.find('.');
  if (dot != std::string_view::npos) {
    const auto service = ParseServiceName(key.substr(0, dot));
    const std::string_view field = key.substr(dot + 1);
    if (service) {
      for (const ServiceField& f : kServiceFields) {
        if (field != f.name) continue;
        int v = 0;
        if (!ParseIntValue(value, v))
          return InvalidArgument("'" + std::string(key) + "' needs a whole number, got '" +
                                 std::string(value) + "'");
        Of(*service).*(f.field) = v;
        return Status::Ok();
      }
    }
  }
  for (const GlobalIntField& f : kGlobalIntFields) {
    if (key != f.name) continue;
    int v = 0;
    if (!ParseIntValue(value, v))
      return InvalidArgument("'" + std::string(key) + "' needs a whole number, got '" +
                             std::string(value) + "'");
    this->*(f.field) = v;
    return Status::Ok();
  }
  for (const GlobalDoubleField& f : kGlobalDoubleFields) {
    if (key != f.name) continue;
    double v = 0;
    if (!ParseDoubleValue(value, v))
      return InvalidArgument("'" + std::string(key) + "' needs a number, got '" +
                             std::string(value) + "'");
    this->*(f.field) = v;
    return Status::Ok();
  }
  return InvalidArgument("unknown SLA parameter '" + std::string(key) +
                         "' (keys: <service>.cycle_seconds|min_online|fail_cycles|"
                         "recover_cycles|rollweek_sla_minutes|downtime_slr_minutes, " +
                         "dns_udp_rtt_high_ms, rollweek_seconds, ...)");
}

std::optional<SlaParams::Value> SlaParams::Get(std::string_view key) const {
  const std::size_t dot = key.find('.');
  if (dot != std::string_view::npos) {
    const auto service = ParseServiceName(key.substr(0, dot));
    if (!service) return std::nullopt;
    for (const ServiceField& f : kServiceFields)
      if (key.substr(dot + 1) == f.name) return Value(std::int64_t{Of(*service).*(f.field)});
    return std::nullopt;
  }
  for (const GlobalIntField& f : kGlobalIntFields)
    if (key == f.name) return Value(std::int64_t{this->*(f.field)});
  for (const GlobalDoubleField& f : kGlobalDoubleFields)
    if (key == f.name) return Value(this->*(f.field));
  return std::nullopt;
}

std::vector<std::string> SlaParams::Keys() {
  std::vector<std::string> keys;
  for (Service s : kAllServices)
    for (const ServiceField& f : kServiceFields)
      keys.push_back(std::string(PathName(s)) + "." + f.name);
  for (const GlobalIntField& f : kGlobalIntFields) keys.emplace_back(f.name);
  for (const GlobalDoubleField& f : kGlobalDoubleFields) keys.emplace_back(f.name);
  return keys;
}

}  // namespace tldmon::engine
