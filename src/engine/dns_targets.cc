#include "engine/dns_targets.h"

namespace tldmon::engine {

DnsTargets DnsTargets::Of(const EntityConfig& entity) {
  DnsTargets t;
  t.ns_offset.reserve(entity.name_servers.size() + 1);
  for (const NameServer& ns : entity.name_servers) {
    for (const std::string& ip : ns.ips) {
      const bool v6 = IsIpv6Literal(ip);
      t.is_v6.push_back(v6 ? 1 : 0);
      ++(v6 ? t.v6_pairs : t.v4_pairs);
    }
    t.ns_offset.push_back(static_cast<std::uint32_t>(t.is_v6.size()));
  }
  return t;
}

}  // namespace tldmon::engine
