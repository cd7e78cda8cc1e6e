// What `tldmon admin entity add|update` accepts, turned into an EntityConfig
// (docs/operations.md "Entities"). Only the options given change anything on
// update; every result is validated as a whole before the store sees it.
//
//   --cctld / --gtld           registries: ccTLD or gTLD (default gTLD)
//   --services LIST            "dns,dnssec,rdds,rdap" (any spelling of
//                              ParseServiceName); default: what the targets
//                              given imply (below)
//   --ns NAME=IP[,IP...]       a name server, repeatable; on update the list
//                              given replaces the whole list
//   --min-ns SCHEDULE          "2" or "2;1767225600:3" (MinNsSchedule)
//   --no-dnssec / --dnssec     whether DNSSEC is tested
//   --test-prefix LABEL        the non-existent name queried (<prefix>.<tld>.)
//   --rdds HOST                RDDS43 (WHOIS) server
//   --rdds80 URL               RDDS80 (web WHOIS) URL, http or https
//   --rdap URL                 RDAP base URL, https
//   --test-domain NAME         the existing object RDDS/RDAP query
// Implied services of a new entity: a registry has DNS (and DNSSEC unless
// --no-dnssec); RDDS when --rdds or --rdds80 is given; RDAP when --rdap is.
// Registrars have only RDDS and RDAP (mosapi-api.md §2.2) and reject the DNS
// options.
//
// Pure and thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/monitoring_config.h"
#include "core/status.h"
#include "core/time.h"

namespace tldmon::app {

struct EntityOptions {
  std::optional<bool> cctld;
  std::optional<std::string> services;
  std::vector<std::string> ns;
  std::optional<std::string> min_ns;
  std::optional<bool> dnssec;
  std::optional<std::string> test_prefix;
  std::optional<std::string> rdds43;
  std::optional<std::string> rdds80;
  std::optional<std::string> rdap;
  std::optional<std::string> test_domain;

  bool empty() const;
};

// "ns1.example=192.0.2.1,2001:db8::1".
Result<NameServer> ParseNameServerOption(const std::string& text);

// "a, b,c" -> {"a", "b", "c"}: the parts of a comma list, spaces around each
// trimmed (empty parts kept, so the caller can refuse them).
std::vector<std::string> SplitComma(std::string_view text);

// A new entity from the options (services implied as above when --services
// is absent). InvalidArgument naming the option at fault.
Result<EntityConfig> BuildEntity(const EntityId& id, const EntityOptions& options);

// `current` with the given options applied. A changed configuration gets
// `now` appended to config_times, so the cycles around the change are
// Up-inconclusive-reconfig (slam-algorithms.md §5). Services are kept unless
// --services is given, except that a target given for a service the entity
// does not have yet enables it.
Result<EntityConfig> UpdateEntity(EntityConfig current, const EntityOptions& options,
                                  UnixSeconds now);

// The configuration as `entity list --json` prints it.
nlohmann::json EntityJson(const EntityConfig& e);

}  // namespace tldmon::app
