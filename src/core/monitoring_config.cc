#include "core/monitoring_config.h"

#include <arpa/inet.h>

#include <charconv>
#include <set>

namespace tldmon {

int MinNsSchedule::At(UnixSeconds t) const {
  int v = initial;
  for (const auto& [ts, n] : switches) {
    if (t >= ts) v = n;
    else break;
  }
  return v;
}

std::string MinNsSchedule::ToString() const {
  std::string s = std::to_string(initial);
  for (const auto& [ts, n] : switches) s += ";" + std::to_string(ts) + ":" + std::to_string(n);
  return s;
}

namespace {
bool ParseInt64(std::string_view s, std::int64_t& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}
}  // namespace

Result<MinNsSchedule> MinNsSchedule::Parse(std::string_view text) {
  MinNsSchedule out;
  std::size_t pos = text.find(';');
  std::int64_t n = 0;
  if (!ParseInt64(text.substr(0, pos), n) || n < 1 || n > 255)
    return InvalidArgument("minNS must be 'N' or 'N;<unix_ts>:M', got '" + std::string(text) + "'");
  out.initial = static_cast<int>(n);
  while (pos != std::string_view::npos) {
    const std::size_t next = text.find(';', pos + 1);
    const std::string_view item = text.substr(pos + 1, next == std::string_view::npos ? next : next - pos - 1);
    const std::size_t colon = item.find(':');
    std::int64_t ts = 0, m = 0;
    if (colon == std::string_view::npos || !ParseInt64(item.substr(0, colon), ts) ||
        !ParseInt64(item.substr(colon + 1), m) || m < 1 || m > 255)
      return InvalidArgument("bad minNS switch '" + std::string(item) + "' in '" + std::string(text) + "'");
    if (!out.switches.empty() && ts <= out.switches.back().first)
      return InvalidArgument("minNS switch times must ascend in '" + std::string(text) + "'");
    out.switches.emplace_back(ts, static_cast<int>(m));
    pos = next;
  }
  return out;
}

bool EntityConfig::ServiceAllowed(EntityKind kind, Service s) {
  if (kind == EntityKind::kRegistrar) return s == Service::kRdds || s == Service::kRdap;
  return true;
}

bool IsIpv6Literal(std::string_view text) { return text.find(':') != std::string_view::npos; }

bool IsValidIp(std::string_view text) {
  // inet_pton reads a C string: an embedded NUL would end the address early
  // and accept whatever follows it ("192.0.2.1\0junk").
  if (text.empty() || text.size() > 45 || text.find('\0') != std::string_view::npos) return false;
  std::string s(text);
  unsigned char buf[16];
  return inet_pton(IsIpv6Literal(s) ? AF_INET6 : AF_INET, s.c_str(), buf) == 1;
}

Status EntityConfig::Validate() const {
  TLDMON_RETURN_IF_ERROR(EntityId::ValidateId(id.kind, id.id));
  for (Service s : kAllServices)
    if (IsEnabled(s) && !ServiceAllowed(id.kind, s))
      return InvalidArgument(id.Path() + ": a registrar can only have RDDS and RDAP, not " +
                             std::string(JsonKey(s)));
  if (IsEnabled(Service::kDnssec) && !IsEnabled(Service::kDns))
    return InvalidArgument(id.Path() + ": DNSSEC needs DNS enabled");
  if (IsEnabled(Service::kDns)) {
    if (name_servers.empty())
      return InvalidArgument(id.Path() + ": DNS is enabled but no name servers are configured");
    std::set<std::string> names;
    for (const NameServer& ns : name_servers) {
      if (ns.name.empty()) return InvalidArgument(id.Path() + ": empty name-server name");
      if (!names.insert(ns.name).second)
        return InvalidArgument(id.Path() + ": duplicate name server " + ns.name);
      if (ns.ips.empty()) return InvalidArgument(id.Path() + ": name server " + ns.name + " has no IP");
      std::set<std::string> ips;
      for (const std::string& ip : ns.ips) {
        if (!IsValidIp(ip))
          return InvalidArgument(id.Path() + ": name server " + ns.name + " has a bad IP '" + ip + "'");
        if (!ips.insert(ip).second)
          return InvalidArgument(id.Path() + ": name server " + ns.name + " lists " + ip + " twice");
      }
    }
    if (min_ns.initial < 1) return InvalidArgument(id.Path() + ": minNS must be at least 1");
  }
  if (IsEnabled(Service::kRdds) && rdds43_server.empty() && rdds80_url.empty())
    return InvalidArgument(id.Path() + ": RDDS is enabled but neither an RDDS43 server nor an RDDS80 URL is set");
  if (IsEnabled(Service::kRdap) && rdap_base_url.empty())
    return InvalidArgument(id.Path() + ": RDAP is enabled but no RDAP base URL is set");
  return Status::Ok();
}

Status ProbeNode::Validate() const {
  if (name.empty() || name.size() > 64)
    return InvalidArgument("probe name must be 1..64 characters");
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return InvalidArgument("probe name '" + name + "' may use only [A-Za-z0-9._-]");
  }
  if (!ipv4 && !ipv6) return InvalidArgument("probe " + name + " must support IPv4 or IPv6");
  for (const auto& a : ipv4_addresses)
    if (!IsValidIp(a) || IsIpv6Literal(a)) return InvalidArgument("probe " + name + ": bad IPv4 '" + a + "'");
  for (const auto& a : ipv6_addresses)
    if (!IsValidIp(a) || !IsIpv6Literal(a)) return InvalidArgument("probe " + name + ": bad IPv6 '" + a + "'");
  return Status::Ok();
}

}  // namespace tldmon
