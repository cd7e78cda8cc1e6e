#include "app/entity_options.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include "admin/dns_name.h"
#include "admin/https_url.h"

namespace tldmon::app {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string Shown(std::string_view s) {
  constexpr std::size_t kMax = 80;
  return "'" + std::string(s.substr(0, kMax)) + (s.size() > kMax ? "...'" : "'");
}

Result<std::bitset<kServiceCount>> ParseServices(const std::string& text, EntityKind kind) {
  std::bitset<kServiceCount> out;
  for (const std::string& name : SplitComma(text)) {
    const std::optional<Service> s = ParseServiceName(name);
    if (!s)
      return InvalidArgument("--services: unknown service " + Shown(name) +
                             " (dns, dnssec, rdds, rdap)");
    if (*s == Service::kEpp) return InvalidArgument("--services: EPP is not monitored by tldmon");
    if (!EntityConfig::ServiceAllowed(kind, *s))
      return InvalidArgument("--services: a registrar has only rdds and rdap, not " + name);
    out.set(static_cast<std::size_t>(Index(*s)));
  }
  if (out.none()) return InvalidArgument("--services: name at least one service");
  return out;
}

Status CheckTargets(const EntityOptions& o) {
  if (o.rdds43 && !admin::IsValidHostName(*o.rdds43, 2) && !IsValidIp(*o.rdds43))
    return InvalidArgument("--rdds: " + Shown(*o.rdds43) + " is not a host name or IP address");
  if (o.rdds80) {
    std::string as_https = *o.rdds80;
    if (as_https.rfind("http://", 0) == 0) as_https = "https://" + as_https.substr(7);
    if (Status s = admin::ValidateHttpsUrl(as_https); !s.ok())
      return InvalidArgument("--rdds80 " + Shown(*o.rdds80) + ": " + s.message());
  }
  if (o.rdap) {
    if (Status s = admin::ValidateHttpsUrl(*o.rdap); !s.ok())
      return InvalidArgument("--rdap " + Shown(*o.rdap) + ": " + s.message());
  }
  if (o.test_domain && !admin::IsValidHostName(*o.test_domain, 2))
    return InvalidArgument("--test-domain: " + Shown(*o.test_domain) + " is not a domain name");
  if (o.test_prefix &&
      (!admin::IsValidHostName(*o.test_prefix, 1) || o.test_prefix->find('.') != std::string::npos))
    return InvalidArgument("--test-prefix: " + Shown(*o.test_prefix) +
                           " is not a single DNS label");
  return Status::Ok();
}

Status CheckKindOptions(const EntityId& id, const EntityOptions& o) {
  if (!id.is_registrar()) return Status::Ok();
  const char* dns_option = !o.ns.empty()   ? "--ns"
                           : o.min_ns      ? "--min-ns"
                           : o.dnssec      ? "--dnssec/--no-dnssec"
                           : o.test_prefix ? "--test-prefix"
                           : o.cctld       ? "--cctld/--gtld"
                                           : nullptr;
  if (dns_option != nullptr)
    return InvalidArgument(std::string(dns_option) + " is for registries; " + id.Path() +
                           " is a registrar (RDDS and RDAP only)");
  return Status::Ok();
}

// Applies every option except --services to `e`.
Status ApplyOptions(const EntityOptions& o, EntityConfig* e) {
  if (o.cctld) e->cctld = *o.cctld;
  if (!o.ns.empty()) {
    e->name_servers.clear();
    for (const std::string& text : o.ns) {
      auto ns = ParseNameServerOption(text);
      if (!ns.ok()) return ns.status();
      e->name_servers.push_back(std::move(*ns));
    }
  }
  if (o.min_ns) {
    auto m = MinNsSchedule::Parse(*o.min_ns);
    if (!m.ok())
      return InvalidArgument("--min-ns " + Shown(*o.min_ns) + ": " + m.status().message());
    e->min_ns = *m;
  }
  if (o.dnssec) e->dnssec = *o.dnssec;
  if (o.test_prefix) e->test_prefix = Lower(*o.test_prefix);
  if (o.rdds43) e->rdds43_server = Lower(*o.rdds43);
  if (o.rdds80) e->rdds80_url = *o.rdds80;
  if (o.rdap) e->rdap_base_url = *o.rdap;
  if (o.test_domain) e->test_domain = Lower(*o.test_domain);
  return Status::Ok();
}

Status Finish(const EntityOptions& o, EntityConfig* e) {
  if (o.dnssec && !*o.dnssec && e->IsEnabled(Service::kDnssec)) {
    if (o.services) return InvalidArgument("--no-dnssec contradicts dnssec in --services");
    e->SetEnabled(Service::kDnssec, false);
  }
  if (!e->dnssec && e->IsEnabled(Service::kDnssec))
    return InvalidArgument(e->id.Path() +
                           " has DNSSEC testing off; give --dnssec to enable the DNSSEC service");
  if (e->IsEnabled(Service::kDns) && e->name_servers.empty())
    return InvalidArgument(e->id.Path() + ": DNS needs name servers: give --ns NAME=IP[,IP...]");
  if (e->IsEnabled(Service::kRdds) && e->rdds43_server.empty() && e->rdds80_url.empty())
    return InvalidArgument(e->id.Path() + ": RDDS needs --rdds HOST or --rdds80 URL");
  if (e->IsEnabled(Service::kRdap) && e->rdap_base_url.empty())
    return InvalidArgument(e->id.Path() + ": RDAP needs --rdap URL");
  return e->Validate();
}

}  // namespace

std::vector<std::string> SplitComma(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t comma = text.find(',', pos);
    std::string_view part =
        text.substr(pos, comma == std::string_view::npos ? text.npos : comma - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    out.emplace_back(part);
    if (comma == std::string_view::npos) return out;
    pos = comma + 1;
  }
}

bool EntityOptions::empty() const {
  return !cctld && !services && ns.empty() && !min_ns && !dnssec && !test_prefix && !rdds43 &&
         !rdds80 && !rdap && !test_domain;
}

Result<NameServer> ParseNameServerOption(const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos)
    return InvalidArgument("--ns " + Shown(text) +
                           ": expected NAME=IP[,IP...], e.g. ns1.example=192.0.2.1");
  NameServer ns;
  ns.name = Lower(text.substr(0, eq));
  if (!ns.name.empty() && ns.name.back() == '.') ns.name.pop_back();
  if (!admin::IsValidHostName(ns.name, 2))
    return InvalidArgument("--ns " + Shown(text) + ": " + Shown(ns.name) + " is not a host name");
  std::set<std::string> seen;
  for (const std::string& ip : SplitComma(std::string_view(text).substr(eq + 1))) {
    if (!IsValidIp(ip))
      return InvalidArgument("--ns " + Shown(text) + ": " + Shown(ip) + " is not an IP address");
    if (!seen.insert(ip).second)
      return InvalidArgument("--ns " + Shown(text) + ": " + ip + " is listed twice");
    ns.ips.push_back(ip);
  }
  return ns;
}

Result<EntityConfig> BuildEntity(const EntityId& id, const EntityOptions& o) {
  TLDMON_RETURN_IF_ERROR(EntityId::ValidateId(id.kind, id.id));
  TLDMON_RETURN_IF_ERROR(CheckKindOptions(id, o));
  TLDMON_RETURN_IF_ERROR(CheckTargets(o));
  EntityConfig e;
  e.id = id;
  TLDMON_RETURN_IF_ERROR(ApplyOptions(o, &e));
  if (o.services) {
    auto s = ParseServices(*o.services, id.kind);
    if (!s.ok()) return s.status();
    e.enabled = *s;
  } else {
    if (!id.is_registrar()) {
      e.SetEnabled(Service::kDns, true);
      e.SetEnabled(Service::kDnssec, e.dnssec);
    }
    e.SetEnabled(Service::kRdds, o.rdds43.has_value() || o.rdds80.has_value());
    e.SetEnabled(Service::kRdap, o.rdap.has_value());
    if (e.enabled.none())
      return InvalidArgument(id.Path() + ": a registrar needs --rdds HOST and/or --rdap URL");
  }
  TLDMON_RETURN_IF_ERROR(Finish(o, &e));
  return e;
}

Result<EntityConfig> UpdateEntity(EntityConfig current, const EntityOptions& o, UnixSeconds now) {
  TLDMON_RETURN_IF_ERROR(CheckKindOptions(current.id, o));
  TLDMON_RETURN_IF_ERROR(CheckTargets(o));
  EntityConfig e = current;
  TLDMON_RETURN_IF_ERROR(ApplyOptions(o, &e));
  if (o.services) {
    auto s = ParseServices(*o.services, e.id.kind);
    if (!s.ok()) return s.status();
    e.enabled = *s;
  } else {
    if (o.rdds43 || o.rdds80) e.SetEnabled(Service::kRdds, true);
    if (o.rdap) e.SetEnabled(Service::kRdap, true);
    if (o.dnssec && *o.dnssec && e.IsEnabled(Service::kDns)) e.SetEnabled(Service::kDnssec, true);
  }
  TLDMON_RETURN_IF_ERROR(Finish(o, &e));
  if (!(e == current)) e.config_times.push_back(now);
  return e;
}

nlohmann::json EntityJson(const EntityConfig& e) {
  nlohmann::json services = nlohmann::json::array();
  for (Service s : kAllServices)
    if (e.IsEnabled(s)) services.push_back(std::string(PathName(s)));
  nlohmann::json ns = nlohmann::json::array();
  for (const NameServer& n : e.name_servers) ns.push_back({{"name", n.name}, {"ips", n.ips}});
  nlohmann::json times = nlohmann::json::array();
  for (UnixSeconds t : e.config_times) times.push_back(FormatIso8601(t));
  nlohmann::json j = {{"entity", e.id.Path()}, {"services", services}};
  if (!e.id.is_registrar()) {
    j["cctld"] = e.cctld;
    j["nameServers"] = ns;
    j["minNs"] = e.min_ns.ToString();
    j["dnssec"] = e.dnssec;
    j["testPrefix"] = e.test_prefix;
  }
  j["rdds43Server"] = e.rdds43_server;
  j["rdds80Url"] = e.rdds80_url;
  j["rdapBaseUrl"] = e.rdap_base_url;
  j["testDomain"] = e.test_domain;
  j["configTimes"] = times;
  return j;
}

}  // namespace tldmon::app
