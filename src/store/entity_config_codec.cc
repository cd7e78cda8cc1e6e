#include "store/entity_config_codec.h"

#include <cstdint>
#include <limits>

#include "store/varint.h"

namespace tldmon::store {
namespace {

// Format version first, so a later layout can be told apart from this one.
constexpr std::uint64_t kFormat = 1;
// Bounds a corrupt body cannot exceed (a name server list, IPs per name
// server, schedule switches and change times are small in practice).
constexpr std::uint64_t kMaxItems = 1 << 16;
constexpr std::uint64_t kMaxConfigText = 1 << 20;

}  // namespace

std::string EncodeEntityConfig(const EntityConfig& e) {
  std::string out;
  ByteWriter w(out);
  w.Varint(kFormat);
  w.Varint(e.id.kind == EntityKind::kRegistrar ? 1 : 0);
  w.Text(e.id.id);
  w.Varint(e.cctld ? 1 : 0);
  w.Varint(e.enabled.to_ullong());
  w.Varint(e.name_servers.size());
  for (const NameServer& ns : e.name_servers) {
    w.Text(ns.name);
    w.Varint(ns.ips.size());
    for (const std::string& ip : ns.ips) w.Text(ip);
  }
  w.Signed(e.min_ns.initial);
  w.Varint(e.min_ns.switches.size());
  for (const auto& [at, n] : e.min_ns.switches) {
    w.Signed(at);
    w.Signed(n);
  }
  w.Varint(e.dnssec ? 1 : 0);
  w.Text(e.test_prefix);
  w.Text(e.rdds43_server);
  w.Text(e.rdds80_url);
  w.Text(e.rdap_base_url);
  w.Text(e.test_domain);
  w.Varint(e.config_times.size());
  for (UnixSeconds t : e.config_times) w.Signed(t);
  return out;
}

bool DecodeEntityConfig(std::string_view bytes, EntityConfig& e) {
  ByteReader r(bytes);
  std::uint64_t format = 0, kind = 0, flag = 0, enabled = 0, count = 0;
  if (!r.Varint(format) || format != kFormat || !r.Bounded(1, kind)) return false;
  e = EntityConfig();
  e.id.kind = kind == 1 ? EntityKind::kRegistrar : EntityKind::kRegistry;
  if (!r.Text(kMaxConfigText, e.id.id) || !r.Bounded(1, flag)) return false;
  e.cctld = flag == 1;
  if (!r.Bounded((std::uint64_t{1} << kServiceCount) - 1, enabled)) return false;
  e.enabled = std::bitset<kServiceCount>(enabled);
  if (!r.Bounded(kMaxItems, count)) return false;
  e.name_servers.resize(static_cast<std::size_t>(count));
  for (NameServer& ns : e.name_servers) {
    std::uint64_t ips = 0;
    if (!r.Text(kMaxConfigText, ns.name) || !r.Bounded(kMaxItems, ips)) return false;
    ns.ips.resize(static_cast<std::size_t>(ips));
    for (std::string& ip : ns.ips)
      if (!r.Text(kMaxConfigText, ip)) return false;
  }
  if (!r.Int(e.min_ns.initial) || !r.Bounded(kMaxItems, count)) return false;
  e.min_ns.switches.resize(static_cast<std::size_t>(count));
  for (auto& [at, n] : e.min_ns.switches) {
    std::int64_t t = 0;
    if (!r.Signed(t) || !r.Int(n)) return false;
    at = t;
  }
  if (!r.Bounded(1, flag)) return false;
  e.dnssec = flag == 1;
  if (!r.Text(kMaxConfigText, e.test_prefix) || !r.Text(kMaxConfigText, e.rdds43_server) ||
      !r.Text(kMaxConfigText, e.rdds80_url) || !r.Text(kMaxConfigText, e.rdap_base_url) ||
      !r.Text(kMaxConfigText, e.test_domain) || !r.Bounded(kMaxItems, count))
    return false;
  e.config_times.resize(static_cast<std::size_t>(count));
  for (UnixSeconds& t : e.config_times) {
    std::int64_t v = 0;
    if (!r.Signed(v)) return false;
    t = v;
  }
  return r.done();
}

}  // namespace tldmon::store
