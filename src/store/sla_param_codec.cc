#include "store/sla_param_codec.h"

#include <limits>

namespace tldmon::store {
namespace {

using engine::ServiceParams;
using engine::SlaParams;

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

struct IntField {
  const char* name;
  int SlaParams::*field;
};
constexpr IntField kIntFields[] = {
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

struct RealField {
  const char* name;
  double SlaParams::*field;
};
constexpr RealField kRealFields[] = {
    {"rtt_failed_percent_allowed", &SlaParams::rtt_failed_percent_allowed},
    {"unavailability_limit", &SlaParams::unavailability_limit},
};

Status SetInt(int& out, std::string_view name, const std::variant<std::int64_t, double>& value) {
  const auto* i = std::get_if<std::int64_t>(&value);
  if (i == nullptr || *i < std::numeric_limits<int>::min() || *i > std::numeric_limits<int>::max())
    return InvalidArgument("SLA parameter " + std::string(name) + " must be an int");
  out = static_cast<int>(*i);
  return Status::Ok();
}

}  // namespace

std::vector<SlaParamValue> FlattenSlaParams(const SlaParams& p) {
  std::vector<SlaParamValue> out;
  for (Service s : kAllServices)
    for (const ServiceField& f : kServiceFields)
      out.push_back(
          {std::string(PathName(s)) + "." + f.name, static_cast<std::int64_t>(p.Of(s).*f.field)});
  for (const IntField& f : kIntFields)
    out.push_back({f.name, static_cast<std::int64_t>(p.*f.field)});
  for (const RealField& f : kRealFields) out.push_back({f.name, p.*f.field});
  return out;
}

Status ApplySlaParam(SlaParams& p, std::string_view name,
                     const std::variant<std::int64_t, double>& value) {
  if (const auto dot = name.find('.'); dot != std::string_view::npos) {
    const std::optional<Service> s = ParseServicePath(name.substr(0, dot));
    if (s) {
      for (const ServiceField& f : kServiceFields)
        if (name.substr(dot + 1) == f.name) return SetInt(p.Of(*s).*f.field, name, value);
    }
    return NotFound("unknown SLA parameter " + std::string(name));
  }
  for (const IntField& f : kIntFields)
    if (name == f.name) return SetInt(p.*f.field, name, value);
  for (const RealField& f : kRealFields) {
    if (name != f.name) continue;
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
      p.*f.field = static_cast<double>(*i);
    } else {
      p.*f.field = std::get<double>(value);
    }
    return Status::Ok();
  }
  return NotFound("unknown SLA parameter " + std::string(name));
}

}  // namespace tldmon::store
