// What is monitored: entities (TLDs and registrars) with their services and
// test targets, and the probe nodes. Plain data, copied freely; the store owns
// the persistent copy, the engine reads a snapshot.
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/entity_id.h"
#include "core/service.h"
#include "core/status.h"
#include "core/time.h"

namespace tldmon {

// {$RSM.TLD.DNS.AVAIL.MINNS}: "N" or "N;<unix_ts>:M[;<ts>:M...]" — from ts on,
// M name servers must be up (slam-algorithms.md §4.1, E9).
struct MinNsSchedule {
  int initial = 2;
  std::vector<std::pair<UnixSeconds, int>> switches;  // ascending by time

  int At(UnixSeconds t) const;
  std::string ToString() const;
  static Result<MinNsSchedule> Parse(std::string_view text);
  friend bool operator==(const MinNsSchedule&, const MinNsSchedule&) = default;
};

struct NameServer {
  std::string name;               // "ns1.example" (no trailing dot)
  std::vector<std::string> ips;   // textual IPv4/IPv6 addresses, as provisioned
  friend bool operator==(const NameServer&, const NameServer&) = default;
};

struct EntityConfig {
  EntityId id;
  bool cctld = false;                     // registries only: ccTLD opted in
  std::bitset<kServiceCount> enabled;     // indexed by Index(Service)
  // DNS (registries only)
  std::vector<NameServer> name_servers;
  MinNsSchedule min_ns;
  bool dnssec = true;                     // DNSSEC tested (and DNSSEC service meaningful)
  std::string test_prefix = "nonexistent-tldmon";  // queried: <prefix>.<tld>.
  // RDDS / RDAP test targets
  std::string rdds43_server;              // "whois.nic.example"
  std::string rdds80_url;                 // "https://whois.nic.example/"
  std::string rdap_base_url;              // "https://rdap.nic.example/rdap/"
  std::string test_domain;                // existing object queried by RDDS/RDAP
  // Times at which the entity's configuration changed; a cycle within
  // reconfig_seconds of one is Up-inconclusive-reconfig (slam-algorithms.md §5).
  std::vector<UnixSeconds> config_times;

  bool IsEnabled(Service s) const { return enabled.test(static_cast<std::size_t>(Index(s))); }
  void SetEnabled(Service s, bool on) { enabled.set(static_cast<std::size_t>(Index(s)), on); }
  // Which services an entity of this kind can have at all: registrars only
  // RDDS and RDAP (mosapi-api.md §2.2).
  static bool ServiceAllowed(EntityKind kind, Service s);
  // Checks internal consistency: services allowed for the kind, DNS targets
  // present when DNS is enabled, IPs parse, names non-empty, no duplicates.
  Status Validate() const;
  friend bool operator==(const EntityConfig&, const EntityConfig&) = default;
};

struct ProbeNode {
  std::string name;                  // "Probe1-Server1"; shown as `city`
  bool ipv4 = true;                  // may test IPv4 targets
  bool ipv6 = true;                  // may test IPv6 targets
  bool rdds = true;                  // {$RSM.RDDS.ENABLED}
  bool rdap = true;                  // {$RSM.RDAP.ENABLED}
  std::vector<std::string> ipv4_addresses;  // source addresses (probe node list)
  std::vector<std::string> ipv6_addresses;
  Status Validate() const;
  friend bool operator==(const ProbeNode&, const ProbeNode&) = default;
};

// True iff text is an IPv6 literal (contains ':'); IPv4 otherwise.
bool IsIpv6Literal(std::string_view text);
// True iff text parses as an IPv4 or IPv6 address.
bool IsValidIp(std::string_view text);

}  // namespace tldmon
