// The test configuration a probe pulls (GET /probe/v1/config,
// docs/formats/probe-protocol.md): what to test, for every entity, and the
// numbers of the tests (slam-algorithms.md §3, §4). Name servers go by name
// and address. Rendering is canonical (same config, same bytes: the ETag is
// a digest of them); parsing is bounded, because a probe must keep testing
// with its last good configuration rather than crash on a bad one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/entity_id.h"
#include "core/monitoring_config.h"
#include "core/status.h"
#include "core/time.h"

namespace tldmon::probewire {

inline constexpr int kProtocolVersion = 1;

// The probe itself, as the central side knows it (the probe node list).
struct ProbeIdentity {
  std::string name;
  bool ipv4 = true;           // {$RSM.IP4.ENABLED}
  bool ipv6 = true;           // {$RSM.IP6.ENABLED}
  bool rdds = true;           // {$RSM.RDDS.ENABLED}
  bool rdap = true;           // {$RSM.RDAP.ENABLED}
  bool manual_online = true;  // false: an operator took the probe offline
  friend bool operator==(const ProbeIdentity&, const ProbeIdentity&) = default;
};

// The numbers of the tests (RSM 2023 defaults; SlaParams on the central side).
struct TestSettings {
  int dns_cycle_seconds = 60;
  int rdds_cycle_seconds = 300;
  int rdap_cycle_seconds = 300;
  int tcp_ratio = 10;       // {$RSM.DNS.TEST.TCP.RATIO}
  int recover_udp = 3;      // {$RSM.DNS.TEST.RECOVER.UDP}
  int recover_tcp = 3;      // {$RSM.DNS.TEST.RECOVER.TCP}
  int udp_rtt_high_ms = 2500;
  int tcp_rtt_high_ms = 7500;
  int rdds_rtt_high_ms = 10000;
  int rdap_rtt_high_ms = 10000;
  std::string rdds_ns_string = "Name Server:";  // {$RSM.RDDS.NS.STRING}
  int max_redirects = 10;                       // {$RSM.RDDS.MAXREDIRS}
  friend bool operator==(const TestSettings&, const TestSettings&) = default;
};

// One entity's tests. A sub-service is tested iff its flag is set.
struct ProbeEntity {
  EntityId id;
  bool dns = false;
  bool dnssec = false;  // DNSSEC checks in the DNS test
  bool rdds43 = false;
  bool rdds80 = false;
  bool rdap = false;
  std::string test_prefix;                // queried: <prefix>.<tld>.
  std::vector<NameServer> name_servers;   // by name, with their addresses
  MinNsSchedule min_ns;
  std::string rdds43_server;              // host name or address
  std::string rdds80_url;
  std::string rdap_base_url;              // or "not listed" / "no https"
  std::string test_domain;                // RDDS43 and RDAP test domain
  friend bool operator==(const ProbeEntity&, const ProbeEntity&) = default;
};

struct ProbeConfig {
  int version = kProtocolVersion;
  UnixSeconds generated = 0;
  ProbeIdentity probe;
  TestSettings tests;
  std::vector<ProbeEntity> entities;  // ascending by id
  friend bool operator==(const ProbeConfig&, const ProbeConfig&) = default;
};

// Bounds a parser enforces (a config is at most a few MB for thousands of TLDs).
inline constexpr std::size_t kMaxEntities = 20000;
inline constexpr std::size_t kMaxNameServers = 64;
inline constexpr std::size_t kMaxIpsPerNameServer = 32;
inline constexpr std::size_t kMaxTextBytes = 255;
inline constexpr std::size_t kMaxUrlBytes = 2048;

// The probe's view of one configured entity: services, targets and name
// servers as the store holds them.
ProbeEntity ProbeEntityOf(const EntityConfig& config);

// Canonical JSON (docs/formats/probe-protocol.md "Configuration").
std::string RenderProbeConfig(const ProbeConfig& config);
// InvalidArgument naming the first problem; never throws.
Result<ProbeConfig> ParseProbeConfig(std::string_view json);

}  // namespace tldmon::probewire
