#include "probewire/probe_config_wire.h"

#include <algorithm>

#include "probewire/wire_json.h"

namespace tldmon::probewire {
namespace {

Json RenderEntity(const ProbeEntity& e) {
  Json ns = Json::array();
  for (const NameServer& n : e.name_servers) ns.push_back({{"name", n.name}, {"ips", n.ips}});
  // nlohmann's object keeps keys sorted: the rendering is canonical.
  return Json{{"id", e.id.Path()},
              {"dns", e.dns},
              {"dnssec", e.dnssec},
              {"rdds43", e.rdds43},
              {"rdds80", e.rdds80},
              {"rdap", e.rdap},
              {"test_prefix", e.test_prefix},
              {"name_servers", std::move(ns)},
              {"min_ns", e.min_ns.ToString()},
              {"rdds43_server", e.rdds43_server},
              {"rdds80_url", e.rdds80_url},
              {"rdap_base_url", e.rdap_base_url},
              {"test_domain", e.test_domain}};
}

#define WIRE_ASSIGN(lhs, expr)            \
  do {                                    \
    auto wire_v_ = (expr);                \
    if (!wire_v_.ok()) return wire_v_.status(); \
    lhs = std::move(*wire_v_);            \
  } while (0)

Result<ProbeEntity> ParseEntity(const Json& j) {
  ProbeEntity e;
  std::string id;
  WIRE_ASSIGN(id, String(j, "id", kMaxTextBytes));
  auto parsed = EntityId::Parse(id);
  if (!parsed.ok()) return InvalidArgument("\"id\": " + parsed.status().message());
  e.id = *parsed;
  const std::string where = "entity " + id + ": ";
  const auto in = [&](const Status& s) { return InvalidArgument(where + s.message()); };
  for (auto [key, flag] : {std::pair{"dns", &e.dns}, {"dnssec", &e.dnssec}, {"rdds43", &e.rdds43},
                           {"rdds80", &e.rdds80}, {"rdap", &e.rdap}}) {
    auto b = Boolean(j, key);
    if (!b.ok()) return in(b.status());
    *flag = *b;
  }
  struct TextField {
    const char* key;
    std::string* out;
    std::size_t max;
  };
  for (const TextField& f : {TextField{"test_prefix", &e.test_prefix, kMaxTextBytes},
                             TextField{"rdds43_server", &e.rdds43_server, kMaxTextBytes},
                             TextField{"rdds80_url", &e.rdds80_url, kMaxUrlBytes},
                             TextField{"rdap_base_url", &e.rdap_base_url, kMaxUrlBytes},
                             TextField{"test_domain", &e.test_domain, kMaxTextBytes}}) {
    auto s = String(j, f.key, f.max);
    if (!s.ok()) return in(s.status());
    *f.out = std::move(*s);
  }
  auto min_ns_text = String(j, "min_ns", kMaxTextBytes);
  if (!min_ns_text.ok()) return in(min_ns_text.status());
  auto min_ns = MinNsSchedule::Parse(*min_ns_text);
  if (!min_ns.ok()) return in(min_ns.status());
  e.min_ns = *min_ns;
  auto ns = Member(j, "name_servers");
  if (!ns.ok()) return in(ns.status());
  if (!(*ns)->is_array() || (*ns)->size() > kMaxNameServers)
    return InvalidArgument(where + "\"name_servers\" is not an array of at most " +
                           std::to_string(kMaxNameServers));
  for (const Json& n : **ns) {
    NameServer server;
    auto name = String(n, "name", kMaxTextBytes);
    if (!name.ok()) return in(name.status());
    if (!IsHostName(*name)) return InvalidArgument(where + "bad name server \"" + *name + "\"");
    server.name = *name;
    auto ips = Member(n, "ips");
    if (!ips.ok()) return in(ips.status());
    if (!(*ips)->is_array() || (*ips)->size() > kMaxIpsPerNameServer)
      return InvalidArgument(where + server.name + ": \"ips\" is not an array of at most " +
                             std::to_string(kMaxIpsPerNameServer));
    for (const Json& ip : **ips) {
      if (!ip.is_string() || !IsValidIp(ip.get_ref<const std::string&>()))
        return InvalidArgument(where + server.name + ": an address is not an IP address");
      server.ips.push_back(ip.get<std::string>());
    }
    e.name_servers.push_back(std::move(server));
  }
  if (e.dns && (e.test_prefix.empty() || e.name_servers.empty()))
    return InvalidArgument(where + "DNS is tested but the test prefix or name servers are missing");
  return e;
}

Result<ProbeIdentity> ParseIdentity(const Json& j) {
  ProbeIdentity p;
  WIRE_ASSIGN(p.name, String(j, "name", kMaxTextBytes));
  WIRE_ASSIGN(p.ipv4, Boolean(j, "ipv4"));
  WIRE_ASSIGN(p.ipv6, Boolean(j, "ipv6"));
  WIRE_ASSIGN(p.rdds, Boolean(j, "rdds"));
  WIRE_ASSIGN(p.rdap, Boolean(j, "rdap"));
  WIRE_ASSIGN(p.manual_online, Boolean(j, "manual_online"));
  return p;
}

Result<TestSettings> ParseSettings(const Json& j) {
  TestSettings t;
  struct IntField {
    const char* key;
    int* out;
    int lo, hi;
  };
  for (const IntField& f : {IntField{"dns_cycle_seconds", &t.dns_cycle_seconds, 60, 3600},
                            IntField{"rdds_cycle_seconds", &t.rdds_cycle_seconds, 60, 3600},
                            IntField{"rdap_cycle_seconds", &t.rdap_cycle_seconds, 60, 3600},
                            IntField{"tcp_ratio", &t.tcp_ratio, 1, 1000},
                            IntField{"recover_udp", &t.recover_udp, 1, 1000},
                            IntField{"recover_tcp", &t.recover_tcp, 1, 1000},
                            IntField{"udp_rtt_high_ms", &t.udp_rtt_high_ms, 1, 600000},
                            IntField{"tcp_rtt_high_ms", &t.tcp_rtt_high_ms, 1, 600000},
                            IntField{"rdds_rtt_high_ms", &t.rdds_rtt_high_ms, 1, 600000},
                            IntField{"rdap_rtt_high_ms", &t.rdap_rtt_high_ms, 1, 600000},
                            IntField{"max_redirects", &t.max_redirects, 0, 100}}) {
    auto v = Integer(j, f.key, f.lo, f.hi);
    if (!v.ok()) return v.status();
    *f.out = static_cast<int>(*v);
  }
  WIRE_ASSIGN(t.rdds_ns_string, String(j, "rdds_ns_string", kMaxTextBytes));
  if (t.rdds_ns_string.empty()) return InvalidArgument("\"rdds_ns_string\" is empty");
  return t;
}

}  // namespace

ProbeEntity ProbeEntityOf(const EntityConfig& c) {
  ProbeEntity e;
  e.id = c.id;
  e.dns = c.IsEnabled(Service::kDns);
  e.dnssec = e.dns && c.dnssec && c.IsEnabled(Service::kDnssec);
  e.rdds43 = c.IsEnabled(Service::kRdds) && !c.rdds43_server.empty();
  e.rdds80 = c.IsEnabled(Service::kRdds) && !c.rdds80_url.empty();
  e.rdap = c.IsEnabled(Service::kRdap);
  e.test_prefix = c.test_prefix;
  e.name_servers = c.name_servers;
  e.min_ns = c.min_ns;
  e.rdds43_server = c.rdds43_server;
  e.rdds80_url = c.rdds80_url;
  e.rdap_base_url = c.rdap_base_url;
  e.test_domain = c.test_domain;
  return e;
}

std::string RenderProbeConfig(const ProbeConfig& c) {
  Json entities = Json::array();
  for (const ProbeEntity& e : c.entities) entities.push_back(RenderEntity(e));
  const TestSettings& t = c.tests;
  Json doc{{"version", c.version},
           {"generated", c.generated},
           {"probe",
            {{"name", c.probe.name},
             {"ipv4", c.probe.ipv4},
             {"ipv6", c.probe.ipv6},
             {"rdds", c.probe.rdds},
             {"rdap", c.probe.rdap},
             {"manual_online", c.probe.manual_online}}},
           {"tests",
            {{"dns_cycle_seconds", t.dns_cycle_seconds},
             {"rdds_cycle_seconds", t.rdds_cycle_seconds},
             {"rdap_cycle_seconds", t.rdap_cycle_seconds},
             {"tcp_ratio", t.tcp_ratio},
             {"recover_udp", t.recover_udp},
             {"recover_tcp", t.recover_tcp},
             {"udp_rtt_high_ms", t.udp_rtt_high_ms},
             {"tcp_rtt_high_ms", t.tcp_rtt_high_ms},
             {"rdds_rtt_high_ms", t.rdds_rtt_high_ms},
             {"rdap_rtt_high_ms", t.rdap_rtt_high_ms},
             {"rdds_ns_string", t.rdds_ns_string},
             {"max_redirects", t.max_redirects}}},
           {"entities", std::move(entities)}};
  return doc.dump(2) + "\n";
}

Result<ProbeConfig> ParseProbeConfig(std::string_view json) {
  auto doc = ParseObject(json);
  if (!doc.ok()) return doc.status();
  ProbeConfig c;
  auto version = Integer(*doc, "version", 1, 1000);
  if (!version.ok()) return version.status();
  if (*version != kProtocolVersion)
    return InvalidArgument("configuration version " + std::to_string(*version) +
                           " is not supported (this probe speaks version " +
                           std::to_string(kProtocolVersion) + ")");
  WIRE_ASSIGN(c.generated, Integer(*doc, "generated", 0, 1LL << 40));
  auto probe = Member(*doc, "probe");
  if (!probe.ok()) return probe.status();
  WIRE_ASSIGN(c.probe, ParseIdentity(**probe));
  auto tests = Member(*doc, "tests");
  if (!tests.ok()) return tests.status();
  WIRE_ASSIGN(c.tests, ParseSettings(**tests));
  auto entities = Member(*doc, "entities");
  if (!entities.ok()) return entities.status();
  if (!(*entities)->is_array() || (*entities)->size() > kMaxEntities)
    return InvalidArgument("\"entities\" is not an array of at most " +
                           std::to_string(kMaxEntities));
  for (const Json& e : **entities) {
    auto entity = ParseEntity(e);
    if (!entity.ok()) return entity.status();
    c.entities.push_back(std::move(*entity));
  }
  return c;
}

}  // namespace tldmon::probewire
