#include "sim/network_topology.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "sim/network_hash.h"

namespace tldmon::sim {
namespace {

constexpr std::array<std::string_view, 16> kSyllables = {
    "ka", "lo", "mi", "nu", "re", "sa", "to", "vi", "be", "do", "fi", "gu", "ha", "je", "po", "zu"};

constexpr std::array<std::string_view, 28> kCities = {
    "Frankfurt", "Ashburn",  "Singapore", "SaoPaulo",  "Sydney",    "Tokyo",    "Johannesburg",
    "Amsterdam", "London",   "Paris",     "Madrid",    "Stockholm", "Warsaw",   "Istanbul",
    "Dubai",     "Mumbai",   "HongKong",  "Seoul",     "Auckland",  "Santiago", "BuenosAires",
    "Bogota",    "Mexico",   "Dallas",    "Chicago",   "Toronto",   "Nairobi",  "Lagos"};

}  // namespace

std::string SyntheticTldName(int index) {
  // Bijective: names of length L syllables take the next 16^L indexes.
  std::int64_t i = std::max(0, index);
  int len = 2;
  std::int64_t block = 256;
  while (i >= block) {
    i -= block;
    ++len;
    block *= 16;
  }
  std::string name;
  for (int k = len - 1; k >= 0; --k) {
    std::int64_t digit = i;
    for (int d = 0; d < k; ++d) digit /= 16;
    name += kSyllables[static_cast<std::size_t>(digit % 16)];
  }
  return name;
}

EntityConfig SyntheticTld(const std::string& tld, int index, std::uint64_t seed, const TldShape& shape) {
  EntityConfig e;
  e.id = EntityId{EntityKind::kRegistry, tld};
  e.SetEnabled(Service::kDns, true);
  e.SetEnabled(Service::kDnssec, true);
  e.SetEnabled(Service::kRdds, shape.rdds);
  e.SetEnabled(Service::kRdap, shape.rdap);
  e.dnssec = true;
  e.min_ns = MinNsSchedule{};
  const int min_ns = std::clamp(shape.min_ns, 1, 8);
  const int max_ns = std::clamp(shape.max_ns, min_ns, 8);
  const std::uint64_t h = HashOf(seed, HashString(tld));
  const int ns_count = min_ns + static_cast<int>(Below(h, static_cast<std::uint64_t>(max_ns - min_ns + 1)));
  for (int n = 0; n < ns_count; ++n) {
    NameServer ns;
    ns.name = fmt::format("ns{}.nic.{}", n + 1, tld);
    // One IPv4 per name server from 198.18.0.0/15 (RFC 2544), host parts
    // 1..250, unique for the first 16000 TLDs.
    const std::uint32_t k = static_cast<std::uint32_t>(index) * 8u + static_cast<std::uint32_t>(n);
    const std::uint32_t block = k / 250;
    ns.ips.push_back(fmt::format("198.{}.{}.{}", 18 + ((block >> 8) & 1), block & 255, k % 250 + 1));
    if (UnitInterval(HashOf(h, n)) < shape.ipv6_share)
      ns.ips.push_back(fmt::format("2001:db8:{:x}::{:x}", (index + 1) & 0xffff, n + 1));
    e.name_servers.push_back(std::move(ns));
  }
  if (shape.rdds) {
    e.rdds43_server = "whois.nic." + tld;
    e.rdds80_url = "https://whois.nic." + tld + "/";
  }
  if (shape.rdap) e.rdap_base_url = "https://rdap.nic." + tld + "/";
  e.test_domain = "nic." + tld;
  return e;
}

std::vector<EntityConfig> SyntheticTlds(int count, std::uint64_t seed, const TldShape& shape) {
  std::vector<EntityConfig> out;
  out.reserve(static_cast<std::size_t>(std::max(0, count)));
  for (int i = 0; i < count; ++i) out.push_back(SyntheticTld(SyntheticTldName(i), i, seed, shape));
  return out;
}

EntityConfig SyntheticRegistrar(std::uint32_t iana_id) {
  EntityConfig e;
  e.id = EntityId{EntityKind::kRegistrar, std::to_string(iana_id)};
  e.SetEnabled(Service::kRdds, true);
  e.SetEnabled(Service::kRdap, true);
  e.dnssec = false;
  e.rdds43_server = fmt::format("whois.registrar{}.test", iana_id);
  e.rdds80_url = fmt::format("https://whois.registrar{}.test/", iana_id);
  e.rdap_base_url = fmt::format("https://rdap.registrar{}.test/rdap/", iana_id);
  e.test_domain = "example.com";
  return e;
}

std::vector<ProbeNode> SyntheticProbes(int count, std::uint64_t seed) {
  std::vector<ProbeNode> out;
  out.reserve(static_cast<std::size_t>(std::max(0, count)));
  for (int i = 0; i < count; ++i) {
    ProbeNode p;
    const auto city = static_cast<std::size_t>(i) % kCities.size();
    p.name = fmt::format("{}{}", kCities[city], static_cast<std::size_t>(i) / kCities.size() + 1);
    p.ipv4 = true;
    p.ipv6 = Below(HashOf(seed, HashString(p.name)), 7) != 0;
    p.rdds = true;
    p.rdap = true;
    p.ipv4_addresses.push_back(fmt::format("100.64.{}.{}", (i / 250) % 256, i % 250 + 1));
    if (p.ipv6) p.ipv6_addresses.push_back(fmt::format("2001:db8:ffff::{:x}", i + 1));
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace tldmon::sim
