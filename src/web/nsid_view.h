// The entity page's NSID panel (docs/dashboard.md "GET
// /ui/api/entity/…/nsid"): for every name-server IP, which anycast
// instances (NSIDs) the probes see now and which probes see each, and the
// changes inside the range — a probe that saw one instance and then
// another. First sightings are not changes, and neither is the repeat the
// engine writes after a restart (engine::NsidMemory).
#pragma once

#include <string>

#include "core/entity_id.h"
#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace tldmon::web {

inline constexpr std::size_t kMaxNsidChanges = 500;  // newest first; the count is exact

// NotFound for an entity the store does not know.
Result<std::string> NsidViewJson(const store::Store& store, const EntityId& entity, int days,
                                 UnixSeconds now);

// The NSID as text when every byte of the hex is printable ASCII (what
// `dig +nsid` shows next to the hex), else "".
std::string NsidText(std::string_view hex);

}  // namespace tldmon::web
