// Name resolution in scenario files: entities, probe selections and name
// servers, against the header of a Scenario. Error messages carry no
// file:line; the parser adds it. Stateless; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/probe_report.h"
#include "core/status.h"
#include "sim/scenario.h"

namespace tldmon::sim {

// True iff the token names an entity ("ry/example", "rr/9999").
bool LooksLikeEntity(std::string_view token);

// Index of the entity written as `token` ("ry/example").
Result<std::size_t> ResolveEntity(const Scenario& sc, std::string_view token);

// The single entity of a scenario when a line leaves it out.
Result<std::size_t> DefaultEntity(const Scenario& sc);

// A probe selection: comma-separated items, each a probe name, a range
// "p3..p7" (same prefix, numeric suffixes, both ends declared) or "*" (every
// probe; only when `allow_star`, reported through `star`). Probes come back in
// ascending index order without duplicates.
Result<std::vector<ProbeIndex>> ResolveProbes(const Scenario& sc, std::string_view selection,
                                              bool allow_star, bool* star);

// Index of a name server of an entity, by full name ("ns1.example") or by its
// first label ("ns1") when that is unique.
Result<std::uint16_t> ResolveNameServer(const EntityConfig& e, std::string_view name);

}  // namespace tldmon::sim
